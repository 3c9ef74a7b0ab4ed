import type { ConsoleApi } from '../../scrapers/console-api';
import type { ConsoleMessage, ContactInfo, Conversation, FollowerGroup, FollowerPage, MessagePage } from '../../scrapers/console-types';

/**
 * An in-memory `ConsoleApi` for unit tests of the identity strategies: followers (newest
 * first), listed messages (newest first), conversations, groups; it counts every call. The
 * real console's wire format is tested in test/scrapers; its behaviour end to end, with the
 * sandbox.
 */
export class FakeConsole implements ConsoleApi {
  readonly calls: string[] = [];
  /** Newest first. */
  followers_: Array<{ fakeId: string; nickName: string; groupId: number }> = [];
  /** Newest first. */
  listed: ConsoleMessage[] = [];
  readonly conversations = new Map<string, ConsoleMessage[]>();
  groups: FollowerGroup[] = [{ id: 0, name: '未分组', count: 0 }, { id: 1, name: '黑名单', count: 0 }, { id: 2, name: '星标组', count: 0 }];
  readonly sent: Array<{ fakeId: string; text: string }> = [];
  /** Makes the next calls of a kind fail with this error (taken in order). */
  readonly failures = new Map<string, unknown[]>();
  /** Every read waits for this first (tests make the console hang with it). */
  hold: Promise<void> = Promise.resolve();
  private nextGroup = 100;

  private call(name: string): void {
    this.calls.push(name);
    const error = this.failures.get(name)?.shift();
    if (error !== undefined) throw error;
  }

  count(name: string): number {
    return this.calls.filter((c) => c === name).length;
  }

  async login(): Promise<void> {
    this.call('login');
  }
  async probe(): Promise<boolean> {
    this.call('probe');
    return true;
  }
  async followers(query: { pageIdx: number; pageSize: number; groupId?: number }): Promise<FollowerPage> {
    await this.hold;
    this.call('followers');
    const all = this.followers_.filter((f) => query.groupId === undefined || f.groupId === query.groupId);
    const slice = all.slice(query.pageIdx * query.pageSize, (query.pageIdx + 1) * query.pageSize);
    return {
      pageIdx: query.pageIdx,
      pageSize: query.pageSize,
      pageCount: Math.max(1, Math.ceil(all.length / query.pageSize)),
      totalCount: all.length,
      groups: this.groups,
      followers: slice.map((f) => ({ ...f, remarkName: '' })),
    };
  }
  async contactInfo(fakeId: string): Promise<ContactInfo> {
    this.call('contactInfo');
    const f = this.followers_.find((x) => x.fakeId === fakeId);
    return {
      fakeId, nickName: f?.nickName ?? '', remarkName: '', userName: `u${fakeId}`, signature: `sig ${fakeId}`,
      country: '中国', province: '广东', city: '广州', gender: 2, groupId: f?.groupId ?? 0,
    };
  }
  async avatar(): Promise<Buffer> {
    this.call('avatar');
    return Buffer.from([0xff, 0xd8, 0xff]);
  }
  async messages(query: { offset: number; count: number }): Promise<MessagePage> {
    await this.hold;
    this.call('messages');
    return { totalCount: this.listed.length, latestMsgId: this.listed[0]?.id ?? 0, items: this.listed.slice(query.offset, query.offset + query.count) };
  }
  async conversation(fakeId: string, sinceUnix: number): Promise<Conversation> {
    await this.hold;
    this.call('conversation');
    return { toNickName: fakeId, items: (this.conversations.get(fakeId) ?? []).filter((m) => m.dateTime >= sinceUnix) };
  }
  async send(fakeId: string, text: string): Promise<void> {
    this.call('send');
    this.sent.push({ fakeId, text });
  }
  async createGroup(name: string): Promise<number> {
    this.call('createGroup');
    const id = this.nextGroup++;
    this.groups.push({ id, name, count: 0 });
    return id;
  }
  async moveToGroup(groupId: number, fakeIds: readonly string[]): Promise<void> {
    this.call('moveToGroup');
    for (const f of this.followers_) if (fakeIds.includes(f.fakeId)) f.groupId = groupId;
  }
}

let consoleMsgId = 5000;
/** A message as the console lists it. */
export function listed(fakeId: string, dateTime: number, content: string, type = 1): ConsoleMessage {
  consoleMsgId += 1;
  return { id: consoleMsgId, type, fakeId, nickName: `n${fakeId}`, dateTime, content, hasReply: false };
}
