import type { Server } from 'node:http';
import pino from 'pino';
import { composeLianluo } from './compose';
import { DEMO_ACCOUNT, loadAccountsFile } from './config/accounts-file';
import { readEnvConfig } from './config/env-config';
import { ConfigError } from './errors';
import { createLogger } from './logger';
import { openStores } from './stores/open-stores';

/** How long shutdown waits for in-flight pushes before closing the stores anyway. */
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * The composition root: reads and validates the configuration once, opens the stores, wires
 * the bot and serves it until SIGTERM or SIGINT.
 */
async function main(): Promise<void> {
  let config;
  let accounts;
  try {
    config = readEnvConfig();
    accounts = config.accountsFile ? loadAccountsFile(config.accountsFile) : [DEMO_ACCOUNT];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Configuration error: ${error.message}\nHow to fix: ${error.fix}\n`);
    process.exit(78); // EX_CONFIG
  }
  // Asynchronous stdout: lines written while a write is in flight go out together, so logging
  // costs a push a few microseconds instead of a system call. Flushed before every exit.
  const destination = pino.destination({ dest: 1, sync: false });
  const logger = createLogger(config.logLevel, destination);
  const exit = (code: number): never => {
    try {
      destination.flushSync();
    } catch {
      // nothing left to flush, or stdout is gone: exiting is all that is left to do
    }
    process.exit(code);
  };
  const stores = await openStores(config, logger);
  const lianluo = composeLianluo({ config, accounts, stores, logger });
  const server: Server = lianluo.app.listen(config.port, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    // With PORT=0 the system picks the port; printed URLs use the real one unless PUBLIC_URL says otherwise.
    const publicUrl = config.publicUrl ?? `http://localhost:${port}`;
    logger.info({ port }, 'listening');
    for (const account of accounts) {
      const demo = account === DEMO_ACCOUNT ? ` (demo account, token "${DEMO_ACCOUNT.token}"; set ACCOUNTS_FILE for real ones)` : '';
      process.stdout.write(`Webhook for ${account.id}: ${publicUrl}/webhooks/${account.id}${demo}\n`);
    }
  });
  server.on('error', (error) => {
    logger.fatal({ err: error }, 'cannot listen');
    exit(1);
  });

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new pushes, finishing in-flight ones');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const timer = setTimeout(() => {
      logger.warn('in-flight pushes did not finish in time; closing anyway');
      exit(1);
    }, DRAIN_TIMEOUT_MS);
    timer.unref();
    closed
      .then(() => lianluo.close())
      .then(() => {
        logger.info('stopped');
        exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'error while closing stores');
        exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Lianluo could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
