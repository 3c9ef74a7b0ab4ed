/**
 * The console's answer to a login (docs/protocol.md §3.1): the session token, or why it refused.
 */
import { z } from 'zod';
import { checkShape, numberish } from './check-shape';
import { ConsoleChangedError, ConsoleLoginError, type LoginFailure } from './console-errors';

const STEP = 'login';
/** ErrCodes that mean "logged in" (65201 and 65202 are successes with a notice). */
const SUCCESS_CODES: ReadonlySet<number> = new Set([0, 65201, 65202]);
const FAILURES: ReadonlyMap<number, LoginFailure> = new Map<number, LoginFailure>([
  [-1, 'system'],
  [-2, 'wrong-password'],
  [-3, 'wrong-password'],
  [-4, 'no-such-account'],
  [-5, 'banned'],
  [-7, 'banned'],
  [-200, 'banned'],
  [-6, 'captcha'],
  [-32, 'wrong-captcha'],
]);
const TOKEN = /[?&]token=(\d+)/;

const answerSchema = z.object({ ErrCode: numberish, ErrMsg: z.string().default('') });

/** What a login ErrCode means (3.1); codes outside the table are `unknown`. */
export function loginFailure(errCode: number): LoginFailure {
  return FAILURES.get(errCode) ?? 'unknown';
}

/**
 * Reads the token from a login answer: the digits after `token=` in the redirect of `ErrMsg`.
 *
 * @throws ConsoleLoginError for every ErrCode that is not a success
 * @throws ConsoleChangedError when the answer is not JSON, lacks ErrCode, or a success
 *   carries no token
 */
export function parseLoginResponse(body: string): string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ConsoleChangedError(STEP, 'the answer is not JSON');
  }
  const answer = checkShape(answerSchema, json, STEP, 'answer');
  if (!SUCCESS_CODES.has(answer.ErrCode)) {
    throw new ConsoleLoginError(loginFailure(answer.ErrCode), answer.ErrCode);
  }
  const token = TOKEN.exec(answer.ErrMsg)?.[1];
  if (token === undefined) throw new ConsoleChangedError(STEP, 'no token in ErrMsg');
  return token;
}
