import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cohensD,
  cohensDav,
  cohensDz,
  effectSizeFromMoments,
  hedgesCorrection,
  hedgesG,
  type EffectSize,
} from './effect-size.js';
import { addToMoments, emptyMoments } from './stats.js';

/** PHQ-9-like totals. */
const group = fc.array(fc.integer({ min: 0, max: 27 }), { minLength: 2, maxLength: 30 });
const pairs = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 27 }), fc.integer({ min: 0, max: 27 })), {
    minLength: 2,
    maxLength: 30,
  })
  .map((list) => ({ pre: list.map(([before]) => before), post: list.map(([, after]) => after) }));

function close(left: number, right: number, tolerance = 1e-9): boolean {
  return Math.abs(left - right) <= tolerance * Math.max(1, Math.abs(left), Math.abs(right));
}

/** The effect size, or `null` when the only problem is that the values do not vary. */
function orZeroVariance(result: ReturnType<typeof cohensD>): EffectSize | null {
  if (result.ok) return result.value;
  expect(result.error.issues.map((found) => found.code)).toEqual(['zero-variance']);
  return null;
}

describe('effect sizes (properties)', () => {
  it("Cohen's d is antisymmetric in the groups (estimate and interval)", () => {
    fc.assert(
      fc.property(group, group, (first, second) => {
        const forward = orZeroVariance(cohensD(first, second));
        const backward = orZeroVariance(cohensD(second, first));
        if (forward === null || backward === null) return;
        expect(close(backward.estimate, -forward.estimate)).toBe(true);
        expect(close(backward.ci!.lower, -forward.ci!.upper, 1e-8)).toBe(true);
        expect(close(backward.ci!.upper, -forward.ci!.lower, 1e-8)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("Cohen's d does not change when both groups are shifted and scaled alike", () => {
    fc.assert(
      fc.property(
        group,
        group,
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        fc.double({ min: -50, max: 50, noNaN: true }),
        (first, second, scale, shift) => {
          const plain = orZeroVariance(cohensD(first, second));
          if (plain === null) return;
          const moved = cohensD(
            first.map((item) => item * scale + shift),
            second.map((item) => item * scale + shift),
          );
          expect(moved.ok).toBe(true);
          if (moved.ok) expect(close(moved.value.estimate, plain.estimate, 1e-7)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('every interval contains its estimate', () => {
    fc.assert(
      fc.property(group, group, pairs, (first, second, paired) => {
        const results = [
          cohensD(first, second),
          hedgesG(first, second),
          cohensDz(paired.pre, paired.post),
          cohensDav(paired.pre, paired.post),
        ];
        for (const result of results) {
          const found = orZeroVariance(result);
          if (found === null) continue;
          expect(found.ci).not.toBeNull();
          expect(found.ci!.lower).toBeLessThanOrEqual(found.estimate + 1e-12);
          expect(found.estimate).toBeLessThanOrEqual(found.ci!.upper + 1e-12);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("Hedges' g = J · d with 0 < J < 1, so |g| <= |d|", () => {
    fc.assert(
      fc.property(group, group, (first, second) => {
        const d = orZeroVariance(cohensD(first, second));
        const g = orZeroVariance(hedgesG(first, second));
        if (d === null || g === null) return;
        const factor = hedgesCorrection(d.df);
        expect(factor).toBeGreaterThan(0);
        expect(factor).toBeLessThan(1);
        expect(g.correction?.factor).toBe(factor);
        expect(close(g.estimate, d.estimate * factor)).toBe(true);
        expect(Math.abs(g.estimate)).toBeLessThanOrEqual(Math.abs(d.estimate));
      }),
      { numRuns: 60 },
    );
  });

  it('d_z is post - pre: swapping pre and post negates it; moments give the same value', () => {
    fc.assert(
      fc.property(pairs, ({ pre, post }) => {
        const forward = orZeroVariance(cohensDz(pre, post));
        const backward = orZeroVariance(cohensDz(post, pre));
        if (forward === null || backward === null) return;
        expect(close(backward.estimate, -forward.estimate)).toBe(true);
        let moments = emptyMoments;
        pre.forEach((before, index) => {
          moments = addToMoments(moments, post[index]! - before);
        });
        const streamed = effectSizeFromMoments(moments);
        expect(streamed.ok).toBe(true);
        if (streamed.ok) expect(close(streamed.value.estimate, forward.estimate)).toBe(true);
        // d_av has the sign of the mean difference too.
        const dav = orZeroVariance(cohensDav(pre, post));
        if (dav !== null) expect(Math.sign(dav.estimate)).toBe(Math.sign(forward.estimate));
      }),
      { numRuns: 60 },
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (first, second, level) => {
        const left = first as number[];
        const right = second as number[];
        const chosen = level as number;
        for (const result of [
          cohensD(left, right, chosen),
          hedgesG(left, right, chosen),
          cohensDz(left, right, chosen),
          cohensDav(left, right, chosen),
          effectSizeFromMoments(first as typeof emptyMoments, chosen),
        ]) {
          if (!result.ok) expect(result.error.issues.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});
