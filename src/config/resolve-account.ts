import { ConfigError } from '../errors';
import { AES_KEY_PATTERN, type Account } from './account';
import type { AccountEntry } from './accounts-file';

/**
 * How messages name an account: by its id (`account "club"`), or by its position when the entry
 * has no usable id (`account #3 (no id)`), since an id is what the owner searches the file for.
 */
export function accountName(entry: unknown, index?: number): string {
  const id = typeof entry === 'object' && entry !== null ? (entry as { id?: unknown }).id : undefined;
  if (typeof id === 'string' && id !== '') return `account ${JSON.stringify(id)}`;
  return index === undefined ? 'an account without an id' : `account #${index + 1} (no id)`;
}

/**
 * One validated entry with its `env:NAME` secrets read from `env`: only this account's
 * variables are needed, so a command about one account works while another's is unset.
 * `where` (e.g. `ACCOUNTS_FILE accounts.json`) starts every message.
 * @throws ConfigError naming the account and field, e.g. `account "club": console.password
 *   refers to env:CLUB_PW, which is not set`, with the export that fixes it
 */
export function resolveAccount(entry: AccountEntry, env: NodeJS.ProcessEnv, where?: string): Account {
  const name = `${where === undefined ? '' : `${where}: `}${accountName(entry)}`;
  const read = (value: string, field: string): string => resolveSecret(value, `${name}: ${field}`, env);
  const account: Account = { id: entry.id, originalId: entry.originalId, token: read(entry.token, 'token'), mode: entry.mode ?? 'plain' };
  if (entry.encodingAESKey !== undefined) {
    account.encodingAESKey = read(entry.encodingAESKey, 'encodingAESKey');
    if (!AES_KEY_PATTERN.test(account.encodingAESKey)) {
      throw new ConfigError(`${name}: encodingAESKey must be 43 letters and digits`, "copy the EncodingAESKey from the platform's developer settings");
    }
  }
  if (entry.appId !== undefined) account.appId = entry.appId;
  if (entry.platform !== undefined) account.platform = entry.platform;
  if (entry.console) account.console = { ...entry.console, password: read(entry.console.password, 'console.password') };
  return account;
}

function resolveSecret(value: string, field: string, env: NodeJS.ProcessEnv): string {
  if (!value.startsWith('env:')) return value;
  const variable = value.slice(4);
  const resolved = env[variable];
  if (resolved === undefined || resolved === '') {
    throw new ConfigError(`${field} refers to env:${variable}, which is not set`, `export ${variable}=<the value> before starting`);
  }
  return resolved;
}
