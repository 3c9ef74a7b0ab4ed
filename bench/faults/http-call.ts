/**
 * One HTTP exchange with a bot, classified the way the platform sees it: a status and body, or
 * no answer (the connection reset, refused, or 5 s without a reply).
 */
import http from 'node:http';

export interface CallResult {
  status?: number;
  body: string;
  /** Set when no response arrived. */
  failure?: 'reset' | 'timeout' | 'refused' | 'other';
  /** The socket error's code, for the summary (ECONNRESET, EPIPE…). */
  code?: string;
  ms: number;
}

export interface CallOptions {
  port: number;
  path: string;
  method?: string;
  body?: string | Buffer;
  headers?: http.OutgoingHttpHeaders;
  /** The platform gives up after 5 s. */
  timeoutMs?: number;
  /** A keep-alive agent for steady load; none (a fresh connection per request) by default. */
  agent?: http.Agent | false;
}

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

/** Sends one request; never rejects. A response that arrives counts even if the socket breaks later. */
export function call({ port, path, method = 'POST', body, headers = {}, timeoutMs = 5000, agent = false }: CallOptions): Promise<CallResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: Omit<CallResult, 'ms'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, ms: performance.now() - started });
    };
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        agent,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) }),
          ...(agent === false ? { connection: 'close' } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
        // Headers arrived but the body broke off: the status still reached the client.
        res.on('error', () => done({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('aborted', () => done({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    const timer = setTimeout(() => {
      done({ body: '', failure: 'timeout' });
      req.destroy();
    }, timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? 'unknown';
      const failure = RESET_CODES.has(code) ? 'reset' : code === 'ECONNREFUSED' ? 'refused' : 'other';
      done({ body: '', failure, code });
    });
    req.end(body);
  });
}

/** What the follower gets: a reply (200 with XML), `success` (nothing to show), another status, or no answer. */
export type Answer = 'reply' | 'success' | `status ${number}` | 'reset' | 'timeout' | 'refused' | 'other';

export function answerOf(result: CallResult): Answer {
  if (result.failure) return result.failure;
  if (result.status === 200 && result.body.startsWith('<xml>')) return 'reply';
  if (result.status === 200 && result.body === 'success') return 'success';
  return `status ${result.status ?? 0}`;
}
