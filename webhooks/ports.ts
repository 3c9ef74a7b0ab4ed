import type { Logger } from 'pino';
import type { Push } from './push';
import type { Reply } from './reply';

/** What the edge needs to know of an account to verify, decrypt and answer its pushes. */
export interface WebhookAccount {
  id: string;
  originalId: string;
  token: string;
  mode: 'plain' | 'compatible' | 'safe';
  encodingAESKey?: string;
  appId?: string;
}

/** A push's sender and de-duplication key: where a late reply must go. */
export interface PushTarget {
  accountId: string;
  openId: string;
  pushKey: string;
}

/** The bot, as the edge sees it: it knows no HTTP, and the edge knows no commands. */
export interface PushReceiver {
  /** Does the push's work; resolves the passive reply, or null for none. Must not reject. */
  handle(push: Push, accountId: string, log: Logger): Promise<Reply | null>;
  /** The work finished after its reply budget: send `reply` as an active message. */
  deliverLate(target: PushTarget, reply: Reply): Promise<void>;
  /** A retry of a push whose reply went out late is being answered: take that reply back, if still undelivered. */
  reclaimLate(target: PushTarget): Promise<Reply | null>;
}

/** The part of the cache the edge uses to mark pushes as seen and share their replies. */
export interface SeenStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
}
