import pino, { type Logger, type LoggerOptions } from 'pino';

/**
 * Paths the logger itself censors, wherever a caller puts them: secrets never depend on
 * discipline at the call site.
 */
export const REDACTED_PATHS = [
  'token', '*.token', 'password', '*.password', '*.*.password', 'pwd', '*.pwd',
  'encodingAESKey', '*.encodingAESKey', 'cookie', '*.cookie', 'cookies', '*.cookies',
  'headers.cookie', 'headers["set-cookie"]', '*.headers.cookie', '*.headers["set-cookie"]',
  'console.password', '*.console.password', 'secret', '*.secret',
];

/** Errors are logged by name and message only: stacks and HTML bodies stay out of log lines. */
function errorSerializer(error: unknown): { type: string; message: string } {
  if (error instanceof Error) return { type: error.name, message: error.message.slice(0, 500) };
  return { type: typeof error, message: String(error).slice(0, 500) };
}

/** The process logger; every push gets a child of it. */
export function createLogger(level: LoggerOptions['level'], destination?: pino.DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'lianluo' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: errorSerializer, error: errorSerializer },
  };
  return destination ? pino(options, destination) : pino(options);
}
