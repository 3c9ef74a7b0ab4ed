import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadAccountsFile, readAccountsFile } from '../../src/config/accounts-file';
import { platformOf } from '../../src/config/account';
import { resolveAccount } from '../../src/config/resolve-account';
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

  it('keeps the platform an account names, and leaves it unset (the one default platform) otherwise', () => {
    const accounts = loadAccountsFile(file([{ ...base, platform: 'weixin' }, { ...base, id: 'beta' }]), {});
    expect(accounts.map((account) => [account.id, account.platform, platformOf(account)])).toEqual([
      ['acme', 'weixin', 'weixin'],
      ['beta', undefined, 'default'],
    ]);
  });

  it.each<[string, unknown, RegExp]>([
    ['not JSON', '{oops', /is not valid JSON/],
    ['empty list', [], /at least one account/],
    ['bad id', [{ ...base, id: 'Acme!' }], /^ACCOUNTS_FILE .*: account "Acme!": id must be 1-32 characters/],
    ['bad original id', [{ ...base, originalId: 'acme' }], /: account "acme": originalId must be gh_/],
    ['missing token', [{ id: 'acme', originalId: 'gh_0123456789ab' }], /: account "acme": token /],
    ['unknown field', [{ ...base, tokn: 'x' }], /: account "acme": Unrecognized key: "tokn"/],
    ['no id, second entry', [base, { originalId: 'gh_0123456789ab', token: 't' }], /: account #2 \(no id\): id /],
    ['bad field of the second entry', [base, { ...base, id: 'beta', appId: 'wx1' }], /: account "beta": appId must be wx/],
    ['bad platform', [{ ...base, platform: 'We Chat' }], /: account "acme": platform must be 1-32 characters of a-z, 0-9 and -/],
    ['safe without key', [{ ...base, mode: 'safe' }], /: account "acme": mode compatible and safe modes need encodingAESKey and appId/],
    ['short key', [{ ...base, mode: 'safe', encodingAESKey: 'short', appId: 'wx0123456789abcdef' }], /: account "acme": encodingAESKey must be 43/],
    ['duplicate id', [base, base], /: account "acme" is listed twice/],
    ['unset env secret', [{ ...base, token: 'env:NOPE_NOT_SET' }], /: account "acme": token refers to env:NOPE_NOT_SET, which is not set/],
  ])('%s: says what is wrong', (_name, content, message) => {
    expect(errorOf(() => loadAccountsFile(file(content), {})).message).toMatch(message);
  });

  it('says how to fix a missing file', () => {
    const error = errorOf(() => loadAccountsFile(path.join(dir, 'missing.json')));
    expect(error.message).toMatch(/does not exist/);
    expect(error.fix).toMatch(/JSON array of accounts/);
  });
});

describe('readAccountsFile and resolveAccount', () => {
  const twoAccounts = () =>
    file([
      { ...base, token: 'env:ACME_TOKEN' },
      { id: 'club', originalId: 'gh_aaaaaaaaaaaa', token: 'tok', console: { url: 'https://console.example', username: 'owner', password: 'env:CLUB_PW' } },
    ]);

  it('reads the entries as written, needing none of their variables', () => {
    const entries = readAccountsFile(twoAccounts());
    expect(entries.map((e) => [e.id, e.token])).toEqual([['acme', 'env:ACME_TOKEN'], ['club', 'tok']]);
  });

  it("resolves one account with only its own variables set", () => {
    const [acme] = readAccountsFile(twoAccounts());
    expect(resolveAccount(acme!, { ACME_TOKEN: 'from-env' })).toMatchObject({ id: 'acme', token: 'from-env', mode: 'plain' });
  });

  it('names the account by id when its own variable is unset, with the export that fixes it', () => {
    const [, club] = readAccountsFile(twoAccounts());
    const error = errorOf(() => resolveAccount(club!, { ACME_TOKEN: 'from-env' }, 'ACCOUNTS_FILE x.json'));
    expect(error.message).toBe('ACCOUNTS_FILE x.json: account "club": console.password refers to env:CLUB_PW, which is not set');
    expect(error.fix).toMatch(/export CLUB_PW=/);
  });

  it('the bot still refuses the whole file when any account misses a variable, naming it by id', () => {
    expect(errorOf(() => loadAccountsFile(twoAccounts(), { ACME_TOKEN: 'from-env' })).message).toMatch(/: account "club": console\.password refers to env:CLUB_PW/);
  });
});
