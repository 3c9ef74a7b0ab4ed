/**
 * How the own page's routes answer: the headers every answer carries, and the refusals the
 * router itself makes, each in both languages (the reader's language is not known to the
 * server; the page shows the one chosen, a JSON client picks).
 */
import type { Response } from 'express';
import { refusalPage } from './me-assets';
import type { BilingualText } from './ports';

/** The largest vCard upload taken, in bytes, by the body parser (the decoder has the same cap). */
export const VCARD_UPLOAD_MAX_BYTES = 64 * 1024;
/** The largest JSON body: a whole profile form with every field at its longest fits. */
export const JSON_MAX_BYTES = 32 * 1024;

/**
 * The page runs only its own scripts and styles (no inline script, nothing from elsewhere), talks
 * only to its own origin, is never framed (no clickjacking of an editing page), and its forms
 * post nowhere by themselves (the script sends them).
 */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Every answer on the page's paths: never stored by a browser or a proxy (it is personal and
 * its URL is the credential), the URL never sent on as a Referer, the type never guessed, the
 * content security policy above, and no indexing of a URL that leaked.
 */
export function pageHeaders(res: Response): void {
  res.set({
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': CSP,
    'X-Frame-Options': 'DENY',
    'X-Robots-Tag': 'noindex, nofollow',
  });
}

/** A refusal the router or the service makes: a word for programs and a sentence for people. */
export interface Refusal {
  status: number;
  error: string;
  title: BilingualText;
  message: BilingualText;
}

const AGAIN = { zh: '请在聊天里重新发送“主页”（或 page）获取新链接。', en: 'Send "page" (主页) in the chat again for a new link.' };

export const NOT_FOUND: Refusal = {
  status: 404,
  error: 'not-found',
  title: { zh: '链接无效', en: 'This link is not valid' },
  message: { zh: `这个主页链接无效，或者这些资料已经不在了。${AGAIN.zh}`, en: `This page link is not valid, or the profile is gone. ${AGAIN.en}` },
};

export const EXPIRED: Refusal = {
  status: 410,
  error: 'expired',
  title: { zh: '链接已过期', en: 'This link has expired' },
  message: {
    zh: `这个主页链接已过期（主页链接有效 1 小时，因为拿到它的人可以修改你的资料）。${AGAIN.zh}`,
    en: `This page link has expired (page links last 1 hour, because whoever holds one can change your profile). ${AGAIN.en}`,
  },
};

export const UNAVAILABLE: Refusal = {
  status: 503,
  error: 'unavailable',
  title: { zh: '暂时无法打开', en: 'Not available right now' },
  message: { zh: '暂时无法提供，请过一两分钟再试。', en: 'Not available right now; try again in a minute or two.' },
};

export const NOT_ALLOWED: Refusal = {
  status: 405,
  error: 'method-not-allowed',
  title: { zh: '不支持的请求', en: 'Not supported' },
  message: { zh: '这个地址不支持这种请求。', en: 'This address does not take this kind of request.' },
};

export const CROSS_SITE: Refusal = {
  status: 403,
  error: 'cross-site',
  title: { zh: '请求被拒绝', en: 'Refused' },
  message: { zh: '只能在你自己的主页上修改资料。', en: 'Your profile can be changed only from your own page.' },
};

export const NOT_JSON: Refusal = {
  status: 415,
  error: 'unsupported-media-type',
  title: { zh: '格式不对', en: 'Wrong format' },
  message: { zh: '请求要用 JSON 发送（Content-Type: application/json）。', en: 'Send the request as JSON (Content-Type: application/json).' },
};

export const NOT_VCARD: Refusal = {
  status: 415,
  error: 'unsupported-media-type',
  title: { zh: '格式不对', en: 'Wrong format' },
  message: {
    zh: '请上传名片文件本身（Content-Type: text/vcard 或 application/octet-stream）。',
    en: 'Upload the vCard file itself (Content-Type: text/vcard or application/octet-stream).',
  },
};

export const TOO_LARGE: Refusal = {
  status: 413,
  error: 'too-large',
  title: { zh: '文件太大', en: 'Too big' },
  message: {
    zh: `名片文件太大（最多 ${VCARD_UPLOAD_MAX_BYTES / 1024} KB）：请只导出这一位联系人、不带照片，再上传。`,
    en: `The file is too big (at most ${VCARD_UPLOAD_MAX_BYTES / 1024} KB): export just this one contact, without a photo, and upload it again.`,
  },
};

export const JSON_TOO_LARGE: Refusal = {
  status: 413,
  error: 'too-large',
  title: { zh: '内容太多', en: 'Too much' },
  message: { zh: `一次发送的内容太多（最多 ${JSON_MAX_BYTES / 1024} KB）。`, en: `The request is too big (at most ${JSON_MAX_BYTES / 1024} KB).` },
};

export const BAD_JSON: Refusal = {
  status: 400,
  error: 'bad-request',
  title: { zh: '请求有误', en: 'Bad request' },
  message: { zh: '请求的内容读不懂：请刷新页面后再试。', en: 'The request could not be read: reload the page and try again.' },
};

/** The answer of a request the service refused as a whole (a malformed vCard, an unknown audience). */
export const invalid = (message: BilingualText): Refusal => ({ status: 422, error: 'refused', title: { zh: '没有保存', en: 'Not saved' }, message });

/** A refusal as JSON: `{ error, message: { zh, en } }`. */
export function refuseJson(res: Response, refusal: Refusal): void {
  res.status(refusal.status).json({ error: refusal.error, message: refusal.message });
}

/** A refusal as the small bilingual page (for a browser opening the page's own URL). */
export function refuseHtml(res: Response, refusal: Refusal): void {
  res.status(refusal.status).type('text/html; charset=utf-8').send(refusalPage(refusal.title, refusal.message));
}
