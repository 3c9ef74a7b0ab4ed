/**
 * Shape checks shared by the page parsers: one zod schema per page, and a failure becomes a
 * `ConsoleChangedError` that names the field, never its value or the page.
 */
import { z } from 'zod';
import { ConsoleChangedError } from './console-errors';

/** A number the console may send bare or quoted (`25` or `"25"`). */
export const numberish = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);

/** A FakeID as a decimal string; the console sends a JSON number on some pages, a string on others. */
export const fakeIdSchema = z.union([
  z.number().int().nonnegative().transform((id) => String(id)),
  z.string().regex(/^\d{1,20}$/),
]);

/**
 * Checks `value` against `schema` and returns the parsed output.
 *
 * @throws ConsoleChangedError naming `label` and the path of the first field that did not fit
 */
export function checkShape<S extends z.ZodType>(schema: S, value: unknown, step: string, label: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  const where = path === '' ? label : `${label}.${path}`;
  throw new ConsoleChangedError(step, `${where}: ${issue?.code ?? 'invalid'}`);
}
