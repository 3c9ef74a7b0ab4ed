/**
 * The console over raw HTTP for the sandbox's tests: log in with the MD5 form, then call pages
 * and actions with the cookies, the token and a Referer on the console's host.
 */
import { createHash } from 'node:crypto';
import type { RunningSandbox } from '../../sandbox/create-sandbox';

/** A logged-in console session as a client holds it. */
export interface ConsoleSession {
  token: string;
  cookie: string;
}

/** The login's JSON answer. */
export interface LoginAnswer {
  Ret: number;
  ErrMsg: string;
  ShowVerifyCode: number;
  ErrCode: number;
}

/** Lowercase hex MD5. */
export const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

/** Posts the login form; answers the parsed JSON, the session (on success) and the Set-Cookie lines. */
export async function login(
  sandbox: RunningSandbox,
  username: string,
  password: string,
  imgcode = '',
): Promise<{ answer: LoginAnswer; session?: ConsoleSession; setCookies: string[] }> {
  const response = await fetch(`${sandbox.url}/cgi-bin/login?lang=zh_CN`, {
    method: 'POST',
    body: new URLSearchParams({ username, pwd: md5(password), imgcode, f: 'json' }),
  });
  const answer = (await response.json()) as LoginAnswer;
  const setCookies = response.headers.getSetCookie();
  const token = /token=(\d+)/.exec(answer.ErrMsg)?.[1];
  const cookie = setCookies.map((c) => c.split(';')[0]).join('; ');
  return { answer, setCookies, ...(token ? { session: { token, cookie } } : {}) };
}

/** Headers of a console call; `referer: null` leaves it out. */
function headers(sandbox: RunningSandbox, session: Partial<ConsoleSession>, referer: string | null): Record<string, string> {
  return {
    ...(session.cookie ? { cookie: session.cookie } : {}),
    ...(referer === null ? {} : { referer }),
  };
}

/** GETs a console path; `{token}` in the path is replaced by the session's token. */
export async function consoleGet(
  sandbox: RunningSandbox,
  session: Partial<ConsoleSession>,
  path: string,
  referer: string | null = `${sandbox.url}/cgi-bin/home`,
): Promise<Response> {
  return fetch(`${sandbox.url}${path.replace('{token}', session.token ?? '')}`, { headers: headers(sandbox, session, referer) });
}

/** POSTs a console form (`ajax=1&token=<token>` added) and parses the JSON answer. */
export async function consolePost<T = Record<string, unknown>>(
  sandbox: RunningSandbox,
  session: Partial<ConsoleSession>,
  path: string,
  form: Record<string, string> = {},
  referer: string | null = `${sandbox.url}/cgi-bin/home`,
): Promise<T> {
  const response = await fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    headers: headers(sandbox, session, referer),
    body: new URLSearchParams({ ajax: '1', token: session.token ?? '', ...form }),
  });
  return (await response.json()) as T;
}

/** The source of one `wx.cgiData` property line (`name : source,`); throws when missing. */
export function cgiLine(html: string, name: string): string {
  const match = new RegExp(`^\\s*${name} : (.*),$`, 'm').exec(html);
  if (!match) throw new Error(`no wx.cgiData line ${name}`);
  return match[1]!;
}

/** Parses a `({"key":[...]}).key` line of `wx.cgiData`. */
export function cgiList<T>(html: string, name: string): T[] {
  const match = /^\((.*)\)\.(\w+)$/.exec(cgiLine(html, name));
  if (!match) throw new Error(`${name} is not a ({...}).key literal`);
  return (JSON.parse(match[1]!) as Record<string, T[]>)[match[2]!]!;
}

/** A follower list row (3.3). */
export interface Contact {
  id: number;
  nick_name: string;
  remark_name: string;
  group_id: number;
}

/** A message item (3.5, 3.6). */
export interface Item {
  id: number;
  type: number;
  fakeid: string;
  nick_name: string;
  date_time: number;
  content: string;
  has_reply: number;
}

/** Fetches a message list page (3.5) and parses it; `params` override the defaults. */
export async function messageList(
  sandbox: RunningSandbox,
  session: ConsoleSession,
  params: Record<string, string> = {},
): Promise<{ html: string; items: Item[] }> {
  const query = new URLSearchParams({ t: 'message/list', count: '20', day: '7', offset: '0', ...params, token: session.token, lang: 'zh_CN' });
  const html = await (await consoleGet(sandbox, session, `/cgi-bin/message?${query}`)).text();
  return { html, items: cgiList<Item>(html, 'list') };
}

/** Fetches a follower list page (3.3) and parses it; `params` override the defaults. */
export async function followerList(
  sandbox: RunningSandbox,
  session: ConsoleSession,
  params: Record<string, string> = {},
): Promise<{ html: string; contacts: Contact[] }> {
  const query = new URLSearchParams({ t: 'user/index', pagesize: '10', pageidx: '0', type: '0', ...params, token: session.token, lang: 'zh_CN' });
  const html = await (await consoleGet(sandbox, session, `/cgi-bin/contactmanage?${query}`)).text();
  return { html, contacts: cgiList<Contact>(html, 'friendsList') };
}
