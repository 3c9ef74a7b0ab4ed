import express, { type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { attachmentDisposition } from './content-disposition';
import type { LinkDownload, LinkRefusal, LinkService } from './ports';

export interface LinkRouterOptions {
  links: LinkService;
  /** Told only that a download failed and which kind: never the path, which holds the token. */
  logger: Logger;
}

/** A link's token as we make them (base64url, at most 128 characters); anything else is not looked at. */
const TOKEN = /^[A-Za-z0-9_-]{1,128}$/;

interface LinkRoute {
  kind: 'card' | 'export';
  prefix: string;
  suffix: string;
  contentType: string;
  fetch: (links: LinkService, token: string) => Promise<LinkDownload | LinkRefusal>;
  /** The plain-text answers when there is no file, in both languages (the reader's is not known). */
  notFound: string;
  expired: string;
}

const ROUTES: readonly LinkRoute[] = [
  {
    kind: 'card',
    prefix: '/cards/',
    suffix: '.vcf',
    contentType: 'text/vcard; charset=utf-8',
    fetch: (links, token) => links.vcard(token),
    notFound: [
      '这个名片链接无效，或者这张名片已经不在了。请在聊天里重新发送“名片”（或“名片 <编号>”）获取新链接。',
      'This card link is not valid, or the card is gone. Send "card" (or "card <code>") in the chat again for a new link.',
    ].join('\n'),
    expired: [
      '这个名片链接已过期（名片链接有效 24 小时）。请在聊天里重新发送“名片”（或“名片 <编号>”）获取新链接。',
      'This card link has expired (card links last 24 hours). Send "card" (or "card <code>") in the chat again for a new link.',
    ].join('\n'),
  },
  {
    kind: 'export',
    prefix: '/export/',
    suffix: '.json',
    contentType: 'application/json; charset=utf-8',
    fetch: (links, token) => links.exportJson(token),
    notFound: [
      '这个导出链接无效，或者这些资料已经不在了。请在聊天里重新发送“导出”获取新链接。',
      'This export link is not valid, or the data is gone. Send "export" in the chat again for a new link.',
    ].join('\n'),
    expired: [
      '这个导出链接已过期（导出链接有效 24 小时）。请在聊天里重新发送“导出”获取新链接。',
      'This export link has expired (export links last 24 hours). Send "export" in the chat again for a new link.',
    ].join('\n'),
  },
];

const UNAVAILABLE = ['暂时无法提供，请过一两分钟再打开这个链接。', 'Not available right now; open this link again in a minute or two.'].join('\n');

/**
 * Every answer on a link path, files and refusals alike: never stored by a browser or a proxy
 * (the link is personal), the link never sent on as a Referer (it is the credential), the type
 * never guessed (a vCard or JSON is not a page), and nothing in it may run if a browser shows it.
 */
function privateHeaders(res: Response): void {
  res.set({
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
  });
}

function text(res: Response, status: number, body: string): void {
  res.status(status).set('Content-Type', 'text/plain; charset=utf-8').send(body);
}

/** The route and the token of a raw (undecoded) path, or null when the path is not a link path. */
function match(path: string): { route: LinkRoute; token: string | null } | null {
  const route = ROUTES.find((candidate) => path.startsWith(candidate.prefix));
  if (!route) return null;
  const file = path.slice(route.prefix.length);
  const token = file.endsWith(route.suffix) ? file.slice(0, -route.suffix.length) : '';
  return { route, token: TOKEN.test(token) ? token : null };
}

/**
 * The browser edge for signed links: `GET /cards/<token>.vcf` (a card as vCard) and
 * `GET /export/<token>.json` (everything held about a person), each a download; an invalid
 * token is 404 and an expired one 410, with a short text in both languages saying which chat
 * command gives a new link.
 *
 * The path is read raw, without percent-decoding: a token never needs it, and Express's decoder
 * would put the undecodable path into an error (and so into a log line). Nothing here logs a
 * path, a token or a person: only which kind of download failed.
 */
export function createLinkRouter({ links, logger }: LinkRouterOptions): Router {
  const router = express.Router();
  router.use((req, res, next) => {
    const found = req.method === 'GET' || req.method === 'HEAD' ? match(req.path) : null;
    if (!found) return next();
    const { route, token } = found;
    privateHeaders(res);
    if (token === null) return text(res, 404, route.notFound);
    route.fetch(links, token).then(
      (answer) => {
        if ('refused' in answer) return text(res, answer.refused === 'expired' ? 410 : 404, answer.refused === 'expired' ? route.expired : route.notFound);
        res.status(200)
          .set('Content-Type', route.contentType)
          .set('Content-Disposition', attachmentDisposition(answer.filename, answer.asciiFilename))
          .send(answer.body);
      },
      (error: unknown) => {
        logger.error({ err: error, link: route.kind }, 'a link download failed');
        if (!res.headersSent) text(res, 503, UNAVAILABLE);
      },
    );
  });
  return router;
}
