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
 */
export class Outbox {
  private readonly messages: Collection<OutboxMessage>;
  private markersSyncedAt = Number.NEGATIVE_INFINITY;
  private syncing: Promise<void> | undefined;

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
  }

  /** Takes the late reply of one push back (a retry of it is answering), or null if already taken. */
  async reclaim(pushKey: string): Promise<Reply | null> {
    const message = await this.messages.findOneAndDelete({ pushKey });
    return message?.reply ?? null;
  }

  /** Takes up to `limit` queued text messages of `to`, oldest first. */
  async takeTexts(to: Recipient, limit = 5): Promise<string[]> {
    if (this.now().getTime() - this.markersSyncedAt >= MARKER_RESYNC_MS) await this.syncMarkers();
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
    return texts;
  }

  /** How many messages wait, for one follower or for everyone. */
  size(to?: Recipient): Promise<number> {
    return this.messages.count(to ? { account: to.account, openId: to.openId } : {});
  }

  private async syncMarkers(): Promise<void> {
    this.syncing ??= (async () => {
      const waiting = await this.messages.find({});
      await Promise.all(waiting.map((m) => this.cache.set(markerKey(m), '1')));
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
