/**
 * The pusher: POSTs one signed push to an account's webhook the way the platform does
 * (docs/protocol.md §2.4): wait `pushTimeoutMs`, drop the connection and retry with the same XML,
 * `pushAttempts` times in all; then read the final answer and record what the follower got.
 */
import { encryptXml } from './push-crypto';
import { sha1Signature } from './push-signing';
import { buildXml, type ReplySummary, type XmlValue } from './push-xml';
import { readReply } from './push-reply';
import type { Account, Follow } from './platform-model';
import type { Platform } from './platform-state';

/** What happened to one push: the control API's answer to `POST /_sandbox/send`. */
export interface PushResult {
  openId: string;
  /** Messages only; events carry no MsgId. */
  msgId?: string;
  createTime: number;
  /** Attempts made, the first included. */
  attempts: number;
  /** HTTP status of the answered attempt; 0 when none answered. */
  status: number;
  /** The reply the follower saw; null for none (`success`, empty, or no answer in time). */
  reply: ReplySummary | null;
  elapsedMs: number;
  /** Why no attempt was answered (timeouts, connection errors), when none was. */
  error?: string;
}

/** Signs (and for safe/compatible accounts encrypts) a push; returns the URL and the body to POST. */
export function preparePush(platform: Platform, account: Account, fields: Record<string, XmlValue>): { url: string; body: string } {
  // The query's timestamp is the wall clock, not the sandbox clock: the bot refuses pushes signed
  // outside its replay window, and `advanceClock` simulates time passing for the rules that
  // depend on it (CreateTime, the 48-hour rule), not a platform whose clock is two days off.
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(1_000_000_000 + platform.nextSerial('nonce'));
  const url = new URL(account.webhookUrl);
  url.searchParams.set('signature', sha1Signature([account.token, timestamp, nonce]));
  url.searchParams.set('timestamp', timestamp);
  url.searchParams.set('nonce', nonce);
  if (account.mode === 'plain') return { url: url.toString(), body: buildXml(fields) };
  const encrypt = encryptXml(buildXml(fields), account.encodingAESKey ?? '', account.appId ?? '');
  url.searchParams.set('encrypt_type', 'aes');
  url.searchParams.set('msg_signature', sha1Signature([account.token, timestamp, nonce, encrypt]));
  const body = account.mode === 'safe'
    ? buildXml({ ToUserName: account.originalId, Encrypt: encrypt })
    : buildXml({ ...fields, Encrypt: encrypt });
  return { url: url.toString(), body };
}

/**
 * Delivers a push and records its outcome: a reply goes into the "sent" list as passive, and a
 * text reply also into the conversation as a message from the account.
 *
 * @param recordReply false for `unsubscribe`: no reply reaches a person who left
 */
export async function deliverPush(
  platform: Platform,
  account: Account,
  follow: Pick<Follow, 'openId' | 'fakeId'>,
  fields: Record<string, XmlValue>,
  recordReply = true,
): Promise<PushResult> {
  const started = Date.now();
  const { url, body } = preparePush(platform, account, fields);
  const createTime = Number(fields.CreateTime);
  const msgId = fields.MsgId === undefined ? undefined : String(fields.MsgId);
  const errors: string[] = [];
  let attempts = 0;
  let answer: { status: number; text: string } | undefined;
  while (attempts < platform.knobs.pushAttempts && !answer && !platform.shutdown.signal.aborted) {
    attempts += 1;
    try {
      answer = await postOnce(url, body, platform.knobs.pushTimeoutMs, platform.shutdown.signal);
    } catch (error) {
      errors.push(describe(error, platform.knobs.pushTimeoutMs));
    }
  }
  const reply = answer && answer.status < 300 ? await readReply(account, follow.openId, answer.text) : null;
  if (reply && reply.type !== 'error' && recordReply) recordPassiveReply(platform, account, follow, reply);
  if (recordReply && !platform.shutdown.signal.aborted && (reply?.type === 'error' || !answer)) {
    // What the follower would see instead of a reply: the platform's error notice.
    const why = reply?.content ?? `no answer: ${errors.join('; ')}`;
    platform.recordChat({ accountId: account.id, fakeId: follow.fakeId, from: 'platform', kind: 'error', content: why, at: platform.nowSeconds() });
  }
  return {
    openId: follow.openId,
    ...(msgId === undefined ? {} : { msgId }),
    createTime,
    attempts,
    status: answer?.status ?? 0,
    reply,
    elapsedMs: Date.now() - started,
    ...(answer ? {} : { error: errors.join('; ') || 'sandbox closed' }),
  };
}

async function postOnce(url: string, body: string, timeoutMs: number, shutdown: AbortSignal): Promise<{ status: number; text: string }> {
  const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), shutdown]);
  // The deadline covers reading the body too: a bot that answers headers then stalls is as late.
  const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'text/xml; charset=utf-8' }, signal });
  return { status: response.status, text: await response.text() };
}

function describe(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  if (name === 'AbortError') return 'sandbox closed';
  const cause = (error as { cause?: { code?: string } } | null)?.cause?.code;
  return cause ?? (error instanceof Error ? error.message : String(error));
}

function recordPassiveReply(platform: Platform, account: Account, follow: Pick<Follow, 'openId' | 'fakeId'>, reply: ReplySummary): void {
  const at = platform.nowSeconds();
  const content = reply.content ?? '';
  platform.recordSent({ accountId: account.id, via: 'passive', fakeId: follow.fakeId, openId: follow.openId, type: reply.type, content, at });
  if (reply.type === 'text') {
    platform.recordMessage({ accountId: account.id, peerFakeId: follow.fakeId, direction: 'out', type: 1, content, dateTime: at, hidden: false });
  }
}
