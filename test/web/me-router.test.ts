import express from 'express';
import request from 'supertest';
import { createApp } from '../../src/app';
import { VCARD_MAX_BYTES } from '../../src/profiles/vcard-lines';
import { VCARD_UPLOAD_MAX_BYTES } from '../../web/me-answers';
import { createMeRouter } from '../../web/me-router';
import type { LinkRefusal, OwnPageChange, OwnPageInvalid, OwnPageService, OwnPageView } from '../../web/ports';
import { capturingLogger } from '../builders/bot-server';

// Token-shaped strings: the router only hands them to the service, which decides.
const GOOD = 'Zm9vYmFyLW1lLXBhZ2UtdG9rZW4tZm9yLXRlc3RzLW9ubHktMTIzNDU2Nzg5MA';
const GONE = 'Z29uZS1wZXJzb24tdG9rZW4tZm9yLXRlc3RzLW9ubHktMTIzNDU2Nzg5MA';
const OLD = 'ZXhwaXJlZC10b2tlbi1mb3ItdGVzdHMtb25seS0xMjM0NTY3ODkwMTIzNA';
const BROKEN = 'YnJva2VuLXN0b3JlLXRva2VuLWZvci10ZXN0cy1vbmx5LTEyMzQ1Njc4OTA';

const VIEW: OwnPageView = {
  personCode: 'K7P2QXM',
  fields: [{ field: 'email', name: { zh: '邮箱', en: 'email' }, value: null, source: null, sourceKind: null, updatedAt: null, audience: 'nobody', circles: [], editable: true, clearable: true, note: null }],
  audiences: [{ audience: 'nobody', name: { zh: '仅自己', en: 'nobody' } }],
  expiresAt: '2026-11-24T09:30:00.000Z',
  expiresInSeconds: 3600,
};
const DONE: OwnPageChange = { results: [{ field: 'email', outcome: 'added', message: { zh: '已添加', en: 'added' } }], notices: [], page: VIEW };

/** A page service answering by token, recording what it was asked. */
function fakePage(): OwnPageService & { asked: unknown[] } {
  const asked: unknown[] = [];
  const answer = async <T>(token: string, call: unknown, done: T): Promise<T | LinkRefusal> => {
    asked.push(call);
    if (token === GOOD) return done;
    if (token === OLD) return { refused: 'expired' };
    if (token === BROKEN) throw new Error('the document store does not answer');
    return { refused: 'not-found' };
  };
  return {
    asked,
    view: (token) => answer(token, ['view'], VIEW),
    saveFields: (token, form) => answer(token, ['fields', form], DONE),
    share: (token, field, audience) => answer<OwnPageChange | OwnPageInvalid>(token, ['share', field, audience], audience === 'friends' ? { invalid: { zh: '不是公开范围', en: 'not an audience' } } : DONE),
    uploadVcard: (token, file) => answer(token, ['vcard', Buffer.from(file).toString('utf8')], DONE),
  };
}

function appWith(lines: string[] = []) {
  const page = fakePage();
  const logger = capturingLogger(lines, 'trace');
  const app = createApp({
    webhooks: express.Router(),
    web: [createMeRouter({ page, logger })],
    logger,
    readiness: () => Promise.resolve({ ready: true } as never),
    metrics: () => Promise.resolve({ contentType: 'text/plain', body: '' }),
  });
  return { app, page };
}

function expectSecure(response: request.Response): void {
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  const csp = response.headers['content-security-policy'] as string;
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("default-src 'none'");
  expect(csp).not.toContain('unsafe-inline');
}

const json = (app: express.Express, path: string, body: unknown) => request(app).post(path).set('Content-Type', 'application/json').send(JSON.stringify(body));

describe('the own page router', () => {
  it('serves the page as static HTML loading its script and styles from outside the token path', async () => {
    const { app, page } = appWith();
    const response = await request(app).get(`/me/${GOOD}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.text).toContain('<script type="module" src="/me-assets/me.js"></script>');
    expect(response.text).not.toContain(GOOD);
    expect(response.text).not.toMatch(/<script>|\son[a-z]+=/); // no inline script or handler for the CSP to allow
    expectSecure(response);
    expect(page.asked).toEqual([['view']]);
    for (const [file, type] of [['me.js', 'text/javascript'], ['me-fields.js', 'text/javascript'], ['me.css', 'text/css']] as const) {
      const asset = await request(app).get(`/me-assets/${file}`);
      expect([file, asset.status, asset.headers['content-type']]).toEqual([file, 200, `${type}; charset=utf-8`]);
      expectSecure(asset);
    }
    for (const path of ['/me-assets/index.html', '/me-assets/../me-router.ts', '/me-assets/', '/me-assets/nope.js']) expect((await request(app).get(path)).status).toBe(404);
  });

  it('serves the profile as JSON', async () => {
    const response = await request(appWith().app).get(`/me/${GOOD}/profile.json`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.body).toEqual(VIEW);
    expectSecure(response);
  });

  it.each([
    ['page', `/me/${OLD}`, 410, '已过期'],
    ['page', `/me/${GONE}`, 404, '无效'],
  ])('%s: a refused token is a friendly bilingual page (%s → %i) naming the command for a new link', async (_kind, path, status, zh) => {
    const response = await request(appWith().app).get(path);
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.text).toContain(zh);
    expect(response.text).toContain('重新发送“主页”');
    expect(response.text).toContain('Send "page"');
    expect(response.text).not.toContain('<script');
    expectSecure(response);
  });

  it.each([
    ['GET profile.json', (app: express.Express, token: string) => request(app).get(`/me/${token}/profile.json`)],
    ['POST fields', (app: express.Express, token: string) => json(app, `/me/${token}/fields`, { email: 'a@example.com' })],
    ['POST share', (app: express.Express, token: string) => json(app, `/me/${token}/share`, { field: 'email', audience: 'everyone' })],
    ['POST vcard', (app: express.Express, token: string) => request(app).post(`/me/${token}/vcard`).set('Content-Type', 'text/vcard').send('BEGIN:VCARD')],
  ])('%s: an expired token is 410 and an invalid one 404, as JSON', async (_name, send) => {
    const { app } = appWith();
    const old = await send(app, OLD);
    expect([old.status, old.body.error]).toEqual([410, 'expired']);
    expect(old.body.message.zh).toContain('重新发送“主页”');
    expect(old.body.message.en).toContain('Send "page"');
    const gone = await send(app, GONE);
    expect([gone.status, gone.body.error]).toEqual([404, 'not-found']);
    expectSecure(gone);
  });

  it('saves fields, shares and uploads, handing the service exactly what was sent', async () => {
    const { app, page } = appWith();
    const saved = await json(app, `/me/${GOOD}/fields`, { email: 'a@example.com', title: '' });
    expect([saved.status, saved.body]).toEqual([200, DONE]);
    expectSecure(saved);
    expect((await json(app, `/me/${GOOD}/share`, { field: 'all', audience: '联系人' })).status).toBe(200);
    const upload = await request(app).post(`/me/${GOOD}/vcard`).set('Content-Type', 'application/octet-stream').send(Buffer.from('BEGIN:VCARD\r\nFN:张三\r\n'));
    expect(upload.status).toBe(200);
    expect(page.asked).toEqual([['fields', { email: 'a@example.com', title: '' }], ['share', 'all', '联系人'], ['vcard', 'BEGIN:VCARD\r\nFN:张三\r\n']]);
  });

  it('answers a request the service refuses as a whole with 422 and its bilingual reason', async () => {
    const response = await json(appWith().app, `/me/${GOOD}/share`, { field: 'email', audience: 'friends' });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({ error: 'refused', message: { zh: '不是公开范围', en: 'not an audience' } });
  });

  it.each([
    ['a form post', 'fields', 'application/x-www-form-urlencoded', 'email=a%40example.com'],
    ['text/plain (what a cross-site form can send)', 'fields', 'text/plain', '{"email":"a@example.com"}'],
    ['multipart', 'share', 'multipart/form-data; boundary=x', '--x--'],
    ['JSON to the upload', 'vcard', 'application/json', '{}'],
    ['a vCard as a form', 'vcard', 'application/x-www-form-urlencoded', 'BEGIN:VCARD'],
  ])('refuses %s with 415 before asking the service', async (_name, action, type, body) => {
    const { app, page } = appWith();
    const response = await request(app).post(`/me/${GOOD}/${action}`).set('Content-Type', type).send(body);
    expect(response.status).toBe(415);
    expect(response.body.error).toBe('unsupported-media-type');
    expect(response.body.message.en).toMatch(/Content-Type/);
    expect(page.asked).toEqual([]);
  });

  it('refuses a POST a browser marks as cross-site, with 403', async () => {
    const { app, page } = appWith();
    for (const site of ['cross-site', 'same-site']) {
      const response = await request(app).post(`/me/${GOOD}/fields`).set('Sec-Fetch-Site', site).set('Content-Type', 'application/json').send('{}');
      expect([response.status, response.body.error]).toEqual([403, 'cross-site']);
    }
    expect((await request(app).post(`/me/${GOOD}/fields`).set('Sec-Fetch-Site', 'same-origin').set('Content-Type', 'application/json').send('{}')).status).toBe(200);
    expect(page.asked).toEqual([['fields', {}]]);
  });

  it('caps a vCard at 64 KiB in the body parser: 413 with a clear message, the service never asked', async () => {
    expect(VCARD_UPLOAD_MAX_BYTES).toBe(VCARD_MAX_BYTES);
    const { app, page } = appWith();
    const big = Buffer.alloc(VCARD_UPLOAD_MAX_BYTES + 1, 0x41);
    const response = await request(app).post(`/me/${GOOD}/vcard`).set('Content-Type', 'text/vcard').send(big);
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ error: 'too-large', message: { zh: expect.stringContaining('最多 64 KB'), en: expect.stringContaining('at most 64 KB') } });
    expectSecure(response);
    expect(page.asked).toEqual([]);
    const fits = await request(app).post(`/me/${GOOD}/vcard`).set('Content-Type', 'text/vcard').send(Buffer.alloc(VCARD_UPLOAD_MAX_BYTES, 0x41));
    expect(fits.status).toBe(200);
  });

  it.each([
    ['broken JSON', 'fields', '{"email":'],
    ['a JSON list', 'fields', '["email"]'],
    ['a share without an audience', 'share', '{"field":"email"}'],
    ['a share with a number', 'share', '{"field":"email","audience":3}'],
  ])('refuses %s with 400', async (_name, action, body) => {
    const { app, page } = appWith();
    const response = await request(app).post(`/me/${GOOD}/${action}`).set('Content-Type', 'application/json').send(body);
    expect([response.status, response.body.error]).toEqual([400, 'bad-request']);
    expect(page.asked).toEqual([]);
  });

  it.each([
    ['POST to the page', 'post', `/me/${GOOD}`, 'GET, HEAD'],
    ['GET of an action', 'get', `/me/${GOOD}/fields`, 'POST'],
    ['PUT of the profile', 'put', `/me/${GOOD}/profile.json`, 'GET, HEAD'],
  ] as const)('%s is 405 with Allow', async (_name, method, path, allow) => {
    const { app, page } = appWith();
    const response = await request(app)[method](path);
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe(allow);
    expectSecure(response);
    expect(page.asked).toEqual([]);
  });

  it.each([
    ['undecodable', '/me/%ff'],
    ['percent-encoded token', `/me/${GOOD.slice(0, 10)}%41${GOOD.slice(10)}`],
    ['empty token', '/me/'],
    ['a trailing slash', `/me/${GOOD}/`],
    ['an unknown action', `/me/${GOOD}/admin`],
    ['too long', `/me/${'A'.repeat(129)}`],
    ['a dot path', '/me/../healthz'],
  ])('%s: 404 without asking the service', async (_name, path) => {
    const { app, page } = appWith();
    const response = await request(app).get(path);
    expect(response.status).toBe(404);
    expectSecure(response);
    expect(page.asked).toEqual([]);
  });

  it('answers 503 when the service fails, logging the action only', async () => {
    const lines: string[] = [];
    const { app } = appWith(lines);
    const response = await request(app).get(`/me/${BROKEN}/profile.json`);
    expect([response.status, response.body.error]).toEqual([503, 'unavailable']);
    expect((await request(app).get(`/me/${BROKEN}`)).headers['content-type']).toBe('text/html; charset=utf-8');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 50, page: 'me', action: 'profile', msg: 'an own page request failed', err: { message: 'the document store does not answer' } });
  });

  it('never writes a token or a page path to the log, at any level, whatever the outcome', async () => {
    const lines: string[] = [];
    const { app } = appWith(lines);
    for (const token of [GOOD, GONE, OLD, BROKEN]) {
      await request(app).get(`/me/${token}`);
      await request(app).get(`/me/${token}/profile.json`);
      await json(app, `/me/${token}/fields`, { email: 'a@example.com' });
    }
    await request(app).post(`/me/${GOOD}/vcard`).set('Content-Type', 'text/vcard').send(Buffer.alloc(VCARD_UPLOAD_MAX_BYTES + 10, 0x41));
    await request(app).post(`/me/${BROKEN}/share`).set('Content-Type', 'application/json').send('{broken');
    await request(app).get('/me/%ff');
    expect(lines.length).toBeGreaterThan(0); // the 503s were logged
    const log = lines.join('\n');
    for (const secret of [GOOD, GONE, OLD, BROKEN, GOOD.slice(0, 16), '/me/', '%ff']) expect(log).not.toContain(secret);
  }, 60_000); // 15 requests, each through a new ephemeral server: slow when the machine is busy

  it('says so when the page files are missing, and still answers the API', async () => {
    const page = fakePage();
    const logger = capturingLogger([], 'silent');
    const app = createApp({ webhooks: express.Router(), web: [createMeRouter({ page, logger, assets: null })], logger, readiness: () => Promise.resolve({ ready: true } as never), metrics: () => Promise.resolve({ contentType: 'text/plain', body: '' }) });
    const response = await request(app).get(`/me/${GOOD}`);
    expect(response.status).toBe(500);
    expect(response.text).toContain('web/me/index.html');
    expect((await request(app).get(`/me/${GOOD}/profile.json`)).status).toBe(200);
  });
});
