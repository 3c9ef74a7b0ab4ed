import { Option, type Command } from 'commander';
import type { AccountEntry } from '../config/accounts-file';
import { ConfigError } from '../errors';
import { accountNextSteps } from './account-next-steps';
import { registerAccountsEditCommand } from './accounts-edit.command';
import { editAccountsFile, readAccountEntries } from './accounts-file-editor';
import { EXIT, OperationError, type CliContext, type Finish } from './cli-context';
import { newAccountEntry, type AddAccountOptions } from './new-account-entry';
import { describeSecretSource, secretSource, type SecretSource } from './secrets';
import { accountsFileToEdit, servedAccountsFile } from './served-accounts';
import { PLATFORM_HELP } from './platform-move';
import { readSecretLine } from './terminal-input';

const ADD_EXAMPLES = `
Secrets never come from the command line (it shows in \`ps\` and shell history), except a token
you choose. Write them as env:NAME (read from the environment when the bot starts), or let the
command generate them. 密钥不经命令行传入：用 env:NAME 或自动生成。

Examples:
  $ npx lianluo accounts add acme --original-id gh_0123456789ab
  $ npx lianluo accounts add club --original-id gh_aaaaaaaaaaaa --platform weixin
  $ npx lianluo accounts add acme --original-id gh_0123456789ab --mode safe --app-id wx0123456789abcdef \\
      --console-url https://console.example --console-username owner@acme --console-password-env ACME_PW
  $ printf '%s\\n' "$PW" | npx lianluo accounts add acme --original-id gh_0123456789ab \\
      --console-url https://console.example --console-username owner@acme --console-password-stdin`;

/** Registers `accounts add|edit|list|remove`: edits of the accounts file that never print a secret. */
export function registerAccountsCommand(program: Command, ctx: CliContext, finish: Finish): void {
  const accounts = program
    .command('accounts')
    .description('add, edit, list or remove the accounts this deployment serves (账号管理); edits ACCOUNTS_FILE safely')
    .addHelpText('after', '\nThe file is --file, else $ACCOUNTS_FILE, else ./accounts.json.');
  const fileOption = () => new Option('--file <path>', 'the accounts file (default: $ACCOUNTS_FILE, else ./accounts.json)');

  accounts
    .command('add')
    .description('add an account (添加账号); creates the file if needed, written with mode 0600')
    .argument('<id>', 'our name for the account, a-z 0-9 - (the last part of its webhook URL)')
    .requiredOption('--original-id <gh_id>', "required: the account's original id, gh_ + 12 hex (原始ID, on the platform's account page)")
    .addOption(new Option('--token <token>', 'the token to use, 3-32 letters and digits (default: 32 generated)').conflicts('tokenEnv'))
    .option('--token-env <NAME>', 'store the token as env:NAME instead')
    .addOption(new Option('--mode <mode>', 'message encryption (消息加解密方式)').choices(['plain', 'compatible', 'safe']).default('plain'))
    .option('--aes-key-env <NAME>', 'store the EncodingAESKey as env:NAME (default outside plain mode: 43 generated)')
    .option('--app-id <wx_id>', 'the AppID, wx + 16 hex (needed in compatible and safe modes)')
    .option('--console-url <url>', "the admin console's base URL (for identity resolution)")
    .option('--console-username <name>', 'the console login name')
    .addOption(new Option('--console-password-env <NAME>', 'store the console password as env:NAME (recommended)').conflicts('consolePasswordStdin'))
    .option('--console-password-stdin', 'read the console password from stdin and store it in the file')
    .option('--platform <name>', PLATFORM_HELP)
    .addOption(fileOption())
    .addHelpText('after', ADD_EXAMPLES)
    .action(async (id: string, options: AddAccountOptions) => finish(await addAccount(ctx, id, options)));

  registerAccountsEditCommand(accounts, ctx, finish, fileOption);

  accounts
    .command('list')
    .description('list the accounts (列出账号); secrets show only where they come from, never their values')
    .option('--json', 'print JSON')
    .addOption(fileOption())
    .action(async (options: { json?: boolean; file?: string }) => finish(await listAccounts(ctx, options)));

  accounts
    .command('remove')
    .description('remove an account (删除账号)')
    .argument('<id>', 'the account id')
    .addOption(fileOption())
    .action(async (id: string, options: { file?: string }) => finish(await removeAccount(ctx, id, options)));
}

async function addAccount(ctx: CliContext, id: string, options: AddAccountOptions): Promise<number> {
  const file = accountsFileToEdit(ctx, options.file);
  // Read before taking the lock: nobody should hold it while a person types.
  const entry = await newAccountEntry(id, options, () => readSecretLine(ctx, 'Console password (not shown): '));
  await editAccountsFile(file, (entries) => {
    if (entries.some((e) => e.id === id)) {
      throw new OperationError(`account "${id}" already exists in ${file}`, `choose another id, or change that account with npx lianluo accounts edit ${id} (it keeps its token)`);
    }
    return [...entries, entry];
  });
  const out = (line: string) => ctx.stdout.write(`${line}\n`);
  const platform = entry.platform === undefined ? '' : `, platform ${entry.platform}`;
  out(`Added account ${id} (${entry.originalId}, mode ${entry.mode ?? 'plain'}${platform}) to ${file}.`);
  out('Next:');
  for (const step of accountNextSteps(ctx, file, entry, { platform: true, restart: true })) out(step);
  return EXIT.ok;
}

/** The summary of one entry that `accounts list` shows: no secret values. */
interface ListedAccount {
  id: string;
  originalId: string;
  mode: string;
  token: SecretSource;
  encodingAESKey?: SecretSource;
  appId?: string;
  platform?: string;
  console?: { url: string; username: string; password: SecretSource };
}

async function listAccounts(ctx: CliContext, options: { json?: boolean; file?: string }): Promise<number> {
  const file = accountsFileToEdit(ctx, options.file);
  const entries = await readAccountEntries(file);
  if (entries === null) {
    if (options.file !== undefined || servedAccountsFile(ctx, undefined) !== undefined) {
      throw new ConfigError(`${file} does not exist`, 'create it with npx lianluo accounts add, or fix ACCOUNTS_FILE/--file');
    }
    ctx.stdout.write(options.json ? '[]\n' : `No accounts file at ${file}: the bot serves the demo account. Add one with npx lianluo accounts add.\n`);
    return EXIT.ok;
  }
  const listed = entries.map((e) => summarise(e, ctx.env));
  if (options.json) {
    ctx.stdout.write(`${JSON.stringify(listed, null, 2)}\n`);
    return EXIT.ok;
  }
  const out = (line: string) => ctx.stdout.write(`${line}\n`);
  out(`${listed.length} account${listed.length === 1 ? '' : 's'} in ${file}:`);
  for (const a of listed) {
    out(`${a.id}  ${a.originalId}  ${a.mode}`);
    out(`  token           ${describeSecretSource(a.token)}`);
    if (a.encodingAESKey) out(`  encodingAESKey  ${describeSecretSource(a.encodingAESKey)}`);
    if (a.appId) out(`  appId           ${a.appId}`);
    if (a.platform) out(`  platform        ${a.platform}`);
    out(a.console ? `  console         ${a.console.url} as ${a.console.username}, password ${describeSecretSource(a.console.password)}` : '  console         not configured (followers are not identified)');
  }
  if (servedAccountsFile(ctx, undefined) !== file) out(`Note: the bot reads ACCOUNTS_FILE, which is not ${file}: export ACCOUNTS_FILE=${file}`);
  return EXIT.ok;
}

async function removeAccount(ctx: CliContext, id: string, options: { file?: string }): Promise<number> {
  const file = accountsFileToEdit(ctx, options.file);
  if ((await readAccountEntries(file)) === null) throw new ConfigError(`${file} does not exist`, 'check --file or ACCOUNTS_FILE');
  await editAccountsFile(file, (entries) => {
    if (!entries.some((e) => e.id === id)) {
      throw new OperationError(`no account "${id}" in ${file}`, 'see the ids with: npx lianluo accounts list');
    }
    if (entries.length === 1) {
      throw new OperationError(
        `${id} is the only account in ${file}, and the file must list at least one`,
        `to serve none of your own, delete ${file} and unset ACCOUNTS_FILE (the bot then serves the demo account)`,
      );
    }
    return entries.filter((e) => e.id !== id);
  });
  ctx.stdout.write(`Removed account ${id} from ${file}. Restart the bot to stop serving it.\n`);
  return EXIT.ok;
}

function summarise(entry: AccountEntry, env: NodeJS.ProcessEnv): ListedAccount {
  const listed: ListedAccount = { id: entry.id, originalId: entry.originalId, mode: entry.mode ?? 'plain', token: secretSource(entry.token, env) };
  if (entry.encodingAESKey !== undefined) listed.encodingAESKey = secretSource(entry.encodingAESKey, env);
  if (entry.appId !== undefined) listed.appId = entry.appId;
  if (entry.platform !== undefined) listed.platform = entry.platform;
  if (entry.console) {
    listed.console = { url: entry.console.url, username: entry.console.username, password: secretSource(entry.console.password, env) };
  }
  return listed;
}
