import type { ConsoleApi } from '../../scrapers/console-api';
import type { ResolvedGroup } from './resolved-group';

export interface BeaconWalkerOptions {
  console: ConsoleApi;
  group: ResolvedGroup;
  /** FakeID → openID for the FakeIDs already tied in this account. */
  tiedOpenIds(fakeIds: readonly string[]): Promise<Map<string, string>>;
  /** Waits before each walk for a search: the first gives the reply time to be delivered. */
  delaysMs?: readonly number[];
  /** Followers per page of the follower list. */
  pageSize?: number;
  /** Conversations opened per walk at most: old silent followers must not make a walk a crawl. */
  maxConversations?: number;
}

interface Search {
  openId: string;
  beacon: string;
  sinceUnix: number;
  attempt: number;
  dueAt: number;
  resolve(fakeId: string | null): void;
}

const DEFAULT_DELAYS_MS = [1000, 2000, 4000, 8000, 15000, 30000];
/** Conversations are read from a little before the push: the console's clock may run behind. */
const CONVERSATION_SLACK_SECONDS = 60;

/**
 * One account's beacon walk (docs/protocol.md §4.2). The bot's reply to a not-yet-known follower
 * carried a beacon; this walks the followers not yet tied (group 0, newest first), opens each
 * one's conversation and looks for a beacon in the account's own messages. Every search
 * waiting shares one walk; followers found, and followers already tied by other means, are
 * moved into the "resolved" group in one call so later walks skip them. A search that finds
 * nothing after its last delay resolves null.
 */
export class BeaconWalker {
  private readonly searches: Search[] = [];
  private timer: NodeJS.Timeout | undefined;
  private walking = false;
  private stopped = false;
  private readonly delays: readonly number[];

  constructor(private readonly options: BeaconWalkerOptions) {
    this.delays = options.delaysMs ?? DEFAULT_DELAYS_MS;
  }

  /** Resolves with the FakeID whose conversation shows `beacon`, or null when none did in time. */
  find(openId: string, beacon: string, sinceUnix: number): Promise<string | null> {
    if (this.stopped) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.searches.push({ openId, beacon, sinceUnix, attempt: 0, dueAt: Date.now() + (this.delays[0] ?? 0), resolve });
      this.schedule();
    });
  }

  /** Ends every search with null and walks no more (shutdown). A walk under way finishes its calls. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const search of [...this.searches]) this.finish(search, null);
  }

  private schedule(): void {
    if (this.stopped || this.walking || this.searches.length === 0) return;
    clearTimeout(this.timer);
    const next = Math.min(...this.searches.map((s) => s.dueAt));
    this.timer = setTimeout(() => void this.walkDue(), Math.max(0, next - Date.now()));
    this.timer.unref(); // a waiting walk must not keep a stopping process alive
  }

  private async walkDue(): Promise<void> {
    this.walking = true;
    const due = this.searches.filter((s) => s.dueAt <= Date.now());
    try {
      const found = await this.walk(due);
      for (const search of due) {
        const fakeId = found.get(search.beacon);
        if (fakeId !== undefined) this.finish(search, fakeId);
        else this.retryLater(search);
      }
    } catch {
      // The console failed (logged by the resolver's client events): try each search again later.
      for (const search of due) this.retryLater(search);
    } finally {
      this.walking = false;
      this.schedule();
    }
  }

  private retryLater(search: Search): void {
    search.attempt += 1;
    const delay = this.delays[search.attempt];
    if (delay === undefined) this.finish(search, null);
    else search.dueAt = Date.now() + delay;
  }

  private finish(search: Search, fakeId: string | null): void {
    const index = this.searches.indexOf(search);
    if (index === -1) return;
    this.searches.splice(index, 1);
    search.resolve(fakeId);
  }

  /** One walk over the unresolved followers; resolves beacon → FakeID for the beacons seen. */
  private async walk(searches: readonly Search[]): Promise<Map<string, string>> {
    const { console, pageSize = 20, maxConversations = 40 } = this.options;
    const since = Math.min(...searches.map((s) => s.sinceUnix)) - CONVERSATION_SLACK_SECONDS;
    const found = new Map<string, string>();
    const toMove: string[] = [];
    let groupId: number | undefined;
    let opened = 0;
    for (let pageIdx = 0; found.size < searches.length && opened < maxConversations; pageIdx += 1) {
      const page = await console.followers({ pageIdx, pageSize, groupId: 0 });
      groupId ??= await this.options.group.get(page.groups);
      const tied = await this.options.tiedOpenIds(page.followers.map((f) => f.fakeId));
      for (const follower of page.followers) {
        if (tied.has(follower.fakeId)) {
          toMove.push(follower.fakeId);
          continue;
        }
        if (found.size === searches.length || opened >= maxConversations) break;
        opened += 1;
        const conversation = await console.conversation(follower.fakeId, since);
        const own = conversation.items.filter((item) => item.fakeId !== follower.fakeId);
        for (const search of searches) {
          if (own.some((item) => item.content.includes(search.beacon))) {
            found.set(search.beacon, follower.fakeId);
            toMove.push(follower.fakeId);
          }
        }
      }
      if (pageIdx + 1 >= page.pageCount) break;
    }
    if (groupId !== undefined && toMove.length > 0) await console.moveToGroup(groupId, [...new Set(toMove)]);
    return found;
  }
}
