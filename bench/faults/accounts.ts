/** The two accounts both bot processes serve: a plain one and a safe (encrypted) one. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export interface BenchAccount {
  id: string;
  originalId: string;
  token: string;
  mode: 'plain' | 'safe';
  encodingAESKey?: string;
  appId?: string;
}

export const PLAIN = { id: 'acme', originalId: 'gh_3a7f9c21b04e', token: 'acmetoken', mode: 'plain' } as const satisfies BenchAccount;
export const SAFE = {
  id: 'secure',
  originalId: 'gh_bbbbbbbbbbbb',
  token: 'securetoken',
  mode: 'safe',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wx0123456789abcdef',
} as const satisfies BenchAccount;

/** Writes the accounts file (README, "Accounts") into `dir` and returns its path. */
export function writeAccountsFile(dir: string): string {
  const file = path.join(dir, 'accounts.json');
  writeFileSync(file, JSON.stringify([PLAIN, SAFE], null, 2));
  return file;
}
