import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import pino from 'pino';
import { ConsoleLoginError } from '../../scrapers/console-errors';
import type { Account, ConsoleCredentials } from '../config/account';
import { isDemo } from '../config/demo-mode';
import { readEnvConfig } from '../config/env-config';
import { ConfigError } from '../errors';
import { loginStopAdvice } from '../identity/login-stop-advice';
import type { Cache } from '../stores/cache';
import { openStores } from '../stores/open-stores';
import { EXIT, type CliContext, type Finish } from './cli-context';
import { describeConsoleFailure, followerCount, openAccountConsole, type AccountConsoleSession } from './console-session';
import { findServedAccount, servedAccountsFile } from './served-accounts';
import { askLine } from './terminal-input';

/** Wrong captchas in a row before giving up (each costs a login attempt on the console). */
const CAPTCHA_TRIES = 3;

const HELP = `
Logs the account into its console once, as its owner: when the console asks for a captcha
(验证码), the image is saved to a temporary file (its path is printed) and you type its text.
The session is saved in the cache the bot shares (REDIS_URL) and a stop on automatic logins is
lifted, so the bot resumes identifying followers without a restart. Use it after doctor or
/readyz report a captcha stop, or after settling a ban with the platform.

Examples:
  $ REDIS_URL=redis://127.0.0.1:6379 ACCOUNTS_FILE=accounts.json npx lianluo login acme`;

/** Registers `login <account>`: the owner's console login, captcha included. */
export function registerLoginCommand(program: Command, ctx: CliContext, finish: Finish): void {
  program
    .command('login')
    .description("log into an account's console as its owner, solving a captcha if asked (登录控制台/验证码)")
    .argument('<account>', 'the account id')
    .option('--file <path>', 'the accounts file (default: $ACCOUNTS_FILE)')
    .addHelpText('after', HELP)
    .action(async (id: string, options: { file?: string }) => finish(await login(ctx, id, options)));
}

async function login(ctx: CliContext, id: string, options: { file?: string }): Promise<number> {
  const config = readEnvConfig(ctx.env);
  const account = findServedAccount(ctx, options.file, id);
  if (!account.console) {
    const fix = servedAccountsFile(ctx, options.file) === undefined
      ? 'the demo account has none: add your own account with npx lianluo accounts add (see --help)'
      : `npx lianluo accounts edit ${id} --console-url URL --console-username NAME --console-password-env NAME`;
    throw new ConfigError(`account "${id}" has no console configured`, fix);
  }
  // Only the cache is used; the documents are opened where the bot keeps them (in memory for the demo).
  const inMemoryDocuments = isDemo({ accountsFile: servedAccountsFile(ctx, options.file), sandbox: config.sandbox });
  const open = ctx.openStores ?? ((c, o) => openStores(c, pino({ level: 'silent' }), o));
  const stores = await open(config, { inMemoryDocuments });
  try {
    const code = await ownerLogin(ctx, account, account.console, stores.cache);
    if (code === EXIT.ok && !config.redisUrl) {
      ctx.stdout.write(
        '! REDIS_URL is unset: this session lives only in this process and the bot keeps its own. The console no longer asks for a captcha; a running bot resumes when its own stop lapses (30 minutes) or on restart.\n',
      );
    }
    return code;
  } finally {
    await stores.close();
  }
}

async function ownerLogin(ctx: CliContext, account: Account, credentials: ConsoleCredentials, cache: Cache): Promise<number> {
  const out = (line: string) => ctx.stdout.write(`${line}\n`);
  const session = openAccountConsole(account.id, credentials, cache, ctx.consoleTimeoutMs ?? 10_000);
  const stop = await session.vault.loginBlock();
  let needsCaptcha = stop?.failure === 'captcha' || stop?.failure === 'wrong-captcha';
  if (stop) out(`A stop on automatic logins is in force: ${loginStopAdvice(account.id, stop)}`);
  try {
    if (!needsCaptcha) {
      // The owner asked for this login: lift any stop for it; a refusal sets it again.
      if (stop) await session.vault.liftLoginStop();
      needsCaptcha = !(await attempt(() => session.client.login()));
    }
    if (needsCaptcha) await solveCaptcha(ctx, session);
    await session.vault.liftLoginStop();
    const page = await session.client.followers({ pageIdx: 0, pageSize: 1 });
    out(`✔ logged in as ${credentials.username}, ${followerCount(page)} followers. Session saved; automatic logins resume.`);
    return EXIT.ok;
  } catch (error) {
    const { detail, fix } = describeConsoleFailure(account.id, credentials.url, error);
    out(`✖ ${detail}\n    fix: ${fix}`);
    return EXIT.failed;
  }
}

/** Runs one login; resolves false when the console wants a captcha, throws any other refusal. */
async function attempt(login: () => Promise<void>): Promise<boolean> {
  try {
    await login();
    return true;
  } catch (error) {
    if (error instanceof ConsoleLoginError && (error.failure === 'captcha' || error.failure === 'wrong-captcha')) return false;
    throw error;
  }
}

/** Shows the captcha image, asks for its text, logs in with it; a new image after a wrong text. */
async function solveCaptcha(ctx: CliContext, session: AccountConsoleSession): Promise<void> {
  const ask = ctx.prompt ?? ((question: string) => askLine(ctx, question));
  const dir = await mkdtemp(path.join(ctx.tmpDir ?? tmpdir(), 'lianluo-captcha-'));
  try {
    for (let tries = 1; ; tries += 1) {
      const image = path.join(dir, `captcha-${tries}.jpg`);
      await writeFile(image, await session.client.captchaImage(), { mode: 0o600 });
      ctx.stdout.write(`The console asks for a captcha (验证码). Open this image and type its text:\n  ${image}\n`);
      const text = await ask('Captcha text (验证码): ');
      if (text === '') throw new ConsoleLoginError('captcha', -6);
      if (await attempt(() => session.client.login(text))) return;
      if (tries >= CAPTCHA_TRIES) throw new ConsoleLoginError('wrong-captcha', -32);
      ctx.stdout.write('That captcha was wrong; here is a new one.\n');
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
