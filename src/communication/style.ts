import { ID_PATTERN } from '../internal/ids.js';
import * as z from 'zod';
import { deepFreeze, type DeepReadonly } from '../internal/deep-freeze.js';
import { issue, validationError, type Issue, type ValidationError } from '../internal/issues.js';
import { safeParseWith } from '../internal/parse.js';
import { err, ok, type Result } from '../internal/result.js';
import { fail, frozenCopy, parseAt } from '../internal/model.js';
import { SourceRef } from '../sources/provenance.js';
import type { SourceKey } from '../sources/sources.js';

/**
 * The four popular communication styles. They come from communication-skills teaching, are
 * **not** IPT constructs, and no validated instrument scoring them was found.
 * @see IPT reference 4.3 - 4.4 ([MARICOPA], [OURLIFE], [0685], [TRENDS], [POWERMOVES])
 * @category Communication
 */
export const CommunicationStyle = z.enum([
  'passive',
  'aggressive',
  'passive-aggressive',
  'assertive',
]);
/** @category Communication */
export type CommunicationStyle = z.infer<typeof CommunicationStyle>;

/**
 * What the catalog says about one communication style.
 * @category Communication
 */
export interface CommunicationStyleInfo {
  readonly id: CommunicationStyle;
  readonly label: string;
  readonly gist: string;
  readonly sources: readonly SourceKey[];
  /** Always `false`: the styles are not IPT constructs. */
  readonly iptConstruct: false;
}

/**
 * The four communication styles with their gist (often drawn as a passive - assertive -
 * aggressive continuum; the four-style framing is credited to Paterson, *The Assertiveness
 * Workbook*, 2000).
 * @see IPT reference 4.3 ([MARICOPA], [OURLIFE], [0685], [TRENDS], [POWERMOVES])
 * @category Communication
 */
export const communicationStyles: Readonly<Record<CommunicationStyle, CommunicationStyleInfo>> =
  deepFreeze({
    passive: {
      id: 'passive',
      label: 'Passive (non-assertive)',
      gist: 'Holds back own needs and views and avoids conflict.',
      sources: ['MARICOPA', 'OURLIFE'],
      iptConstruct: false,
    },
    aggressive: {
      id: 'aggressive',
      label: 'Aggressive',
      gist: "Asserts own needs at others' expense: blaming, interrupting, intimidating.",
      sources: ['MARICOPA', 'OURLIFE'],
      iptConstruct: false,
    },
    'passive-aggressive': {
      id: 'passive-aggressive',
      label: 'Passive-aggressive',
      gist: 'Outwardly compliant, with indirect hostility (sarcasm, sulking, sabotage).',
      sources: ['0685', 'OURLIFE'],
      iptConstruct: false,
    },
    assertive: {
      id: 'assertive',
      label: 'Assertive',
      gist: 'States own needs and feelings clearly while respecting others ("I" statements).',
      sources: ['MARICOPA', 'TRENDS'],
      iptConstruct: false,
    },
  });

/** Scale bounds are kept small so that sums and cross-products stay exact integers. */
const SCALE_LIMIT = 1000;
const MAX_ITEMS = 500;

const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * An item-set or item id: 1-128 letters, digits or `._:-`, starting with a letter or digit (so it
 * is safe to show in an issue path).
 * @category Communication
 */
export const StyleItemId = z.string().regex(ID_PATTERN, {
  error: 'must be 1-128 letters, digits or ._:- starting with a letter or digit',
});
/** @category Communication */
export type StyleItemId = z.infer<typeof StyleItemId>;

/**
 * One item: its text, the style it is keyed to, and whether it is reverse keyed (a high answer
 * means *less* of the style; it is scored as `min + max - answer`).
 * @category Communication
 */
export const StyleItem = z.strictObject({
  id: StyleItemId,
  text: text(500),
  style: CommunicationStyle,
  reverse: z.boolean(),
});
/** @category Communication */
export type StyleItem = z.infer<typeof StyleItem>;

/**
 * The rating scale every item of a set uses: whole numbers from `min` to `max`, with optional
 * labelled anchors (for example 1 = "strongly disagree").
 * @category Communication
 */
export const StyleResponseScale = z.strictObject({
  min: z.int().min(-SCALE_LIMIT).max(SCALE_LIMIT),
  max: z.int().min(-SCALE_LIMIT).max(SCALE_LIMIT),
  anchors: z
    .array(z.strictObject({ value: z.int(), label: text(80) }))
    .max(2 * SCALE_LIMIT + 1)
    .optional(),
});
/** @category Communication */
export type StyleResponseScale = z.infer<typeof StyleResponseScale>;

/**
 * What happens when items are left unanswered: `reject` the responses (every item must be
 * answered), or score each style as the mean of its answered items provided at least
 * `minAnsweredPerStyle` of them were answered. Never silent: unanswered items are listed in the
 * result.
 * @category Communication
 */
export const StyleMissingPolicy = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('reject') }),
  z.strictObject({
    kind: z.literal('mean-of-answered'),
    minAnsweredPerStyle: z.int().min(1).max(MAX_ITEMS),
  }),
]);
/** @category Communication */
export type StyleMissingPolicy = z.infer<typeof StyleMissingPolicy>;

/**
 * A communication-style item set: items each keyed to one of the four styles (with reverse
 * keying), one rating scale, a missing-answer policy, and whether it is a validated instrument
 * (`validated`) with a `notice` to show with its results. iptkit ships one unvalidated
 * self-reflection set; callers may pass a licensed instrument of their own in the same shape.
 * Codes: `range-inverted`, `out-of-scale` (anchor), `duplicate` (item id or anchor value),
 * `style-without-items`, `min-answered-exceeds-items`.
 * @see IPT reference 4.3 - 4.4 (no validated four-style instrument found)
 * @category Communication
 */
export const StyleItemSet = z
  .strictObject({
    id: StyleItemId,
    version: text(40),
    title: text(200),
    /** `true` only for a published, validated instrument (which the caller must be licensed to use). */
    validated: z.boolean(),
    /** What users must be told with every result (for example "not a validated instrument"). */
    notice: text(2000),
    sources: z.array(SourceRef).max(20).optional(),
    scale: StyleResponseScale,
    items: z.array(StyleItem).min(CommunicationStyle.options.length).max(MAX_ITEMS),
    missingPolicy: StyleMissingPolicy,
  })
  .superRefine((itemSet, context) => {
    // Cross-field rules only run on a value whose parts are all valid.
    if (context.issues.length > 0) return;
    const problem = (path: (string | number)[], code: string, message: string) => {
      context.addIssue({ code: 'custom', path, message, params: { code } });
    };
    const { min, max, anchors = [] } = itemSet.scale;
    if (max <= min) problem(['scale', 'max'], 'range-inverted', 'must be greater than scale.min');
    const anchorValues = anchors.map((anchor) => anchor.value);
    anchorValues.forEach((value, index) => {
      if (value < min || value > max) {
        problem(['scale', 'anchors', index, 'value'], 'out-of-scale', 'must lie on the scale');
      } else if (anchorValues.indexOf(value) !== index) {
        problem(['scale', 'anchors', index, 'value'], 'duplicate', 'is listed twice');
      }
    });
    const ids = itemSet.items.map((item) => item.id);
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index) problem(['items', index, 'id'], 'duplicate', 'is used twice');
    });
    const perStyle = itemCounts(itemSet.items);
    for (const style of CommunicationStyle.options) {
      if (perStyle[style] === 0) {
        problem(['items'], 'style-without-items', `has no item keyed to the style "${style}"`);
      }
    }
    const policy = itemSet.missingPolicy;
    if (policy.kind === 'mean-of-answered') {
      const fewest = Math.min(...Object.values(perStyle));
      if (fewest > 0 && policy.minAnsweredPerStyle > fewest) {
        problem(
          ['missingPolicy', 'minAnsweredPerStyle'],
          'min-answered-exceeds-items',
          `must not exceed ${fewest}, the number of items of the style with the fewest`,
        );
      }
    }
  });
/** @category Communication */
export type StyleItemSet = z.infer<typeof StyleItemSet>;
/**
 * What {@link StyleItemSet} accepts.
 * @category Communication
 */
export type StyleItemSetInput = z.input<typeof StyleItemSet>;

function itemCounts(
  items: readonly { readonly style: CommunicationStyle }[],
): Record<CommunicationStyle, number> {
  const counts = { passive: 0, aggressive: 0, 'passive-aggressive': 0, assertive: 0 };
  for (const item of items) counts[item.style] += 1;
  return counts;
}

/**
 * Validates a communication-style item set (a caller's own or licensed instrument).
 * @param input - Item-set data (see {@link StyleItemSet}).
 * @returns The item set, deeply frozen, or every problem found (paths from the set's root).
 * @example
 * ```ts
 * const mine = defineStyleItemSet({ ...communicationStyleReflection, id: 'clinic-set', items: myItems });
 * ```
 * @category Communication
 */
export function defineStyleItemSet(
  input: unknown,
): Result<DeepReadonly<StyleItemSet>, ValidationError> {
  return safeParseWith(StyleItemSet, input);
}

/**
 * The score of one style.
 * @category Communication
 */
export const StyleScore = z.strictObject({
  /** Items keyed to the style in the set. */
  items: z.int().min(1),
  /** Of those, how many were answered. */
  answered: z.int().min(0),
  /** Sum of the answered items after reverse keying. */
  sum: z.int(),
  /** `sum / answered`, on the set's scale (higher = more of the style). */
  mean: z.number(),
  /** The mean mapped to 0..1: `(mean - min) / (max - min)`. */
  normalised: z.number().min(0).max(1),
});
/** @category Communication */
export type StyleScore = z.infer<typeof StyleScore>;

/**
 * The result of {@link assessCommunicationStyle}: a score per style, the dominant style(s) (all
 * styles tied for the highest mean, so a tie is explicit), the unanswered items, and which item
 * set produced it, with its `validated` flag and notice.
 * @category Communication
 */
export const StyleAssessment = z.strictObject({
  itemSet: z.strictObject({ id: StyleItemId, version: text(40), validated: z.boolean() }),
  notice: text(2000),
  scale: z.strictObject({
    min: StyleResponseScale.shape.min,
    max: StyleResponseScale.shape.max,
  }),
  profile: z.strictObject({
    passive: StyleScore,
    aggressive: StyleScore,
    'passive-aggressive': StyleScore,
    assertive: StyleScore,
  }),
  /** The style(s) with the highest mean, in the order of {@link CommunicationStyle}. */
  dominant: z.array(CommunicationStyle).min(1).max(CommunicationStyle.options.length),
  /** `true` when more than one style shares the highest mean. */
  tie: z.boolean(),
  /** Ids of the items left unanswered, in item order. */
  unanswered: z.array(StyleItemId).max(MAX_ITEMS),
});
/** @category Communication */
export type StyleAssessment = z.infer<typeof StyleAssessment>;

/**
 * Answers to an item set: item id to a whole number on the set's scale. `null` or `undefined`
 * (or a missing key) means unanswered.
 * @category Communication
 */
export type StyleResponses = Readonly<Record<string, number | null | undefined>>;

interface Tally {
  items: number;
  answered: number;
  sum: number;
}

/**
 * Scores responses to a communication-style item set: for each style the mean of its answered
 * items on the set's scale (reverse-keyed items scored as `min + max - answer`) and the same mean
 * normalised to 0..1, plus the dominant style(s). Ties are found exactly (means are compared as
 * fractions, by cross-multiplying integer sums), and every tied style is listed.
 *
 * Errors (all problems are reported together): issues from the item set at `['itemSet', ...]`;
 * `invalid-type` at `['responses']` when it is not an object; at `['responses', itemId]`:
 * `invalid-type` (not a number), `not-an-integer`, `out-of-scale`, and, under the `reject`
 * policy, `missing-answer`; `unknown-items` at `['responses']` for keys that are not item ids
 * (reported by count and position, never quoted); `too-few-answers` at `['responses']` when a
 * style has fewer valid answers than the `mean-of-answered` policy needs (checked once every
 * given answer is valid; an invalid answer is never also reported as missing).
 *
 * A result is only as good as the item set: with iptkit's own set (`validated: false`) it is a
 * structured self-reflection, not a measurement. The four styles are not IPT constructs.
 * @param itemSet - The item set (re-validated).
 * @param responses - Item id to answer.
 * @returns The assessment, deeply frozen.
 * @example
 * ```ts
 * const result = assessCommunicationStyle(communicationStyleReflection, answers);
 * if (result.ok) show(result.value.dominant, result.value.notice);
 * ```
 * @see IPT reference 4.3 - 4.4
 * @category Communication
 */
export function assessCommunicationStyle(
  itemSet: DeepReadonly<StyleItemSetInput>,
  responses: StyleResponses,
): Result<DeepReadonly<StyleAssessment>, ValidationError> {
  const parsedSet = parseAt(StyleItemSet, itemSet, ['itemSet']);
  if (!parsedSet.ok) return parsedSet;
  const set = parsedSet.value;
  let read: ReadResult | undefined;
  try {
    read = readResponses(set, responses);
  } catch {
    return fail('unreadable-input', ['responses'], 'the input could not be read');
  }
  if (read === undefined) {
    return fail('invalid-type', ['responses'], 'expected an object of item id to answer');
  }
  const { answers, invalid, found } = read;
  const tallies: Record<CommunicationStyle, Tally> = {
    passive: { items: 0, answered: 0, sum: 0 },
    aggressive: { items: 0, answered: 0, sum: 0 },
    'passive-aggressive': { items: 0, answered: 0, sum: 0 },
    assertive: { items: 0, answered: 0, sum: 0 },
  };
  const unanswered: string[] = [];
  for (const item of set.items) {
    const tally = tallies[item.style];
    tally.items += 1;
    const answer = answers.get(item.id);
    if (invalid.has(item.id)) continue;
    if (answer === undefined) {
      unanswered.push(item.id);
      if (set.missingPolicy.kind === 'reject') {
        found.push(issue('missing-answer', ['responses', item.id], 'must be answered'));
      }
      continue;
    }
    tally.answered += 1;
    tally.sum += item.reverse ? set.scale.min + set.scale.max - answer : answer;
  }
  const policy = set.missingPolicy;
  // Counting answers only makes sense once every given answer is valid.
  if (policy.kind === 'mean-of-answered' && invalid.size === 0) {
    for (const style of CommunicationStyle.options) {
      const { answered } = tallies[style];
      if (answered < policy.minAnsweredPerStyle) {
        found.push(
          issue(
            'too-few-answers',
            ['responses'],
            `has ${answered} answered item${answered === 1 ? '' : 's'} for the style "${style}"; the item set needs at least ${policy.minAnsweredPerStyle}`,
          ),
        );
      }
    }
  }
  if (found.length > 0) return err(validationError(found));

  const { min, max } = set.scale;
  let dominant: CommunicationStyle[] = [];
  for (const style of CommunicationStyle.options) {
    const best = dominant[0];
    const order = best === undefined ? 1 : compareMeans(tallies[style], tallies[best]);
    if (order > 0) dominant = [style];
    else if (order === 0) dominant.push(style);
  }
  const score = (tally: Tally): StyleScore => ({
    items: tally.items,
    answered: tally.answered,
    sum: tally.sum,
    mean: tally.sum / tally.answered,
    normalised: (tally.sum - tally.answered * min) / (tally.answered * (max - min)),
  });
  return ok(
    frozenCopy({
      itemSet: { id: set.id, version: set.version, validated: set.validated },
      notice: set.notice,
      scale: { min, max },
      profile: {
        passive: score(tallies.passive),
        aggressive: score(tallies.aggressive),
        'passive-aggressive': score(tallies['passive-aggressive']),
        assertive: score(tallies.assertive),
      },
      dominant,
      tie: dominant.length > 1,
      unanswered,
    }),
  );
}

/** Compares `left.sum / left.answered` with `right.sum / right.answered` exactly (both > 0). */
function compareMeans(left: Tally, right: Tally): number {
  return Math.sign(left.sum * right.answered - right.sum * left.answered);
}

interface ReadResult {
  /** Valid answers by item id. */
  readonly answers: Map<string, number>;
  /** Item ids whose answer was given but is not valid. */
  readonly invalid: Set<string>;
  readonly found: Issue[];
}

/** Reads the responses; `undefined` when they are not a plain object. May throw on exotic input. */
function readResponses(set: StyleItemSet, responses: unknown): ReadResult | undefined {
  if (typeof responses !== 'object' || responses === null || Array.isArray(responses)) {
    return undefined;
  }
  const known = new Set(set.items.map((item) => item.id));
  const answers = new Map<string, number>();
  const invalid = new Set<string>();
  const found: Issue[] = [];
  const unknownPositions: number[] = [];
  const { min, max } = set.scale;
  const record = responses as Record<string, unknown>;
  Object.keys(record).forEach((key, index) => {
    if (!known.has(key)) {
      unknownPositions.push(index + 1);
      return;
    }
    const value = record[key];
    const path = ['responses', key];
    if (value === null || value === undefined) return;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) {
      answers.set(key, value);
      return;
    }
    invalid.add(key);
    if (typeof value !== 'number' || Number.isNaN(value)) {
      found.push(issue('invalid-type', path, 'expected a whole number'));
    } else if (!Number.isInteger(value)) {
      found.push(issue('not-an-integer', path, 'must be a whole number'));
    } else {
      found.push(issue('out-of-scale', path, `must be from ${min} to ${max}`));
    }
  });
  if (unknownPositions.length > 0) {
    const count = unknownPositions.length;
    found.unshift(
      issue(
        'unknown-items',
        ['responses'],
        `has ${count} key${count === 1 ? '' : 's'} that ${count === 1 ? 'is' : 'are'} not an item of this set (position${count === 1 ? '' : 's'} ${unknownPositions.join(', ')} in key order)`,
      ),
    );
  }
  return { answers, invalid, found };
}
