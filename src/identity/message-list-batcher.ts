import type { ConsoleMessage, MessagePage } from '../../scrapers/console-types';
import { LIST_LOOKBACK_SECONDS, matchMessages, type MatchOutcome, type PendingMessage } from './time-match';

export interface MessageListBatcherOptions {
  /** Reads one page of the message list (docs/protocol.md §3.5). */
  fetchPage(query: { offset: number; count: number }): Promise<MessagePage>;
  /** FakeID → openID for the FakeIDs already tied in this account. */
  tiedOpenIds(fakeIds: readonly string[]): Promise<Map<string, string>>;
  /** How long the first waiting push waits for others to share its fetch. */
  windowMs: number;
  /** Messages per page (the console's maximum is 50). */
  pageSize?: number;
  /** Never read more than this many pages for one batch (a flood must not become a crawl). */
  maxPages?: number;
}

interface Waiter {
  pending: PendingMessage;
  resolve(outcome: MatchOutcome): void;
  reject(error: unknown): void;
}

/**
 * One account's time matching (docs/protocol.md §4.1), batched: pushes arriving within `windowMs` of
 * each other share one walk over the message list, read newest first in pages until it is
 * older than every waiting push. One batch runs at a time; pushes arriving meanwhile form the
 * next one.
 */
export class MessageListBatcher {
  private waiting: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: MessageListBatcherOptions) {}

  /** Resolves with this message's outcome once its batch has read the list; rejects when the console fails. */
  match(pending: PendingMessage): Promise<MatchOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ pending, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.timer || this.running) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.flush().finally(() => {
        this.running = undefined;
        if (this.waiting.length > 0) this.schedule();
      });
    }, this.options.windowMs);
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    try {
      const items = await this.readList(Math.min(...batch.map((w) => w.pending.createTime)) - LIST_LOOKBACK_SECONDS);
      const tied = await this.options.tiedOpenIds(items.map((i) => i.fakeId));
      const outcomes = matchMessages(batch.map((w) => w.pending), items, tied);
      batch.forEach((waiter, i) => waiter.resolve(outcomes[i]!));
    } catch (error) {
      for (const waiter of batch) waiter.reject(error);
    }
  }

  /**
   * Reads pages until the oldest item is older than `oldest` (unix seconds) or the list ends.
   * Pages may come back shorter than asked (the console caps page sizes): the next offset
   * follows what arrived, and the list's total says when it ends.
   */
  private async readList(oldest: number): Promise<ConsoleMessage[]> {
    const { pageSize = 50, maxPages = 10 } = this.options;
    const items: ConsoleMessage[] = [];
    for (let page = 0; page < maxPages; page += 1) {
      const { items: pageItems, totalCount } = await this.options.fetchPage({ offset: items.length, count: pageSize });
      items.push(...pageItems);
      const last = pageItems[pageItems.length - 1];
      if (!last || items.length >= totalCount || last.dateTime < oldest) break;
    }
    return items;
  }
}
