import type { Account } from './config/account';
import { describeError } from './errors';

/** The console state of an account without console credentials. */
export const NO_CONSOLE = 'not configured (identity resolution off)';

/** One dependency's state for `/readyz`. */
export interface Check {
  ok: boolean;
  detail: string;
}

export interface Readiness {
  /** Every store the bot cannot answer without answers (a 503 otherwise). */
  ready: boolean;
  /** Ready, but a store it can do without is down: see its check. */
  degraded: boolean;
  checks: Record<string, Check>;
  accounts: Array<{ id: string; mode: Account['mode']; console: string }>;
}

/** Something that answers a ping: a store. */
export interface Pingable {
  ping(): Promise<void>;
}

/**
 * Pings every store (each bounded by `timeoutMs`) and lists the accounts with their state. A
 * store marked `required: false` (the cache: pushes are still answered while it is down) makes
 * the deployment degraded, not unready, so a load balancer keeps sending it pushes.
 * Never shows a secret: only ids, modes and the console's state. An account whose console
 * needs its owner (wrong password, ban, captcha) says so and what to do, but does not make the
 * deployment unready: the other accounts, and this one's known followers, are still served.
 */
export async function checkReadiness(
  stores: Record<string, { store: Pingable; kind: string; required?: boolean; whenDown?: string }>,
  accounts: readonly Account[],
  consoleState: (account: Account) => Promise<string> = async (a) => (a.console ? 'configured' : NO_CONSOLE),
  timeoutMs = 2000,
): Promise<Readiness> {
  const entries = await Promise.all(
    Object.entries(stores).map(async ([name, { store, kind, whenDown }]): Promise<[string, Check]> => {
      try {
        await withTimeout(store.ping(), timeoutMs);
        return [name, { ok: true, detail: kind }];
      } catch (error) {
        return [name, { ok: false, detail: `${kind}: ${describeError(error)}${whenDown ? `; ${whenDown}` : ''}` }];
      }
    }),
  );
  const checks = Object.fromEntries(entries);
  const required = (name: string) => stores[name]!.required !== false;
  return {
    ready: entries.every(([name, check]) => check.ok || !required(name)),
    degraded: entries.some(([name, check]) => !check.ok && !required(name)),
    checks,
    accounts: await Promise.all(
      accounts.map(async (a) => ({ id: a.id, mode: a.mode, console: await consoleState(a).catch(describeError) })),
    ),
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
