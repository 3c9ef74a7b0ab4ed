/**
 * The Dockerfile and docker-compose.yml cannot be built here (no Docker engine), so what can be
 * checked without one is checked: they copy what exists, start what `npm start` starts, and set
 * only variables the configuration reads.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readEnvConfig } from '../../src/config/env-config';

const root = path.join(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('copies from the build context only paths that exist', () => {
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1]!.split(' '));
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) expect([source, existsSync(path.join(root, source))]).toEqual([source, true]);
  });

  it('runs the file npm start runs, without npm in between', () => {
    const start = (JSON.parse(read('package.json')) as { scripts: { start: string } }).scripts.start;
    expect(start).toBe('node dist/src/main.js');
    expect(dockerfile).toContain('CMD ["node", "dist/src/main.js"]');
  });

  it('exposes the default ports of the bot and the sandbox', () => {
    const config = readEnvConfig({});
    expect(dockerfile).toContain(`EXPOSE ${config.port} ${config.sandboxPort}`);
  });
});

describe('docker-compose.yml', () => {
  const compose = read('docker-compose.yml');

  it('sets only variables the bot reads, and each to a value it accepts', () => {
    const bot = compose.slice(compose.indexOf('  bot:'), compose.indexOf('  redis:'));
    const environment = bot.slice(bot.indexOf('environment:'), bot.indexOf('env_file:'));
    const variables = Object.fromEntries(
      [...environment.matchAll(/^ {6}([A-Z_]+): (.+)$/gm)].map((m) => [m[1]!, m[2]!.replace(/\$\{[A-Z_]+:-(.*)\}/, '$1')]),
    );
    expect(Object.keys(variables).sort()).toEqual(['ACCOUNTS_FILE', 'LOG_LEVEL', 'MONGODB_URI', 'PUBLIC_URL', 'REDIS_URL']);
    expect(readEnvConfig(variables)).toMatchObject({ redisUrl: 'redis://redis:6379', mongodbUri: 'mongodb://mongo:27017/lianluo' });
  });

  it('runs Redis and MongoDB beside the bot and waits for both to be healthy', () => {
    expect(compose).toMatch(/image: redis:7/);
    expect(compose).toMatch(/image: mongo:7/);
    expect(compose.match(/condition: service_healthy/g)).toHaveLength(2);
  });
});
