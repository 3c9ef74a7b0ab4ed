import { rewriteContent } from '../../sandbox/console-pages';
import { DEFAULT_KNOBS } from '../../sandbox/knobs';
import { seededRandom } from '../../sandbox/seeded-random';
import { control, startWorld, type World } from './sandbox-kit';

describe('sandbox control API', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld();
  });
  afterEach(() => world.close());

  const account = { id: 'acme', username: 'u', password: 'p', token: 't', webhookUrl: 'http://127.0.0.1:1/wx' };

  it('creates accounts and people with deterministic ids, and refuses duplicates', async () => {
    const created = await control<{ id: string; originalId: string; fakeId: string }>(world.sandbox, 'POST', '/accounts', account);
    expect(created.status).toBe(201);
    expect(created.json.originalId).toMatch(/^gh_[0-9a-f]{12}$/);
    expect(created.json.fakeId).toMatch(/^\d{1,10}$/);
    expect((await control(world.sandbox, 'POST', '/accounts', account)).status).toBe(409);
    const person = await control<{ fakeId: string; gender: number }>(world.sandbox, 'POST', '/people', { nickName: 'Alice' });
    expect(person.json).toMatchObject({ nickName: 'Alice', userName: '', gender: 0 });

    const again = await startWorld();
    try {
      expect((await control(again.sandbox, 'POST', '/accounts', account)).json).toEqual(created.json);
      expect((await control<{ fakeId: string }>(again.sandbox, 'POST', '/people', { nickName: 'Alice' })).json.fakeId).toBe(person.json.fakeId);
    } finally {
      await again.close();
    }
  });

  it.each<[string, string, unknown, RegExp]>([
    ['/accounts', 'a bad id', { ...account, id: 'Not OK' }, /^id: /],
    ['/accounts', 'safe mode without a key', { ...account, mode: 'safe' }, /encodingAESKey and appId/],
    ['/accounts', 'a webhook that is not a URL', { ...account, webhookUrl: 'nope' }, /^webhookUrl: /],
    ['/people', 'no nickname', {}, /^nickName: /],
    ['/send', 'text without content', { account: 'acme', fakeId: '1', type: 'text' }, /^content: type text needs content/],
    ['/send', 'a bad fakeId', { account: 'acme', fakeId: 'x', type: 'image' }, /^fakeId: fakeId is a FakeID/],
    ['/follow', 'an unknown field', { account: 'acme', fakeId: '1', colour: 'red' }, /colour/],
    ['/clock', 'a fractional advance', { advanceSeconds: 1.5 }, /^advanceSeconds: /],
  ])('answers 400 for %s: %s', async (path, _what, body, message) => {
    const { status, json } = await control<{ error: string }>(world.sandbox, 'POST', path, body);
    expect(status).toBe(400);
    expect(json.error).toMatch(message);
  });

  it('answers 404 for unknown accounts and people, 409 for a second follow', async () => {
    expect((await control(world.sandbox, 'GET', '/accounts/nope/sent')).status).toBe(404);
    await control(world.sandbox, 'POST', '/accounts', account);
    expect((await control(world.sandbox, 'POST', '/follow', { account: 'acme', fakeId: '1234', push: false })).status).toBe(404);
    const { json: person } = await control<{ fakeId: string }>(world.sandbox, 'POST', '/people', { nickName: 'A' });
    expect((await control(world.sandbox, 'POST', '/follow', { account: 'acme', fakeId: person.fakeId, push: false })).status).toBe(201);
    expect((await control(world.sandbox, 'POST', '/follow', { account: 'acme', fakeId: person.fakeId, push: false })).status).toBe(409);
  });

  it('reads and patches the knobs, validating them', async () => {
    expect((await control(world.sandbox, 'GET', '/knobs')).json).toEqual(DEFAULT_KNOBS);
    const patched = await control<typeof DEFAULT_KNOBS>(world.sandbox, 'PATCH', '/knobs', { latencyMs: 5, keywords: ['help'] });
    expect(patched.json).toEqual({ ...DEFAULT_KNOBS, latencyMs: 5, keywords: ['help'] });
    expect((await control(world.sandbox, 'PATCH', '/knobs', { skew: { min: 3, max: 1 } })).status).toBe(400);
    expect((await control(world.sandbox, 'PATCH', '/knobs', { latency: 5 })).status).toBe(400);
  });

  it('moves the sandbox clock', async () => {
    const { json } = await control<{ now: number }>(world.sandbox, 'POST', '/clock', { advanceSeconds: 3600 });
    expect(json.now - Math.floor(Date.now() / 1000)).toBeGreaterThanOrEqual(3599);
  });
});

describe('sandbox building blocks', () => {
  it.each([
    ['plain words', 'plain words'],
    ['two  spaces', 'two &nbsp;spaces'],
    ['  indented', '&nbsp;&nbsp;indented'],
    ['line\nbreak', 'line<br/>break'],
    ['a<b>&c', 'a&lt;b&gt;&amp;c'],
  ])('rewrites %j as %j', (raw, shown) => {
    expect(rewriteContent(raw)).toBe(shown);
  });

  it('draws the same integers for the same seed, inside the bounds', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const draws = Array.from({ length: 50 }, () => a.integer(-1, 3));
    expect(Array.from({ length: 50 }, () => b.integer(-1, 3))).toEqual(draws);
    expect(new Set(draws)).toEqual(new Set([-1, 0, 1, 2, 3]));
    expect(seededRandom(8).integer(0, 1_000_000)).not.toBe(seededRandom(7).integer(0, 1_000_000));
  });
});
