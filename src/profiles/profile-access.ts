import { judge, type Operation, type Verdict } from './judge';
import { relationBetween, type Relation, type RelationSource } from './relation';
import { SHAREABLE_FIELDS, type ShareableField } from './shareable-fields';
import type { VisibilityStore } from './visibility-store';

/**
 * Permission, then the answer (patent CN102664967A, steps D-1 and D-2): reads what the
 * {@link judge} needs, the target's settings and the relation between the two, once per
 * question, and asks it. Everything that shows or changes a person's field goes through here.
 */
export class ProfileAccess {
  constructor(
    private readonly visibility: VisibilityStore,
    private readonly relations: RelationSource,
  ) {}

  /**
   * May `requester` do `operation` on `target`'s `field`? Person IDs.
   * @throws Error when the settings or the relation cannot be read: no answer on a guess.
   */
  async check(requester: string, target: string, operation: Operation, field: ShareableField): Promise<Verdict> {
    const [settings, relation] = await Promise.all([
      this.visibility.settingsOf(target),
      relationBetween(this.relations, requester, target),
    ]);
    return judge({ requester, target, operation, field, relation, settings });
  }

  /**
   * The fields of `target` that `requester` may see, in card order: one settings read and one
   * relation lookup for the whole card, then the judge for each field.
   * @throws Error when the settings or the relation cannot be read.
   */
  async visibleFields(requester: string, target: string): Promise<ShareableField[]> {
    const [settings, relation] = await Promise.all([
      this.visibility.settingsOf(target),
      relationBetween(this.relations, requester, target),
    ]);
    return SHAREABLE_FIELDS.filter((field) => judge({ requester, target, operation: 'see', field, relation, settings }).allowed);
  }

  /**
   * For each of `relations`, the fields of `target` that someone standing in that relation to
   * them would see, whoever it is: previews for the person themself (`card` shows what people
   * in their circles see, and how much contacts and anyone see). One settings read for all; the
   * relations are given, not asked. A `self` relation sees nothing here: a preview is always of
   * someone else.
   * @throws Error when the settings cannot be read.
   */
  async visibleFieldsAs(target: string, relations: readonly Relation[]): Promise<ShareableField[][]> {
    const settings = await this.visibility.settingsOf(target);
    // No person ID is this one, so the judge never takes the viewer for the target.
    const requester = 'someone else';
    return relations.map((relation) => (relation.kind === 'self'
      ? []
      : SHAREABLE_FIELDS.filter((field) => judge({ requester, target, operation: 'see', field, relation, settings }).allowed)));
  }
}
