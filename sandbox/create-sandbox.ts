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
import { Platform } from './platform-state';

/** Options of `startSandbox`. */
export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  knobs?: Partial<Knobs>;
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
 * @throws Error when `knobs` do not validate or the port cannot be bound
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const knobs = knobsPatchSchema.parse(options.knobs ?? {});
  const platform = new Platform(knobs);
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
