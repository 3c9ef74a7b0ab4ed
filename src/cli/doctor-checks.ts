import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import pino from 'pino';
import type { Account, ConsoleCredentials } from '../config/account';
import { DEMO_ACCOUNT } from '../config/accounts-file';
import { readEnvConfig, type EnvConfig } from '../config/env-config';
import { loginStopAdvice } from '../identity/login-stop-advice';
import { ConfigError, describeError } from '../errors';
import type { Cache } from '../stores/cache';
import { openStores, type Stores } from '../stores/open-stores';
import type { CliContext } from './cli-context';
import { describeConsoleFailure, followerCount, loginFailureText, openAccountConsole } from './console-session';
import { DoctorProbeModel } from './doctor-probe.model';
import { withoutCredentials } from './secrets';
import { loadServedAccounts, servedAccountsFile } from './served-accounts';

/** ✔ ok, ! warn (works, but look), ✖ fail (does not work; exit code 1). */
export type Verdict = 'ok' | 'warn' | 'fail';

/** One line of the doctor's report. Never holds a secret. */
export interface DoctorCheck {
  name: string;
  verdict: Verdict;
  detail: string;
  fix?: string;
}

/** A store step that does not answer in this time fails the check rather than hanging it. */
const STORE_TIMEOUT_MS = 5_000;

/**
 * Runs every check in order: environment, public URL, accounts file, stores (a real write,
 * read and delete in each), then each account's console. A check that depends on a failed one
 * is reported as skipped (a warning), so one fix at a time shows what is left.
 */
export async function runDoctorChecks(ctx: CliContext, options: { file?: string }): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  let config: EnvConfig | undefined;
  try {
    config = readEnvConfig(ctx.env);
    checks.push({ name: 'environment', verdict: 'ok', detail: describeConfig(config) });
    if (config.publicUrl === undefined) {
      checks.push({
        name: 'public URL',
        verdict: 'warn',
        detail: `PUBLIC_URL unset: webhook URLs are http://localhost:${config.port}/webhooks/<id>, which the platform cannot reach`,
        fix: 'set PUBLIC_URL to the https address the platform reaches this server at',
      });
    }
  } catch (error) {
    checks.push(failure('environment', error));
  }

  const accounts = checkAccounts(ctx, options.file, checks);
  if (!config) {
    checks.push(skipped('stores', 'a valid environment'));
    return checks;
  }
  let stores: Stores;
  try {
    stores = await withTimeout((ctx.openStores ?? defaultOpenStores)(config), STORE_TIMEOUT_MS * 3, 'opening the stores');
  } catch (error) {
    checks.push({ name: 'stores', verdict: 'fail', detail: `cannot open: ${describeError(error)}`, fix: 'check REDIS_URL and MONGODB_URI, and that those servers run' });
    checks.push(...(await consoleChecks(accounts, null, ctx)));
    return checks;
  }
  try {
    const cacheOk = await checkCache(stores, config, checks);
    await checkDocuments(stores, config, checks);
    checks.push(...(await consoleChecks(accounts, cacheOk ? stores.cache : null, ctx)));
  } finally {
    await stores.close();
  }
  return checks;
}

function checkAccounts(ctx: CliContext, option: string | undefined, checks: DoctorCheck[]): Account[] {
  const file = servedAccountsFile(ctx, option);
  try {
    const accounts = loadServedAccounts(ctx, option);
    if (file === undefined) {
      checks.push({
        name: 'accounts',
        verdict: 'warn',
        detail: 'ACCOUNTS_FILE unset: only the demo account is served (token "demo")',
        fix: 'npx lianluo accounts add <id> --original-id gh_…, then export ACCOUNTS_FILE=<that file>',
      });
      return accounts;
    }
    const list = accounts.map((a) => `${a.id} (${a.mode}${a.console ? ', console' : ''})`).join(', ');
    checks.push({ name: 'accounts', verdict: 'ok', detail: `${file}: ${list}` });
    const mode = statSync(file).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      checks.push({ name: 'accounts file mode', verdict: 'warn', detail: `${file} is readable by other users (mode ${mode.toString(8)})`, fix: `chmod 600 ${file}` });
    }
    return accounts;
  } catch (error) {
    checks.push(failure('accounts', error));
    return [];
  }
}

async function checkCache(stores: Stores, config: EnvConfig, checks: DoctorCheck[]): Promise<boolean> {
  const where = config.redisUrl ? `redis at ${withoutCredentials(config.redisUrl)}` : 'embedded (in-process)';
  const key = `doctor:probe:${randomBytes(6).toString('hex')}`;
  try {
    await withTimeout(stores.cache.set(key, 'ok', 60_000), STORE_TIMEOUT_MS, 'cache write');
    const read = await withTimeout(stores.cache.get(key), STORE_TIMEOUT_MS, 'cache read');
    await withTimeout(stores.cache.delete(key), STORE_TIMEOUT_MS, 'cache delete');
    if (read !== 'ok') throw new Error('a value written could not be read back');
    const note = config.redisUrl ? '' : '; shared with no other process, so the console checks below use their own session, not the bot\'s';
    checks.push({ name: 'cache', verdict: 'ok', detail: `${where}: write, read and delete work${note}` });
    return true;
  } catch (error) {
    checks.push({ name: 'cache', verdict: 'fail', detail: `${where}: ${describeError(error)}`, fix: 'check REDIS_URL and that Redis runs (or unset it for the embedded cache)' });
    return false;
  }
}

async function checkDocuments(stores: Stores, config: EnvConfig, checks: DoctorCheck[]): Promise<void> {
  const where = config.mongodbUri ? `mongodb at ${withoutCredentials(config.mongodbUri)}` : `embedded (${config.dataDir})`;
  try {
    const probes = stores.documents.collection(DoctorProbeModel);
    const probe = randomBytes(6).toString('hex');
    await withTimeout(probes.insertOne({ probe, at: new Date() }), STORE_TIMEOUT_MS, 'document write');
    const found = await withTimeout(probes.findOne({ probe }), STORE_TIMEOUT_MS, 'document read');
    await withTimeout(probes.deleteOne({ probe }), STORE_TIMEOUT_MS, 'document delete');
    if (found?.probe !== probe) throw new Error('a document written could not be read back');
    checks.push({ name: 'document store', verdict: 'ok', detail: `${where}: write, read and delete work` });
  } catch (error) {
    const fix = config.mongodbUri ? 'check MONGODB_URI and that MongoDB runs' : `make DATA_DIR (${config.dataDir}) a writable folder`;
    checks.push({ name: 'document store', verdict: 'fail', detail: `${where}: ${describeError(error)}`, fix });
  }
}

/** A check per account of the file, in order; console logins need the cache (null: it failed). */
async function consoleChecks(accounts: readonly Account[], cache: Cache | null, ctx: CliContext): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  for (const account of accounts) {
    const name = `console ${account.id}`;
    if (account === DEMO_ACCOUNT) continue;
    if (!account.console) {
      const fix = 'add console url, username and password to the account (see README, "Accounts")';
      checks.push({ name, verdict: 'warn', detail: 'not configured: followers are not identified (identity resolution off)', fix });
    } else {
      checks.push(cache ? await checkConsole(account.id, account.console, cache, ctx.consoleTimeoutMs ?? 10_000) : skipped(name, 'the cache'));
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

function describeConfig(config: EnvConfig): string {
  const cache = config.redisUrl ? `cache redis (${withoutCredentials(config.redisUrl)})` : 'cache embedded';
  const documents = config.mongodbUri ? `documents mongodb (${withoutCredentials(config.mongodbUri)})` : `documents embedded (${config.dataDir})`;
  return `PORT ${config.port}, PUBLIC_URL ${config.publicUrl ?? 'unset'}, ${cache}, ${documents}, reply budget ${config.replyBudgetMs} ms`;
}

function failure(name: string, error: unknown): DoctorCheck {
  if (error instanceof ConfigError) return { name, verdict: 'fail', detail: error.message, fix: error.fix };
  return { name, verdict: 'fail', detail: describeError(error), fix: 'see the message' };
}

function skipped(name: string, needs: string): DoctorCheck {
  return { name, verdict: 'warn', detail: `skipped: needs ${needs}`, fix: 'fix the failure above first' };
}

function defaultOpenStores(config: EnvConfig): Promise<Stores> {
  return openStores(config, pino({ level: 'silent' }));
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
