/**
 * Serves the chat page: `GET /` is the page, `/chat/…` its static files (plain HTML, CSS and
 * ES modules in `sandbox/chat/`, no build step). tsc does not copy those files, so the folder is
 * looked for next to this module (run from source) and in the repository (run from `dist/`).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Response, type Router } from 'express';

/** Where the page's files may be: beside this module, or, compiled to dist/sandbox, back in the repository. */
export const CHAT_DIR_CANDIDATES = [path.join(__dirname, 'chat'), path.join(__dirname, '..', '..', 'sandbox', 'chat')];

/** The folder holding the chat page, or undefined when no candidate has its index.html. */
export function findChatDir(candidates = CHAT_DIR_CANDIDATES): string | undefined {
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html')));
}

// The page loads only its own scripts and styles; images may come from the bot (QR codes it sent).
const CSP = "default-src 'self'; img-src 'self' http: https: data:; script-src 'self'; style-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Builds the router serving the page; mount it at the root of the sandbox. */
export function chatRouter(): Router {
  const router = express.Router();
  const dir = findChatDir();
  const secure = (res: Response): void => {
    res.set({ 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' });
  };
  if (dir === undefined) {
    router.get('/', (_req, res) => {
      res.status(500).type('text/plain; charset=utf-8').send(
        `The chat page's files are missing: looked for index.html in ${CHAT_DIR_CANDIDATES.join(' and ')}. ` +
          'Run the sandbox from a checkout of the repository (npm run sandbox). The console (/cgi-bin) and the control API (/_sandbox) work without them.\n',
      );
    });
    return router;
  }
  router.get('/', (_req, res) => {
    secure(res);
    res.type('text/html; charset=utf-8').sendFile(path.join(dir, 'index.html'));
  });
  router.use('/chat', express.static(dir, { index: false, setHeaders: secure, fallthrough: true }));
  return router;
}
