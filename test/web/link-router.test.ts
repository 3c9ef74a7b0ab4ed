import express from 'express';
import request from 'supertest';
import { createApp } from '../../src/app';
import { createLinkRouter } from '../../web/link-router';
import type { LinkDownload, LinkRefusal, LinkService } from '../../web/ports';
import { capturingLogger } from '../builders/bot-server';

// Token-shaped strings: the router only hands them to the service, which decides.
const GOOD = 'Zm9vYmFyLWNhcmQtdG9rZW4tZm9yLXRlc3RzLW9ubHktMTIzNDU2Nzg5MA';
const GONE = 'Z29uZS1wZXJzb24tdG9rZW4tZm9yLXRlc3RzLW9ubHktMTIzNDU2Nzg5MA';
const OLD = 'ZXhwaXJlZC10b2tlbi1mb3ItdGVzdHMtb25seS0xMjM0NTY3ODkwMTIzNA';
const BROKEN = 'YnJva2VuLXN0b3JlLXRva2VuLWZvci10ZXN0cy1vbmx5LTEyMzQ1Njc4OTA';

const VCARD = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN;CHARSET=UTF-8:张三\r\nEND:VCARD\r\n';

/** A link service answering by token, recording what it was asked. */
function fakeLinks(): LinkService & { asked: string[] } {
  const answer = async (token: string, download: LinkDownload): Promise<LinkDownload | LinkRefusal> => {
    asked.push(token);
    if (token === GOOD) return download;
    if (token === OLD) return { refused: 'expired' };
    if (token === BROKEN) throw new Error('the document store does not answer');
    return { refused: 'not-found' };
  };
  const asked: string[] = [];
  return {
    asked,
    vcard: (token) => answer(token, { body: VCARD, filename: '张三.vcf', asciiFilename: 'lianluo-K7P2QXM.vcf' }),
    exportJson: (token) => answer(token, { body: '{"person":{"code":"K7P2QXM"}}', filename: 'lianluo-export-K7P2QXM.json', asciiFilename: 'lianluo-export-K7P2QXM.json' }),
  };
}

function appWith(lines: string[] = []) {
  const links = fakeLinks();
  const logger = capturingLogger(lines, 'trace');
  const app = createApp({
    webhooks: express.Router(),
    web: [createLinkRouter({ links, logger })],
    logger,
    readiness: () => Promise.resolve({ ready: true } as never),
    metrics: () => Promise.resolve({ contentType: 'text/plain', body: '' }),
  });
  return { app, links };
}

function expectPrivate(response: request.Response): void {
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
  expect(response.headers['x-content-type-options']).toBe('nosniff');
}

/** The file name a browser saves under: `filename*` decoded by RFC 5987. */
function savedName(disposition: string): string {
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  if (!encoded) throw new Error(`no filename* in ${disposition}`);
  return decodeURIComponent(encoded);
}

describe('the link router', () => {
  it('serves a card as a vCard download, named in Chinese with an ASCII fallback, never cached', async () => {
    const { app } = appWith();
    const response = await request(app).get(`/cards/${GOOD}.vcf`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/vcard; charset=utf-8');
    const disposition = response.headers['content-disposition'] as string;
    expect(disposition).toBe(`attachment; filename="lianluo-K7P2QXM.vcf"; filename*=UTF-8''%E5%BC%A0%E4%B8%89.vcf`);
    expect(savedName(disposition)).toBe('张三.vcf');
    expect(response.text).toBe(VCARD);
    expectPrivate(response);
    expect(response.headers.etag).toBeUndefined();
  });

  it('serves an export as a JSON download', async () => {
    const { app } = appWith();
    const response = await request(app).get(`/export/${GOOD}.json`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="lianluo-export-K7P2QXM\.json"; filename\*=UTF-8''lianluo-export-K7P2QXM\.json$/);
    expect(JSON.parse(response.text)).toEqual({ person: { code: 'K7P2QXM' } });
    expectPrivate(response);
  });

  it.each([
    ['card', `/cards/${GONE}.vcf`, '名片', 'card'],
    ['export', `/export/${GONE}.json`, '导出', 'export'],
  ])('%s: an invalid token (or a person no longer known) is 404, saying in both languages what to send', async (_kind, path, zh, en) => {
    const response = await request(appWith().app).get(path);
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.text).toContain(`发送“${zh}`);
    expect(response.text).toContain(`Send "${en}`);
    expectPrivate(response);
  });

  it.each([
    ['card', `/cards/${OLD}.vcf`, '名片', 'card'],
    ['export', `/export/${OLD}.json`, '导出', 'export'],
  ])('%s: an expired token is 410, saying links last 24 hours and what to send', async (_kind, path, zh, en) => {
    const response = await request(appWith().app).get(path);
    expect(response.status).toBe(410);
    expect(response.text).toMatch(/已过期.*24 小时/);
    expect(response.text).toContain(`发送“${zh}`);
    expect(response.text).toMatch(new RegExp(`expired \\(.*24 hours\\)\\. Send "${en}`));
    expectPrivate(response);
  });

  it.each([
    ['undecodable', '/cards/%ff.vcf'],
    ['percent-encoded token', `/cards/${GOOD.slice(0, 10)}%41${GOOD.slice(10)}.vcf`],
    ['no extension', `/cards/${GOOD}`],
    ['the other extension', `/cards/${GOOD}.json`],
    ['empty token', '/cards/.vcf'],
    ['a sub-path', `/cards/a/${GOOD}.vcf`],
    ['too long', `/export/${'A'.repeat(129)}.json`],
    ['dots', '/export/...json'],
  ])('%s: 404 without asking the service', async (_name, path) => {
    const { app, links } = appWith();
    const response = await request(app).get(path);
    expect(response.status).toBe(404);
    expectPrivate(response);
    expect(links.asked).toEqual([]);
  });

  it('answers HEAD like GET, without a body', async () => {
    const response = await request(appWith().app).head(`/cards/${GOOD}.vcf`);
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment;/);
    expect(response.text).toBeUndefined();
  });

  it('leaves other methods and paths to the app', async () => {
    const { app, links } = appWith();
    expect((await request(app).post(`/cards/${GOOD}.vcf`)).text).toBe('not found');
    expect((await request(app).get('/cardsX')).text).toBe('not found');
    expect((await request(app).get('/healthz')).status).toBe(200);
    expect(links.asked).toEqual([]);
  });

  it('answers 503 when the service fails, logging the failure by kind only', async () => {
    const lines: string[] = [];
    const response = await request(appWith(lines).app).get(`/cards/${BROKEN}.vcf`);
    expect(response.status).toBe(503);
    expect(response.text).toMatch(/过一两分钟.*\n.*in a minute or two/);
    expectPrivate(response);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 50, link: 'card', msg: 'a link download failed', err: { message: 'the document store does not answer' } });
  });

  it('never writes a token or a link path to the log, at any level, whatever the outcome', async () => {
    const lines: string[] = [];
    const { app } = appWith(lines);
    for (const token of [GOOD, GONE, OLD, BROKEN]) {
      await request(app).get(`/cards/${token}.vcf`);
      await request(app).get(`/export/${token}.json`);
    }
    await request(app).get('/cards/%ff.vcf');
    await request(app).get(`/cards/${GOOD}%ff.vcf`);
    expect(lines.length).toBeGreaterThan(0); // the 503s were logged
    const log = lines.join('\n');
    for (const secret of [GOOD, GONE, OLD, BROKEN, GOOD.slice(0, 16), '/cards/', '/export/', '%ff']) expect(log).not.toContain(secret);
  });
});
