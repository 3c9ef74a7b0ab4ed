import { randomUUID } from 'node:crypto';
import type { Reply } from '../../webhooks/reply';
import type { Cache } from '../stores/cache';
import type { Collection, DocumentStore } from '../stores/document-store';
import { outboxMessageModel, type OutboxMessage } from './outbox-message.model';

/** Who a queued message is for. */
export interface Recipient {
  account: string;
  openId: string;
}

/** How often the pending markers are rebuilt from the document store (after a cache flush, say). */
const MARKER_RESYNC_MS = 10 * 60 * 1000;
/** How long a process trusts its copy of "is anything waiting for anyone?" before asking the cache. */
const ANY_REFRESH_MS = 1000;
const ANY_KEY = 'outbox:pending:any';

/**
 * Messages waiting for a follower, kept in the document store so a restart loses none.
 * Every take is a `findOneAndDelete`, so a message is handed out once even when several
 * pushes of the same follower (or several processes) take at the same moment.
 *
 * Every push asks for its sender's waiting messages, and almost always there are none, so a
 * marker per recipient in the cache answers that question without a document-store query. The
 * marker may say "maybe" when nothing waits (harmless: one empty query), never "no" when
 * something does: `add` writes the message before the marker, `takeTexts` clears the marker
 * before taking, and the markers are rebuilt from the store on first use and every 10 minutes.
 * A second marker says whether anything waits for anyone; each process keeps a copy of it for a
 * second, so while the outbox is empty (nearly always) a push costs no cache call at all. A
 * message queued by another process is therefore seen up to a second later.
 */
export class Outbox {
  private readonly messages: Collection<OutboxMessage>;
  private markersSyncedAt = Number.NEGATIVE_INFINITY;
  private syncing: Promise<void> | undefined;
  private anyWaiting: { value: boolean; at: number } | undefined;

  constructor(
    store: DocumentStore,
    private readonly cache: Cache,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.messages = store.collection(outboxMessageModel);
  }

  /** Queues `reply` for `to`; `pushKey` marks it as the late reply of that push. */
  async add(to: Recipient, reply: Reply, pushKey?: string): Promise<void> {
    await this.messages.insertOne({
      id: randomUUID(),
      account: to.account,
      openId: to.openId,
      ...(pushKey === undefined ? {} : { pushKey }),
      replyType: reply.type,
      reply,
      createdAt: this.now(),
    });
    await this.cache.set(markerKey(to), '1');
    await this.cache.set(ANY_KEY, '1');
    this.anyWaiting = { value: true, at: this.now().getTime() };
  }

  /** Takes the late reply of one push back (a retry of it is answering), or null if already taken. */
  async reclaim(pushKey: string): Promise<Reply | null> {
    const message = await this.messages.findOneAndDelete({ pushKey });
    return message?.reply ?? null;
  }

  /** Takes up to `limit` queued text messages of `to`, oldest first. */
  async takeTexts(to: Recipient, limit = 5): Promise<string[]> {
    if (this.now().getTime() - this.markersSyncedAt >= MARKER_RESYNC_MS) await this.syncMarkers();
    if (!(await this.anythingWaiting())) return [];
    if ((await this.cache.get(markerKey(to))) === null) return [];
    await this.cache.delete(markerKey(to));
    const texts: string[] = [];
    while (texts.length < limit) {
      const message = await this.messages.findOneAndDelete(
        { account: to.account, openId: to.openId, replyType: 'text' },
        { sort: { createdAt: 1 } },
      );
      if (!message) break;
      if (message.reply.type === 'text') texts.push(message.reply.content);
    }
    // Media, news, or texts past the limit wait for a later reply: keep the marker for them.
    if ((await this.size(to)) > 0) await this.cache.set(markerKey(to), '1');
    else await this.clearAnyIfEmpty();
    return texts;
  }

  /**
   * Deletes every message waiting for `to` and its marker (`forget me`: the messages may hold
   * what the bot knew of the follower). Resolves how many there were.
   */
  async discard(to: Recipient): Promise<number> {
    const count = await this.messages.deleteMany({ account: to.account, openId: to.openId });
    await this.cache.delete(markerKey(to));
    if (count > 0) await this.clearAnyIfEmpty();
    return count;
  }

  /** How many messages wait, for one follower or for everyone. */
  size(to?: Recipient): Promise<number> {
    return this.messages.count(to ? { account: to.account, openId: to.openId } : {});
  }

  /** The process's copy of the "anything waiting for anyone" marker, at most a second old. */
  private async anythingWaiting(): Promise<boolean> {
    const now = this.now().getTime();
    if (this.anyWaiting && now - this.anyWaiting.at < ANY_REFRESH_MS) return this.anyWaiting.value;
    const value = (await this.cache.get(ANY_KEY)) !== null;
    this.anyWaiting = { value, at: now };
    return value;
  }

  /**
   * Clears the "anything waiting" marker once the outbox is empty. Deleting before counting is
   * what keeps it safe: an `add` that lands meanwhile is either counted (and the marker set
   * again) or sets the marker after this deletion.
   */
  private async clearAnyIfEmpty(): Promise<void> {
    await this.cache.delete(ANY_KEY);
    const left = await this.size();
    if (left > 0) await this.cache.set(ANY_KEY, '1');
    this.anyWaiting = { value: left > 0, at: this.now().getTime() };
  }

  private async syncMarkers(): Promise<void> {
    this.syncing ??= (async () => {
      const waiting = await this.messages.find({});
      await Promise.all(waiting.map((m) => this.cache.set(markerKey(m), '1')));
      if (waiting.length > 0) await this.cache.set(ANY_KEY, '1');
      this.anyWaiting = undefined;
      this.markersSyncedAt = this.now().getTime();
    })().finally(() => {
      this.syncing = undefined;
    });
    await this.syncing;
  }
}

function markerKey(to: Recipient): string {
  return `outbox:pending:${to.account}:${to.openId}`;
}
