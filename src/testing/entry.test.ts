import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { phq9 } from '../measures/phq9.js';
import * as kit from './index.js';
import { syntheticCohort } from './synthetic-cohort.js';

const here = dirname(fileURLToPath(import.meta.url));
const srcRoot = resolve(here, '..');

/** Relative imports of a source file, resolved to `.ts` paths. */
function localImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [...text.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)].map((match) =>
    resolve(dirname(file), `${match[1] ?? ''}.ts`),
  );
  return found;
}

function importsFastCheck(file: string): boolean {
  return readFileSync(file, 'utf8').includes("from 'fast-check'");
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !/\.test(-d)?\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('the iptkit/testing entry', () => {
  test('every function it exports is an arbitrary factory named ...Arbitrary, or syntheticCohort', () => {
    const functions = Object.entries(kit).filter(([, value]) => typeof value === 'function');
    expect(functions.length).toBeGreaterThan(40);
    for (const [name] of functions) {
      expect(name === 'syntheticCohort' || name.endsWith('Arbitrary'), name).toBe(true);
    }
  });

  test('every factory returns a fast-check arbitrary (the instrument ones given an instrument)', () => {
    for (const [name, factory] of Object.entries(kit)) {
      if (typeof factory !== 'function' || name === 'syntheticCohort') continue;
      const needsInstrument = name === 'responsesArbitrary' || name === 'invalidResponsesArbitrary';
      const arbitrary: unknown = needsInstrument
        ? (factory as (instrument: unknown) => unknown)(phq9)
        : (factory as () => unknown)();
      expect(arbitrary, name).toBeInstanceOf(fc.Arbitrary);
    }
  });

  test('the invalid factories pair with a valid one of the same model', () => {
    const names = Object.keys(kit);
    const pairs: Record<string, string> = {
      invalidIdArbitrary: 'idArbitrary',
      invalidIsoDateArbitrary: 'isoDateArbitrary',
      invalidCourseEventsArbitrary: 'courseEventsArbitrary',
    };
    for (const name of names.filter((candidate) => candidate.startsWith('invalid'))) {
      const valid = pairs[name] ?? `${name.charAt(7).toLowerCase()}${name.slice(8)}`;
      expect(names, name).toContain(valid);
    }
  });

  test('syntheticCohort is the same function from the entry and needs no fast-check', () => {
    expect(kit.syntheticCohort).toBe(syntheticCohort);
    const seen = new Set<string>();
    const queue = [join(here, 'synthetic-cohort.ts')];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      expect(importsFastCheck(file), relative(srcRoot, file)).toBe(false);
      queue.push(...localImports(file));
    }
    expect(seen.size).toBeGreaterThan(5);
  });

  test('outside src/testing, library code imports at most synthetic-cohort.ts from it, and never fast-check', () => {
    for (const file of sourceFiles(srcRoot)) {
      if (file.startsWith(`${here}/`)) continue;
      expect(importsFastCheck(file), relative(srcRoot, file)).toBe(false);
      for (const imported of localImports(file)) {
        if (imported.startsWith(`${here}/`)) {
          expect(relative(here, imported), relative(srcRoot, file)).toBe('synthetic-cohort.ts');
        }
      }
    }
  });
});
