import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { Router } from 'express';
import type { Readiness } from './readiness';

export interface AppOptions {
  webhooks: Router;
  readiness: () => Promise<Readiness>;
  logger: Logger;
  /** The Prometheus exposition for `GET /metrics`. */
  metrics: () => Promise<{ contentType: string; body: string }>;
}

/**
 * The HTTP surface: webhooks, `/healthz` (the process runs), `/readyz` (its stores answer) and
 * `/metrics` (Prometheus).
 */
export function createApp({ webhooks, readiness, logger, metrics }: AppOptions): Express {
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
  app.get('/metrics', async (_req, res) => {
    const { contentType, body } = await metrics();
    res.type(contentType).send(body);
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
