/**
 * Fresh signed pushes for the load phases: each with its own MsgId, from a pool of followers,
 * timestamped now (the bot refuses timestamps outside its replay window).
 */
import { aesEncrypt, aesPlaintext, encryptedPush, signedQuery, textPushXml } from '../support/signed-push';
import { PLAIN, SAFE, type BenchAccount } from './accounts';

const FOLLOWERS = 500;
let counter = 0;
// Redis here keeps nothing between runs, but a prefix from the clock keeps MsgIds apart if it ever did.
const runPrefix = String(Date.now() % 1e9).padStart(9, '0');

/** A request the platform would send: path with query, and body. Resent unchanged on retries. */
export interface SignedRequest {
  path: string;
  body: string;
}

/** The next follower's openID (28 characters, like the platform's). */
export function openIdFor(n: number): string {
  return `oFault${String(n % FOLLOWERS).padStart(22, '0')}`;
}

/** A new `text` push to `account` (plain or safe) with a MsgId never used before. */
export function freshTextPush(content = 'help', account: BenchAccount = PLAIN): SignedRequest {
  counter += 1;
  const xml = textPushXml({ to: account.originalId, from: openIdFor(counter), content, msgId: `${runPrefix}${String(counter).padStart(9, '0')}` });
  if (account.mode === 'plain') return { path: `/webhooks/${account.id}?${signedQuery(account.token)}`, body: xml };
  const safe = account as typeof SAFE;
  const { query, body } = encryptedPush(safe, aesEncrypt(safe, aesPlaintext(xml, safe.appId)), safe.originalId);
  return { path: `/webhooks/${account.id}?${query}`, body };
}
