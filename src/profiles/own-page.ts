import type { LinkRefusal, OwnPageChange, OwnPageInvalid, OwnPageService, OwnPageView } from '../../web/ports';
import { UserError } from '../errors';
import type { LinkTokens } from './link-tokens';
import type { Person } from './person.model';
import type { PersonDirectory } from './person-directory';
import type { ProfileStore } from './profile-store';
import { submitWebForm, uploadVcard } from './profile-uploads';
import { changeResults, ownPageView, shareResults } from './own-page-view';
import type { VisibilityStore } from './visibility-store';

export interface OwnPageOptions {
  tokens: Pick<LinkTokens, 'open'>;
  persons: Pick<PersonDirectory, 'personById'>;
  profiles: ProfileStore;
  visibility: Pick<VisibilityStore, 'settingsOf' | 'share'>;
  now?: () => Date;
}

/** The person a page token names, and when the token stops working. */
interface Opened {
  person: Person;
  expiresAt: Date;
}

/**
 * A person's own page (`/me/<token>`), the domain side of web/ports.ts `OwnPageService`: the
 * profile with sources and sharing, the form (web decoder), `share`, and the vCard upload
 * (vCard decoder), each merged through the same validity table and merge as every source.
 *
 * The token is the only credential: it names the person and is judged on every call, so an
 * expired link stops editing at once and a forgotten person's link finds nothing. It grants the
 * person's own rights and no more: no field another source alone may set (the phone) becomes
 * settable here.
 */
export class OwnPage implements OwnPageService {
  private readonly now: () => Date;

  constructor(private readonly options: OwnPageOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async view(token: string): Promise<OwnPageView | LinkRefusal> {
    const opened = await this.open(token);
    return 'refused' in opened ? opened : this.viewOf(opened);
  }

  saveFields(token: string, form: Readonly<Record<string, unknown>>): Promise<OwnPageChange | OwnPageInvalid | LinkRefusal> {
    return this.change(token, async ({ person }) => {
      const report = await submitWebForm(this.options.profiles, person.personId, form, this.now());
      return { results: changeResults(report), notices: report.notices };
    });
  }

  share(token: string, field: string, audience: string): Promise<OwnPageChange | OwnPageInvalid | LinkRefusal> {
    return this.change(token, async ({ person }) => {
      const outcome = await this.options.visibility.share(person.personId, field, audience);
      return { results: shareResults(outcome), notices: [] };
    });
  }

  uploadVcard(token: string, file: Uint8Array): Promise<OwnPageChange | OwnPageInvalid | LinkRefusal> {
    return this.change(token, async ({ person }) => {
      const report = await uploadVcard(this.options.profiles, person.personId, file, this.now());
      return { results: changeResults(report), notices: report.notices };
    });
  }

  /** Opens the token, runs `work` for its person, and answers the page as it is afterwards; a UserError is the request's refusal. */
  private async change(
    token: string,
    work: (opened: Opened) => Promise<Pick<OwnPageChange, 'results' | 'notices'>>,
  ): Promise<OwnPageChange | OwnPageInvalid | LinkRefusal> {
    const opened = await this.open(token);
    if ('refused' in opened) return opened;
    let done: Pick<OwnPageChange, 'results' | 'notices'>;
    try {
      done = await work(opened);
    } catch (error) {
      if (error instanceof UserError) return { invalid: error.text };
      throw error;
    }
    return { ...done, page: await this.viewOf(opened) };
  }

  private async open(token: string): Promise<Opened | LinkRefusal> {
    const opened = await this.options.tokens.open('me', token);
    if (!opened.ok) return { refused: opened.reason === 'expired' ? 'expired' : 'not-found' };
    const person = await this.options.persons.personById(opened.claims.person);
    return person ? { person, expiresAt: opened.claims.expiresAt } : { refused: 'not-found' };
  }

  private async viewOf({ person, expiresAt }: Opened): Promise<OwnPageView> {
    const [profile, settings] = await Promise.all([
      this.options.profiles.profileOf(person.personId),
      this.options.visibility.settingsOf(person.personId),
    ]);
    return ownPageView(person.code, profile, settings, expiresAt, this.now());
  }
}
