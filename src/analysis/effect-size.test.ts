import { describe, expect, test } from 'vitest';
import {
  cohensD,
  cohensDav,
  cohensDz,
  effectSizeFromMoments,
  hedgesCorrection,
  hedgesG,
  type EffectSize,
} from './effect-size.js';
import { addToMoments, emptyMoments, noncentralTCdf } from './stats.js';

function value(result: ReturnType<typeof cohensD>): EffectSize {
  if (!result.ok) throw new Error(`expected an effect size: ${result.error.issues[0]?.code ?? ''}`);
  return result.value;
}

describe("Cohen's d (Cohen 1988; R effectsize::cohens_d)", () => {
  test('[Cohen 1988] two small groups: d = (4 - 2) / √2.5 = 1.2649111', () => {
    // Group 1 [2, 4, 6]: mean 4, SS = 4 + 0 + 4 = 8. Group 2 [1, 2, 3]: mean 2, SS = 1 + 0 + 1 = 2.
    // Pooled variance (8 + 2) / (3 + 3 - 2) = 2.5, pooled SD 1.5811388, d = 2 / 1.5811388 = 1.2649111.
    const d = value(cohensD([2, 4, 6], [1, 2, 3]));
    expect(d.name).toBe('Cohens_d');
    expect(d.estimate).toBeCloseTo(1.2649111, 7);
    expect(d.n).toBe(6);
    expect(d.df).toBe(4);
    expect(d.ciMethod).toBe('noncentral-t');
    expect(d.correction).toBeNull();
  });

  test('[effectsize] the interval inverts the noncentral t of t = d / √(1/n1 + 1/n2)', () => {
    // t = 1.2649111 / √(2/3) = 2·√0.6 = 1.5491933 with 4 df. The bounds δ_L, δ_U on the t scale
    // satisfy F(t; 4, δ_L) = 0.975 and F(t; 4, δ_U) = 0.025; d's bounds are δ · √(2/3).
    const d = value(cohensD([2, 4, 6], [1, 2, 3]));
    const scale = Math.sqrt(2 / 3);
    const t = 2 * Math.sqrt(0.6);
    expect(d.ci?.level).toBe(0.95);
    expect(noncentralTCdf(t, 4, d.ci!.lower / scale)).toBeCloseTo(0.975, 10);
    expect(noncentralTCdf(t, 4, d.ci!.upper / scale)).toBeCloseTo(0.025, 10);
    // The same bounds were cross-checked against SciPy's noncentral t during development.
    expect(d.ci!.lower).toBeCloseTo(-0.6028427, 6);
    expect(d.ci!.upper).toBeCloseTo(3.0173399, 6);
  });

  test('equal means: the interval is ±z(0.975)·√(1/n1 + 1/n2), since F(0; δ) = Φ(-δ)', () => {
    // [1, 2, 3] and [3, 2, 1] both have mean 2: d = 0, and ±1.959964 · √(2/3) = ±1.6003.
    const d = value(cohensD([1, 2, 3], [3, 2, 1]));
    expect(d.estimate).toBe(0);
    expect(d.ci!.lower).toBeCloseTo(-1.959964 * Math.sqrt(2 / 3), 6);
    expect(d.ci!.upper).toBeCloseTo(1.959964 * Math.sqrt(2 / 3), 6);
  });

  test('the sign is group1 - group2, and the level can be chosen', () => {
    expect(value(cohensD([1, 2, 3], [2, 4, 6])).estimate).toBeCloseTo(-1.2649111, 7);
    const ninety = value(cohensD([2, 4, 6], [1, 2, 3], 0.9));
    const ninetyFive = value(cohensD([2, 4, 6], [1, 2, 3]));
    expect(ninety.ci!.level).toBe(0.9);
    expect(ninety.ci!.lower).toBeGreaterThan(ninetyFive.ci!.lower);
    expect(ninety.ci!.upper).toBeLessThan(ninetyFive.ci!.upper);
  });
});

describe("Hedges' g (Hedges 1981, exact correction)", () => {
  test('[Hedges 1981] J(df) = Γ(df/2) / (√(df/2) Γ((df - 1)/2)): J(4) = √(2/π), J(2) = 1/√π', () => {
    // df = 4: Γ(2) = 1, Γ(3/2) = √π/2, so J = 1 / (√2 · √π/2) = √(2/π) = 0.7978846.
    expect(hedgesCorrection(4)).toBeCloseTo(Math.sqrt(2 / Math.PI), 14);
    // df = 2: Γ(1) = 1, Γ(1/2) = √π, so J = 1/√π = 0.5641896.
    expect(hedgesCorrection(2)).toBeCloseTo(1 / Math.sqrt(Math.PI), 14);
    // For large df the approximation 1 - 3/(4·df - 1) agrees: df = 100 gives 0.9924812.
    expect(Math.abs(hedgesCorrection(100) - (1 - 3 / 399))).toBeLessThan(1e-5);
    expect(hedgesCorrection(1)).toBeNaN();
    expect(hedgesCorrection(Number.POSITIVE_INFINITY)).toBe(1);
  });

  test('[Hedges 1981] g = d · J(n1 + n2 - 2) = 1.2649111 · 0.7978846 = 1.0092530', () => {
    const g = value(hedgesG([2, 4, 6], [1, 2, 3]));
    expect(g.name).toBe('Hedges_g');
    expect(g.estimate).toBeCloseTo(1.009253, 6);
    expect(g.correction).toEqual({ method: 'hedges-exact-gamma', factor: hedgesCorrection(4) });
    // The approximate form 1 - 3/(4·6 - 9) = 0.8 would give 1.0119289; the exact one is used.
    expect(Math.abs(g.estimate - 1.2649111 * 0.8)).toBeGreaterThan(1e-3);
    // The interval is d's, multiplied by J.
    const d = value(cohensD([2, 4, 6], [1, 2, 3]));
    expect(g.ci!.lower).toBeCloseTo(d.ci!.lower * hedgesCorrection(4), 12);
    expect(g.ci!.upper).toBeCloseTo(d.ci!.upper * hedgesCorrection(4), 12);
  });
});

describe('repeated measures: d_z and d_av', () => {
  const pre = [20, 18, 15, 22];
  const post = [10, 12, 9, 8];

  test('[Cohen 1988] d_z = mean(post - pre) / SD(post - pre) = -9 / √(44/3) = -2.3500484', () => {
    // Differences -10, -6, -6, -14: mean -9; deviations -1, 3, 3, -5: SS 44, variance 44/3,
    // SD 3.8297084, d_z = -9 / 3.8297084 = -2.3500484 (negative: PHQ-9 went down).
    const dz = value(cohensDz(pre, post));
    expect(dz.name).toBe('d_z');
    expect(dz.estimate).toBeCloseTo(-2.3500484, 7);
    expect(dz.n).toBe(4);
    expect(dz.df).toBe(3);
    expect(dz.ciMethod).toBe('noncentral-t');
    // The interval inverts the noncentral t of t = d_z · √4 with 3 df.
    const t = dz.estimate * 2;
    expect(noncentralTCdf(t, 3, dz.ci!.lower * 2)).toBeCloseTo(0.975, 10);
    expect(noncentralTCdf(t, 3, dz.ci!.upper * 2)).toBeCloseTo(0.025, 10);
    // Cross-checked against SciPy during development.
    expect(dz.ci!.lower).toBeCloseTo(-4.3609598, 6);
    expect(dz.ci!.upper).toBeCloseTo(-0.3070599, 6);
  });

  test('d_z with mean difference 0 has the interval ±z(0.975)/√n', () => {
    // Differences 1, -1, 1, -1: d_z = 0, interval ±1.959964 / 2 = ±0.979982.
    const dz = value(cohensDz([1, 2, 3, 4], [2, 1, 4, 3]));
    expect(dz.estimate).toBe(0);
    expect(dz.ci!.lower).toBeCloseTo(-0.979982, 6);
    expect(dz.ci!.upper).toBeCloseTo(0.979982, 6);
  });

  test('[Cumming 2012] d_av = mean(diff) / ((SD_pre + SD_post)/2) with a normal interval', () => {
    // pre [1, 2, 3] (SD 1), post [3, 5, 7] (SD 2): differences 2, 3, 4 (mean 3, SD 1);
    // d_av = 3 / 1.5 = 2; SE = 1 / (√3 · 1.5) = 0.3849002; 2 ± 1.959964 · 0.3849002 = 2 ± 0.7543905.
    const dav = value(cohensDav([1, 2, 3], [3, 5, 7]));
    expect(dav.name).toBe('d_av');
    expect(dav.estimate).toBe(2);
    expect(dav.ciMethod).toBe('normal');
    expect(dav.ci!.lower).toBeCloseTo(1.2456095, 6);
    expect(dav.ci!.upper).toBeCloseTo(2.7543905, 6);
  });

  test('effectSizeFromMoments gives d_z from streaming moments of the differences', () => {
    let moments = emptyMoments;
    pre.forEach((before, index) => {
      moments = addToMoments(moments, post[index]! - before);
    });
    const streamed = value(effectSizeFromMoments(moments));
    const direct = value(cohensDz(pre, post));
    expect(streamed.estimate).toBeCloseTo(direct.estimate, 12);
    expect(streamed.ci!.lower).toBeCloseTo(direct.ci!.lower, 10);
    expect(streamed.ci!.upper).toBeCloseTo(direct.ci!.upper, 10);
    // Extra fields on the moments are ignored.
    expect(effectSizeFromMoments({ ...moments, label: 'x' } as typeof moments).ok).toBe(true);
  });
});

describe('bad input gives issues with paths, never a throw', () => {
  test('non-finite values, strings and non-arrays', () => {
    const cases: [() => ReturnType<typeof cohensD>, (string | number)[]][] = [
      [() => cohensD([1, Number.NaN, 3], [1, 2]), ['group1', 1]],
      [() => cohensD([1, 2], [Number.POSITIVE_INFINITY, 2]), ['group2', 0]],
      [() => hedgesG([1, '2' as unknown as number], [1, 2]), ['group1', 1]],
      [() => cohensD('1,2' as unknown as number[], [1, 2]), ['group1']],
      [() => cohensDz([1, 2], [1, Number.NaN]), ['post', 1]],
      [() => cohensDav(null as unknown as number[], [1, 2]), ['pre']],
      [() => cohensD([1, 2], [3, 4], 1), ['level']],
      [() => cohensD([1, 2], [3, 4], Number.NaN), ['level']],
      [() => cohensDz([1, 2], [3, 5], 0), ['level']],
    ];
    for (const [call, path] of cases) {
      const result = call();
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.issues.map((found) => found.path)).toContainEqual(path);
    }
  });

  test('too few values, unequal lengths and no variation', () => {
    const codes = (result: ReturnType<typeof cohensD>) =>
      result.ok ? [] : result.error.issues.map((found) => found.code);
    expect(codes(cohensD([1], [1, 2]))).toEqual(['too-few-values']);
    expect(codes(hedgesG([1, 2], []))).toEqual(['too-few-values']);
    expect(codes(cohensDz([1], [2]))).toEqual(['too-few-values']);
    expect(codes(cohensDz([1, 2, 3], [1, 2]))).toEqual(['length-mismatch']);
    expect(codes(cohensD([3, 3], [5, 5]))).toEqual(['zero-variance']);
    expect(codes(cohensDz([1, 2, 3], [2, 3, 4]))).toEqual(['zero-variance']);
    expect(codes(cohensDav([4, 4], [4, 4]))).toEqual(['zero-variance']);
    expect(codes(effectSizeFromMoments({ count: 3, mean: 1, m2: 0 }))).toEqual(['zero-variance']);
    expect(codes(effectSizeFromMoments({ count: 1, mean: 1, m2: 0 }))).toEqual(['too-small']);
    expect(codes(effectSizeFromMoments(null as unknown as typeof emptyMoments))).toEqual([
      'invalid-type',
    ]);
  });

  test('returns frozen values and leaves its input alone', () => {
    const group1 = [2, 4, 6];
    const result = cohensD(group1, [1, 2, 3]);
    expect(group1).toEqual([2, 4, 6]);
    expect(Object.isFrozen(result)).toBe(true);
    expect(result.ok && Object.isFrozen(result.value.ci)).toBe(true);
  });
});
