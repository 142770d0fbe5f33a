import * as z from 'zod';
import { IsoDate, IsoDateTime } from '../internal/dates.js';
import { deepFreeze, type DeepReadonly } from '../internal/deep-freeze.js';
import { issue, issuesFromZod, validationError, type ValidationError } from '../internal/issues.js';
import { err, ok, type Result } from '../internal/result.js';

/**
 * A FHIR resource id: 1-64 letters, digits, `-` and `.`.
 * @category FHIR
 */
export const FhirId = z
  .string()
  .regex(/^[A-Za-z0-9\-.]{1,64}$/, { error: 'must be 1-64 letters, digits, "-" or "."' });

/**
 * A FHIR `dateTime` from the caller: a date (`2026-03-02`) or a date-time with an offset
 * (`2026-03-02T14:30:00+01:00`). iptkit never reads the clock.
 * @category FHIR
 */
export const FhirDateTime = z.union([IsoDate, IsoDateTime]);

const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;
const URN = /^urn:(uuid|oid):\S+$/;
const RESOURCE_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/**
 * A reference string to a resource of one of the given types: relative (`Patient/123`), absolute
 * (`https://example.org/fhir/Patient/123`, optionally with `/_history/n`), or a `urn:uuid:` /
 * `urn:oid:` placeholder of a transaction Bundle.
 * @internal
 */
export function isReferenceTo(value: string, types: readonly string[]): boolean {
  if (value.length > 4096) return false;
  if (URN.test(value)) return true;
  const withoutHistory = value.replace(/\/_history\/[A-Za-z0-9\-.]{1,64}$/, '');
  const parts = withoutHistory.split('/');
  const id = parts[parts.length - 1];
  const type = parts[parts.length - 2];
  if (id === undefined || type === undefined || !RESOURCE_ID.test(id) || !types.includes(type)) {
    return false;
  }
  return parts.length === 2 || ABSOLUTE_URL.test(withoutHistory);
}

/**
 * A schema for a reference string to one of the given resource types.
 * @param types - Allowed resource types.
 * @internal
 */
export function referenceTo(types: readonly string[]) {
  const named = types.join(' or ');
  return z.string().refine((value) => isReferenceTo(value, types), {
    message: `must reference a ${named} (${types[0] ?? 'Type'}/<id>, an absolute URL to one, or a urn:uuid)`,
    params: { code: 'invalid-reference' },
  });
}

/** A patient reference (`Patient/123`, an absolute URL, or a `urn:uuid:`). @internal */
export const PatientReference = referenceTo(['Patient']);

/**
 * A canonical URL (an absolute URL or URN, optionally `|version`).
 * @category FHIR
 */
export const Canonical = z
  .string()
  .max(4096)
  .regex(/^(?:[a-z][a-z0-9+.-]*:\/\/|urn:)\S+$/i, {
    error: 'must be an absolute URL or URN',
  });

/** Validates the options object of a mapping function against its schema. @internal */
export function parseOptions<TSchema extends z.ZodType>(
  schema: TSchema,
  options: unknown,
): Result<z.output<TSchema>, ValidationError> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    return err(validationError([issue('invalid-type', ['options'], 'expected an object')]));
  }
  const parsed = schema.safeParse(options, { reportInput: false });
  if (!parsed.success) return err(validationError(issuesFromZod(parsed.error, ['options'])));
  return ok(parsed.data);
}

/** Tells whether a value is a plain (non-array, non-null) object. @internal */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads an own property (never an inherited one). @internal */
export function own(record: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Runs a mapping, turning any throw (a hostile getter, a revoked proxy) into an
 * `unreadable-input` issue, and freezes the successful value.
 * @internal
 */
export function guarded<TValue>(
  run: () => Result<TValue, ValidationError>,
): Result<DeepReadonly<TValue>, ValidationError> {
  try {
    const result = run();
    return result.ok ? ok(deepFreeze(result.value)) : result;
  } catch {
    return err(validationError([issue('unreadable-input', [], 'the input could not be read')]));
  }
}
