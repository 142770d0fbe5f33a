import type * as z from 'zod';
import { deepFreeze, type DeepReadonly } from './deep-freeze.js';
import { IptError } from './ipt-error.js';
import { issue, issuesFromZod, validationError, type ValidationError } from './issues.js';
import { err, ok, type Result } from './result.js';

/**
 * Validates outside data against any iptkit schema (or a zod schema of your own whose output is
 * built by zod, not passed through) and returns a deeply frozen copy, or every problem found as
 * iptkit issues, whose messages never quote the input. Prefer it to a schema's own
 * `safeParse` when the input is client data. Never throws: input that cannot even be read or
 * frozen (a throwing getter, a revoked proxy, a typed array) becomes an `unreadable-input` issue.
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
 * @returns The parsed, frozen value or a {@link ValidationError}.
 * @category Kernel
 */
export function safeParseWith<TSchema extends z.ZodType>(
  schema: TSchema,
  input: unknown,
): Result<DeepReadonly<z.output<TSchema>>, ValidationError> {
  const unreadable = () =>
    err(validationError([issue('unreadable-input', [], 'the input could not be read')]));
  try {
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
 * @returns The parsed, frozen value.
 * @throws {@link IptError} with every problem found.
 * @category Kernel
 */
export function parseWith<TSchema extends z.ZodType>(
  schema: TSchema,
  input: unknown,
): DeepReadonly<z.output<TSchema>> {
  const result = safeParseWith(schema, input);
  if (!result.ok) throw new IptError(result.error);
  return result.value;
}
