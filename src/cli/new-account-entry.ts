import { accountSchema, type AccountEntry } from '../config/accounts-file';
import { UsageError } from './cli-context';
import { ENV_NAME, randomAlphanumeric } from './secrets';

/** The options of `accounts add`, as commander parses them. */
export interface AddAccountOptions {
  originalId: string;
  token?: string;
  tokenEnv?: string;
  mode: 'plain' | 'compatible' | 'safe';
  aesKeyEnv?: string;
  appId?: string;
  consoleUrl?: string;
  consoleUsername?: string;
  consolePasswordEnv?: string;
  consolePasswordStdin?: boolean;
  platform?: string;
  file?: string;
}

/** Which option sets each field, to name it in a message. */
const OPTION_OF: Record<string, string> = {
  id: '<id>',
  originalId: '--original-id',
  token: '--token',
  appId: '--app-id',
  encodingAESKey: '--aes-key-env',
  mode: '--mode',
  url: '--console-url',
  username: '--console-username',
  password: '--console-password-env',
  platform: '--platform',
};

/**
 * Builds the entry `accounts add` writes: a token and (outside plain mode) an EncodingAESKey
 * are generated when none is named, secrets from the environment are written `env:NAME`.
 * `readPassword` is called only for `--console-password-stdin`.
 * @throws UsageError naming the option that is wrong or missing, before anything is written
 */
export async function newAccountEntry(
  id: string,
  options: AddAccountOptions,
  readPassword: () => Promise<string>,
): Promise<AccountEntry> {
  checkSecretOptions(options);
  if (options.mode === 'plain' && options.aesKeyEnv !== undefined) {
    throw new UsageError('--aes-key-env is for compatible and safe modes', 'add --mode safe (or compatible), or leave --aes-key-env out');
  }
  if (options.mode !== 'plain' && options.appId === undefined) {
    throw new UsageError(`--mode ${options.mode} needs --app-id`, "add --app-id wx… (the AppID on the platform's developer settings page, 开发者ID)");
  }
  const entry: AccountEntry = {
    id,
    originalId: options.originalId,
    token: options.tokenEnv !== undefined ? `env:${options.tokenEnv}` : (options.token ?? randomAlphanumeric(32)),
    mode: options.mode,
  };
  if (options.mode !== 'plain') {
    entry.encodingAESKey = options.aesKeyEnv !== undefined ? `env:${options.aesKeyEnv}` : randomAlphanumeric(43);
  }
  if (options.appId !== undefined) entry.appId = options.appId;
  if (options.platform !== undefined) entry.platform = options.platform;
  const console = await consoleOf(options, readPassword);
  if (console) entry.console = console;
  checkEntryOptions(entry);
  return entry;
}

/**
 * The checks of secret options shared by `accounts add` and `accounts edit`: variable names
 * and the form of a token given on the command line.
 * @throws UsageError naming the option
 */
export function checkSecretOptions(options: { tokenEnv?: string; aesKeyEnv?: string; consolePasswordEnv?: string; token?: string }): void {
  for (const [flag, name] of [['--token-env', options.tokenEnv], ['--aes-key-env', options.aesKeyEnv], ['--console-password-env', options.consolePasswordEnv]] as const) {
    if (name !== undefined && !ENV_NAME.test(name)) {
      throw new UsageError(`${flag} ${name} is not an environment variable name`, `give a name like ACME_SECRET (letters, digits, _)`);
    }
  }
  if (options.token !== undefined && !/^[A-Za-z0-9]{3,32}$/.test(options.token)) {
    throw new UsageError('--token must be 3-32 letters and digits (the platform accepts no other)', 'leave --token out to have one generated');
  }
}

/**
 * Validates an entry built from options with the bot's own schema.
 * @throws UsageError naming the option that set the wrong field, before anything is written
 */
export function checkEntryOptions(entry: AccountEntry): void {
  const parsed = accountSchema.safeParse(entry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[issue.path.length - 1] ?? 'id');
    throw new UsageError(`${OPTION_OF[field] ?? field} ${issue.message}`, 'correct it and run the command again; nothing was written');
  }
}

async function consoleOf(options: AddAccountOptions, readPassword: () => Promise<string>): Promise<AccountEntry['console']> {
  const { consoleUrl: url, consoleUsername: username, consolePasswordEnv: passwordEnv, consolePasswordStdin: stdin } = options;
  if (url === undefined && username === undefined && passwordEnv === undefined && stdin !== true) return undefined;
  if (url === undefined || username === undefined || (passwordEnv === undefined && stdin !== true)) {
    throw new UsageError(
      'console login needs --console-url, --console-username and a password',
      'give all three; the password as --console-password-env NAME (recommended) or --console-password-stdin',
    );
  }
  if (passwordEnv !== undefined) return { url, username, password: `env:${passwordEnv}` };
  const password = await readPassword();
  if (password === '') throw new UsageError('--console-password-stdin read an empty password', "pipe the password in, e.g. printf '%s\\n' \"$PW\" | npx lianluo accounts add …");
  return { url, username, password };
}
