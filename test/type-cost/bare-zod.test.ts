/**
 * The bare-zod generator behind the type-cost check (`scripts/type-cost.ts`): what it writes for
 * each kind of schema, how it shares named schemas and brands ids, what it refuses, and that the
 * schemas it writes for iptkit's course accept the same real data as iptkit's own.
 */
import { transform } from 'esbuild';
import { describe, expect, test } from 'vitest';
import * as z from 'zod';
import { Course, CourseCommand, CourseEvent, PersonId } from '../../src/index.js';
import { syntheticCohort } from '../../src/testing/synthetic-cohort.js';
import { bareZodSource, isZodSchema, UnsupportedSchemaError } from './bare-zod.js';
import { firstWeeks } from './consumer.js';

/** The generated text for one schema, exported as `S`, without the import line and type line. */
function written(schema: z.ZodType, options: { brands?: Record<string, string> } = {}): string {
  const source = bareZodSource({ exports: { S: schema }, ...options });
  const match = /export const S = ([\s\S]*?);\nexport type S/.exec(source);
  if (match?.[1] === undefined) throw new Error(`no export in:\n${source}`);
  return match[1];
}

/** Runs generated source (TypeScript) with this test's zod and returns its exports. */
async function evaluate(source: string): Promise<Record<string, unknown>> {
  const { code } = await transform(source, { loader: 'ts', format: 'cjs' });
  const module = { exports: {} as Record<string, unknown> };
  const load = (name: string) => {
    if (name !== 'zod') throw new Error(`unexpected import ${name}`);
    return z;
  };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- runs the generator's own output
  const run = new Function('module', 'exports', 'require', code) as (
    module: { exports: Record<string, unknown> },
    exports: Record<string, unknown>,
    require: typeof load,
  ) => void;
  run(module, module.exports, load);
  return module.exports;
}

describe('bareZodSource: one kind of schema at a time', () => {
  test.each([
    ['string', z.string().min(1).max(9), 'z.string()'],
    ['ISO date (format keeps its constructor)', z.iso.date(), 'z.iso.date()'],
    ['ISO date-time', z.iso.datetime({ offset: true }), 'z.iso.datetime()'],
    ['email', z.email(), 'z.email()'],
    ['regex check only', z.string().regex(/^a$/), 'z.string()'],
    ['number', z.number().min(0), 'z.number()'],
    ['integer', z.int().max(5), 'z.int()'],
    ['boolean', z.boolean(), 'z.boolean()'],
    ['null', z.null(), 'z.null()'],
    ['unknown', z.unknown(), 'z.unknown()'],
    ['literal', z.literal('a'), 'z.literal("a")'],
    ['literal set', z.literal(['a', 1]), 'z.literal(["a", 1])'],
    ['enum', z.enum(['x', 'y']), 'z.enum(["x", "y"])'],
    ['array', z.array(z.string()).max(3), 'z.array(z.string())'],
    ['optional', z.string().optional(), 'z.string().optional()'],
    ['nullable', z.number().nullable(), 'z.number().nullable()'],
    ['readonly', z.array(z.string()).readonly(), 'z.array(z.string()).readonly()'],
    ['default', z.number().default(3), 'z.number().default(3)'],
    [
      'computed default (written as the value it computes)',
      z.array(z.string()).default(() => []),
      'z.array(z.string()).default([])',
    ],
    ['record', z.record(z.string(), z.number()), 'z.record(z.string(), z.number())'],
    [
      'partial record',
      z.partialRecord(z.enum(['a']), z.number()),
      'z.partialRecord(z.enum(["a"]), z.number())',
    ],
    ['pipe', z.string().pipe(z.iso.date()), 'z.string().pipe(z.iso.date())'],
    ['trimmed, refined, with metadata', z.string().trim().meta({ x: 1 }), 'z.string()'],
  ])('%s', (_, schema, expected) => {
    expect(written(schema)).toBe(expected);
  });

  test('objects keep their strictness and their keys', () => {
    expect(written(z.strictObject({ a: z.string(), 'b-c': z.number() }))).toBe(
      'z.strictObject({\n  a: z.string(),\n  "b-c": z.number(),\n})',
    );
    expect(written(z.object({ a: z.string() }))).toBe('z.object({\n  a: z.string(),\n})');
    expect(written(z.looseObject({ a: z.string() }))).toBe('z.looseObject({\n  a: z.string(),\n})');
    expect(written(z.object({}).catchall(z.number()))).toBe('z.object({}).catchall(z.number())');
  });

  test('a "__proto__" key is written as a computed key, so it stays a key', () => {
    const shape = JSON.parse('{"__proto__": 1}') as Record<string, number>;
    const schema = z.strictObject(Object.fromEntries(Object.keys(shape).map((k) => [k, z.null()])));
    expect(written(schema)).toBe("z.strictObject({\n  ['__proto__']: z.null(),\n})");
  });

  test('unions keep their kind: plain, discriminated, exclusive', () => {
    const a = z.strictObject({ kind: z.literal('a') });
    const b = z.strictObject({ kind: z.literal('b') });
    expect(written(z.union([z.string(), z.number()]))).toBe(
      'z.union([\n  z.string(),\n  z.number(),\n])',
    );
    expect(written(z.discriminatedUnion('kind', [a, b]))).toMatch(
      /^z\.discriminatedUnion\("kind", \[\n {2}z\.strictObject/,
    );
    expect(written(z.xor([z.string(), z.number()]))).toMatch(/^z\.xor\(\[/);
  });
});

describe('bareZodSource: names and brands', () => {
  test('a named schema becomes one constant, declared before its first use', () => {
    const Shared = z.enum(['a', 'b']);
    const Outer = z.strictObject({ one: Shared, two: Shared.optional() });
    const source = bareZodSource({ exports: { Outer }, named: { Shared, notASchema: 3 } });
    expect(source).toBe(
      [
        "import * as z from 'zod';",
        '',
        'const Shared = z.enum(["a", "b"]);',
        '',
        'export const Outer = z.strictObject({',
        '  one: Shared,',
        '  two: Shared.optional(),',
        '});',
        'export type Outer = z.infer<typeof Outer>;',
        '',
        '',
      ].join('\n'),
    );
  });

  test('brands are added by schema name (zod keeps them in types only)', () => {
    const source = bareZodSource({
      exports: { Holder: z.strictObject({ id: PersonId }) },
      named: { PersonId },
      brands: { PersonId: 'PersonId' },
    });
    expect(source).toContain('const PersonId = z.string().brand<"PersonId">();');
    expect(source).toContain('  id: PersonId,');
  });

  test('isZodSchema tells schemas from other values', () => {
    expect(isZodSchema(z.string())).toBe(true);
    expect(isZodSchema({ _zod: {} })).toBe(false);
    expect(isZodSchema('z.string()')).toBe(false);
  });
});

describe('bareZodSource: what it refuses', () => {
  test.each([
    ['a transform', z.string().transform((text) => text.length)],
    ['a lazy schema', z.lazy(() => z.string())],
    ['a custom schema', z.custom<string>(() => true)],
    ['a template literal', z.templateLiteral(['id-', z.number()])],
  ])('%s', (_, schema) => {
    expect(() => written(schema as z.ZodType)).toThrow(UnsupportedSchemaError);
  });

  test('a named schema that refers to itself', () => {
    const Tree = z.strictObject({
      name: z.string(),
      get children(): z.ZodArray<typeof Tree> {
        return z.array(Tree);
      },
    });
    expect(() => bareZodSource({ exports: { Tree } })).toThrow(/refers to itself/);
  });
});

describe("bareZodSource on iptkit's course schemas", () => {
  const source = bareZodSource({
    exports: { CourseCommand, CourseEvent, Course },
    named: { PersonId },
    brands: { PersonId: 'PersonId' },
  });

  test('the generated schemas accept the same real courses, events and commands', async () => {
    const bare = await evaluate(source);
    const schemas = {
      CourseCommand: bare.CourseCommand,
      CourseEvent: bare.CourseEvent,
      Course: bare.Course,
    };
    for (const schema of Object.values(schemas)) expect(isZodSchema(schema)).toBe(true);
    const generated = schemas as Record<keyof typeof schemas, z.ZodType>;

    const cohort = syntheticCohort(7, 5);
    expect(cohort.length).toBe(5);
    for (const course of cohort) {
      expect(Course.safeParse(course.state).success).toBe(true);
      expect(generated.Course.safeParse(course.state).success).toBe(true);
      for (const event of course.events) {
        expect(generated.CourseEvent.safeParse(event).success).toBe(true);
      }
    }
    for (const command of firstWeeks) {
      expect(CourseCommand.safeParse(command).success).toBe(true);
      expect(generated.CourseCommand.safeParse(command).success).toBe(true);
    }
  });

  test('the generated schemas reject what has the wrong shape, as iptkit does', async () => {
    const bare = (await evaluate(source)) as Record<'CourseEvent' | 'Course', z.ZodType>;
    const [course] = syntheticCohort(7, 1);
    const [started] = course?.events ?? [];
    const wrongType = { ...started, type: 'no-such-event' };
    const extraKey = { ...started, unknownKey: 1 };
    for (const value of [wrongType, extraKey]) {
      expect(CourseEvent.safeParse(value).success).toBe(false);
      expect(bare.CourseEvent.safeParse(value).success).toBe(false);
    }
    const { phase, ...withoutPhase } = course?.state ?? {};
    expect(phase).toBeDefined();
    expect(bare.Course.safeParse(withoutPhase).success).toBe(false);
  });
});
