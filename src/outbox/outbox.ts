import { randomUUID } from 'node:crypto';
import type { Reply } from '../../webhooks/reply';
import type { Collection, DocumentStore } from '../stores/document-store';
import { outboxMessageModel, type OutboxMessage } from './outbox-message.model';

/** Who a queued message is for. */
export interface Recipient {
  account: string;
  openId: string;
}

/**
 * Messages waiting for a follower, kept in the document store so a restart loses none.
 * Every take is a `findOneAndDelete`, so a message is handed out once even when several
 * pushes of the same follower (or several processes) take at the same moment.
 */
export class Outbox {
  private readonly messages: Collection<OutboxMessage>;

  constructor(store: DocumentStore, private readonly now: () => Date = () => new Date()) {
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
  }

  /** Takes the late reply of one push back (a retry of it is answering), or null if already taken. */
  async reclaim(pushKey: string): Promise<Reply | null> {
    const message = await this.messages.findOneAndDelete({ pushKey });
    return message?.reply ?? null;
  }

  /** Takes up to `limit` queued text messages of `to`, oldest first. */
  async takeTexts(to: Recipient, limit = 5): Promise<string[]> {
    const texts: string[] = [];
    while (texts.length < limit) {
      const message = await this.messages.findOneAndDelete(
        { account: to.account, openId: to.openId, replyType: 'text' },
        { sort: { createdAt: 1 } },
      );
      if (!message) break;
      if (message.reply.type === 'text') texts.push(message.reply.content);
    }
    return texts;
  }

  /** How many messages wait, for one follower or for everyone. */
  size(to?: Recipient): Promise<number> {
    return this.messages.count(to ? { account: to.account, openId: to.openId } : {});
  }
}
