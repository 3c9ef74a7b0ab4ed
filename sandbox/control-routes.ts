/**
 * The control API under `/_sandbox` (JSON): set up accounts, people and follows, make people
 * act, read what the platform saw, turn the knobs and the clock. See sandbox/README.md.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { knobsPatchSchema } from './knobs';
import { followAccount, performAction } from './person-actions';
import { SandboxError } from './platform-model';
import type { Platform, PlatformIdentity } from './platform-state';
import { captchaRequired } from './console-login';
import { accountPatchSchema, BadInput, clockSchema, followSchema, newAccountSchema, newPersonSchema, parseBody, personPatchSchema, sendSchema } from './control-schemas';
import { TINY_JPEG } from './tiny-jpeg';
import { chatApiRouter } from './chat-api-routes';

/** What `GET /_sandbox/platform` answers: the platform played, and where the chat page's SMS link points. */
export interface PlatformInfo extends PlatformIdentity {
  /** The base URL whose `/sms` the chat page links to (no trailing slash). */
  smsInboxUrl: string;
}

/** Builds the control router. Mount it at `/_sandbox`. */
export function controlRouter(platform: Platform): Router {
  const router = express.Router();
  router.use(express.json({ limit: '1mb' }));
  const account = (req: Request) => platform.account(String(req.params.id));

  router.post('/accounts', (req, res) => {
    const created = platform.addAccount(parseBody(newAccountSchema, req.body));
    res.status(201).json({ id: created.id, originalId: created.originalId, fakeId: created.fakeId });
  });
  router.patch('/accounts/:id', (req, res) => {
    const patch = parseBody(accountPatchSchema, req.body);
    const target = account(req);
    if (patch.password !== undefined) target.password = patch.password;
    if (patch.banned !== undefined) target.banned = patch.banned;
    if (patch.menu !== undefined) target.menu = patch.menu;
    platform.events.emit({ type: 'account', account: target.id });
    res.json({ id: target.id, banned: target.banned, menu: target.menu });
  });
  router.post('/accounts/:id/expire-sessions', (req, res) => {
    const target = account(req);
    const sids = [...platform.sessions].filter(([, s]) => s.accountId === target.id).map(([sid]) => sid);
    for (const sid of sids) platform.sessions.delete(sid);
    res.json({ expired: sids.length });
  });
  router.get('/accounts/:id/captcha', (req, res) => {
    const target = account(req);
    res.json({ text: target.captchaText, required: captchaRequired(platform, target) });
  });
  router.get('/accounts/:id/sent', (req, res) => {
    const target = account(req);
    res.json(platform.sent.filter((s) => s.accountId === target.id).map(({ accountId: _a, ...sent }) => sent));
  });
  router.get('/accounts/:id/follows', (req, res) => {
    const target = account(req);
    const follows = platform.followersOf(target.id).sort((a, b) => a.seq - b.seq);
    res.json(follows.map((f) => ({
      openId: f.openId,
      fakeId: f.fakeId,
      nickName: platform.people.get(f.fakeId)?.nickName ?? '',
      groupId: f.groupId,
      followedAt: f.followedAt,
    })));
  });

  router.get('/platform', (_req, res) => {
    const info: PlatformInfo = { ...platform.identity, smsInboxUrl: platform.smsInboxUrl };
    res.json(info);
  });
  router.post('/people', (req, res) => {
    res.status(201).json(platform.addPerson(parseBody(newPersonSchema, req.body)));
  });
  // The person changes their profile on the platform: the console shows it from the next page on.
  router.patch('/people/:fakeId', (req, res) => {
    const patch = parseBody(personPatchSchema, req.body);
    res.json(platform.updatePerson(String(req.params.fakeId), patch));
  });
  router.post('/follow', async (req, res) => {
    res.status(201).json(await followAccount(platform, parseBody(followSchema, req.body)));
  });
  router.post('/send', async (req, res) => {
    res.json(await performAction(platform, parseBody(sendSchema, req.body)));
  });

  router.get('/requests', (req, res) => {
    const filter = typeof req.query.account === 'string' ? req.query.account : undefined;
    res.json(filter === undefined ? platform.requestLog : platform.requestLog.filter((r) => r.account === filter));
  });
  router.delete('/requests', (_req, res) => {
    platform.requestLog.length = 0;
    res.status(204).end();
  });
  router.get('/knobs', (_req, res) => {
    res.json(platform.knobs);
  });
  router.patch('/knobs', (req, res) => {
    platform.updateKnobs(parseBody(knobsPatchSchema, req.body));
    res.json(platform.knobs);
  });
  router.post('/clock', (req, res) => {
    platform.advanceClock(parseBody(clockSchema, req.body).advanceSeconds);
    res.json({ now: platform.nowSeconds() });
  });
  router.get('/media/:file', (_req, res) => {
    res.type('image/jpeg').send(TINY_JPEG);
  });

  router.use(chatApiRouter(platform));
  router.use(controlErrors);
  return router;
}

/** The 4xx status Express put on an error the request caused (a path that does not decode), if any. */
export function clientStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/**
 * Maps refusals to statuses: bad input 400, unknown 404, conflicts 409; anything else 500. The
 * body is `{ error }`, plus `code` and a bilingual `message` when the refusal has them.
 */
function controlErrors(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  const refused = clientStatus(error);
  if (error instanceof BadInput) {
    res.status(400).json({ error: error.message });
  } else if (error instanceof SandboxError) {
    res.status(error.status).json({ error: error.message, ...error.details });
  } else if ((error as { type?: string }).type === 'entity.parse.failed') {
    res.status(400).json({ error: 'the body is not valid JSON' });
  } else if (refused !== undefined) {
    // Express's own refusals, e.g. a path whose escapes do not decode (`/accounts/%ff/sent`).
    res.status(refused).json({ error: 'bad request' });
  } else {
    res.status(500).json({ error: error instanceof Error ? error.message : String(error) });
  }
}
