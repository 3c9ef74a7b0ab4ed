import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { ASSET_PREFIX, loadMeAssets, type MeAssets } from './me-assets';
import {
  BAD_JSON, CROSS_SITE, EXPIRED, invalid, JSON_MAX_BYTES, JSON_TOO_LARGE, NOT_ALLOWED, NOT_FOUND, NOT_JSON, NOT_VCARD,
  pageHeaders, refuseHtml, refuseJson, TOO_LARGE, UNAVAILABLE, VCARD_UPLOAD_MAX_BYTES, type Refusal,
} from './me-answers';
import type { LinkRefusal, OwnPageChange, OwnPageInvalid, OwnPageService, OwnPageView } from './ports';

export interface MeRouterOptions {
  page: OwnPageService;
  /** Told only which action failed: never the path, which holds the token. */
  logger: Logger;
  /** The page's files; default: read from web/me/ (tests pass none to see the missing-files answer). */
  assets?: MeAssets | null;
}

/** A page token as we make them (base64url, at most 128 characters); anything else is not looked at. */
const TOKEN = /^[A-Za-z0-9_-]{1,128}$/;
const PREFIX = '/me/';

type Action = 'page' | 'profile' | 'fields' | 'share' | 'vcard';
const ACTIONS: Readonly<Record<string, { action: Action; method: 'GET' | 'POST' }>> = {
  '': { action: 'page', method: 'GET' },
  '/profile.json': { action: 'profile', method: 'GET' },
  '/fields': { action: 'fields', method: 'POST' },
  '/share': { action: 'share', method: 'POST' },
  '/vcard': { action: 'vcard', method: 'POST' },
};

/** The token and the action of a raw (undecoded) path under `/me/`, or null when it names neither. */
function match(path: string): { token: string; action: Action; method: 'GET' | 'POST' } | null {
  const rest = path.slice(PREFIX.length);
  const slash = rest.indexOf('/');
  const token = slash < 0 ? rest : rest.slice(0, slash);
  const route = ACTIONS[slash < 0 ? '' : rest.slice(slash)];
  return route && TOKEN.test(token) ? { token, ...route } : null;
}

const isGet = (req: Request) => req.method === 'GET' || req.method === 'HEAD';

/** A token refusal as the refusal to answer. */
const linkRefusal = (answer: LinkRefusal): Refusal => (answer.refused === 'expired' ? EXPIRED : NOT_FOUND);

/**
 * Runs a body parser and hands its outcome on: the parsed request, or the refusal that says why
 * not (too big, not readable). Nothing the parser says reaches a log or the answer verbatim.
 */
function parse(parser: RequestHandler, tooLarge: Refusal, req: Request, res: Response): Promise<Refusal | null> {
  return new Promise((resolve) => {
    void parser(req, res, ((error?: unknown) => {
      if (!error) return resolve(null);
      const type = (error as { type?: unknown }).type;
      resolve(type === 'entity.too.large' ? tooLarge : BAD_JSON);
    }) as NextFunction);
  });
}

const jsonParser = express.json({ limit: JSON_MAX_BYTES, strict: true, type: () => true });
const vcardParser = express.raw({ limit: VCARD_UPLOAD_MAX_BYTES, type: () => true });
const VCARD_TYPES = ['text/vcard', 'text/x-vcard', 'text/directory', 'application/octet-stream'];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The change a POST asks for, run against the service; or the refusal of the request itself. */
async function change(action: Action, token: string, req: Request, res: Response, page: OwnPageService): Promise<OwnPageChange | OwnPageInvalid | LinkRefusal | Refusal> {
  if (action === 'vcard') {
    if (!req.is(VCARD_TYPES)) return NOT_VCARD;
    const refused = await parse(vcardParser, TOO_LARGE, req, res);
    if (refused) return refused;
    return page.uploadVcard(token, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
  }
  if (!req.is('application/json')) return NOT_JSON;
  const refused = await parse(jsonParser, JSON_TOO_LARGE, req, res);
  if (refused) return refused;
  const body: unknown = req.body;
  if (!isObject(body)) return BAD_JSON;
  if (action === 'fields') return page.saveFields(token, body);
  if (typeof body.field !== 'string' || typeof body.audience !== 'string') return BAD_JSON;
  return page.share(token, body.field, body.audience);
}

/**
 * A browser sends `Sec-Fetch-Site` with every request: a POST from another site (or a sibling
 * subdomain) is refused even before the content type would stop it. Clients that send no such
 * header (curl, older browsers) are judged by the content type alone, which an HTML form on
 * another site cannot set to JSON or vCard.
 */
const crossSite = (req: Request) => {
  const site = req.get('sec-fetch-site');
  return site !== undefined && site !== 'same-origin' && site !== 'none';
};

/**
 * The browser edge of a person's own page:
 * - `GET /me/<token>`: the page (static HTML; its script reads the token from its own address);
 * - `GET /me/<token>/profile.json`: the profile with sources, times, sharing and what may change;
 * - `POST /me/<token>/fields` (JSON field → text, empty clears), `/share` (JSON `{ field, audience }`,
 *   field may be `all`), `/vcard` (the file's bytes, text/vcard or application/octet-stream, at
 *   most 64 KiB): each answers per-field results, notices and the page as it is now.
 * The scripts and styles are under `/me-assets/`, never under a token. An invalid token is 404,
 * an expired one 410: a bilingual page for the page's own URL, JSON for the rest.
 *
 * Paths are read raw, without percent-decoding (as the link router does). Nothing here logs a
 * path, a token or a person: only which action failed.
 */
export function createMeRouter({ page, logger, assets = loadMeAssets() }: MeRouterOptions): Router {
  const router = express.Router();
  router.use((req, res, next) => {
    if (req.path.startsWith(ASSET_PREFIX)) {
      const asset = isGet(req) ? assets?.files.get(req.path.slice(ASSET_PREFIX.length)) : undefined;
      if (!asset) return next();
      pageHeaders(res);
      return void res.status(200).type(asset.contentType).send(asset.body);
    }
    if (!req.path.startsWith(PREFIX)) return next();
    pageHeaders(res);
    const found = match(req.path);
    if (!found) return refuseHtml(res, NOT_FOUND);
    const { token, action, method } = found;
    const refuse = action === 'page' ? refuseHtml : refuseJson;
    if (method === 'GET' ? !isGet(req) : req.method !== 'POST') {
      res.set('Allow', method === 'GET' ? 'GET, HEAD' : 'POST');
      return refuse(res, NOT_ALLOWED);
    }
    if (method === 'POST' && crossSite(req)) return refuseJson(res, CROSS_SITE);
    const work = method === 'GET' ? page.view(token) : change(action, token, req, res, page);
    work.then(
      (answer) => answerWith(res, action, answer, assets),
      (error: unknown) => {
        logger.error({ err: error, page: 'me', action }, 'an own page request failed');
        if (!res.headersSent) refuse(res, UNAVAILABLE);
      },
    );
  });
  return router;
}

function answerWith(res: Response, action: Action, answer: OwnPageView | OwnPageChange | OwnPageInvalid | LinkRefusal | Refusal, assets: MeAssets | null): void {
  const refuse = action === 'page' ? refuseHtml : refuseJson;
  if ('refused' in answer) return refuse(res, linkRefusal(answer));
  if ('invalid' in answer) return refuseJson(res, invalid(answer.invalid));
  if ('status' in answer) return refuseJson(res, answer);
  if (action !== 'page') return void res.status(200).json(answer);
  if (!assets) {
    res.status(500).type('text/plain; charset=utf-8').send('The page\'s files are missing: web/me/index.html was not found. Run from a checkout of the repository.\n');
    return;
  }
  res.status(200).type('text/html; charset=utf-8').send(assets.page);
}
