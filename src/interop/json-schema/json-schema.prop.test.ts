/**
 * Differential tests: for valid documents built with the library and for many mutated ones, ajv
 * (with the published JSON Schemas) and zod (with the schemas they are generated from) must agree.
 * The only allowed difference is a documented zod-only refinement, where zod refuses and JSON
 * Schema accepts; JSON Schema is never the stricter one. See `disagreement` in
 * test/support/json-schema.ts for the exact rules.
 */
import fc from 'fast-check';
import { test } from '@fast-check/vitest';
import { afterAll, describe, expect } from 'vitest';
import {
  DAY0,
  executeAll,
  intentSequence,
  recordPhq9,
  runIntents,
  session,
  started,
  startIpt,
} from '../../../test/support/course-arbitraries.js';
import {
  disagreement,
  verdict,
  type Verdict,
  type ZodJudgement,
} from '../../../test/support/json-schema.js';
import {
  allMutations,
  asJson,
  mutationsAt,
  pathsOf,
  type Json,
  type JsonPath,
  type Mutation,
} from '../../../test/support/mutations.js';
import { summarizeCohort } from '../../analysis/cohort.js';
import type { CourseEvent } from '../../course/events.js';
import { replay } from '../../course/replay.js';
import type { Course } from '../../course/state.js';
import { toDocument } from '../../document/document.js';
import type { DeepReadonly } from '../../internal/deep-freeze.js';
import { gad7 } from '../../measures/gad7.js';
import { hamd17 } from '../../measures/hamd17.js';
import { phq9 } from '../../measures/phq9.js';
import { protocols } from '../../protocol/protocols.js';
import { syntheticCohort } from '../../testing/synthetic-cohort.js';
import { publishedSchemaNames, publishedSchemas, type PublishedSchemaName } from './schemas.js';

// ------------------------------------------------------------------------------------------------
// Valid documents, built with the library.
// ------------------------------------------------------------------------------------------------

const richInventory = {
  people: {
    p1: {
      id: 'p1',
      label: 'Partner',
      relationship: 'partner',
      relationshipNote: 'Married for ten years',
      vitalStatus: { status: 'alive' },
      period: 'current',
      interactions: { frequency: 'daily', content: 'Meals, chores' },
      expectations: [{ holder: 'client', text: 'Shares the housework', met: 'partly' }],
      satisfying: ['Weekend walks'],
      unsatisfying: ['Arguments about money'],
      changesWanted: ['More time together'],
      support: { level: 'some', confiding: true, note: 'Listens when asked' },
      communicationNotes: 'Goes silent after conflict',
      aroundOnset: { changed: true, note: 'Started working nights' },
      linkToEpisode: 'contributed',
    },
    'p-2': {
      id: 'p-2',
      label: 'Mother',
      relationship: 'parent',
      vitalStatus: { status: 'deceased', diedOn: '2025-11-20' },
      period: 'past',
    },
  },
  circle: { ringCount: 4, placements: { p1: 0, 'p-2': 3 } },
};

const richTimeline = {
  moodScale: { min: 0, max: 10, higherIsBetter: true, label: 'Mood' },
  events: [
    { date: '2025-11-20', kind: 'loss', description: 'Mother died', personId: 'p-2' },
    { date: '2026-01-10', kind: 'conflict' },
  ],
  moods: [
    { date: '2025-12-01', value: 3, note: 'Low' },
    { date: '2026-01-15', value: 5 },
  ],
};

const richAnalysis = {
  personId: 'p1',
  date: '2026-03-09',
  focusArea: 'role-dispute',
  context: 'An argument over dinner',
  turns: [
    {
      speaker: 'client',
      act: 'said',
      content: 'You never help',
      tone: 'sharp',
      nonverbal: 'arms crossed',
      clientFeeling: 'angry',
      intended: 'I need help',
      heardAs: 'You are lazy',
    },
    {
      speaker: 'other',
      act: 'did',
      content: 'Left the room',
      tone: 'cold',
      nonverbal: 'door closed hard',
      clientFeeling: 'hurt',
    },
  ],
  intendedMessage: 'I feel overwhelmed',
  receivedMessage: 'Criticism',
  problems: [
    { category: 'indirect-verbal', turn: 0, note: 'Blame, not a request' },
    { category: 'silence' },
  ],
  alternatives: [
    {
      text: 'I am tired tonight; could you do the dishes?',
      skills: ['i-statements', 'timing'],
      rehearsed: true,
    },
    { text: 'Raise it after dinner', rehearsed: false },
  ],
  practiceAssigned: true,
};

interface BuiltCourse {
  readonly events: readonly DeepReadonly<CourseEvent>[];
  readonly state: DeepReadonly<Course>;
}

const synthetic: readonly BuiltCourse[] = syntheticCohort({ seed: 2026, size: 24 });

/** A course whose events use the optional fields the generated ones rarely do. */
function richCourse(): BuiltCourse {
  const { id: _first, ...partner } = richInventory.people.p1;
  const { id: _second, ...mother } = richInventory.people['p-2'];
  const executed = executeAll([
    startIpt({
      moodScale: richTimeline.moodScale,
      ringCount: 4,
      recordedAt: '2026-03-02T09:00:00+01:00',
    }),
    { type: 'add-person', person: { id: 'p1', ...partner } },
    { type: 'add-person', person: { id: 'p-2', ...mother } },
    { type: 'place-in-circle', personId: 'p1', ring: 0 },
    { type: 'place-in-circle', personId: 'p-2', ring: 3 },
    { type: 'remove-from-circle', personId: 'p-2' },
    { type: 'record-life-event', event: richTimeline.events[0] },
    { type: 'record-mood', rating: { date: DAY0, value: 3, note: 'Low' } },
    recordPhq9('m1', DAY0, 0, 2),
    session(1, { techniques: ['clarification', 'communication-analysis'], minutes: 50 }),
    {
      type: 'record-communication-analysis',
      analysisId: 'a1',
      analysis: { ...richAnalysis, date: DAY0 },
    },
    {
      type: 'choose-focus',
      focus: { area: 'role-dispute', personId: 'p1', stage: 'renegotiation' },
      rank: 'primary',
      date: DAY0,
    },
    { type: 'share-formulation', date: DAY0, accepted: true, summary: 'Dispute over roles' },
    { type: 'agree-contract', date: DAY0, goals: ['Fewer arguments'] },
  ]);
  return { events: executed.events, state: started(executed) };
}

/** Courses from generated command sequences (plausible and implausible steps), replayed. */
const generated: readonly BuiltCourse[] = fc
  .sample(intentSequence(60), { numRuns: 40, seed: 20260302 })
  .flatMap((intents) => {
    const { events } = runIntents(intents);
    const replayed = replay(events);
    return replayed.ok && replayed.value !== null ? [{ events, state: replayed.value }] : [];
  });

const courses = [richCourse(), ...synthetic, ...generated];
const states = courses.map((course) => course.state);

function valuesOf<TValue>(records: readonly Readonly<Record<string, TValue>>[]): TValue[] {
  return records.flatMap((record) => Object.values(record));
}

const corpus: Readonly<Record<PublishedSchemaName, readonly Json[]>> = {
  'course-events': courses.map((course) =>
    asJson(toDocument('iptkit/course-events', course.events)),
  ),
  'course-snapshot': [
    asJson(toDocument('iptkit/course-snapshot', null)),
    ...states.map((state) => asJson(toDocument('iptkit/course-snapshot', state))),
  ],
  protocol: [...Object.values(protocols), ...states.map((state) => state.protocol)].map(asJson),
  instrument: [phq9, gad7, hamd17].map(asJson),
  inventory: [richInventory, ...states.map((state) => state.inventory)].map(asJson),
  circle: [richInventory.circle, ...states.map((state) => state.inventory.circle)].map(asJson),
  timeline: [richTimeline, ...states.map((state) => state.timeline)].map(asJson),
  'communication-analysis': [
    richAnalysis,
    ...valuesOf(states.map((state) => state.communicationAnalyses)),
  ].map(asJson),
  'measure-result': valuesOf(states.map((state) => state.measures)).map(asJson),
  'cohort-summary': [
    summarizeCohort([]),
    summarizeCohort(states),
    summarizeCohort(synthetic.slice(0, 1).map((course) => course.state)),
    summarizeCohort(states, { level: 0.9 }),
    summarizeCohort(states, { instrument: 'gad-7' }),
    summarizeCohort(states, { instrument: 'hamd-17' }),
    summarizeCohort(states, { outcome: { reliableChange: { sd: 5, reliability: 0.84 } } }),
  ].map(asJson),
};

// ------------------------------------------------------------------------------------------------
// Bookkeeping: every verdict is counted, and the counts are checked at the end.
// ------------------------------------------------------------------------------------------------

const counts = new Map<PublishedSchemaName, Record<ZodJudgement, number>>();

function record(name: PublishedSchemaName, found: Verdict): void {
  const tally = counts.get(name) ?? { valid: 0, 'zod-only': 0, structural: 0 };
  tally[found.zod] += 1;
  counts.set(name, tally);
}

function explain(name: PublishedSchemaName, found: Verdict, mutation?: Mutation): string {
  const where =
    mutation === undefined ? 'unmutated' : `${mutation.kind} at /${mutation.path.join('/')}`;
  return `${name}, ${where}: ${disagreement(found) ?? ''}\nzod: ${JSON.stringify(found.issues.slice(0, 3))}\najv: ${JSON.stringify(found.ajvErrors)}`;
}

function check(name: PublishedSchemaName, document: Json, mutation?: Mutation): Verdict {
  const found = verdict(name, document);
  record(name, found);
  expect(disagreement(found), explain(name, found, mutation)).toBeUndefined();
  return found;
}

/**
 * Parts the sweeps leave to the random mutations, to save time: inside a course document, the
 * depths of the parts another sweep covers with the same zod schema (protocol, inventory entries,
 * timeline, communication analyses), and instrument items after the second (they repeat).
 */
const coveredElsewhere = [
  'protocol',
  'person',
  'analysis',
  'inventory',
  'timeline',
  'communicationAnalyses',
];

function skipInSweep(path: JsonPath): boolean {
  const covered = path.findIndex(
    (segment) => typeof segment === 'string' && coveredElsewhere.includes(segment),
  );
  if (path[0] === 'data' && covered !== -1 && path.length > covered + 2) return true;
  return path[0] === 'items' && typeof path[1] === 'number' && path[1] >= 2;
}

// ------------------------------------------------------------------------------------------------
// Tests
// ------------------------------------------------------------------------------------------------

describe('valid documents pass zod and both JSON Schemas', () => {
  test.each(publishedSchemaNames)('%s', (name) => {
    expect(corpus[name].length).toBeGreaterThan(0);
    for (const document of corpus[name]) {
      const found = check(name, document);
      expect(found.zod, explain(name, found)).toBe('valid');
      expect(found.output).toBe(true);
    }
  });

  test('the corpus holds every kind of course event', () => {
    const types = new Set(courses.flatMap((course) => course.events.map((event) => event.type)));
    const all = publishedSchemas['course-events'].schema;
    expect(all).toBeDefined();
    expect([...types].sort()).toEqual(
      [
        'course-started',
        'session-recorded',
        'person-added',
        'person-updated',
        'person-removed',
        'person-placed',
        'person-unplaced',
        'life-event-recorded',
        'mood-recorded',
        'measure-recorded',
        'focus-chosen',
        'formulation-shared',
        'contract-agreed',
        'dispute-stage-assessed',
        'communication-analysis-recorded',
        'phase-advanced',
        'contract-renegotiated',
        'termination-raised',
        'risk-acknowledged',
        'course-ended',
      ].sort(),
    );
  });
});

/** A small document of each type on which every mutation of every node is tried. */
function sweepDocuments(): Readonly<Record<PublishedSchemaName, readonly Json[]>> {
  const firstOfEachType = new Map<string, DeepReadonly<CourseEvent>>();
  for (const course of courses)
    for (const event of course.events)
      if (!firstOfEachType.has(event.type)) firstOfEachType.set(event.type, event);
  const shortCourse = synthetic.reduce((shortest, course) =>
    course.events.length < shortest.events.length ? course : shortest,
  );
  return {
    // One document per kind of event, so that each mutation is judged on one event only.
    'course-events': [...firstOfEachType.values()].map((event) =>
      asJson(toDocument('iptkit/course-events', [event])),
    ),
    'course-snapshot': [asJson(toDocument('iptkit/course-snapshot', shortCourse.state))],
    protocol: [asJson(protocols.ipt), asJson(protocols['ipt-a']), asJson(protocols['group-ipt'])],
    instrument: [asJson(phq9)],
    inventory: [asJson(richInventory)],
    circle: [asJson(richInventory.circle)],
    timeline: [asJson(richTimeline)],
    'communication-analysis': [asJson(richAnalysis)],
    'measure-result': [corpus['measure-result'][0]!],
    'cohort-summary': [corpus['cohort-summary'][1]!],
  };
}

describe('every mutation of every node: zod and JSON Schema agree', () => {
  const documents = sweepDocuments();
  test.each(publishedSchemaNames)('%s', { timeout: 120_000 }, (name) => {
    for (const document of documents[name]) {
      for (const mutation of allMutations(document, skipInSweep)) {
        check(name, mutation.apply(document), mutation);
      }
    }
  });
});

describe('random mutations of generated documents: zod and JSON Schema agree', () => {
  for (const name of publishedSchemaNames) {
    test.prop([fc.constantFrom(...corpus[name]), fc.nat(), fc.nat(), fc.nat({ max: 2 })], {
      numRuns: 150,
    })(name, (document, pathPick, mutationPick, rounds) => {
      // One to three mutations in a row, each at a node of the document as it then is.
      let current = document;
      let last: Mutation | undefined;
      for (let round = 0; round <= rounds; round += 1) {
        const paths = pathsOf(current);
        const path = paths[(pathPick + round * 7919) % paths.length]!;
        const options = mutationsAt(current, path);
        if (options.length === 0) continue;
        last = options[(mutationPick + round * 104_729) % options.length]!;
        current = last.apply(current);
      }
      check(name, current, last);
    });
  }

  test.prop([intentSequence(40), fc.nat(), fc.nat()], { numRuns: 40 })(
    'generated courses: events and replayed snapshots, as stored and mutated',
    (intents, pathPick, mutationPick) => {
      const { events } = runIntents(intents);
      const replayed = replay(events);
      expect(replayed.ok).toBe(true);
      const documents: [PublishedSchemaName, Json][] = [
        ['course-events', asJson(toDocument('iptkit/course-events', events))],
        [
          'course-snapshot',
          asJson(toDocument('iptkit/course-snapshot', replayed.ok ? replayed.value : null)),
        ],
      ];
      for (const [name, document] of documents) {
        expect(check(name, document).zod).toBe('valid');
        const paths = pathsOf(document);
        const path = paths[pathPick % paths.length]!;
        const options = mutationsAt(document, path);
        if (options.length === 0) continue;
        const mutation = options[mutationPick % options.length]!;
        check(name, mutation.apply(document), mutation);
      }
    },
  );
});

afterAll(() => {
  // The mutations must really test something: tens of thousands of documents, many refused on
  // structure, and for every schema with zod-only checks, some refused by those checks alone.
  const total = [...counts.values()].reduce(
    (sum, tally) => sum + tally.valid + tally['zod-only'] + tally.structural,
    0,
  );
  expect(total).toBeGreaterThan(30_000);
  for (const name of publishedSchemaNames) {
    const tally = counts.get(name);
    expect(tally, name).toBeDefined();
    if (tally === undefined) continue;
    expect(tally.structural, `${name}: structural refusals`).toBeGreaterThan(100);
    if (publishedSchemas[name].zodOnly.length > 0)
      expect(tally['zod-only'], `${name}: zod-only refusals`).toBeGreaterThan(0);
  }
});
