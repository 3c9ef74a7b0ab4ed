import { LINK_LIFETIMES_S, LinkTokens, MAX_TOKEN_LENGTH, type LinkKind, type LinkRequest } from '../../src/profiles/link-tokens';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const SECRET = Buffer.from('a test secret of more than thirty-two characters');
const OTHER_SECRET = Buffer.from('another secret, also more than thirty-two characters');
const ISSUED = new Date(Date.UTC(2026, 10, 24, 8, 30, 0));

/** Tokens on a clock that the test moves. */
function tokens(secret = SECRET) {
  const clock = { now: ISSUED.getTime() };
  return { clock, links: new LinkTokens(() => Promise.resolve(secret), () => new Date(clock.now)) };
}

const REQUESTS: Record<LinkKind, LinkRequest> = {
  card: { kind: 'card', target: A, requester: B },
  export: { kind: 'export', person: A },
  me: { kind: 'me', person: B },
};
const KINDS = Object.keys(REQUESTS) as LinkKind[];

describe('LinkTokens', () => {
  it.each(KINDS)('%s: a sealed token opens to its claims, expiring after its lifetime', async (kind) => {
    const { links } = tokens();
    const { token, expiresAt } = await links.seal(REQUESTS[kind]);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
    expect(expiresAt).toEqual(new Date(ISSUED.getTime() + LINK_LIFETIMES_S[kind] * 1000));
    expect(await links.open(kind, token)).toEqual({ ok: true, claims: { ...REQUESTS[kind], expiresAt } });
  });

  it('gives cards and exports 24 hours and the own page 1 hour', () => {
    expect(LINK_LIFETIMES_S).toEqual({ card: 86_400, export: 86_400, me: 3_600 });
  });

  it('does not say whose link it is: two tokens for the same claims differ, and neither holds an ID in clear', async () => {
    const { links } = tokens();
    const first = await links.seal(REQUESTS.card);
    const second = await links.seal(REQUESTS.card);
    expect(first.token).not.toBe(second.token);
    for (const { token } of [first, second]) {
      expect(Buffer.from(token, 'base64url').toString('hex')).not.toContain(A.replace(/-/g, '').slice(0, 12));
    }
  });

  it.each(KINDS.flatMap((sealed) => KINDS.filter((asked) => asked !== sealed).map((asked) => [sealed, asked] as const)))(
    'a %s token is refused as a %s token',
    async (sealed, asked) => {
      const { links } = tokens();
      const { token } = await links.seal(REQUESTS[sealed]);
      expect(await links.open(asked, token)).toEqual({ ok: false, reason: 'invalid' });
    },
  );

  it('refuses a token with any one byte changed, wherever it is', async () => {
    const { links } = tokens();
    const { token } = await links.seal(REQUESTS.card);
    const bytes = Buffer.from(token, 'base64url');
    for (let index = 0; index < bytes.length; index += 1) {
      const changed = Buffer.from(bytes);
      changed[index] = (changed[index] as number) ^ 0x01;
      expect([index, await links.open('card', changed.toString('base64url'))]).toEqual([index, { ok: false, reason: 'invalid' }]);
    }
  });

  it('refuses a truncated or lengthened token', async () => {
    const { links } = tokens();
    const { token } = await links.seal(REQUESTS.export);
    for (const cut of [1, 2, 4, 10, token.length - 1]) {
      expect(await links.open('export', token.slice(0, token.length - cut))).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(await links.open('export', `${token}AA`)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a token sealed with another secret', async () => {
    const { token } = await tokens(OTHER_SECRET).links.seal(REQUESTS.me);
    expect(await tokens().links.open('me', token)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('works until the second before its expiry and is expired at the expiry exactly (fixed clock)', async () => {
    const { clock, links } = tokens();
    const { token, expiresAt } = await links.seal(REQUESTS.card);
    clock.now = expiresAt.getTime() - 1;
    expect((await links.open('card', token)).ok).toBe(true);
    clock.now = expiresAt.getTime();
    expect(await links.open('card', token)).toEqual({ ok: false, reason: 'expired' });
    clock.now = expiresAt.getTime() + 365 * 86_400_000;
    expect(await links.open('card', token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('the own page lasts one hour from issue, to the second', async () => {
    const { clock, links } = tokens();
    const { token } = await links.seal(REQUESTS.me);
    clock.now = ISSUED.getTime() + 3_599_999;
    expect((await links.open('me', token)).ok).toBe(true);
    clock.now = ISSUED.getTime() + 3_600_000;
    expect((await links.open('me', token)).ok).toBe(false);
  });

  it('rounds the issue time down to the second, so a link never lasts longer than its lifetime', async () => {
    const { clock, links } = tokens();
    clock.now = ISSUED.getTime() + 999;
    expect((await links.seal(REQUESTS.export)).expiresAt).toEqual(new Date(ISSUED.getTime() + 86_400_000));
  });

  it.each<[string, unknown]>([
    ['empty', ''],
    ['one character', 'A'],
    ['spaces', '   '],
    ['a path', '../../etc/passwd'],
    ['percent-encoding', '%ff%00%2e'],
    ['padding', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=='],
    ['standard base64 characters', `${'A'.repeat(80)}+/`],
    ['Chinese', '名片名片名片名片名片名片名片名片'],
    ['emoji and a lone surrogate', '😀\ud800'],
    ['NUL and control characters', 'abc\u0000def\u001b[31m'],
    ['too long', 'A'.repeat(MAX_TOKEN_LENGTH + 1)],
    ['huge', 'A'.repeat(1_000_000)],
    ['all zeros of the right length', 'A'.repeat(87)],
    ['not a string', 12345],
    ['undefined', undefined],
  ])('%s: refused as invalid, without throwing', async (_name, hostile) => {
    const { links } = tokens();
    for (const kind of KINDS) expect(await links.open(kind, hostile)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a second spelling of a valid token (non-zero trailing bits)', async () => {
    const { links } = tokens();
    const { token } = await links.seal(REQUESTS.card);
    // 65 bytes are 87 characters whose last holds 2 unused bits: set one of them.
    const last = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const index = last.indexOf(token.at(-1)!);
    const respelled = `${token.slice(0, -1)}${last[index ^ 1]}`;
    expect(Buffer.from(respelled, 'base64url')).toEqual(Buffer.from(token, 'base64url'));
    expect(await links.open('card', respelled)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses to seal a person ID that is not a UUID', async () => {
    await expect(tokens().links.seal({ kind: 'export', person: 'K7P2QXM' })).rejects.toThrow(/UUID/);
  });

  it('reads the secret again after a failed read, and once it works keeps the key', async () => {
    let calls = 0;
    const links = new LinkTokens(() => {
      calls += 1;
      return calls === 1 ? Promise.reject(new Error('store down')) : Promise.resolve(SECRET);
    });
    await expect(links.seal(REQUESTS.me)).rejects.toThrow('store down');
    const { token } = await links.seal(REQUESTS.me);
    expect((await links.open('me', token)).ok).toBe(true);
    expect(calls).toBe(2);
  });
});
