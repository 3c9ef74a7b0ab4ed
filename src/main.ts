import { once } from 'node:events';
import type { Server } from 'node:http';
import pino from 'pino';
import { startSandbox } from '../sandbox/create-sandbox';
import { composeLianluo } from './compose';
import { DEMO_ACCOUNT, loadAccountsFile } from './config/accounts-file';
import { isDemo } from './config/demo-mode';
import { publicBaseUrl, readEnvConfig, type EnvConfig } from './config/env-config';
import { demoBanner } from './demo/demo-banner';
import { startDemo } from './demo/start-demo';
import { ConfigError } from './errors';
import { createHttpServer } from './http-server';
import { createLogger } from './logger';
import { openStores } from './stores/open-stores';
import { StopSignals } from './stop-signals';

/** How long shutdown waits for in-flight pushes before closing the stores anyway. */
const DRAIN_TIMEOUT_MS = 10_000;

/** What `main` started, reduced to what shutdown needs. */
interface Running {
  server: Server;
  /** After the server stops accepting: drain the bot, close the stores and the sandbox. */
  close(): Promise<void>;
}

/**
 * The composition root: reads and validates the configuration once, opens the stores, and
 * serves until SIGTERM or SIGINT. With no ACCOUNTS_FILE it runs the demo (two sandbox platforms
 * and the bot side by side); with one, the bot alone (plus the sandbox if SANDBOX=1).
 */
async function main(): Promise<void> {
  // First of all: a stop signal from here on is a clean stop, even one that arrives while the
  // process starts or prints its banner (Node's default would kill it with exit code 143).
  let exit = (code: number): never => process.exit(code);
  const signals = new StopSignals(() => setTimeout(() => exit(1), DRAIN_TIMEOUT_MS).unref());
  let config: EnvConfig;
  try {
    config = readEnvConfig();
    if (config.accountsFile) loadAccountsFile(config.accountsFile); // fail before anything starts
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Configuration error: ${error.message}\nHow to fix: ${error.fix}\n`);
    process.exit(78); // EX_CONFIG
  }
  const demo = isDemo(config);
  // Asynchronous stdout: lines written while a write is in flight go out together, so logging
  // costs a push a few microseconds instead of a system call. Flushed before every exit.
  const destination = pino.destination({ dest: 1, sync: false });
  // The demo's terminal is a newcomer's: the banner, not a JSON line per message, unless LOG_LEVEL asks.
  const logger = createLogger(config.logLevel ?? (demo ? 'warn' : 'info'), destination);
  exit = (code: number): never => {
    try {
      destination.flushSync();
    } catch {
      // nothing left to flush, or stdout is gone: exiting is all that is left to do
    }
    process.exit(code);
  };
  // The demo's sandbox keeps everything in memory, so its bot does too: stored identities and
  // profiles would otherwise outlive the people they describe.
  const stores = await openStores(config, logger, { inMemoryDocuments: demo });
  // The bot serves without Redis (degraded), so an unreachable one does not stop it; but a wrong
  // REDIS_URL or password would look like an endless outage: say so once, loudly, at start.
  void stores.cache.ping().catch((error: unknown) => {
    logger.error({ err: error }, 'the cache does not answer at start-up: serving degraded (de-duplication per process) until it does; check REDIS_URL');
  });
  const running = demo ? await runDemo(config, stores, logger) : await runBot(config, stores, logger);
  running.server.on('error', (error) => {
    logger.fatal({ err: error }, 'server error');
    exit(1);
  });
  signals.onStop((signal) => {
    logger.info({ signal }, 'shutting down: no new pushes, finishing in-flight ones');
    const closed = new Promise<void>((resolve) => running.server.close(() => resolve()));
    running.server.closeIdleConnections();
    const timer = setTimeout(() => {
      logger.warn('in-flight pushes did not finish in time; closing anyway');
      exit(1);
    }, DRAIN_TIMEOUT_MS);
    timer.unref();
    closed
      .then(() => running.close())
      .then(() => {
        logger.info('stopped');
        if (demo) process.stdout.write('Stopped. 已停止。\n');
        exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'error while closing stores');
        exit(1);
      });
  });
}

type Stores = Awaited<ReturnType<typeof openStores>>;

/** The demo: two sandbox platforms + the bot, the demo accounts on both; prints the chat pages to open. */
async function runDemo(config: EnvConfig, stores: Stores, logger: pino.Logger): Promise<Running> {
  const demo = await startDemo({ config, stores, logger, sandboxPort: config.sandboxPort, sandboxHost: config.sandboxHost, processMetrics: true });
  const botPort = Number(new URL(demo.botUrl).port);
  const sandboxPorts = demo.platforms.map((platform) => Number(new URL(platform.sandbox.url).port));
  logger.info({ port: botPort, sandboxPorts }, 'listening (demo)');
  process.stdout.write(demoBanner(demo, publicBaseUrl(config, botPort)));
  return {
    server: demo.server,
    // The server has stopped by now (shutdown closes it first); closing it again is a no-op.
    close: () => demo.close(),
  };
}

/** The bot alone, against the configured consoles (plus the sandbox when SANDBOX=1). */
async function runBot(config: EnvConfig, stores: Stores, logger: pino.Logger): Promise<Running> {
  const accounts = config.accountsFile ? loadAccountsFile(config.accountsFile) : [DEMO_ACCOUNT];
  const sandbox = config.sandbox ? await startSandbox({ port: config.sandboxPort, host: config.sandboxHost }) : undefined;
  // With PORT=0 the system picks the port; printed URLs and links use the real one unless PUBLIC_URL says otherwise.
  let port = config.port;
  const lianluo = composeLianluo({ config, accounts, stores, logger, processMetrics: true, linkBase: () => publicBaseUrl(config, port) });
  const server: Server = createHttpServer(lianluo.app);
  server.listen(config.port);
  await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error as Error))]);
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : config.port;
  const publicUrl = publicBaseUrl(config, port);
  logger.info({ port }, 'listening');
  for (const account of accounts) {
    const demo = account === DEMO_ACCOUNT ? ` (demo account, token "${DEMO_ACCOUNT.token}"; set ACCOUNTS_FILE for real ones)` : '';
    process.stdout.write(`Webhook for ${account.id}: ${publicUrl}/webhooks/${account.id}${demo}\n`);
  }
  if (sandbox) process.stdout.write(`Sandbox platform: ${sandbox.url}/ (chat page; console at /cgi-bin, control API at /_sandbox)\n`);
  return {
    server,
    async close() {
      await lianluo.close();
      await sandbox?.close();
    },
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`Lianluo could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
