/**
 * Fuzzing every exported `safeParse*` / `parse*` / `define*` entry (123,000 inputs in CI, see
 * budget.ts): anything at all, valid inputs with one mutation, prototype keys. Nothing throws
 * except the documented throwing twins, which throw `IptError` only; every result is a frozen
 * Result whose issues have a code and a path; no input is changed and no prototype polluted.
 */
import fc from 'fast-check';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { oneMutation, type Json } from '../support/mutations.js';
import { runs, timeoutFor } from './budget.js';
import {
  analysisSamples,
  documentSamples,
  instrumentSamples,
  protocolSamples,
  styleSetSamples,
} from './samples.js';
import { anyInput, call, expectResult, fuzz, protoKeyed } from './support.js';

/** Entries returning a Result, with valid inputs to mutate. */
const safeEntries: Record<
  string,
  { run: (input: unknown) => unknown; samples: () => readonly Json[] }
> = {
  defineProtocol: { run: (input) => api.defineProtocol(input), samples: () => protocolSamples },
  defineInstrument: {
    run: (input) => api.defineInstrument(input),
    samples: () => instrumentSamples,
  },
  defineStyleItemSet: {
    run: (input) => api.defineStyleItemSet(input),
    samples: () => styleSetSamples,
  },
  defineCommunicationAnalysis: {
    run: (input) => api.defineCommunicationAnalysis(input),
    samples: () => analysisSamples,
  },
  parseDocument: { run: (input) => api.parseDocument(input), samples: documentSamples },
};

/** The documented throwing twins: they return the value or throw `IptError`. */
const throwingEntries: Record<string, (input: unknown) => unknown> = {
  parseProtocol: (input) => api.parseProtocol(input),
  parseInstrument: (input) => api.parseInstrument(input),
  parseDocumentOrThrow: (input) => api.parseDocumentOrThrow(input),
};

/** Every exported zod schema, for `safeParseWith` / `parseWith`. */
const schemas = zodSchemasOf(api);

const safeNames = Object.keys(safeEntries);
/** Entries whose samples are cheap to copy (documents are mutated in document.fuzz.test.ts). */
const mutatedNames = safeNames.filter((name) => name !== 'parseDocument');
const throwingNames = Object.keys(throwingEntries);

/** The zod schemas among a module's exports, with their names. */
function zodSchemasOf(module: Record<string, unknown>): [string, z.ZodType][] {
  const found: [string, z.ZodType][] = [];
  for (const [name, value] of Object.entries(module)) {
    if (value instanceof z.ZodType) found.push([name, value]);
  }
  return found;
}

describe('the fuzzed entries', () => {
  it('are every exported parse / define entry (a new one must be added here)', () => {
    const exported = Object.keys(api)
      .filter((name) => /^(safeParse|parse|define)[A-Z]/.test(name))
      .sort();
    expect(exported).toEqual([...safeNames, ...throwingNames, 'parseWith', 'safeParseWith'].sort());
  });

  it('accept their unmutated samples (so that mutations start from valid data)', () => {
    for (const [name, entry] of Object.entries(safeEntries)) {
      for (const sample of entry.samples()) {
        expect((entry.run(sample) as { ok: boolean }).ok, name).toBe(true);
      }
    }
  });
});

describe('parse and define entries never throw on anything', () => {
  const count = runs('parse', 'define-anything');
  it(
    'returns a well-formed Result for any input',
    () => {
      fuzz(
        'parse/define-anything',
        fc.property(fc.constantFrom(...safeNames), anyInput(), (name, input) => {
          expectResult(call([input], () => safeEntries[name]!.run(input)));
        }),
        count,
      );
    },
    timeoutFor(count, 40),
  );

  const jsonCount = runs('parse', 'define-json');
  it(
    'returns a well-formed Result for a valid input with one mutation',
    () => {
      fuzz(
        'parse/define-json',
        fc.property(
          fc.constantFrom(...mutatedNames),
          fc.nat(),
          fc.nat(),
          fc.nat(),
          (name, which, pick, choice) => {
            const entry = safeEntries[name]!;
            const samples = entry.samples();
            const base = samples[which % samples.length]!;
            const { value } = oneMutation(base, pick, choice);
            expectResult(call([value], () => entry.run(value)));
          },
        ),
        jsonCount,
      );
    },
    timeoutFor(jsonCount, 400),
  );

  const twinCount = runs('parse', 'throwing-twins');
  it(
    'the throwing twins throw IptError only, and agree with their safe twins',
    () => {
      const safeTwin: Record<string, (input: unknown) => { ok: boolean }> = {
        parseProtocol: api.defineProtocol,
        parseInstrument: api.defineInstrument,
        parseDocumentOrThrow: (input) => api.parseDocument(input),
      };
      fuzz(
        'parse/throwing-twins',
        fc.property(
          fc.constantFrom(...throwingNames),
          fc.oneof(anyInput(), fc.constantFrom(...protocolSamples, ...instrumentSamples)),
          (name, input) => {
            let threw = false;
            call(
              [input],
              () => {
                try {
                  return throwingEntries[name]!(input);
                } catch (error) {
                  threw = true;
                  throw error;
                }
              },
              true,
            );
            expect(threw).toBe(!safeTwin[name]!(input).ok);
          },
        ),
        twinCount,
      );
    },
    timeoutFor(twinCount, 60),
  );

  const schemaCount = runs('parse', 'schemas-anything');
  it(
    'safeParseWith and parseWith handle any input against every exported schema',
    () => {
      fuzz(
        'parse/schemas-anything',
        fc.property(fc.nat(schemas.length - 1), anyInput(), fc.boolean(), (index, input, safe) => {
          const schema = schemas[index]![1];
          if (safe) expectResult(call([input], () => api.safeParseWith(schema, input)));
          else call([input], () => api.parseWith(schema, input), true);
        }),
        schemaCount,
      );
    },
    timeoutFor(schemaCount, 40),
  );

  const protoCount = runs('parse', 'proto-keys');
  it(
    '__proto__, constructor and prototype keys (as JSON.parse makes them) pollute nothing',
    () => {
      fuzz(
        'parse/proto-keys',
        fc.property(
          fc.constantFrom(...mutatedNames),
          protoKeyed,
          fc.nat(),
          (name, hostileObject, which) => {
            const entry = safeEntries[name]!;
            const samples = entry.samples();
            const base = samples[which % samples.length]!;
            // Both on its own and merged into a valid input.
            const merged = JSON.parse(
              JSON.stringify(base).replace(
                /^\{/,
                `{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}},`,
              ),
            ) as unknown;
            expectResult(call([hostileObject], () => entry.run(hostileObject)));
            expectResult(call([merged], () => entry.run(merged)));
          },
        ),
        protoCount,
      );
    },
    timeoutFor(protoCount, 400),
  );
});
