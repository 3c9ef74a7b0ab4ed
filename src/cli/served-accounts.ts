import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Account } from '../config/account';
import { DEMO_ACCOUNT, readAccountsFile, type AccountEntry } from '../config/accounts-file';
import { resolveAccount } from '../config/resolve-account';
import { ConfigError } from '../errors';
import type { CliContext } from './cli-context';

/** The file the `accounts` commands edit: `--file`, else ACCOUNTS_FILE, else `./accounts.json`. */
export function accountsFileToEdit(ctx: CliContext, option: string | undefined): string {
  const chosen = option ?? nonEmpty(ctx.env.ACCOUNTS_FILE) ?? 'accounts.json';
  return path.resolve(ctx.cwd, chosen);
}

/** What the bot would read: `--file`, else ACCOUNTS_FILE, else nothing (the demo account). */
export function servedAccountsFile(ctx: CliContext, option: string | undefined): string | undefined {
  const chosen = option ?? nonEmpty(ctx.env.ACCOUNTS_FILE);
  return chosen === undefined ? undefined : path.resolve(ctx.cwd, chosen);
}

/**
 * The accounts the bot serves with this configuration, as written (secrets unresolved): the
 * demo account when no file is named.
 * @throws ConfigError as `readAccountsFile` does
 */
export function servedAccountEntries(ctx: CliContext, option: string | undefined): AccountEntry[] {
  const file = servedAccountsFile(ctx, option);
  return file === undefined ? [DEMO_ACCOUNT] : readAccountsFile(file);
}

/**
 * The served account `id`, with only its own `env:NAME` secrets resolved: a command about one
 * account works while another account's variable is unset.
 * @throws ConfigError when there is none, listing those there are (and hinting at an
 *   `./accounts.json` the bot does not read because ACCOUNTS_FILE is unset), or when one of
 *   this account's secrets is missing
 */
export function findServedAccount(ctx: CliContext, option: string | undefined, id: string): Account {
  const file = servedAccountsFile(ctx, option);
  const entries = servedAccountEntries(ctx, option);
  const entry = entries.find((a) => a.id === id);
  if (entry) return file === undefined ? DEMO_ACCOUNT : resolveAccount(entry, ctx.env, `ACCOUNTS_FILE ${file}`);
  const local = path.resolve(ctx.cwd, 'accounts.json');
  const fix =
    file === undefined && existsSync(local)
      ? `ACCOUNTS_FILE is not set, so only the demo account is served; export ACCOUNTS_FILE=${local} (or pass --file accounts.json)`
      : `use one of: ${entries.map((a) => a.id).join(', ')}`;
  throw new ConfigError(`no account "${id}"`, fix);
}

/** The setting a bot with this environment would announce in its printed URLs. */
export function publicBaseUrl(env: { publicUrl?: string; port: number }): string {
  return env.publicUrl ?? `http://localhost:${env.port}`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
