import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addToMoments,
  emptyMoments,
  meanInterval,
  mergeMoments,
  noncentralityInterval,
  noncentralTCdf,
  normalCdf,
  normalQuantile,
  sampleVariance,
  studentTCdf,
  studentTQuantile,
  wilsonInterval,
  type RunningMoments,
} from './stats.js';

function fold(values: readonly number[]): RunningMoments {
  return values.reduce(addToMoments, emptyMoments);
}

/** |a - b| within `relative` of the larger magnitude (and of 1, for values near 0). */
function close(left: number, right: number, relative: number): boolean {
  return Math.abs(left - right) <= relative * Math.max(1, Math.abs(left), Math.abs(right));
}

const probability = fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true });
const degrees = fc.oneof(
  fc.integer({ min: 1, max: 200 }),
  fc.double({ min: 0.5, max: 1e4, noNaN: true }),
);
/** Values with a moderate spread, as outcome scores and their differences have. */
const value = fc.oneof(
  fc.integer({ min: -10_000, max: 10_000 }),
  fc.double({ min: -100, max: 100, noNaN: true }),
);

describe('normal and t quantiles (properties)', () => {
  it('Φ(normalQuantile(p)) = p', () => {
    fc.assert(
      fc.property(probability, (p) => {
        expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-13 + 1e-12 * p);
      }),
    );
  });

  it('the t distribution function inverts studentTQuantile, and quantiles increase with p', () => {
    const moderate = fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true });
    fc.assert(
      fc.property(moderate, moderate, degrees, (first, second, df) => {
        const q = studentTQuantile(first, df);
        expect(Math.abs(studentTCdf(q, df) - first)).toBeLessThan(1e-10);
        if (first < second) {
          // Up to rounding: p values one ulp apart may give quantiles one ulp apart either way.
          expect(studentTQuantile(second, df)).toBeGreaterThanOrEqual(q - 1e-12 * Math.abs(q));
        }
      }),
    );
  });

  it('t quantiles are farther out than normal ones and antisymmetric', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 1 - 1e-6, noNaN: true }), degrees, (p, df) => {
        const q = studentTQuantile(p, df);
        expect(q).toBeGreaterThanOrEqual(normalQuantile(p) - 1e-12);
        // 1 - p is itself rounded, so compare relatively.
        expect(close(studentTQuantile(1 - p, df), -q, 1e-9)).toBe(true);
      }),
    );
  });
});

describe('noncentral t (properties)', () => {
  const t = fc.double({ min: -30, max: 30, noNaN: true });
  const ncp = fc.double({ min: -30, max: 30, noNaN: true });
  const df = fc.oneof(
    fc.integer({ min: 1, max: 300 }),
    fc.double({ min: 0.5, max: 500, noNaN: true }),
  );

  it('is a probability, decreases in ncp and increases in t', () => {
    fc.assert(
      fc.property(
        t,
        ncp,
        df,
        fc.double({ min: 0.01, max: 3, noNaN: true }),
        (x, delta, nu, step) => {
          const value = noncentralTCdf(x, nu, delta);
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
          expect(noncentralTCdf(x, nu, delta + step)).toBeLessThanOrEqual(value + 1e-12);
          expect(noncentralTCdf(x + step, nu, delta)).toBeGreaterThanOrEqual(value - 1e-12);
        },
      ),
    );
  });

  it('is symmetric: F(t; ν, δ) = 1 - F(-t; ν, -δ)', () => {
    fc.assert(
      fc.property(t, ncp, df, (x, delta, nu) => {
        expect(
          Math.abs(noncentralTCdf(x, nu, delta) - (1 - noncentralTCdf(-x, nu, -delta))),
        ).toBeLessThan(1e-12);
      }),
    );
  });

  it('the interval for δ puts t at its target points', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -15, max: 15, noNaN: true }),
        fc.integer({ min: 2, max: 200 }),
        fc.constantFrom(0.8, 0.9, 0.95, 0.99),
        (x, nu, level) => {
          const interval = noncentralityInterval(x, nu, level);
          expect(interval).not.toBeNull();
          if (interval === null) return;
          const alpha = 1 - level;
          expect(interval.lower).toBeLessThan(interval.upper);
          expect(Math.abs(noncentralTCdf(x, nu, interval.lower) - (1 - alpha / 2))).toBeLessThan(
            1e-9,
          );
          expect(Math.abs(noncentralTCdf(x, nu, interval.upper) - alpha / 2)).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('wilsonInterval (properties)', () => {
  it('estimate in [0, 1], lower <= estimate <= upper, both bounds in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 100_000 })
          .chain((total) => fc.tuple(fc.integer({ min: 0, max: total }), fc.constant(total))),
        fc.double({ min: 0.01, max: 0.999, noNaN: true }),
        ([successes, total], level) => {
          const { estimate, interval } = wilsonInterval(successes, total, level);
          expect(estimate).toBeGreaterThanOrEqual(0);
          expect(estimate).toBeLessThanOrEqual(1);
          expect(interval.lower).toBeGreaterThanOrEqual(0);
          expect(interval.upper).toBeLessThanOrEqual(1);
          expect(interval.lower).toBeLessThanOrEqual(estimate);
          expect(estimate).toBeLessThanOrEqual(interval.upper);
          expect(interval.level).toBe(level);
        },
      ),
    );
  });
});

describe('streaming moments (properties)', () => {
  it('mergeMoments(a, b) equals folding all values (within 1e-9 relative)', () => {
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 60 }),
        fc.array(value, { maxLength: 60 }),
        (left, right) => {
          const merged = mergeMoments(fold(left), fold(right));
          const all = fold([...left, ...right]);
          expect(merged.count).toBe(all.count);
          expect(close(merged.mean, all.mean, 1e-9)).toBe(true);
          expect(close(merged.m2, all.m2, 1e-9)).toBe(true);
        },
      ),
    );
  });

  it('the mean and variance agree with the two-pass formulas', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 2, maxLength: 80 }), (values) => {
        const moments = fold(values);
        let sum = 0;
        for (const item of values) sum += item;
        const mean = sum / values.length;
        let squares = 0;
        for (const item of values) squares += (item - mean) ** 2;
        expect(close(moments.mean, mean, 1e-9)).toBe(true);
        expect(close(sampleVariance(moments)!, squares / (values.length - 1), 1e-9)).toBe(true);
      }),
    );
  });

  it('meanInterval contains the mean, and a higher level gives a wider interval', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 2, maxLength: 50 }), (values) => {
        const moments = fold(values);
        const ninety = meanInterval(moments, 0.9);
        const ninetyNine = meanInterval(moments, 0.99);
        expect(ninety.interval).not.toBeNull();
        const { lower, upper } = ninety.interval!;
        expect(lower).toBeLessThanOrEqual(ninety.mean!);
        expect(ninety.mean!).toBeLessThanOrEqual(upper);
        expect(ninetyNine.interval!.lower).toBeLessThanOrEqual(lower);
        expect(ninetyNine.interval!.upper).toBeGreaterThanOrEqual(upper);
      }),
    );
  });
});
