/**
 * Test support for the published JSON Schemas: an ajv instance configured the way a careful
 * consumer would (draft 2020-12, formats asserted, strict mode with iptkit's `sensitive` keyword
 * declared), validators for every published schema, and a verdict that compares ajv with zod.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type * as z from 'zod';
import {
  generateJsonSchemas,
  publishedSchemaNames,
  publishedSchemas,
  type PublishedSchemaName,
} from '../../src/interop/json-schema/schemas.js';

/** A strict ajv for draft 2020-12 that asserts formats and knows the `sensitive` annotation. */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: false, validateFormats: true });
  addFormats(ajv);
  ajv.addKeyword({ keyword: 'sensitive', schemaType: 'string' });
  return ajv;
}

/** The ajv validators of one published schema: what iptkit accepts and what it writes. */
export interface Validators {
  readonly input: ValidateFunction;
  readonly output: ValidateFunction;
}

let cached: Readonly<Record<PublishedSchemaName, Validators>> | undefined;

/** Compiles every published schema once (input falls back to output where they are the same). */
export function validators(): Readonly<Record<PublishedSchemaName, Validators>> {
  if (cached !== undefined) return cached;
  const ajv = createAjv();
  const generated = generateJsonSchemas();
  const all = {} as Record<PublishedSchemaName, Validators>;
  for (const name of publishedSchemaNames) {
    const { input, output } = generated[name];
    const outputValidator = ajv.compile(structuredClone(output));
    all[name] = {
      output: outputValidator,
      input: input === undefined ? outputValidator : ajv.compile(structuredClone(input)),
    };
  }
  cached = all;
  return all;
}

/** How zod judged a value. */
export type ZodJudgement = 'valid' | 'zod-only' | 'structural';

/**
 * Judges a value with zod: `valid`; `zod-only` when every issue comes from a refinement JSON Schema
 * cannot express; `structural` when any issue is one JSON Schema can (types, required keys, unknown
 * keys, lengths, ranges, patterns, formats, enums, and keys that are not ids).
 */
export function judge(
  schema: z.ZodType,
  value: unknown,
): {
  readonly judgement: ZodJudgement;
  readonly output?: unknown;
  readonly issues: readonly z.core.$ZodIssue[];
} {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { judgement: 'valid', output: parsed.data, issues: [] };
  const issues = parsed.error.issues;
  const refinementOnly = issues.every(
    (found) =>
      found.code === 'custom' &&
      (found.params as { code?: unknown } | undefined)?.code !== 'invalid-key',
  );
  return { judgement: refinementOnly ? 'zod-only' : 'structural', issues };
}

/** The verdicts of zod and ajv (input and output schema) on one value. */
export interface Verdict {
  readonly zod: ZodJudgement;
  readonly input: boolean;
  readonly output: boolean;
  /** ajv's output schema on what zod returned (only when zod accepted the value). */
  readonly parsedOutput?: boolean;
  readonly issues: readonly z.core.$ZodIssue[];
  readonly ajvErrors: unknown;
}

/** Runs zod and both ajv validators of a published schema on a value. */
export function verdict(name: PublishedSchemaName, value: unknown): Verdict {
  const { input, output } = validators()[name];
  const judged = judge(publishedSchemas[name].schema, value);
  const inputOk = input(value);
  const inputErrors = input.errors;
  const outputOk = output(value);
  return {
    zod: judged.judgement,
    input: inputOk,
    output: outputOk,
    ...(judged.judgement === 'valid' ? { parsedOutput: output(judged.output) } : {}),
    issues: judged.issues,
    ajvErrors: inputErrors,
  };
}

/**
 * The agreement rules: zod accepts => both ajv schemas accept (the output one on zod's result);
 * zod refuses on structure => ajv refuses; zod refuses only through a refinement => ajv accepts
 * (JSON Schema may never be stricter than zod); ajv's output schema never accepts what its input
 * schema refuses. Returns the broken rule, or `undefined`.
 */
export function disagreement(found: Verdict): string | undefined {
  if (found.output && !found.input) return 'output schema accepts what the input schema refuses';
  switch (found.zod) {
    case 'valid':
      if (!found.input) return 'zod accepts, the input JSON Schema refuses';
      if (found.parsedOutput !== true) return "the output JSON Schema refuses zod's output";
      return undefined;
    case 'zod-only':
      return found.input
        ? undefined
        : 'zod refuses only by a refinement, yet the input JSON Schema refuses too';
    case 'structural':
      return found.input ? 'zod refuses the structure, the input JSON Schema accepts' : undefined;
  }
}
