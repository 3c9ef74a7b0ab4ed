/**
 * What the browser edge (web/) needs from the bot, as interfaces: web/ knows no persons, stores
 * or tokens' insides, and src/ knows no HTTP. The composition root (src/compose.ts) plugs the
 * bot's implementations in (src/profiles/profile-links.ts for the links, src/profiles/own-page.ts
 * for the own page).
 */

/** A file to hand to the browser as a download. */
export interface LinkDownload {
  /** The file's text (UTF-8). */
  body: string;
  /** The name to save it under, as people read it (may be Chinese): sent as RFC 5987 `filename*`. */
  filename: string;
  /** The same in ASCII letters, digits, `.`, `-` and `_`, for clients that do not read `filename*`. */
  asciiFilename: string;
}

/**
 * Why a link gives nothing: `not-found` (not a link of ours, altered, or the person is no longer
 * known) or `expired` (ours, but past its time; a new one is a chat command away).
 */
export type LinkRefusal = { refused: 'not-found' | 'expired' };

/** The downloads behind signed links. Each judges its token; none throws for a bad one. */
export interface LinkService {
  /** `/cards/<token>.vcf`: a card as vCard 3.0, as its requester may see it now. */
  vcard(token: string): Promise<LinkDownload | LinkRefusal>;
  /** `/export/<token>.json`: everything held about a person, as JSON. */
  exportJson(token: string): Promise<LinkDownload | LinkRefusal>;
}

/** A text in both languages (the page shows the reader's; a JSON client picks). */
export interface BilingualText {
  zh: string;
  en: string;
}

/** Who may see a field, as the page offers it (docs commands.md §2). */
export type PageAudience = 'nobody' | 'contacts' | 'circles' | 'everyone';

/** One field of the own page, in card order, whether set or not. */
export interface OwnPageField {
  /** The field's English name, which is also its input name (`name` … `about`). */
  field: string;
  name: BilingualText;
  /** Null when the field is not set. */
  value: string | null;
  /** Where the value came from, in words (the console of an account, chat, the page, a vCard). */
  source: BilingualText | null;
  /** The kind of source: `console`, `chat`, `web`, `vcard`. */
  sourceKind: string | null;
  /** When the source says the value is from, ISO 8601. */
  updatedAt: string | null;
  audience: PageAudience;
  /** Circles granted besides the audience (`share <field> circle:<code>`), by code. */
  circles: string[];
  /** False for the phone: only `bind` sets it. */
  editable: boolean;
  /** False for the phone and for a value from a platform's console (it would come back). */
  clearable: boolean;
  /** Why the field is not editable or not clearable, when it is not. */
  note: BilingualText | null;
}

/** What the own page shows: the person code, each field, the audiences to choose from, the link's expiry. */
export interface OwnPageView {
  personCode: string;
  fields: OwnPageField[];
  audiences: Array<{ audience: PageAudience; name: BilingualText }>;
  /** When the link stops working, ISO 8601, and how many seconds that is from now by the server's clock. */
  expiresAt: string;
  expiresInSeconds: number;
}

/** What a change did to one field (or, for a refusal, to what was sent under that name). */
export interface OwnPageFieldResult {
  field: string;
  outcome: 'added' | 'replaced' | 'cleared' | 'unchanged' | 'kept' | 'refused' | 'shared';
  message: BilingualText;
}

/** A change made: per field what happened, what else to know, and the page as it is now. */
export interface OwnPageChange {
  results: OwnPageFieldResult[];
  notices: BilingualText[];
  page: OwnPageView;
}

/** A request refused as a whole (a malformed vCard, an unknown audience): nothing changed, and why. */
export type OwnPageInvalid = { invalid: BilingualText };

/**
 * A person's own page behind `/me/<token>` (a `me` link, 1 hour): each method judges the token
 * first and answers a {@link LinkRefusal} for a bad, expired or orphaned one; none throws for a
 * bad token or bad input, only when a store fails.
 */
export interface OwnPageService {
  /** The page's data. */
  view(token: string): Promise<OwnPageView | LinkRefusal>;
  /** The profile form: field → text; an empty text clears the field. */
  saveFields(token: string, form: Readonly<Record<string, unknown>>): Promise<OwnPageChange | OwnPageInvalid | LinkRefusal>;
  /** `share <field|all> <audience>` from the page. */
  share(token: string, field: string, audience: string): Promise<OwnPageChange | OwnPageInvalid | LinkRefusal>;
  /** A vCard file's bytes, merged into the profile. */
  uploadVcard(token: string, file: Uint8Array): Promise<OwnPageChange | OwnPageInvalid | LinkRefusal>;
}
