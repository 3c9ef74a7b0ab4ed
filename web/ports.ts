/**
 * What the browser edge (web/) needs from the bot, as interfaces: web/ knows no persons, stores
 * or tokens' insides, and src/ knows no HTTP. The composition root (src/compose.ts) plugs the
 * bot's implementations in (src/profiles/profile-links.ts).
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
