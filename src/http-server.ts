import { createServer, type RequestListener, type Server } from 'node:http';

/**
 * The webhook server's socket limits, well under the platform's 5 s (issue 10, item 6): a
 * client must send its headers within 2 s and its whole request within 3 s, or the socket is
 * closed. Node checks open connections against these limits every `connectionsCheckingInterval`
 * (30 s by default, which let trickling clients hold sockets for half a minute). The limits
 * cover receiving the request only: a push whose work takes 4.5 s is still answered.
 */
export const SERVER_LIMITS = {
  headersTimeoutMs: 2_000,
  requestTimeoutMs: 3_000,
  checkEveryMs: 500,
} as const;

/** An HTTP server for `app` with the limits above: the bot's, the demo's and the tests'. */
export function createHttpServer(app: RequestListener, limits: Partial<typeof SERVER_LIMITS> = {}): Server {
  const { headersTimeoutMs, requestTimeoutMs, checkEveryMs } = { ...SERVER_LIMITS, ...limits };
  return createServer(
    { headersTimeout: headersTimeoutMs, requestTimeout: requestTimeoutMs, connectionsCheckingInterval: checkEveryMs },
    app,
  );
}
