import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { Router } from 'express';
import type { Readiness } from './readiness';

export interface AppOptions {
  webhooks: Router;
  readiness: () => Promise<Readiness>;
  logger: Logger;
}

/** The HTTP surface: webhooks, `/healthz` (the process runs) and `/readyz` (its stores answer). */
export function createApp({ webhooks, readiness, logger }: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('etag', false); // replies to pushes are never cached; hashing each one is waste
  app.use(webhooks);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const state = await readiness();
    res.status(state.ready ? 200 : 503).json(state);
  });
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('not found');
  });
  // Last resort: no stack or internal detail leaves the process.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    logger.error({ err: error }, 'unhandled request error');
    if (!res.headersSent) res.status(500).type('text/plain').send('internal error');
  });
  return app;
}
