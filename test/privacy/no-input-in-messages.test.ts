/**
 * Privacy property across every public entry that takes outside data: inputs laced with a marker
 * (client text in names, labels, free text, enum fields and ids; unknown keys, text-shaped and
 * id-shaped, at every depth, as extra keys and as renamed keys) never put the marker into an error
 * message, an issue's message or path, a warning, a rule violation, or a thrown error's message.
 * An unknown key is reported by count or position, never by its text (an id-shaped key may stand
 * in a path where it is an id: a key of a record keyed by id).
 *
 * For each entry: every single-change variant of one or more valid inputs (test/privacy/taint.ts),
 * then random marker-laden data (fast-check).
 */
import fc from 'fast-check';
import { test as propTest } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { summarizeCohort } from '../../src/analysis/cohort.js';
import { summarizeNdjson } from '../../src/analysis/ndjson.js';
import { clinicalCutoffs, outcome, reliableChangeIndex } from '../../src/analysis/outcome.js';
import { assessCommunicationStyle, defineStyleItemSet } from '../../src/communication/style.js';
import { communicationStyleReflection } from '../../src/communication/style-reflection-items.js';
import {
  addAlternative,
  CommunicationAnalysis,
  defineCommunicationAnalysis,
} from '../../src/communication/analysis.js';
import { CourseCommand } from '../../src/course/commands.js';
import { decide, decideWithWarnings, execute } from '../../src/course/decide.js';
import { CourseEvent } from '../../src/course/events.js';
import { replay } from '../../src/course/replay.js';
import { Course, type CourseState } from '../../src/course/state.js';
import {
  migrateDocument,
  parseDocument,
  parseDocumentOrThrow,
  toDocument,
} from '../../src/document/document.js';
import { fromQuestionnaireResponse } from '../../src/fhir/read-questionnaire-response.js';
import { toQuestionnaireResponse } from '../../src/fhir/questionnaire-response.js';
import { toObservation } from '../../src/fhir/observation.js';
import { toRiskFlag } from '../../src/fhir/flag.js';
import { toCarePlan } from '../../src/fhir/care-plan.js';
import { toPlanDefinition } from '../../src/fhir/plan-definition.js';
import { toRelatedPersons } from '../../src/fhir/related-person.js';
import { parseWith, safeParseWith } from '../../src/internal/parse.js';
import {
  addPerson,
  emptyInventory,
  Inventory,
  updatePerson,
} from '../../src/inventory/inventory.js';
import { InventoryEntry } from '../../src/inventory/person.js';
import {
  addLifeEvent,
  addMoodRating,
  createTimeline,
  Timeline,
} from '../../src/inventory/timeline.js';
import {
  defineInstrument,
  Instrument,
  parseInstrument,
  scoreInstrument,
} from '../../src/measures/instrument.js';
import { gad7 } from '../../src/measures/gad7.js';
import { phq9, scorePhq9 } from '../../src/measures/phq9.js';
import { scoreSrm5 } from '../../src/measures/srm5.js';
import { deidentify, deidentifyEvents } from '../../src/privacy/index.js';
import { Focus } from '../../src/problem-area/focus.js';
import { Protocol } from '../../src/protocol/protocol-schema.js';
import { defineProtocol, parseProtocol, protocols } from '../../src/protocol/protocols.js';
import { phq9Answers, shortProtocol } from '../support/course-arbitraries.js';
import { fullCourse, fullCourseCommands } from './support.js';
import {
  applyEdits,
  edits,
  KEY_ID,
  leaksIn,
  taintedAnything,
  TEXT,
  variantsOf,
  type Leak,
} from './taint.js';

/** What an entry reported for one input: the error, warnings, or what it threw. */
type Reported = unknown;

/** Runs a synchronous entry and keeps what it reported (a thrown error included). */
function reported(run: () => unknown): Reported {
  try {
    const result = run();
    if (typeof result === 'object' && result !== null && 'ok' in result) {
      const outcomeOf = result as { ok: boolean; error?: unknown; value?: unknown };
      if (!outcomeOf.ok) return outcomeOf.error;
      const value: unknown = outcomeOf.value;
      return typeof value === 'object' && value !== null && 'warnings' in value
        ? value.warnings
        : undefined;
    }
    return undefined;
  } catch (error) {
    return error;
  }
}

interface Entry {
  readonly name: string;
  /** Valid inputs to make variants of. */
  readonly bases: readonly unknown[];
  /** Calls the entry with one input and returns what it reported. */
  readonly call: (input: unknown) => Reported;
}

const executed = fullCourse();
const course = executed.state!;
const events = executed.events;
const commands = fullCourseCommands();
/** The state before each command of the full course (so each command is valid where it stands). */
const statesBefore: CourseState[] = [];
{
  let state: CourseState = null;
  for (const command of commands) {
    statesBefore.push(state);
    const result = execute(state, command);
    if (!result.ok) throw new Error('the full course is invalid');
    state = result.value.state;
  }
}
const inventory = course.inventory;
const timeline = course.timeline;
const analysis = Object.values(course.communicationAnalyses)[0]!;
const partner = Object.values(inventory.people).find((person) => person.id === 'p-partner')!;
const phq9Score = scorePhq9(phq9Answers(1, 2));
if (!phq9Score.ok) throw new Error('scoring failed');
const qrOptions = { id: 'qr-1', subject: 'Patient/p-1', authored: '2026-03-02T10:00:00+01:00' };
const questionnaireResponse = toQuestionnaireResponse(phq9Score.value, qrOptions);
if (!questionnaireResponse.ok) throw new Error('mapping failed');
const styleResponses = Object.fromEntries(
  communicationStyleReflection.items.map((item, index) => [item.id, index % 4]),
);
const regularDay = {
  'out-of-bed': '07:00',
  'first-contact': '07:30',
  'start-work': '09:00',
  dinner: '19:00',
  'to-bed': '23:00',
};
const srmWeek = Array.from({ length: 7 }, () => ({ ...regularDay }));
const plain = <TValue>(value: TValue): TValue => structuredClone(value);

/** Every command with the state before it, as one input (so the command varies in context). */
const commandCases = commands.map((command, index) => ({ index, command }));

const schemaCases: [string, { safeParse: unknown }, unknown][] = [
  ['Course', Course, plain(course)],
  ['CourseEvent', CourseEvent, plain(events[2])],
  ['CourseCommand', CourseCommand, plain(commands[2])],
  ['InventoryEntry', InventoryEntry, plain(partner)],
  ['Inventory', Inventory, plain(inventory)],
  ['Timeline', Timeline, plain(timeline)],
  ['CommunicationAnalysis', CommunicationAnalysis, plain(analysis)],
  ['Focus', Focus, { area: 'role-transition', from: 'employee', to: 'retiree' }],
  ['Protocol', Protocol, plain(protocols.ipt)],
  ['Instrument', Instrument, plain(phq9)],
];

const entries: Entry[] = [
  ...schemaCases.flatMap(([name, schema, base]): Entry[] => [
    {
      name: `safeParseWith(${name})`,
      bases: [base],
      call: (input) => reported(() => safeParseWith(schema as never, input)),
    },
    {
      name: `parseWith(${name})`,
      bases: [base],
      call: (input) => reported(() => parseWith(schema as never, input)),
    },
  ]),
  {
    name: 'defineProtocol / parseProtocol',
    bases: [shortProtocol(), plain(protocols['ipt-a'])],
    call: (input) => [reported(() => defineProtocol(input)), reported(() => parseProtocol(input))],
  },
  {
    name: 'defineInstrument / parseInstrument',
    bases: [plain(phq9), plain(gad7)],
    call: (input) => [
      reported(() => defineInstrument(input)),
      reported(() => parseInstrument(input)),
    ],
  },
  {
    name: 'scoreInstrument (responses, options)',
    bases: [
      { responses: phq9Answers(1), options: { missing: { kind: 'prorate', maxMissing: 1 } } },
    ],
    call: (input) => {
      const { responses, options } = (input ?? {}) as { responses?: unknown; options?: unknown };
      return reported(() => scoreInstrument(phq9, responses, options as never));
    },
  },
  {
    name: 'scoreInstrument (instrument)',
    bases: [plain(gad7)],
    call: (input) => reported(() => scoreInstrument(input as never, phq9Answers(0))),
  },
  {
    name: 'scorePhq9',
    bases: [{ ...phq9Answers(1), difficulty: 2 }],
    call: (input) => reported(() => scorePhq9(input as never)),
  },
  {
    name: 'scoreSrm5',
    bases: [{ week: srmWeek, options: { windowMinutes: 45, minimumEvents: 3 } }],
    call: (input) => {
      const { week, options } = (input ?? {}) as { week?: unknown; options?: unknown };
      return reported(() => scoreSrm5(week, options));
    },
  },
  {
    name: 'assessCommunicationStyle (responses)',
    bases: [styleResponses],
    call: (input) =>
      reported(() => assessCommunicationStyle(communicationStyleReflection, input as never)),
  },
  {
    name: 'assessCommunicationStyle (item set) / defineStyleItemSet',
    bases: [plain(communicationStyleReflection)],
    call: (input) => [
      reported(() => assessCommunicationStyle(input as never, styleResponses)),
      reported(() => defineStyleItemSet(input)),
    ],
  },
  {
    name: 'decide / decideWithWarnings / execute',
    bases: commandCases,
    call: (input) => {
      const { index, command } = (input ?? {}) as { index?: unknown; command?: unknown };
      const state = typeof index === 'number' ? (statesBefore[index] ?? course) : course;
      return [
        reported(() => decide(state, command)),
        reported(() => decideWithWarnings(state, command)),
        reported(() => execute(state, command)),
      ];
    },
  },
  {
    name: 'decide (state)',
    bases: [plain(course)],
    call: (input) =>
      reported(() => execute(input as never, { type: 'raise-termination', date: '2026-04-01' })),
  },
  {
    name: 'replay',
    bases: [plain(events)],
    call: (input) => reported(() => replay(input)),
  },
  {
    name: 'parseDocument / migrateDocument / parseDocumentOrThrow',
    bases: [
      plain(toDocument('iptkit/course-events', events)),
      plain(toDocument('iptkit/course-snapshot', course)),
    ],
    call: (input) => [
      reported(() => parseDocument(input)),
      reported(() => migrateDocument(input)),
      reported(() => parseDocumentOrThrow(input)),
    ],
  },
  {
    name: 'fromQuestionnaireResponse',
    bases: [
      { resource: plain(questionnaireResponse.value), options: {} },
      {
        resource: plain(questionnaireResponse.value),
        options: { instrument: 'phq-9', linkIds: { 'local-1': 'item1' }, answerCodes: [] },
      },
    ],
    call: (input) => {
      const { resource, options } = (input ?? {}) as { resource?: unknown; options?: unknown };
      return reported(() => fromQuestionnaireResponse(resource, options as never));
    },
  },
  {
    name: 'toQuestionnaireResponse / toObservation / toRiskFlag (options)',
    bases: [qrOptions],
    call: (input) => {
      const options = (input ?? {}) as Record<string, unknown>;
      return [
        reported(() => toQuestionnaireResponse(phq9Score.value, options as never)),
        reported(() =>
          toObservation(phq9Score.value, { ...options, effective: options.authored } as never),
        ),
        reported(() => toRiskFlag(phq9Score.value, options as never)),
      ];
    },
  },
  {
    name: 'toCarePlan',
    bases: [{ course: plain(course), options: { idPrefix: 'c-1', subject: 'Patient/p-1' } }],
    call: (input) => {
      const { course: value, options } = (input ?? {}) as { course?: unknown; options?: unknown };
      return reported(() => toCarePlan(value as never, options as never));
    },
  },
  {
    name: 'toPlanDefinition',
    bases: [
      { protocol: plain(protocols.ipt), options: { canonicalBase: 'https://example.org/fhir' } },
    ],
    call: (input) => {
      const { protocol, options } = (input ?? {}) as { protocol?: unknown; options?: unknown };
      return reported(() => toPlanDefinition(protocol as never, options as never));
    },
  },
  {
    name: 'toRelatedPersons',
    bases: [
      {
        course: plain(course),
        options: { idPrefix: 'c-1', subject: 'Patient/p-1', effective: '2026-03-02' },
      },
    ],
    call: (input) => {
      const { course: value, options } = (input ?? {}) as { course?: unknown; options?: unknown };
      return reported(() => toRelatedPersons(value as never, options as never));
    },
  },
  {
    name: 'inventory and timeline operations',
    bases: [
      { entry: plain(partner), event: plain(timeline.events[0]), rating: plain(timeline.moods[0]) },
    ],
    call: (input) => {
      const { entry, event, rating } = (input ?? {}) as Record<string, unknown>;
      const empty = emptyInventory();
      const start = createTimeline({ min: 0, max: 10, higherIsBetter: true });
      if (!empty.ok || !start.ok) throw new Error('setup failed');
      return [
        reported(() => addPerson(empty.value, entry as never)),
        reported(() => addPerson(inventory, entry as never)),
        reported(() => updatePerson(inventory, 'p-partner' as never, entry as never)),
        reported(() => addLifeEvent(start.value, event as never)),
        reported(() => addMoodRating(start.value, rating as never)),
        reported(() => emptyInventory(entry as never)),
      ];
    },
  },
  {
    name: 'defineCommunicationAnalysis / addAlternative',
    bases: [plain(analysis)],
    call: (input) => [
      reported(() => defineCommunicationAnalysis(input)),
      reported(() =>
        addAlternative(
          analysis,
          (input as { alternatives?: unknown[] } | null)?.alternatives?.[0] as never,
        ),
      ),
    ],
  },
  {
    name: 'outcome / reliableChangeIndex / clinicalCutoffs / summarizeCohort (options)',
    bases: [
      {
        outcome: {
          instrument: 'phq-9',
          reliableChange: { sd: 5, reliability: 0.8 },
          clinicalCutoff: 10,
        },
        rci: { before: 20, after: 8, sd: 5, reliability: 0.8 },
        cutoffs: { dysfunctional: { mean: 15, sd: 5 }, functional: { mean: 4, sd: 3 } },
      },
    ],
    call: (input) => {
      const parts = (input ?? {}) as Record<string, unknown>;
      return [
        reported(() => outcome(course, parts.outcome as never)),
        reported(() => outcome(parts.outcome as never, { instrument: 'phq-9' })),
        reported(() => reliableChangeIndex(parts.rci)),
        reported(() => clinicalCutoffs(parts.cutoffs)),
        reported(() => summarizeCohort([course], { outcome: parts.outcome as never })),
      ];
    },
  },
  {
    name: 'deidentify / deidentifyEvents',
    bases: [
      { course: plain(course), events: plain(events.slice(0, 6)), options: { shiftDays: 3 } },
    ],
    call: (input) => {
      const parts = (input ?? {}) as Record<string, unknown>;
      return [
        reported(() => deidentify(parts.course, parts.options as never)),
        reported(() => deidentifyEvents(parts.events, parts.options as never)),
      ];
    },
  },
];

function describeLeaks(name: string, variant: string, leaks: readonly Leak[]): string {
  return `${name} / ${variant}: ${leaks.map((leak) => `${leak.at} = ${JSON.stringify(leak.text)}`).join('; ')}`;
}

describe('no input text in any message, issue, warning or violation', () => {
  test.each(entries.map((entry) => [entry.name, entry] as const))(
    '%s: every single-change variant of valid input',
    (_name, entry) => {
      const found: string[] = [];
      let reportedSomething = 0;
      for (const base of entry.bases) {
        for (const variant of variantsOf(base, 300)) {
          const result = entry.call(variant.value);
          if (result !== undefined) reportedSomething += 1;
          const leaks = leaksIn(result);
          if (leaks.length > 0) found.push(describeLeaks(entry.name, variant.name, leaks));
        }
      }
      // The variants must provoke errors, or the test would prove nothing.
      expect(reportedSomething).toBeGreaterThan(0);
      expect(found.slice(0, 20)).toEqual([]);
    },
    60_000,
  );

  propTest.prop([fc.constantFrom(...entries), taintedAnything], { numRuns: 2000 })(
    'random marker-laden data',
    (entry, input) => {
      expect(leaksIn(entry.call(input))).toEqual([]);
    },
    60_000,
  );

  propTest.prop([fc.constantFrom(...entries), fc.nat(), edits], { numRuns: 1500 })(
    'several marker changes at once to valid input',
    (entry, pick, changes) => {
      const base = entry.bases[pick % entry.bases.length];
      expect(leaksIn(entry.call(applyEdits(base, changes)))).toEqual([]);
    },
    60_000,
  );

  test('summarizeNdjson: bad lines are listed by code and path only', async () => {
    const documents = [
      toDocument('iptkit/course-events', events),
      toDocument('iptkit/course-snapshot', course),
    ];
    const lines = documents.flatMap((document) =>
      variantsOf(plain(document), 150).map((variant) => JSON.stringify(variant.value)),
    );
    lines.push(`{"${TEXT}": "${TEXT}"`, `"${TEXT}"`, TEXT, `{"schema": "${KEY_ID}"}`);
    const summary = await summarizeNdjson(lines.join('\n'), { maxReportedBadLines: 10_000 });
    expect(summary.badLineCount).toBeGreaterThan(0);
    expect(leaksIn(summary)).toEqual([]);
  }, 60_000);

  test('a record key its key schema rejects is masked in the path, even when id-shaped', () => {
    // Answer keys must be item ids (lowercase first letter); the id-shaped marker is not one, so
    // it is an unknown key and must not be reported by its text.
    const result = scorePhq9({ ...phq9Answers(0), [KEY_ID]: 1 });
    expect(leaksIn(result.ok ? undefined : result.error)).toEqual([]);
    const course = structuredClone(executed.state!) as unknown as {
      measures: Record<string, { responses: Record<string, unknown> }>;
    };
    Object.values(course.measures)[0]!.responses[KEY_ID] = 1;
    const parsed = safeParseWith(Course, course);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.issues.map((found) => [found.code, found.path.at(-1)])).toEqual([
      ['invalid-key', '[key]'],
    ]);
  });

  test('the checker itself finds a marker in a message, a path, a key and a thrown error', () => {
    expect(leaksIn({ issues: [{ message: `bad ${TEXT}`, path: [] }] })).toHaveLength(1);
    expect(leaksIn({ issues: [{ message: 'bad', path: ['people', TEXT] }] })).toHaveLength(1);
    expect(leaksIn({ issues: [{ message: 'bad', path: ['people', KEY_ID] }] })).toHaveLength(0);
    expect(leaksIn({ message: `${KEY_ID} is unknown` })).toHaveLength(1);
    expect(leaksIn(new Error(`no ${TEXT.toLowerCase()}`))).toHaveLength(1);
    expect(leaksIn({ [KEY_ID]: 1 })).toHaveLength(1);
  });
});
