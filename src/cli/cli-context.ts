import type { EnvConfig } from '../config/env-config';
import type { Stores } from '../stores/open-stores';

/** Where a command writes: a process stream, or a string a test reads. */
export interface TextSink {
  write(text: string): unknown;
}

/**
 * Everything a command touches outside itself. `cliMain` fills it from the process; tests pass
 * their own streams, environment and stores, and run commands in-process.
 */
export interface CliContext {
  stdout: TextSink;
  stderr: TextSink;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Relative paths (`--file`, `./accounts.json`, ACCOUNTS_FILE) are taken from here. */
  cwd: string;
  /** Asks one question on the terminal and resolves with the answer (captcha text). Default: readline on stdin. */
  prompt?: (question: string) => Promise<string>;
  /**
   * Opens the stores for `doctor` and `login`. Default: `openStores`, as the bot does, with
   * `inMemoryDocuments` for the demo (which keeps its documents in memory).
   */
  openStores?: (config: EnvConfig, options: { inMemoryDocuments: boolean }) => Promise<Stores>;
  /** Console request timeout for `doctor` and `login`; default 10 000 ms, like the bot. */
  consoleTimeoutMs?: number;
  /** Where `login` puts the captcha image; default the system's temp folder. */
  tmpDir?: string;
}

/** The process's exit codes (BSD sysexits for usage and configuration). */
export const EXIT = {
  ok: 0,
  /** A check or an operation failed. */
  failed: 1,
  /** Bad arguments (EX_USAGE). */
  usage: 64,
  /** The configuration cannot work (EX_CONFIG), as `npm start` exits too. */
  config: 78,
} as const;

/** Records the exit code a command's action decided (commander's actions return nothing). */
export type Finish = (code: number) => void;

/**
 * Bad arguments: what is wrong and the fix. Exit code 64. Thrown before anything is changed.
 */
export class UsageError extends Error {
  constructor(message: string, readonly fix: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An operation that could not be done (a duplicate id, a held lock). Exit code 1. */
export class OperationError extends Error {
  constructor(message: string, readonly fix: string) {
    super(message);
    this.name = 'OperationError';
  }
}
