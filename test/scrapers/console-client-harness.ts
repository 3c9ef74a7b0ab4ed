import nock from 'nock';
import { CookieJar } from 'tough-cookie';
import { ConsoleClient, type ConsoleEvent } from '../../scrapers/console-client';
import type { SavedSession } from '../../scrapers/console-types';
import { MemorySessionVault } from '../../scrapers/session-vault';
import { consoleFixture } from './console-fixture';

export const BASE_URL = 'http://console.test';
export const USERNAME = 'lianluo-demo';
export const PASSWORD = 'secret';
/** md5('secret'), written out so the test does not compute it the way the client does. */
export const PASSWORD_MD5 = '5ebe2294ecd0e0f08eab7690d2a6ee69';
/** The token of login-ok.json. */
export const TOKEN = '123456789';
export const SID = 'U0lEMTIzNDU2';
export const NOW = 1_385_000_000_000;

export const refererFor = (token: string) => `${BASE_URL}/cgi-bin/home?t=home/index&lang=zh_CN&token=${token}`;

/** The cookies a login sets (docs/protocol.md §3.1). */
export function loginCookies(sid = SID): string[] {
  return [
    'slave_user=gh_0123456789ab; Path=/',
    `slave_sid=${sid}; Path=/`,
    'bizuin=3012345678; Path=/',
    'data_bizuin=3012345678; Path=/',
    'data_ticket=VElDS0VUMTIz; Path=/',
    'cert=Q0VSVDEyMw; Path=/',
  ];
}

/** Expects one login with the MD5 password; answers with `fixture` and, on success, fresh cookies. */
export function expectLogin(scope: nock.Scope, fixture = 'login-ok.json', sid = SID, imgcode = ''): nock.Scope {
  const ok = fixture.startsWith('login-ok');
  return scope
    .post('/cgi-bin/login', { username: USERNAME, pwd: PASSWORD_MD5, imgcode, f: 'json' })
    .query({ lang: 'zh_CN' })
    .matchHeader('content-type', /^application\/x-www-form-urlencoded/)
    .matchHeader('referer', `${BASE_URL}/`)
    .reply(200, consoleFixture(fixture), ok ? { 'Set-Cookie': loginCookies(sid) } : {});
}

/** A session as a login would have saved it: the token and a jar holding the login cookies. */
export function savedSession(token = TOKEN, sid = SID): SavedSession {
  const jar = new CookieJar();
  for (const cookie of loginCookies(sid)) jar.setCookieSync(cookie, BASE_URL);
  return { token, cookies: JSON.stringify(jar.serializeSync()), loggedInAt: NOW - 60_000 };
}

export interface Harness {
  client: ConsoleClient;
  vault: MemorySessionVault;
  events: ConsoleEvent[];
  sleeps: number[];
}

/** A client over a fresh in-memory vault with a fixed clock, a no-op sleep and recorded events. */
export function makeClient(options: { vault?: MemorySessionVault; timeoutMs?: number } = {}): Harness {
  const vault = options.vault ?? new MemorySessionVault();
  const events: ConsoleEvent[] = [];
  const sleeps: number[] = [];
  const client = new ConsoleClient({
    baseUrl: `${BASE_URL}/`,
    username: USERNAME,
    password: PASSWORD,
    vault,
    timeoutMs: options.timeoutMs ?? 2000,
    onEvent: (event) => events.push(event),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    now: () => NOW,
  });
  return { client, vault, events, sleeps };
}

/** Awaits `promise`, expecting it to reject; returns the error. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
