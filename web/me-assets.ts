/**
 * The own page's files: plain HTML, CSS and ES modules in `web/me/`, no build step (as the
 * sandbox's chat page). tsc does not copy them, so the folder is looked for next to this module
 * (run from source) and in the repository (run from `dist/`; the Dockerfile copies it there).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BilingualText } from './ports';

/** Where the page's files may be: beside this module, or, compiled to dist/web, back in the repository. */
export const ME_DIR_CANDIDATES = [path.join(__dirname, 'me'), path.join(__dirname, '..', '..', 'web', 'me')];

/** The URL prefix of the page's scripts and styles: outside `/me/`, so no asset URL ever holds a token. */
export const ASSET_PREFIX = '/me-assets/';

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** A file served as is. */
export interface Asset {
  contentType: string;
  body: Buffer;
}

/** The page (`index.html`) and its scripts and styles by file name; null when the folder is missing. */
export interface MeAssets {
  page: Buffer;
  files: ReadonlyMap<string, Asset>;
}

/**
 * Reads the page's files once (they are small and never change while running). Only `.js` and
 * `.css` files are served under {@link ASSET_PREFIX}, each by its exact name: nothing a request
 * names can reach another file.
 */
export function loadMeAssets(candidates = ME_DIR_CANDIDATES): MeAssets | null {
  const dir = candidates.find((candidate) => existsSync(path.join(candidate, 'index.html')));
  if (dir === undefined) return null;
  const files = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const contentType = TYPES[path.extname(name)];
    if (contentType) files.set(name, { contentType, body: readFileSync(path.join(dir, name)) });
  }
  return { page: readFileSync(path.join(dir, 'index.html')), files };
}

/** Text for an element's content (never an attribute): &, < and > are all that need escaping there. */
const escapeHtml = (text: string) => text.replace(/[&<>]/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * A small page in both languages for when there is no own page to show (a link that is not
 * valid, has expired, or cannot be served now), styled by the page's own CSS and running no
 * script. The texts are the router's own; they are escaped all the same.
 */
export function refusalPage(title: BilingualText, body: BilingualText): string {
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '  <meta charset="utf-8">',
    '  <meta name="viewport" content="width=device-width, initial-scale=1">',
    '  <meta name="robots" content="noindex, nofollow">',
    `  <title>${escapeHtml(title.zh)} · ${escapeHtml(title.en)}</title>`,
    '  <link rel="icon" href="data:,">',
    `  <link rel="stylesheet" href="${ASSET_PREFIX}me.css">`,
    '</head>',
    '<body class="refusal">',
    '  <main class="notice-page">',
    `    <h1 lang="zh-CN">${escapeHtml(title.zh)}</h1>`,
    `    <p lang="zh-CN">${escapeHtml(body.zh)}</p>`,
    `    <h2 lang="en">${escapeHtml(title.en)}</h2>`,
    `    <p lang="en">${escapeHtml(body.en)}</p>`,
    '  </main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
