import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { composeLianluo, type ComposeOptions, type Lianluo } from '../../src/compose';
import type { Account } from '../../src/config/account';
import { createHttpServer } from '../../src/http-server';
import type { Stores } from '../../src/stores/open-stores';

/** A bot listening on loopback, as `npm start` runs it, over the stores given. */
export interface BotServer {
  url: string;
  port: number;
  lianluo: Lianluo;
  /** Stops listening, drains and closes the stores. */
  close(): Promise<void>;
}

export interface BotServerOptions {
  accounts: Account[];
  stores: Stores;
  /** 0: any free port; a number: that one (a restart on the same address). */
  port?: number;
  logger?: Logger;
  replyBudgetMs?: number;
  identity?: ComposeOptions['identity'];
  extraCommands?: ComposeOptions['extraCommands'];
}

export async function startBotServer(options: BotServerOptions): Promise<BotServer> {
  let port = options.port ?? 0;
  const lianluo = composeLianluo({
    config: { replyBudgetMs: options.replyBudgetMs ?? 4500 },
    accounts: options.accounts,
    stores: options.stores,
    logger: options.logger ?? pino({ level: 'silent' }),
    identity: options.identity,
    extraCommands: options.extraCommands,
    // Links in replies point at this server, on the port it listens on.
    linkBase: () => `http://127.0.0.1:${port}`,
  });
  const server: Server = createHttpServer(lianluo.app);
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    lianluo,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await lianluo.close();
    },
  };
}

/** A logger whose JSON lines land in `lines` (tests read what the bot told the owner). */
export function capturingLogger(lines: string[], level = 'info'): Logger {
  return pino({ level }, { write: (line: string) => void lines.push(line) });
}

/** Polls `check` every `everyMs` until it returns true or `timeoutMs` passes; resolves whether it did. */
export async function eventually(check: () => Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
