/**
 * The console's HTTP plumbing: one axios instance per client over axios's fetch adapter, with
 * cookies kept by fetch-cookie in a tough-cookie jar. Why this binding: cookie agents
 * (axios-cookiejar-support, http-cookie-agent) work at the http.Agent level, which nock 14's
 * interceptors bypass, so cookies silently vanish under test; fetch-cookie works at the fetch
 * level, which nock intercepts after it.
 *
 * The jar travels with each request (`fetchOptions.cookieJar`) instead of being bound to the
 * instance: a response of an old session arriving late cannot write into the jar of a new
 * one, and axios caches its fetch adapter per fetch function for ever, so one module-level
 * function keeps that cache at one entry.
 */
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import fetchCookie from 'fetch-cookie';
import type { CookieJar } from 'tough-cookie';
import { ScrapeError, SessionExpiredError } from './console-errors';
import type { ConsoleRequest } from './console-requests';
import { hasExpiredCookies } from './detect-expiry';

/** A browser of the console's time; the console served browsers only. */
export const CONSOLE_USER_AGENT =
  'Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/31.0.1650.63 Safari/537.36';

/** What a request runs with: the session's jar and token (both empty-handed before a login). */
export interface HttpSession {
  jar: CookieJar;
  /** '' before login; the Referer then names the console's root. */
  token: string;
}

export interface ConsoleHttpOptions {
  baseUrl: string;
  timeoutMs: number;
  /** Called after every request with its step, duration and outcome (`HTTP 200`, `timeout`). */
  onRequest?: (step: string, ms: number, outcome: string) => void;
}

type FetchInit = RequestInit & { cookieJar?: CookieJar };

const cookieFetch = (input: URL | Request | string, init?: FetchInit): Promise<Response> => {
  const { cookieJar, ...rest } = init ?? {};
  if (cookieJar === undefined) throw new Error('console request without a cookie jar');
  return fetchCookie(fetch, cookieJar)(input, rest);
};

/** Sends console requests with a session's cookies, token Referer and a browser User-Agent. */
export class ConsoleHttp {
  private readonly axios: AxiosInstance;
  private readonly baseUrl: string;

  constructor(private readonly options: ConsoleHttpOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.axios = axios.create({
      baseURL: this.baseUrl,
      adapter: 'fetch',
      env: { fetch: cookieFetch },
      timeout: options.timeoutMs,
      maxRedirects: 0,
      validateStatus: () => true,
    });
  }

  /**
   * Sends `request` and returns the body: text, or bytes for a `binary` request.
   *
   * @param checkExpiry false for login and captcha, whose answers set fresh cookies
   * @throws SessionExpiredError when the answer re-sets a cookie to `EXPIRED`
   * @throws ScrapeError transient on a network error, a timeout or HTTP 5xx; not transient on
   *   any other status than 200
   */
  async send(session: HttpSession, request: ConsoleRequest, checkExpiry = true): Promise<string | Buffer> {
    const started = Date.now();
    let response: AxiosResponse<string | ArrayBuffer>;
    try {
      response = await this.axios.request<string | ArrayBuffer>({
        method: request.method,
        url: request.url,
        data: request.form?.toString(),
        responseType: request.binary === true ? 'arraybuffer' : 'text',
        headers: {
          Referer: this.referer(session.token),
          'User-Agent': CONSOLE_USER_AGENT,
          ...(request.form === undefined ? {} : { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' }),
        },
        fetchOptions: { cookieJar: session.jar },
      });
    } catch (error) {
      const failure = describeFailure(error);
      this.options.onRequest?.(request.step, Date.now() - started, failure);
      throw new ScrapeError(request.step, failure, true);
    }
    const { status } = response;
    this.options.onRequest?.(request.step, Date.now() - started, `HTTP ${status}`);
    if (checkExpiry && hasExpiredCookies(response.headers['set-cookie'])) throw new SessionExpiredError(request.step);
    if (status !== 200) throw new ScrapeError(request.step, `HTTP ${status}`, status >= 500);
    return typeof response.data === 'string' ? response.data : Buffer.from(response.data);
  }

  /** Text answer; a byte answer here is a programming error. */
  async text(session: HttpSession, request: ConsoleRequest, checkExpiry = true): Promise<string> {
    const body = await this.send(session, request, checkExpiry);
    return typeof body === 'string' ? body : body.toString('utf8');
  }

  /** Byte answer, for a `binary` request. */
  async bytes(session: HttpSession, request: ConsoleRequest, checkExpiry = true): Promise<Buffer> {
    const body = await this.send(session, { ...request, binary: true }, checkExpiry);
    return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  }

  // A Referer on the console's host: the home page the token leads to, or the root before login.
  private referer(token: string): string {
    if (token === '') return `${this.baseUrl}/`;
    return `${this.baseUrl}/cgi-bin/home?t=home/index&lang=zh_CN&token=${encodeURIComponent(token)}`;
  }
}

/**
 * A failed request in words that are safe to log: the error code only. The error's message
 * and cause are left out because they may quote the URL (with the token) or the headers.
 */
function describeFailure(error: unknown): string {
  if (axios.isAxiosError(error) && (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT')) return 'timeout';
  const code = findCode(error);
  return code === undefined ? 'network error' : `network error (${code})`;
}

function findCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code) && code !== 'ERR_NETWORK') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
