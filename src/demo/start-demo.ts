/**
 * The demo default (`npm start` with nothing configured): the sandbox platform and the bot side
 * by side in one process, the demo account registered on both, a few people seeded, so a
 * newcomer can open the chat page and talk to the bot as a follower within a minute.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { SandboxControl } from '../../sandbox/control-client';
import { startSandbox, type RunningSandbox } from '../../sandbox/create-sandbox';
import { composeLianluo, type ComposeOptions, type Lianluo } from '../compose';
import type { Account } from '../config/account';
import { DEMO_ACCOUNT } from '../config/accounts-file';
import { publicBaseUrl, type EnvConfig } from '../config/env-config';
import { createHttpServer } from '../http-server';
import type { Stores } from '../stores/open-stores';
import { DEMO_CONSOLE_USERNAME, DEMO_MENU, DEMO_PEOPLE } from './demo-people';

export interface DemoOptions {
  /** `port` is the bot's (0 = any free port); links in replies are under `publicUrl`, else localhost on that port. */
  config: Pick<EnvConfig, 'port' | 'replyBudgetMs'> & Partial<Pick<EnvConfig, 'publicUrl' | 'secretKey' | 'profileRefreshDays'>>;
  stores: Stores;
  logger: Logger;
  /** Default 4010; 0 = any free port. */
  sandboxPort?: number;
  /** Default 127.0.0.1. */
  sandboxHost?: string;
  /** Identity tunables (tests shorten the walks). */
  identity?: ComposeOptions['identity'];
  /** Add Node's process metrics to `/metrics` (the real server does). */
  processMetrics?: boolean;
}

/** A running demo: both servers, and the addresses to open. */
export interface RunningDemo {
  /** The bot, e.g. `http://127.0.0.1:3000`. */
  botUrl: string;
  webhookUrl: string;
  sandboxUrl: string;
  /** The sandbox's chat page (its root). */
  chatUrl: string;
  lianluo: Lianluo;
  server: Server;
  sandbox: RunningSandbox;
  /** Stops the bot (draining it and closing the stores), then the sandbox. */
  close(): Promise<void>;
}

/**
 * Starts the sandbox, then the bot with the demo account pointed at the sandbox's console, then
 * registers that account (webhook, token, a fresh console password, menu) and the demo people
 * on the sandbox. Nobody follows yet: following is the first thing to try on the chat page.
 *
 * @throws Error when a port cannot be bound (the message names it); nothing is left running
 */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const sandbox = await startSandbox({ port: options.sandboxPort ?? 4010, host: options.sandboxHost ?? '127.0.0.1' }).catch((error: unknown) => {
    throw new Error(`the sandbox cannot listen on port ${options.sandboxPort ?? 4010} (${errorText(error)}); set SANDBOX_PORT to a free port`);
  });
  let server: Server | undefined;
  let lianluo: Lianluo | undefined;
  try {
    // Drawn per start and never printed: the console password travels only between the two halves.
    const password = randomBytes(18).toString('base64url');
    const consoleUrl = `http://127.0.0.1:${new URL(sandbox.url).port}`;
    const account: Account = { ...DEMO_ACCOUNT, console: { url: consoleUrl, username: DEMO_CONSOLE_USERNAME, password } };
    let botPort = options.config.port;
    lianluo = composeLianluo({
      config: options.config, accounts: [account], stores: options.stores, logger: options.logger, identity: options.identity,
      processMetrics: options.processMetrics, linkBase: () => publicBaseUrl(options.config, botPort),
    });
    server = createHttpServer(lianluo.app);
    server.listen(options.config.port);
    await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error as Error))]).catch((error: unknown) => {
      throw new Error(`the bot cannot listen on port ${options.config.port} (${errorText(error)}); set PORT to a free port`);
    });
    botPort = (server.address() as AddressInfo).port;
    const botUrl = `http://127.0.0.1:${botPort}`;
    const webhookUrl = `${botUrl}/webhooks/${account.id}`;

    const control = new SandboxControl(sandbox.url);
    await control.addAccount({ id: account.id, originalId: account.originalId, username: DEMO_CONSOLE_USERNAME, password, token: account.token, webhookUrl });
    await control.setMenu(account.id, [...DEMO_MENU]);
    for (const person of DEMO_PEOPLE) await control.addPerson(person);

    const running = { server, lianluo };
    return {
      botUrl,
      webhookUrl,
      sandboxUrl: sandbox.url,
      chatUrl: `${sandbox.url}/`,
      lianluo,
      server,
      sandbox,
      async close() {
        await closeServer(running.server);
        await running.lianluo.close();
        await sandbox.close();
      },
    };
  } catch (error) {
    if (server?.listening) await closeServer(server);
    await lianluo?.close();
    await sandbox.close();
    throw error;
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

function errorText(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}
