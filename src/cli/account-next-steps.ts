import type { AccountEntry } from '../config/accounts-file';
import type { CliContext } from './cli-context';
import { secretSource } from './secrets';
import { servedAccountsFile } from './served-accounts';

/** What the edit changed that decides which steps follow. */
export interface NextStepsFor {
  /** The URL, token, mode, EncodingAESKey or AppID to enter on the platform changed (or are new). */
  platform: boolean;
  /** What changed only counts once the bot restarts (it reads the file at start). */
  restart: boolean;
}

/**
 * The "Next:" lines printed after `accounts add` and `accounts edit`, in an order that works when
 * followed top to bottom: first every `export` the later commands read (ACCOUNTS_FILE, then this
 * account's unset `env:` secrets, which `url` resolves), then `url`, the restart and `doctor`.
 */
export function accountNextSteps(ctx: CliContext, file: string, entry: AccountEntry, what: NextStepsFor): string[] {
  const steps: string[] = [];
  if (servedAccountsFile(ctx, undefined) !== file) steps.push(`export ACCOUNTS_FILE=${file}   # the bot and these commands read only ACCOUNTS_FILE`);
  for (const value of [entry.token, entry.encodingAESKey, entry.console?.password]) {
    if (value === undefined) continue;
    const source = secretSource(value, ctx.env);
    if (source.from === 'env' && !source.set) steps.push(`export ${source.name}=…   # the bot and url need it`);
  }
  if (what.platform) {
    steps.push(`npx lianluo url ${entry.id} --public-url https://<your bot's address>   # the URL, token and key to enter on the platform (服务器配置)`);
  }
  if (what.restart) steps.push('# restart the bot (npm start): it reads the accounts file only when it starts');
  steps.push('npx lianluo doctor   # checks the configuration, the stores and the console login');
  return steps.map((step) => `  ${step}`);
}
