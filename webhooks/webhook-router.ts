import { randomBytes } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { cipherFor, decodePush, verifyQuerySignature, type PushQuery } from './decode-push';
import type { WebhookAccount } from './ports';
import type { GateOutcome, PushGate } from './push-gate';
import type { Push } from './push';
import type { Reply } from './reply';
import { renderEncryptedReply, renderReply } from './render-reply';
import { WebhookRejection } from './webhook-rejection';

/** One answered push, for metrics. */
export interface PushRecord {
  accountId: string;
  type: string;
  outcome: GateOutcome | 'rejected' | 'unavailable';
  status: number;
  ms: number;
}

export interface WebhookRouterOptions {
  accounts: (id: string) => WebhookAccount | undefined;
  gate: PushGate;
  logger: Logger;
  /** Largest body accepted (platform pushes are a few KB). */
  bodyLimit?: string;
  now?: () => number;
  onPush?: (record: PushRecord) => void;
}

/**
 * `GET /webhooks/:account` (URL handshake) and `POST /webhooks/:account` (pushes).
 * Bad input gets a status and a one-line reason, and is logged; nothing here throws past
 * the router.
 */
export function createWebhookRouter(options: WebhookRouterOptions): Router {
  const { accounts, gate, logger, bodyLimit = '64kb', now = Date.now, onPush } = options;
  const router = express.Router();
  const readBody = express.text({ type: () => true, limit: bodyLimit });

  /** The account the URL names, or a 404 already sent. */
  const findAccount = (req: Request<{ account: string }>, res: Response): WebhookAccount | undefined => {
    const account = accounts(req.params.account);
    if (!account) {
      logger.warn({ account: req.params.account.slice(0, 40) }, 'push for an unknown account');
      res.status(404).type('text/plain').send('unknown account');
    }
    return account;
  };

  router.get('/webhooks/:account', (req, res) => {
    const account = findAccount(req, res);
    if (!account) return;
    try {
      verifyQuerySignature(account, req.query as PushQuery, now());
    } catch (error) {
      return reject(res, logger, error, account.id);
    }
    const echostr = req.query.echostr;
    if (typeof echostr !== 'string') return void res.status(400).type('text/plain').send('missing echostr');
    res.type('text/plain').send(echostr);
  });

  const answerPush = async (req: Request, res: Response, account: WebhookAccount, receivedAt: number): Promise<void> => {
    const record = (type: string, outcome: PushRecord['outcome']): void =>
      onPush?.({ accountId: account.id, type, outcome, status: res.statusCode, ms: now() - receivedAt });
    const query = req.query as PushQuery;
    let decoded;
    try {
      decoded = await decodePush(account, query, typeof req.body === 'string' ? req.body : '', receivedAt);
    } catch (error) {
      reject(res, logger, error, account.id);
      return record('invalid', 'rejected');
    }
    const { push, encrypted } = decoded;
    const type = pushType(push);
    const pushLog = logger.child({ account: account.id, from: push.fromUserName, type });
    try {
      const render = (reply: Reply): string => renderBody(account, push, reply, encrypted, query);
      const { body, outcome } = await gate.process(push, account.id, pushLog, receivedAt, render);
      res.set('Content-Type', body === null ? 'text/plain; charset=utf-8' : 'application/xml; charset=utf-8').send(body ?? 'success');
      pushLog.info({ outcome, ms: now() - receivedAt }, 'push answered');
      record(type, outcome);
    } catch (error) {
      pushLog.error({ err: error }, 'push could not be processed');
      res.status(503).type('text/plain').send('temporarily unavailable');
      record(type, 'unavailable');
    }
  };

  // One handler, not a middleware chain: the account is checked before the body is read, and
  // body errors (too large, bad charset, aborted upload) are answered here, in plain text.
  router.post('/webhooks/:account', (req, res) => {
    const receivedAt = now();
    const account = findAccount(req, res);
    if (!account) return;
    readBody(req, res, (error?: unknown) => {
      if (error) return reject(res, logger, bodyRejection(error, bodyLimit), account.id);
      void answerPush(req, res, account, receivedAt);
    });
  });
  return router;
}

function bodyRejection(error: unknown, bodyLimit: string): WebhookRejection {
  const status = (error as { status?: number }).status;
  return status === 413 ? new WebhookRejection(413, `body over ${bodyLimit}`) : new WebhookRejection(400, 'unreadable body');
}

function reject(res: Response, log: Logger, error: unknown, account?: string): void {
  if (!(error instanceof WebhookRejection)) {
    log.error({ account, err: error }, 'unexpected error while reading a push');
    res.status(500).type('text/plain').send('internal error');
    return;
  }
  log.warn({ account, status: error.status, reason: error.message }, 'push rejected');
  res.status(error.status).type('text/plain').send(error.message);
}

function renderBody(account: WebhookAccount, push: Push, reply: Reply, encrypted: boolean, query: PushQuery): string {
  const to = { openId: push.fromUserName, originalId: account.originalId, answersEvent: push.kind === 'event' };
  const xml = renderReply(reply, to, new Date());
  if (!encrypted) return xml;
  const encrypt = cipherFor(account).encrypt(xml);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = query.nonce ?? randomBytes(5).toString('hex');
  return renderEncryptedReply({ encrypt, token: account.token, timestamp, nonce });
}

/** `text`, `event.subscribe`, `unknown`…: a push's type for logs and metrics (a small, fixed set). */
export function pushType(push: Push): string {
  return push.kind === 'message' ? push.msgType : `event.${push.event}`;
}
