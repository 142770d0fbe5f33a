/**
 * How many generated inputs each fuzz property runs. CI runs the numbers below: at least
 * 1,000,000 inputs in all (`budget.test.ts` fails if the table sums to less), most of them on the
 * cheap entries (a schema parse of a small value costs some microseconds; a generated course
 * costs a millisecond, so those properties get fewer runs).
 *
 * `FUZZ_RUNS` changes the counts:
 * - `FUZZ_RUNS=10` (a number below 1,000) multiplies every count by it (a fraction such as
 *   `0.01` makes a quick local smoke run; CI never sets it);
 * - `FUZZ_RUNS=20000000` (1,000 or more) is the wanted total, shared out in proportion (a total
 *   below the table's is ignored).
 *
 * Fuzz files name their properties by file and key, e.g. `runs('parse', 'define-anything')`; the
 * budget test checks that every key of the table is used by its file, so a count cannot be lowered
 * or dropped without the table (and the total asserted on it) saying so.
 */

/** Run counts per fuzz file (`test/fuzz/<file>.fuzz.test.ts`) and property. */
export const budget = {
  // parse.fuzz.test.ts: 123,000 inputs.
  parse: {
    'define-anything': 30_000,
    'define-json': 1_000,
    'throwing-twins': 10_000,
    'schemas-anything': 80_000,
    'proto-keys': 2_000,
  },
  // measures.fuzz.test.ts: 620,000 inputs.
  measures: {
    'phq9-anything': 420_000,
    'phq9-near-valid': 120_000,
    'instrument-anything': 30_000,
    'srm5-anything': 20_000,
    'style-anything': 30_000,
  },
  // course.fuzz.test.ts: 64,800 inputs.
  course: {
    'decide-anything': 60_000,
    'command-near-valid': 4_000,
    'state-mutated': 500,
    'sequence-invariants': 300,
  },
  // replay.fuzz.test.ts: 51,800 inputs.
  replay: {
    'replay-anything': 50_000,
    'stream-mutated': 600,
    'stream-reshaped': 1_000,
    'stream-huge': 200,
  },
  // document.fuzz.test.ts: 61,300 inputs.
  document: {
    'document-anything': 60_000,
    'document-mutated': 600,
    'snapshot-mutated': 500,
    'document-huge': 200,
  },
  // analysis.fuzz.test.ts: 75,000 inputs.
  analysis: {
    'outcome-anything': 10_000,
    'change-anything': 60_000,
    'cohort-anything': 2_000,
    'long-wide-anything': 2_000,
    'ndjson-lines': 500,
    'ndjson-options': 500,
  },
  // fhir.fuzz.test.ts: 33,000 inputs.
  fhir: {
    'read-anything': 30_000,
    'read-mutated': 3_000,
  },
} as const;

/**
 * Properties that fail today on a bug reported but not yet fixed (they run as `it.fails`, which
 * turns red once the bug is fixed). Their runs do not count towards the 1,000,000.
 */
export const expectedToFail: readonly string[] = [];

/** A fuzz file of the table. */
export type FuzzFile = keyof typeof budget;

/**
 * The sum of the counts in the table, before `FUZZ_RUNS`.
 * @param passingOnly - Leave out the properties {@link expectedToFail}.
 */
export function configuredTotal(passingOnly = false): number {
  let total = 0;
  for (const [file, counts] of Object.entries(budget)) {
    for (const [name, count] of Object.entries(counts)) {
      if (!passingOnly || !expectedToFail.includes(`${file}/${name}`)) total += count;
    }
  }
  return total;
}

/**
 * The factor `FUZZ_RUNS` asks for (1 without it).
 * @param setting - The variable's value.
 * @returns The factor.
 */
export function runFactor(setting: string | undefined): number {
  if (setting === undefined || setting.trim() === '') return 1;
  const wanted = Number(setting);
  if (!Number.isFinite(wanted) || wanted <= 0) return 1;
  return wanted < 1000 ? wanted : Math.max(1, wanted / configuredTotal());
}

/**
 * The number of runs of one property, with `FUZZ_RUNS` applied.
 * @param file - The fuzz file.
 * @param name - The property's key in the table.
 * @returns Its run count.
 */
export function runs<TFile extends FuzzFile>(
  file: TFile,
  name: keyof (typeof budget)[TFile],
): number {
  const count = budget[file][name] as number;
  return Math.ceil(count * runFactor(process.env.FUZZ_RUNS));
}

/**
 * A timeout for a property of `count` runs at about `microseconds` each: ten times the expected
 * time (a shared CI machine can be that much slower), and at least a minute.
 */
export function timeoutFor(count: number, microseconds: number): number {
  return Math.max(60_000, Math.ceil((count * microseconds) / 100));
}
