import type { Reply } from '../../webhooks/reply';
import type { Outbox, Recipient } from './outbox';

/** How an active message left: sent now, or queued for the follower's next passive reply. */
export type Delivery = 'sent' | 'queued';

/**
 * The one way the bot sends a message outside a passive reply (a late reply, a notice to a
 * contact). Until the console client can send (docs/protocol.md §3.7), `OutboxMessenger` holds each
 * message in the outbox and the bot delivers it with the follower's next passive reply.
 */
export interface ActiveMessenger {
  send(to: Recipient, reply: Reply, options?: SendOptions): Promise<Delivery>;
}

export interface SendOptions {
  /** The push whose late reply this is (a retry of that push may reclaim it from the outbox). */
  pushKey?: string;
  /**
   * Idempotency key: a message with the same key goes out at most once, however often it is
   * sent (a fan-out job run again after a crash). E.g. `status:<personId>:<version>:<recipientId>`.
   */
  dedupKey?: string;
}

/** Queues every active message in the outbox. */
export class OutboxMessenger implements ActiveMessenger {
  constructor(private readonly outbox: Outbox) {}

  async send(to: Recipient, reply: Reply, options: SendOptions = {}): Promise<Delivery> {
    await this.outbox.add(to, reply, options.pushKey);
    return 'queued';
  }
}
