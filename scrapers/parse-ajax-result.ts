/**
 * The answers of the console's actions (docs/protocol.md §3.2, 3.7, 3.8). `ret` arrives as a string
 * (`"0"`) or a number; both are accepted.
 */
import { z } from 'zod';
import { checkShape, numberish } from './check-shape';
import { ConsoleChangedError, ConsoleSendError, ScrapeError, type SendFailure } from './console-errors';
import { isExpiredAjax, isExpiredPage } from './detect-expiry';
import { readConsoleJson } from './read-console-json';

const SEND_FAILURES: ReadonlyMap<number, SendFailure> = new Map<number, SendFailure>([
  [10706, 'customer-block'],
  [-21, 'unknown-fakeid'],
  [10700, 'unknown-fakeid'],
  [-6, 'captcha'],
]);

const retSchema = z.union([
  z.object({ ret: numberish }),
  z.object({ base_resp: z.object({ ret: numberish }) }).transform((answer) => ({ ret: answer.base_resp.ret })),
]);
const groupSchema = z.object({ GroupId: numberish, ErrCode: numberish.default(0) });

/**
 * Checks the answer to a send (3.7).
 *
 * @throws SessionExpiredError for ret -20000
 * @throws ConsoleSendError for any other ret than 0: 10706 `customer-block`, -21 and 10700
 *   `unknown-fakeid`, -6 `captcha`, the rest `other`
 * @throws ConsoleChangedError when the answer is not JSON or has no ret
 */
export function parseSendResult(body: string): void {
  const { ret } = checkShape(retSchema, readConsoleJson(body, 'send'), 'send', 'answer');
  if (ret !== 0) throw new ConsoleSendError(SEND_FAILURES.get(ret) ?? 'other', String(ret));
}

/**
 * Reads the new group's id from the answer to a group creation (3.8).
 *
 * @throws ScrapeError (not transient) when ErrCode is not 0
 */
export function parseCreateGroupResult(body: string): number {
  const step = 'create group';
  const answer = checkShape(groupSchema, readConsoleJson(body, step), step, 'answer');
  if (answer.ErrCode !== 0) throw new ScrapeError(step, `refused (ErrCode ${answer.ErrCode})`);
  return answer.GroupId;
}

/**
 * Checks the answer to moving followers into a group (3.8).
 *
 * @throws ScrapeError (not transient) when ret is not 0
 */
export function parseMoveResult(body: string): void {
  const step = 'move to group';
  const { ret } = checkShape(retSchema, readConsoleJson(body, step), step, 'answer');
  if (ret !== 0) throw new ScrapeError(step, `refused (ret ${ret})`);
}

/**
 * Reads the answer to the `getregions` probe (3.2): true when the session works (any JSON that
 * is not an expiry), false when it expired.
 *
 * @throws ConsoleChangedError when the answer is neither JSON nor the login-timeout page
 */
export function parseProbeResult(body: string): boolean {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    if (isExpiredPage(body)) return false;
    throw new ConsoleChangedError('probe', 'the answer is not JSON');
  }
  return !isExpiredAjax(json);
}

