import { signaturesMatch, signPush } from '../../webhooks/signature';

// Expected values computed at authoring time outside this code:
//   printf '%s' $(printf '%s\n' lianluo-test-token 1385012345 271828182 | LC_ALL=C sort | tr -d '\n') | sha1sum
const TOKEN = 'lianluo-test-token';
const TIMESTAMP = '1385012345';
const NONCE = '271828182';
const HANDSHAKE_SIGNATURE = 'f9be5fe326c031bb7705a4adee42365e243a76a8';

describe('signPush', () => {
  it('signs the sorted [token, timestamp, nonce] as lowercase SHA-1 hex (2.1)', () => {
    expect(signPush(TOKEN, TIMESTAMP, NONCE)).toBe(HANDSHAKE_SIGNATURE);
  });

  it('does not depend on the order of the arguments beyond their values', () => {
    expect(signPush(NONCE, TOKEN, TIMESTAMP)).toBe(HANDSHAKE_SIGNATURE);
  });

  it('includes Encrypt when given (msg_signature, 2.5)', () => {
    // python3: hashlib.sha1(''.join(sorted([token, timestamp, nonce, 'abc+/='])).encode()).hexdigest()
    expect(signPush(TOKEN, TIMESTAMP, NONCE, 'abc+/=')).toBe('28b38718d84a99156f91cbe3451caa2d96d85c74');
  });

  it('changes when any part changes', () => {
    expect(signPush(TOKEN, '1385012346', NONCE)).not.toBe(HANDSHAKE_SIGNATURE);
  });
});

describe('signaturesMatch', () => {
  it('accepts the same signature, whatever the hex case', () => {
    expect(signaturesMatch(HANDSHAKE_SIGNATURE, HANDSHAKE_SIGNATURE)).toBe(true);
    expect(signaturesMatch(HANDSHAKE_SIGNATURE, HANDSHAKE_SIGNATURE.toUpperCase())).toBe(true);
  });

  it('rejects a signature differing in its last character', () => {
    expect(signaturesMatch(HANDSHAKE_SIGNATURE, `${HANDSHAKE_SIGNATURE.slice(0, -1)}9`)).toBe(false);
  });

  it.each([
    ['shorter', HANDSHAKE_SIGNATURE.slice(0, 38)],
    ['longer', `${HANDSHAKE_SIGNATURE}00`],
    ['odd length', HANDSHAKE_SIGNATURE.slice(0, 39)],
    ['non-hex of the same length', `${HANDSHAKE_SIGNATURE.slice(0, 38)}zz`],
    ['a valid prefix then junk (Buffer.from would stop early)', `${HANDSHAKE_SIGNATURE.slice(0, 20)}${'g'.repeat(20)}`],
    ['empty', ''],
  ])('returns false without throwing for %s', (_label, given) => {
    expect(signaturesMatch(HANDSHAKE_SIGNATURE, given)).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['repeated query parameter', [HANDSHAKE_SIGNATURE, HANDSHAKE_SIGNATURE]],
    ['number', 42],
  ])('returns false for a %s value', (_label, given) => {
    expect(signaturesMatch(HANDSHAKE_SIGNATURE, given)).toBe(false);
  });
});
