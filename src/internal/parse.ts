import type * as z from 'zod';
import { deepFreeze, type DeepReadonly } from './deep-freeze.js';
import { IptError } from './ipt-error.js';
import { issue, issuesFromZod, validationError, type ValidationError } from './issues.js';
import { err, ok, type Result } from './result.js';

/**
 * Validates outside data against a schema and returns a deeply frozen copy, or every problem.
 * Never throws: input that cannot even be read (a throwing getter, a revoked proxy) becomes an
 * `unreadable-input` issue.
 * @param schema - The zod schema.
 * @param input - Untrusted input.
 * @returns The parsed, frozen value or a {@link ValidationError}.
 * @internal
 */
export function safeParseWith<TSchema extends z.ZodType>(
  schema: TSchema,
  input: unknown,
): Result<DeepReadonly<z.output<TSchema>>, ValidationError> {
  let parsed: z.ZodSafeParseResult<z.output<TSchema>>;
  try {
    parsed = schema.safeParse(input, { reportInput: false });
  } catch {
    return err(validationError([issue('unreadable-input', [], 'the input could not be read')]));
  }
  if (!parsed.success) return err(validationError(issuesFromZod(parsed.error)));
  return ok(deepFreeze(parsed.data));
}

/**
 * The throwing twin of {@link safeParseWith}.
 * @param schema - The zod schema.
 * @param input - Untrusted input.
 * @returns The parsed, frozen value.
 * @throws {@link IptError} with every problem found.
 * @internal
 */
export function parseWith<TSchema extends z.ZodType>(
  schema: TSchema,
  input: unknown,
): DeepReadonly<z.output<TSchema>> {
  const result = safeParseWith(schema, input);
  if (!result.ok) throw new IptError(result.error);
  return result.value;
}
