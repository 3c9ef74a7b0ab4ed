import type { Logger } from 'pino';
import type { ConsoleApi } from '../../scrapers/console-api';
import { ConsoleClient, type ConsoleEvent } from '../../scrapers/console-client';
import type { SessionVault } from '../../scrapers/session-vault';
import type { Account, ConsoleCredentials } from '../config/account';
import type { Cache } from '../stores/cache';
import { BeaconWalker } from './beacon-walker';
import { CacheSessionVault } from './cache-session-vault';
import { loginStopAdvice } from './login-stop-advice';
import type { IdentityStore } from './identity-store';
import type { AccountConsole } from './identity-resolver';
import { MessageListBatcher } from './message-list-batcher';
import { ResolvedGroup } from './resolved-group';

/** Tunables of identity resolution; the defaults suit the real platform. */
export interface IdentityTuning {
  /** How long the first unknown message waits for others to share one message-list read. */
  batchWindowMs?: number;
  /** Waits before each beacon walk for a search (the first lets the reply be delivered). */
  walkDelaysMs?: readonly number[];
  /** Console request timeout. */
  consoleTimeoutMs?: number;
  /** Builds the console client; tests pass fakes. Defaults to the real `ConsoleClient`. */
  consoleFactory?: (credentials: ConsoleCredentials, vault: SessionVault, onEvent: (e: ConsoleEvent) => void) => ConsoleApi;
}

/** One account's console with what surrounds it: the session vault (for /readyz) and the strategies. */
export interface AccountConsoleSet extends AccountConsole {
  vault: SessionVault;
}

export const DEFAULT_BATCH_WINDOW_MS = 400;

/**
 * Builds, for every account with console credentials, its client (sessions in the cache), its
 * time-match batcher and its beacon walker. Nothing connects here: the first call logs in.
 */
export function createAccountConsoles(
  accounts: readonly Account[],
  deps: { cache: Cache; store: IdentityStore; log: Logger; onConsoleEvent?: (accountId: string, event: ConsoleEvent) => void },
  tuning: IdentityTuning = {},
): Map<string, AccountConsoleSet> {
  const consoles = new Map<string, AccountConsoleSet>();
  for (const account of accounts) {
    if (!account.console) continue;
    const log = deps.log.child({ account: account.id });
    const vault = new CacheSessionVault(deps.cache, account.id, account.console, {
      onBlock: (block) => log.error({ failure: block.failure, errCode: block.errCode }, loginStopAdvice(account.id, block)),
    });
    const onEvent = (event: ConsoleEvent) => {
      logConsoleEvent(log, event);
      deps.onConsoleEvent?.(account.id, event);
    };
    const console = tuning.consoleFactory
      ? tuning.consoleFactory(account.console, vault, onEvent)
      : new ConsoleClient({
          baseUrl: account.console.url,
          username: account.console.username,
          password: account.console.password,
          vault,
          timeoutMs: tuning.consoleTimeoutMs ?? 10_000,
          onEvent,
        });
    const tiedOpenIds = (fakeIds: readonly string[]) => deps.store.tiedOpenIds(account.id, fakeIds);
    consoles.set(account.id, {
      vault,
      console,
      batcher: new MessageListBatcher({
        fetchPage: (query) => console.messages(query),
        tiedOpenIds,
        windowMs: tuning.batchWindowMs ?? DEFAULT_BATCH_WINDOW_MS,
      }),
      walker: new BeaconWalker({
        console,
        group: new ResolvedGroup(account.id, console, deps.cache),
        tiedOpenIds,
        ...(tuning.walkDelaysMs ? { delaysMs: tuning.walkDelaysMs } : {}),
      }),
    });
  }
  return consoles;
}

function logConsoleEvent(log: Logger, event: ConsoleEvent): void {
  const fields = { step: event.step, ms: event.ms, detail: event.detail };
  if (event.kind === 'login') log.info(fields, 'console login');
  else if (event.kind === 'login-failed') log.error(fields, 'console login failed');
  else if (event.kind === 'expired') log.info(fields, 'console session expired; logging in again');
  else log.debug(fields, 'console request');
}
