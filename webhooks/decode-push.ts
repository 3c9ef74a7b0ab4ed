import { CipherError, MessageCipher } from './message-cipher';
import { PushFormatError, readEncryptedEnvelope, readXmlFields, toPush } from './parse-push';
import type { WebhookAccount } from './ports';
import type { Push } from './push';
import { signaturesMatch, signPush } from './signature';
import { WebhookRejection } from './webhook-rejection';

/** The query string the platform adds to every call (docs/protocol.md §2.1, 2.5). */
export interface PushQuery {
  signature?: string;
  timestamp?: string;
  nonce?: string;
  msg_signature?: string;
}

export interface DecodedPush {
  push: Push;
  /** The push came encrypted, so the reply must be encrypted too. */
  encrypted: boolean;
}

/**
 * How far a signed timestamp may be from this server's clock, in seconds (docs/protocol.md §2.1).
 * The platform signs each try when it sends it and retries within about 15 s, so this is
 * mostly clock skew. A push seen once stays seen for twice this long (see compose.ts), so a
 * signed push replayed later is refused here, and one replayed sooner is a duplicate.
 */
export const REPLAY_WINDOW_S = 150;

/**
 * Rejects with 401 unless `signature` signs token, timestamp and nonce (constant-time compare)
 * and the timestamp is within REPLAY_WINDOW_S of `nowMs`.
 */
export function verifyQuerySignature(account: WebhookAccount, query: PushQuery, nowMs: number = Date.now()): void {
  const { signature, timestamp, nonce } = query;
  if (!signature || !timestamp || !nonce) throw new WebhookRejection(401, 'missing signature, timestamp or nonce');
  if (!signaturesMatch(signPush(account.token, timestamp, nonce), signature)) {
    throw new WebhookRejection(401, 'bad signature');
  }
  if (!/^\d{1,12}$/.test(timestamp)) throw new WebhookRejection(401, 'timestamp is not a number of seconds');
  if (Math.abs(Number(timestamp) - nowMs / 1000) > REPLAY_WINDOW_S) {
    throw new WebhookRejection(401, `timestamp outside the accepted window (±${REPLAY_WINDOW_S} s of this server's clock)`);
  }
}

/**
 * Verifies, decrypts and parses one POSTed push for `account`.
 * Which mode applies is the account's configuration, not what the request claims: a plain
 * account ignores `Encrypt`, a safe account requires it, a compatible one takes either.
 * Rejects with `WebhookRejection` (401 signature or stale timestamp, 400 format) and nothing else.
 */
export async function decodePush(account: WebhookAccount, query: PushQuery, body: string, nowMs: number = Date.now()): Promise<DecodedPush> {
  verifyQuerySignature(account, query, nowMs);
  const fields = await readFields(body);
  const encrypted = account.mode === 'safe' || (account.mode === 'compatible' && fields.Encrypt !== undefined);
  const inner = encrypted ? await readFields(decrypt(account, query, fields)) : fields;
  let push: Push;
  try {
    push = toPush(inner);
  } catch (error) {
    throw asRejection(error);
  }
  if (push.toUserName !== account.originalId) {
    throw new WebhookRejection(400, `ToUserName is not the original id configured for account ${account.id}`);
  }
  return { push, encrypted };
}

/**
 * The account's cipher, built once per account (the key is decoded and checked on construction).
 * @throws WebhookRejection 400 when the account has no key and appId configured.
 */
export function cipherFor(account: WebhookAccount): MessageCipher {
  let cipher = ciphers.get(account);
  if (!cipher) {
    if (!account.encodingAESKey || !account.appId) {
      throw new WebhookRejection(400, 'the account has no encodingAESKey and appId configured');
    }
    cipher = new MessageCipher(account.encodingAESKey, account.appId);
    ciphers.set(account, cipher);
  }
  return cipher;
}

const ciphers = new WeakMap<WebhookAccount, MessageCipher>();

function decrypt(account: WebhookAccount, query: PushQuery, fields: Record<string, string>): string {
  let encrypt: string;
  try {
    encrypt = readEncryptedEnvelope(fields).encrypt;
  } catch (error) {
    throw error instanceof PushFormatError
      ? new WebhookRejection(400, `${error.message} (the account is in safe mode)`)
      : error;
  }
  const { timestamp = '', nonce = '', msg_signature: given } = query;
  if (!given || !signaturesMatch(signPush(account.token, timestamp, nonce, encrypt), given)) {
    throw new WebhookRejection(401, 'bad msg_signature');
  }
  try {
    return cipherFor(account).decrypt(encrypt);
  } catch (error) {
    if (error instanceof CipherError) throw new WebhookRejection(400, `cannot decrypt: ${error.message}`);
    throw error;
  }
}

async function readFields(xml: string): Promise<Record<string, string>> {
  try {
    return await readXmlFields(xml);
  } catch (error) {
    throw asRejection(error);
  }
}

function asRejection(error: unknown): unknown {
  return error instanceof PushFormatError ? new WebhookRejection(400, error.message) : error;
}
