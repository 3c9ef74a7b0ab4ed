/**
 * Starts a sandbox platform: one HTTP server with the admin console at `/cgi-bin`, the control
 * API at `/_sandbox` and the chat page at `/`. The pusher POSTs from the same process to each account's webhook.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { chatRouter } from './chat-routes';
import { consoleRouter } from './console-routes';
import { clientStatus, controlRouter } from './control-routes';
import { knobsPatchSchema, type Knobs } from './knobs';
import { FAKE_ID_SPACES } from './platform-ids';
import { DEFAULT_PLATFORM_IDENTITY, Platform, type PlatformIdentity } from './platform-state';

/** Options of `startSandbox`. */
export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  knobs?: Partial<Knobs>;
  /**
   * The name of the platform this sandbox plays, `[a-z0-9-]{1,32}` (default `default`): the
   * value the bot's accounts file gives as `platform` for accounts on it.
   */
  platform?: string;
  /**
   * Which band of FakeIDs its people and accounts get, 0 to 3 (default 0). A second sandbox with
   * another space plays a second platform whose FakeIDs never equal the first one's.
   */
  fakeIdSpace?: number;
  /**
   * The base URL of the sandbox whose SMS inbox (`/sms`) the chat page's "SMS 短信" link opens,
   * http(s), no query (default: this sandbox's own URL). A second platform in the demo points it
   * at the first sandbox, where the bot's `sandbox` SMS gateway delivers every code.
   */
  smsInboxUrl?: string;
}

/** A running sandbox. */
export interface RunningSandbox {
  /** e.g. `http://127.0.0.1:4010`, no trailing slash. */
  url: string;
  platform: Platform;
  /** Aborts in-flight pushes and closes the server and its connections. */
  close(): Promise<void>;
}

/**
 * Starts the sandbox and resolves once it listens.
 *
 * @throws Error when `knobs`, the platform name, the FakeID space or `smsInboxUrl` do not validate, or the port cannot be bound
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const knobs = knobsPatchSchema.parse(options.knobs ?? {});
  const smsInboxUrl = options.smsInboxUrl === undefined ? undefined : smsInboxBase(options.smsInboxUrl);
  const platform = new Platform(knobs, platformIdentity(options));
  const app = express();
  app.disable('x-powered-by');
  app.use('/_sandbox', controlRouter(platform));
  app.use('/cgi-bin', consoleRouter(platform));
  app.use(chatRouter());
  // Express's default handler would print a stack for every undecodable path (`/%ff`): answer
  // the client's errors in one plain line, and anything else without internals.
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = clientStatus(error);
    if (!res.headersSent) res.status(status ?? 500).type('text/plain').send(status ? 'bad request' : 'internal error');
  });

  const server = createServer(app);
  server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  platform.baseUrl = `http://${host}:${port}`;
  platform.smsInboxUrl = smsInboxUrl ?? platform.baseUrl;
  return {
    url: platform.baseUrl,
    platform,
    async close() {
      platform.shutdown.abort();
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      server.closeAllConnections();
      await closed;
    },
  };
}

/**
 * The platform a sandbox plays, from its options.
 *
 * @throws Error naming the option when the name or the space is out of range
 */
export function platformIdentity(options: Pick<SandboxOptions, 'platform' | 'fakeIdSpace'>): PlatformIdentity {
  const name = options.platform ?? DEFAULT_PLATFORM_IDENTITY.name;
  const fakeIdSpace = options.fakeIdSpace ?? DEFAULT_PLATFORM_IDENTITY.fakeIdSpace;
  if (!/^[a-z0-9-]{1,32}$/.test(name)) throw new Error(`the sandbox's platform name is 1-32 characters of a-z, 0-9 and -, got ${JSON.stringify(name)}`);
  if (!Number.isInteger(fakeIdSpace) || fakeIdSpace < 0 || fakeIdSpace >= FAKE_ID_SPACES) {
    throw new Error(`the sandbox's FakeID space is a whole number from 0 to ${FAKE_ID_SPACES - 1}, got ${String(fakeIdSpace)}`);
  }
  return { name, fakeIdSpace };
}

/**
 * `smsInboxUrl` as the chat page joins it with `/sms`: an http(s) URL without query or fragment,
 * without the trailing slash.
 *
 * @throws Error naming the option when it is not such a URL
 */
export function smsInboxBase(url: string): string {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.search !== '' || parsed.hash !== '') {
    throw new Error(`the sandbox's smsInboxUrl is an http(s) URL without query or fragment, e.g. http://127.0.0.1:4010, got ${JSON.stringify(url)}`);
  }
  return parsed.href.replace(/\/+$/, '');
}
