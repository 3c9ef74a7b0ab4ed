import { Schema } from 'mongoose';
import type { Reply } from '../../webhooks/reply';
import type { ModelDefinition } from '../stores/document-store';

/** A message for a follower that could not go out as a passive reply, waiting for delivery. */
export interface OutboxMessage {
  /** Unique id (random UUID). */
  id: string;
  account: string;
  openId: string;
  /** The push whose late reply this is, when it is one: a retry of that push may reclaim it. */
  pushKey?: string;
  /** `reply.type`, copied out so queries need no dotted paths. */
  replyType: Reply['type'];
  reply: Reply;
  createdAt: Date;
}

const schema = new Schema<OutboxMessage>(
  {
    id: { type: String, required: true },
    account: { type: String, required: true },
    openId: { type: String, required: true },
    pushKey: { type: String },
    replyType: { type: String, required: true, enum: ['text', 'image', 'voice', 'video', 'music', 'news'] },
    reply: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ id: 1 }, { unique: true });
schema.index({ account: 1, openId: 1 });
schema.index({ pushKey: 1 });

export const outboxMessageModel: ModelDefinition<OutboxMessage> = { name: 'outbox_messages', schema };
