/**
 * Splits command arguments the way Chinese and English input methods produce them.
 *
 * - Full-width forms become ASCII (NFKC: `ｈｅｌｐ`→`help`, `\u3000`→space, `，`→`,`), so a
 *   follower typing with a Chinese IME is understood.
 * - Runs of spaces separate arguments; leading and trailing spaces vanish.
 * - Quotes group words: "…", '…', “…”, ‘…’, 「…」, 『…』. An unclosed quote takes the rest.
 *
 * Pure and total: any string gives a list, never an exception.
 */
export function tokenizeArgs(input: string): string[] {
  const text = normalizeInput(input);
  const tokens: string[] = [];
  let current = '';
  let inToken = false;
  let closing: string | null = null;

  for (const ch of text) {
    if (closing !== null) {
      if (ch === closing) closing = null;
      else current += ch;
      continue;
    }
    const close = QUOTE_PAIRS.get(ch);
    if (close !== undefined) {
      closing = close;
      inToken = true;
    } else if (/\s/.test(ch)) {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
    } else {
      current += ch;
      inToken = true;
    }
  }
  if (inToken) tokens.push(current);
  return tokens;
}

/** NFKC plus trimming: the form command names and arguments are matched in. */
export function normalizeInput(input: string): string {
  return input.normalize('NFKC').trim();
}

// Opening quote → closing quote. NFKC leaves the curly and corner quotes as they are.
const QUOTE_PAIRS = new Map<string, string>([
  ['"', '"'],
  ["'", "'"],
  ['\u201c', '\u201d'],
  ['\u2018', '\u2019'],
  ['\u300c', '\u300d'],
  ['\u300e', '\u300f'],
]);
