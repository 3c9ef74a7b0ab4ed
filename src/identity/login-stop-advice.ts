import type { LoginBlock } from '../../scrapers/console-errors';

/**
 * What the account's owner must do about a stop on automatic logins, for `/readyz` and the
 * log. Never shows the password or any session data.
 */
export function loginStopAdvice(accountId: string, block: LoginBlock): string {
  const since = new Date(block.since).toISOString();
  switch (block.failure) {
    case 'wrong-password':
      return `console login for account ${accountId} refused: wrong username or password (ErrCode ${block.errCode}, since ${since}). Fix console.username/console.password in ACCOUNTS_FILE (npx lianluo accounts edit ${accountId} --console-password-env NAME, or --console-password-stdin) and restart; logins resume with the new credentials.`;
    case 'no-such-account':
      return `console login for account ${accountId} refused: the console has no such user (ErrCode ${block.errCode}, since ${since}). Fix console.username in ACCOUNTS_FILE (npx lianluo accounts edit ${accountId} --console-username NAME) and restart.`;
    case 'banned':
      return `console login for account ${accountId} refused: the account is restricted or banned (ErrCode ${block.errCode}, since ${since}). Settle it with the platform; then change nothing or restart.`;
    case 'captcha':
    case 'wrong-captcha':
      return `console login for account ${accountId} needs a captcha (ErrCode ${block.errCode}, since ${since}): too many logins. Log into the console once in a browser and solve the captcha; automatic logins retry 30 minutes after the stop.`;
    case 'system':
    case 'unknown':
      return `console login for account ${accountId} failed with ErrCode ${block.errCode} (since ${since}). Check the account on the console; restart Lianluo to try again.`;
  }
}
