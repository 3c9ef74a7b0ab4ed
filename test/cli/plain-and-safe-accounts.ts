import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Account } from '../../src/config/account';
import { tempDir } from './run-lianluo';

/** Two accounts for the url and replay tests: a plain one and a safe (encrypted) one. */
export const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
export const PLAIN: Account = { id: 'acme', originalId: 'gh_3a7f9c21b04e', token: 'acmetoken', mode: 'plain' };
export const SAFE: Account = { id: 'secure', originalId: 'gh_bbbbbbbbbbbb', token: 'securetoken', mode: 'safe', encodingAESKey: AES_KEY, appId: 'wx0123456789abcdef' };

/** The accounts file for PLAIN and SAFE, with the secrets behind env: references (see `secrets`). */
export function accountsFile(): string {
  const file = path.join(tempDir(), 'accounts.json');
  writeFileSync(file, JSON.stringify([
    { ...PLAIN, token: 'env:ACME_TOKEN' },
    { ...SAFE, token: 'env:SECURE_TOKEN', encodingAESKey: 'env:SECURE_AES_KEY' },
  ]));
  return file;
}

/** The environment the env: references of `accountsFile()` read. */
export const secrets = { ACME_TOKEN: PLAIN.token, SECURE_TOKEN: SAFE.token, SECURE_AES_KEY: AES_KEY };
