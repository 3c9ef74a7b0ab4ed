import { decodeHTML } from 'entities';

/**
 * Text as the matcher compares it (docs/protocol.md §4.1). The console shows a message's text with
 * `<br/>` for newlines, entities such as `&nbsp;`, and may trim it differently from the push:
 * both sides are brought to one form: line breaks turned back, entities decoded, every run of
 * whitespace (non-breaking spaces included) made one space, and the ends trimmed.
 */
export function normalizeContent(text: string): string {
  return decodeHTML(text.replace(/<br\s*\/?>/gi, '\n'))
    .replace(/[\s\u00a0\u3000]+/g, ' ')
    .trim();
}
