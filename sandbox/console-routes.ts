/**
 * The admin console's routes (docs/protocol.md §3) on an Express router mounted at `/cgi-bin`:
 * latency and the request log first, then login (no session needed) and every guarded page
 * and action.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { getRegions, modifyGroup, moveToGroup, singleSend } from './console-actions';
import { contactInfo, followerListPage, headImage } from './console-follower-pages';
import { loginHandler, verifyCodeHandler } from './console-login';
import { conversation, messageListPage } from './console-message-pages';
import { cgiPage, scriptJson } from './console-pages';
import { guarded, type SessionCall } from './console-session';
import type { Platform } from './platform-state';

/** Entries kept in the request log; older ones are dropped (benchmarks make many). */
export const REQUEST_LOG_LIMIT = 10_000;

/** Builds the console router. Mount it at `/cgi-bin`. */
export function consoleRouter(platform: Platform): Router {
  const router = express.Router();
  router.use(logRequests(platform));
  router.use(async (_req, _res, next) => {
    if (platform.knobs.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, platform.knobs.latencyMs));
    next();
  });
  router.use(express.urlencoded({ extended: false, limit: '1mb' }));

  router.post('/login', loginHandler(platform));
  router.get('/verifycode', verifyCodeHandler(platform));
  router.get('/home', guarded(platform, 'page', homePage(platform)));
  router.get('/contactmanage', guarded(platform, 'page', followerListPage(platform)));
  router.post('/getcontactinfo', guarded(platform, 'ajax', contactInfo(platform)));
  router.get('/getheadimg', guarded(platform, 'page', headImage(platform)));
  router.get('/message', guarded(platform, 'page', messageListPage(platform)));
  router.get('/singlesendpage', guarded(platform, 'ajax', conversation(platform)));
  router.post('/singlesend', guarded(platform, 'ajax', singleSend(platform)));
  router.post('/modifygroup', guarded(platform, 'ajax', modifyGroup(platform)));
  router.post('/modifycontacts', guarded(platform, 'ajax', moveToGroup(platform)));
  router.post('/getregions', guarded(platform, 'ajax', getRegions()));
  return router;
}

function homePage(platform: Platform) {
  return ({ res, account }: SessionCall): void => {
    const followers = platform.followersOf(account.id).length;
    res.type('html').send(
      cgiPage('首页', [
        ['nick_name', scriptJson(account.username)],
        ['user_name', scriptJson(account.originalId)],
        ['total_friend_cnt', `'${followers}' * 1`],
      ]),
    );
  };
}

/** Logs method, path (never the query: it holds the token), action, status, time and account. */
function logRequests(platform: Platform) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const at = Date.now();
    // Read before next(): once the router is done, Express restores baseUrl and url.
    const path = req.baseUrl + req.path;
    const t = (req.query as Record<string, unknown>).t;
    res.on('finish', () => {
      platform.requestLog.push({
        at,
        method: req.method,
        path,
        action: typeof t === 'string' ? t : path.replace(/^.*\//, ''),
        status: res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
        account: typeof res.locals.account === 'string' ? res.locals.account : null,
      });
      if (platform.requestLog.length > REQUEST_LOG_LIMIT) platform.requestLog.splice(0, platform.requestLog.length - REQUEST_LOG_LIMIT);
    });
    next();
  };
}
