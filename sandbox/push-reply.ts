/**
 * Reading the bot's answer to a push (docs/protocol.md §2.3, 2.5) as the platform would: `success` or
 * an empty body is no reply; a reply to an encrypted push is checked and decrypted first; an
 * answer the platform could not use becomes an `error` reply (the follower sees an error notice).
 */
import { decryptXml } from './push-crypto';
import { sha1Signature } from './push-signing';
import { parseXml, summariseReply, textOf, type ReplySummary, type XmlFields } from './push-xml';
import type { Account } from './platform-model';

const failed = (content: string): ReplySummary => ({ type: 'error', content });

/**
 * Turns the body the bot answered into what the follower sees.
 *
 * Safe accounts must answer encrypted; compatible ones may answer either way; plain ones plain.
 * The reply must be addressed from the account's original id to the follower's openID.
 */
export async function readReply(account: Account, openId: string, body: string): Promise<ReplySummary | null> {
  const text = body.trim();
  if (text === '' || text === 'success') return null;
  let fields: XmlFields;
  try {
    fields = await parseXml(text);
  } catch {
    return failed('the reply is not XML');
  }
  const encrypt = textOf(fields, 'Encrypt');
  if (account.mode === 'safe' && !encrypt) return failed('a safe-mode account must reply encrypted');
  if (account.mode !== 'plain' && encrypt) {
    const expected = sha1Signature([account.token, textOf(fields, 'TimeStamp'), textOf(fields, 'Nonce'), encrypt]);
    if (textOf(fields, 'MsgSignature') !== expected) return failed('MsgSignature does not match');
    try {
      fields = await parseXml(decryptXml(encrypt, account.encodingAESKey ?? '', account.appId ?? ''));
    } catch (error) {
      return failed(`cannot decrypt the reply: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (textOf(fields, 'ToUserName') !== openId) return failed('ToUserName is not the follower\'s openID');
  if (textOf(fields, 'FromUserName') !== account.originalId) return failed('FromUserName is not the account\'s original id');
  return summariseReply(fields);
}
