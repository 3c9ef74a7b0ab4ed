import { buildCard, type Card } from './card';
import type { Person } from './person.model';
import type { ProfileAccess } from './profile-access';
import type { ProfileStore } from './profile-store';
import { ANYONE, type Relation } from './relation';

/**
 * Someone in a circle with the person, in no circle a grant names (an empty code is no circle
 * code): what "people in your circles" see. A field granted to one circle only is not on it.
 */
export const IN_A_CIRCLE: Relation = { kind: 'other', contact: false, commonCircles: [''] };
/** A contact who shares no circle with the person. */
export const A_CONTACT: Relation = { kind: 'other', contact: true, commonCircles: [] };

/** A person's own card as `card` shows it: what people in their circles see, and how that compares. */
export interface OwnCardView {
  /** The card people in the person's circles see (nickname, gender and region until shared otherwise). */
  card: Card;
  /** Fields set that contacts see and people in circles do not. */
  contactsSeeMore: number;
  /** Fields set that anyone who asks sees. */
  anyoneSees: number;
}

/**
 * Cards as someone may see them now: built from the profile (one read) and the judge's verdict
 * (ProfileAccess: one settings read and one relation question), never from what was allowed
 * when a link was made. Used by `card` in chat and by the vCard behind a card link.
 */
export class ProfileCards {
  constructor(
    private readonly profiles: Pick<ProfileStore, 'profileOf'>,
    private readonly access: Pick<ProfileAccess, 'visibleFields' | 'visibleFieldsAs'>,
  ) {}

  /** `target`'s card as the person `requesterId` may see it. @throws Error when a store fails. */
  async cardFor(requesterId: string, target: Person): Promise<Card> {
    const [profile, visible] = await Promise.all([
      this.profiles.profileOf(target.personId),
      this.access.visibleFields(requesterId, target.personId),
    ]);
    return buildCard(target.code, profile, visible);
  }

  /** `person`'s card as people in their circles see it. @throws Error when a store fails. */
  async asCircles(person: Person): Promise<Card> {
    return (await this.ownCard(person)).card;
  }

  /**
   * `person`'s own card as people in their circles see it, with how many fields (set ones)
   * contacts see beyond it and how many anyone sees. @throws Error when a store fails.
   */
  async ownCard(person: Person): Promise<OwnCardView> {
    const [profile, [circles = [], contacts = [], anyone = []]] = await Promise.all([
      this.profiles.profileOf(person.personId),
      this.access.visibleFieldsAs(person.personId, [IN_A_CIRCLE, A_CONTACT, ANYONE]),
    ]);
    const card = buildCard(person.code, profile, circles);
    const onCard = new Set(card.entries.map((entry) => entry.field));
    const contactCard = buildCard(person.code, profile, contacts);
    return {
      card,
      contactsSeeMore: contactCard.entries.filter((entry) => !onCard.has(entry.field)).length,
      anyoneSees: buildCard(person.code, profile, anyone).entries.length,
    };
  }
}
