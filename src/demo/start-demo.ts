/**
 * The demo default (`npm start` with nothing configured): the sandbox platform and the bot side
 * by side in one process, the two demo accounts registered on both, a few people seeded (one of
 * them following both accounts), so a newcomer can open the chat page and talk to the bot as a
 * follower within a minute.
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
import { publicBaseUrl, type EnvConfig } from '../config/env-config';
import { createHttpServer } from '../http-server';
import type { Stores } from '../stores/open-stores';
import { DEMO_ACCOUNTS, DEMO_FOLLOWS, DEMO_MENU, DEMO_PEOPLE } from './demo-people';

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

/** One of the demo's accounts as the bot serves it (no console password: it is never shown). */
export interface RunningDemoAccount {
  id: string;
  token: string;
  webhookUrl: string;
}

/** A running demo: both servers, and the addresses to open. */
export interface RunningDemo {
  /** The bot, e.g. `http://127.0.0.1:3000`. */
  botUrl: string;
  /** The first demo account's webhook (`/webhooks/demo`). */
  webhookUrl: string;
  /** Every demo account, the first one first. */
  accounts: RunningDemoAccount[];
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
 * Starts the sandbox, then the bot with the demo accounts pointed at the sandbox's console, then
 * registers those accounts (webhook, token, a fresh console password each, menu) and the demo
 * people on the sandbox, and makes the seeded follows ({@link DEMO_FOLLOWS}); the bot identifies
 * those followers in the background. Everyone else is left to follow on the chat page.
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
    const consoleUrl = `http://127.0.0.1:${new URL(sandbox.url).port}`;
    // Drawn per start and never printed: a console password travels only between the two halves.
    const accounts: Account[] = DEMO_ACCOUNTS.map(({ account, consoleUsername }) => ({
      ...account,
      console: { url: consoleUrl, username: consoleUsername, password: randomBytes(18).toString('base64url') },
    }));
    let botPort = options.config.port;
    lianluo = composeLianluo({
      config: options.config, accounts, stores: options.stores, logger: options.logger, identity: options.identity,
      processMetrics: options.processMetrics, linkBase: () => publicBaseUrl(options.config, botPort),
    });
    server = createHttpServer(lianluo.app);
    server.listen(options.config.port);
    await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error as Error))]).catch((error: unknown) => {
      throw new Error(`the bot cannot listen on port ${options.config.port} (${errorText(error)}); set PORT to a free port`);
    });
    botPort = (server.address() as AddressInfo).port;
    const botUrl = `http://127.0.0.1:${botPort}`;
    const served = accounts.map((account) => ({ id: account.id, token: account.token, webhookUrl: `${botUrl}/webhooks/${account.id}` }));

    const control = new SandboxControl(sandbox.url);
    for (const [i, account] of accounts.entries()) {
      const { username, password } = account.console!;
      await control.addAccount({ id: account.id, originalId: account.originalId, username, password, token: account.token, webhookUrl: served[i]!.webhookUrl });
      await control.setMenu(account.id, [...DEMO_MENU]);
    }
    const fakeIds = new Map<string, string>();
    for (const person of DEMO_PEOPLE) fakeIds.set(person.nickName, (await control.addPerson(person)).fakeId);
    for (const { nickName, accounts: followed } of DEMO_FOLLOWS) {
      for (const accountId of followed) await control.follow({ account: accountId, fakeId: fakeIds.get(nickName)! });
    }

    const running = { server, lianluo };
    return {
      botUrl,
      webhookUrl: served[0]!.webhookUrl,
      accounts: served,
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
