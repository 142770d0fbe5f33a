import type * as z from 'zod';
import { deepFreeze, type DeepReadonly } from './deep-freeze.js';
import { IptError } from './ipt-error.js';
import { issue, issuesFromZod, validationError, type ValidationError } from './issues.js';
import { checkLimits, type InputLimits } from './limits.js';
import { err, ok, type Result } from './result.js';

/**
 * Options of {@link safeParseWith} and {@link parseWith}.
 * @category Kernel
 */
export interface ParseWithOptions {
  /**
   * Size limits checked before the schema runs (see `checkLimits`); the defaults
   * (`defaultLimits`) apply to any limit not given.
   */
  readonly limits?: Partial<InputLimits>;
}

/**
 * Validates outside data against any iptkit schema (or a zod schema of your own whose output is
 * built by zod, not passed through) and returns a deeply frozen copy, or every problem found as
 * iptkit issues, whose messages never quote the input. Prefer it to a schema's own
 * `safeParse` when the input is client data. Never throws: input that cannot even be read or
 * frozen (a throwing getter, a revoked proxy, a typed array) becomes an `unreadable-input` issue.
 * Before the schema runs, the input is checked against size limits (`limit-*` issues), so that a
 * pathological input fails at once.
 *
 * The output is frozen in place. iptkit's schemas build every output object anew, so the caller's
 * input is never touched; a schema of your own that passes values through unchanged (`z.unknown()`,
 * `z.any()`, `z.custom()`, the extra keys of `z.looseObject()`) hands those very objects back, and
 * they get frozen too.
 * @example
 * ```ts
 * const focus = safeParseWith(Focus, JSON.parse(body));
 * if (!focus.ok) return respond(400, focus.error.issues);
 * ```
 * @param schema - The zod schema.
 * @param input - Untrusted input.
 * @param options - Size limits to use instead of the defaults.
 * @returns The parsed, frozen value or a {@link ValidationError}.
 * @category Kernel
 */
export function safeParseWith<TSchema extends z.ZodType>(
  schema: TSchema,
  input: unknown,
  options?: ParseWithOptions,
): Result<DeepReadonly<z.output<TSchema>>, ValidationError> {
  const unreadable = () =>
    err(validationError([issue('unreadable-input', [], 'the input could not be read')]));
  try {
    const tooBig = checkLimits(input, options?.limits);
    if (tooBig.some((found) => found.code === 'unreadable-input')) return unreadable();
    if (tooBig.length > 0) return err(validationError(tooBig));
    const parsed = schema.safeParse(input, { reportInput: false });
    if (!parsed.success) return err(validationError(issuesFromZod(parsed.error)));
    return ok(deepFreeze(parsed.data));
  } catch {
    return unreadable();
  }
}

/**
 * The throwing twin of {@link safeParseWith}, for trusted input such as constants in code.
 * @param schema - The zod schema.
 * @param input - Untrusted input.
 * @param options - Size limits to use instead of the defaults.
 * @returns The parsed, frozen value.
 * @throws {@link IptError} with every problem found.
 * @category Kernel
 */
export function parseWith<TSchema extends z.ZodType>(
  schema: TSchema,
  input: unknown,
  options?: ParseWithOptions,
): DeepReadonly<z.output<TSchema>> {
  const result = safeParseWith(schema, input, options);
  if (!result.ok) throw new IptError(result.error);
  return result.value;
}
