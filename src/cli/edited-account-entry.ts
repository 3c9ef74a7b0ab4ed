import { PLATFORM_PATTERN } from '../config/account';
import type { AccountEntry } from '../config/accounts-file';
import { UsageError } from './cli-context';
import { checkEntryOptions, checkSecretOptions } from './new-account-entry';
import { platformMove, type PlatformMove } from './platform-move';
import { randomAlphanumeric } from './secrets';

/** The options of `accounts edit`, as commander parses them. */
export interface EditAccountOptions {
  consoleUrl?: string;
  consoleUsername?: string;
  consolePasswordEnv?: string;
  consolePasswordStdin?: boolean;
  removeConsole?: boolean;
  appId?: string;
  mode?: 'plain' | 'compatible' | 'safe';
  aesKeyEnv?: string;
  newAesKey?: boolean;
  token?: string;
  tokenEnv?: string;
  newToken?: boolean;
  platform?: string;
  /** Confirms a change that cannot be undone for the followers (a new platform). */
  yes?: boolean;
  file?: string;
}

/** An edited entry and what changed, in words that never hold a secret's value. */
export interface AccountEdit {
  entry: AccountEntry;
  changes: string[];
  /** Something the platform's settings page must also get changed (token, mode, key, AppID). */
  platform: boolean;
  /** The account moves from one platform to another (`--platform`): its followers become new persons. */
  move?: PlatformMove;
}

const CHANGE_OPTIONS = [
  '--console-url', '--console-username', '--console-password-env', '--console-password-stdin', '--remove-console',
  '--app-id', '--mode', '--aes-key-env', '--new-aes-key', '--token', '--token-env', '--new-token', '--platform',
];

/**
 * The checks that need no file, run before the lock is taken (and before a password is read).
 * @throws UsageError when nothing would change, or an option is malformed
 */
export function checkEditOptions(options: EditAccountOptions): void {
  const { file: _file, yes: _yes, ...changes } = options;
  if (Object.values(changes).every((value) => value === undefined || value === false)) {
    throw new UsageError('nothing to change', `give at least one of ${CHANGE_OPTIONS.join(', ')} (see npx lianluo accounts edit --help)`);
  }
  checkSecretOptions(options);
  if (options.platform !== undefined && !PLATFORM_PATTERN.test(options.platform)) {
    throw new UsageError(`--platform ${options.platform} is not a platform name`, 'give 1-32 characters of a-z, 0-9 and -, e.g. --platform weixin');
  }
}

/**
 * Applies `options` to `entry` (not modified): the token and every field not named stay as
 * they are. Leaving plain mode without a key generates one, as `accounts add` does;
 * `password` is the one read for `--console-password-stdin`.
 * @throws UsageError naming the option that is missing or wrong; nothing is written then
 */
export function editedAccountEntry(entry: AccountEntry, options: EditAccountOptions, password?: string): AccountEdit {
  const next: AccountEntry = structuredClone(entry);
  const changes: string[] = [];
  const before = { mode: entry.mode ?? 'plain', appId: entry.appId };
  const mode = options.mode ?? before.mode;
  next.mode = mode;
  if (options.appId !== undefined) next.appId = options.appId;
  if (mode === 'plain' && (options.aesKeyEnv !== undefined || options.newAesKey)) {
    throw new UsageError('an EncodingAESKey is for compatible and safe modes', 'add --mode safe (or compatible), or leave --aes-key-env/--new-aes-key out');
  }
  if (mode !== 'plain' && next.appId === undefined) {
    throw new UsageError(`mode ${mode} needs an AppID, and account "${entry.id}" has none`, "add --app-id wx… (the AppID on the platform's developer settings page, 开发者ID)");
  }
  if (mode !== before.mode) changes.push(`mode: ${before.mode} → ${mode}`);
  if (next.appId !== before.appId) changes.push(`appId: ${before.appId ?? 'none'} → ${next.appId}`);
  if (options.aesKeyEnv !== undefined) next.encodingAESKey = `env:${options.aesKeyEnv}`;
  else if (options.newAesKey || (mode !== 'plain' && next.encodingAESKey === undefined)) next.encodingAESKey = randomAlphanumeric(43);
  if (next.encodingAESKey !== entry.encodingAESKey) changes.push(`encodingAESKey: ${secretChange(entry.encodingAESKey, next.encodingAESKey!)}`);
  const token = newToken(options);
  if (token !== undefined && token !== entry.token) {
    next.token = token;
    changes.push(`token: ${secretChange(entry.token, token)}`);
  }
  const platform = changes.length > 0;
  changes.push(...editConsole(next, options, password));
  const move = platformMove(entry, options.platform);
  if (move) {
    next.platform = move.to;
    changes.push(`platform: ${move.from} → ${move.to} (its followers become new persons there)`);
  }
  checkEntryOptions(next);
  return { entry: next, changes, platform, ...(move ? { move } : {}) };
}

function newToken(options: EditAccountOptions): string | undefined {
  if (options.tokenEnv !== undefined) return `env:${options.tokenEnv}`;
  if (options.token !== undefined) return options.token;
  return options.newToken ? randomAlphanumeric(32) : undefined;
}

/** Changes `next.console` as the options say, and returns the changes in words. */
function editConsole(next: AccountEntry, options: EditAccountOptions, password: string | undefined): string[] {
  const { consoleUrl: url, consoleUsername: username, consolePasswordEnv: passwordEnv, consolePasswordStdin: stdin, removeConsole } = options;
  const newPassword = passwordEnv !== undefined ? `env:${passwordEnv}` : stdin ? password : undefined;
  if (stdin && !password) throw new UsageError('--console-password-stdin read an empty password', "pipe the password in, e.g. printf '%s\\n' \"$PW\" | npx lianluo accounts edit …");
  const before = next.console;
  if (removeConsole) {
    if (url !== undefined || username !== undefined || newPassword !== undefined) {
      throw new UsageError('--remove-console cannot be used with the other --console-… options', 'give one or the other');
    }
    if (!before) throw new UsageError(`account "${next.id}" has no console login to remove`, 'leave --remove-console out');
    delete next.console;
    return ['console: removed (followers will not be identified)'];
  }
  if (url === undefined && username === undefined && newPassword === undefined) return [];
  if (!before && (url === undefined || username === undefined || newPassword === undefined)) {
    throw new UsageError(
      `account "${next.id}" has no console login yet: it needs --console-url, --console-username and a password`,
      'give all three; the password as --console-password-env NAME (recommended) or --console-password-stdin',
    );
  }
  const after = { url: url ?? before!.url, username: username ?? before!.username, password: newPassword ?? before!.password };
  next.console = after;
  if (!before) return [`console: added, ${after.url} as ${after.username}, password ${secretChange(undefined, after.password)}`];
  const changes: string[] = [];
  if (after.url !== before.url) changes.push(`console.url: ${before.url} → ${after.url}`);
  if (after.username !== before.username) changes.push(`console.username: ${before.username} → ${after.username}`);
  if (newPassword !== undefined) changes.push(`console.password: ${secretChange(before.password, after.password)}`);
  return changes;
}

/** Where a secret came from and comes from now, never its value: `in file → env:NAME`. */
function secretChange(before: string | undefined, after: string): string {
  const where = (value: string) => (value.startsWith('env:') ? value : 'in the file');
  if (before === undefined) return after.startsWith('env:') ? after : 'new, in the file';
  if (!after.startsWith('env:') && !before.startsWith('env:')) return 'new value, in the file';
  return `${where(before)} → ${where(after)}`;
}
