/**
 * What a person does on the platform, turned into state changes and a push: following, sending
 * a message, triggering an event. Messages enter the console's list at push time, with the
 * drawn clock skew; a subscribe creates the follow before the push, an unsubscribe ends it.
 */
import { deliverPush, type PushResult } from './pusher';
import type { XmlValue } from './push-xml';
import { SandboxError, type Account, type ConsoleMessageType, type Follow } from './platform-model';
import type { NewChatEntry, Platform } from './platform-state';

/** A point on the map. `lat` is pushed as Location_X, `lng` as Location_Y. */
export interface MapPoint {
  lat: number;
  lng: number;
  label?: string;
  scale?: number;
}

/** One thing a person sends to an account (`POST /_sandbox/send`). */
export interface PersonAction {
  account: string;
  fakeId: string;
  type: 'text' | 'location' | 'image' | 'voice' | 'event';
  content?: string;
  location?: MapPoint;
  event?: 'subscribe' | 'SCAN' | 'unsubscribe' | 'LOCATION' | 'CLICK';
  eventKey?: string;
  /** For subscribe: the scene of the QR code scanned (EventKey `qrscene_<scene>`). */
  scene?: string;
  /** Forces CreateTime (unix seconds), e.g. for same-second bursts. */
  at?: number;
}

/**
 * How a location message shows in the console's list (type 1, "shown as a link"): a fixed
 * `[位置]` prefix, the label, then a map link. The sandbox's choice; the real text varied.
 */
export function locationContent(point: MapPoint): string {
  return `[位置]${point.label ?? ''} https://maps.sandbox.invalid/?q=${point.lat},${point.lng}`;
}

/**
 * Records the action, pushes it to the account's webhook and waits for the outcome.
 *
 * @throws SandboxError 404 for an unknown account or person, 409 `not_following` when the
 *   person does not follow the account (any action but subscribe)
 */
export async function performAction(platform: Platform, action: PersonAction): Promise<PushResult> {
  const account = platform.account(action.account);
  platform.person(action.fakeId);
  const createTime = action.at ?? platform.nowSeconds();
  const follow = action.event === 'subscribe' && action.type === 'event'
    ? platform.findFollow(account.id, action.fakeId) ?? platform.follow(account.id, action.fakeId, createTime)
    : platform.findFollow(account.id, action.fakeId);
  if (!follow) throw notFollowing(action.fakeId, account.id);
  const envelope = { ToUserName: account.originalId, FromUserName: follow.openId, CreateTime: createTime };
  platform.recordChat(chatEntryOf(account, action, createTime));
  if (action.type === 'event') {
    const fields = { ...envelope, MsgType: 'event', ...eventFields(action) };
    if (action.event === 'unsubscribe') {
      platform.unfollow(account.id, action.fakeId);
      return deliverPush(platform, account, follow, fields, false);
    }
    follow.lastInteractionAt = createTime;
    return deliverPush(platform, account, follow, fields);
  }
  const msgId = platform.nextMsgId(createTime);
  recordIncoming(platform, account, follow, action, createTime);
  follow.lastInteractionAt = createTime;
  return deliverPush(platform, account, follow, { ...envelope, MsgType: action.type, ...messageFields(platform, action), MsgId: BigInt(msgId) });
}

/**
 * Makes a person follow an account; with `push` (the default) the subscribe event is pushed.
 *
 * @throws SandboxError as `Platform.follow` does
 */
export async function followAccount(
  platform: Platform,
  request: { account: string; fakeId: string; scene?: string; push?: boolean; at?: number },
): Promise<{ openId: string; push?: PushResult }> {
  const follow = platform.follow(request.account, request.fakeId, request.at);
  if (request.push === false) return { openId: follow.openId };
  const push = await performAction(platform, { ...request, type: 'event', event: 'subscribe' });
  return { openId: follow.openId, push };
}

/**
 * The refusal for a person acting on an account they do not follow: `error` for tools and logs,
 * and for the chat page a stable code and what to do, in both languages.
 */
export function notFollowing(fakeId: string, accountId: string): SandboxError {
  return new SandboxError(409, `${fakeId} does not follow ${accountId}`, {
    code: 'not_following',
    message: {
      zh: `你还没有关注 ${accountId}。先关注（点“关注”，或扫它的二维码），才能发消息和用菜单。`,
      en: `You do not follow ${accountId} yet. Follow it first (tap Follow, or scan its QR code) to send messages and use its menu.`,
    },
  });
}

/** The person's side of the chat page: what they sent or did, in a few words. */
function chatEntryOf(account: Account, action: PersonAction, at: number): NewChatEntry {
  const entry: NewChatEntry = { accountId: account.id, fakeId: action.fakeId, from: 'person', kind: action.type, content: action.content ?? '', at };
  const point = action.location;
  if (point) entry.location = { lat: point.lat, lng: point.lng, label: point.label ?? '' };
  if (action.type === 'event') {
    const fields = eventFields(action);
    entry.event = String(fields.Event);
    entry.eventKey = String(fields.EventKey ?? '');
    entry.content = '';
  }
  return entry;
}

function recordIncoming(platform: Platform, account: Account, follow: Follow, action: PersonAction, createTime: number): void {
  const type = action.type as 'text' | 'location' | 'image' | 'voice';
  const content = type === 'text' ? action.content ?? '' : type === 'location' && action.location ? locationContent(action.location) : '';
  const hidden = type === 'text' && platform.knobs.keywords.some((keyword) => content.includes(keyword));
  platform.recordMessage({
    accountId: account.id,
    peerFakeId: follow.fakeId,
    direction: 'in',
    type: consoleTypeOf(type),
    content,
    dateTime: createTime + platform.drawSkew(),
    hidden,
  });
}

function messageFields(platform: Platform, action: PersonAction): Record<string, XmlValue> {
  switch (action.type) {
    case 'text':
      return { Content: action.content ?? '' };
    case 'location': {
      const point = action.location ?? { lat: 0, lng: 0 };
      return { Location_X: point.lat, Location_Y: point.lng, Scale: point.scale ?? 15, Label: point.label ?? '' };
    }
    case 'image': {
      const mediaId = `sandbox-media-${platform.nextSerial('media')}`;
      return { PicUrl: `${platform.baseUrl}/_sandbox/media/${mediaId}.jpg`, MediaId: mediaId };
    }
    default:
      return { MediaId: `sandbox-media-${platform.nextSerial('media')}`, Format: 'amr' };
  }
}

function eventFields(action: PersonAction): Record<string, XmlValue> {
  const scene = action.scene ?? '';
  switch (action.event) {
    case 'subscribe':
      return scene ? { Event: 'subscribe', EventKey: `qrscene_${scene}`, Ticket: ticketFor(scene) } : { Event: 'subscribe', EventKey: action.eventKey ?? '' };
    case 'SCAN': {
      const key = action.eventKey ?? scene;
      return { Event: 'SCAN', EventKey: key, Ticket: ticketFor(key) };
    }
    case 'LOCATION': {
      const point = action.location ?? { lat: 0, lng: 0 };
      return { Event: 'LOCATION', Latitude: point.lat, Longitude: point.lng, Precision: point.scale ?? 65 };
    }
    case 'CLICK':
      return { Event: 'CLICK', EventKey: action.eventKey ?? '' };
    default:
      return { Event: 'unsubscribe', EventKey: '' };
  }
}

/** The console's message type for a pushed MsgType: text and location are both 1. */
function consoleTypeOf(msgType: 'text' | 'location' | 'image' | 'voice'): ConsoleMessageType {
  return msgType === 'image' ? 2 : msgType === 'voice' ? 3 : 1;
}

/** A QR code's ticket: opaque and stable per scene. */
function ticketFor(scene: string): string {
  return `gQ${Buffer.from(`sandbox-qr:${scene}`, 'utf8').toString('base64url')}`;
}
