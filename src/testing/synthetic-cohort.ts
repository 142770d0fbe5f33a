import { execute } from '../course/decide.js';
import type { CourseCommandInput } from '../course/commands.js';
import type { CourseEvent } from '../course/events.js';
import type { Course, CourseState } from '../course/state.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import type { ProblemArea } from '../problem-area/problem-areas.js';

/**
 * A small, fast pseudo-random generator (a 32-bit "mulberry"-style mixer) so that the same seed
 * always gives the same cohort. Not for anything that needs real randomness.
 */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Options of {@link syntheticCohort}.
 * @category Testing
 */
export interface SyntheticCohortOptions {
  /** Any integer; the same seed gives the same cohort. */
  readonly seed: number;
  /** How many courses (0-100,000). */
  readonly size: number;
  /** Share of courses that end early as dropouts (default 0.2). */
  readonly dropoutRate?: number;
}

/**
 * One synthetic course: its events (what an app would store) and the state they build.
 * @category Testing
 */
export interface SyntheticCourse {
  readonly events: readonly DeepReadonly<CourseEvent>[];
  readonly state: DeepReadonly<Course>;
}

function isoDay(offset: number): string {
  return new Date(Date.UTC(2026, 0, 5) + offset * 86_400_000).toISOString().slice(0, 10);
}

/** Spreads a PHQ-9 total over items 1-8 (0-3 each) and sets item 9. */
function phq9Answers(total: number, item9: number): Record<string, number> {
  const answers: Record<string, number> = { item9 };
  let left = Math.max(0, Math.min(24, total - item9));
  for (let item = 1; item <= 8; item += 1) {
    const share = Math.min(3, Math.ceil(left / (9 - item)));
    answers[`item${item}`] = share;
    left -= share;
  }
  return answers;
}

const areas: readonly ProblemArea[] = [
  'role-dispute',
  'role-transition',
  'grief',
  'interpersonal-deficits',
];

/**
 * One synthetic course of standard IPT, built command by command with {@link execute}, so every
 * event is one the rules accept.
 */
function syntheticCourse(seed: number, index: number, dropoutRate: number): SyntheticCourse {
  const random = generator((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const pick = (count: number) => Math.floor(random() * count);
  let state = null as CourseState;
  const events: DeepReadonly<CourseEvent>[] = [];
  const run = (command: CourseCommandInput) => {
    const result = execute(state, command);
    if (!result.ok)
      throw new Error(`synthetic course refused ${command.type}: ${result.error.code}`);
    state = result.value.state;
    events.push(...result.value.events);
  };

  const start = index % 365;
  const sessions = random() < 0.75 ? 12 : 16;
  run({
    type: 'start-course',
    courseId: `synthetic-${seed}-${index}`,
    protocol: 'ipt',
    startDate: isoDay(start),
    timeLimit: { sessions, cadence: 'weekly' },
  });
  const area = areas[pick(areas.length)] ?? 'role-dispute';
  run({
    type: 'add-person',
    person: {
      id: 'person-1',
      label: 'Person 1',
      relationship: area === 'grief' ? 'parent' : 'partner',
      vitalStatus: area === 'grief' ? { status: 'deceased' } : { status: 'alive' },
      period: area === 'grief' ? 'past' : 'current',
    },
  });
  run({ type: 'place-in-circle', personId: 'person-1', ring: pick(3) });

  const baseline = 10 + pick(15);
  const rate = random() * 0.12;
  const dropsOutAfter = random() < dropoutRate ? 3 + pick(sessions - 6) : undefined;
  const terminationAt = sessions - 2;
  let measureCount = 0;
  const measure = (session: number, day: number) => {
    const expected = baseline * (1 - rate) ** (session - 1);
    const total = Math.max(0, Math.min(27, Math.round(expected + (random() * 4 - 2))));
    const item9 = total >= 15 && random() < 0.15 ? 1 : 0;
    measureCount += 1;
    const measureId = `phq-${measureCount}`;
    run({
      type: 'record-measure',
      measureId,
      date: isoDay(day),
      instrument: 'phq-9',
      responses: phq9Answers(total, item9),
      sessionId: `s-${session}`,
    });
    if (item9 > 0) {
      run({
        type: 'acknowledge-risk',
        flagId: `${measureId}:suicidalIdeation`,
        by: 'clinician-1',
        at: `${isoDay(day)}T12:00:00Z`,
        action: 'Risk assessed in session; safety plan reviewed.',
      });
    }
  };

  for (let session = 1; session <= sessions; session += 1) {
    const day = start + (session - 1) * 7;
    if (session === terminationAt) run({ type: 'raise-termination', date: isoDay(day) });
    run({
      type: 'record-session',
      sessionId: `s-${session}`,
      number: session,
      date: isoDay(day),
      status: random() < 0.08 ? 'missed' : 'attended',
    });
    if (session === 1 || session % 4 === 0 || session === sessions) measure(session, day);
    if (session === 2) {
      const focus =
        area === 'grief'
          ? { area, personId: 'person-1' }
          : area === 'role-dispute'
            ? {
                area,
                personId: 'person-1',
                stage: (['renegotiation', 'impasse'] as const)[pick(2)] ?? 'impasse',
              }
            : area === 'role-transition'
              ? { area, from: 'employed', to: 'retired' }
              : { area };
      run({ type: 'choose-focus', focus, rank: 'primary', date: isoDay(day) });
      run({ type: 'share-formulation', date: isoDay(day), accepted: true });
      run({ type: 'agree-contract', date: isoDay(day) });
    }
    if (session === 3) run({ type: 'advance-phase', to: 'middle', date: isoDay(day) });
    if (session === terminationAt + 1) {
      run({ type: 'advance-phase', to: 'termination', date: isoDay(day) });
    }
    if (dropsOutAfter === session) {
      run({ type: 'end-course', date: isoDay(day), outcome: 'dropped-out' });
      break;
    }
  }
  if (dropsOutAfter === undefined) {
    run({ type: 'end-course', date: isoDay(start + (sessions - 1) * 7), outcome: 'completed' });
  }
  const built: DeepReadonly<Course> | null = state;
  if (built === null) throw new Error('synthetic course was not started');
  return Object.freeze({ events: Object.freeze(events), state: built });
}

/** A seed as the 32-bit integer the generator uses (anything not a finite number counts as 0). */
function normalizeSeed(seed: unknown): number {
  const value = typeof seed === 'bigint' ? Number(seed % 4_294_967_296n) : Number(seed);
  return Number.isFinite(value) ? Math.trunc(value) >>> 0 : 0;
}

/**
 * A deterministic cohort of **synthetic** standard IPT courses (made-up test data, not clinical
 * data) for demos, benchmarks and other people's pipelines: same seed, same cohort, on every
 * platform. Exported from `iptkit/testing`; it does not use fast-check. Each course is built
 * command by command with `execute`, so every event is one the rules accept. Each course has a
 * 12 or 16 session contract, a primary focus, PHQ-9 scores at sessions 1, 4, 8, 12 (and the
 * last), an occasional item-9 risk flag that is acknowledged, and either completes or drops out.
 *
 * The numbers are made up to look plausible (baseline 10-24, a random rate of improvement, noise
 * of about 2 points); they are **not** clinical data and describe no real population.
 * @param options - Seed (any number; used as a 32-bit integer), size (0-100,000) and dropout rate.
 * @returns The courses, in order.
 * @example
 * ```ts
 * syntheticCohort({ seed: 42, size: 100 }); // or syntheticCohort(42, 100)
 * ```
 * @category Testing
 */
export function syntheticCohort(options: SyntheticCohortOptions): readonly SyntheticCourse[];
/**
 * The same, with the seed and size as arguments.
 * @param seed - Any number; used as a 32-bit integer.
 * @param size - How many courses (0-100,000).
 * @returns The courses, in order.
 */
export function syntheticCohort(seed: number, size: number): readonly SyntheticCourse[];
export function syntheticCohort(
  first: SyntheticCohortOptions | number,
  second?: number,
): readonly SyntheticCourse[] {
  const options: SyntheticCohortOptions =
    typeof first === 'object' ? first : { seed: first, size: second ?? 0 };
  // Checked at run time too: JavaScript callers may pass anything.
  const requested: unknown = options.size;
  const size =
    typeof requested === 'number' && Number.isFinite(requested)
      ? Math.max(0, Math.min(100_000, Math.floor(requested)))
      : 0;
  const rate: unknown = options.dropoutRate ?? 0.2;
  const dropoutRate =
    typeof rate === 'number' && Number.isFinite(rate) ? Math.max(0, Math.min(1, rate)) : 0.2;
  const seed = normalizeSeed(options.seed);
  const courses: SyntheticCourse[] = [];
  for (let index = 0; index < size; index += 1) {
    courses.push(syntheticCourse(seed, index, dropoutRate));
  }
  return Object.freeze(courses);
}
