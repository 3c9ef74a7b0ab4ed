/**
 * The part of the control API (`/_sandbox`) the chat page leans on: lists without secrets, what
 * the console holds, one person's chat, unfollowing, scanning a scene QR code, making one, and
 * the live event stream. Mounted inside the control router, which maps errors to statuses.
 */
import express, { type Request, type Router } from 'express';
import { consoleView, conversationView, publicAccount } from './chat-views';
import { parseBody, scanSchema, unfollowSchema } from './control-schemas';
import { eventStream } from './event-stream';
import { followAccount, performAction } from './person-actions';
import { SandboxError } from './platform-model';
import type { Platform } from './platform-state';
import type { PushResult } from './pusher';
import { qrCodePng, readQrImage, sceneFromText } from './qr-codes';

/** What `POST /_sandbox/scan` answers. */
export interface ScanResult {
  scene: string;
  /** The text the QR image held (only when scanned from `imageUrl`). */
  text?: string;
  /** `subscribe`: the person followed by scanning; `SCAN`: they already followed. */
  event: 'subscribe' | 'SCAN';
  push: PushResult;
}

/** Builds the chat page's API router (relative paths: mount it where the control API is). */
export function chatApiRouter(platform: Platform): Router {
  const router = express.Router();
  const account = (req: Request, name = 'id') => platform.account(String(req.params[name] ?? req.query[name] ?? ''));

  router.get('/events', eventStream(platform));
  router.get('/accounts', (_req, res) => {
    res.json([...platform.accounts.values()].map((a) => publicAccount(platform, a)));
  });
  router.get('/accounts/:id/console', (req, res) => {
    res.json(consoleView(platform, account(req)));
  });
  router.get('/people', (_req, res) => {
    res.json([...platform.people.values()]);
  });
  router.get('/people/:fakeId/conversation', (req, res) => {
    if (typeof req.query.account !== 'string') throw new SandboxError(400, 'account: give ?account=<account id>');
    const fakeId = platform.person(String(req.params.fakeId)).fakeId;
    const after = Number(req.query.after ?? 0);
    if (!Number.isInteger(after) || after < 0) throw new SandboxError(400, 'after: a chat seq, a whole number from 0');
    res.json(conversationView(platform, account(req, 'account'), fakeId, after));
  });

  router.post('/unfollow', async (req, res) => {
    const body = parseBody(unfollowSchema, req.body);
    res.json(await performAction(platform, { account: body.account, fakeId: body.fakeId, type: 'event', event: 'unsubscribe' }));
  });
  router.post('/scan', async (req, res) => {
    const body = parseBody(scanSchema, req.body);
    const target = platform.account(body.account);
    platform.person(body.fakeId);
    const text = body.imageUrl === undefined ? undefined : await readQrImage(body.imageUrl, platform.shutdown.signal);
    const scene = text === undefined ? (body.scene ?? '') : sceneFromText(text);
    const fakeId = body.fakeId;
    // docs/protocol.md §2.6: a follower's scan is SCAN with the bare scene; anyone else follows by it.
    const result: ScanResult = platform.findFollow(target.id, fakeId)
      ? { scene, event: 'SCAN', push: await performAction(platform, { account: target.id, fakeId, type: 'event', event: 'SCAN', scene }) }
      : { scene, event: 'subscribe', push: (await followAccount(platform, { account: target.id, fakeId, scene })).push as PushResult };
    res.json(text === undefined ? result : { ...result, text });
  });
  router.get('/qrcode', async (req, res) => {
    const scene = typeof req.query.scene === 'string' ? req.query.scene : '';
    if (scene.length < 1 || scene.length > 64) throw new SandboxError(400, 'scene: give ?scene= with 1-64 characters');
    res.type('image/png').set('cache-control', 'no-store').send(await qrCodePng(scene));
  });
  return router;
}
