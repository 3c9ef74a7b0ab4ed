import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadAccountsFile } from '../../src/config/accounts-file';
import { ConfigError } from '../../src/errors';

const dir = mkdtempSync(path.join(tmpdir(), 'lianluo-accounts-'));
let n = 0;
function file(content: unknown): string {
  const name = path.join(dir, `accounts-${n++}.json`);
  writeFileSync(name, typeof content === 'string' ? content : JSON.stringify(content));
  return name;
}

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const base = { id: 'acme', originalId: 'gh_0123456789ab', token: 's3cret' };

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadAccountsFile', () => {
  it('reads accounts with defaults and resolves env: secrets', () => {
    const accounts = loadAccountsFile(
      file([
        { ...base, token: 'env:ACME_TOKEN', console: { url: 'https://console.example', username: 'owner@acme', password: 'env:ACME_PW' } },
        { id: 'beta', originalId: 'gh_aaaaaaaaaaaa', token: 'tok', mode: 'safe', encodingAESKey: KEY, appId: 'wx0123456789abcdef' },
      ]),
      { ACME_TOKEN: 'from-env', ACME_PW: 'pw-from-env' },
    );
    expect(accounts).toEqual([
      {
        id: 'acme', originalId: 'gh_0123456789ab', token: 'from-env', mode: 'plain',
        console: { url: 'https://console.example', username: 'owner@acme', password: 'pw-from-env' },
      },
      { id: 'beta', originalId: 'gh_aaaaaaaaaaaa', token: 'tok', mode: 'safe', encodingAESKey: KEY, appId: 'wx0123456789abcdef' },
    ]);
  });

  it.each<[string, unknown, RegExp]>([
    ['not JSON', '{oops', /is not valid JSON/],
    ['empty list', [], /at least one account/],
    ['bad id', [{ ...base, id: 'Acme!' }], /accounts\[0\]\.id must be 1-32 characters/],
    ['bad original id', [{ ...base, originalId: 'acme' }], /accounts\[0\]\.originalId must be gh_/],
    ['missing token', [{ id: 'acme', originalId: 'gh_0123456789ab' }], /accounts\[0\]\.token/],
    ['unknown field', [{ ...base, tokn: 'x' }], /accounts\[0\]/],
    ['safe without key', [{ ...base, mode: 'safe' }], /accounts\[0\]\.mode compatible and safe modes need encodingAESKey and appId/],
    ['short key', [{ ...base, mode: 'safe', encodingAESKey: 'short', appId: 'wx0123456789abcdef' }], /encodingAESKey must be 43/],
    ['duplicate id', [base, base], /accounts\[1\]\.id "acme" is used twice/],
    ['unset env secret', [{ ...base, token: 'env:NOPE_NOT_SET' }], /accounts\[0\]\.token refers to env:NOPE_NOT_SET, which is not set/],
  ])('%s: says what is wrong', (_name, content, message) => {
    expect(errorOf(() => loadAccountsFile(file(content), {})).message).toMatch(message);
  });

  it('says how to fix a missing file', () => {
    const error = errorOf(() => loadAccountsFile(path.join(dir, 'missing.json')));
    expect(error.message).toMatch(/does not exist/);
    expect(error.fix).toMatch(/JSON array of accounts/);
  });
});
