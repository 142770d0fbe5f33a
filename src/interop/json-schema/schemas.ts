/**
 * The JSON Schema files iptkit publishes (`iptkit/schemas/<name>.json`), generated from the zod
 * schemas so that services in other languages can check iptkit data without iptkit.
 */
import * as z from 'zod';
import { MeasureRecord } from '../../course/state.js';
import { CommunicationAnalysis } from '../../communication/analysis.js';
import {
  documentTypes,
  latestDocumentVersion,
  type DocumentSchemaName,
} from '../../document/document.js';
import { deepFreeze, type DeepReadonly } from '../../internal/deep-freeze.js';
import { Circle } from '../../inventory/circle.js';
import { Inventory } from '../../inventory/inventory.js';
import { Timeline } from '../../inventory/timeline.js';
import { Instrument } from '../../measures/instrument.js';
import { Protocol } from '../../protocol/protocol-schema.js';
import { CohortSummarySchema } from './cohort-summary.js';
import { convertToJsonSchema, type JsonSchemaIo } from './convert.js';

export type { JsonSchemaIo } from './convert.js';

/**
 * The names of the published JSON Schemas, one file each (`<name>.json`, and `<name>.input.json`
 * where what iptkit accepts differs from what it writes).
 * @category Interop
 */
export const publishedSchemaNames = Object.freeze([
  'course-events',
  'course-snapshot',
  'protocol',
  'instrument',
  'inventory',
  'circle',
  'timeline',
  'communication-analysis',
  'measure-result',
  'cohort-summary',
] as const);

/**
 * The name of a published JSON Schema, e.g. `course-events`.
 * @category Interop
 */
export type PublishedSchemaName = (typeof publishedSchemaNames)[number];

/**
 * A group of checks iptkit's zod schemas make that JSON Schema cannot express (they compare one
 * field with another, count duplicates, or look across a list). A value that passes a published
 * JSON Schema can still be refused by iptkit for one of these.
 * @category Interop
 */
export type ZodOnlyCheck =
  | 'protocol'
  | 'instrument'
  | 'mood-scale'
  | 'timeline'
  | 'circle'
  | 'inventory'
  | 'focus'
  | 'session-techniques'
  | 'communication-analysis';

/**
 * What each group of zod-only checks requires, in words (these sentences also go into the
 * `description` of every JSON Schema they apply to).
 * @category Interop
 */
export const zodOnlyCheckText: DeepReadonly<Record<ZodOnlyCheck, readonly string[]>> = deepFreeze({
  protocol: [
    'protocol: no range is inverted (sessions, sessionMinutes, termination notice, preliminary sessions)',
    'protocol: cadence.default is one of cadence.allowed, and no cadence, phase, problem area, component or follow-on kind is listed twice',
    'protocol: the phases start with initial, end with termination, include middle, and put maintenance after middle',
    "protocol: the initial phase, every phase's maxSessions and the termination notice fit in the sessions allowed",
    'protocol: problem-area labels name only areas the protocol includes, and foci.max is at most the number of areas',
  ],
  instrument: [
    'instrument: item ids, the option values of each item, band-set ids, band ids and flag ids are unique',
    'instrument: at least one item counts toward the total, and prorating allows fewer missing items than there are counting items',
    'instrument: every band set covers the possible totals from the lowest to the highest without gaps or overlaps',
    'instrument: defaultBandSet names one of bandSets and is present whenever there are band sets',
    'instrument: every flag names an item, and some answer of that item reaches it',
  ],
  'mood-scale': ['mood scale: max is greater than min'],
  timeline: [
    'timeline: life events and mood ratings are each in date order, and every mood rating lies within the mood scale',
  ],
  circle: ['circle: every placement is a ring below ringCount'],
  inventory: [
    'inventory: every entry is stored under its own id, and every person placed in the circle is in the inventory',
  ],
  focus: ["focus: a grief focus about a death (loss absent or 'death') names the person who died"],
  'session-techniques': ['session: no technique is listed twice'],
  'communication-analysis': [
    "communication analysis: intended and heardAs appear on the client's turns only, every problem's turn names one of the turns, and no alternative lists a skill twice",
  ],
});

/**
 * One published JSON Schema: its name and version, the zod schema it is generated from, and the
 * checks only that zod schema makes.
 * @category Interop
 */
export interface PublishedSchema {
  readonly name: PublishedSchemaName;
  /** The version of the schema (for the documents, the latest version of the document type). */
  readonly version: number;
  readonly title: string;
  /** One sentence on what the schema describes. */
  readonly summary: string;
  /** For a stored document, the name in its envelope (`iptkit/<name>`). */
  readonly document?: DocumentSchemaName;
  /** The zod schema the JSON Schema is generated from. */
  readonly schema: z.ZodType;
  /** The groups of checks the zod schema makes and the JSON Schema cannot. */
  readonly zodOnly: readonly ZodOnlyCheck[];
  /** Anything else a reader of the JSON Schema should know. */
  readonly notes: readonly string[];
}

/** The envelope of the latest version of a document type, with its literal name and version. */
function envelope(name: DocumentSchemaName) {
  const versions: readonly { readonly data: z.ZodType }[] = documentTypes[name];
  const version = latestDocumentVersion[name];
  const data = versions[version - 1]?.data ?? z.never();
  return z.strictObject({ schema: z.literal(name), version: z.literal(version), data });
}

const courseParts: readonly ZodOnlyCheck[] = [
  'protocol',
  'mood-scale',
  'focus',
  'session-techniques',
  'communication-analysis',
];

const entries: readonly PublishedSchema[] = [
  {
    name: 'course-events',
    version: latestDocumentVersion['iptkit/course-events'],
    title: 'iptkit course events document',
    summary:
      "A stored course of treatment: the envelope { schema: 'iptkit/course-events', version, data } around the course's events, oldest first.",
    document: 'iptkit/course-events',
    schema: envelope('iptkit/course-events'),
    zodOnly: courseParts,
    notes: [
      "The course rules (sessions numbered and dated in order, phases only moving forward, a focus and an accepted formulation before the middle phase, the protocol's time limit and the rest) are checked when iptkit replays the events, not by this schema or its zod twin.",
    ],
  },
  {
    name: 'course-snapshot',
    version: latestDocumentVersion['iptkit/course-snapshot'],
    title: 'iptkit course snapshot document',
    summary:
      "A stored course state: the envelope { schema: 'iptkit/course-snapshot', version, data } around the state (null before the course starts).",
    document: 'iptkit/course-snapshot',
    schema: envelope('iptkit/course-snapshot'),
    zodOnly: [...courseParts, 'circle', 'inventory', 'timeline'],
    notes: [],
  },
  {
    name: 'protocol',
    version: 1,
    title: 'iptkit protocol',
    summary:
      'An IPT protocol (manual or variant): sessions, cadence, phases, termination notice, problem areas and components, each with its sources.',
    schema: Protocol,
    zodOnly: ['protocol'],
    notes: [],
  },
  {
    name: 'instrument',
    version: 1,
    title: 'iptkit instrument definition',
    summary:
      'An outcome-measure definition: items with response options, the scoring rule, severity bands with their source, and flags.',
    schema: Instrument,
    zodOnly: ['instrument'],
    notes: [],
  },
  {
    name: 'inventory',
    version: 1,
    title: 'iptkit interpersonal inventory',
    summary:
      'An interpersonal inventory: the people in the client’s life keyed by id, with the closeness circle.',
    schema: Inventory,
    zodOnly: ['inventory', 'circle'],
    notes: [],
  },
  {
    name: 'circle',
    version: 1,
    title: 'iptkit closeness circle',
    summary: 'A closeness circle: the number of rings and the ring of each person, by id.',
    schema: Circle,
    zodOnly: ['circle'],
    notes: [],
  },
  {
    name: 'timeline',
    version: 1,
    title: 'iptkit timeline',
    summary: 'A timeline: the mood scale, life events and mood ratings, each list in date order.',
    schema: Timeline,
    zodOnly: ['timeline', 'mood-scale'],
    notes: [],
  },
  {
    name: 'communication-analysis',
    version: 1,
    title: 'iptkit communication analysis',
    summary:
      'A communication analysis: an interaction reconstructed turn by turn, the problems found and the alternatives.',
    schema: CommunicationAnalysis,
    zodOnly: ['communication-analysis'],
    notes: [],
  },
  {
    name: 'measure-result',
    version: 1,
    title: 'iptkit measure result',
    summary:
      'One administration of an instrument as a course stores it: the responses, the missing-item policy and the score (total, band, flags, missing items).',
    schema: MeasureRecord,
    zodOnly: [],
    notes: [
      'That the score follows from the responses is not checked by this schema or its zod twin; iptkit computes the score itself when it records a measure.',
    ],
  },
  {
    name: 'cohort-summary',
    version: 1,
    title: 'iptkit cohort summary',
    summary:
      'A cohort summary as summarizeCohort returns it: endings, attendance, primary problem areas and, for one instrument, response, remission, reliable improvement, mean change and effect size.',
    schema: CohortSummarySchema,
    zodOnly: [],
    notes: [],
  },
];

/**
 * Every published JSON Schema by name: the zod schema it comes from, its version, and the checks
 * only zod makes.
 * @category Interop
 */
export const publishedSchemas: Readonly<Record<PublishedSchemaName, PublishedSchema>> =
  Object.freeze(
    Object.fromEntries(
      entries.map((entry) => [
        entry.name,
        // The zod schema itself is left as it is: freezing zod's internals would break it.
        Object.freeze({
          ...entry,
          zodOnly: Object.freeze([...entry.zodOnly]),
          notes: Object.freeze([...entry.notes]),
        }),
      ]),
    ) as Record<PublishedSchemaName, PublishedSchema>,
  );

/**
 * Tells whether a string names a published JSON Schema.
 * @param name - Any string.
 * @returns `true` for one of {@link publishedSchemaNames}.
 * @category Interop
 */
export function isPublishedSchemaName(name: string): name is PublishedSchemaName {
  return (publishedSchemaNames as readonly string[]).includes(name);
}

/**
 * The `$id` of a published JSON Schema: a URN, `urn:iptkit:schema:<name>:v<version>`, with
 * `:input` appended for the input variant. It names the schema; it is not a URL to fetch (the
 * files ship in the package as `iptkit/schemas/<name>.json`).
 * @param name - The schema name.
 * @param version - Its version.
 * @param io - Which side: `output` (what iptkit writes) or `input` (what it accepts).
 * @returns The id.
 * @category Interop
 */
export function jsonSchemaId(name: PublishedSchemaName, version: number, io: JsonSchemaIo): string {
  return `urn:iptkit:schema:${name}:v${version}${io === 'input' ? ':input' : ''}`;
}

/**
 * A generated JSON Schema document (draft 2020-12) with its identification at the root.
 * @category Interop
 */
export interface JsonSchemaDocument {
  readonly $schema: 'https://json-schema.org/draft/2020-12/schema';
  readonly $id: string;
  readonly title: string;
  readonly description: string;
  readonly [keyword: string]: unknown;
}

/**
 * The JSON Schemas of one published schema: `output` (`<name>.json`, what iptkit writes and
 * returns) and, where it differs, `input` (`<name>.input.json`, what iptkit accepts: text may
 * have whitespace around it, which iptkit trims).
 * @category Interop
 */
export interface GeneratedJsonSchema {
  readonly name: PublishedSchemaName;
  readonly version: number;
  readonly output: JsonSchemaDocument;
  readonly input?: JsonSchemaDocument;
}

const LENGTH_NOTE =
  'String lengths: iptkit counts UTF-16 code units and JSON Schema counts code points, so text with characters beyond U+FFFF (emoji, say) may pass here and still be too long for iptkit.';

function describe(
  entry: PublishedSchema,
  io: JsonSchemaIo,
  hasInput: boolean,
  unrepresentable: readonly string[],
): string {
  const parts = [entry.summary];
  if (hasInput) {
    parts.push(
      io === 'output'
        ? `This schema describes what iptkit writes (text trimmed); ${entry.name}.input.json describes what it accepts.`
        : `This schema describes what iptkit accepts (text is trimmed before its length is checked); ${entry.name}.json describes what it writes.`,
    );
  }
  const checks = entry.zodOnly.flatMap((group) => zodOnlyCheckText[group]);
  if (checks.length > 0) {
    parts.push(
      `Checked by iptkit but not by this JSON Schema: ${checks.map((check) => `(${check})`).join('; ')}.`,
    );
  }
  if (unrepresentable.length > 0) {
    parts.push(
      `Not checked by this JSON Schema (no JSON Schema form): ${unrepresentable.map((at) => (at === '' ? '(the whole value)' : at)).join(', ')}.`,
    );
  }
  parts.push(...entry.notes, LENGTH_NOTE);
  return parts.join(' ');
}

function document(
  entry: PublishedSchema,
  io: JsonSchemaIo,
  body: Readonly<Record<string, unknown>>,
  description: string,
): JsonSchemaDocument {
  const { $schema: _dialect, $id: _id, title: _title, description: _description, ...rest } = body;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: jsonSchemaId(entry.name, entry.version, io),
    title: io === 'input' ? `${entry.title} (input)` : entry.title,
    description,
    ...rest,
  };
}

/**
 * Generates the JSON Schema (draft 2020-12) of one published schema, for what iptkit writes and,
 * where it differs, for what it accepts. Pure and platform-neutral; never throws (a part zod
 * cannot describe accepts anything and is named in the `description`).
 * @param name - The schema name.
 * @returns The schemas, deeply frozen.
 * @example
 * ```ts
 * const { output } = generateJsonSchema('course-events');
 * output.$id; // 'urn:iptkit:schema:course-events:v1'
 * ```
 * @category Interop
 */
export function generateJsonSchema(name: PublishedSchemaName): DeepReadonly<GeneratedJsonSchema> {
  const entry = publishedSchemas[name];
  const output = convertToJsonSchema(entry.schema, 'output');
  const input = convertToJsonSchema(entry.schema, 'input');
  const differs = JSON.stringify(output.schema) !== JSON.stringify(input.schema);
  const generated: GeneratedJsonSchema = {
    name,
    version: entry.version,
    output: document(
      entry,
      'output',
      output.schema,
      describe(entry, 'output', differs, output.unrepresentable),
    ),
    ...(differs
      ? {
          input: document(
            entry,
            'input',
            input.schema,
            describe(entry, 'input', differs, input.unrepresentable),
          ),
        }
      : {}),
  };
  return deepFreeze(generated);
}

/**
 * Generates every published JSON Schema (see {@link generateJsonSchema}).
 * @returns The schemas by name, deeply frozen.
 * @category Interop
 */
export function generateJsonSchemas(): DeepReadonly<
  Record<PublishedSchemaName, GeneratedJsonSchema>
> {
  const all = {} as Record<PublishedSchemaName, DeepReadonly<GeneratedJsonSchema>>;
  for (const name of publishedSchemaNames) all[name] = generateJsonSchema(name);
  return Object.freeze(all);
}

/**
 * The files of every published JSON Schema: `<name>.json` and, where it differs,
 * `<name>.input.json`, each with its schema (what the build writes to `dist/schemas/`).
 * @returns File names (no folder) with their schemas, in the order of {@link publishedSchemaNames}.
 * @category Interop
 */
export function jsonSchemaFiles(): readonly {
  readonly file: string;
  readonly schema: DeepReadonly<JsonSchemaDocument>;
}[] {
  const files: { file: string; schema: DeepReadonly<JsonSchemaDocument> }[] = [];
  for (const [name, generated] of Object.entries(generateJsonSchemas())) {
    files.push({ file: `${name}.json`, schema: generated.output });
    if (generated.input !== undefined)
      files.push({ file: `${name}.input.json`, schema: generated.input });
  }
  return Object.freeze(files);
}
