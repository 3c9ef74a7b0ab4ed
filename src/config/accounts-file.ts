import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../errors';
import type { Account } from './account';

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

/** Where and what the first problem is, e.g. `accounts[0].id must be 1-32 characters …`. */
export function describeAccountsIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return `accounts${where} ${issue.message}`;
}

/**
 * Reads and validates the accounts file, resolving `env:NAME` secrets from `env`.
 * @throws ConfigError saying which entry and field is wrong and how to fix it.
 */
export function loadAccountsFile(file: string, env: NodeJS.ProcessEnv = process.env): Account[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'is not valid JSON';
    throw new ConfigError(`ACCOUNTS_FILE ${file} ${why}`, 'point ACCOUNTS_FILE at a JSON array of accounts (see README)');
  }
  const parsed = accountsFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(`ACCOUNTS_FILE ${file}: ${describeAccountsIssue(parsed.error)}`, 'fix that entry (see README, "Accounts")');
  }
  const seen = new Set<string>();
  return parsed.data.map((raw, index): Account => {
    if (seen.has(raw.id)) {
      throw new ConfigError(`ACCOUNTS_FILE ${file}: accounts[${index}].id "${raw.id}" is used twice`, 'give every account its own id');
    }
    seen.add(raw.id);
    const read = (value: string, field: string): string => resolveSecret(value, `accounts[${index}].${field}`, env);
    const account: Account = { id: raw.id, originalId: raw.originalId, token: read(raw.token, 'token'), mode: raw.mode };
    if (raw.encodingAESKey !== undefined) {
      account.encodingAESKey = read(raw.encodingAESKey, 'encodingAESKey');
      if (!/^[A-Za-z0-9]{43}$/.test(account.encodingAESKey)) {
        throw new ConfigError(
          `ACCOUNTS_FILE ${file}: accounts[${index}].encodingAESKey must be 43 letters and digits`,
          "copy the EncodingAESKey from the platform's developer settings",
        );
      }
    }
    if (raw.appId !== undefined) account.appId = raw.appId;
    if (raw.console) {
      account.console = { ...raw.console, password: read(raw.console.password, 'console.password') };
    }
    return account;
  });
}

function resolveSecret(value: string, field: string, env: NodeJS.ProcessEnv): string {
  if (!value.startsWith('env:')) return value;
  const name = value.slice(4);
  const resolved = env[name];
  if (resolved === undefined || resolved === '') {
    throw new ConfigError(`${field} refers to env:${name}, which is not set`, `export ${name}=<the value> before starting`);
  }
  return resolved;
}
