/**
 * Reads an ajax answer of the console: JSON, or a sign that the session expired (3.2).
 */
import { ConsoleChangedError, SessionExpiredError } from './console-errors';
import { isExpiredAjax, isExpiredPage } from './detect-expiry';

/**
 * Decodes the body of an ajax answer.
 *
 * @throws SessionExpiredError when the body is the login-timeout page or says `ret` -20000
 * @throws ConsoleChangedError when the body is not JSON
 */
export function readConsoleJson(body: string, step: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    if (isExpiredPage(body)) throw new SessionExpiredError(step);
    throw new ConsoleChangedError(step, 'the answer is not JSON');
  }
  if (isExpiredAjax(json)) throw new SessionExpiredError(step);
  return json;
}
