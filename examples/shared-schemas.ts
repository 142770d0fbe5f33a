/**
 * A service that receives iptkit documents from other systems and checks them twice: with the
 * published JSON Schema (what a service in any language can do, here with ajv) and with iptkit's
 * zod schemas (`parseDocument`). The two agree on what is valid and point at the same places.
 * Neither checks the course rules: for an event stream, `replay` does that.
 *
 * Run it with `npx tsx examples/shared-schemas.ts`.
 */
import { pathToFileURL } from 'node:url';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import {
  execute,
  jsonSchemaFiles,
  parseDocument,
  replay,
  toDocument,
  type CourseCommandInput,
  type CourseEvent,
  type CourseState,
  type DeepReadonly,
} from '../src/index.js';

/** One problem, with its place in the document as a JSON Pointer (`/data/0/number`). */
export interface Problem {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** What one validator said. */
export interface Verdict {
  readonly valid: boolean;
  readonly problems: readonly Problem[];
}

/** What the service found in one payload. */
export interface Receipt {
  /** The published JSON Schema (`course-events.input.json`) via ajv. */
  readonly jsonSchema: Verdict;
  /** iptkit's zod schemas via `parseDocument`. */
  readonly zod: Verdict;
  /** The course rules via `replay`, for an event stream that passed `parseDocument`. */
  readonly rules?: Verdict;
}

/**
 * Tells ajv which property tells the branches of each `oneOf` apart (an ajv feature, the
 * `discriminator` keyword), so that an invalid event is reported against its own event type
 * instead of against all twenty. Valid and invalid stay the same: each branch has its own
 * constant for that property.
 */
function tagUnions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tagUnions);
  if (typeof node !== 'object' || node === null) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) copy[key] = tagUnions(value);
  const branches = copy.oneOf;
  if (Array.isArray(branches) && branches.length > 1) {
    const shapes = branches as readonly {
      readonly properties?: Readonly<Record<string, { readonly const?: unknown }>>;
      readonly required?: readonly string[];
    }[];
    const tag = Object.keys(shapes[0]?.properties ?? {}).find((key) =>
      shapes.every(
        (branch) => branch.properties?.[key]?.const !== undefined && branch.required?.includes(key),
      ),
    );
    if (tag !== undefined)
      Object.assign(copy, { type: 'object', discriminator: { propertyName: tag } });
  }
  return copy;
}

/** The JSON Schema file a service downloads (`node_modules/iptkit/dist/schemas/<file>`). */
function publishedSchema(file: string): unknown {
  const found = jsonSchemaFiles().find((entry) => entry.file === file);
  if (found === undefined) throw new Error(`iptkit publishes no ${file}`);
  return structuredClone(found.schema);
}

function fromAjv(errors: readonly ErrorObject[] | null | undefined): Problem[] {
  return (errors ?? []).map((error) => ({
    path: error.instancePath,
    code: error.keyword,
    message: error.message ?? '',
  }));
}

function pointer(path: readonly (string | number)[]): string {
  return path.map((part) => `/${String(part).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/**
 * Creates the service's checker. The schema is compiled once.
 * @param options - `tagged: false` compiles the published schema as it is (same verdicts, but
 * an invalid event is reported against every event type).
 * @returns A function that checks one payload (JSON text).
 */
export function createReceiver(options: { readonly tagged?: boolean } = {}) {
  const tagged = options.tagged ?? true;
  const ajv = new Ajv2020({ strict: true, allErrors: true, discriminator: tagged });
  addFormats(ajv);
  // iptkit marks fields holding names or free text; strict ajv must be told the keyword exists.
  ajv.addKeyword({ keyword: 'sensitive', schemaType: 'string' });
  const schema = publishedSchema('course-events.input.json');
  const validate = ajv.compile(tagged ? (tagUnions(schema) as object) : (schema as object));

  return (text: string): Receipt => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      const notJson = {
        valid: false,
        problems: [{ path: '', code: 'not-json', message: 'is not JSON' }],
      };
      return { jsonSchema: notJson, zod: notJson };
    }
    const jsonSchemaValid = validate(json);
    const jsonSchema = { valid: jsonSchemaValid, problems: fromAjv(validate.errors) };

    const parsed = parseDocument(json);
    const zod = parsed.ok
      ? { valid: true, problems: [] }
      : {
          valid: false,
          problems: parsed.error.issues.map((found) => ({
            path: pointer(found.path),
            code: found.code,
            message: found.message,
          })),
        };
    if (!parsed.ok || parsed.value.schema !== 'iptkit/course-events') return { jsonSchema, zod };

    const rebuilt = replay(parsed.value.data);
    const rules: Verdict = rebuilt.ok
      ? { valid: true, problems: [] }
      : {
          valid: false,
          problems: [
            {
              path: `/data/${rebuilt.error.index ?? ''}`,
              code: rebuilt.error.cause.kind === 'rule' ? rebuilt.error.cause.code : 'invalid',
              message: rebuilt.error.cause.kind === 'rule' ? rebuilt.error.cause.message : '',
            },
          ],
        };
    return { jsonSchema, zod, rules };
  };
}

/** A short course, as the app that sends it would have stored it. */
function storedCourse(): DeepReadonly<CourseEvent>[] {
  const commands: CourseCommandInput[] = [
    {
      type: 'start-course',
      courseId: 'course-7',
      protocol: 'ipt-brief',
      startDate: '2026-04-06',
      timeLimit: { sessions: 8, cadence: 'weekly' },
    },
    { type: 'record-session', sessionId: 's-1', number: 1, date: '2026-04-06', status: 'attended' },
    { type: 'record-session', sessionId: 's-2', number: 2, date: '2026-04-13', status: 'missed' },
  ];
  let state: CourseState = null;
  const events: DeepReadonly<CourseEvent>[] = [];
  for (const command of commands) {
    const result = execute(state, command);
    if (!result.ok) throw new Error(`the example course was refused: ${result.error.code}`);
    state = result.value.state;
    events.push(...result.value.events);
  }
  return events;
}

/** The three payloads the example sends: good, malformed, and well-formed but against a rule. */
export function examplePayloads(): {
  readonly good: string;
  readonly bad: string;
  readonly againstRule: string;
} {
  const events = storedCourse();
  const good = toDocument('iptkit/course-events', events);
  const [started, first, second] = events;
  // A session numbered 0, dated 30 February, with a key iptkit does not know.
  const bad = {
    ...good,
    data: [started, { ...first, number: 0, date: '2026-02-30', room: '4B' }, second],
  };
  // Well formed, but session 2 is recorded as session 3.
  const againstRule = { ...good, data: [started, first, { ...second, number: 3 }] };
  return {
    good: JSON.stringify(good),
    bad: JSON.stringify(bad),
    againstRule: JSON.stringify(againstRule),
  };
}

function verdictLines(name: string, verdict: Verdict | undefined): string[] {
  if (verdict === undefined) return [`  ${name.padEnd(12)} not checked`];
  return [
    `  ${name.padEnd(12)} ${verdict.valid ? 'valid' : 'invalid'}`,
    ...verdict.problems.map((found) => {
      // ajv quotes the whole pattern; a short form is enough on screen.
      const message =
        found.message.length > 60 ? `${found.message.slice(0, 57)}...` : found.message;
      return `    ${found.path || '/'}  ${found.code}: ${message}`;
    }),
  ];
}

/** Runs the example and describes what the service found. */
export function sharedSchemaLines(): string[] {
  const receive = createReceiver();
  const payloads = examplePayloads();
  const lines: string[] = [];
  for (const [label, text] of Object.entries(payloads)) {
    const receipt = receive(text);
    lines.push(
      `Payload "${label}":`,
      ...verdictLines('JSON Schema', receipt.jsonSchema),
      ...verdictLines('zod', receipt.zod),
      ...verdictLines('rules', receipt.rules),
    );
  }
  return lines;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(sharedSchemaLines().join('\n'));
}
