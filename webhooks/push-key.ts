import type { Push } from './push';

/**
 * The de-duplication key of a push (docs/protocol.md §2.4): `MsgId` for messages, and
 * `FromUserName + CreateTime + Event + EventKey` for events, which have no MsgId.
 * Scoped by account so two accounts never share a key.
 */
export function pushKey(accountId: string, push: Push): string {
  if (push.kind === 'message' && push.msgId !== undefined) return `push:${accountId}:m:${push.msgId}`;
  // Events, and the odd unknown message without a MsgId, are keyed by what identifies them.
  const [name, key] =
    push.kind === 'event'
      ? [push.event === 'unknown' ? push.rawEvent : push.event, push.eventKey]
      : [push.msgType === 'unknown' ? push.rawType : push.msgType, ''];
  return `push:${accountId}:e:${push.fromUserName}:${push.createTime}:${name}:${key}`;
}
