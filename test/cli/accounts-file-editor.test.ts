import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { editAccountsFile, readAccountEntries } from '../../src/cli/accounts-file-editor';
import { OperationError } from '../../src/cli/cli-context';
import type { AccountEntry } from '../../src/config/accounts-file';
import { loadAccountsFile } from '../../src/config/accounts-file';
import { ConfigError } from '../../src/errors';
import { tempDir } from './run-lianluo';

const acme: AccountEntry = {
  id: 'acme', originalId: 'gh_0123456789ab', token: 'env:ACME_TOKEN', mode: 'safe',
  encodingAESKey: 'env:ACME_AES_KEY', appId: 'wx0123456789abcdef',
  console: { url: 'https://console.example', username: 'owner@acme', password: 'env:ACME_PW' },
};
const beta: AccountEntry = { id: 'beta', originalId: 'gh_aaaaaaaaaaaa', token: 'betatoken123' };

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('editAccountsFile', () => {
  it('creates the file, adds, lists and removes, keeping env: references as written, mode 0600', async () => {
    const file = path.join(tempDir(), 'accounts.json');
    expect(await readAccountEntries(file)).toBeNull();

    await editAccountsFile(file, (entries) => [...entries, acme]);
    await editAccountsFile(file, (entries) => [...entries, beta]);
    expect(modeOf(file)).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([acme, beta]);
    expect(await readAccountEntries(file)).toEqual([acme, beta]);
    // The bot reads what the editor wrote.
    const env = { ACME_TOKEN: 't', ACME_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', ACME_PW: 'pw' };
    expect(loadAccountsFile(file, env).map((a) => [a.id, a.token])).toEqual([['acme', 't'], ['beta', 'betatoken123']]);

    await editAccountsFile(file, (entries) => entries.filter((e) => e.id !== 'acme'));
    expect(await readAccountEntries(file)).toEqual([beta]);
  });

  it('tightens a file readable by others to 0600 when it edits it', async () => {
    const file = path.join(tempDir(), 'accounts.json');
    writeFileSync(file, JSON.stringify([beta]));
    chmodSync(file, 0o644);
    await editAccountsFile(file, (entries) => [...entries, acme]);
    expect(modeOf(file)).toBe(0o600);
  });

  it.each<[string, string, RegExp]>([
    ['not JSON', '[{"id": "acme",', /is not valid JSON; not touching it/],
    ['a bad entry', JSON.stringify([{ ...beta, originalId: 'gh_nope' }]), /: account "beta": originalId must be gh_ followed by 12 hex digits .*; not touching the file/],
    ['a duplicate id', JSON.stringify([beta, beta]), /: account "beta" is listed twice/],
    ['a short key in the file', JSON.stringify([{ ...acme, encodingAESKey: 'short' }]), /: account "acme": encodingAESKey must be 43 letters and digits/],
  ])('refuses to edit a file with %s, and leaves it as it was', async (_name, content, message) => {
    const file = path.join(tempDir(), 'accounts.json');
    writeFileSync(file, content);
    const before = statSync(file).mtimeMs;
    const edit = jest.fn((entries: AccountEntry[]) => [...entries, acme]);
    const error = await editAccountsFile(file, edit).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(message);
    expect((error as ConfigError).fix).toMatch(/fix/);
    expect(edit).not.toHaveBeenCalled();
    expect(readFileSync(file, 'utf8')).toBe(content);
    expect(statSync(file).mtimeMs).toBe(before);
  });

  it('refuses an edit whose result does not validate, and writes nothing', async () => {
    const file = path.join(tempDir(), 'accounts.json');
    await editAccountsFile(file, () => [beta]);
    const before = readFileSync(file, 'utf8');
    const duplicate = await editAccountsFile(file, (entries) => [...entries, beta]).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(OperationError);
    expect((duplicate as Error).message).toMatch(/would make .* invalid: account "beta" is listed twice/);
    const empty = await editAccountsFile(file, () => []).catch((e: unknown) => e);
    expect((empty as Error).message).toMatch(/must list at least one account/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('serialises concurrent edits with the lock: every add lands', async () => {
    const file = path.join(tempDir(), 'accounts.json');
    const ids = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
    await Promise.all(
      ids.map((id, i) =>
        editAccountsFile(file, (entries) => [...entries, { id, originalId: `gh_00000000000${i}`, token: `token${id}` }]),
      ),
    );
    const written = (await readAccountEntries(file))!.map((e) => e.id).sort();
    expect(written).toEqual(ids);
  });
});
