import fc from 'fast-check';
import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { defineCommunicationAnalysis } from '../communication/analysis.js';
import { IsoDate, IsoDateTime } from '../internal/dates.js';
import {
  ActorId,
  AnalysisId,
  CourseId,
  EventId,
  MeasureId,
  PersonId,
  SessionId,
} from '../internal/ids.js';
import type { Issue } from '../internal/issues.js';
import { safeParseWith } from '../internal/parse.js';
import { Circle } from '../inventory/circle.js';
import { Inventory } from '../inventory/inventory.js';
import { InventoryEntry, Person } from '../inventory/person.js';
import { LifeEvent, MoodRating, MoodScale, Timeline } from '../inventory/timeline.js';
import { gad7 } from '../measures/gad7.js';
import { hamd17 } from '../measures/hamd17.js';
import { scoreInstrument } from '../measures/instrument.js';
import { phq9, scorePhq9 } from '../measures/phq9.js';
import { scoreSrm5, SrmWeek } from '../measures/srm5.js';
import { Focus } from '../problem-area/focus.js';
import { ProblemArea } from '../problem-area/problem-areas.js';
import { DisputeStage } from '../problem-area/role-dispute.js';
import { Phase } from '../protocol/phases.js';
import { Cadence, Protocol } from '../protocol/protocol-schema.js';
import { defineProtocol, protocols } from '../protocol/protocols.js';
import type { ExpectedIssue, InvalidValue } from './basics.js';
import {
  actorIdArbitrary,
  analysisIdArbitrary,
  cadenceArbitrary,
  catalogProtocolIdArbitrary,
  circleArbitrary,
  communicationAnalysisArbitrary,
  courseIdArbitrary,
  disputeStageArbitrary,
  eventIdArbitrary,
  focusArbitrary,
  gad7ResponsesArbitrary,
  hamd17ResponsesArbitrary,
  idArbitrary,
  invalidCircleArbitrary,
  invalidCommunicationAnalysisArbitrary,
  invalidFocusArbitrary,
  invalidIdArbitrary,
  invalidInventoryArbitrary,
  invalidInventoryEntryArbitrary,
  invalidIsoDateArbitrary,
  invalidPersonArbitrary,
  invalidProtocolArbitrary,
  invalidResponsesArbitrary,
  invalidSrmWeekArbitrary,
  invalidTimelineArbitrary,
  inventoryArbitrary,
  inventoryEntryArbitrary,
  isoDateArbitrary,
  isoDateTimeArbitrary,
  lifeEventArbitrary,
  measureIdArbitrary,
  moodRatingArbitrary,
  moodScaleArbitrary,
  personArbitrary,
  personIdArbitrary,
  phaseArbitrary,
  phq9ResponsesArbitrary,
  problemAreaArbitrary,
  protocolArbitrary,
  protocolInputArbitrary,
  responsesArbitrary,
  sessionIdArbitrary,
  srmWeekArbitrary,
  textArbitrary,
  timelineArbitrary,
} from './index.js';

/** The marker the privacy checks look for: it must never reach an issue message. */
const MARKER = 'ZZSECRET';
const marked = { marker: MARKER };

/** A validator of the kind the kit's documentation names for each model. */
type Validate = (
  value: unknown,
) => { ok: true } | { ok: false; error: { issues: readonly Issue[] } };

function expectValid(validate: Validate, value: unknown): void {
  const result = validate(value);
  expect(result.ok ? [] : result.error.issues).toEqual([]);
}

function expectReported(issues: readonly Issue[], expected: ExpectedIssue, mutation: string): void {
  expect(
    issues.map(({ code, path }) => ({ code, path })),
    mutation,
  ).toContainEqual({ code: expected.code, path: expected.path });
  // Privacy: no message quotes the client's text [DESIGN 2].
  expect(JSON.stringify(issues)).not.toContain(MARKER);
}

function expectInvalid(validate: Validate, sample: InvalidValue): void {
  const result = validate(sample.value);
  expect(result.ok, sample.mutation).toBe(false);
  if (!result.ok) expectReported(result.error.issues, sample.expected, sample.mutation);
}

/** Every mutation named shows up in a fixed sample, so each is exercised by the properties. */
function expectMutations(arbitrary: fc.Arbitrary<InvalidValue>, names: readonly string[]): void {
  const seen = new Set(
    fc.sample(arbitrary, { numRuns: 400, seed: 20260302 }).map((s) => s.mutation),
  );
  expect([...seen].sort()).toEqual([...names].sort());
}

const schema =
  (zodSchema: Parameters<typeof safeParseWith>[0]): Validate =>
  (value) =>
    safeParseWith(zodSchema, value);

describe('ids, dates and vocabularies', () => {
  test.prop(
    [
      fc.tuple(
        idArbitrary({ maxLength: 128 }),
        personIdArbitrary(),
        courseIdArbitrary(),
        sessionIdArbitrary(),
        eventIdArbitrary(),
        measureIdArbitrary(),
        analysisIdArbitrary(),
        actorIdArbitrary(),
      ),
    ],
    { numRuns: 200 },
  )(
    'every id passes its id schema',
    ([any, person, course, session, event, measure, analysis, actor]) => {
      expectValid(schema(PersonId), any);
      expectValid(schema(PersonId), person);
      expectValid(schema(CourseId), course);
      expectValid(schema(SessionId), session);
      expectValid(schema(EventId), event);
      expectValid(schema(MeasureId), measure);
      expectValid(schema(AnalysisId), analysis);
      expectValid(schema(ActorId), actor);
    },
  );

  test.prop([idArbitrary({ maxLength: 500 }), idArbitrary({ maxLength: -3 })], { numRuns: 100 })(
    'id lengths are clamped to what an id may be (1-128)',
    (long, short) => {
      expect(long.length).toBeLessThanOrEqual(128);
      expect(short).toHaveLength(1);
    },
  );

  test.prop([invalidIdArbitrary()], { numRuns: 200 })(
    'invalid ids fail every id schema',
    (sample) => {
      for (const idSchema of [PersonId, CourseId, SessionId, MeasureId])
        expectInvalid(schema(idSchema), sample);
    },
  );

  test('each invalid-id change is exercised', () => {
    expectMutations(invalidIdArbitrary(), [
      'id-empty',
      'id-too-long',
      'id-leading-punctuation',
      'id-with-space',
      'id-not-ascii',
      'id-not-a-string',
    ]);
  });

  test.prop([isoDateArbitrary(), isoDateTimeArbitrary()], { numRuns: 300 })(
    'dates and date-times pass IsoDate and IsoDateTime',
    (date, dateTime) => {
      expectValid(schema(IsoDate), date);
      expectValid(schema(IsoDateTime), dateTime);
    },
  );

  test.prop([fc.integer({ min: -25_000, max: 40_000 })], { numRuns: 300 })(
    'dates agree with the UTC calendar of the platform (an independent reference)',
    (dayNumber) => {
      const range = isoDateArbitrary({
        min: new Date(dayNumber * 86_400_000).toISOString().slice(0, 10),
        max: new Date(dayNumber * 86_400_000).toISOString().slice(0, 10),
      });
      const [only] = fc.sample(range, 1);
      expect(only).toBe(new Date(dayNumber * 86_400_000).toISOString().slice(0, 10));
    },
  );

  test.prop([isoDateArbitrary({ min: '2026-03-10', max: '2026-03-02' })], { numRuns: 100 })(
    'a date range given the wrong way round is read the right way round',
    (date) => {
      expect(date >= '2026-03-02' && date <= '2026-03-10').toBe(true);
    },
  );

  test.prop([invalidIsoDateArbitrary()], { numRuns: 200 })(
    'invalid dates fail IsoDate',
    (sample) => {
      expectInvalid(schema(IsoDate), sample);
    },
  );

  test.prop(
    [phaseArbitrary(), problemAreaArbitrary(), disputeStageArbitrary(), cadenceArbitrary()],
    { numRuns: 100 },
  )('vocabulary values pass their enums', (phase, area, stage, cadence) => {
    expectValid(schema(Phase), phase);
    expectValid(schema(ProblemArea), area);
    expectValid(schema(DisputeStage), stage);
    expectValid(schema(Cadence), cadence);
  });

  test('problem areas can be restricted (unknown names are ignored)', () => {
    const areas = fc.sample(problemAreaArbitrary({ areas: ['grief', 'loneliness' as never] }), 50);
    expect(new Set(areas)).toEqual(new Set(['grief']));
  });
});

describe('text', () => {
  test.prop([textArbitrary({ marker: `  ${MARKER}  `, maxLength: 120 })], { numRuns: 300 })(
    'client text is trimmed, non-empty, within its limit and starts with the marker',
    (text) => {
      expect(text).toBe(text.trim());
      expect(text.length).toBeGreaterThan(0);
      expect(text.length).toBeLessThanOrEqual(120);
      expect(text.startsWith(MARKER)).toBe(true);
    },
  );

  test.prop([textArbitrary({ maxLength: 3 }), textArbitrary({ marker: 'x'.repeat(100) })], {
    numRuns: 200,
  })('short limits are kept and long markers are cut to 40 characters', (short, long) => {
    expect(short.length).toBeGreaterThan(0);
    expect(short.length).toBeLessThanOrEqual(3);
    expect(long.startsWith('x'.repeat(40))).toBe(true);
    expect(long.startsWith('x'.repeat(41))).toBe(false);
  });

  test('unicode text reaches beyond ASCII', () => {
    const samples = fc.sample(textArbitrary({ unicode: true }), { numRuns: 200, seed: 7 });
    expect(samples.some((text) => /[^\u0020-\u007e]/.test(text))).toBe(true);
  });

  test.prop([textArbitrary({ unicode: true, maxLength: 5 })], { numRuns: 300 })(
    'unicode text cut to its limit never leaves half a surrogate pair',
    (text) => {
      expect(text.length).toBeLessThanOrEqual(5);
      expect(text).not.toMatch(
        /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
      );
    },
  );
});

describe('foci', () => {
  test.prop([focusArbitrary(marked)], { numRuns: 300 })(
    'every focus passes the Focus schema',
    (focus) => {
      expectValid(schema(Focus), focus);
    },
  );

  test('all four variants come up, and grief foci about a death always name the person', () => {
    const foci = fc.sample(focusArbitrary(), { numRuns: 400, seed: 3 });
    expect(new Set(foci.map((focus) => focus.area))).toEqual(new Set(ProblemArea.options));
    for (const focus of foci) {
      if (focus.area === 'grief' && focus.loss !== 'other') expect(focus.personId).toBeDefined();
    }
  });

  test.prop(
    [
      focusArbitrary({
        areas: ['grief', 'role-dispute'],
        personIds: ['p-1', 'p-2'],
        griefLoss: 'death',
      }),
    ],
    {
      numRuns: 200,
    },
  )('restricted foci name only the given people, and only deaths', (focus) => {
    expect(['grief', 'role-dispute']).toContain(focus.area);
    if (focus.area === 'grief') {
      expect(focus.loss).not.toBe('other');
      expect(['p-1', 'p-2']).toContain(focus.personId);
    }
    if (focus.area === 'role-dispute') expect(['p-1', 'p-2']).toContain(focus.personId);
  });

  test.prop([invalidFocusArbitrary(marked)], { numRuns: 300 })(
    'invalid foci fail as expected',
    (sample) => {
      expectInvalid(schema(Focus), sample);
    },
  );

  test('each invalid-focus change is exercised', () => {
    expectMutations(invalidFocusArbitrary(), [
      'grief-without-person',
      'dispute-without-stage',
      'dispute-stage-unknown',
      'transition-role-blank',
      'area-unknown',
      'unknown-key',
    ]);
  });
});

describe('people, inventories, circles', () => {
  test.prop([personArbitrary(marked), inventoryEntryArbitrary(marked)], { numRuns: 200 })(
    'people and entries pass their schemas, their labels carrying the marker',
    (person, entry) => {
      expectValid(schema(Person), person);
      expectValid(schema(InventoryEntry), entry);
      expect(person.label.startsWith(MARKER)).toBe(true);
      expect(entry.label.startsWith(MARKER)).toBe(true);
      if (entry.communicationNotes !== undefined) {
        expect(entry.communicationNotes.startsWith(MARKER)).toBe(true);
      }
    },
  );

  test.prop(
    [personArbitrary({ vitalStatus: 'deceased' }), personArbitrary({ vitalStatus: 'alive' })],
    {
      numRuns: 100,
    },
  )('vital status can be chosen (a grief focus needs someone deceased [ISIPT])', (dead, alive) => {
    expect(dead.vitalStatus.status).toBe('deceased');
    expect(alive.vitalStatus.status).toBe('alive');
  });

  test.prop([inventoryArbitrary(marked)], { numRuns: 200 })(
    'inventories pass the Inventory schema, cross-field checks included',
    (inventory) => {
      expectValid(schema(Inventory), inventory);
      for (const id of Object.keys(inventory.circle.placements)) {
        expect(Object.hasOwn(inventory.people, id)).toBe(true);
      }
    },
  );

  test.prop([circleArbitrary(), circleArbitrary({ personIds: ['a', 'b', 'c'], ringCount: 4 })], {
    numRuns: 200,
  })('circles pass the Circle schema; given ids and ring counts are respected', (free, fixed) => {
    expectValid(schema(Circle), free);
    expectValid(schema(Circle), fixed);
    expect(fixed.ringCount).toBe(4);
    for (const id of Object.keys(fixed.placements)) expect(['a', 'b', 'c']).toContain(id);
  });

  test('inventories have people, placements and rings other than 3 in a fixed sample', () => {
    const samples = fc.sample(inventoryArbitrary(), { numRuns: 200, seed: 11 });
    expect(samples.some((inventory) => Object.keys(inventory.circle.placements).length > 1)).toBe(
      true,
    );
    expect(samples.some((inventory) => inventory.circle.ringCount !== 3)).toBe(true);
  });

  test.prop([invalidPersonArbitrary(marked)], { numRuns: 300 })(
    'invalid people fail as expected',
    (sample) => {
      expectInvalid(schema(Person), sample);
    },
  );

  test.prop([invalidInventoryEntryArbitrary(marked)], { numRuns: 300 })(
    'invalid entries fail as expected',
    (sample) => {
      expectInvalid(schema(InventoryEntry), sample);
    },
  );

  test.prop([invalidInventoryArbitrary(marked)], { numRuns: 300 })(
    'invalid inventories fail as expected',
    (sample) => {
      expectInvalid(schema(Inventory), sample);
    },
  );

  test.prop([invalidCircleArbitrary()], { numRuns: 300 })(
    'invalid circles fail as expected',
    (sample) => {
      expectInvalid(schema(Circle), sample);
    },
  );

  test('each invalid person, circle and inventory change is exercised', () => {
    const personChanges = [
      'id-not-id-shaped',
      'label-blank',
      'label-too-long',
      'label-missing',
      'relationship-unknown',
      'vital-status-unknown',
      'died-on-not-a-date',
      'period-unknown',
      'unknown-key',
    ];
    expectMutations(invalidPersonArbitrary(), personChanges);
    expectMutations(invalidInventoryEntryArbitrary(), [
      ...personChanges,
      'support-level-unknown',
      'expectation-blank',
    ]);
    expectMutations(invalidCircleArbitrary({ ringCount: 3 }), [
      'ring-out-of-range',
      'ring-negative',
      'ring-count-zero',
      'ring-count-too-big',
      'placement-key-not-an-id',
    ]);
    const inventoryChanges = new Set(
      fc.sample(invalidInventoryArbitrary(), { numRuns: 400, seed: 5 }).map((s) => s.mutation),
    );
    for (const name of ['placement-of-unknown-person', 'id-not-its-key', 'circle-missing']) {
      expect(inventoryChanges).toContain(name);
    }
    expect([...inventoryChanges].some((name) => name.startsWith('entry-'))).toBe(true);
  });
});

describe('timelines', () => {
  test.prop([timelineArbitrary({ ...marked, personIds: ['p-1'] })], { numRuns: 200 })(
    'timelines pass the Timeline schema: date order, ratings on the scale',
    (timeline) => {
      expectValid(schema(Timeline), timeline);
      for (const event of timeline.events) {
        if (event.personId !== undefined) expect(event.personId).toBe('p-1');
      }
    },
  );

  test.prop([moodScaleArbitrary(), lifeEventArbitrary(marked), moodRatingArbitrary(marked)], {
    numRuns: 200,
  })('scales, life events and ratings pass their schemas', (scale, event, rating) => {
    expectValid(schema(MoodScale), scale);
    expectValid(schema(LifeEvent), event);
    expectValid(schema(MoodRating), rating);
    expect(rating.value).toBeGreaterThanOrEqual(0);
    expect(rating.value).toBeLessThanOrEqual(10);
  });

  test.prop([invalidTimelineArbitrary(marked)], { numRuns: 300 })(
    'invalid timelines fail as expected',
    (sample) => {
      expectInvalid(schema(Timeline), sample);
    },
  );

  test('each invalid-timeline change is exercised', () => {
    expectMutations(invalidTimelineArbitrary(), [
      'event-before-previous',
      'mood-above-scale',
      'scale-inverted',
      'mood-not-whole',
      'event-kind-unknown',
    ]);
  });
});

describe('communication analyses', () => {
  const define: Validate = (value) => defineCommunicationAnalysis(value);

  test.prop([communicationAnalysisArbitrary({ ...marked, personIds: ['p-partner'] })], {
    numRuns: 200,
  })('analyses pass defineCommunicationAnalysis [ALPF-TECH] [EBRARY-A]', (analysis) => {
    expectValid(define, analysis);
    expect(analysis.personId).toBe('p-partner');
    for (const turn of analysis.turns) expect(turn.content.startsWith(MARKER)).toBe(true);
  });

  test.prop([invalidCommunicationAnalysisArbitrary(marked)], { numRuns: 300 })(
    'invalid analyses fail as expected',
    (sample) => {
      expectInvalid(define, sample);
    },
  );

  test('each invalid-analysis change is exercised', () => {
    expectMutations(invalidCommunicationAnalysisArbitrary(), [
      'no-turns',
      'problem-names-missing-turn',
      'intended-on-other-turn',
      'skill-twice',
      'person-id-empty',
    ]);
  });
});

describe('instrument answers', () => {
  const instruments = { phq9, gad7, hamd17 } as const;

  test.prop([phq9ResponsesArbitrary(), gad7ResponsesArbitrary(), hamd17ResponsesArbitrary()], {
    numRuns: 300,
  })(
    'complete answers score under the default policy [KROENKE01] [HAMD-ITEMS]',
    (phq, gad, hamd) => {
      expectValid((value) => scorePhq9(value as never), phq);
      expectValid((value) => scoreInstrument(gad7, value), gad);
      expectValid((value) => scoreInstrument(hamd17, value), hamd);
    },
  );

  test.prop(
    [
      fc
        .constantFrom(...Object.values(instruments))
        .chain((instrument) =>
          fc.tuple(
            fc.constant(instrument),
            responsesArbitrary(instrument, { missing: { min: 1, max: 3 } }),
          ),
        ),
    ],
    { numRuns: 300 },
  )(
    'answers with missing items score as incomplete or prorated, never silently',
    ([instrument, answers]) => {
      const counting = instrument.items.filter((item) => item.countsTowardTotal);
      const unanswered = counting.filter((item) => (answers[item.id] ?? null) === null).length;
      expect(unanswered).toBeGreaterThanOrEqual(1);
      expect(unanswered).toBeLessThanOrEqual(3);
      const incomplete = scoreInstrument(instrument, answers, { missing: { kind: 'incomplete' } });
      expect(incomplete.ok && incomplete.value.total).toBe(null);
      const prorated = scoreInstrument(instrument, answers, {
        missing: { kind: 'prorate', maxMissing: 3 },
      });
      expect(prorated.ok && prorated.value.missingHandling).toBe('prorated');
      expect(scoreInstrument(instrument, answers).ok).toBe(false);
    },
  );

  test.prop([phq9ResponsesArbitrary({ missing: { max: 8 }, missingAs: 'null' })], { numRuns: 200 })(
    'PHQ-9 item 9 is always answered: its safety flag depends on it [CALC]',
    (answers) => {
      expect(typeof answers.item9).toBe('number');
      for (const value of Object.values(answers))
        expect(value === null || typeof value === 'number').toBe(true);
    },
  );

  test.prop(
    [phq9ResponsesArbitrary({ flags: 'raised' }), phq9ResponsesArbitrary({ flags: 'clear' })],
    {
      numRuns: 200,
    },
  )('flags can be raised or kept clear (PHQ-9 item 9 >= 1 [KROENKE01] [CALC])', (raised, clear) => {
    const up = scorePhq9(raised);
    const down = scorePhq9(clear);
    expect(up.ok && up.value.flags.suicidalIdeation).toBe(true);
    expect(down.ok && down.value.flags.suicidalIdeation).toBe(false);
  });

  test('extras (PHQ-9 difficulty) come and go unless switched off', () => {
    const withExtras = fc.sample(phq9ResponsesArbitrary(), { numRuns: 200, seed: 2 });
    expect(withExtras.some((answers) => 'difficulty' in answers)).toBe(true);
    expect(withExtras.some((answers) => !('difficulty' in answers))).toBe(true);
    const without = fc.sample(phq9ResponsesArbitrary({ extras: false }), { numRuns: 100, seed: 2 });
    expect(without.every((answers) => !('difficulty' in answers))).toBe(true);
  });

  test.prop(
    [
      fc
        .constantFrom(...Object.values(instruments))
        .chain((instrument) =>
          fc.tuple(fc.constant(instrument), invalidResponsesArbitrary(instrument)),
        ),
    ],
    { numRuns: 300 },
  )('invalid answers fail scoring as expected', ([instrument, sample]) => {
    expectInvalid((value) => scoreInstrument(instrument, value), sample);
  });

  test('each invalid-answer change is exercised (the flag change on the PHQ-9, which has a flag)', () => {
    expectMutations(invalidResponsesArbitrary(phq9), [
      'answer-out-of-range',
      'answer-not-a-number',
      'answer-missing',
      'flag-item-unanswered',
      'unknown-item',
    ]);
    expectMutations(invalidResponsesArbitrary(hamd17), [
      'answer-out-of-range',
      'answer-not-a-number',
      'answer-missing',
      'unknown-item',
    ]);
  });
});

describe('SRM-5 weeks', () => {
  const score: Validate = (value) => scoreSrm5(value);

  test.prop([srmWeekArbitrary()], { numRuns: 200 })(
    'weeks pass SrmWeek and score with scoreSrm5 [MONK02]',
    (week) => {
      expectValid(schema(SrmWeek), week);
      expectValid(score, week);
    },
  );

  test.prop([srmWeekArbitrary({ spreadMinutes: 0, skipRate: 0 })], { numRuns: 100 })(
    'a week with every activity at the same time each day scores 7, the most regular [MONK02]',
    (week) => {
      const result = scoreSrm5(week);
      expect(result.ok && result.value.score).toBe(7);
      expect(result.ok && result.value.activityLevel).toBe(35);
    },
  );

  test.prop([srmWeekArbitrary({ skipRate: 1 })], { numRuns: 50 })(
    'a week with nothing done has no score and no activity',
    (week) => {
      const result = scoreSrm5(week);
      expect(result.ok && result.value.score).toBe(null);
      expect(result.ok && result.value.activityLevel).toBe(0);
    },
  );

  test.prop([invalidSrmWeekArbitrary()], { numRuns: 300 })(
    'invalid weeks fail as expected',
    (sample) => {
      expectInvalid(score, sample);
    },
  );

  test('each invalid-week change is exercised', () => {
    expectMutations(invalidSrmWeekArbitrary(), [
      'six-days',
      'eight-days',
      'time-past-midnight',
      'unknown-activity',
    ]);
  });
});

describe('protocols', () => {
  const define: Validate = (value) => defineProtocol(value);

  test.prop([protocolInputArbitrary()], { numRuns: 300 })(
    'custom protocols pass defineProtocol',
    (input) => {
      expectValid(define, input);
    },
  );

  test.prop([protocolArbitrary()], { numRuns: 200 })(
    'protocols are valid and deeply frozen, built-in or custom',
    (protocol) => {
      expectValid(schema(Protocol), protocol);
      expect(Object.isFrozen(protocol)).toBe(true);
      expect(Object.isFrozen(protocol.phases)).toBe(true);
    },
  );

  test('protocol kinds can be chosen; every built-in protocol comes up', () => {
    const catalog = new Set<unknown>(Object.values(protocols));
    expect(
      fc.sample(protocolArbitrary({ kind: 'catalog' }), 100).every((p) => catalog.has(p)),
    ).toBe(true);
    expect(fc.sample(protocolArbitrary({ kind: 'custom' }), 100).some((p) => catalog.has(p))).toBe(
      false,
    );
    const ids = new Set(fc.sample(catalogProtocolIdArbitrary(), { numRuns: 300, seed: 1 }));
    expect([...ids].sort()).toEqual(Object.keys(protocols).sort());
  });

  test.prop([protocolInputArbitrary({ maxSessions: 6 })], { numRuns: 200 })(
    'maxSessions bounds the shortest course of custom protocols',
    (input) => {
      expect(input.sessions.min).toBeLessThanOrEqual(6);
    },
  );

  test.prop([invalidProtocolArbitrary()], { numRuns: 300 })(
    'invalid protocols fail as expected',
    (sample) => {
      expectInvalid(define, sample);
    },
  );

  test('each invalid-protocol change is exercised', () => {
    expectMutations(invalidProtocolArbitrary(), [
      'sessions-inverted',
      'default-cadence-not-allowed',
      'first-phase-not-initial',
      'notice-longer-than-course',
      'more-foci-than-areas',
      'area-twice',
      'label-for-missing-area',
      'initial-phase-as-long-as-course',
      'id-not-kebab-case',
    ]);
  });
});

describe('odd options', () => {
  test('arbitraries built with odd options never throw and still give valid values', () => {
    const odd = [
      null,
      'text',
      { marker: 42, maxLength: Number.NaN, maxPeople: -4, unicode: 'yes' },
    ] as const;
    for (const options of odd) {
      for (const value of fc.sample(personArbitrary(options as never), 20))
        expectValid(schema(Person), value);
      for (const value of fc.sample(inventoryArbitrary(options as never), 20)) {
        expectValid(schema(Inventory), value);
      }
      for (const value of fc.sample(timelineArbitrary(options as never), 20)) {
        expectValid(schema(Timeline), value);
      }
      for (const value of fc.sample(textArbitrary(options as never), 20))
        expect(value.length).toBeGreaterThan(0);
    }
  });
});
