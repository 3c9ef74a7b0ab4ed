/**
 * What the chat page reads from the platform, shaped for it: accounts without their secrets,
 * what an account's console holds, and one person's chat with an account.
 */
import type { Account, ChatEntry, MenuEntry } from './platform-model';
import type { Platform } from './platform-state';

/** How many console messages the page's console panel shows. */
export const CONSOLE_MESSAGES = 50;
/** How many chat lines one conversation answer holds at most (the newest). */
export const CONVERSATION_LIMIT = 500;

/** An account as the page may see it: no password, token, AES key or captcha. */
export interface PublicAccount {
  id: string;
  originalId: string;
  fakeId: string;
  username: string;
  mode: Account['mode'];
  banned: boolean;
  menu: MenuEntry[];
  followers: number;
}

/** Strips an account down to what the page shows. */
export function publicAccount(platform: Platform, account: Account): PublicAccount {
  const { id, originalId, fakeId, username, mode, banned, menu } = account;
  return { id, originalId, fakeId, username, mode, banned, menu, followers: platform.followersOf(id).length };
}

/** What an account's console holds: followers (newest first), groups with counts, recent messages (newest first). */
export function consoleView(platform: Platform, account: Account) {
  const nickOf = (fakeId: string): string => platform.people.get(fakeId)?.nickName ?? '';
  const followers = platform.followersOf(account.id).map((f) => ({
    openId: f.openId,
    fakeId: f.fakeId,
    nickName: nickOf(f.fakeId),
    groupId: f.groupId,
    followedAt: f.followedAt,
  }));
  const groups = account.groups.map((g) => ({ id: g.id, name: g.name, count: followers.filter((f) => f.groupId === g.id).length }));
  const messages = platform.messages
    .filter((m) => m.accountId === account.id)
    .sort((a, b) => b.dateTime - a.dateTime || b.id - a.id)
    .slice(0, CONSOLE_MESSAGES)
    .map((m) => ({
      id: m.id,
      direction: m.direction,
      fakeId: m.peerFakeId,
      nickName: nickOf(m.peerFakeId),
      type: m.type,
      content: m.content,
      dateTime: m.dateTime,
      hidden: m.hidden,
    }));
  return { account: publicAccount(platform, account), followers, groups, messages };
}

/** One chat line without the ids the request already named. */
export type ConversationEntry = Omit<ChatEntry, 'accountId' | 'fakeId'>;

/** A person's chat with an account after `after` (a `seq`), oldest first, and whether they follow now. */
export function conversationView(platform: Platform, account: Account, fakeId: string, after: number) {
  const follow = platform.findFollow(account.id, fakeId);
  const lines = platform.chat.filter((c) => c.accountId === account.id && c.fakeId === fakeId && c.seq > after);
  const entries: ConversationEntry[] = lines.slice(-CONVERSATION_LIMIT).map(({ accountId: _a, fakeId: _f, ...entry }) => entry);
  return {
    account: account.id,
    fakeId,
    following: follow !== undefined,
    openId: follow?.openId ?? null,
    entries,
    lastSeq: lines.at(-1)?.seq ?? after,
  };
}
