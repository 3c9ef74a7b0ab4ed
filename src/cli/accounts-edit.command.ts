import { Option, type Command } from 'commander';
import { ConfigError } from '../errors';
import { accountNextSteps } from './account-next-steps';
import { editAccountsFile, readAccountEntries } from './accounts-file-editor';
import { EXIT, OperationError, type CliContext, type Finish } from './cli-context';
import { checkEditOptions, editedAccountEntry, type AccountEdit, type EditAccountOptions } from './edited-account-entry';
import { accountsFileToEdit } from './served-accounts';
import { confirmPlatformMove, platformMove, PLATFORM_HELP } from './platform-move';
import { readSecretLine } from './terminal-input';

const EDIT_EXAMPLES = `
Changes only what is named. The token stays unless --token, --token-env or --new-token asks for
a new one (which must then be entered on the platform too). Secrets never come from the command
line, except a token you choose. 只修改指定的项；令牌保持不变，除非明确要求更换。

Examples:
  $ npx lianluo accounts edit acme --console-password-env ACME_PW     # the console password changed
  $ printf '%s\\n' "$PW" | npx lianluo accounts edit acme --console-password-stdin
  $ npx lianluo accounts edit acme --console-url https://console.example --console-username owner@acme \\
      --console-password-env ACME_PW
  $ npx lianluo accounts edit acme --mode safe --app-id wx0123456789abcdef --aes-key-env ACME_AES_KEY
  $ npx lianluo accounts edit acme --new-token
  $ npx lianluo accounts edit acme --platform weixin --yes     # its followers become new persons there`;

/** Registers `accounts edit <id>` under `accounts`: changes one entry in place, keeping its token. */
export function registerAccountsEditCommand(accounts: Command, ctx: CliContext, finish: Finish, fileOption: () => Option): void {
  accounts
    .command('edit')
    .description('change an account (修改账号): console login, AppID, mode and key, platform; keeps the token unless asked')
    .argument('<id>', 'the account id')
    .option('--console-url <url>', "the admin console's base URL")
    .option('--console-username <name>', 'the console login name')
    .addOption(new Option('--console-password-env <NAME>', 'store the console password as env:NAME (recommended)').conflicts('consolePasswordStdin'))
    .option('--console-password-stdin', 'read the console password from stdin and store it in the file')
    .option('--remove-console', 'remove the console login (followers are then not identified)')
    .option('--app-id <wx_id>', 'the AppID, wx + 16 hex')
    .addOption(new Option('--mode <mode>', 'message encryption (消息加解密方式)').choices(['plain', 'compatible', 'safe']))
    .addOption(new Option('--aes-key-env <NAME>', 'store the EncodingAESKey as env:NAME (leaving plain mode without one: 43 generated)').conflicts('newAesKey'))
    .option('--new-aes-key', 'generate a new EncodingAESKey (stored in the file)')
    .addOption(new Option('--token <token>', 'a new token, 3-32 letters and digits').conflicts(['tokenEnv', 'newToken']))
    .addOption(new Option('--token-env <NAME>', 'store the token as env:NAME instead').conflicts('newToken'))
    .option('--new-token', 'generate a new token (32 letters and digits)')
    .option('--platform <name>', PLATFORM_HELP)
    .option('--yes', 'confirm moving an account to another platform (its followers become new persons there)')
    .addOption(fileOption())
    .addHelpText('after', EDIT_EXAMPLES)
    .action(async (id: string, options: EditAccountOptions) => finish(await editAccount(ctx, id, options)));
}

async function editAccount(ctx: CliContext, id: string, options: EditAccountOptions): Promise<number> {
  checkEditOptions(options);
  const file = accountsFileToEdit(ctx, options.file);
  const before = await readAccountEntries(file);
  if (before === null) {
    throw new ConfigError(`${file} does not exist`, 'check --file or ACCOUNTS_FILE (an account is created with npx lianluo accounts add)');
  }
  const noSuchAccount = () => new OperationError(`no account "${id}" in ${file}`, 'see the ids with: npx lianluo accounts list');
  const current = before.find((e) => e.id === id);
  if (!current) throw noSuchAccount();
  // Asked and read before taking the lock: nobody should hold it while a person types.
  const move = platformMove(current, options.platform);
  if (move) await confirmPlatformMove(ctx, id, move, options.yes);
  const password = options.consolePasswordStdin ? await readSecretLine(ctx, 'Console password (not shown): ') : undefined;
  let edit: AccountEdit | undefined;
  await editAccountsFile(file, (entries) => {
    const index = entries.findIndex((e) => e.id === id);
    if (index < 0) throw noSuchAccount();
    edit = editedAccountEntry(entries[index]!, options, password);
    if (edit.move && (edit.move.from !== move?.from || edit.move.to !== move.to)) {
      // Another edit changed the platform while the owner was being asked: what they confirmed is not what would happen.
      throw new OperationError(`the platform of account "${id}" changed in ${file} meanwhile; nothing was written`, 'run the command again');
    }
    return entries.map((e, i) => (i === index ? edit!.entry : e));
  });
  const out = (line: string) => ctx.stdout.write(`${line}\n`);
  const { entry, changes, platform } = edit!;
  if (changes.length === 0) {
    out(`Account ${id} in ${file} already has these settings: nothing changed.`);
    return EXIT.ok;
  }
  out(`Edited account ${id} in ${file} (the token ${changes.some((c) => c.startsWith('token:')) ? 'changed' : 'is kept'}):`);
  for (const change of changes) out(`  ${change}`);
  if (platform) out('Enter the new settings on the platform and restart the bot together: until both agree, its pushes are refused.');
  out('Next:');
  for (const step of accountNextSteps(ctx, file, entry, { platform, restart: true })) out(step);
  return EXIT.ok;
}
