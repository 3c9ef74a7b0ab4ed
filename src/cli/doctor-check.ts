import { ConfigError, describeError } from '../errors';

/** ✔ ok, ! warn (works, but look), ✖ fail (does not work; exit code 1). */
export type Verdict = 'ok' | 'warn' | 'fail';

/** One line of the doctor's report. Never holds a secret. */
export interface DoctorCheck {
  name: string;
  verdict: Verdict;
  detail: string;
  fix?: string;
}

/** A failed check from a thrown error: a ConfigError's own message and fix, else the message. */
export function failedCheck(name: string, error: unknown): DoctorCheck {
  if (error instanceof ConfigError) return { name, verdict: 'fail', detail: error.message, fix: error.fix };
  return { name, verdict: 'fail', detail: describeError(error), fix: 'see the message' };
}

/** A check not run because an earlier one failed: a warning, so one fix at a time shows what is left. */
export function skippedCheck(name: string, needs: string): DoctorCheck {
  return { name, verdict: 'warn', detail: `skipped: needs ${needs}`, fix: 'fix the failure above first' };
}
