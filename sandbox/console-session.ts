/**
 * Console sessions (docs/protocol.md §3.1, 3.2): the cookies a login sets, and the guard every other
 * console call goes through: valid `slave_sid`, the session's token, a Referer on the console's
 * host, and not idle for longer than `sessionIdleMs`. A call that fails any of these gets the
 * expired sign: `登录超时` for pages, `{"ret":"-20000",...}` for ajax, cookies set to EXPIRED.
 */
import type { Request, Response } from 'express';
import { cookieValueFor, sessionTokenFor } from './platform-ids';
import type { Account, Session } from './platform-model';
import type { Platform } from './platform-state';
import { expiredPage } from './console-pages';

/** `page`: an HTML page (or the avatar); `ajax`: a JSON action. Decides the expired sign. */
export type CallKind = 'page' | 'ajax';

/** What a guarded handler receives. */
export interface SessionCall {
  req: Request;
  res: Response;
  session: Session;
  account: Account;
}

const COOKIE_NAMES = ['slave_user', 'slave_sid', 'bizuin', 'data_bizuin', 'data_ticket', 'cert'] as const;

/** Logs an account in: a new session with fresh cookies and token. */
export function openSession(platform: Platform, account: Account): Session {
  const n = platform.nextSerial('session');
  const seed = platform.knobs.seed;
  const session: Session = {
    accountId: account.id,
    token: sessionTokenFor(seed, n),
    cookies: {
      slave_user: account.originalId,
      slave_sid: cookieValueFor('slave_sid', seed, n),
      bizuin: account.fakeId,
      data_bizuin: account.fakeId,
      data_ticket: cookieValueFor('data_ticket', seed, n),
      cert: cookieValueFor('cert', seed, n),
    },
    lastUsed: platform.nowMs(),
  };
  platform.sessions.set(session.cookies.slave_sid!, session);
  return session;
}

/** Sets every session cookie on the response (`Path=/; HttpOnly`). */
export function setSessionCookies(res: Response, session: Session): void {
  res.setHeader('Set-Cookie', COOKIE_NAMES.map((name) => `${name}=${session.cookies[name] ?? ''}; Path=/; HttpOnly`));
}

/** Parses a `Cookie` header into name → value (first occurrence wins). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!(name in cookies)) cookies[name] = part.slice(eq + 1).trim();
  }
  return cookies;
}

/** A string parameter from the query, else from the form body. */
export function param(req: Request, name: string): string | undefined {
  const fromQuery = (req.query as Record<string, unknown>)[name];
  const fromBody = (req.body as Record<string, unknown> | undefined)?.[name];
  const value = fromQuery ?? fromBody;
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** The session a call may use, or null (expired sessions are dropped on the way). */
export function findSession(platform: Platform, req: Request): Session | null {
  const sid = parseCookies(req.headers.cookie).slave_sid;
  const session = sid === undefined ? undefined : platform.sessions.get(sid);
  if (!session || sid === undefined) return null;
  if (platform.nowMs() - session.lastUsed > platform.knobs.sessionIdleMs) {
    platform.sessions.delete(sid);
    return null;
  }
  if (param(req, 'token') !== session.token || !refererOnHost(req)) return null;
  return session;
}

function refererOnHost(req: Request): boolean {
  const referer = req.headers.referer;
  if (!referer || !req.headers.host) return false;
  try {
    return new URL(referer).host === req.headers.host;
  } catch {
    return false;
  }
}

/** Answers with the expired sign of the call's kind. */
export function sendExpired(res: Response, kind: CallKind): void {
  res.setHeader('Set-Cookie', ['slave_user=EXPIRED; Path=/; HttpOnly', 'slave_sid=EXPIRED; Path=/; HttpOnly']);
  if (kind === 'ajax') res.status(200).json({ ret: '-20000', msg: 'Request is denied! ' });
  else res.status(200).type('html').send(expiredPage());
}

/**
 * Wraps a console handler: it runs only for a valid session (which it then touches), else the
 * call gets the expired sign. The account id is left in `res.locals.account` for the request log.
 */
export function guarded(platform: Platform, kind: CallKind, handler: (call: SessionCall) => void) {
  return (req: Request, res: Response): void => {
    const session = findSession(platform, req);
    if (!session) return sendExpired(res, kind);
    const account = platform.accounts.get(session.accountId);
    if (!account) return sendExpired(res, kind);
    session.lastUsed = platform.nowMs();
    res.locals.account = account.id;
    handler({ req, res, session, account });
  };
}
