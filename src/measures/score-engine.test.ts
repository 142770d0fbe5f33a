import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import { Instrument, scoreCore } from './instrument.js';
import { phq9, phq9Scoring, scorePhq9 } from './phq9.js';
import { runScoring, trustBuiltIn, type ScoreOptions, type ScoringSpec } from './score-engine.js';

// scorePhq9 scores with `phq9Scoring` (the PHQ-9's numbers without its texts) through the engine
// with `trustBuiltIn`, skipping the Instrument schema, so that a scorePhq9-only bundle ships
// neither (DESIGN.md section 5). These tests pin what makes that safe: the spec is exactly the
// scoring part of phq9 (Kroenke 2001 [KROENKE01], [CALC]), phq9 is valid and parses to itself, and
// scorePhq9 scores exactly like the schema-checked engine on phq9.

/** The part of an instrument the engine reads, written out field by field. */
function specOf(instrument: DeepReadonly<Instrument>): ScoringSpec {
  return {
    id: instrument.id,
    version: instrument.version,
    items: instrument.items.map((item) => ({
      id: item.id,
      countsTowardTotal: item.countsTowardTotal,
      options: item.options.map((option) => ({ value: option.value })),
    })),
    scoring: { missing: structuredClone(instrument.scoring.missing) },
    bandSets: instrument.bandSets.map((bandSet) => ({
      id: bandSet.id,
      bands: bandSet.bands.map((band) => ({
        id: band.id,
        label: band.label,
        min: band.min,
        max: band.max,
      })),
    })),
    defaultBandSet: instrument.defaultBandSet,
    flags: instrument.flags.map((flag) => ({
      id: flag.id,
      item: flag.item,
      atLeast: flag.atLeast,
    })),
  };
}

/** Every object reachable from a value. */
function objectsIn(value: unknown): object[] {
  if (typeof value !== 'object' || value === null) return [];
  return [value, ...Object.values(value).flatMap(objectsIn)];
}

const ITEMS = ['item1', 'item2', 'item3', 'item4', 'item5', 'item6', 'item7', 'item8', 'item9'];

/** Complete, valid answers (every total and band reachable), with or without `difficulty`. */
const complete = fc.record(
  Object.fromEntries([...ITEMS, 'difficulty'].map((id) => [id, fc.integer({ min: 0, max: 3 })])),
  { requiredKeys: ITEMS },
);

/** Answers as a caller might send them: valid, out of range, wrong type, missing, unknown keys. */
const messy = fc.dictionary(
  fc.constantFrom(...ITEMS, 'difficulty', 'item10', 'extra'),
  fc.oneof(
    fc.integer({ min: 0, max: 3 }),
    fc.integer({ min: -2, max: 5 }),
    fc.constantFrom(null, undefined, 1.5, '2', Number.NaN),
  ),
);

const responses = fc.oneof(complete, messy);

/** Options, valid and not (an invalid policy or band set is reported as an issue). */
const options = fc.constantFrom<unknown>(
  {},
  { missing: { kind: 'reject' } },
  { missing: { kind: 'incomplete' } },
  { missing: { kind: 'prorate', maxMissing: 1 } },
  { missing: { kind: 'prorate', maxMissing: 8 } },
  { missing: { kind: 'prorate', maxMissing: 9 } },
  { missing: { kind: 'prorate' } },
  { missing: { kind: 'prorate', maxMissing: 1.5 } },
  { missing: { kind: 'guess' } },
  { missing: { kind: 'reject', extra: true } },
  { missing: 'reject' },
  { bandSet: 'kroenke-2001' },
  { bandSet: 'other' },
  null,
) as fc.Arbitrary<ScoreOptions>;

describe('phq9Scoring', () => {
  it('is exactly the part of phq9 that scoring reads', () => {
    expect(phq9Scoring).toStrictEqual(specOf(phq9));
  });

  it('is deeply frozen, so the engine prepares it once', () => {
    for (const node of objectsIn(phq9Scoring)) expect(Object.isFrozen(node)).toBe(true);
  });

  it('comes from an instrument the Instrument schema accepts and gives back unchanged', () => {
    const checked = Instrument.safeParse(phq9);
    expect(checked.success).toBe(true);
    expect(checked.data).toStrictEqual(structuredClone(phq9));
  });

  it('is used as it is by trustBuiltIn', () => {
    expect(trustBuiltIn(phq9Scoring)).toBe(phq9Scoring);
  });
});

describe('runScoring', () => {
  it('[KROENKE01] scores with phq9Scoring exactly as the schema-checked engine does with phq9', () => {
    fc.assert(
      fc.property(responses, options, (answers, chosen) => {
        // Unfrozen copies are never cached, so each call prepares its spec afresh.
        const trusted = runScoring(structuredClone(phq9Scoring), answers, chosen, trustBuiltIn);
        const checked = scoreCore(structuredClone(phq9), answers, chosen);
        expect(trusted).toStrictEqual(checked);
      }),
    );
  });

  it('[KROENKE01] scorePhq9 gives the schema-checked score of phq9, plus the difficulty answer', () => {
    fc.assert(
      fc.property(responses, options, (answers, chosen) => {
        const scored = scorePhq9(answers, chosen);
        const checked = scoreCore(structuredClone(phq9), answers, chosen);
        if (!checked.ok) {
          expect(scored).toStrictEqual(checked);
          return;
        }
        expect(scored.ok).toBe(true);
        if (!scored.ok) return;
        const { difficulty, ...rest } = scored.value;
        expect(rest).toStrictEqual({ ...checked.value });
        expect(difficulty).toBe(checked.value.responses.difficulty);
        expect(Object.isFrozen(scored.value)).toBe(true);
      }),
    );
  });

  it('reports invalid-instrument when the check rejects the spec', () => {
    const result = runScoring(structuredClone(phq9Scoring), { item1: 0 }, {}, () => undefined);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((found) => [found.code, found.path])).toEqual([
      ['invalid-instrument', ['instrument']],
    ]);
  });
});
