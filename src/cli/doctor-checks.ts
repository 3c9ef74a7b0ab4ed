import { statSync } from 'node:fs';
import type { Account, ConsoleCredentials } from '../config/account';
import { DEMO_ACCOUNT, readAccountsFile, type AccountEntry } from '../config/accounts-file';
import { isDemo } from '../config/demo-mode';
import { readEnvConfig, type EnvConfig } from '../config/env-config';
import { resolveAccount } from '../config/resolve-account';
import { loginStopAdvice } from '../identity/login-stop-advice';
import type { Cache } from '../stores/cache';
import type { CliContext } from './cli-context';
import { describeConsoleFailure, followerCount, loginFailureText, openAccountConsole } from './console-session';
import { failedCheck, skippedCheck, type DoctorCheck } from './doctor-check';
import { documentsPlace, withProbedStores } from './doctor-store-checks';
import { withoutCredentials } from './secrets';
import { servedAccountsFile } from './served-accounts';

/**
 * Runs every check in order: environment, public URL, accounts file and each account's
 * secrets, stores (a real write, read and delete in each, in the stores the running
 * configuration would use), then each account's console. A check that depends on a failed one
 * is reported as skipped (a warning), so one fix at a time shows what is left.
 */
export async function runDoctorChecks(ctx: CliContext, options: { file?: string }): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  let config: EnvConfig | undefined;
  let demo = false;
  try {
    config = readEnvConfig(ctx.env);
    demo = isDemo({ accountsFile: servedAccountsFile(ctx, options.file), sandbox: config.sandbox });
    checks.push({ name: 'environment', verdict: 'ok', detail: describeConfig(config, demo) });
    if (config.publicUrl === undefined) {
      checks.push({
        name: 'public URL',
        verdict: 'warn',
        detail: `PUBLIC_URL unset: webhook URLs are http://localhost:${config.port}/webhooks/<id>, which the platform cannot reach`,
        fix: 'set PUBLIC_URL to the https address the platform reaches this server at',
      });
    }
  } catch (error) {
    checks.push(failedCheck('environment', error));
  }

  const accounts = checkAccounts(ctx, options.file, checks);
  if (!config) {
    checks.push(skippedCheck('stores', 'a valid environment'));
    return checks;
  }
  await withProbedStores(ctx, config, demo, checks, async (cache) => {
    checks.push(...(await consoleChecks(accounts, cache, ctx)));
  });
  return checks;
}

/**
 * The accounts file, then each account's own secrets: an unset variable fails that account's
 * check (the bot refuses to start with it), and the other accounts are still checked.
 */
function checkAccounts(ctx: CliContext, option: string | undefined, checks: DoctorCheck[]): Account[] {
  const file = servedAccountsFile(ctx, option);
  if (file === undefined) {
    checks.push({
      name: 'accounts',
      verdict: 'warn',
      detail: 'ACCOUNTS_FILE unset: only the demo account is served (token "demo")',
      fix: 'npx lianluo accounts add <id> --original-id gh_…, then export ACCOUNTS_FILE=<that file>',
    });
    return [DEMO_ACCOUNT];
  }
  let entries: AccountEntry[];
  try {
    entries = readAccountsFile(file);
  } catch (error) {
    checks.push(failedCheck('accounts', error));
    return [];
  }
  const list = entries.map((a) => `${a.id} (${a.mode ?? 'plain'}${a.console ? ', console' : ''})`).join(', ');
  checks.push({ name: 'accounts', verdict: 'ok', detail: `${file}: ${list}` });
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    checks.push({ name: 'accounts file mode', verdict: 'warn', detail: `${file} is readable by other users (mode ${mode.toString(8)})`, fix: `chmod 600 ${file}` });
  }
  const accounts: Account[] = [];
  for (const entry of entries) {
    try {
      accounts.push(resolveAccount(entry, ctx.env));
    } catch (error) {
      const check = failedCheck(`account ${entry.id}`, error);
      checks.push({ ...check, detail: `${check.detail}: the bot refuses to start without it` });
    }
  }
  return accounts;
}

/** A check per account of the file, in order; console logins need the cache (null: it failed). */
async function consoleChecks(accounts: readonly Account[], cache: Cache | null, ctx: CliContext): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  for (const account of accounts) {
    const name = `console ${account.id}`;
    if (account === DEMO_ACCOUNT) continue;
    if (!account.console) {
      const fix = `npx lianluo accounts edit ${account.id} --console-url URL --console-username NAME --console-password-env NAME`;
      checks.push({ name, verdict: 'warn', detail: 'not configured: followers are not identified (identity resolution off)', fix });
    } else {
      checks.push(cache ? await checkConsole(account.id, account.console, cache, ctx.consoleTimeoutMs ?? 10_000) : skippedCheck(name, 'the cache'));
    }
  }
  return checks;
}

/**
 * One account's console, through the bot's own client and shared vault: a stop in force is
 * reported without logging in; else one follower-list read, on the saved session if there is
 * one, else after one login.
 */
async function checkConsole(accountId: string, credentials: ConsoleCredentials, cache: Cache, timeoutMs: number): Promise<DoctorCheck> {
  const name = `console ${accountId}`;
  const session = openAccountConsole(accountId, credentials, cache, timeoutMs);
  const stop = await session.vault.loginBlock();
  if (stop) {
    return { name, verdict: 'fail', detail: loginStopAdvice(accountId, stop), fix: loginFailureText(accountId, stop.failure, stop.errCode).fix };
  }
  try {
    const page = await session.client.followers({ pageIdx: 0, pageSize: 1 });
    const how = session.logins() > 0 ? 'new login' : 'saved session';
    return { name, verdict: 'ok', detail: `logged in as ${credentials.username} (${how}), ${followerCount(page)} followers` };
  } catch (error) {
    return { name, verdict: 'fail', ...describeConsoleFailure(accountId, credentials.url, error) };
  }
}

function describeConfig(config: EnvConfig, demo: boolean): string {
  const cache = config.redisUrl ? `cache redis (${withoutCredentials(config.redisUrl)})` : 'cache embedded';
  const documents = `documents ${config.mongodbUri ? `mongodb (${withoutCredentials(config.mongodbUri)})` : documentsPlace(config, demo)}`;
  return `PORT ${config.port}, PUBLIC_URL ${config.publicUrl ?? 'unset'}, ${cache}, ${documents}, reply budget ${config.replyBudgetMs} ms`;
}
