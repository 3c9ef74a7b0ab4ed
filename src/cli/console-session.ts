import { ConsoleClient, type ConsoleEvent } from '../../scrapers/console-client';
import { ConsoleChangedError, ConsoleLoginError, LoginsStoppedError, ScrapeError, type LoginFailure } from '../../scrapers/console-errors';
import type { FollowerPage } from '../../scrapers/console-types';
import type { ConsoleCredentials } from '../config/account';
import { CacheSessionVault } from '../identity/cache-session-vault';
import { loginStopAdvice } from '../identity/login-stop-advice';
import { describeError } from '../errors';
import type { Cache } from '../stores/cache';

/** An account's console as the bot reaches it: the same client, over the same shared vault. */
export interface AccountConsoleSession {
  vault: CacheSessionVault;
  client: ConsoleClient;
  /** How many logins the client made (successful ones), to tell a reused session from a new one. */
  logins(): number;
}

/**
 * Builds the client and vault the bot would use for this account, keyed the same way in the
 * cache, so a session or a login stop is shared with a running bot (over Redis).
 *
 * The client retries a console "system error" login twice; `sleep` is its wait between those
 * attempts, and here it refuses instead: an owner's tool makes one login attempt at most, so
 * running it repeatedly cannot walk the account into a captcha.
 */
export function openAccountConsole(accountId: string, credentials: ConsoleCredentials, cache: Cache, timeoutMs: number): AccountConsoleSession {
  const vault = new CacheSessionVault(cache, accountId, credentials);
  let logins = 0;
  const client = new ConsoleClient({
    baseUrl: credentials.url,
    username: credentials.username,
    password: credentials.password,
    vault,
    timeoutMs,
    onEvent: (event: ConsoleEvent) => {
      if (event.kind === 'login') logins += 1;
    },
    sleep: () => Promise.reject(new ConsoleLoginError('system', -1)),
  });
  return { vault, client, logins: () => logins };
}

/** The number of followers in every group of a follower page. */
export function followerCount(page: FollowerPage): number {
  return page.groups.reduce((sum, group) => sum + group.count, 0);
}

/** What a refused login means and what the owner does about it. */
export function loginFailureText(accountId: string, failure: LoginFailure, errCode: number): { meaning: string; fix: string } {
  // edit, not remove and add: that would make a new token, which the platform does not know.
  const edit = `fix console.username/console.password in ACCOUNTS_FILE: npx lianluo accounts edit ${accountId} --console-password-env NAME (or --console-password-stdin, --console-username NAME), then restart the bot`;
  switch (failure) {
    case 'wrong-password':
      return { meaning: `login refused: wrong username or password (ErrCode ${errCode})`, fix: edit };
    case 'no-such-account':
      return { meaning: `login refused: the console has no such user (ErrCode ${errCode})`, fix: edit };
    case 'banned':
      return { meaning: `login refused: the account is restricted or banned (ErrCode ${errCode})`, fix: `settle it with the platform, then run npx lianluo login ${accountId}` };
    case 'captcha':
      return { meaning: `the console asks for a captcha (ErrCode ${errCode}): too many logins`, fix: `run npx lianluo login ${accountId} and type the captcha (验证码)` };
    case 'wrong-captcha':
      return { meaning: `the captcha was wrong (ErrCode ${errCode})`, fix: `run npx lianluo login ${accountId} and type the captcha again` };
    case 'system':
      return { meaning: `the console answered a system error (ErrCode ${errCode})`, fix: 'try again later; if it persists, check the account on the console' };
    case 'unknown':
      return { meaning: `login failed with ErrCode ${errCode}`, fix: `check the account on the console, then run npx lianluo login ${accountId}` };
  }
}

/**
 * A console failure as one line and its fix, for `doctor` and `login`. Says nothing of
 * passwords, cookies or tokens: the typed errors never carry them.
 */
export function describeConsoleFailure(accountId: string, consoleUrl: string, error: unknown): { detail: string; fix: string } {
  if (error instanceof LoginsStoppedError) {
    return { detail: loginStopAdvice(accountId, error.block), fix: loginFailureText(accountId, error.block.failure, error.block.errCode).fix };
  }
  if (error instanceof ConsoleLoginError) {
    const { meaning, fix } = loginFailureText(accountId, error.failure, error.errCode);
    return { detail: meaning, fix };
  }
  if (error instanceof ConsoleChangedError) {
    return { detail: error.message, fix: 'the console changed its pages: the parsers in scrapers/ need an update (see its tests)' };
  }
  if (error instanceof ScrapeError && error.transient) {
    return { detail: `console at ${consoleUrl} unreachable or failing (${error.message})`, fix: 'check console.url, the network and the console; the bot retries by itself' };
  }
  if (error instanceof ScrapeError) return { detail: error.message, fix: `check console.url (${consoleUrl}) points at the console's base URL` };
  return { detail: describeError(error), fix: 'check console.url and the network' };
}
