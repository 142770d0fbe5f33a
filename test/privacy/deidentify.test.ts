/**
 * De-identification by example: the full example course (every part of the model, every label
 * and free text carrying the marker) and small hand-made cases with exact expectations.
 */
import { describe, expect, test } from 'vitest';
import { replay } from '../../src/course/replay.js';
import { Course, type CourseState } from '../../src/course/state.js';
import { CourseEvent } from '../../src/course/events.js';
import {
  deidentify,
  deidentifyEvents,
  sensitiveFields,
  type Pseudonymize,
} from '../../src/privacy/index.js';
import { shiftIsoDate, shiftIsoDateTime } from '../../src/privacy/shift-date.js';
import { isDeeplyFrozen } from '../support/course-arbitraries.js';
import {
  allStrings,
  fullCourse,
  fullCourseState,
  markedPaths,
  MARKER,
  saturate,
  saturatedFullCourse,
} from './support.js';

/** A readable, reversible pseudonym: `<kind>.<id>` with an `X` in front. */
const tagged: Pseudonymize = (id, kind) => `X${kind}.${id}`;

function expectOk<TValue>(
  result: { ok: true; value: TValue } | { ok: false; error: unknown },
): TValue {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/** Own-key lookup on a record keyed by branded ids. */
function at<TValue>(record: Readonly<Record<string, TValue>>, key: string): TValue {
  if (!Object.hasOwn(record, key)) throw new Error(`no entry ${key}`);
  return record[key]!;
}

function expectIssues(result: { ok: boolean; error?: unknown }) {
  expect(result.ok).toBe(false);
  return (
    result.error as { kind: string; issues: { code: string; path: unknown[]; message: string }[] }
  ).issues;
}

describe('deidentify: sensitive fields', () => {
  test('every sensitive field of the saturated full course is dropped or replaced; the marker is gone', () => {
    const { value: course, filled } = saturatedFullCourse();
    expect(filled).toBeGreaterThan(0);
    expect(JSON.stringify(course)).toContain(MARKER);
    const { course: output, report } = expectOk(deidentify(course));
    expect(JSON.stringify(output)).not.toContain(MARKER);
    expect(JSON.stringify(report)).not.toContain(MARKER);
    // The same course with two role-transition foci (role names are client text), as a snapshot.
    const withRoles = saturate(Course, {
      ...fullCourseState(),
      foci: {
        primary: { area: 'role-transition', from: 'employee', to: 'retiree' },
        secondary: { area: 'role-transition', from: 'tenant', to: 'home owner' },
      },
    });
    const { course: rolesOutput, report: rolesReport } = expectOk(deidentify(withRoles.value));
    expect(JSON.stringify(rolesOutput)).not.toContain(MARKER);
    // Every marked path of the schema (enumerated by the test's own walk) was met and handled.
    const schemaPaths = [...markedPaths(Course).keys()].sort();
    const handled = [
      ...new Set([...report.fields, ...rolesReport.fields].map((field) => field.path)),
    ].sort();
    expect(handled).toEqual(schemaPaths);
  });

  test('names replaced by default with distinct neutral labels; required free text gets placeholders', () => {
    const { course } = expectOk(deidentify(fullCourseState()));
    const labels = Object.values(course.inventory.people).map((person) => person.label);
    expect(labels.sort()).toEqual(['Person 1', 'Person 2']);
    const analysis = Object.values(course.communicationAnalyses)[0]!;
    // Turn content is required: dropping leaves a placeholder; optional text is gone.
    const contents = analysis.turns.map((turn) => turn.content);
    expect(contents).toEqual([
      expect.stringMatching(/^Text \d+$/),
      expect.stringMatching(/^Text \d+$/),
    ]);
    expect(contents[0]).not.toBe(contents[1]);
    expect(analysis.turns[0]).not.toHaveProperty('tone');
    expect(analysis).not.toHaveProperty('context');
    expect(analysis.alternatives[0]!.text).toMatch(/^Text \d+$/);
    expect(course.contract.goals).toEqual([]);
    expect(course.formulation).toEqual({ date: '2026-03-09', accepted: true });
    const flag = Object.values(course.riskFlags)[0]!;
    expect(flag.acknowledged?.action).toMatch(/^Text \d+$/);
  });

  test('report: counts per path and action, totals per sensitivity, no values', () => {
    const { report } = expectOk(deidentify(fullCourseState(), { names: 'drop', freeText: 'drop' }));
    const byPath = Object.fromEntries(
      report.fields.map((field) => [`${field.path} ${field.action}`, field.count]),
    );
    expect(byPath).toMatchObject({
      // The label is required: 'drop' puts a placeholder in (2 people).
      'inventory.people.*.label placeholder': 2,
      'contract.goals[] dropped': 2,
      'communicationAnalyses.*.turns[].content placeholder': 2,
      'communicationAnalyses.*.turns[].tone dropped': 2,
      'riskFlags.*.acknowledged.action placeholder': 1,
      'timeline.moods[].note dropped': 1,
    });
    const sum = (action: 'dropped' | 'replaced' | 'placeholder', sensitivity: string) =>
      report.fields
        .filter((field) => field.action === action && field.sensitivity === sensitivity)
        .reduce((total, field) => total + field.count, 0);
    for (const sensitivity of ['name', 'free-text'] as const) {
      for (const action of ['dropped', 'replaced', 'placeholder'] as const) {
        expect(report.totals[sensitivity][action]).toBe(sum(action, sensitivity));
      }
    }
    expect(report.totals.name).toEqual({ dropped: 0, replaced: 0, placeholder: 2 });
    expect(report.ids.pseudonymized).toBe(false);
    expect(report.dates).toEqual({ shiftDays: 0, dates: 0, dateTimes: 0, weekdaysKept: true });
  });

  test("freeText: 'replace' keeps every field, with one label per distinct text", () => {
    const { course, report } = expectOk(deidentify(fullCourseState(), { freeText: 'replace' }));
    expect(course.contract.goals).toEqual([
      expect.stringMatching(/^Text \d+$/),
      expect.stringMatching(/^Text \d+$/),
    ]);
    expect(course.contract.goals[0]).not.toBe(course.contract.goals[1]);
    expect(course.formulation?.summary).toMatch(/^Text \d+$/);
    expect(report.totals['free-text'].dropped).toBe(0);
    expect(report.totals['free-text'].placeholder).toBe(0);
    expect(JSON.stringify(course)).not.toContain(MARKER);
  });

  test('the same text gets the same label, in a course and across an event stream', () => {
    const base = fullCourseState();
    const text = `${MARKER} repeated`;
    const course = structuredClone(base) as Record<string, unknown> & typeof base;
    const contract = course.contract as unknown as { goals: string[] };
    contract.goals = [text, 'another goal', text];
    const { course: output } = expectOk(deidentify(course, { freeText: 'replace' }));
    const [first, second, third] = output.contract.goals;
    expect(first).toBe(third);
    expect(first).not.toBe(second);
  });

  test('the input is not changed and the output is deeply frozen', () => {
    const course = structuredClone(fullCourseState());
    const before = structuredClone(course);
    const result = expectOk(deidentify(course, { pseudonymize: tagged, shiftDays: 3 }));
    expect(course).toEqual(before);
    expect(Object.isFrozen(course)).toBe(false);
    expect(isDeeplyFrozen(result)).toBe(true);
  });
});

describe('deidentify: pseudonyms', () => {
  test('every id reference follows its pseudonym (inventory, circle, foci, analyses, measures, flags)', () => {
    const { course, report } = expectOk(deidentify(fullCourseState(), { pseudonymize: tagged }));
    expect(course.courseId).toBe('Xcourse.course-1');
    expect(Object.keys(course.inventory.people).sort()).toEqual([
      'Xperson.p-mother',
      'Xperson.p-partner',
    ]);
    expect(at(course.inventory.people, 'Xperson.p-mother').id).toBe('Xperson.p-mother');
    expect(course.inventory.circle.placements).toEqual({
      'Xperson.p-mother': 2,
      'Xperson.p-partner': 0,
    });
    expect(course.foci.primary).toEqual({
      area: 'role-dispute',
      personId: 'Xperson.p-partner',
      // The later dispute-stage assessment moved the focus's stage on.
      stage: 'renegotiation',
    });
    expect(course.timeline.events[0]!.personId).toBe('Xperson.p-mother');
    expect(course.disputeStages.map((stage) => stage.personId)).toEqual([
      'Xperson.p-partner',
      'Xperson.p-partner',
    ]);
    expect(Object.keys(course.communicationAnalyses)).toEqual(['Xanalysis.a-1']);
    expect(at(course.communicationAnalyses, 'Xanalysis.a-1').personId).toBe('Xperson.p-partner');
    expect(Object.keys(course.sessions)).toContain('Xsession.s1');
    expect(at(course.sessions, 'Xsession.s1').sessionId).toBe('Xsession.s1');
    expect(Object.keys(course.measures).sort()).toEqual([
      'Xmeasure.m-1',
      'Xmeasure.m-2',
      'Xmeasure.m-3',
    ]);
    // The risk flag id is `<measure id>:<flag>` (evolve builds it so): it follows the measure.
    expect(Object.keys(course.riskFlags)).toEqual(['Xmeasure.m-1:suicidalIdeation']);
    const flag = at(course.riskFlags, 'Xmeasure.m-1:suicidalIdeation');
    expect(flag.id).toBe('Xmeasure.m-1:suicidalIdeation');
    expect(flag.measureId).toBe('Xmeasure.m-1');
    expect(flag.acknowledged?.by).toBe('Xactor.dr-1');
    expect(report.ids.pseudonymized).toBe(true);
    expect(report.ids.byKind.person.distinct).toBe(2);
    expect(report.ids.byKind.measure.distinct).toBe(3);
    expect(report.ids.byKind.course).toEqual({ distinct: 1, references: 1 });
    expect(report.ids.byKind.actor).toEqual({ distinct: 1, references: 1 });
    expect(report.ids.derived).toBe(2);
  });

  test('the function is called once per distinct id and kind', () => {
    const calls: string[] = [];
    expectOk(
      deidentify(fullCourseState(), {
        pseudonymize: (id, kind) => {
          calls.push(`${kind}:${id}`);
          return `q${calls.length}`;
        },
      }),
    );
    expect(new Set(calls).size).toBe(calls.length);
    expect(calls).toContain('person:p-partner');
    expect(calls).toContain('actor:dr-1');
  });

  test('a collision is an error, not a silent merge', () => {
    const issues = expectIssues(
      deidentify(fullCourseState(), { pseudonymize: (_id, kind) => `same-${kind}` }),
    );
    expect(issues.map((found) => found.code)).toContain('pseudonym-collision');
    expect(issues[0]!.path).toEqual(['options', 'pseudonymize']);
    // The message names the kind, never an id.
    expect(issues.map((found) => found.message).join(' ')).not.toMatch(/p-partner|p-mother|m-1/);
  });

  test('a pseudonym that is not id-shaped is an error that does not repeat it', () => {
    const issues = expectIssues(
      deidentify(fullCourseState(), { pseudonymize: (id) => `${MARKER} ${id}` }),
    );
    expect(issues.map((found) => found.code)).toContain('invalid-pseudonym');
    expect(JSON.stringify(issues)).not.toContain(MARKER);
    const async = expectIssues(
      deidentify(fullCourseState(), {
        pseudonymize: (() => Promise.resolve('x')) as unknown as Pseudonymize,
      }),
    );
    expect(async.map((found) => found.code)).toContain('invalid-pseudonym');
  });

  test('a throwing function is reported, not rethrown, and its message is not quoted', () => {
    const issues = expectIssues(
      deidentify(fullCourseState(), {
        pseudonymize: () => {
          throw new Error(`${MARKER} key missing`);
        },
      }),
    );
    expect(issues.map((found) => found.code)).toContain('pseudonymize-failed');
    expect(JSON.stringify(issues)).not.toContain(MARKER);
  });

  test('an event stream keeps one pseudonym per id and acknowledges the renamed flag', () => {
    const { events } = fullCourse();
    const { events: output } = expectOk(deidentifyEvents(events, { pseudonymize: tagged }));
    const acknowledged = output.find((event) => event.type === 'risk-acknowledged');
    expect(acknowledged).toMatchObject({
      flagId: 'Xmeasure.m-1:suicidalIdeation',
      by: 'Xactor.dr-1',
    });
    const replayed = replay(output);
    expect(replayed.ok).toBe(true);
  });

  test('a stored flag id that is not <measure>:<flag> cannot follow a pseudonym: an error', () => {
    const { events } = fullCourse();
    const broken = events.map((event) =>
      event.type === 'risk-acknowledged' ? { ...event, flagId: 'no colon here' } : event,
    );
    const issues = expectIssues(deidentifyEvents(broken, { pseudonymize: tagged }));
    expect(issues.map((found) => found.code)).toEqual(['unrecognized-flag-id']);
    // Without pseudonyms the flag id is left alone.
    expect(deidentifyEvents(broken).ok).toBe(true);
  });
});

describe('deidentify: dates', () => {
  test('every date and date-time moves by the shift; intervals and times of day stay', () => {
    const course = fullCourseState();
    const { course: output, report } = expectOk(deidentify(course, { shiftDays: -30 }));
    expect(output.startDate).toBe('2026-01-31'); // 2026-03-02 - 30 days
    expect(output.timeline.events[0]!.date).toBe('2025-11-01'); // 2025-12-01 - 30 days
    const flag = Object.values(output.riskFlags)[0]!;
    expect(flag.acknowledged?.at).toBe('2026-01-31T10:00:00Z');
    expect(report.dates.shiftDays).toBe(-30);
    expect(report.dates.weekdaysKept).toBe(false);
    expect(report.dates.dateTimes).toBe(1);
    expect(report.dates.dates).toBeGreaterThan(20);
    const { report: weekly } = expectOk(deidentify(course, { shiftDays: 14 }));
    expect(weekly.dates.weekdaysKept).toBe(true);
  });

  test('a recordedAt date-time in an event keeps its offset and time of day', () => {
    const { events } = fullCourse();
    const { events: output } = expectOk(deidentifyEvents(events, { shiftDays: 1 }));
    expect(output[0]).toMatchObject({
      recordedAt: '2026-03-03T09:00:00+01:00',
      startDate: '2026-03-03',
    });
  });

  test('a shift that moves a date before year 0000 is an error', () => {
    // 2026 minus about 2,738 years.
    const issues = expectIssues(deidentify(fullCourseState(), { shiftDays: -1_000_000 }));
    expect(issues.map((found) => found.code)).toContain('date-out-of-range');
    expect(issues[0]!.path).toEqual(['options', 'shiftDays']);
  });

  test('shiftIsoDate agrees with JavaScript dates over leap years and centuries', () => {
    const day = 86_400_000;
    for (const [date, days] of [
      ['2024-02-28', 1],
      ['2024-02-28', 2],
      ['2100-02-28', 1],
      ['2000-02-28', 1],
      ['1999-12-31', 1],
      ['2026-03-02', -36_500],
      ['0001-01-01', 365],
    ] as const) {
      const expected = new Date(Date.parse(`${date}T00:00:00Z`) + days * day)
        .toISOString()
        .slice(0, 10);
      expect(shiftIsoDate(date, days)).toBe(expected);
    }
    expect(shiftIsoDate('9999-12-31', 1)).toBeUndefined();
    expect(shiftIsoDate('0000-01-01', -1)).toBeUndefined();
    expect(shiftIsoDate('2026-02-30', 1)).toBeUndefined();
    expect(shiftIsoDateTime('2026-12-31T23:59:59.5-05:00', 1)).toBe('2027-01-01T23:59:59.5-05:00');
  });
});

describe('deidentify: input and options are outside data', () => {
  test('an invalid course is reported under course, without its text', () => {
    const course = structuredClone(fullCourseState()) as unknown as Record<string, unknown>;
    course[`${MARKER} unknown key`] = `${MARKER} value`;
    (course.inventory as { people: Record<string, unknown> }).people[`${MARKER} name`] = {};
    const issues = expectIssues(deidentify(course));
    expect(issues.every((found) => found.path[0] === 'course')).toBe(true);
    expect(JSON.stringify(issues)).not.toContain(MARKER);
  });

  test.each([[null], [undefined], ['course'], [[]], [42]])('%j is not a course', (input) => {
    const issues = expectIssues(deidentify(input));
    expect(issues[0]!.path[0]).toBe('course');
  });

  test.each([
    [{ names: 'hide' }, 'names'],
    [{ freeText: 'keep' }, 'freeText'],
    [{ shiftDays: 1.5 }, 'shiftDays'],
    [{ shiftDays: Number.NaN }, 'shiftDays'],
    [{ pseudonymize: 'hmac' }, 'pseudonymize'],
    [{ [`${MARKER} option`]: true }, undefined],
  ])('options %j are refused at options', (options, key) => {
    const issues = expectIssues(deidentify(fullCourseState(), options as never));
    expect(issues[0]!.path.slice(0, key === undefined ? 1 : 2)).toEqual(
      key === undefined ? ['options'] : ['options', key],
    );
    expect(JSON.stringify(issues)).not.toContain(MARKER);
  });

  test('events: not a list, or an invalid event, is reported under events with its index', () => {
    expect(expectIssues(deidentifyEvents({ events: [] }))[0]!.path).toEqual(['events']);
    const { events } = fullCourse();
    const bad = [
      ...events,
      { type: 'person-added', person: { id: `${MARKER} id`, label: MARKER } },
    ];
    const issues = expectIssues(deidentifyEvents(bad));
    expect(issues[0]!.path.slice(0, 2)).toEqual(['events', events.length]);
    expect(JSON.stringify(issues)).not.toContain(MARKER);
  });

  test('an empty stream is an empty stream', () => {
    const { events, report } = expectOk(deidentifyEvents([]));
    expect(events).toEqual([]);
    expect(report.fields).toEqual([]);
  });
});

describe('deidentify: events and state agree', () => {
  test('replaying de-identified events gives the de-identified course (labels up to numbering)', () => {
    const { events, state } = fullCourse();
    const options = {
      names: 'drop',
      freeText: 'drop',
      pseudonymize: tagged,
      shiftDays: 9,
    } as const;
    const fromEvents = replay(expectOk(deidentifyEvents(events, options)).events);
    const fromState = expectOk(deidentify(state, options)).course;
    expect(fromEvents.ok).toBe(true);
    const replayed = (fromEvents as { value: CourseState }).value;
    // Only the numbers of neutral labels (`Person N`, and `Text N` placeholders of required text)
    // can differ, since events and state meet the texts in different orders; the rest is exact.
    const withoutLabels = (course: CourseState): unknown =>
      JSON.parse(JSON.stringify(course), (_key, value: unknown) =>
        typeof value === 'string' ? value.replace(/^(Person|Text) \d+$/, '$1') : value,
      );
    expect(withoutLabels(replayed)).toEqual(withoutLabels(fromState));
  });

  test('each event type with sensitive fields is covered when its events are saturated', () => {
    const { events } = fullCourse();
    const saturated = events.map((event) => saturate(CourseEvent, event).value);
    const { events: output, report } = expectOk(
      deidentifyEvents(saturated, { freeText: 'replace' }),
    );
    expect(allStrings(output).some((text) => text.includes(MARKER))).toBe(false);
    const types = new Set(events.map((event) => event.type));
    const expected = [...types].flatMap((type) => {
      const option = CourseEvent.options.find((candidate) => candidate.shape.type.value === type)!;
      return sensitiveFields(option, type).fields.map((field) => field.path);
    });
    const handled = new Set(report.fields.map((field) => field.path));
    expect([...handled].sort()).toEqual([...new Set(expected)].sort());
  });
});
