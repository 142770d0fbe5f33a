/**
 * A small benchmark harness: runs a function for a fixed time budget after a warm-up and reports
 * operations per second. Benchmarks compare candidates with a baseline measured in the same run,
 * so what they print are ratios, not absolute times that depend on the machine.
 */

export interface Measurement {
  readonly name: string;
  readonly opsPerSecond: number;
}

/**
 * Measures how many times per second `work` runs.
 * @param name - Label for the report.
 * @param work - The operation; its return value is kept so it cannot be optimised away.
 * @param budgetMs - Time to spend measuring (after an equal warm-up share).
 * @returns The measurement.
 */
export function measure(name: string, work: () => unknown, budgetMs = 400): Measurement {
  let sink: unknown;
  const warmUntil = performance.now() + budgetMs / 4;
  while (performance.now() < warmUntil) sink = work();
  let iterations = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < budgetMs) {
    for (let batch = 0; batch < 100; batch += 1) sink = work();
    iterations += 100;
    elapsed = performance.now() - start;
  }
  if (sink === Symbol.for('never')) console.log('unreachable');
  return { name, opsPerSecond: (iterations / elapsed) * 1000 };
}

/**
 * Prints a candidate against its baseline as a ratio of time per operation.
 * @param baseline - The reference measurement.
 * @param candidate - The measurement to compare.
 * @param limit - The budget for the ratio, if one is set (printed, not enforced).
 */
export function report(baseline: Measurement, candidate: Measurement, limit?: number): void {
  const ratio = baseline.opsPerSecond / candidate.opsPerSecond;
  const budget =
    limit === undefined ? '' : ` (budget <= ${limit}x: ${ratio <= limit ? 'within' : 'OVER'})`;
  console.log(
    `${candidate.name}: ${ratio.toFixed(2)}x the time of ${baseline.name}${budget}; ` +
      `${Math.round(candidate.opsPerSecond).toLocaleString('en')} ops/s`,
  );
}
