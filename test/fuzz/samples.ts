/**
 * Valid inputs for the fuzz suite to mutate, drawn once with fixed seeds (so every run mutates the
 * same bases and a failure can be replayed from fast-check's seed alone) and stored as JSON, the
 * way a file would bring them, deeply frozen (a mutation works on a copy).
 */
import fc from 'fast-check';
import { communicationStyleReflection } from '../../src/communication/style-reflection-items.js';
import { gad7 } from '../../src/measures/gad7.js';
import { hamd17 } from '../../src/measures/hamd17.js';
import { phq9 } from '../../src/measures/phq9.js';
import { protocols } from '../../src/protocol/protocols.js';
import { communicationAnalysisArbitrary } from '../../src/testing/communication.js';
import { courseArbitrary, type GeneratedCourse } from '../../src/testing/course.js';
import { toDocument } from '../../src/document/document.js';
import { asJson, type Json } from '../support/mutations.js';
import { trusted } from './support.js';

/** Freezes JSON samples deeply and marks them `trusted` (so checks need not copy them). */
function frozen(values: Json[]): readonly Json[] {
  const pending: unknown[] = [...values];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next !== 'object' || next === null) continue;
    Object.freeze(next);
    pending.push(...(Object.values(next) as unknown[]));
  }
  return trusted(values);
}

/** Draws `count` values of an arbitrary with a fixed seed. */
function drawn<TValue>(arbitrary: fc.Arbitrary<TValue>, count: number, seed: number): TValue[] {
  return fc.sample(arbitrary, { numRuns: count, seed });
}

/** Every catalog protocol. */
export const protocolSamples: readonly Json[] = frozen(Object.values(protocols).map(asJson));

/** Every built-in instrument. */
export const instrumentSamples: readonly Json[] = frozen([phq9, gad7, hamd17].map(asJson));

/** The built-in communication-style item set. */
export const styleSetSamples: readonly Json[] = frozen([asJson(communicationStyleReflection)]);

/** Generated communication analyses. */
export const analysisSamples: readonly Json[] = frozen(
  drawn(communicationAnalysisArbitrary(), 6, 20_260_302).map(asJson),
);

let courses: GeneratedCourse[] | undefined;
let streams: readonly Json[] | undefined;
let documents: readonly Json[] | undefined;

/** Generated courses (some ended), drawn on first use: they take a moment to build. */
export function courseSamples(): readonly GeneratedCourse[] {
  courses ??= [
    ...drawn(courseArbitrary({ maxSteps: 60 }), 10, 9),
    ...drawn(courseArbitrary({ maxSteps: 40, ending: 'always' }), 6, 10),
  ];
  return courses;
}

/** The event streams of the generated courses, as JSON. */
export function streamSamples(): readonly Json[] {
  streams ??= frozen(courseSamples().map((course) => asJson(course.events)));
  return streams;
}

/** Both documents of every generated course, as JSON. */
export function documentSamples(): readonly Json[] {
  documents ??= frozen(
    courseSamples().flatMap((course) => [
      asJson(toDocument('iptkit/course-events', course.events)),
      asJson(toDocument('iptkit/course-snapshot', course.state)),
    ]),
  );
  return documents;
}
