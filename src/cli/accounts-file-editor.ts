import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { lock } from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
import { accountSchema, accountsFileSchema, describeAccountsIssue, findAccountsProblem, type AccountEntry } from '../config/accounts-file';
import { ConfigError } from '../errors';
import { OperationError } from './cli-context';

/** Any list of entries, empty included: a file holding `[]` may be added to. */
const entriesSchema = z.array(accountSchema);

/** How long an edit waits for another one to finish (well under the lock's 10 s staleness). */
const LOCK_RETRIES = { retries: 40, factor: 1.3, minTimeout: 20, maxTimeout: 250 };

/**
 * Reads the accounts file as written, `env:NAME` references unresolved. Resolves null when it
 * does not exist.
 * @throws ConfigError when it is not JSON or does not validate, saying where.
 */
export async function readAccountEntries(file: string): Promise<AccountEntry[] | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ConfigError(`cannot read ${file}: ${(error as Error).message}`, 'check the path and its permissions');
  }
  return checkEntries(file, parseJson(file, text), 'file');
}

/**
 * Applies `edit` to the accounts file under a lock, so two CLI runs cannot interleave: reads the
 * file (a missing one is an empty list), validates it, edits, validates the result with the
 * bot's own schema, and writes it atomically (temp file, fsync, rename) with mode 0600, since it
 * may hold secrets. Entries are written as given: `env:NAME` references stay references.
 * Resolves with the entries written.
 * @throws ConfigError when the file as it is does not validate (it is left untouched)
 * @throws OperationError when the lock is held too long, or what `edit` throws
 */
export async function editAccountsFile(
  file: string,
  edit: (entries: AccountEntry[]) => AccountEntry[],
): Promise<AccountEntry[]> {
  let compromised: Error | undefined;
  let release: () => Promise<void>;
  try {
    // realpath: false lets the lock be taken before the file exists (the first `accounts add`).
    release = await lock(file, { realpath: false, retries: LOCK_RETRIES, onCompromised: (error) => (compromised = error) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOCKED') {
      throw new OperationError(
        `${file} is being edited by another lianluo command`,
        `try again; if no other command is running, remove the folder ${file}.lock`,
      );
    }
    throw new OperationError(`cannot lock ${file}: ${(error as Error).message}`, 'check that its folder exists and is writable');
  }
  try {
    const entries = (await readAccountEntries(file)) ?? [];
    const next = edit(entries.map((e) => structuredClone(e)));
    checkEntries(file, next, 'result');
    if (compromised) throw new OperationError(`lost the lock on ${file}: ${compromised.message}`, 'run the command again');
    await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600, fsync: true });
    return next;
  } finally {
    await release().catch(() => undefined);
  }
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ConfigError(`${file} is not valid JSON; not touching it`, 'fix the JSON by hand (the file must hold an array of accounts, see README)');
  }
}

/**
 * The checks of `loadAccountsFile` that need no environment: the schema, unique ids, and the
 * length of a key written in the file.
 */
function checkEntries(file: string, json: unknown, what: 'file' | 'result'): AccountEntry[] {
  const schema = what === 'file' ? entriesSchema : accountsFileSchema;
  const parsed = schema.safeParse(json);
  const problem = parsed.success ? findAccountsProblem(parsed.data) : describeAccountsIssue(parsed.error, json);
  if (problem === null) return json as AccountEntry[];
  if (what === 'file') {
    throw new ConfigError(`${file}: ${problem}; not touching the file`, 'fix that entry by hand first (see README, "Accounts")');
  }
  // The edit itself produced an invalid file: say so as a refused operation, the file unchanged.
  throw new OperationError(`the edit would make ${file} invalid: ${problem}`, 'the file was not changed; check the values given');
}
