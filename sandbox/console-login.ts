/**
 * The console's login (docs/protocol.md §3.1): username + lowercase hex MD5 of the password, the
 * captcha rule, and the error codes the bot must handle. The captcha is per account (not bound
 * to the `verifycode` cookie); the control API reads its text.
 */
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { captchaTextFor, cookieValueFor } from './platform-ids';
import type { Account } from './platform-model';
import type { Platform } from './platform-state';
import { openSession, param, setSessionCookies } from './console-session';
import { TINY_JPEG } from './tiny-jpeg';

/** The JSON body of a login answer. */
export interface LoginAnswer {
  Ret: number;
  ErrMsg: string;
  ShowVerifyCode: 0 | 1;
  ErrCode: number;
}

const refuse = (ErrCode: number, ShowVerifyCode: 0 | 1 = 0): LoginAnswer => ({ Ret: 400, ErrMsg: '', ShowVerifyCode, ErrCode });

/** Lowercase hex MD5, as the console's login form sends the password. */
export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/**
 * Whether the next login of an account needs the captcha: `captchaAfterLogins` logins or failed
 * logins already happened within `captchaWindowMs` (so with 5, the 6th attempt needs it).
 */
export function captchaRequired(platform: Platform, account: Account): boolean {
  const since = platform.nowMs() - platform.knobs.captchaWindowMs;
  account.loginAttempts = account.loginAttempts.filter((at) => at > since);
  return account.loginAttempts.length >= platform.knobs.captchaAfterLogins;
}

/** `POST /cgi-bin/login`: answers pretty-printed JSON and, on success, the session cookies. */
export function loginHandler(platform: Platform) {
  return (req: Request, res: Response): void => {
    const username = param(req, 'username') ?? '';
    const account = [...platform.accounts.values()].find((a) => a.username === username);
    if (account) res.locals.account = account.id;
    const refused = attemptLogin(platform, account, param(req, 'pwd') ?? '', param(req, 'imgcode') ?? '');
    let answer = refused;
    if (!answer && account) {
      const session = openSession(platform, account);
      setSessionCookies(res, session);
      answer = { Ret: 302, ErrMsg: `/cgi-bin/home?t=home/index&lang=zh_CN&token=${session.token}`, ShowVerifyCode: 0, ErrCode: 0 };
    }
    res.status(200).type('json').send(JSON.stringify(answer ?? refuse(-1), null, 4));
  };
}

/** Checks a login attempt and counts it for the captcha rule; null when it succeeds. */
function attemptLogin(platform: Platform, account: Account | undefined, pwd: string, imgcode: string): LoginAnswer | null {
  if (!account) return refuse(-4);
  const needsCaptcha = captchaRequired(platform, account);
  if (needsCaptcha) {
    if (imgcode === '') return refuse(-6, 1);
    if (imgcode.toLowerCase() !== account.captchaText) {
      account.loginAttempts.push(platform.nowMs());
      return refuse(-32, 1);
    }
  }
  account.loginAttempts.push(platform.nowMs());
  if (pwd.toLowerCase() !== md5Hex(account.password)) return refuse(-2);
  if (account.banned) return refuse(-7);
  if (needsCaptcha) {
    // A solved captcha clears the window, and the next captcha is a new one.
    account.loginAttempts = [];
    account.captchaGeneration += 1;
    account.captchaText = captchaTextFor(account.id, account.captchaGeneration);
  }
  return null;
}

/** `GET /cgi-bin/verifycode?username=<u>&r=<ms>`: the captcha image and its `sig` cookie. */
export function verifyCodeHandler(platform: Platform) {
  return (req: Request, res: Response): void => {
    const account = [...platform.accounts.values()].find((a) => a.username === param(req, 'username'));
    if (account) res.locals.account = account.id;
    res.setHeader('Set-Cookie', `sig=${cookieValueFor('sig', platform.knobs.seed, platform.nextSerial('sig'))}; Path=/; HttpOnly`);
    res.status(200).type('image/jpeg').send(TINY_JPEG);
  };
}
