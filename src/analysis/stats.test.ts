import { describe, expect, test } from 'vitest';
import {
  addToMoments,
  emptyMoments,
  logBeta,
  logGamma,
  meanInterval,
  mergeMoments,
  noncentralityInterval,
  noncentralTCdf,
  normalCdf,
  normalQuantile,
  regularizedBeta,
  sampleVariance,
  studentTCdf,
  studentTQuantile,
  wilsonInterval,
  type RunningMoments,
} from './stats.js';

function fold(values: readonly number[]): RunningMoments {
  return values.reduce(addToMoments, emptyMoments);
}

describe('special functions (internal)', () => {
  test('ln Γ at points known in closed form: Γ(1) = Γ(2) = 1, Γ(1/2) = √π, Γ(5) = 24', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    // Γ(0.25)Γ(0.75) = π / sin(π/4) = π√2 (reflection).
    expect(logGamma(0.25) + logGamma(0.75)).toBeCloseTo(Math.log(Math.PI * Math.SQRT2), 13);
    expect(logGamma(0)).toBeNaN();
  });

  test('ln B(a, b) keeps its precision for large arguments: B(a, 1) = 1/a', () => {
    expect(logBeta(3, 1)).toBeCloseTo(-Math.log(3), 14);
    expect(logBeta(1e6, 1)).toBeCloseTo(-Math.log(1e6), 9);
    // B(a, 1/2) = √π Γ(a)/Γ(a + 1/2) ≈ √(π/a) (1 + 1/(8a)) for large a.
    const a = 5e5;
    expect(logBeta(a, 0.5)).toBeCloseTo(0.5 * Math.log(Math.PI / a) + Math.log1p(1 / (8 * a)), 9);
  });

  test('the incomplete beta I_x(1, 1) = x and I_x(a, 1) = x^a', () => {
    expect(regularizedBeta(0.3, 0.7, 1, 1)).toBeCloseTo(0.3, 14);
    expect(regularizedBeta(0.6, 0.4, 3, 1)).toBeCloseTo(0.216, 14);
    expect(regularizedBeta(0, 1, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 0, 2, 3)).toBe(1);
    expect(regularizedBeta(0.5, 0.5, -1, 3)).toBeNaN();
  });
});

describe('normalQuantile (Wichura AS 241)', () => {
  test('known quantiles of the standard normal, to 1e-9', () => {
    // Table values: z(0.975) = 1.959963985, z(0.995) = 2.575829304, z(0.9) = 1.281551566,
    // z(0.99) = 2.326347874, z(1e-10) = -6.361340902.
    expect(Math.abs(normalQuantile(0.975) - 1.959963985)).toBeLessThan(1e-9);
    expect(Math.abs(normalQuantile(0.995) - 2.575829304)).toBeLessThan(1e-9);
    expect(Math.abs(normalQuantile(0.9) - 1.281551566)).toBeLessThan(1e-9);
    expect(Math.abs(normalQuantile(0.99) - 2.326347874)).toBeLessThan(1e-9);
    expect(Math.abs(normalQuantile(1e-10) + 6.361340902)).toBeLessThan(1e-9);
    expect(normalQuantile(0.5)).toBe(0);
  });

  test('is antisymmetric about 1/2', () => {
    for (const p of [0.001, 0.025, 0.2, 0.45]) {
      expect(normalQuantile(p)).toBeCloseTo(-normalQuantile(1 - p), 12);
    }
  });

  test('the ends of [0, 1] and values outside it', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(1.1)).toBeNaN();
    expect(normalQuantile(Number.NaN)).toBeNaN();
  });
});

describe('normalCdf', () => {
  test('known values: Φ(0) = 1/2, Φ(-1) = 0.158655253931457, Φ(1.959963985) = 0.975', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(-1)).toBeCloseTo(0.158655253931457, 14);
    expect(normalCdf(1)).toBeCloseTo(1 - 0.158655253931457, 14);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    // Far tail: Φ(-10) = 7.619853024160527e-24.
    expect(normalCdf(-10) / 7.619853024160527e-24).toBeCloseTo(1, 12);
  });

  test('infinities and NaN', () => {
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normalCdf(Number.NaN)).toBeNaN();
  });
});

describe('Student t', () => {
  test('t quantile at df = 10, p = 0.975 is 2.228138852 (table value)', () => {
    expect(Math.abs(studentTQuantile(0.975, 10) - 2.228138852)).toBeLessThan(1e-9);
  });

  test('t quantiles from closed forms: df 1 is Cauchy, df 2 is (2p - 1)/√(2p(1 - p))', () => {
    // df = 1: t = tan(π (p - 1/2)); at p = 0.975, tan(0.475π) = 12.70620474.
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(Math.tan(0.475 * Math.PI), 9);
    expect(Math.abs(studentTQuantile(0.975, 1) - 12.70620474)).toBeLessThan(1e-8);
    // df = 2: at p = 0.975, 0.95 / √(2 · 0.975 · 0.025) = 0.95 / √0.04875 = 4.302652730.
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(0.95 / Math.sqrt(0.04875), 12);
    expect(Math.abs(studentTQuantile(0.975, 2) - 4.30265273)).toBeLessThan(1e-8);
    for (const p of [0.01, 0.3, 0.8, 0.999]) {
      expect(studentTQuantile(p, 1)).toBeCloseTo(Math.tan(Math.PI * (p - 0.5)), 9);
      expect(studentTQuantile(p, 2)).toBeCloseTo((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 11);
    }
  });

  test('more table values: df 30 -> 2.042272456, df 5 at 0.995 -> 4.032142984', () => {
    expect(Math.abs(studentTQuantile(0.975, 30) - 2.042272456)).toBeLessThan(1e-9);
    expect(Math.abs(studentTQuantile(0.995, 5) - 4.032142984)).toBeLessThan(1e-9);
    expect(Math.abs(studentTQuantile(0.025, 10) + 2.228138852)).toBeLessThan(1e-9);
  });

  test('t distribution function from closed forms for df 1 and 2', () => {
    // df = 1: F(t) = 1/2 + atan(t)/π; df = 2: F(t) = 1/2 + t / (2√(2 + t²)).
    for (const t of [-30, -2, -0.5, 0, 0.7, 3, 100]) {
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 13);
      expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 13);
    }
  });

  test('df below 1, df infinite, and out-of-domain arguments', () => {
    const q = studentTQuantile(0.9, 0.5);
    expect(studentTCdf(q, 0.5)).toBeCloseTo(0.9, 10);
    expect(studentTQuantile(0.975, Number.POSITIVE_INFINITY)).toBe(normalQuantile(0.975));
    expect(studentTCdf(1.5, Number.POSITIVE_INFINITY)).toBe(normalCdf(1.5));
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0, 7)).toBe(Number.NEGATIVE_INFINITY);
    expect(studentTQuantile(1, 7)).toBe(Number.POSITIVE_INFINITY);
    expect(studentTQuantile(0.5, 0)).toBeNaN();
    expect(studentTQuantile(2, 3)).toBeNaN();
    expect(studentTCdf(1, -1)).toBeNaN();
    expect(studentTCdf(Number.NaN, 3)).toBeNaN();
  });
});

describe('noncentralTCdf (Poisson mixture summed from the mode)', () => {
  /**
   * An independent value: P(T <= t) = ∫ Φ(t √(u/ν) - δ) f_χ²ν(u) du, by Simpson's rule on [0, 400]
   * (the χ² density written out here, with Γ(ν/2) given by the caller).
   */
  function byQuadrature(t: number, df: number, ncp: number, gammaHalfDf: number): number {
    const density = (u: number) =>
      u <= 0
        ? 0
        : (Math.pow(u, df / 2 - 1) * Math.exp(-u / 2)) / (Math.pow(2, df / 2) * gammaHalfDf);
    const f = (u: number) => normalCdf(t * Math.sqrt(u / df) - ncp) * density(u);
    const steps = 40_000;
    const upper = 400;
    const h = upper / steps;
    let sum = f(0) + f(upper);
    for (let index = 1; index < steps; index += 1) sum += (index % 2 === 1 ? 4 : 2) * f(index * h);
    return (sum * h) / 3;
  }

  test('with ncp 0 it is the central t distribution', () => {
    for (const [t, df] of [
      [1.3, 4],
      [-2, 10],
      [0.2, 1],
    ] as const) {
      expect(noncentralTCdf(t, df, 0)).toBe(studentTCdf(t, df));
    }
  });

  test('at t = 0 it is Φ(-δ) for every df', () => {
    for (const df of [1, 3, 30]) {
      for (const ncp of [-2, 0.5, 3]) expect(noncentralTCdf(0, df, ncp)).toBe(normalCdf(-ncp));
    }
  });

  test('agrees with direct numerical integration (df 4: Γ(2) = 1; df 10: Γ(5) = 24)', () => {
    for (const [t, ncp] of [
      [1, 1],
      [2.5, 1.5],
      [-1, 0.5],
      [6, 4],
    ] as const) {
      expect(Math.abs(noncentralTCdf(t, 4, ncp) - byQuadrature(t, 4, ncp, 1))).toBeLessThan(1e-8);
      expect(Math.abs(noncentralTCdf(t, 10, ncp) - byQuadrature(t, 10, ncp, 24))).toBeLessThan(
        1e-8,
      );
    }
  });

  test('symmetry: F(t; ν, δ) = 1 - F(-t; ν, -δ)', () => {
    expect(noncentralTCdf(1.7, 6, 2)).toBeCloseTo(1 - noncentralTCdf(-1.7, 6, -2), 14);
  });

  test('with infinite df it is Φ(t - δ); large |ncp| uses the normal approximation', () => {
    expect(noncentralTCdf(2, Number.POSITIVE_INFINITY, 1)).toBeCloseTo(normalCdf(1), 14);
    const value = noncentralTCdf(2000, 1e5, 2000);
    expect(value).toBeGreaterThan(0.45);
    expect(value).toBeLessThan(0.55);
  });

  test('out-of-domain arguments give NaN, infinite ones the limits', () => {
    expect(noncentralTCdf(1, 0, 1)).toBeNaN();
    expect(noncentralTCdf(Number.NaN, 3, 1)).toBeNaN();
    expect(noncentralTCdf(Number.POSITIVE_INFINITY, 3, 1)).toBe(1);
    expect(noncentralTCdf(Number.NEGATIVE_INFINITY, 3, 1)).toBe(0);
    expect(noncentralTCdf(1, 3, Number.POSITIVE_INFINITY)).toBe(0);
  });
});

describe('noncentralityInterval', () => {
  test('t = 0 gives ±z(0.975) whatever the df, since F(0; δ) = Φ(-δ)', () => {
    for (const df of [2, 10, 100]) {
      const interval = noncentralityInterval(0, df, 0.95);
      expect(interval?.lower).toBeCloseTo(-1.959963985, 9);
      expect(interval?.upper).toBeCloseTo(1.959963985, 9);
    }
  });

  test('the bounds put t at the 97.5% and 2.5% points of their distributions', () => {
    const interval = noncentralityInterval(2, 10, 0.95);
    expect(interval).not.toBeNull();
    expect(noncentralTCdf(2, 10, interval!.lower)).toBeCloseTo(0.975, 11);
    expect(noncentralTCdf(2, 10, interval!.upper)).toBeCloseTo(0.025, 11);
    expect(interval!.lower).toBeLessThan(2);
    expect(interval!.upper).toBeGreaterThan(2);
  });

  test('no interval for non-finite t or a bad level', () => {
    expect(noncentralityInterval(Number.POSITIVE_INFINITY, 3, 0.95)).toBeNull();
    expect(noncentralityInterval(1, 3, 1)).toBeNull();
    expect(noncentralityInterval(1, 0, 0.95)).toBeNull();
  });
});

describe('wilsonInterval (Wilson 1927)', () => {
  test('8 of 10 at 95% is [0.490, 0.943]', () => {
    // By hand: p̂ = 0.8, z = 1.9599640, z² = 3.8414588, z²/n = 0.38414588;
    // centre = (0.8 + 0.19207294) / 1.38414588 = 0.71674016;
    // half = (1.9599640 / 1.38414588) · √(0.8·0.2/10 + 3.8414588/400)
    //      = 1.41600969 · √0.02560365 = 1.41600969 · 0.16001140 = 0.22657769;
    // so [0.4901625, 0.9433178].
    const { estimate, interval } = wilsonInterval(8, 10);
    expect(estimate).toBe(0.8);
    expect(interval.level).toBe(0.95);
    expect(interval.lower).toBeCloseTo(0.4901625, 6);
    expect(interval.upper).toBeCloseTo(0.9433178, 6);
    expect(interval.lower.toFixed(3)).toBe('0.490');
    expect(interval.upper.toFixed(3)).toBe('0.943');
  });

  test('0 of 10 and 10 of 10 reach the ends exactly', () => {
    // 0/10: lower 0, upper = (z²/n) / (1 + z²/n) = 0.3841459 / 1.3841459 = 0.277533.
    const none = wilsonInterval(0, 10);
    expect(none.interval.lower).toBe(0);
    expect(none.interval.upper).toBeCloseTo(0.277533, 6);
    const all = wilsonInterval(10, 10);
    expect(all.interval.upper).toBe(1);
    expect(all.interval.lower).toBeCloseTo(1 - 0.277533, 6);
  });

  test('total 0 gives estimate 0 and the interval [0, 1]', () => {
    expect(wilsonInterval(0, 0)).toEqual({
      estimate: 0,
      interval: { level: 0.95, lower: 0, upper: 1 },
    });
  });

  test('a 90% interval is narrower than a 95% one', () => {
    const ninety = wilsonInterval(8, 10, 0.9).interval;
    const ninetyFive = wilsonInterval(8, 10).interval;
    expect(ninety.lower).toBeGreaterThan(ninetyFive.lower);
    expect(ninety.upper).toBeLessThan(ninetyFive.upper);
  });

  test('arguments outside the domain give NaN and never throw', () => {
    for (const [successes, total, level] of [
      [11, 10, 0.95],
      [-1, 10, 0.95],
      [1.5, 10, 0.95],
      [1, 10, 1],
      [Number.NaN, 10, 0.95],
    ] as const) {
      const result = wilsonInterval(successes, total, level);
      expect(result.estimate).toBeNaN();
      expect(result.interval.lower).toBeNaN();
    }
  });

  test('returns frozen values', () => {
    const result = wilsonInterval(3, 7);
    expect(Object.isFrozen(result)).toBe(true);
    expect(Object.isFrozen(result.interval)).toBe(true);
  });
});

describe('streaming moments (Welford; Chan et al.)', () => {
  test('[3, 5, 7]: count 3, mean 5, m2 8, variance 4', () => {
    const moments = fold([3, 5, 7]);
    expect(moments).toEqual({ count: 3, mean: 5, m2: 8 });
    expect(sampleVariance(moments)).toBe(4);
  });

  test('the variance needs two values', () => {
    expect(sampleVariance(emptyMoments)).toBeNull();
    expect(sampleVariance(fold([4]))).toBeNull();
  });

  test('merging equals folding all values, and the empty moments are neutral', () => {
    const left = fold([1, 2, 9]);
    const right = fold([4, 4, 6, 10]);
    const merged = mergeMoments(left, right);
    const all = fold([1, 2, 9, 4, 4, 6, 10]);
    expect(merged.count).toBe(all.count);
    expect(merged.mean).toBeCloseTo(all.mean, 12);
    expect(merged.m2).toBeCloseTo(all.m2, 12);
    expect(mergeMoments(emptyMoments, left)).toEqual(left);
    expect(mergeMoments(left, emptyMoments)).toEqual(left);
  });

  test('updates do not change their arguments and return frozen values', () => {
    const moments = fold([1, 2]);
    const copy = { ...moments };
    const next = addToMoments(moments, 10);
    expect(moments).toEqual(copy);
    expect(Object.isFrozen(next)).toBe(true);
    expect(Object.isFrozen(emptyMoments)).toBe(true);
    expect(Object.isFrozen(mergeMoments(moments, next))).toBe(true);
  });

  test('meanInterval of [3, 5, 7]: 5 ± t(0.975, 2) · 2/√3 = 5 ± 4.968275', () => {
    // t(0.975, 2) = 4.302653 (closed form above); 4.302653 · 2 / 1.732051 = 4.968275.
    const result = meanInterval(fold([3, 5, 7]));
    expect(result.mean).toBe(5);
    expect(result.sd).toBe(2);
    expect(result.n).toBe(3);
    expect(result.interval?.lower).toBeCloseTo(5 - 4.968275, 5);
    expect(result.interval?.upper).toBeCloseTo(5 + 4.968275, 5);
    expect(Object.isFrozen(result.interval)).toBe(true);
  });

  test('meanInterval with no value or one value', () => {
    expect(meanInterval(emptyMoments)).toEqual({ mean: null, sd: null, n: 0, interval: null });
    expect(meanInterval(fold([7]))).toEqual({ mean: 7, sd: null, n: 1, interval: null });
  });
});
