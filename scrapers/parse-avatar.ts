/**
 * The avatar answer (docs/protocol.md §3.4): image bytes, unless the session expired and the console
 * sent its login-timeout page or an expiry JSON instead.
 */
import { ConsoleChangedError, SessionExpiredError } from './console-errors';
import { isExpiredAjax, isExpiredPage } from './detect-expiry';

const STEP = 'avatar';
const LT = 0x3c; // '<'
const BRACE = 0x7b; // '{'

/**
 * Returns the image bytes of an avatar answer.
 *
 * @throws SessionExpiredError when the answer is the login-timeout page or ret -20000
 * @throws ConsoleChangedError when the answer is some other HTML page or JSON
 */
export function parseAvatar(bytes: Buffer): Buffer {
  const first = bytes.find((byte) => byte > 0x20);
  if (first !== LT && first !== BRACE) return bytes;
  const text = bytes.toString('utf8');
  if (isExpiredPage(text)) throw new SessionExpiredError(STEP);
  if (first === LT) throw new ConsoleChangedError(STEP, 'an HTML page instead of an image');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return bytes; // binary data that happens to start with '{'
  }
  if (isExpiredAjax(json)) throw new SessionExpiredError(STEP);
  throw new ConsoleChangedError(STEP, 'JSON instead of an image');
}
