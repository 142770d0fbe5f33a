/*
 * Small, dependency-free statistics for outcome analysis: normal and Student t quantiles, the
 * noncentral t distribution, Wilson intervals for proportions and streaming (Welford) moments with
 * t-based intervals for a mean.
 *
 * None of these functions throws. They take plain numbers; an argument outside the documented
 * domain gives `NaN` (never an exception), so validate outside data first (the Result-returning
 * functions of `outcome.ts` and `effect-size.ts` do).
 */
import { deepFreeze } from '../internal/deep-freeze.js';

/**
 * A two-sided interval at a confidence level (for example 0.95), with its bounds.
 * @category Analysis
 */
export interface Interval {
  readonly level: number;
  readonly lower: number;
  readonly upper: number;
}

// ---------------------------------------------------------------------------------------------
// Special functions (internal)
// ---------------------------------------------------------------------------------------------

const LOG_SQRT_2PI = 0.9189385332046727; // ln(sqrt(2 * pi))
const EPSILON = 1e-16;
const TINY = 1e-300;

/** Lanczos coefficients (g = 7, n = 9), as tabulated by Godfrey / Numerical Recipes. */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
] as const;

/**
 * The natural logarithm of the gamma function for `x > 0` (Lanczos approximation, relative error
 * about 1e-15).
 * @internal
 */
export function logGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x < 0.5) {
    // Reflection: Gamma(x) Gamma(1 - x) = pi / sin(pi x).
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const shifted = x - 1;
  let sum = LANCZOS[0];
  for (let index = 1; index < LANCZOS.length; index += 1) {
    sum += (LANCZOS[index] ?? 0) / (shifted + index);
  }
  const base = shifted + 7.5;
  return LOG_SQRT_2PI + (shifted + 0.5) * Math.log(base) - base + Math.log(sum);
}

/**
 * The regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x), by series (x < a + 1)
 * or continued fraction (Numerical Recipes, modified Lentz).
 */
function upperRegularizedGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  const logFront = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    let denominator = a;
    for (let step = 0; step < 10_000; step += 1) {
      denominator += 1;
      term *= x / denominator;
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
    }
    return 1 - sum * Math.exp(logFront);
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let step = 1; step < 10_000; step += 1) {
    const an = -step * (step - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.exp(logFront) * h;
}

/** The continued fraction of the incomplete beta function (Numerical Recipes, modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const sum = a + b;
  const plus = a + 1;
  const minus = a - 1;
  let c = 1;
  let d = 1 - (sum * x) / plus;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100_000; m += 1) {
    const twice = 2 * m;
    let aa = (m * (b - m) * x) / ((minus + twice) * (a + twice));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (sum + m) * x) / ((a + twice) * (plus + twice));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return h;
}

/** The Stirling-series remainder lnΓ(x) - [(x - 1/2) ln x - x + ln √(2π)], for x >= 15. */
function stirlingRemainder(x: number): number {
  const inverse = 1 / x;
  const square = inverse * inverse;
  return (
    inverse *
    (1 / 12 - square * (1 / 360 - square * (1 / 1260 - square * (1 / 1680 - square * (1 / 1188)))))
  );
}

/**
 * ln B(a, b) = lnΓ(a) + lnΓ(b) - lnΓ(a + b) for a, b > 0. When the larger argument is big, the
 * difference lnΓ(big + small) - lnΓ(big) is taken from Stirling's series with `log1p`, so that it
 * keeps its precision (subtracting two huge log-gammas would not).
 * @internal
 */
export function logBeta(a: number, b: number): number {
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  if (big < 15) return logGamma(a) + logGamma(b) - logGamma(a + b);
  const difference =
    small * Math.log(big) +
    (big + small - 0.5) * Math.log1p(small / big) -
    small +
    stirlingRemainder(big + small) -
    stirlingRemainder(big);
  return logGamma(small) - difference;
}

/**
 * The regularized incomplete beta function I_x(a, b), given both `x` and `y = 1 - x` (so that
 * callers can pass a `y` computed without cancellation).
 * @internal
 */
export function regularizedBeta(x: number, y: number, a: number, b: number): number {
  if (!(a > 0 && b > 0) || Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const logFront = -logBeta(a, b) + a * Math.log(x) + b * Math.log(y);
  if (x < (a + 1) / (a + b + 2)) {
    return (Math.exp(logFront) * betaContinuedFraction(a, b, x)) / a;
  }
  return 1 - (Math.exp(logFront) * betaContinuedFraction(b, a, y)) / b;
}

// ---------------------------------------------------------------------------------------------
// Normal distribution
// ---------------------------------------------------------------------------------------------

/**
 * The standard normal cumulative distribution function Φ(x), through the regularized incomplete
 * gamma function (Φ(-z) = Q(1/2, z²/2) / 2); absolute error below 1e-15.
 * @param x - Any number.
 * @returns P(Z <= x) for a standard normal Z (`NaN` for `NaN`).
 * @example
 * ```ts
 * normalCdf(1.959963984540054); // 0.975
 * ```
 * @category Analysis
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return 1;
  if (x === Number.NEGATIVE_INFINITY) return 0;
  const tail = 0.5 * upperRegularizedGamma(0.5, (x * x) / 2);
  return x < 0 ? tail : 1 - tail;
}

/* eslint-disable no-loss-of-precision -- Wichura's published coefficients are kept digit for digit
   as printed in AS 241, so that they can be checked against the paper; doubles round them. */
const AS241_A = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
  45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
] as const;
const AS241_B = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867,
  39307.89580009271061, 28729.085735721942674, 5226.495278852854561,
] as const;
const AS241_C = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
  1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833,
  7.7454501427834140764e-4,
] as const;
const AS241_D = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
] as const;
const AS241_E = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
  0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5,
  2.01033439929228813265e-7,
] as const;
const AS241_F = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525,
  7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7,
  2.04426310338993978564e-15,
] as const;
/* eslint-enable no-loss-of-precision */

/** Evaluates a polynomial with coefficients in increasing order of power (Horner). */
function polynomial(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (let index = coefficients.length - 1; index >= 0; index -= 1) {
    value = value * x + (coefficients[index] ?? 0);
  }
  return value;
}

/**
 * The inverse of the standard normal cumulative distribution function (Wichura's algorithm
 * AS 241, PPND16; relative error about 1e-16).
 * @param p - A probability.
 * @returns z with Φ(z) = p; `-Infinity` for 0, `Infinity` for 1, `NaN` outside [0, 1].
 * @example
 * ```ts
 * normalQuantile(0.975); // 1.959963984540054
 * ```
 * @see Wichura, "Algorithm AS 241: The percentage points of the normal distribution", Applied
 * Statistics 37(3):477-484 (1988)
 * @category Analysis
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * polynomial(AS241_A, r)) / polynomial(AS241_B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = polynomial(AS241_C, r) / polynomial(AS241_D, r);
  } else {
    r -= 5;
    value = polynomial(AS241_E, r) / polynomial(AS241_F, r);
  }
  return q < 0 ? -value : value;
}

// ---------------------------------------------------------------------------------------------
// Student t distribution
// ---------------------------------------------------------------------------------------------

/** P(T > q) for q >= 0: half the regularized incomplete beta I_{df/(df+q²)}(df/2, 1/2). */
function studentTUpper(q: number, df: number): number {
  if (q === Number.POSITIVE_INFINITY) return 0;
  const square = q * q;
  const x = df / (df + square);
  const y = square / (df + square);
  return 0.5 * regularizedBeta(x, y, df / 2, 0.5);
}

/** The Student t density. */
function studentTDensity(q: number, df: number): number {
  // Γ((df + 1)/2) / (Γ(df/2) √(df π)) = 1 / (B(df/2, 1/2) √df).
  return Math.exp(
    -logBeta(df / 2, 0.5) - 0.5 * Math.log(df) - ((df + 1) / 2) * Math.log1p((q * q) / df),
  );
}

/**
 * The cumulative distribution function of Student's t distribution.
 * @param t - Any number.
 * @param df - Degrees of freedom, > 0 (`Infinity` gives the standard normal).
 * @returns P(T <= t); `NaN` for `NaN` or `df <= 0`.
 * @example
 * ```ts
 * studentTCdf(2.228138851986273, 10); // 0.975
 * ```
 * @category Analysis
 */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || Number.isNaN(df) || !(df > 0)) return Number.NaN;
  if (df === Number.POSITIVE_INFINITY) return normalCdf(t);
  const upper = studentTUpper(Math.abs(t), df);
  return t < 0 ? upper : 1 - upper;
}

/** Bisection on the t distribution function, for degrees of freedom below 1. */
function studentTQuantileByBisection(p: number, df: number): number {
  let lower = -1;
  let upper = 1;
  for (let step = 0; step < 2100 && studentTCdf(lower, df) > p; step += 1) lower *= 2;
  for (let step = 0; step < 2100 && studentTCdf(upper, df) < p; step += 1) upper *= 2;
  for (let step = 0; step < 2000; step += 1) {
    const middle = 0.5 * (lower + upper);
    if (studentTCdf(middle, df) > p) upper = middle;
    else lower = middle;
    if (upper - lower <= 1e-15 * Math.max(1, Math.abs(middle))) break;
  }
  return 0.5 * (lower + upper);
}

/**
 * The upper quantile q > 0 with P(|T| > q) = `twoSided`, for df >= 1: Hill's approximation
 * (ACM algorithm 396) refined by Taylor steps on the exact distribution function.
 */
function studentTUpperQuantile(twoSided: number, df: number): number {
  if (Math.abs(df - 2) < 1e-12) {
    // Closed form for 2 degrees of freedom.
    return Math.sqrt(2 / (twoSided * (2 - twoSided)) - 2);
  }
  if (Math.abs(df - 1) < 1e-12) {
    // Cauchy.
    return 1 / Math.tan((twoSided * Math.PI) / 2);
  }
  const a = 1 / (df - 0.5);
  const b = 48 / (a * a);
  let c = (((20700 * a) / b - 98) * a - 16) * a + 96.36;
  const d = ((94.5 / (b + c) - 3) / b + 1) * Math.sqrt((a * Math.PI) / 2) * df;
  let y = Math.pow(d * twoSided, 2 / df);
  let q: number;
  if ((df < 2.1 && twoSided > 0.5) || y > 0.05 + a) {
    // Asymptotic inverse expansion about the normal.
    const x = normalQuantile(0.5 * twoSided);
    y = x * x;
    if (df < 5) c += 0.3 * (df - 4.5) * (x + 0.6);
    c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c;
    y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x;
    y = Math.expm1(a * y * y);
    q = Math.sqrt(df * y);
  } else {
    y =
      ((1 / (((df + 6) / (df * y) - 0.089 * d - 0.822) * (df + 2) * 3) + 0.5 / (df + 4)) * y - 1) *
        ((df + 1) / (df + 2)) +
      1 / y;
    q = Math.sqrt(df * y);
  }
  // Two-term Taylor refinement (Hill 1981) on the exact upper tail.
  for (let step = 0; step < 20; step += 1) {
    const density = studentTDensity(q, df);
    if (!(density > 0)) break;
    const x = (studentTUpper(q, df) - twoSided / 2) / density;
    if (!Number.isFinite(x)) break;
    q += x * (1 + (x * q * (df + 1)) / (2 * (q * q + df)));
    if (Math.abs(x) <= 1e-15 * Math.abs(q)) break;
  }
  return q;
}

/**
 * The inverse of Student's t cumulative distribution function. For df >= 1 it uses Hill's
 * algorithm (ACM 396) refined by Taylor steps on the exact distribution function (the approach of
 * R's `qt`); for df < 1 bisection on the distribution function.
 * @param p - A probability.
 * @param df - Degrees of freedom, > 0 (`Infinity` gives {@link normalQuantile}).
 * @returns t with P(T <= t) = p; `-Infinity` for 0, `Infinity` for 1, `NaN` outside the domain.
 * @example
 * ```ts
 * studentTQuantile(0.975, 10); // 2.228138851986273
 * ```
 * @see Hill, "Algorithm 396: Student's t-quantiles", Communications of the ACM 13(10):619 (1970)
 * @category Analysis
 */
export function studentTQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || Number.isNaN(df) || p < 0 || p > 1 || !(df > 0)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  if (df > 1e20) return normalQuantile(p);
  if (df < 1) return studentTQuantileByBisection(p, df);
  const negative = p < 0.5;
  const twoSided = 2 * (negative ? p : 1 - p);
  const q = studentTUpperQuantile(twoSided, df);
  if (!Number.isFinite(q)) return studentTQuantileByBisection(p, df);
  return negative ? -q : q;
}

// ---------------------------------------------------------------------------------------------
// Noncentral t distribution
// ---------------------------------------------------------------------------------------------

/** Beyond this |ncp| the distribution function uses the normal approximation (see below). */
const NONCENTRAL_EXACT_LIMIT = 1000;

/**
 * P(T <= t) for t > 0 as a Poisson mixture of incomplete beta functions, summed outwards from the
 * mode of the Poisson weights (Benton & Krishnamoorthy 2003), with the beta functions carried by
 * their recurrence in `a`.
 */
function noncentralTCdfPositive(t: number, df: number, ncp: number): number {
  const square = t * t;
  const x = square / (square + df);
  const y = df / (square + df);
  if (x <= 0) return normalCdf(-ncp);
  if (y <= 0) return 1;
  const lambda = (ncp * ncp) / 2;
  const b = df / 2;
  const mode = Math.floor(lambda);
  const logLambda = lambda > 0 ? Math.log(lambda) : 0;

  // Weights at the mode: P_k = e^-λ λ^k / k!, Q_k = ncp e^-λ λ^k / (√2 Γ(k + 3/2)).
  const pMode = lambda > 0 ? Math.exp(-lambda + mode * logLambda - logGamma(mode + 1)) : 1;
  const qMode =
    lambda > 0
      ? (ncp * Math.exp(-lambda + mode * logLambda - logGamma(mode + 1.5))) / Math.SQRT2
      : (ncp / Math.SQRT2) * Math.exp(-logGamma(1.5));
  const aP = mode + 0.5;
  const aQ = mode + 1;
  const betaP = regularizedBeta(x, y, aP, b);
  const betaQ = regularizedBeta(x, y, aQ, b);
  const logX = Math.log(x);
  const logY = Math.log(y);
  // g(a) = Γ(a + b) / (Γ(a + 1) Γ(b)) x^a y^b, so that I_x(a + 1, b) = I_x(a, b) - g(a).
  // Γ(a + b) / (Γ(a + 1) Γ(b)) = 1 / (a B(a, b)).
  const gAt = (a: number) => Math.exp(-logBeta(a, b) - Math.log(a) + a * logX + b * logY);

  let sum = pMode * betaP + qMode * betaQ;
  let poissonMass = pMode;

  // Backwards from the mode to 0.
  {
    let p = pMode;
    let q = qMode;
    let bp = betaP;
    let bq = betaQ;
    let gp = gAt(aP);
    let gq = gAt(aQ);
    for (let index = mode; index > 0; index -= 1) {
      const ap = index + 0.5;
      const aq = index + 1;
      // g(a - 1) = g(a) a / (x (a + b - 1)); I_x(a - 1, b) = I_x(a, b) + g(a - 1).
      gp = (gp * ap) / (x * (ap + b - 1));
      gq = (gq * aq) / (x * (aq + b - 1));
      bp += gp;
      bq += gq;
      p *= index / lambda;
      q *= (index + 0.5) / lambda;
      const term = p * bp + q * bq;
      sum += term;
      poissonMass += p;
      if (p < 1e-20 && Math.abs(q) < 1e-20) break;
    }
  }

  // Forwards from the mode.
  {
    let p = pMode;
    let q = qMode;
    let bp = betaP;
    let bq = betaQ;
    let gp = gAt(aP);
    let gq = gAt(aQ);
    for (let index = mode + 1; index < mode + 100_000; index += 1) {
      const ap = index - 0.5;
      const aq = index;
      // I_x(a + 1, b) = I_x(a, b) - g(a); g(a + 1) = g(a) x (a + b) / (a + 1).
      bp -= gp;
      bq -= gq;
      gp = (gp * x * (ap + b)) / (ap + 1);
      gq = (gq * x * (aq + b)) / (aq + 1);
      p *= lambda / index;
      q *= lambda / (index + 0.5);
      const term = p * Math.max(bp, 0) + q * Math.max(bq, 0);
      sum += term;
      poissonMass += p;
      const remaining = Math.max(0, 1 - poissonMass);
      const negligible = index > lambda + 1 && p < 1e-20 && Math.abs(q) < 1e-20;
      if (remaining * (Math.max(bp, 0) + Math.max(bq, 0)) < 1e-16 || negligible) break;
    }
  }
  const value = normalCdf(-ncp) + 0.5 * sum;
  return Math.min(1, Math.max(0, value));
}

/**
 * The cumulative distribution function of the noncentral t distribution. The sum runs outwards
 * from the mode of its Poisson weights (Benton & Krishnamoorthy 2003, a refinement of Lenth's
 * AS 243); for |ncp| above 1000 it uses the normal approximation of Abramowitz & Stegun 26.7.10.
 * With `ncp` 0 it is the central t distribution.
 * @param t - Any number.
 * @param df - Degrees of freedom, > 0.
 * @param ncp - The noncentrality parameter δ.
 * @returns P(T <= t); `NaN` outside the domain.
 * @example
 * ```ts
 * noncentralTCdf(0, 10, 1); // Φ(-1) = 0.15865525393145707
 * ```
 * @see Benton & Krishnamoorthy, "Computing discrete mixtures of continuous distributions",
 * Computational Statistics & Data Analysis 43:249-267 (2003); Lenth, "Algorithm AS 243", Applied
 * Statistics 38:185-189 (1989)
 * @category Analysis
 */
export function noncentralTCdf(t: number, df: number, ncp: number): number {
  if (Number.isNaN(t) || Number.isNaN(df) || Number.isNaN(ncp) || !(df > 0)) return Number.NaN;
  if (!Number.isFinite(ncp)) return ncp > 0 ? 0 : 1;
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  if (ncp === 0) return studentTCdf(t, df);
  if (Math.abs(ncp) > NONCENTRAL_EXACT_LIMIT || df === Number.POSITIVE_INFINITY) {
    const s = df === Number.POSITIVE_INFINITY ? 0 : 1 / (4 * df);
    return normalCdf((t * (1 - s) - ncp) / Math.sqrt(1 + t * t * 2 * s));
  }
  if (t === 0) return normalCdf(-ncp);
  // P(T <= t; δ) = 1 - P(T <= -t; -δ).
  return t > 0 ? noncentralTCdfPositive(t, df, ncp) : 1 - noncentralTCdfPositive(-t, df, -ncp);
}

/**
 * The noncentrality parameters whose distributions put `t` at their upper and lower
 * `(1 - level) / 2` points: the confidence interval for δ obtained by inverting the noncentral t
 * distribution function (bisection; the distribution function decreases in δ). This is how R's
 * `effectsize` builds intervals for Cohen's d.
 * @param t - The observed t statistic (finite).
 * @param df - Degrees of freedom, > 0.
 * @param level - Confidence level in (0, 1).
 * @returns The interval for δ, or `null` when it cannot be found (non-finite input).
 * @internal
 */
export function noncentralityInterval(t: number, df: number, level: number): Interval | null {
  if (!Number.isFinite(t) || !(df > 0) || !(level > 0 && level < 1)) return null;
  const alpha = 1 - level;
  const solve = (target: number): number | null => {
    // Find a <= b with F(a) >= target >= F(b), then bisect.
    const spread = 1 + Math.abs(t) * Math.sqrt(1 / (2 * df)) + 1;
    let low = t - spread;
    let high = t + spread;
    let step = spread;
    for (let count = 0; noncentralTCdf(t, df, low) < target; count += 1) {
      if (count > 200) return null;
      step *= 2;
      low -= step;
    }
    step = spread;
    for (let count = 0; noncentralTCdf(t, df, high) > target; count += 1) {
      if (count > 200) return null;
      step *= 2;
      high += step;
    }
    for (let count = 0; count < 200; count += 1) {
      const middle = 0.5 * (low + high);
      if (noncentralTCdf(t, df, middle) > target) low = middle;
      else high = middle;
      if (high - low <= 1e-13 * Math.max(1, Math.abs(middle))) break;
    }
    return 0.5 * (low + high);
  };
  const lower = solve(1 - alpha / 2);
  const upper = solve(alpha / 2);
  if (lower === null || upper === null) return null;
  return Object.freeze({ level, lower, upper });
}

// ---------------------------------------------------------------------------------------------
// Proportions
// ---------------------------------------------------------------------------------------------

/**
 * The Wilson score interval for a proportion, for example the share of a cohort that responded.
 * With `total` 0 there is no information: the estimate is 0 and the interval the whole of [0, 1].
 * Arguments outside the domain (negative or non-integer counts, `successes > total`, a level
 * outside (0, 1)) give `NaN` everywhere; nothing throws.
 * @param successes - Whole number of successes, 0 <= successes <= total.
 * @param total - Whole number of trials.
 * @param level - Confidence level in (0, 1); default 0.95.
 * @returns The proportion and its interval, frozen; both bounds lie in [0, 1].
 * @example
 * ```ts
 * wilsonInterval(8, 10); // estimate 0.8, interval about [0.490, 0.943]
 * ```
 * @see Wilson, "Probable inference, the law of succession, and statistical inference", JASA
 * 22:209-212 (1927)
 * @category Analysis
 */
export function wilsonInterval(
  successes: number,
  total: number,
  level = 0.95,
): { readonly estimate: number; readonly interval: Interval } {
  const valid =
    Number.isSafeInteger(successes) &&
    Number.isSafeInteger(total) &&
    successes >= 0 &&
    successes <= total &&
    level > 0 &&
    level < 1;
  if (!valid) {
    return deepFreeze({
      estimate: Number.NaN,
      interval: { level, lower: Number.NaN, upper: Number.NaN },
    });
  }
  if (total === 0) return deepFreeze({ estimate: 0, interval: { level, lower: 0, upper: 1 } });
  const z = normalQuantile(1 - (1 - level) / 2);
  const estimate = successes / total;
  const zz = z * z;
  const denominator = 1 + zz / total;
  const centre = (estimate + zz / (2 * total)) / denominator;
  const half =
    (z / denominator) * Math.sqrt((estimate * (1 - estimate)) / total + zz / (4 * total * total));
  // The bounds are exactly 0 or 1 at the extremes; clamping removes rounding below 0 or above 1.
  const lower = successes === 0 ? 0 : Math.max(0, Math.min(estimate, centre - half));
  const upper = successes === total ? 1 : Math.min(1, Math.max(estimate, centre + half));
  return deepFreeze({ estimate, interval: { level, lower, upper } });
}

// ---------------------------------------------------------------------------------------------
// Streaming moments
// ---------------------------------------------------------------------------------------------

/**
 * The state of Welford's streaming algorithm: how many values, their mean, and the sum of squared
 * deviations from the mean (`m2`). Immutable: each update returns a new state.
 * @category Analysis
 */
export interface RunningMoments {
  readonly count: number;
  readonly mean: number;
  readonly m2: number;
}

/**
 * The moments of no values: the start of a fold with {@link addToMoments}.
 * @category Analysis
 */
export const emptyMoments: RunningMoments = Object.freeze({ count: 0, mean: 0, m2: 0 });

/**
 * Adds one value to streaming moments (Welford's update, numerically stable). A non-finite value
 * makes the mean and `m2` `NaN` (filter such values first); nothing throws.
 * @param moments - The moments so far.
 * @param value - The next value.
 * @returns New moments, frozen (the argument is not changed).
 * @example
 * ```ts
 * const moments = [3, 5, 7].reduce(addToMoments, emptyMoments); // count 3, mean 5, m2 8
 * ```
 * @see Welford, "Note on a method for calculating corrected sums of squares and products",
 * Technometrics 4(3):419-420 (1962)
 * @category Analysis
 */
export function addToMoments(moments: RunningMoments, value: number): RunningMoments {
  const count = moments.count + 1;
  const delta = value - moments.mean;
  const mean = moments.mean + delta / count;
  const m2 = moments.m2 + delta * (value - mean);
  return Object.freeze({ count, mean, m2 });
}

/**
 * Combines the moments of two disjoint sets of values, as if all values had been added to one
 * (the parallel formula of Chan, Golub & LeVeque).
 * @param left - Moments of the first set.
 * @param right - Moments of the second set.
 * @returns The moments of the union, frozen.
 * @example
 * ```ts
 * mergeMoments(fold([1, 2]), fold([3, 4])); // same as fold([1, 2, 3, 4])
 * ```
 * @see Chan, Golub & LeVeque, "Updating formulae and a pairwise algorithm for computing sample
 * variances", Stanford CS report STAN-CS-79-773 (1979)
 * @category Analysis
 */
export function mergeMoments(left: RunningMoments, right: RunningMoments): RunningMoments {
  if (left.count === 0) return Object.freeze({ ...right });
  if (right.count === 0) return Object.freeze({ ...left });
  const count = left.count + right.count;
  const delta = right.mean - left.mean;
  const mean = left.mean + (delta * right.count) / count;
  const m2 = left.m2 + right.m2 + (delta * delta * left.count * right.count) / count;
  return Object.freeze({ count, mean, m2 });
}

/**
 * The sample variance (denominator n - 1) of streaming moments.
 * @param moments - The moments.
 * @returns `m2 / (count - 1)`, or `null` with fewer than two values.
 * @category Analysis
 */
export function sampleVariance(moments: RunningMoments): number | null {
  if (!(moments.count >= 2)) return null;
  return Math.max(0, moments.m2) / (moments.count - 1);
}

/**
 * The mean of streaming moments with its t-based confidence interval,
 * mean ± t(1 - (1 - level)/2, n - 1) · sd / √n. With no values every field but `n` is `null`; with
 * one value the mean is known but the standard deviation and interval are `null`. A level outside
 * (0, 1) gives an interval of `NaN`s.
 * @param moments - The moments.
 * @param level - Confidence level in (0, 1); default 0.95.
 * @returns Mean, sample standard deviation, count and interval, frozen.
 * @example
 * ```ts
 * meanInterval([3, 5, 7].reduce(addToMoments, emptyMoments));
 * // mean 5, sd 2, n 3, interval 5 ± 4.303 · 2 / √3
 * ```
 * @category Analysis
 */
export function meanInterval(
  moments: RunningMoments,
  level = 0.95,
): {
  readonly mean: number | null;
  readonly sd: number | null;
  readonly n: number;
  readonly interval: Interval | null;
} {
  const n = moments.count;
  if (!(n >= 1)) return deepFreeze({ mean: null, sd: null, n, interval: null });
  const variance = sampleVariance(moments);
  if (variance === null) return deepFreeze({ mean: moments.mean, sd: null, n, interval: null });
  const sd = Math.sqrt(variance);
  const critical = studentTQuantile(1 - (1 - level) / 2, n - 1);
  const half = (critical * sd) / Math.sqrt(n);
  return deepFreeze({
    mean: moments.mean,
    sd,
    n,
    interval: { level, lower: moments.mean - half, upper: moments.mean + half },
  });
}
