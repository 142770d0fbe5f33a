/**
 * The functions the cohort benchmarks time, from the built `dist/` when it exists (what users
 * run; `npm run bench` builds first), else from the sources. Run from the sources, they go
 * through tsx's loader, whose esbuild transform keeps function names with a helper call at every
 * closure it creates, which makes them measurably slower than the build.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as CohortModule from '../src/analysis/cohort.js';
import type * as NdjsonModule from '../src/analysis/ndjson.js';
import type * as ReplayModule from '../src/course/replay.js';

/** What the benchmarks time, all from one build (courses vouched for by one are known to it). */
export interface TimedLibrary {
  /** `dist` or `src`, printed with the results. */
  readonly from: 'dist' | 'src';
  readonly summarizeNdjson: typeof NdjsonModule.summarizeNdjson;
  readonly replay: typeof ReplayModule.replay;
  readonly createCohortAccumulator: typeof CohortModule.createCohortAccumulator;
  readonly addTrustedCourse: typeof CohortModule.addTrustedCourse;
  readonly summarizeCohort: typeof CohortModule.summarizeCohort;
}

/**
 * Loads the timed functions.
 * @returns The built library's, or the sources' when there is no build.
 */
export async function timedLibrary(): Promise<TimedLibrary> {
  const dist = resolve('dist');
  const built = existsSync(join(dist, 'analysis', 'ndjson.js'));
  const load = async <TModule>(path: string): Promise<TModule> =>
    (await import(
      built ? pathToFileURL(join(dist, `${path}.js`)).href : `../src/${path}.js`
    )) as TModule;
  const [cohort, ndjson, replay] = await Promise.all([
    load<typeof CohortModule>('analysis/cohort'),
    load<typeof NdjsonModule>('analysis/ndjson'),
    load<typeof ReplayModule>('course/replay'),
  ]);
  return {
    from: built ? 'dist' : 'src',
    summarizeNdjson: ndjson.summarizeNdjson,
    replay: replay.replay,
    createCohortAccumulator: cohort.createCohortAccumulator,
    addTrustedCourse: cohort.addTrustedCourse,
    summarizeCohort: cohort.summarizeCohort,
  };
}
