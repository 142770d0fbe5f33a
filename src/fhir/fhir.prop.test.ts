import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { MARKER, intentSequence, runIntents } from '../../test/support/course-arbitraries.js';
import { fhirProblems, loadFhirDefinitions } from '../../test/support/fhir-validator.js';
import { Course } from '../course/state.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import type { Issue } from '../internal/issues.js';
import { gad7 } from '../measures/gad7.js';
import { scoreInstrument, type Score } from '../measures/instrument.js';
import { scorePhq9 } from '../measures/phq9.js';
import { deidentify } from '../privacy/deidentify.js';
import { sensitiveFields } from '../privacy/schema-walk.js';
import { isSourceKey, sources } from '../sources/sources.js';
import { courseArbitrary } from '../testing/course.js';
import { inventoryArbitrary, invalidInventoryArbitrary } from '../testing/inventory.js';
import { invalidProtocolArbitrary, protocolArbitrary } from '../testing/protocol.js';
import {
  fromQuestionnaireResponse,
  toCarePlan,
  toObservation,
  toPlanDefinition,
  toQuestionnaireResponse,
  toRelatedPersons,
  toRiskFlag,
  type RelatedPersonResources,
} from './index.js';

const LOINC = 'http://loinc.org';
const ORDINAL = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';
const ANSWERS = ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9'];
const CODES = {
  'phq-9': {
    panel: '44249-1',
    total: '44261-6',
    items: [
      '44250-9',
      '44255-8',
      '44259-0',
      '44254-1',
      '44251-7',
      '44258-2',
      '44252-5',
      '44253-3',
      '44260-8',
    ],
  },
  'gad-7': {
    panel: '69737-5',
    total: '70274-6',
    items: ['69725-0', '68509-9', '69733-4', '69734-2', '69735-9', '69689-6', '69736-7'],
  },
} as const;
type InstrumentId = keyof typeof CODES;

const qrOptions = { id: 'qr-1', subject: 'Patient/p-1', authored: '2026-03-02T09:30:00Z' };
const obsOptions = {
  id: 'obs-1',
  subject: 'Patient/p-1',
  effective: '2026-03-02T09:30:00Z',
  questionnaireResponse: 'QuestionnaireResponse/qr-1',
};

/** Random answers to PHQ-9 or GAD-7: each item 0-3 or unanswered, the difficulty optional. */
const answerVector = (instrument: InstrumentId, allowMissing: boolean) =>
  fc
    .record({
      values: fc.array(
        allowMissing
          ? fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined, freq: 5 })
          : fc.integer({ min: 0, max: 3 }),
        { minLength: CODES[instrument].items.length, maxLength: CODES[instrument].items.length },
      ),
      difficulty: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    })
    .map(({ values, difficulty }) => {
      const answers: Record<string, number> = {};
      values.forEach((value, index) => {
        if (value !== undefined) answers[`item${index + 1}`] = value;
      });
      // PHQ-9 item 9 drives a safety flag and must always be answered.
      if (instrument === 'phq-9' && answers.item9 === undefined) answers.item9 = 0;
      if (difficulty !== undefined) answers.difficulty = difficulty;
      return answers;
    });

function score(
  instrument: InstrumentId,
  answers: Record<string, number>,
  incomplete: boolean,
): Score {
  const options = incomplete ? { missing: { kind: 'incomplete' as const } } : {};
  const result =
    instrument === 'phq-9' ? scorePhq9(answers, options) : scoreInstrument(gad7, answers, options);
  if (!result.ok) throw new Error('scoring failed');
  return result.value;
}

const instrumentArb = fc.constantFrom<InstrumentId>('phq-9', 'gad-7');

/** A scored administration: complete, or incomplete with items missing. */
const scored = instrumentArb.chain((instrument) =>
  fc.boolean().chain((incomplete) =>
    answerVector(instrument, incomplete).map((answers) => ({
      instrument,
      answers,
      score: score(instrument, answers, incomplete),
    })),
  ),
);

beforeAll(() => {
  loadFhirDefinitions();
});

describe('FHIR mapping (properties)', () => {
  it('[LFORMS-EX] [PACIO] [FHIRQ-TS] PHQ-9 and GAD-7 answers survive score -> QuestionnaireResponse -> fromQuestionnaireResponse, and every response is valid R4', () => {
    fc.assert(
      fc.property(scored, ({ instrument, answers, score: value }) => {
        const resource = toQuestionnaireResponse(value, qrOptions);
        expect(resource.ok).toBe(true);
        if (!resource.ok) return;
        expect(fhirProblems(resource.value)).toEqual([]);
        expect(resource.value.meta?.tag?.[0]?.code).toBe(CODES[instrument].panel);
        const read = fromQuestionnaireResponse(resource.value);
        expect(read).toEqual({ ok: true, value: { instrument, responses: value.responses } });
        expect(read.ok && read.value.responses).toEqual(answers);
      }),
    );
  });

  it('[MII] [USCORE] [CLINOSIM] the Observation of a complete score is valid R4 on the score code, never the panel code (invariant 15)', () => {
    fc.assert(
      fc.property(
        instrumentArb.chain((instrument) =>
          answerVector(instrument, false).map((answers) => ({ instrument, answers })),
        ),
        ({ instrument, answers }) => {
          const value = score(instrument, answers, false);
          const resource = toObservation(value, obsOptions);
          expect(resource.ok).toBe(true);
          if (!resource.ok) return;
          expect(fhirProblems(resource.value)).toEqual([]);
          expect(resource.value.code.coding).toEqual([
            { system: LOINC, code: CODES[instrument].total },
          ]);
          expect(resource.value.valueInteger).toBe(value.total);
          expect(resource.value.interpretation?.[0]?.coding?.[0]?.code).toBe(value.band?.id);
          const text = JSON.stringify(resource.value);
          expect(text).not.toContain(CODES['phq-9'].panel);
          expect(text).not.toContain(CODES['gad-7'].panel);
        },
      ),
    );
  });

  it('[MII] an incomplete score never becomes an Observation', () => {
    fc.assert(
      fc.property(scored, ({ score: value }) => {
        const resource = toObservation(value, obsOptions);
        expect(resource.ok).toBe(value.total !== null);
        if (!resource.ok)
          expect(resource.error.issues.map((found) => found.code)).toEqual(['score-incomplete']);
      }),
    );
  });

  it('[LFORMS-EX] foreign shapes (slash or panel-path link ids, local ids, valueInteger, ordinalValue codings, nesting, any order) read back the same answers', () => {
    const shape = fc.record({
      linkStyle: fc.constantFrom('bare', 'slash', 'path', 'local'),
      nesting: fc.constantFrom('flat', 'group', 'under-answer'),
      answerStyles: fc.array(fc.constantFrom('loinc', 'integer', 'ordinal', 'loinc+ordinal'), {
        minLength: 9,
        maxLength: 9,
      }),
      order: fc.array(fc.nat(), { minLength: 9, maxLength: 9 }),
      tagged: fc.boolean(),
    });
    fc.assert(
      fc.property(
        instrumentArb.chain((instrument) =>
          answerVector(instrument, true).map((answers) => ({ instrument, answers })),
        ),
        shape,
        ({ instrument, answers }, { linkStyle, nesting, answerStyles, order, tagged }) => {
          const codes = CODES[instrument];
          const linkIds: Record<string, string> = {};
          const items = codes.items.flatMap((code, index) => {
            const value = answers[`item${index + 1}`];
            if (value === undefined) return [];
            const linkId =
              linkStyle === 'bare'
                ? code
                : linkStyle === 'slash'
                  ? `/${code}`
                  : linkStyle === 'path'
                    ? `/${codes.panel}/${code}`
                    : `local-${index}`;
            if (linkStyle === 'local') linkIds[linkId] = `item${index + 1}`;
            const style = answerStyles[index] ?? 'loinc';
            const ordinal = [{ url: ORDINAL, valueDecimal: value }];
            const answer =
              style === 'integer'
                ? { valueInteger: value }
                : style === 'ordinal'
                  ? {
                      valueCoding: {
                        system: 'urn:oid:2.16.840.1',
                        code: `a${value}`,
                        extension: ordinal,
                      },
                    }
                  : {
                      valueCoding: {
                        system: LOINC,
                        code: ANSWERS[value],
                        ...(style === 'loinc+ordinal' ? { extension: ordinal } : {}),
                      },
                    };
            return [{ linkId, answer: [answer], sortKey: order[index] ?? 0 }];
          });
          if (answers.difficulty !== undefined) {
            items.push({
              linkId: linkStyle === 'local' ? 'local-difficulty' : '69722-7',
              answer: [{ valueInteger: answers.difficulty }],
              sortKey: 0,
            });
            if (linkStyle === 'local') linkIds['local-difficulty'] = 'difficulty';
          }
          const sorted = items
            .sort((left, right) => left.sortKey - right.sortKey)
            .map(({ linkId, answer }) => ({ linkId, answer }));
          const top =
            nesting === 'flat'
              ? sorted
              : nesting === 'group'
                ? [{ linkId: `/${codes.panel}`, item: sorted }]
                : [{ linkId: 'consent', answer: [{ valueBoolean: true, item: sorted }] }];
          const resource = {
            resourceType: 'QuestionnaireResponse',
            status: 'completed',
            ...(tagged ? { meta: { tag: [{ system: LOINC, code: codes.panel }] } } : {}),
            item: top,
          };
          const needsInstrument = linkStyle === 'local' && !tagged && nesting !== 'group';
          const read = fromQuestionnaireResponse(resource, {
            ...(linkStyle === 'local' ? { linkIds } : {}),
            ...(needsInstrument ? { instrument } : {}),
          });
          if (sorted.length === 0) return; // nothing answered: "no-items" or unknown instrument
          expect(read).toEqual({ ok: true, value: { instrument, responses: answers } });
        },
      ),
    );
  });

  it('fromQuestionnaireResponse never throws, and its issues never quote the input', () => {
    const marked = fc.string({ maxLength: 6 }).map((rest) => `${MARKER}${rest}`);
    const noisy = fc.oneof(fc.anything(), marked, fc.constant(MARKER));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record({ resourceType: fc.constant('QuestionnaireResponse'), item: fc.anything() }),
          fc.record({
            resourceType: fc.constant('QuestionnaireResponse'),
            item: fc.array(
              fc.record(
                {
                  linkId: fc.oneof(fc.constantFrom(...CODES['phq-9'].items, '/69725-0'), marked),
                  answer: fc.oneof(
                    fc.array(
                      fc.record(
                        {
                          valueCoding: fc.record(
                            {
                              system: fc.oneof(fc.constant(LOINC), marked),
                              code: fc.oneof(fc.constantFrom(...ANSWERS), marked),
                              extension: noisy,
                            },
                            { requiredKeys: [] },
                          ),
                          valueInteger: noisy,
                          valueString: marked,
                          item: noisy,
                        },
                        { requiredKeys: [] },
                      ),
                    ),
                    noisy,
                  ),
                  item: noisy,
                },
                { requiredKeys: [] },
              ),
            ),
            meta: noisy,
            questionnaire: noisy,
          }),
        ),
        fc.oneof(
          fc.constant(undefined),
          fc.anything(),
          fc.record(
            {
              instrument: fc.constantFrom('phq-9', 'gad-7'),
              linkIds: fc.dictionary(marked, fc.constantFrom('item1', 'item2', 'difficulty')),
            },
            { requiredKeys: [] },
          ),
        ),
        (resource, options) => {
          const read = fromQuestionnaireResponse(resource, options as never);
          expect(typeof read.ok).toBe('boolean');
          if (!read.ok) {
            expect(read.error.issues.length).toBeGreaterThan(0);
            for (const found of read.error.issues) expectClean(found);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the builders never throw on any input, and their issues never quote it', () => {
    const builders = [
      (input: unknown, options: unknown) =>
        toQuestionnaireResponse(input as Score, options as never),
      (input: unknown, options: unknown) => toObservation(input as Score, options as never),
      (input: unknown, options: unknown) => toRiskFlag(input as never, options as never),
      (input: unknown, options: unknown) => toCarePlan(input as never, options as never),
      (input: unknown, options: unknown) => toPlanDefinition(input as never, options as never),
      (input: unknown, options: unknown) => toRelatedPersons(input as never, options as never),
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: builders.length - 1 }),
        fc.oneof(
          fc.anything(),
          fc
            .string()
            .map((rest) => ({ instrument: { id: 'phq-9' }, responses: { [MARKER + rest]: 1 } })),
        ),
        fc.oneof(
          fc.anything(),
          fc.record({ id: fc.string(), subject: fc.string().map((rest) => MARKER + rest) }),
        ),
        (index, input, options) => {
          const result = builders[index]!(input, options);
          expect(result.ok).toBe(false);
          if (!result.ok) for (const found of result.error.issues) expectClean(found);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('[ISIPT] [CALC] generated courses give valid, de-identified R4 resources: care plan, responses, observations and risk flags', () => {
    fc.assert(
      fc.property(intentSequence(30), (intents) => {
        const { state } = runIntents(intents);
        if (state === null) return;
        const plan = toCarePlan(state, { idPrefix: 'c', subject: 'Patient/p-1' });
        expect(plan.ok).toBe(true);
        if (!plan.ok) return;
        const resources: unknown[] = [
          plan.value.carePlan,
          plan.value.episodeOfCare,
          ...plan.value.encounters,
          ...plan.value.conditions,
          ...plan.value.goals,
        ];
        for (const record of Object.values(state.measures)) {
          const response = toQuestionnaireResponse(record, qrOptions);
          expect(response.ok).toBe(true);
          if (response.ok) resources.push(response.value);
          const observation = toObservation(record, obsOptions);
          expect(observation.ok).toBe(record.score.total !== null);
          if (observation.ok) resources.push(observation.value);
        }
        for (const flag of Object.values(state.riskFlags)) {
          const resource = toRiskFlag(flag, { id: 'flag-1', subject: 'Patient/p-1' });
          expect(resource.ok).toBe(true);
          if (resource.ok) {
            expect(resource.value.status).toBe(flag.acknowledged === null ? 'active' : 'inactive');
            resources.push(resource.value);
          }
        }
        for (const resource of resources) {
          expect(fhirProblems(resource)).toEqual([]);
          expect(JSON.stringify(resource)).not.toContain(MARKER);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('[ISIPT] [CG7] every protocol, catalog or custom, gives the same valid R4 PlanDefinition twice: its phases in order, its session range, its areas, its sources', () => {
    fc.assert(
      fc.property(protocolArbitrary(), fc.boolean(), (protocol, cite) => {
        const options = cite ? { citations: sources } : {};
        const result = toPlanDefinition(protocol, options);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const plan = result.value;
        expect(fhirProblems(plan)).toEqual([]);
        expect(toPlanDefinition(protocol, options)).toEqual(result);
        expect(plan.url).toBe(`https://iptkit.dev/fhir/PlanDefinition/${protocol.id}`);
        expect(plan.version).toBe(protocol.version);
        const actions = plan.action ?? [];
        const phases = actions.filter((action) => action.id?.startsWith('phase-'));
        expect(phases.map((action) => action.code?.[0]?.coding?.[0]?.code)).toEqual(
          protocol.phases.map((phase) => phase.id),
        );
        phases.slice(1).forEach((action, index) => {
          expect(action.relatedAction).toEqual([
            { actionId: phases[index]?.id, relationship: 'after-end' },
          ]);
        });
        const repeat = actions.find((action) => action.id === 'sessions')?.timingTiming?.repeat;
        const { min, max } = protocol.sessions;
        expect(repeat?.count).toBe(max === undefined ? undefined : min);
        expect(repeat?.countMax).toBe(max !== undefined && max > min ? max : undefined);
        expect(plan.goal?.map((goal) => goal.addresses?.[0]?.coding?.[0]?.code)).toEqual(
          protocol.problemAreas.areas,
        );
        expect(plan.relatedArtifact).toEqual(
          [...new Set(protocol.sources)].map((ref) =>
            cite && isSourceKey(ref)
              ? { type: 'citation', label: ref, citation: sources[ref].citation }
              : { type: 'citation', citation: ref },
          ),
        );
      }),
      { numRuns: 80 },
    );
  });

  it('every protocol defineProtocol refuses is refused, with the same issue under protocol', () => {
    fc.assert(
      fc.property(invalidProtocolArbitrary(), ({ value, expected }) => {
        const result = toPlanDefinition(value as never);
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(
          result.error.issues.map((found) => [found.code, found.path.join('.')]),
        ).toContainEqual([expected.code, ['protocol', ...(expected.path ?? [])].join('.')]);
        for (const found of result.error.issues) expectClean(found);
      }),
      { numRuns: 150 },
    );
  });

  it('[ALPF] [PP-CC] generated courses give the same valid RelatedPersons and closeness Observations twice; no sensitive text leaves, names only with includeNames', () => {
    const patterns = sensitiveFields(Course).fields.filter((field) =>
      field.path.startsWith('inventory.'),
    );
    expect(patterns.map((field) => field.path)).toContain('inventory.people.*.label');
    // Generated courses, half of them with a generated inventory put in (more people, every
    // relationship field filled in, bigger circles).
    const courses = fc
      .tuple(
        courseArbitrary({ marker: MARKER, maxSteps: 30 }),
        fc.option(inventoryArbitrary({ marker: MARKER, maxPeople: 8 }), { nil: undefined }),
      )
      .map(([{ state }, inventory]) => (inventory === undefined ? state : { ...state, inventory }));
    fc.assert(
      fc.property(courses, fc.boolean(), (state: DeepReadonly<Course>, includeNames) => {
        const options = {
          idPrefix: 'c',
          subject: 'Patient/p-1',
          effective: '2026-03-02',
          includeNames,
        };
        const result = toRelatedPersons(state, options);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(toRelatedPersons(state, options)).toEqual(result);
        const { people, circle } = state.inventory;
        const ids = Object.keys(people).sort();
        const { relatedPersons, closenessObservations } = result.value;
        expect(relatedPersons).toHaveLength(ids.length);
        expect(closenessObservations.map((observation) => observation.valueInteger)).toEqual(
          ids.flatMap((id) => {
            const ring = circle.placements[id as keyof typeof circle.placements];
            return ring === undefined ? [] : [ring];
          }),
        );
        for (const resource of [...relatedPersons, ...closenessObservations]) {
          expect(fhirProblems(resource)).toEqual([]);
        }
        const labels = ids.map((id) => people[id as keyof typeof people]?.label ?? '');
        expect(relatedPersons.map((person) => person.name)).toEqual(
          labels.map((label) => (includeNames ? [{ text: label }] : undefined)),
        );

        // No string of a field the schemas mark sensitive appears anywhere but in the names
        // asked for (which are exactly the labels, as checked above).
        const json = JSON.stringify(withoutNames(result.value));
        const full = JSON.stringify(result.value);
        const texts = patterns.flatMap((field) => stringsAt(state, field.path));
        // Every marked text of the inventory is found (so none is missed here).
        expect(texts).toHaveLength(JSON.stringify(state.inventory).split(MARKER).length - 1);
        for (const text of texts) {
          expect(json).not.toContain(text);
          if (!includeNames) expect(full).not.toContain(text);
        }
        expect(json).not.toContain(MARKER);

        // De-identifying the course first changes nothing but the names.
        const blank = deidentify(state, { names: 'replace', freeText: 'replace' });
        expect(blank.ok).toBe(true);
        if (!blank.ok) return;
        const again = toRelatedPersons(blank.value.course, options);
        expect(again.ok && withoutNames(again.value)).toEqual(withoutNames(result.value));
      }),
      { numRuns: 60 },
    );
  });

  it('a broken inventory is refused for what the mapping reads, and nothing sensitive leaks either way', () => {
    const read = new Set(['id', 'label', 'relationship', 'period']);
    fc.assert(
      fc.property(invalidInventoryArbitrary({ marker: MARKER }), ({ value, expected }) => {
        const result = toRelatedPersons({ inventory: value } as never, {
          idPrefix: 'c',
          subject: 'Patient/p-1',
          effective: '2026-03-02',
        });
        const path = expected.path ?? [];
        // Unknown keys and fields it never reads (vital status, free text) are not its concern.
        const mustRefuse =
          path[0] === 'circle' || (path[0] === 'people' && read.has(String(path[2])));
        if (mustRefuse) {
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect(
            result.error.issues.map((found) => [found.code, found.path.join('.')]),
          ).toContainEqual([expected.code, ['course', 'inventory', ...path].join('.')]);
        }
        if (result.ok) {
          for (const resource of [
            ...result.value.relatedPersons,
            ...result.value.closenessObservations,
          ]) {
            expect(fhirProblems(resource)).toEqual([]);
          }
          expect(JSON.stringify(result.value)).not.toContain(MARKER);
        } else {
          for (const found of result.error.issues) expectClean(found);
        }
      }),
      { numRuns: 150 },
    );
  });
});

/** The resources with every RelatedPerson's `name` taken out. */
function withoutNames(resources: DeepReadonly<RelatedPersonResources>): unknown {
  return {
    ...resources,
    relatedPersons: resources.relatedPersons.map(({ name: _name, ...rest }) => rest),
  };
}

/** Every string at a path pattern of `sensitiveFields` (`*` any key, `[]` any item). */
function stringsAt(value: unknown, pattern: string): string[] {
  let found: unknown[] = [value];
  for (const part of pattern.split('.')) {
    const list = part.endsWith('[]');
    const key = list ? part.slice(0, -2) : part;
    found = found.flatMap((node) => {
      if (typeof node !== 'object' || node === null) return [];
      const record = node as Record<string, unknown>;
      const children = key === '*' ? Object.values(record) : [record[key]];
      return list
        ? children.flatMap((child): unknown[] => (Array.isArray(child) ? (child as unknown[]) : []))
        : children;
    });
  }
  return found.filter((item): item is string => typeof item === 'string');
}

/** An issue's message and path carry none of the input's marked text. */
function expectClean(found: Issue): void {
  expect(found.message).not.toContain(MARKER);
  for (const part of found.path) expect(String(part)).not.toContain(MARKER);
  expect(found.code).toMatch(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/);
}
