import * as fc from 'fast-check';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import { gad7 } from '../measures/gad7.js';
import { hamd17 } from '../measures/hamd17.js';
import type { Instrument } from '../measures/instrument.js';
import { phq9 } from '../measures/phq9.js';
import { SrmActivity, type SrmWeek } from '../measures/srm5.js';
import {
  changed,
  copyOf,
  invalid,
  mutated,
  optionsOf,
  REMOVE,
  sizeOption,
  type InvalidValue,
  type Mutation,
} from './basics.js';

/**
 * Answers to an instrument as a caller sends them: numbers keyed by item id; an unanswered item is
 * absent or `null`.
 * @category Testing
 */
export type GeneratedResponses = Record<string, number | null>;

/**
 * Options of {@link responsesArbitrary}.
 * @category Testing
 */
export interface ResponsesOptions {
  /**
   * How many counting items to leave unanswered: `0` (the default) gives complete answers that
   * score under the default `reject` policy. With missing items, score with `{ kind: 'incomplete' }`
   * or `{ kind: 'prorate', maxMissing }` (at least `max`). Items a safety flag depends on (PHQ-9
   * item 9) are always answered, and at least one counting item always is.
   */
  readonly missing?: { readonly min?: number; readonly max?: number };
  /** How an unanswered item appears: left out (`'absent'`), `null`, or either (default). */
  readonly missingAs?: 'absent' | 'null' | 'either';
  /**
   * `'raised'`: every flag's item reaches its threshold (PHQ-9 item 9 at 1 or more);
   * `'clear'`: none does (when the item has such an answer); default either.
   */
  readonly flags?: 'raised' | 'clear';
  /** Whether items that do not count toward the total (PHQ-9's difficulty) may be answered (default `true`). */
  readonly extras?: boolean;
}

interface ItemPlan {
  readonly id: string;
  readonly values: readonly number[];
  readonly counting: boolean;
  readonly flagAt: number | undefined;
}

function planOf(instrument: DeepReadonly<Instrument>): readonly ItemPlan[] {
  return instrument.items.map((item) => {
    const flags = instrument.flags.filter((flag) => flag.item === item.id);
    return {
      id: item.id,
      values: item.options.map((option) => option.value),
      counting: item.countsTowardTotal,
      // The highest threshold of the flags on this item: reaching it raises every one of them.
      flagAt: flags.length === 0 ? undefined : Math.max(...flags.map((flag) => flag.atLeast)),
    };
  });
}

function answerValues(item: ItemPlan, flags: unknown): readonly number[] {
  if (item.flagAt === undefined) return item.values;
  const threshold = item.flagAt;
  const chosen =
    flags === 'raised'
      ? item.values.filter((value) => value >= threshold)
      : flags === 'clear'
        ? item.values.filter((value) => value < threshold)
        : item.values;
  return chosen.length > 0 ? chosen : item.values;
}

/**
 * Answers to an instrument (any valid `Instrument`, built-in or from `defineInstrument`): every
 * answer is one of its item's response values. Complete answers score with the instrument's
 * default policy; with `missing`, some counting items are left unanswered (see
 * {@link ResponsesOptions}) and the answers score with an `incomplete` or lenient enough
 * `prorate` policy.
 * @param instrument - The instrument.
 * @param options - Missing items, flags, extras.
 * @returns The arbitrary.
 * @example
 * ```ts
 * fc.assert(fc.property(responsesArbitrary(phq9, { flags: 'raised' }), (answers) => {
 *   const score = scorePhq9(answers);
 *   return score.ok && score.value.flags.suicidalIdeation; // item 9 >= 1
 * }));
 * ```
 * @category Testing
 */
export function responsesArbitrary(
  instrument: DeepReadonly<Instrument>,
  options: ResponsesOptions = {},
): fc.Arbitrary<GeneratedResponses> {
  const read = optionsOf<ResponsesOptions>(options);
  const plan = planOf(instrument);
  const counting = plan.filter((item) => item.counting);
  // Items that may go unanswered: counting ones no flag depends on, keeping one counting answer.
  const missable = counting.filter((item) => item.flagAt === undefined).map((item) => item.id);
  const limit = Math.min(missable.length, Math.max(0, counting.length - 1));
  const missing = optionsOf<{ min: number; max: number }>(read.missing);
  const most = sizeOption(missing.max, sizeOption(missing.min, 0, 0, limit), 0, limit);
  const least = Math.min(most, sizeOption(missing.min, 0, 0, limit));
  const missingAs = read.missingAs;
  const answers = plan.map((item) => fc.constantFrom(...answerValues(item, read.flags)));
  return fc
    .record({
      answers: fc.tuple(...answers),
      unanswered: fc.shuffledSubarray(missable, { minLength: least, maxLength: most }),
      asNull: fc.array(fc.boolean(), { minLength: plan.length, maxLength: plan.length }),
      extras: fc.boolean(),
    })
    .map(({ answers: values, unanswered, asNull, extras }) => {
      const responses: GeneratedResponses = {};
      plan.forEach((item, index) => {
        const value = values[index];
        if (!item.counting && (read.extras === false || !extras)) return;
        if (unanswered.includes(item.id) || value === undefined) {
          const useNull =
            missingAs === 'null' || (missingAs !== 'absent' && asNull[index] === true);
          if (useNull) responses[item.id] = null;
          return;
        }
        responses[item.id] = value;
      });
      return responses;
    });
}

/**
 * PHQ-9 answers (`item1`-`item9` 0-3, sometimes `difficulty`); see {@link responsesArbitrary}.
 * Score them with `scorePhq9`.
 * @param options - Missing items, the item-9 flag (`flags: 'raised'` for a risk flag), extras.
 * @returns The arbitrary.
 * @see IPT reference 7.1 ([KROENKE01])
 * @category Testing
 */
export function phq9ResponsesArbitrary(
  options: ResponsesOptions = {},
): fc.Arbitrary<GeneratedResponses> {
  return responsesArbitrary(phq9, options);
}

/**
 * GAD-7 answers (`item1`-`item7` 0-3, sometimes `difficulty`); see {@link responsesArbitrary}.
 * @param options - Missing items and extras.
 * @returns The arbitrary.
 * @see IPT reference 7.2
 * @category Testing
 */
export function gad7ResponsesArbitrary(
  options: ResponsesOptions = {},
): fc.Arbitrary<GeneratedResponses> {
  return responsesArbitrary(gad7, options);
}

/**
 * HAM-D-17 ratings (nine items 0-4, eight 0-2); see {@link responsesArbitrary}.
 * @param options - Missing items.
 * @returns The arbitrary.
 * @see IPT reference 7.3 ([HAMD-ITEMS])
 * @category Testing
 */
export function hamd17ResponsesArbitrary(
  options: ResponsesOptions = {},
): fc.Arbitrary<GeneratedResponses> {
  return responsesArbitrary(hamd17, options);
}

function responseMutations(
  plan: readonly ItemPlan[],
  rejectsMissing: boolean,
): readonly Mutation<GeneratedResponses>[] {
  const counting = plan.filter((item) => item.counting);
  const pickItem = (pick: number) => counting[pick % counting.length];
  return [
    (responses, pick) => {
      const item = pickItem(pick);
      if (item === undefined) return undefined;
      return invalid(
        changed(responses, [item.id], Math.max(...item.values) + 1),
        'answer-out-of-range',
        'invalid-answer',
        [item.id],
      );
    },
    (responses, pick) => {
      const item = pickItem(pick);
      if (item === undefined) return undefined;
      return invalid(
        changed(responses, [item.id], String(item.values[0] ?? 0)),
        'answer-not-a-number',
        'invalid-answer',
        [item.id],
      );
    },
    (responses, pick) => {
      // Only a policy that rejects missing items refuses an unanswered one.
      if (!rejectsMissing) return undefined;
      const candidates = counting.filter((item) => item.flagAt === undefined);
      const item = candidates[pick % Math.max(1, candidates.length)];
      if (item === undefined) return undefined;
      return invalid(changed(responses, [item.id], REMOVE), 'answer-missing', 'missing-answer', [
        item.id,
      ]);
    },
    (responses) => {
      const item = plan.find((candidate) => candidate.flagAt !== undefined);
      if (item === undefined) return undefined;
      return invalid(
        changed(responses, [item.id], null),
        'flag-item-unanswered',
        'flag-item-missing',
        [item.id],
      );
    },
    (responses) =>
      invalid({ ...copyOf(responses), [freshItem(plan)]: 0 }, 'unknown-item', 'unknown-items', []),
  ];
}

function freshItem(plan: readonly ItemPlan[]): string {
  let candidate = 'extra';
  for (let suffix = 1; plan.some((item) => item.id === candidate); suffix += 1) {
    candidate = `extra${suffix}`;
  }
  return candidate;
}

/**
 * Answers that `scoreInstrument(instrument, answers)` refuses under the instrument's default
 * policy: complete answers with one targeted change (an answer out of range or not a number, a
 * counting item left out, a flag's item unanswered, an item the instrument does not have).
 * @param instrument - The instrument (a built-in, or one from `defineInstrument`, with the
 *   default `reject` policy for the `answer-missing` change to fail).
 * @returns The arbitrary.
 * @category Testing
 */
export function invalidResponsesArbitrary(
  instrument: DeepReadonly<Instrument>,
): fc.Arbitrary<InvalidValue> {
  const mutations = responseMutations(
    planOf(instrument),
    instrument.scoring.missing.kind === 'reject',
  );
  return mutated(responsesArbitrary(instrument), mutations);
}

// ------------------------------------------------------------------------------------------------
// SRM-5
// ------------------------------------------------------------------------------------------------

/**
 * Options of {@link srmWeekArbitrary}.
 * @category Testing
 */
export interface SrmWeekOptions {
  /**
   * How far each day's time may fall from the activity's usual time, in minutes (default 180, from
   * 0 to 720): small values give regular weeks, large ones irregular ones.
   */
  readonly spreadMinutes?: number;
  /** How often an activity does not happen on a day, as a share (default 0.15, from 0 to 1). */
  readonly skipRate?: number;
}

function clockTime(minutes: number): string {
  const whole = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

/** Usual times of the five activities, in minutes after midnight. */
const usualTimes: Readonly<Record<SrmActivity, number>> = {
  'out-of-bed': 7 * 60,
  'first-contact': 8 * 60,
  'start-work': 9 * 60,
  dinner: 19 * 60,
  'to-bed': 23 * 60,
};

/**
 * A week of SRM-5 diary days (`SrmWeek`): seven days, each giving the `HH:MM` time of each
 * activity, or `null` / nothing when it did not happen. Times scatter around a per-activity usual
 * time (which itself varies), crossing midnight at times. Every value scores with `scoreSrm5`.
 * @param options - Spread and skip rate.
 * @returns The arbitrary.
 * @see IPT reference 6.1 ([MONK02])
 * @category Testing
 */
export function srmWeekArbitrary(options: SrmWeekOptions = {}): fc.Arbitrary<SrmWeek> {
  const read = optionsOf<SrmWeekOptions>(options);
  const spread = sizeOption(read.spreadMinutes, 180, 0, 720);
  const rate: unknown = read.skipRate;
  const skipRate =
    typeof rate === 'number' && Number.isFinite(rate) ? Math.max(0, Math.min(1, rate)) : 0.15;
  const skipScale = 1000;
  const activity = fc.record({
    shift: fc.integer({ min: -120, max: 120 }),
    days: fc.array(
      fc.record({
        offset: fc.integer({ min: -spread, max: spread }),
        skip: fc.integer({ min: 0, max: skipScale - 1 }),
        absent: fc.boolean(),
      }),
      { minLength: 7, maxLength: 7 },
    ),
  });
  return fc.tuple(...SrmActivity.options.map(() => activity)).map((plans) =>
    Array.from({ length: 7 }, (_unused, dayIndex) => {
      const day: Record<string, string | null> = {};
      SrmActivity.options.forEach((name, activityIndex) => {
        const plan = plans[activityIndex];
        const drawn = plan?.days[dayIndex];
        if (plan === undefined || drawn === undefined) return;
        if (drawn.skip < skipRate * skipScale) {
          if (!drawn.absent) day[name] = null;
          return;
        }
        day[name] = clockTime(usualTimes[name] + plan.shift + drawn.offset);
      });
      return day;
    }),
  );
}

const srmMutations: readonly Mutation<SrmWeek>[] = [
  (week, pick) => invalid(changed(week, [pick % 7], REMOVE), 'six-days', 'too-small', []),
  (week) => invalid([...copyOf(week), {}], 'eight-days', 'too-big', []),
  (week, pick) => {
    const day = pick % 7;
    const activity = SrmActivity.options[pick % SrmActivity.options.length] ?? 'dinner';
    return invalid(
      changed(week, [day, activity], '24:00'),
      'time-past-midnight',
      'invalid-format',
      [day, activity],
    );
  },
  (week, pick) =>
    invalid(changed(week, [pick % 7, 'lunch'], '12:30'), 'unknown-activity', 'unrecognized-keys', [
      pick % 7,
    ]),
];

/**
 * SRM-5 weeks that `scoreSrm5` refuses: six or eight days, a time such as `24:00`, an activity the
 * SRM-5 does not have.
 * @param options - As for {@link srmWeekArbitrary}.
 * @returns The arbitrary.
 * @category Testing
 */
export function invalidSrmWeekArbitrary(options: SrmWeekOptions = {}): fc.Arbitrary<InvalidValue> {
  return mutated(srmWeekArbitrary(options), srmMutations);
}
