/**
 * Cohort benchmarks (`npx tsx bench/cohort.ts`). Not tests: they print ratios against baselines
 * measured in the same run, and never fail.
 *
 * 1. NDJSON throughput against bare `JSON.parse` of the same lines, with a breakdown.
 * 2. `summarizeCohort` is linear: 100,000 courses against 50,000.
 * (Peak memory over a 200 MB file is measured in a fresh process by `ndjson-memory.ts`.)
 */
import {
  execute,
  toDocument,
  type CourseCommandInput,
  type CourseEvent,
  type CourseState,
} from '../src/index.js';
import type { Course } from '../src/course/state.js';
import type { DeepReadonly } from '../src/internal/deep-freeze.js';
import { report, type Measurement } from './harness.js';
import { timedLibrary } from './library.js';

// The courses are set up with the sources; what is timed comes from the build when there is one.
const {
  from,
  summarizeNdjson,
  replay,
  createCohortAccumulator,
  addTrustedCourse,
  summarizeCohort,
} = await timedLibrary();

// ------------------------------------------------------------------------------------------------
// A handful of distinct, realistic courses (built with execute), reused under new ids.
// ------------------------------------------------------------------------------------------------

function isoDay(offset: number): string {
  return new Date(Date.UTC(2026, 0, 5) + offset * 86_400_000).toISOString().slice(0, 10);
}

function phq9(total: number): Record<string, number> {
  const answers: Record<string, number> = { item9: 0 };
  for (let item = 1; item <= 8; item += 1) {
    answers[`item${item}`] = Math.max(0, Math.min(3, total - 3 * (item - 1)));
  }
  return answers;
}

interface Variant {
  readonly sessions: number;
  readonly missedEvery: number;
  readonly scores: readonly number[];
  readonly ending: 'completed' | 'dropped-out' | 'referred-on' | null;
  readonly focus: 'role-dispute' | 'interpersonal-deficits' | 'role-transition' | null;
}

const variants: readonly Variant[] = [
  {
    sessions: 12,
    missedEvery: 5,
    scores: [21, 17, 12, 8, 5],
    ending: 'completed',
    focus: 'role-dispute',
  },
  { sessions: 4, missedEvery: 2, scores: [18, 17], ending: 'dropped-out', focus: null },
  {
    sessions: 10,
    missedEvery: 0,
    scores: [15, 12, 9, 4],
    ending: 'completed',
    focus: 'interpersonal-deficits',
  },
  { sessions: 6, missedEvery: 3, scores: [12], ending: null, focus: 'role-transition' },
  {
    sessions: 8,
    missedEvery: 4,
    scores: [24, 22, 19],
    ending: 'referred-on',
    focus: 'role-dispute',
  },
  {
    sessions: 12,
    missedEvery: 6,
    scores: [16, 11, 9, 6],
    ending: 'completed',
    focus: 'role-transition',
  },
  { sessions: 2, missedEvery: 0, scores: [], ending: 'dropped-out', focus: null },
  {
    sessions: 11,
    missedEvery: 0,
    scores: [20, 14, 10, 7],
    ending: null,
    focus: 'interpersonal-deficits',
  },
];

function buildVariant(
  variant: Variant,
  courseId: string,
): {
  state: DeepReadonly<Course>;
  events: CourseEvent[];
} {
  let state = null as CourseState;
  const events: CourseEvent[] = [];
  const run = (command: CourseCommandInput) => {
    const result = execute(state, command);
    if (!result.ok)
      throw new Error(`benchmark setup refused ${command.type}: ${result.error.code}`);
    state = result.value.state;
    events.push(...(result.value.events as readonly CourseEvent[]));
  };
  run({
    type: 'start-course',
    courseId,
    protocol: 'ipt',
    startDate: isoDay(0),
    timeLimit: { sessions: 16, cadence: 'weekly' },
  });
  run({
    type: 'add-person',
    person: {
      id: 'p-1',
      label: 'Partner',
      relationship: 'partner',
      vitalStatus: { status: 'alive' },
      period: 'current',
    },
  });
  if (variant.focus === 'role-dispute') {
    run({
      type: 'choose-focus',
      focus: { area: 'role-dispute', personId: 'p-1', stage: 'impasse' },
      rank: 'primary',
      date: isoDay(7),
    });
  } else if (variant.focus === 'role-transition') {
    run({
      type: 'choose-focus',
      focus: { area: 'role-transition', from: 'employee', to: 'retiree' },
      rank: 'primary',
      date: isoDay(7),
    });
  } else if (variant.focus === 'interpersonal-deficits') {
    run({
      type: 'choose-focus',
      focus: { area: 'interpersonal-deficits' },
      rank: 'primary',
      date: isoDay(7),
    });
  }
  for (let number = 1; number <= variant.sessions; number += 1) {
    const missed = variant.missedEvery > 0 && number % variant.missedEvery === 0;
    run({
      type: 'record-session',
      sessionId: `s-${number}`,
      number,
      date: isoDay(7 * (number - 1)),
      status: missed ? 'missed' : 'attended',
    });
  }
  variant.scores.forEach((total, index) => {
    run({
      type: 'record-measure',
      measureId: `phq-${index + 1}`,
      date: isoDay(21 * index),
      instrument: 'phq-9',
      responses: phq9(total),
    });
  });
  if (variant.ending !== null) {
    run({ type: 'end-course', date: isoDay(120), outcome: variant.ending });
  }
  if (state === null) throw new Error('benchmark setup built no course');
  return { state, events: JSON.parse(JSON.stringify(events)) as CourseEvent[] };
}

const PLACEHOLDER = 'bench-course-id';
const built = variants.map((variant) => buildVariant(variant, PLACEHOLDER));
const states = built.map((course) => course.state);
// Each variant's events document as one NDJSON line, split around its course id so that a line
// for any id is two concatenations.
const eventTemplates = built.map((course) =>
  JSON.stringify(toDocument('iptkit/course-events', course.events)).split(PLACEHOLDER),
);
const snapshotTemplates = built.map((course) =>
  JSON.stringify(toDocument('iptkit/course-snapshot', course.state)).split(PLACEHOLDER),
);

/** The item at `index` of a list read round and round. */
function cyclic<TItem>(list: readonly TItem[], index: number): TItem {
  const item = list[index % list.length];
  if (item === undefined) throw new Error('benchmark setup: empty list');
  return item;
}

function line(templates: readonly string[][], index: number): string {
  return cyclic(templates, index).join(`c-${index}`);
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return cyclic(sorted, Math.floor(sorted.length / 2));
}

/** Times `work` `runs` times after one warm-up run; returns the median in milliseconds. */
async function timeMedian(work: () => unknown, runs: number): Promise<number> {
  await work();
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return median(times);
}

function asMeasurement(name: string, operationsPerRun: number, milliseconds: number): Measurement {
  return { name, opsPerSecond: (operationsPerRun / milliseconds) * 1000 };
}

// ------------------------------------------------------------------------------------------------
// 1. NDJSON throughput against JSON.parse of the same lines.
// ------------------------------------------------------------------------------------------------

console.log(
  `NDJSON throughput against bare JSON.parse of each line (same lines, same run; iptkit from ${from}/)`,
);
for (const [kind, templates] of [
  ['event-stream documents', eventTemplates],
  ['snapshot documents', snapshotTemplates],
] as const) {
  const count = 4000;
  const lineList = Array.from({ length: count }, (_, index) => line(templates, index));
  const text = `${lineList.join('\n')}\n`;
  const chunks: string[] = [];
  for (let at = 0; at < text.length; at += 64 * 1024) chunks.push(text.slice(at, at + 64 * 1024));

  // The baseline and the summary are timed in pairs, one right after the other, so that the
  // machine's changing speed falls on both alike; the ratio is the median of the pairs' ratios.
  const parseAll = () => {
    let sink = 0;
    for (const one of lineList) sink += (JSON.parse(one) as { version: number }).version;
    return sink;
  };
  parseAll();
  await summarizeNdjson(chunks);
  const pairs: { parse: number; ndjson: number }[] = [];
  for (let run = 0; run < 11; run += 1) {
    let start = performance.now();
    parseAll();
    const parse = performance.now() - start;
    start = performance.now();
    await summarizeNdjson(chunks);
    pairs.push({ parse, ndjson: performance.now() - start });
  }
  const throughput = median(pairs.map((pair) => pair.parse / pair.ndjson));
  const parseMs = median(pairs.map((pair) => pair.parse));
  const ndjsonMs = median(pairs.map((pair) => pair.ndjson));
  const parsed = lineList.map((one) => JSON.parse(one) as { data: unknown });
  const replayMs =
    kind === 'event-stream documents'
      ? await timeMedian(() => parsed.map((document) => replay(document.data)), 7)
      : null;
  const accumulateMs = await timeMedian(() => {
    const accumulator = createCohortAccumulator();
    for (let index = 0; index < count; index += 1) {
      addTrustedCourse(accumulator, cyclic(states, index));
    }
    return accumulator.summary();
  }, 7);

  console.log(`  ${kind} (${count.toLocaleString('en')} lines, ${mb(text.length)}):`);
  console.log(
    `    summarizeNdjson runs at ${(throughput * 100).toFixed(1)}% of JSON.parse throughput ` +
      `(target >= 50%: ${throughput >= 0.5 ? 'within' : 'UNDER'}); ` +
      `${Math.round((count / ndjsonMs) * 1000).toLocaleString('en')} lines/s, ` +
      `${mb((text.length / ndjsonMs) * 1000)}/s`,
  );
  const share = (ms: number) => `${((ms / ndjsonMs) * 100).toFixed(0)}%`;
  console.log(
    `    per line: JSON.parse ${((parseMs / count) * 1000).toFixed(1)} µs (${share(parseMs)}), ` +
      (replayMs === null
        ? ''
        : `replay (validates every event) ${((replayMs / count) * 1000).toFixed(1)} µs (${share(replayMs)}), `) +
      `cohort accumulator ${((accumulateMs / count) * 1000).toFixed(1)} µs (${share(accumulateMs)}), ` +
      `all ${((ndjsonMs / count) * 1000).toFixed(1)} µs`,
  );
}

// ------------------------------------------------------------------------------------------------
// 2. summarizeCohort is linear in the number of courses.
// ------------------------------------------------------------------------------------------------

console.log('\nsummarizeCohort is linear in the number of courses');
// Each course is replayed from a variant's events under its own id, as a researcher's courses
// come from `replay`: such courses are checked and frozen by iptkit, so summarizeCohort takes them
// without checking them again (a course from anywhere else is checked first; see course-input.ts).
const eventLists = built.map((course) => course.events);
function cohortOf(size: number, offset: number): DeepReadonly<Course>[] {
  return Array.from({ length: size }, (_, index) => {
    const events = cyclic(eventLists, index).map((event) =>
      event.type === 'course-started' ? { ...event, courseId: `c-${offset + index}` } : event,
    );
    const result = replay(events);
    if (!result.ok || result.value === null) throw new Error('benchmark setup: replay failed');
    return result.value;
  });
}
const half = cohortOf(50_000, 0);
const full = cohortOf(100_000, 50_000);
// The two sizes are timed in turn, run after run, so that garbage collection and the machine's
// other load fall on both alike; the medians are compared.
summarizeCohort(half);
summarizeCohort(full);
const halfTimes: number[] = [];
const fullTimes: number[] = [];
for (let run = 0; run < 9; run += 1) {
  let start = performance.now();
  summarizeCohort(half);
  halfTimes.push(performance.now() - start);
  start = performance.now();
  summarizeCohort(full);
  fullTimes.push(performance.now() - start);
}
const halfMs = median(halfTimes);
const fullMs = median(fullTimes);
report(
  asMeasurement('summarizeCohort 50,000 courses', 1, halfMs),
  asMeasurement('summarizeCohort 100,000 courses', 1, fullMs),
  2.2,
);
console.log(
  `  ${((halfMs / 50_000) * 1000).toFixed(2)} µs per course at 50,000; ` +
    `${((fullMs / 100_000) * 1000).toFixed(2)} µs at 100,000`,
);
