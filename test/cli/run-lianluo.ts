import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { CliContext } from '../../src/cli/cli-context';
import { runCli } from '../../src/cli/main';

/** What one in-process `lianluo` run printed, and its exit code. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fresh temporary folder for one test's files. */
export function tempDir(prefix = 'lianluo-cli-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/**
 * Runs `lianluo <argv>` in-process: stdout and stderr captured, stdin from `input` (not a
 * terminal), only the environment given (nothing of the test process leaks in).
 */
export async function runLianluo(
  argv: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } & Partial<Pick<CliContext, 'prompt' | 'openStores' | 'consoleTimeoutMs' | 'tmpDir'>> = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const { env = {}, cwd = tempDir(), input = '', ...rest } = options;
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from([input]),
    env,
    cwd,
    ...rest,
  });
  return { code, stdout, stderr };
}
