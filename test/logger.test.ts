import { Writable } from 'node:stream';
import { createLogger } from '../src/logger';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  it('censors secrets wherever a caller puts them', () => {
    const { lines, stream } = capture();
    const log = createLogger('info', stream);
    log.info(
      {
        account: { id: 'acme', token: 'tok-123456', encodingAESKey: 'k'.repeat(43), console: { password: 'pw-987654' } },
        req: { headers: { cookie: 'slave_sid=abcdef' } },
        password: 'top-level-pw',
      },
      'configured',
    );
    const out = lines.join('');
    for (const secret of ['tok-123456', 'k'.repeat(43), 'pw-987654', 'slave_sid=abcdef', 'top-level-pw']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('"id":"acme"');
    expect(out).toContain('[redacted]');
  });

  it('logs errors by name and message, never the stack', () => {
    const { lines, stream } = capture();
    createLogger('info', stream).error({ err: new TypeError('bad thing') }, 'failed');
    const entry = JSON.parse(lines[0]!) as { err: unknown };
    expect(entry.err).toEqual({ type: 'TypeError', message: 'bad thing' });
    expect(lines[0]).not.toContain('at ');
  });
});

describe('censorSecrets', () => {
  it('censors secret keys at any depth and in arrays, case-insensitively', async () => {
    const { censorSecrets } = await import('../src/logger');
    expect(censorSecrets({ a: [{ Token: 't' }], b: { c: { Password: 'p' } }, d: 1 })).toEqual({
      a: [{ Token: '[redacted]' }],
      b: { c: { Password: '[redacted]' } },
      d: 1,
    });
  });

  it('returns objects without secrets untouched (no copy)', async () => {
    const { censorSecrets } = await import('../src/logger');
    const clean = { account: 'acme', nested: { ms: 3 } };
    expect(censorSecrets(clean)).toBe(clean);
  });

  it('censors secrets in child logger bindings', () => {
    const { lines, stream } = capture();
    createLogger('info', stream).child({ console: { password: 'pw-in-binding' } }).info('x');
    expect(lines.join('')).not.toContain('pw-in-binding');
  });
});
