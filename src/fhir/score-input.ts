import type { MeasureRecord } from '../course/state.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import { issue, type Issue, type IssuePath } from '../internal/issues.js';
import type { Score } from '../measures/instrument.js';
import { isRecord, own } from './shared.js';
import { isFhirInstrumentId, mappedInstruments, type MappedInstrument } from './systems.js';

/**
 * What the PHQ-9 / GAD-7 mappings accept: a {@link Score} from `scoreInstrument` (or a
 * `Phq9Score` from `scorePhq9`), or a course's {@link MeasureRecord}.
 * @category FHIR
 */
export type ScoreInput = Score | DeepReadonly<MeasureRecord>;

/** A score read from either shape and checked against the built-in instrument. @internal */
export interface ReadScore {
  readonly instrument: MappedInstrument;
  readonly responses: Readonly<Record<string, number>>;
  readonly total: number | null;
  readonly band: { readonly id: string; readonly label: string } | null;
  readonly missing: readonly string[];
  readonly missingHandling: 'none' | 'prorated' | 'incomplete';
  /** Where the total is in the input (for issues). */
  readonly totalPath: IssuePath;
}

const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * Reads a {@link ScoreInput}: the instrument must be the PHQ-9 or GAD-7, every answer one the
 * built-in instrument allows, and a complete total must be the sum of the answers. Problems go to
 * `issues` (paths under `score`); the result is `undefined` when the score cannot be used.
 * @internal
 */
export function readScore(input: unknown, issues: Issue[]): ReadScore | undefined {
  if (!isRecord(input)) {
    issues.push(issue('invalid-type', ['score'], 'expected a score or a measure record'));
    return undefined;
  }
  // A MeasureRecord names its instrument by id and keeps the numbers under `score`.
  const rawInstrument = own(input, 'instrument');
  const isRecordShape = typeof rawInstrument === 'string';
  const instrumentId = isRecordShape
    ? rawInstrument
    : isRecord(rawInstrument)
      ? own(rawInstrument, 'id')
      : undefined;
  const instrumentPath = isRecordShape ? ['score', 'instrument'] : ['score', 'instrument', 'id'];
  if (!isFhirInstrumentId(instrumentId)) {
    issues.push(
      issue(
        'unsupported-instrument',
        instrumentPath,
        'must be the PHQ-9 or the GAD-7 (phq-9, gad-7)',
      ),
    );
    return undefined;
  }
  const mapped = mappedInstruments[instrumentId];
  const numbers = isRecordShape ? own(input, 'score') : input;
  const numbersPath = isRecordShape ? ['score', 'score'] : ['score'];
  if (!isRecord(numbers)) {
    issues.push(issue('invalid-type', numbersPath, 'expected the stored score'));
    return undefined;
  }
  const before = issues.length;

  const rawResponses = own(input, 'responses');
  const responses: Record<string, number> = {};
  if (!isRecord(rawResponses)) {
    issues.push(issue('invalid-type', ['score', 'responses'], 'expected answers keyed by item id'));
  } else {
    for (const item of mapped.items) {
      const value = own(rawResponses, item.id);
      if (value === undefined || value === null) continue;
      if (typeof value !== 'number' || !item.allowed.includes(value)) {
        issues.push(
          issue(
            'invalid-answer',
            ['score', 'responses', item.id],
            'must be an integer from 0 to 3',
          ),
        );
        continue;
      }
      responses[item.id] = value;
    }
    const known = new Set(mapped.items.map((item) => item.id));
    const unknown = Object.keys(rawResponses).filter((key) => !known.has(key)).length;
    if (unknown > 0) {
      issues.push(
        issue(
          'unknown-items',
          ['score', 'responses'],
          `has ${unknown} answer key${unknown === 1 ? '' : 's'} that the instrument does not have`,
        ),
      );
    }
  }

  const total = own(numbers, 'total');
  if (total !== null && (typeof total !== 'number' || !Number.isSafeInteger(total))) {
    issues.push(issue('invalid-type', [...numbersPath, 'total'], 'expected an integer or null'));
  }
  const missingHandling = own(numbers, 'missingHandling');
  if (
    missingHandling !== 'none' &&
    missingHandling !== 'prorated' &&
    missingHandling !== 'incomplete'
  ) {
    issues.push(
      issue(
        'invalid-value',
        [...numbersPath, 'missingHandling'],
        'must be one of "none", "prorated", "incomplete"',
      ),
    );
  }
  const rawMissing = own(numbers, 'missing');
  const missing = Array.isArray(rawMissing)
    ? rawMissing.filter((id): id is string => typeof id === 'string')
    : [];

  let band: ReadScore['band'] = null;
  const rawBand = own(numbers, 'band');
  if (rawBand !== null && rawBand !== undefined) {
    const id = isRecord(rawBand) ? own(rawBand, 'id') : undefined;
    const label = isRecord(rawBand) ? own(rawBand, 'label') : undefined;
    if (
      typeof id !== 'string' ||
      !KEBAB.test(id) ||
      id.length > 64 ||
      typeof label !== 'string' ||
      label.trim().length === 0 ||
      label.length > 300
    ) {
      issues.push(
        issue(
          'invalid-band',
          [...numbersPath, 'band'],
          'expected a band with a kebab-case id and a label',
        ),
      );
    } else {
      band = { id, label: label.trim() };
    }
  }
  if (issues.length > before) return undefined;

  const checkedTotal = total as number | null;
  const handling = missingHandling as ReadScore['missingHandling'];
  const range = { min: 0, max: 0 };
  let sum = 0;
  let unanswered = 0;
  for (const item of mapped.items) {
    if (!item.countsTowardTotal) continue;
    range.max += Math.max(...item.allowed);
    const value = responses[item.id];
    if (value === undefined) unanswered += 1;
    else sum += value;
  }
  if (checkedTotal === null) {
    if (handling !== 'incomplete') {
      issues.push(
        issue(
          'invalid-total',
          [...numbersPath, 'total'],
          'is null although the score is not incomplete',
        ),
      );
    }
  } else if (checkedTotal < range.min || checkedTotal > range.max) {
    issues.push(
      issue(
        'invalid-total',
        [...numbersPath, 'total'],
        `must be from ${range.min} to ${range.max}`,
      ),
    );
  } else if (handling === 'none' && (unanswered > 0 || sum !== checkedTotal)) {
    issues.push(
      issue(
        'total-mismatch',
        [...numbersPath, 'total'],
        'must be the sum of the answered counting items when none is missing',
      ),
    );
  }
  if (issues.length > before) return undefined;
  return {
    instrument: mapped,
    responses,
    total: checkedTotal,
    band,
    missing,
    missingHandling: handling,
    totalPath: [...numbersPath, 'total'],
  };
}
