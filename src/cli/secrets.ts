import { randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * `length` letters and digits from the system's CSPRNG (`randomInt` draws without modulo bias).
 * The platform takes 3-32 of them as a token and exactly 43 as an EncodingAESKey.
 */
export function randomAlphanumeric(length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}

/** Where a secret of the accounts file comes from, without its value. */
export type SecretSource = { from: 'file' } | { from: 'env'; name: string; set: boolean };

/** Tells where `value` (as written in the file) comes from; never returns the value. */
export function secretSource(value: string, env: NodeJS.ProcessEnv): SecretSource {
  if (!value.startsWith('env:')) return { from: 'file' };
  const name = value.slice(4);
  const set = env[name] !== undefined && env[name] !== '';
  return { from: 'env', name, set };
}

/** `in file`, `env:NAME (set)` or `env:NAME (NOT SET)`. */
export function describeSecretSource(source: SecretSource): string {
  return source.from === 'file' ? 'in file' : `env:${source.name} (${source.set ? 'set' : 'NOT SET'})`;
}

/** An environment variable name as a shell would accept it. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A URL without its user name and password (Redis and MongoDB URLs may carry them). */
export function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(unparsable URL)';
  }
}
