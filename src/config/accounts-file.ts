import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../errors';
import { AES_KEY_PATTERN, PLATFORM_PATTERN, type Account } from './account';
import { accountName, resolveAccount } from './resolve-account';

/** The account served when no ACCOUNTS_FILE is given: try the bot with nothing configured. */
export const DEMO_ACCOUNT: Account = { id: 'demo', originalId: 'gh_000000000000', token: 'demo', mode: 'plain' };

// A secret may be written `env:NAME`; it is read from the environment after validation.
const secret = z.string().min(1, 'must not be empty');

/** One entry of the accounts file as written (secrets may be `env:NAME`). Shared with the CLI's editor. */
export const accountSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,32}$/, 'must be 1-32 characters of a-z, 0-9 and -'),
    originalId: z.string().regex(/^gh_[0-9a-f]{12}$/, 'must be gh_ followed by 12 hex digits (the ToUserName of pushes)'),
    token: secret,
    mode: z.enum(['plain', 'compatible', 'safe']).default('plain'),
    encodingAESKey: secret.optional(),
    appId: z.string().regex(/^wx[0-9a-f]{16}$/, 'must be wx followed by 16 hex digits').optional(),
    platform: z.string().regex(PLATFORM_PATTERN, 'must be 1-32 characters of a-z, 0-9 and - (accounts on one platform share it)').optional(),
    console: z
      .object({ url: z.url({ protocol: /^https?$/ }), username: z.string().min(1), password: secret })
      .strict()
      .optional(),
  })
  .strict()
  .refine((a) => a.mode === 'plain' || (a.encodingAESKey !== undefined && a.appId !== undefined), {
    message: 'compatible and safe modes need encodingAESKey and appId',
    path: ['mode'],
  });
/** The whole accounts file: a non-empty JSON array of {@link accountSchema} entries. */
export const accountsFileSchema = z.array(accountSchema).min(1, 'must list at least one account');

/** An entry as the owner writes it (`mode` may be left out). */
export type AccountEntry = z.input<typeof accountSchema>;

/**
 * The first problem of a file that failed `schema`, naming the account by its id, e.g.
 * `account "club": console.url Invalid URL`. `json` is what was validated: the issue's index
 * finds the entry whose id is named (an entry without a usable id is named by its position).
 */
export function describeAccountsIssue(error: z.ZodError, json: unknown): string {
  const issue = error.issues[0]!;
  const [index, ...rest] = issue.path;
  if (typeof index !== 'number') return `accounts ${issue.message}`;
  const field = rest.map(String).join('.');
  const entry = Array.isArray(json) ? (json[index] as unknown) : undefined;
  return `${accountName(entry, index)}: ${field === '' ? '' : `${field} `}${issue.message}`;
}

/**
 * The checks beyond the schema that need no environment: unique ids, and the form of a key
 * written in the file. Null when there is no problem.
 */
export function findAccountsProblem(entries: readonly AccountEntry[]): string | null {
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.id)) return `account "${entry.id}" is listed twice (ids must differ)`;
    seen.add(entry.id);
    const key = entry.encodingAESKey;
    if (key !== undefined && !key.startsWith('env:') && !AES_KEY_PATTERN.test(key)) {
      return `account "${entry.id}": encodingAESKey must be 43 letters and digits`;
    }
  }
  return null;
}

/**
 * Reads and validates the accounts file without resolving any `env:NAME` secret, so one
 * account can be used while another's variable is unset (the owner's tools do).
 * @throws ConfigError naming the account (by id) and field that is wrong, and the fix.
 */
export function readAccountsFile(file: string): AccountEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'is not valid JSON';
    throw new ConfigError(`ACCOUNTS_FILE ${file} ${why}`, 'point ACCOUNTS_FILE at a JSON array of accounts (see README)');
  }
  const parsed = accountsFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(`ACCOUNTS_FILE ${file}: ${describeAccountsIssue(parsed.error, json)}`, 'fix that entry (see README, "Accounts")');
  }
  const problem = findAccountsProblem(parsed.data);
  if (problem !== null) {
    throw new ConfigError(`ACCOUNTS_FILE ${file}: ${problem}`, 'fix that entry (see README, "Accounts"); every account needs its own id');
  }
  return parsed.data;
}

/**
 * Reads and validates the accounts file, resolving every account's `env:NAME` secrets from
 * `env`: what the bot serves, refused whole if any account's secret is missing.
 * @throws ConfigError naming the account (by id) and field that is wrong, and the fix.
 */
export function loadAccountsFile(file: string, env: NodeJS.ProcessEnv = process.env): Account[] {
  return readAccountsFile(file).map((entry) => resolveAccount(entry, env, `ACCOUNTS_FILE ${file}`));
}
