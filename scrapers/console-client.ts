/**
 * The real `ConsoleApi`: logs into one account's console, keeps the session in a
 * `SessionVault` shared by every process, and sends the requests of console-requests.ts
 * through console-http.ts to the parsers. It does I/O only; every page is read by a parser.
 */
import { createHash } from 'node:crypto';
import { CookieJar } from 'tough-cookie';
import type { ConsoleApi } from './console-api';
import { ConsoleLoginError, LoginsStoppedError, ScrapeError, SessionExpiredError } from './console-errors';
import { ConsoleHttp, type HttpSession } from './console-http';
import { consoleRequests as requests } from './console-requests';
import type { Conversation, ContactInfo, FollowerPage, MessagePage, SavedSession } from './console-types';
import { parseCreateGroupResult, parseMoveResult, parseProbeResult, parseSendResult } from './parse-ajax-result';
import { parseAvatar } from './parse-avatar';
import { parseContactInfo } from './parse-contact-info';
import { parseConversation } from './parse-conversation';
import { parseFollowerPage } from './parse-follower-page';
import { parseLoginResponse } from './parse-login-response';
import { parseMessageList } from './parse-message-list';
import type { SessionVault } from './session-vault';

/** What the client reports for logs and metrics. Never carries a password, cookie, token or page. */
export interface ConsoleEvent {
  kind: 'login' | 'login-failed' | 'expired' | 'request';
  step: string;
  ms?: number;
  detail?: string;
}

export interface ConsoleClientOptions {
  baseUrl: string;
  username: string;
  password: string;
  vault: SessionVault;
  /** Per request; default 10 000. */
  timeoutMs?: number;
  onEvent?: (event: ConsoleEvent) => void;
  /** Waits between login attempts after a system error; tests pass a no-op. */
  sleep?: (ms: number) => Promise<void>;
  /** Unix ms; tests pass a fixed clock. */
  now?: () => number;
}

/** Attempts of a login the console answers with a system error (ErrCode -1), and the waits between. */
const LOGIN_ATTEMPTS = 3;
const BACKOFF_MS = 500;

/** One account's console client (docs/protocol.md §3). */
export class ConsoleClient implements ConsoleApi {
  private readonly http: ConsoleHttp;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private session: HttpSession | null = null;
  /** The jar the last captcha image was fetched with: a login with its text must use it. */
  private captchaJar: CookieJar | null = null;

  constructor(private readonly options: ConsoleClientOptions) {
    this.http = new ConsoleHttp({
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs ?? 10_000,
      onRequest: (step, ms, detail) => this.emit({ kind: 'request', step, ms, detail }),
    });
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
  }

  /**
   * Logs in now, replacing any session. Stopped logins (`LoginsStoppedError`) apply unless
   * `imgcode` is given: answering a captcha is the owner acting.
   */
  async login(imgcode?: string): Promise<void> {
    await this.logIn({ imgcode, fresh: true });
  }

  async probe(): Promise<boolean> {
    const session = this.session ?? (await this.restore());
    if (session === null) return false;
    try {
      if (parseProbeResult(await this.http.text(session, requests.probe(session.token)))) return true;
    } catch (error) {
      if (!(error instanceof SessionExpiredError)) throw error;
    }
    this.emit({ kind: 'expired', step: 'probe' });
    if (this.session === session) this.session = null;
    return false;
  }

  followers(query: { pageIdx: number; pageSize: number; groupId?: number }): Promise<FollowerPage> {
    return this.call(async (s) => parseFollowerPage(await this.http.text(s, requests.followers(s.token, query))));
  }

  contactInfo(fakeId: string): Promise<ContactInfo> {
    return this.call(async (s) => parseContactInfo(await this.http.text(s, requests.contactInfo(s.token, fakeId))));
  }

  avatar(fakeId: string): Promise<Buffer> {
    return this.call(async (s) => parseAvatar(await this.http.bytes(s, requests.avatar(s.token, fakeId))));
  }

  messages(query: { offset: number; count: number }): Promise<MessagePage> {
    return this.call(async (s) => parseMessageList(await this.http.text(s, requests.messages(s.token, query))));
  }

  conversation(fakeId: string, sinceUnix: number): Promise<Conversation> {
    return this.call(async (s) =>
      parseConversation(await this.http.text(s, requests.conversation(s.token, fakeId, sinceUnix))),
    );
  }

  send(fakeId: string, text: string): Promise<void> {
    return this.call(async (s) => parseSendResult(await this.http.text(s, requests.send(s.token, fakeId, text))));
  }

  createGroup(name: string): Promise<number> {
    return this.call(async (s) => parseCreateGroupResult(await this.http.text(s, requests.createGroup(s.token, name))));
  }

  async moveToGroup(groupId: number, fakeIds: readonly string[]): Promise<void> {
    if (fakeIds.length === 0) return;
    await this.call(async (s) => parseMoveResult(await this.http.text(s, requests.moveToGroup(s.token, groupId, fakeIds))));
  }

  /**
   * Fetches the captcha image (3.1) for the owner to read; the next `login(imgcode)` uses the
   * cookies it came with.
   */
  async captchaImage(): Promise<Buffer> {
    const jar = new CookieJar();
    const image = await this.http.bytes({ jar, token: '' }, requests.captcha(this.options.username, this.now()), false);
    this.captchaJar = jar;
    return image;
  }

  /** Runs `run` with a session; on expiry logs in once and runs it once more. */
  private async call<T>(run: (session: HttpSession) => Promise<T>): Promise<T> {
    const session = this.session ?? (await this.restore()) ?? (await this.logIn({}));
    try {
      return await run(session);
    } catch (error) {
      if (!(error instanceof SessionExpiredError)) throw error;
      this.emit({ kind: 'expired', step: error.step });
      return run(await this.renew(session));
    }
  }

  /** A session to replace `stale`: one another call or process already made, else a new login. */
  private async renew(stale: HttpSession): Promise<HttpSession> {
    if (this.session !== null && this.session !== stale) return this.session;
    this.session = null;
    const saved = await this.options.vault.load();
    if (saved !== null && saved.token !== stale.token) return this.adopt(saved);
    if (saved !== null) await this.options.vault.clear();
    return this.logIn({ staleToken: stale.token });
  }

  /** The vault's session, when there is one that can be read (an unreadable one is dropped). */
  private async restore(): Promise<HttpSession | null> {
    const saved = await this.options.vault.load();
    if (saved === null) return null;
    try {
      return await this.adopt(saved);
    } catch {
      await this.options.vault.clear();
      return null;
    }
  }

  private async adopt(saved: SavedSession): Promise<HttpSession> {
    const jar = await CookieJar.deserialize(saved.cookies);
    this.session = { jar, token: saved.token };
    return this.session;
  }

  /**
   * Logs in under the vault's lock, unless logins are stopped. Inside the lock, a session that
   * another process saved meanwhile is taken instead (`fresh` forces a new login).
   */
  private async logIn(how: { imgcode?: string; staleToken?: string; fresh?: boolean }): Promise<HttpSession> {
    const { vault } = this.options;
    const block = how.imgcode === undefined ? await vault.loginBlock() : null;
    if (block !== null) throw new LoginsStoppedError(block);
    const saved = await vault.withLoginLock(async () => {
      const current = how.fresh === true ? null : await vault.load();
      if (current !== null && current.token !== how.staleToken) return current;
      return this.loginWithRetries(how.imgcode);
    });
    if (saved !== null) return this.adopt(saved);
    const blockNow = await vault.loginBlock();
    if (blockNow !== null) throw new LoginsStoppedError(blockNow);
    throw new ScrapeError('login', 'another login attempt failed', true);
  }

  private async loginWithRetries(imgcode: string | undefined): Promise<SavedSession> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.loginOnce(imgcode);
      } catch (error) {
        if (!(error instanceof ConsoleLoginError)) throw error;
        this.emit({ kind: 'login-failed', step: 'login', detail: `${error.failure} (ErrCode ${error.errCode}), attempt ${attempt}` });
        if (error.needsOwner) {
          await this.options.vault.blockLogins({ failure: error.failure, errCode: error.errCode, since: this.now() });
          throw error;
        }
        if (attempt >= LOGIN_ATTEMPTS) throw error;
        await this.sleep(BACKOFF_MS * 2 ** (attempt - 1));
      }
    }
  }

  private async loginOnce(imgcode: string | undefined): Promise<SavedSession> {
    const started = this.now();
    const jar = (imgcode !== undefined ? this.captchaJar : null) ?? new CookieJar();
    this.captchaJar = null;
    const pwd = createHash('md5').update(this.options.password, 'utf8').digest('hex');
    const request = requests.login(this.options.username, pwd, imgcode ?? '');
    const token = parseLoginResponse(await this.http.text({ jar, token: '' }, request, false));
    const saved: SavedSession = { token, cookies: JSON.stringify(await jar.serialize()), loggedInAt: this.now() };
    await this.options.vault.save(saved);
    this.emit({ kind: 'login', step: 'login', ms: this.now() - started });
    return saved;
  }

  private emit(event: ConsoleEvent): void {
    this.options.onEvent?.(event);
  }
}
