import type { DeepReadonly } from '../internal/deep-freeze.js';
import type { ValidationError } from '../internal/issues.js';
import { ok, type Result } from '../internal/result.js';
import { gad7 } from '../measures/gad7.js';
import { hamd17 } from '../measures/hamd17.js';
import {
  scoreCore,
  scoreInstrument,
  storedScoreHolds,
  type Instrument,
  type MissingPolicy,
} from '../measures/instrument.js';
import { phq9 } from '../measures/phq9.js';
import { sameBand } from '../measures/score-engine.js';
import type { CourseInstrumentId } from './commands.js';
import type { StoredScore } from './events.js';

/**
 * The instruments a course can record, by id.
 * @category Course
 */
export const courseInstruments: Readonly<Record<CourseInstrumentId, DeepReadonly<Instrument>>> =
  Object.freeze({ 'phq-9': phq9, 'gad-7': gad7, 'hamd-17': hamd17 });

/** What a `measure-recorded` event stores of a score. */
interface Stored {
  readonly instrumentVersion: string;
  readonly responses: Readonly<Record<string, number>>;
  readonly score: StoredScore;
}

/**
 * Scores answers to a course instrument into the form a `measure-recorded` event stores (fields in
 * a fixed order, so two scores of the same answers compare equal as JSON).
 * @internal
 */
export function scoreStored(
  instrument: CourseInstrumentId,
  responses: unknown,
  missing: DeepReadonly<MissingPolicy> | undefined,
  bandSet: string | undefined,
): Result<Stored, ValidationError> {
  const definition = courseInstruments[instrument];
  const result = scoreInstrument(definition, responses, {
    ...(missing === undefined ? {} : { missing: missing as MissingPolicy }),
    ...(bandSet === undefined ? {} : { bandSet }),
  });
  if (!result.ok) return result;
  const { total, band, flags, missing: unanswered, missingHandling } = result.value;
  return ok({
    instrumentVersion: definition.version,
    responses: result.value.responses,
    score: {
      total,
      band:
        band === null
          ? null
          : { id: band.id, label: band.label, min: band.min, max: band.max, bandSet: band.bandSet },
      flags: { ...flags },
      missing: [...unanswered],
      missingHandling,
    },
  });
}

/**
 * Whether two stored scores are the same (field by field; flags and missing items in any order
 * of keys but the same values).
 * @internal
 */
export function sameScore(
  left: DeepReadonly<StoredScore>,
  right: DeepReadonly<StoredScore>,
): boolean {
  if (left.total !== right.total || left.missingHandling !== right.missingHandling) return false;
  if (!sameBand(left.band, right.band)) return false;
  if (left.missing.length !== right.missing.length) return false;
  for (let index = 0; index < left.missing.length; index += 1) {
    if (left.missing[index] !== right.missing[index]) return false;
  }
  const leftFlags = Object.keys(left.flags);
  if (leftFlags.length !== Object.keys(right.flags).length) return false;
  for (const flag of leftFlags) {
    if (!Object.hasOwn(right.flags, flag) || left.flags[flag] !== right.flags[flag]) return false;
  }
  return true;
}

/** What a `measure-recorded` event (or a course's measure record) holds of its scoring. */
interface StoredMeasure {
  readonly instrument: CourseInstrumentId;
  readonly instrumentVersion: string;
  readonly responses: unknown;
  readonly missing?: DeepReadonly<MissingPolicy> | undefined;
  readonly bandSet?: string | undefined;
  readonly score: DeepReadonly<StoredScore>;
}

const NO_OPTIONS = Object.freeze({});

/**
 * Whether a stored measure's score is the score of its stored answers, under the instrument
 * version it names: what `scoreStored` then `sameScore` decide, without building the stored form
 * or freezing the score on the way (replay checks every stored measure this way).
 * @param stored - A measure as stored.
 * @returns `true` when the answers score to exactly the stored score.
 * @internal
 */
export function storedScoreMatches(stored: DeepReadonly<StoredMeasure>): boolean {
  const definition = courseInstruments[stored.instrument];
  if (stored.instrumentVersion !== definition.version) return false;
  const { missing, bandSet } = stored;
  if (missing === undefined && bandSet === undefined) {
    const quick = storedScoreHolds(definition, stored.responses, stored.score);
    if (quick !== undefined) return quick;
  }
  const options =
    missing === undefined && bandSet === undefined
      ? NO_OPTIONS
      : {
          ...(missing === undefined ? {} : { missing: missing as MissingPolicy }),
          ...(bandSet === undefined ? {} : { bandSet }),
        };
  const result = scoreCore(definition, stored.responses, options);
  return result.ok && sameScore(result.value, stored.score);
}
