import type { Bilingual } from './i18n';

/**
 * A problem the follower caused or can fix (bad arguments, a missing permission).
 * Its text is safe to show in chat; the error boundary in the bot shows it as the reply.
 */
export class UserError extends Error {
  constructor(readonly text: Bilingual) {
    super(text.en);
    this.name = 'UserError';
  }
}

/**
 * Configuration that cannot work. The message names what is wrong and `fix` says how to fix
 * it; `main` prints both and exits before serving anything.
 */
export class ConfigError extends Error {
  constructor(message: string, readonly fix: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The message of any thrown value, without stack or internals, for logs. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
