import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { Router } from 'express';
import { describeError } from './errors';
import type { Readiness } from './readiness';

export interface AppOptions {
  webhooks: Router;
  /** The browser edge (web/): signed card and export links and the own page now, circle pages later. */
  web?: readonly Router[];
  readiness: () => Promise<Readiness>;
  logger: Logger;
  /** The Prometheus exposition for `GET /metrics`. */
  metrics: () => Promise<{ contentType: string; body: string }>;
}

/**
 * The HTTP surface: webhooks, the browser edge's links, `/healthz` (the process runs), `/readyz`
 * (its stores answer) and `/metrics` (Prometheus). No request is logged by path: a link's path
 * is its credential.
 */
export function createApp({ webhooks, web = [], readiness, logger, metrics }: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('etag', false); // replies to pushes are never cached; hashing each one is waste
  app.use(webhooks);
  for (const router of web) app.use(router);
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
  // Last resort: no stack or internal detail leaves the process. Errors Express marks as the
  // client's (a path that does not decode, `/webhooks/%ff`) are the client's: a 4xx and a debug
  // line, so nobody can fill the error log without even a signature.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = clientErrorStatus(error);
    if (status) logger.debug({ status, reason: describeError(error) }, 'request refused');
    else logger.error({ err: error }, 'unhandled request error');
    if (!res.headersSent) res.status(status ?? 500).type('text/plain').send(status ? 'bad request' : 'internal error');
  });
  return app;
}

/** The 4xx status Express (or body-parser) put on an error caused by the request, if it is one. */
export function clientErrorStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
