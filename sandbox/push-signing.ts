/**
 * The platform's side of push signatures (docs/protocol.md §2.1 and 2.5), written again here because
 * the sandbox shares no code with the bot: it must catch the bot's mistakes, not repeat them.
 */
import { createHash } from 'node:crypto';

/**
 * SHA-1 (lowercase hex) of the parts sorted lexicographically and joined without a separator.
 * `[token, timestamp, nonce]` gives `signature`; adding the `Encrypt` field gives `msg_signature`.
 */
export function sha1Signature(parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join(''), 'utf8').digest('hex');
}
