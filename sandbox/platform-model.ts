/**
 * What the sandbox platform holds (docs/protocol.md §5): accounts, people, follows, groups,
 * messages both ways, console sessions, the console request log and what the bot sent.
 */

/** How an account's pushes travel (docs/protocol.md §2.5). */
export type AccountMode = 'plain' | 'compatible' | 'safe';

/** A group of one account's followers. 0 未分组, 1 黑名单, 2 星标组 are fixed; created ones from 100. */
export interface Group {
  id: number;
  name: string;
}

/** An official account: the console's login and the webhook the pushes go to. */
export interface Account {
  /** Our own name for the account, e.g. `acme`. */
  id: string;
  /** `gh_` + 12 hex: `ToUserName` of every push. */
  originalId: string;
  username: string;
  password: string;
  token: string;
  mode: AccountMode;
  encodingAESKey?: string;
  appId?: string;
  webhookUrl: string;
  /** The account's own FakeID: the sender of its messages in a conversation (3.6). */
  fakeId: string;
  banned: boolean;
  /** Sandbox-clock ms of recent logins and failed logins, for the captcha rule. */
  loginAttempts: number[];
  captchaText: string;
  captchaGeneration: number;
  groups: Group[];
  nextGroupId: number;
  /** Sandbox-clock ms of recent successful singlesends, for the per-minute limit. */
  sends: number[];
  /** The custom menu followers see under the chat (at most 3 entries); a tap pushes `CLICK`. */
  menu: MenuEntry[];
}

/** One button of an account's custom menu. */
export interface MenuEntry {
  /** What the button shows (at most 16 characters). */
  name: string;
  /** The `EventKey` of the `CLICK` push (at most 128 characters). */
  key: string;
}

/** 0 unknown, 1 male, 2 female. */
export type Gender = 0 | 1 | 2;

/** A person on the platform: one FakeID whatever accounts they follow. */
export interface Person {
  /** Decimal, up to 10 digits. */
  fakeId: string;
  nickName: string;
  userName: string;
  signature: string;
  country: string;
  province: string;
  city: string;
  gender: Gender;
}

/** A person following an account. */
export interface Follow {
  accountId: string;
  fakeId: string;
  openId: string;
  groupId: number;
  /** Unix seconds, sandbox clock. */
  followedAt: number;
  /** Order of following, to break same-second ties (newest first means highest seq first). */
  seq: number;
  /** Unix seconds of the person's latest push to the account (message or event), for the 48 h rule. */
  lastInteractionAt: number;
}

/** Console message types (3.5): 1 text (also location), 2 image, 3 voice, 4 video. */
export type ConsoleMessageType = 1 | 2 | 3 | 4;

/** A message in the console, either way. */
export interface ConsoleMessage {
  /** The console's own increasing id. */
  id: number;
  accountId: string;
  /** The follower the message was exchanged with. */
  peerFakeId: string;
  /** `in`: follower → account; `out`: account → follower (passive reply or singlesend). */
  direction: 'in' | 'out';
  type: ConsoleMessageType;
  /** Raw content; the console may rewrite it on display (knob `rewriteContent`). */
  content: string;
  /** Unix seconds as the console shows them: CreateTime plus the drawn skew for pushes. */
  dateTime: number;
  /** Hit a keyword rule: hidden from the message list by `filterivrmsg=1`. */
  hidden: boolean;
}

/** A logged-in console session. */
export interface Session {
  accountId: string;
  token: string;
  /** Every cookie the login set, by name; `slave_sid` identifies the session. */
  cookies: Record<string, string>;
  /** Sandbox-clock ms of the last valid call. */
  lastUsed: number;
}

/** One console request, as the control API reports it. Never holds cookies, passwords or tokens. */
export interface RequestLogEntry {
  /** Unix ms, real clock. */
  at: number;
  method: string;
  path: string;
  /** The `t` query parameter (e.g. `user/index`, `ajax-getcontactinfo`), else the path's last part. */
  action: string;
  status: number;
  ms: number;
  /** Our account id when known (session or login username), else null. */
  account: string | null;
}

/** Something the bot sent to a follower. */
export interface SentRecord {
  accountId: string;
  via: 'passive' | 'singlesend';
  fakeId: string;
  openId: string;
  /** `text`, `news`, `image`, … */
  type: string;
  content: string;
  /** Unix seconds, sandbox clock. */
  at: number;
}

/**
 * One line of a person's chat with an account, as the chat page shows it: what the person did
 * (messages and events alike), what the account sent (passive or singlesend), and the error
 * notices the platform showed when the bot's answer was unusable or missing.
 */
export interface ChatEntry {
  /** Platform-wide order of recording: the page's cursor. */
  seq: number;
  accountId: string;
  fakeId: string;
  from: 'person' | 'account' | 'platform';
  /** person: the MsgType (`text`, `location`, …, `event`); account: the reply type (`text`, `news`, …); platform: `error`. */
  kind: string;
  content: string;
  /** Unix seconds, sandbox clock. */
  at: number;
  /** Account entries: a passive reply or an active (singlesend) message. */
  via?: 'passive' | 'singlesend';
  /** Event entries: the event name (`subscribe`, `SCAN`, `CLICK`, …) and its key. */
  event?: string;
  eventKey?: string;
  /** Location messages and events: the point sent. */
  location?: { lat: number; lng: number; label: string };
}

/**
 * What a client may show a person, beside the plain `error` text: a stable code to branch on and
 * the message in both languages (e.g. `not_following` for the chat page).
 */
export interface SandboxErrorDetails {
  code: string;
  message: { zh: string; en: string };
}

/** A refusal the control API turns into an HTTP status (400, 404, 409), with optional details. */
export class SandboxError extends Error {
  override readonly name = 'SandboxError';

  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
    readonly details?: SandboxErrorDetails,
  ) {
    super(message);
  }
}
