import type { Cache } from '../stores/cache';
import type { ForgetPlan } from './forget-person';

/** How long a `forget me` waits for its `forget me confirm`. */
export const FORGET_CONFIRM_MS = 10 * 60 * 1000;

const key = (accountId: string, openId: string) => `forget:${accountId}:${openId}`;

/**
 * `forget me` requests waiting for their confirmation, in the cache with a TTL, per account and
 * openID: the confirmation must come from the chat that asked, within {@link FORGET_CONFIRM_MS}.
 * Each holds the plan it showed, which the confirmation deletes by. No request, no deletion:
 * a confirmation without one (expired, already done, a platform retry of a finished one)
 * deletes nothing.
 */
export class ForgetRequests {
  constructor(private readonly cache: Cache, private readonly ttlMs = FORGET_CONFIRM_MS) {}

  /** Keeps `plan` for a confirmation from this chat, replacing an earlier request and restarting its time. */
  async hold(accountId: string, openId: string, plan: ForgetPlan): Promise<void> {
    await this.cache.set(key(accountId, openId), JSON.stringify(plan), this.ttlMs);
  }

  /** The plan waiting for this chat's confirmation, or null when none is (never asked, expired, done). */
  async find(accountId: string, openId: string): Promise<ForgetPlan | null> {
    const json = await this.cache.get(key(accountId, openId));
    return json === null ? null : (JSON.parse(json) as ForgetPlan);
  }

  /** Ends the request: the last step of a deletion, so a failure before it leaves the request for a retry. */
  async drop(accountId: string, openId: string): Promise<void> {
    await this.cache.delete(key(accountId, openId));
  }
}
