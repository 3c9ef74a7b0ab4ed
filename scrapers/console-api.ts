import type { Conversation, ContactInfo, FollowerPage, MessagePage } from './console-types';

/**
 * Everything the bot asks of one account's console (docs/protocol.md §3). `ConsoleClient`
 * is the real one; the bot depends on this interface so its tests can use fakes.
 *
 * Every call logs in when there is no session, and on an expired session (3.2) logs in once
 * and retries once. Calls reject with the errors of console-errors.ts.
 */
export interface ConsoleApi {
  /** Logs in now (3.1), replacing any saved session. */
  login(imgcode?: string): Promise<void>;
  /** True when the saved session still works (the cheap `getregions` probe of 3.2); never logs in. */
  probe(): Promise<boolean>;
  /** One page of the follower list (3.3), newest first; `groupId` filters by group. */
  followers(query: { pageIdx: number; pageSize: number; groupId?: number }): Promise<FollowerPage>;
  /** One follower's profile (3.4). */
  contactInfo(fakeId: string): Promise<ContactInfo>;
  /** One follower's avatar, JPEG bytes (3.4). */
  avatar(fakeId: string): Promise<Buffer>;
  /** One page of recent messages (3.5), newest first, `day=7` and `filterivrmsg=0`. */
  messages(query: { offset: number; count: number }): Promise<MessagePage>;
  /** One conversation since `sinceUnix` (3.6). */
  conversation(fakeId: string, sinceUnix: number): Promise<Conversation>;
  /** Sends a text message (3.7); rejects with `ConsoleSendError` when the console refuses. */
  send(fakeId: string, text: string): Promise<void>;
  /** Creates a follower group (3.8); resolves with its id. */
  createGroup(name: string): Promise<number>;
  /** Moves followers into a group (3.8). */
  moveToGroup(groupId: number, fakeIds: readonly string[]): Promise<void>;
}
