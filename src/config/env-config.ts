import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors';

/** The deployment's configuration, read once from the environment at start-up. */
export interface EnvConfig {
  port: number;
  /** The base URL the platform reaches this server at (webhook URLs are printed with it); unset: http://localhost:<port>. */
  publicUrl?: string;
  redisUrl?: string;
  mongodbUri?: string;
  dataDir: string;
  accountsFile?: string;
  /** Unset: `info` for the bot, `warn` for the demo (whose terminal shows the banner instead). */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  replyBudgetMs: number;
  /** Console profiles older than this many days are fetched again on the person's next push, in the background. */
  profileRefreshDays: number;
  /** Run the sandbox platform beside the bot: unset = only for the demo (no ACCOUNTS_FILE). */
  sandbox?: boolean;
  sandboxPort: number;
  sandboxHost: string;
  /**
   * The server secret that signs card, export and page links (`SECRET_KEY`, at least 32
   * characters); unset: one is generated once and kept in the document store (server-secret.ts).
   */
  secretKey?: string;
}

/** `PROFILE_REFRESH_DAYS` when unset: console profiles a week old are fetched again. */
export const DEFAULT_PROFILE_REFRESH_DAYS = 7;

const optional = z.string().trim().min(1).optional().catch(undefined);
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://').optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  ACCOUNTS_FILE: optional,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  // Under the platform's 5 s, with room for the network.
  REPLY_BUDGET_MS: z.coerce.number().int().min(100).max(4900).default(4500),
  PROFILE_REFRESH_DAYS: z.coerce.number().int().min(1).max(365).default(DEFAULT_PROFILE_REFRESH_DAYS),
  SANDBOX: z.enum(['1', 'true', 'yes', '0', 'false', 'no']).optional(),
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  // Never echoed: zod's messages name the length, not the value.
  SECRET_KEY: z.string().trim().min(32, 'must be at least 32 characters').optional(),
});

const FIXES: Record<string, string> = {
  PORT: 'set PORT to a port number such as 3000',
  PUBLIC_URL: 'set PUBLIC_URL to the http(s) address the platform reaches this server at, e.g. https://bot.example.com',
  REDIS_URL: 'set REDIS_URL like redis://127.0.0.1:6379, or unset it to use the embedded cache',
  MONGODB_URI: 'set MONGODB_URI like mongodb://127.0.0.1:27017/lianluo, or unset it to use the embedded store',
  DATA_DIR: 'set DATA_DIR to a writable folder, or unset it for ./data',
  LOG_LEVEL: 'use one of fatal, error, warn, info, debug, trace, silent',
  REPLY_BUDGET_MS: 'use a number of milliseconds from 100 to 4900 (the platform waits 5000)',
  PROFILE_REFRESH_DAYS: `use a whole number of days from 1 to 365, or unset it for ${DEFAULT_PROFILE_REFRESH_DAYS}`,
  SANDBOX: 'set SANDBOX=1 to run the sandbox platform beside the bot, SANDBOX=0 to keep it off, or unset it',
  SANDBOX_PORT: 'set SANDBOX_PORT to a port number such as 4010 (0 picks a free one)',
  SANDBOX_HOST: 'set SANDBOX_HOST to the address the sandbox listens on, e.g. 127.0.0.1 or 0.0.0.0',
  SECRET_KEY: 'set SECRET_KEY to at least 32 random characters (e.g. the output of `openssl rand -base64 48`), or unset it to let the bot generate one and keep it in the document store',
};

/**
 * Validates the environment. Empty variables count as unset.
 * @throws ConfigError naming the variable and how to fix it.
 */
export function readEnvConfig(env: NodeJS.ProcessEnv = process.env): EnvConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`${name} is invalid: ${issue.message}`, FIXES[name] ?? 'check the README configuration table');
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    redisUrl: e.REDIS_URL,
    mongodbUri: e.MONGODB_URI,
    dataDir: path.resolve(e.DATA_DIR),
    accountsFile: e.ACCOUNTS_FILE,
    ...(e.LOG_LEVEL === undefined ? {} : { logLevel: e.LOG_LEVEL }),
    replyBudgetMs: e.REPLY_BUDGET_MS,
    profileRefreshDays: e.PROFILE_REFRESH_DAYS,
    ...(e.SANDBOX === undefined ? {} : { sandbox: ['1', 'true', 'yes'].includes(e.SANDBOX) }),
    sandboxPort: e.SANDBOX_PORT,
    sandboxHost: e.SANDBOX_HOST,
    ...(e.SECRET_KEY === undefined ? {} : { secretKey: e.SECRET_KEY }),
  };
}

/**
 * The absolute base of the links the bot hands out (webhook URLs, card and export links):
 * `PUBLIC_URL`, else `http://localhost:<port>` with the port the server really listens on.
 */
export function publicBaseUrl(config: Pick<EnvConfig, 'publicUrl'>, port: number): string {
  return config.publicUrl ?? `http://localhost:${port}`;
}
