import pino, { type Logger, type LoggerOptions } from 'pino';

/**
 * Keys whose values the logger itself censors, at any depth: secrets never depend on discipline
 * at the call site. Matched case-insensitively.
 */
export const SECRET_KEYS = new Set([
  'token', 'password', 'pwd', 'encodingaeskey', 'cookie', 'cookies', 'set-cookie', 'secret', 'authorization',
  'slave_sid', 'slave_user', 'data_ticket', 'cert',
]);
const CENSORED = '[redacted]';
const MAX_DEPTH = 5;

/**
 * A copy of `value` with every secret key's value censored. Objects without secrets are returned
 * as they are (no copy), so the common log line costs one walk. (pino's path-based `redact`
 * costs several times more per child logger and cannot match a key at any depth.)
 */
export function censorSecrets<T>(value: T, depth = 0): T {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH || value instanceof Error) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const censored = censorSecrets(item as unknown, depth + 1);
      if (censored !== item) (copy ??= [...value])[i] = censored;
    });
    return (copy ?? value) as T;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const censored = SECRET_KEYS.has(key.toLowerCase()) ? CENSORED : censorSecrets(item, depth + 1);
    if (censored !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = censored;
  }
  return (copy ?? value) as T;
}

/** Errors are logged by name and message only: stacks and HTML bodies stay out of log lines. */
function errorSerializer(error: unknown): { type: string; message: string } {
  if (error instanceof Error) return { type: error.name, message: error.message.slice(0, 500) };
  return { type: typeof error, message: String(error).slice(0, 500) };
}

/**
 * Exact paths pino's `redact` censors. They cover child-logger bindings, which pino's `log`
 * formatter never sees; exact paths (no leading wildcard) keep a child logger per push cheap.
 */
const REDACT_PATHS = [
  'token', 'password', 'pwd', 'encodingAESKey', 'cookie', 'cookies', 'secret', 'authorization',
  'console.password', 'account.token', 'account.encodingAESKey', 'account.console.password',
  'headers.cookie', 'headers.authorization', 'headers["set-cookie"]',
];

/** The process logger; every push gets a child of it. Secrets are censored in bindings and lines alike. */
export function createLogger(level: LoggerOptions['level'], destination?: pino.DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'lianluo' },
    redact: { paths: REDACT_PATHS, censor: CENSORED },
    formatters: { log: censorSecrets },
    serializers: { err: errorSerializer, error: errorSerializer },
  };
  return destination ? pino(options, destination) : pino(options);
}
