/**
 * A consumer that does not import zod validates iptkit data through the Standard Schema interface
 * (https://standardschema.dev) every exported schema implements. The interface is written out
 * here, as such a consumer would (`@standard-schema/spec` is types only).
 */
import { describe, expect, test } from 'vitest';
import { CourseEvent, Inventory, Protocol, protocols, toDocument } from '../../index.js';
import { syntheticCohort } from '../../testing/synthetic-cohort.js';

/** The part of Standard Schema v1 a consumer needs. */
interface StandardSchemaV1<TInput = unknown, TOutput = TInput> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (
      value: unknown,
    ) => StandardResult<TOutput> | Promise<StandardResult<TOutput>>;
    readonly types?: { readonly input: TInput; readonly output: TOutput } | undefined;
  };
}

type StandardResult<TOutput> =
  | { readonly value: TOutput; readonly issues?: undefined }
  | {
      readonly issues: readonly {
        readonly message: string;
        readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined;
      }[];
    };

/** What a framework-agnostic consumer writes: validate with any Standard Schema. */
async function check<TOutput>(
  schema: StandardSchemaV1<unknown, TOutput>,
  value: unknown,
): Promise<{ ok: true; value: TOutput } | { ok: false; paths: string[] }> {
  const result = await schema['~standard'].validate(value);
  if (result.issues === undefined) return { ok: true, value: result.value };
  return {
    ok: false,
    paths: result.issues.map((found) =>
      (found.path ?? [])
        .map((segment) => String(typeof segment === 'object' ? segment.key : segment))
        .join('.'),
    ),
  };
}

const course = syntheticCohort({ seed: 3, size: 1 })[0];

describe('Standard Schema', () => {
  test('every schema says it is Standard Schema v1', () => {
    for (const schema of [CourseEvent, Protocol, Inventory]) {
      const standard = (schema as StandardSchemaV1)['~standard'];
      expect(standard.version).toBe(1);
      expect(typeof standard.vendor).toBe('string');
      expect(typeof standard.validate).toBe('function');
    }
  });

  test('validates a stored course’s events one by one without importing zod', async () => {
    expect(course).toBeDefined();
    const stored = JSON.parse(
      JSON.stringify(toDocument('iptkit/course-events', course?.events ?? [])),
    ) as { data: unknown[] };
    expect(stored.data.length).toBeGreaterThan(5);
    for (const event of stored.data) {
      const result = await check(CourseEvent, event);
      expect(result.ok).toBe(true);
    }
  });

  test('returns the parsed value (trimmed text) for a valid protocol', async () => {
    const stored = JSON.parse(JSON.stringify(protocols.ipt)) as Record<string, unknown>;
    const input = { ...stored, name: '  Standard IPT  ' };
    const result = await check(Protocol, input);
    expect(result).toMatchObject({ ok: true, value: { name: 'Standard IPT' } });
  });

  test('reports every problem with its path for an invalid value', async () => {
    const inventory = {
      people: { p1: { id: 'p1', label: '', relationship: 'cousin' } },
      circle: { ringCount: 0, placements: {} },
    };
    const result = await check(Inventory, inventory);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.paths).toEqual(
      expect.arrayContaining([
        'people.p1.label',
        'people.p1.relationship',
        'people.p1.vitalStatus',
        'circle.ringCount',
      ]),
    );
  });
});
