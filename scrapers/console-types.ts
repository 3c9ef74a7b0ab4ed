/**
 * What the console's pages hold, typed (docs/protocol.md §3). FakeIDs are decimal strings
 * everywhere: the follower list sends them as JSON numbers, the message list as strings.
 */

/** A group of followers (3.3). 0 ungrouped, 1 blacklist, 2 starred; owners' groups from 100. */
export interface FollowerGroup {
  id: number;
  name: string;
  count: number;
}

/** One row of the follower list (3.3). */
export interface Follower {
  fakeId: string;
  nickName: string;
  remarkName: string;
  groupId: number;
}

/** One page of the follower list, newest follower first. */
export interface FollowerPage {
  pageIdx: number;
  pageCount: number;
  pageSize: number;
  totalCount: number;
  groups: FollowerGroup[];
  followers: Follower[];
}

/** 0 unknown, 1 male, 2 female (3.4). */
export type Gender = 0 | 1 | 2;

/** A follower's profile (3.4). */
export interface ContactInfo {
  fakeId: string;
  nickName: string;
  remarkName: string;
  /** The follower's own user name; empty when they set none. */
  userName: string;
  signature: string;
  country: string;
  province: string;
  city: string;
  gender: Gender;
  groupId: number;
}

/** Message list types (3.5): 1 text (also location), 2 image, 3 voice, 4 video. */
export type ConsoleMessageType = 1 | 2 | 3 | 4;

/** One message as the console lists it (3.5, 3.6). */
export interface ConsoleMessage {
  /** The console's own message id; unrelated to a push's MsgId. */
  id: number;
  /** Other values may appear; the matcher only compares, so they are kept as numbers. */
  type: number;
  /** The sender: the follower, or the account itself in a conversation. */
  fakeId: string;
  nickName: string;
  /** Unix seconds, on the console's clock. */
  dateTime: number;
  /** As the console shows it: `<br/>`, entities and face codes may differ from the push. */
  content: string;
  hasReply: boolean;
}

/** One page of recent messages (3.5), newest first. */
export interface MessagePage {
  totalCount: number;
  latestMsgId: number;
  items: ConsoleMessage[];
}

/** One conversation (3.6): messages both ways since a time. */
export interface Conversation {
  toNickName: string;
  items: ConsoleMessage[];
}

/** A console session: what a later call (or another process) needs to go on without logging in. */
export interface SavedSession {
  token: string;
  /** The cookie jar, serialised by tough-cookie (`CookieJar.serialize()`), as JSON text. */
  cookies: string;
  /** Unix ms when the login happened. */
  loggedInAt: number;
}
