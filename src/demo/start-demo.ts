/**
 * The demo default (`npm start` with nothing configured): two sandbox platforms and the bot side
 * by side in one process, the demo accounts registered on the bot and each on its platform's
 * sandbox, a few people seeded (one following two accounts on one platform, one on both
 * platforms), so a newcomer can open a chat page and talk to the bot as a follower within a
 * minute, and watch two persons become one by binding one phone from both chats.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { SandboxControl } from '../../sandbox/control-client';
import { startSandbox, type RunningSandbox } from '../../sandbox/create-sandbox';
import { composeLianluo, type ComposeOptions, type Lianluo } from '../compose';
import { platformOf, type Account } from '../config/account';
import { publicBaseUrl, type EnvConfig } from '../config/env-config';
import { createHttpServer } from '../http-server';
import type { Stores } from '../stores/open-stores';
import { DEMO_MENU, DEMO_PLATFORMS, type DemoPlatform } from './demo-people';

export interface DemoOptions {
  /** `port` is the bot's (0 = any free port); links in replies are under `publicUrl`, else localhost on that port. */
  config: Pick<EnvConfig, 'port' | 'replyBudgetMs'> & Partial<Pick<EnvConfig, 'publicUrl' | 'secretKey' | 'profileRefreshDays'>>;
  stores: Stores;
  logger: Logger;
  /**
   * The first platform's sandbox port: default 4010; 0 = any free port. The second platform's
   * sandbox listens on the next port (4011), or on any free port when this is 0.
   */
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
  /** The platform the account is on (`default` or the second one). */
  platform: string;
}

/** One platform of a running demo: the sandbox playing it, and its chat page. */
export interface RunningDemoPlatform {
  name: string;
  sandbox: RunningSandbox;
  /** The sandbox's chat page (its root), e.g. `http://127.0.0.1:4011/`. */
  chatUrl: string;
  /** The ids of the demo accounts on this platform. */
  accounts: string[];
}

/** A running demo: the bot, the sandboxes, and the addresses to open. */
export interface RunningDemo {
  /** The bot, e.g. `http://127.0.0.1:3000`. */
  botUrl: string;
  /** The first demo account's webhook (`/webhooks/demo`). */
  webhookUrl: string;
  /** Every demo account, platform by platform, the first one first. */
  accounts: RunningDemoAccount[];
  /** The first platform's sandbox: where the SMS inbox (`/sms`) is, for every platform. */
  sandboxUrl: string;
  /** The first sandbox's chat page (its root). */
  chatUrl: string;
  /** Every platform, the first one first. */
  platforms: RunningDemoPlatform[];
  lianluo: Lianluo;
  server: Server;
  /** The first platform's sandbox. */
  sandbox: RunningSandbox;
  /** Stops the bot (draining it and closing the stores), then every sandbox. */
  close(): Promise<void>;
}

/**
 * Starts one sandbox per demo platform, then the bot with the demo accounts pointed at their
 * platform's console, then registers those accounts (webhook, token, a fresh console password
 * each, menu) and the demo people on each sandbox, and makes the seeded follows
 * ({@link DEMO_PLATFORMS}); the bot identifies those followers in the background. Every chat
 * page's SMS link opens the first sandbox's inbox, where the bot's `sandbox` SMS gateway sends.
 *
 * @throws Error when a port cannot be bound (the message names it); nothing is left running
 */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const sandboxes = await startSandboxes(options);
  let server: Server | undefined;
  let lianluo: Lianluo | undefined;
  try {
    const consoleUrl = (platform: string) => `http://127.0.0.1:${new URL(sandboxes.get(platform)!.url).port}`;
    // Drawn per start and never printed: a console password travels only between the two halves.
    const accounts: Account[] = DEMO_PLATFORMS.flatMap(({ accounts: own }) => own).map(({ account, consoleUsername }) => ({
      ...account,
      console: { url: consoleUrl(platformOf(account)), username: consoleUsername, password: randomBytes(18).toString('base64url') },
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
    const served = accounts.map((account) => ({ id: account.id, token: account.token, webhookUrl: `${botUrl}/webhooks/${account.id}`, platform: platformOf(account) }));

    for (const platform of DEMO_PLATFORMS) await seedPlatform(platform, sandboxes.get(platform.name)!, accounts, served);

    const running = { server, lianluo };
    const first = sandboxes.get(DEMO_PLATFORMS[0]!.name)!;
    return {
      botUrl,
      webhookUrl: served[0]!.webhookUrl,
      accounts: served,
      sandboxUrl: first.url,
      chatUrl: `${first.url}/`,
      platforms: DEMO_PLATFORMS.map(({ name, accounts: own }) => ({
        name, sandbox: sandboxes.get(name)!, chatUrl: `${sandboxes.get(name)!.url}/`, accounts: own.map(({ account }) => account.id),
      })),
      lianluo,
      server,
      sandbox: first,
      async close() {
        await closeServer(running.server);
        await running.lianluo.close();
        await closeAll(sandboxes);
      },
    };
  } catch (error) {
    if (server?.listening) await closeServer(server);
    await lianluo?.close();
    await closeAll(sandboxes);
    throw error;
  }
}

/**
 * One sandbox per platform, in order: the first on `sandboxPort`, the next ones on the ports
 * after it (any free port when it is 0); every one's SMS link points at the first.
 *
 * @throws Error naming the port and the fix; the sandboxes already started are closed
 */
async function startSandboxes(options: DemoOptions): Promise<Map<string, RunningSandbox>> {
  const base = options.sandboxPort ?? 4010;
  const sandboxes = new Map<string, RunningSandbox>();
  try {
    for (const [i, { name, fakeIdSpace }] of DEMO_PLATFORMS.entries()) {
      const port = base === 0 ? 0 : base + i;
      const which = i === 0 ? 'the sandbox' : `the sandbox of the demo's platform ${name} (SANDBOX_PORT + ${i})`;
      const fix = i === 0 ? 'set SANDBOX_PORT to a free port' : `set SANDBOX_PORT to a port whose next ${i === 1 ? 'one is' : `${i} are`} free too, or 0 for any free ports`;
      if (port > 65535) throw new Error(`${which} cannot listen on port ${port}; ${fix}`);
      const smsInboxUrl = i === 0 ? undefined : sandboxes.get(DEMO_PLATFORMS[0]!.name)!.url;
      const sandbox = await startSandbox({ port, host: options.sandboxHost ?? '127.0.0.1', platform: name, fakeIdSpace, smsInboxUrl }).catch((error: unknown) => {
        throw new Error(`${which} cannot listen on port ${port} (${errorText(error)}); ${fix}`);
      });
      sandboxes.set(name, sandbox);
    }
    return sandboxes;
  } catch (error) {
    await closeAll(sandboxes);
    throw error;
  }
}

/** Registers the platform's accounts (with their webhooks on the bot) and people on its sandbox, and makes its follows. */
async function seedPlatform(platform: DemoPlatform, sandbox: RunningSandbox, accounts: readonly Account[], served: readonly RunningDemoAccount[]): Promise<void> {
  const control = new SandboxControl(sandbox.url);
  for (const { account: { id } } of platform.accounts) {
    const account = accounts.find((candidate) => candidate.id === id)!;
    const { username, password } = account.console!;
    const webhookUrl = served.find((candidate) => candidate.id === id)!.webhookUrl;
    await control.addAccount({ id, originalId: account.originalId, username, password, token: account.token, webhookUrl });
    await control.setMenu(id, [...DEMO_MENU]);
  }
  const fakeIds = new Map<string, string>();
  for (const person of platform.people) fakeIds.set(person.nickName, (await control.addPerson(person)).fakeId);
  for (const { nickName, accounts: followed } of platform.follows) {
    for (const accountId of followed) await control.follow({ account: accountId, fakeId: fakeIds.get(nickName)! });
  }
}

async function closeAll(sandboxes: Map<string, RunningSandbox>): Promise<void> {
  await Promise.all([...sandboxes.values()].map((sandbox) => sandbox.close()));
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
