/**
 * The console client's typed errors. Messages name the step and the account, never a
 * password, cookie, token or page body.
 */

/** Why a login failed (docs/protocol.md §3.1). */
export type LoginFailure =
  | 'system' // -1: retry with backoff
  | 'wrong-password' // -2, -3
  | 'no-such-account' // -4
  | 'banned' // -5, -7, -200
  | 'captcha' // -6: captcha required after repeated logins
  | 'wrong-captcha' // -32
  | 'unknown'; // any other code: treated as needing the owner

/** A console call failed: the console is down, slow, or answered something we cannot read. */
export class ScrapeError extends Error {
  override readonly name: string = 'ScrapeError';
  constructor(
    /** Which step: `login`, `follower list`, `message list`, … */
    readonly step: string,
    message: string,
    /** True when trying again later may help (network error, 5xx, timeout). */
    readonly transient = false,
  ) {
    super(`${step}: ${message}`);
  }
}

/** A page no parser recognises: the console changed. Not transient. */
export class ConsoleChangedError extends ScrapeError {
  override readonly name = 'ConsoleChangedError';
  constructor(step: string, what: string) {
    super(step, `the console's page changed (${what})`, false);
  }
}

/** The session is gone (docs/protocol.md §3.2); the client logs in once and retries once. */
export class SessionExpiredError extends ScrapeError {
  override readonly name = 'SessionExpiredError';
  constructor(step: string) {
    super(step, 'session expired', true);
  }
}

/** A login the console refused, mapped from `ErrCode` (3.1). */
export class ConsoleLoginError extends ScrapeError {
  override readonly name = 'ConsoleLoginError';
  constructor(
    readonly failure: LoginFailure,
    readonly errCode: number,
  ) {
    super('login', `refused (${failure}, ErrCode ${errCode})`, failure === 'system');
  }

  /** True when no automatic login may be tried again until the account's owner acts. */
  get needsOwner(): boolean {
    return this.failure !== 'system';
  }
}

/** Automatic logins are stopped for this account until its owner acts (see `LoginBlock`). */
export class LoginsStoppedError extends ScrapeError {
  override readonly name = 'LoginsStoppedError';
  constructor(readonly block: LoginBlock) {
    super('login', `automatic logins stopped (${block.failure})`, false);
  }
}

/** Why `send` failed (3.7). */
export type SendFailure =
  | 'customer-block' // 10706: the follower has not written in 48 hours
  | 'unknown-fakeid' // -21, 10700
  | 'captcha' // -6: too many sends per minute
  | 'other';

export class ConsoleSendError extends ScrapeError {
  override readonly name = 'ConsoleSendError';
  constructor(
    readonly failure: SendFailure,
    readonly ret: string,
  ) {
    super('send', `refused (${failure}, ret ${ret})`, false);
  }
}

/** A stop on automatic logins, kept where every process sees it. */
export interface LoginBlock {
  failure: LoginFailure;
  errCode: number;
  /** Unix ms. */
  since: number;
}
