import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');
const eslint = path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');

/** Lints `code` as if it were the file `filePath`; returns the rule messages. */
function lint(filePath: string, code: string): string[] {
  try {
    execFileSync(process.execPath, [eslint, '--stdin', '--stdin-filename', filePath, '--format', 'json'], {
      cwd: root,
      input: code,
      encoding: 'utf8',
    });
    return [];
  } catch (error) {
    const out = (error as { stdout: string }).stdout;
    const [result] = JSON.parse(out) as Array<{ messages: Array<{ ruleId: string; message: string }> }>;
    const rules = ['@typescript-eslint/no-restricted-imports', 'no-restricted-imports'];
    return result!.messages.filter((m) => rules.includes(m.ruleId)).map((m) => m.message);
  }
}

// The layout's dependency rules (style.md) hold because lint fails on a breach: prove it does.
describe('dependency rules of the layout', () => {
  it.each<[string, string, RegExp]>([
    ['webhooks/x.ts', "import { Bot } from '../src/bot/bot'; export const b = Bot;", /must not import the bot/],
    ['webhooks/x.ts', "import Redis from 'ioredis'; export const r = Redis;", /Only src\/stores talks to Redis/],
    ['scrapers/x.ts', "import express from 'express'; export const e = express;", /not a server/],
    ['scrapers/x.ts', "import mongoose from 'mongoose'; export const m = mongoose;", /Only src\/stores talks to MongoDB/],
    ['src/bot/x.ts', "import express from 'express'; export const e = express;", /Express lives in webhooks/],
    ['src/bot/x.ts', "import Redis from 'ioredis'; export const r = Redis;", /take a Cache/],
    ['sandbox/x.ts', "import { pushKey } from '../webhooks/push-key'; export const p = pushKey;", /other side of the wire/],
    ['src/bot/x.ts', "import { startSandbox } from '../../sandbox/create-sandbox'; export const s = startSandbox;", /Only src\/main.ts and src\/demo\/ start the sandbox/],
    ['scrapers/x.ts', "import { Platform } from '../sandbox/platform-state'; export const p = Platform;", /reaches it over HTTP/],
    ['src/profiles/x.ts', "import mongoose from 'mongoose'; export const m = mongoose;", /take a DocumentStore/],
    ['src/profiles/x.ts', "import Redis from 'ioredis'; export const r = Redis;", /take a Cache/],
    ['src/profiles/x.ts', "import { ConsoleClient } from '../../scrapers/console-client'; export const c = ConsoleClient;", /src\/profiles\/ is a domain/],
    ['src/profiles/x.ts', "import { parsePush } from '../../webhooks/parse-push'; export const p = parsePush;", /src\/profiles\/ is a domain/],
    ['src/contacts/x.ts', "import { Queue } from 'bullmq'; export const q = Queue;", /src\/contacts\/ is a domain: outside services/],
    ['src/phone/x.ts', "import axios from 'axios'; export const a = axios;", /src\/phone\/ is a domain: outside services/],
    ['src/contacts/x.ts', "import { ConsoleClient } from '../../scrapers/console-client'; export const c = ConsoleClient;", /src\/contacts\/ is a domain/],
    ['webhooks/x.ts', "import { PersonDirectory } from '../src/profiles/person-directory'; export const p = PersonDirectory;", /must not import the bot/],
    ['web/x.ts', "import { ProfileLinks } from '../src/profiles/profile-links'; export const p = ProfileLinks;", /web\/ is the browser edge/],
    ['web/x.ts', "import mongoose from 'mongoose'; export const m = mongoose;", /Only src\/stores talks to MongoDB/],
    ['web/x.ts', "import Redis from 'ioredis'; export const r = Redis;", /Only src\/stores talks to Redis/],
    ['web/x.ts', "import { ConsoleClient } from '../scrapers/console-client'; export const c = ConsoleClient;", /web\/ must not import the console client/],
    ['web/x.ts', "import { startSandbox } from '../sandbox/create-sandbox'; export const s = startSandbox;", /reaches it over HTTP/],
    ['src/profiles/x.ts', "import { createLinkRouter } from '../../web/link-router'; export const r = createLinkRouter;", /implements the ports of web\//],
    ['scrapers/x.ts', "import { createLinkRouter } from '../web/link-router'; export const r = createLinkRouter;", /browser edges/],
    ['sandbox/x.ts', "import { createLinkRouter } from '../web/link-router'; export const r = createLinkRouter;", /other side of the wire/],
  ])('%s: %s is refused', (file, code, message) => {
    expect(lint(file, code)).toEqual([expect.stringMatching(message)]);
  });

  it.each<[string, string]>([
    ['src/app.ts', "import express from 'express'; export const e = express;"],
    ['src/stores/x.ts', "import Redis from 'ioredis'; export const r = Redis;"],
    ['src/outbox/x.model.ts', "import { Schema } from 'mongoose'; export const s = Schema;"],
    ['src/profiles/x.model.ts', "import { Schema } from 'mongoose'; export const s = Schema;"],
    ['src/profiles/x.ts', "import type { ConsoleProfile } from '../identity/console-profile.model'; export type P = ConsoleProfile;"],
    ['webhooks/x.ts', "import express from 'express'; export const e = express;"],
    ['src/demo/x.ts', "import { startSandbox } from '../../sandbox/create-sandbox'; export const s = startSandbox;"],
    ['web/x.ts', "import express from 'express'; export const e = express;"],
    ['web/x.ts', "import type { ProfileLinks } from '../src/profiles/profile-links'; export type L = ProfileLinks;"],
    ['src/profiles/x.ts', "import type { LinkService } from '../../web/ports'; export type L = LinkService;"],
    ['src/compose.ts', "import { createLinkRouter } from '../web/link-router'; export const r = createLinkRouter;"],
  ])('%s may import what it needs', (file, code) => {
    expect(lint(file, code)).toEqual([]);
  });
});
