/**
 * `Content-Disposition: attachment` with a name that survives in every browser (RFC 6266):
 * `filename*` (RFC 5987/8187, UTF-8, percent-encoded) carries the name as people read it, a
 * Chinese one included; `filename` carries an ASCII fallback for the few clients that do not
 * read `filename*`. Both come from text a person typed (their name), so both are cleaned first.
 */

/** Characters a saved file name must not hold: controls and invisible format characters (a right-to-left override can disguise `.vcf` as something else), path separators, and what file systems refuse. */
const UNSAFE = /[\p{Cc}\p{Cf}\\/:*?"<>|]/gu;
/** Code points kept of a name: address books and file systems alike choke on longer ones. */
const MAX_CHARS = 80;

/**
 * `name` as a file name: line breaks and other spaces collapsed to one space, unsafe characters
 * dropped, leading dots dropped (no hidden file, no `..`), the part before the extension cut to
 * {@link MAX_CHARS} characters; `fallback` when nothing is left of that part.
 */
export function safeFilename(name: string, fallback: string): string {
  const cleaned = name.normalize('NFC').replace(/\s+/g, ' ').replace(UNSAFE, '').trim();
  const dot = cleaned.lastIndexOf('.');
  const [stem, extension] = dot >= 0 ? [cleaned.slice(0, dot), cleaned.slice(dot)] : [cleaned, ''];
  const cut = Array.from(stem.replace(/^[.\s]+/, '')).slice(0, MAX_CHARS).join('').trim();
  return cut === '' ? fallback : `${cut}${extension}`;
}

/** `name` in ASCII letters, digits, `.`, `-` and `_` only; `fallback` when nothing is left. */
export function asciiFilename(name: string, fallback: string): string {
  const ascii = name.replace(/[^A-Za-z0-9._-]/g, '').replace(/^\.+/, '').slice(0, MAX_CHARS);
  return ascii === '' ? fallback : ascii;
}

/** RFC 5987 `value-chars`: percent-encoded UTF-8 of everything but `attr-char`. */
function encodeExtValue(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The header value for downloading a file saved as `filename` (any script), with `ascii` as the
 * fallback name. Both are cleaned here, whatever the caller passed.
 */
export function attachmentDisposition(filename: string, ascii: string): string {
  const fallback = asciiFilename(ascii, 'download');
  const name = safeFilename(filename, fallback);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeExtValue(name)}`;
}
