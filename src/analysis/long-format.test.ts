import { describe, expect, it } from 'vitest';
import { execute } from '../course/decide.js';
import type { Course, CourseState } from '../course/state.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import type { ValidationError } from '../internal/issues.js';
import { toCsv } from './csv.js';
import { toLongFormat, toLongRows, toWideFormat } from './long-format.js';

function run(commands: readonly Record<string, unknown>[]): DeepReadonly<Course> {
  let state: CourseState = null;
  for (const command of commands) {
    const result = execute(state, command);
    if (!result.ok) throw new Error(`${String(command.type)} refused: ${result.error.code}`);
    state = result.value.state;
  }
  if (state === null) throw new Error('no course');
  return state;
}

function phq9(total: number, missingItem = false): Record<string, number> {
  const answers: Record<string, number> = { item9: 0 };
  for (let item = 1; item <= 8; item += 1) {
    answers[`item${item}`] = Math.max(0, Math.min(3, total - 3 * (item - 1)));
  }
  if (missingItem) delete answers.item8;
  return answers;
}

const gad7 = { item1: 2, item2: 2, item3: 2, item4: 1, item5: 1, item6: 1, item7: 1 };

function start(courseId: string, protocol = 'ipt') {
  return {
    type: 'start-course',
    courseId,
    protocol,
    startDate: '2026-03-02',
    timeLimit: { sessions: protocol === 'ipt-brief' ? 8 : 12, cadence: 'weekly' },
  };
}

function session(number: number, date: string, status = 'attended') {
  return { type: 'record-session', sessionId: `s${number}`, number, date, status };
}

function measure(id: string, date: string, extra: Record<string, unknown>) {
  return { type: 'record-measure', measureId: id, date, ...extra };
}

// Course "b-course": sessions 1 (Mar 2) and 2 (Mar 9, missed) and 3 (Mar 16); measures:
//   phq-1 Mar 2 linked to s1 (total 20, severe); gad-1 Mar 12 (10, moderate);
//   phq-2 Mar 12 unlinked -> last session on or before it is 2 (missed still counts);
//   phq-3 Mar 20 linked to s1 on purpose -> the link wins (1), total 6 (mild);
//   phq-4 Mar 23 with item 8 missing and the incomplete policy -> no total, no band.
const bCourse = run([
  start('b-course'),
  {
    type: 'choose-focus',
    focus: { area: 'role-transition', from: 'a', to: 'b' },
    rank: 'primary',
    date: '2026-03-02',
  },
  session(1, '2026-03-02'),
  measure('phq-1', '2026-03-02', { instrument: 'phq-9', responses: phq9(20), sessionId: 's1' }),
  session(2, '2026-03-09', 'missed'),
  measure('phq-2', '2026-03-12', { instrument: 'phq-9', responses: phq9(11) }),
  measure('gad-1', '2026-03-12', { instrument: 'gad-7', responses: gad7 }),
  session(3, '2026-03-16'),
  measure('phq-3', '2026-03-20', { instrument: 'phq-9', responses: phq9(6), sessionId: 's1' }),
  measure('phq-4', '2026-03-23', {
    instrument: 'phq-9',
    responses: phq9(9, true),
    missing: { kind: 'incomplete' },
  }),
]);

// Course "a-course": IPT-brief, no focus, no sessions; one PHQ-9 on its start date.
const aCourse = run([
  start('a-course', 'ipt-brief'),
  measure('phq-1', '2026-03-02', { instrument: 'phq-9', responses: phq9(3) }),
]);
// A course recorded later whose measures precede its first session, with a focus.
const cCourse = run([
  { ...start('c-course'), startDate: '2026-01-05' },
  {
    type: 'choose-focus',
    focus: { area: 'interpersonal-deficits' },
    rank: 'primary',
    date: '2026-01-05',
  },
  measure('phq-1', '2026-01-05', { instrument: 'phq-9', responses: phq9(14) }),
  session(1, '2026-01-12'),
]);

describe('toLongFormat', () => {
  const rows = toLongFormat([bCourse, cCourse, aCourse]);

  it('gives one row per course and measurement, sorted by course then date', () => {
    expect(rows.map((row) => [row.courseId, row.date, row.instrument])).toEqual([
      ['a-course', '2026-03-02', 'phq-9'],
      ['b-course', '2026-03-02', 'phq-9'],
      ['b-course', '2026-03-12', 'phq-9'],
      ['b-course', '2026-03-12', 'gad-7'],
      ['b-course', '2026-03-20', 'phq-9'],
      ['b-course', '2026-03-23', 'phq-9'],
      ['c-course', '2026-01-05', 'phq-9'],
    ]);
  });

  it('fills every column as documented', () => {
    expect(rows[0]).toEqual({
      courseId: 'a-course',
      protocol: 'ipt-brief',
      focus: '',
      sessionNumber: null,
      daysSinceStart: 0,
      date: '2026-03-02',
      instrument: 'phq-9',
      score: 3,
      band: 'minimal',
    });
    expect(rows[1]).toEqual({
      courseId: 'b-course',
      protocol: 'ipt',
      focus: 'role-transition',
      sessionNumber: 1,
      daysSinceStart: 0,
      date: '2026-03-02',
      instrument: 'phq-9',
      score: 20,
      band: 'severe',
    });
  });

  it('links a measure to its session, else to the last session on or before its date', () => {
    expect(rows.map((row) => row.sessionNumber)).toEqual([null, 1, 2, 2, 1, 3, null]);
    expect(rows.map((row) => row.daysSinceStart)).toEqual([0, 0, 10, 10, 18, 21, 0]);
  });

  it('gives a null score and an empty band for a measure that could not be scored', () => {
    expect(rows[5]).toMatchObject({ score: null, band: '' });
    expect(rows[3]).toMatchObject({ score: 10, band: 'moderate' });
  });

  it('keeps one instrument when asked', () => {
    const gad = toLongFormat([bCourse, aCourse], { instrument: 'gad-7' });
    expect(gad.map((row) => row.courseId)).toEqual(['b-course']);
    expect(toLongFormat([aCourse], { instrument: 'hamd-17' })).toEqual([]);
  });

  it('gives no rows for no courses, and the same rows course by course with toLongRows', () => {
    expect(toLongFormat([])).toEqual([]);
    expect([...toLongRows(aCourse), ...toLongRows(bCourse), ...toLongRows(cCourse)]).toEqual(rows);
  });

  it('is deeply frozen and leaves the courses unchanged', () => {
    const before = JSON.stringify([aCourse, bCourse]);
    const frozen = toLongFormat([bCourse, aCourse]);
    expect(Object.isFrozen(frozen)).toBe(true);
    expect(Object.isFrozen(frozen[0])).toBe(true);
    expect(JSON.stringify([aCourse, bCourse])).toBe(before);
  });

  it('writes a CSV that a mixed-model reader can take as is', () => {
    const csv = toCsv(toLongFormat([aCourse]));
    expect(csv).toBe(
      'courseId,protocol,focus,sessionNumber,daysSinceStart,date,instrument,score,band\r\n' +
        'a-course,ipt-brief,,,0,2026-03-02,phq-9,3,minimal\r\n',
    );
  });
});

describe('toWideFormat', () => {
  it('gives one row per course in input order with baseline, final and the outcome', () => {
    const rows = toWideFormat([bCourse, aCourse], { instrument: 'phq-9' });
    expect(rows.map((row) => row.courseId)).toEqual(['b-course', 'a-course']);
    const [b, a] = rows;
    expect(b).toMatchObject({
      courseId: 'b-course',
      protocol: 'ipt',
      focus: 'role-transition',
      sessionsAttended: 2,
      ending: '',
      instrument: 'phq-9',
      baselineDate: '2026-03-02',
      baseline: 20,
      finalDate: '2026-03-20',
      final: 6,
      change: -14,
      response: true,
      remission: false,
    });
    expect(b?.percentChange).toBeCloseTo(-70, 9);
    expect(b?.reliableImprovement).toBe(true);
    expect(a).toEqual({
      courseId: 'a-course',
      protocol: 'ipt-brief',
      focus: '',
      sessionsAttended: 0,
      ending: '',
      instrument: 'phq-9',
      measures: 1,
      baselineDate: null,
      baseline: null,
      finalDate: null,
      final: null,
      change: null,
      percentChange: null,
      response: null,
      remission: null,
      reliableImprovement: null,
      category: null,
    });
  });

  it('writes a CSV with empty cells where nothing could be computed', () => {
    const csv = toCsv(toWideFormat([aCourse], { instrument: 'phq-9' }));
    const [header, row] = csv.split('\r\n');
    expect(header).toBe(
      'courseId,protocol,focus,sessionsAttended,ending,instrument,measures,baselineDate,baseline,' +
        'finalDate,final,change,percentChange,response,remission,reliableImprovement,category',
    );
    expect(row).toBe('a-course,ipt-brief,,0,,phq-9,1,,,,,,,,,,');
  });

  it('is deeply frozen', () => {
    const rows = toWideFormat([bCourse], { instrument: 'gad-7' });
    expect(Object.isFrozen(rows)).toBe(true);
    expect(Object.isFrozen(rows[0])).toBe(true);
    expect(rows[0]?.measures).toBe(1);
  });
});

// ------------------------------------------------------------------------------------------------
// Invalid input (issue #9): nothing throws; invalid courses give no rows and are reported.
// ------------------------------------------------------------------------------------------------

interface Report {
  readonly index: number | null;
  readonly issues: readonly {
    readonly code: string;
    readonly path: readonly (string | number)[];
  }[];
}

/** Collects what `onRejected` is told, by position and issue code and path. */
function collector() {
  const reports: Report[] = [];
  const onRejected = (index: number | null, error: ValidationError) => {
    expect(error.kind).toBe('validation');
    reports.push({ index, issues: error.issues.map(({ code, path }) => ({ code, path })) });
  };
  return { reports, onRejected };
}

function plain(course: DeepReadonly<Course>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(course)) as Record<string, unknown>;
}

const badDate = { ...plain(aCourse), startDate: '2026-02-30' };
const badDateIssues = [{ code: 'invalid-format', path: ['startDate'] }];

describe('toLongFormat, toLongRows and toWideFormat on invalid input', () => {
  it('toLongFormat gives rows for the valid courses only and reports the others by position', () => {
    const { reports, onRejected } = collector();
    const rows = toLongFormat([bCourse, null, badDate, aCourse] as never, { onRejected });
    expect(rows).toEqual(toLongFormat([bCourse, aCourse]));
    expect(reports).toEqual([
      { index: 1, issues: [{ code: 'invalid-type', path: [] }] },
      { index: 2, issues: badDateIssues },
    ]);
  });

  it('toWideFormat gives rows for the valid courses only, in order, and reports the others', () => {
    const { reports, onRejected } = collector();
    const rows = toWideFormat([42, bCourse, badDate, aCourse] as never, {
      instrument: 'phq-9',
      onRejected,
    });
    expect(rows).toEqual(toWideFormat([bCourse, aCourse], { instrument: 'phq-9' }));
    expect(reports.map((report) => report.index)).toEqual([0, 2]);
    expect(reports[1]?.issues).toEqual(badDateIssues);
  });

  it('toLongRows gives no rows for an invalid course, reported with paths under course', () => {
    const { reports, onRejected } = collector();
    expect(toLongRows(badDate as never, { onRejected })).toEqual([]);
    expect(toLongRows('a course' as never, { onRejected })).toEqual([]);
    expect(reports).toEqual([
      { index: null, issues: [{ code: 'invalid-format', path: ['course', 'startDate'] }] },
      { index: null, issues: [{ code: 'invalid-type', path: ['course'] }] },
    ]);
    // Without a callback the course still gives no rows, and nothing throws.
    expect(toLongRows(undefined as never)).toEqual([]);
  });

  it('gives no rows and a not-iterable report for a value that is not a list', () => {
    for (const courses of [undefined, null, 7, 'a-course', { 0: aCourse, length: 1 }]) {
      const { reports, onRejected } = collector();
      expect(toLongFormat(courses as never, { onRejected })).toEqual([]);
      expect(toWideFormat(courses as never, { instrument: 'phq-9', onRejected })).toEqual([]);
      const notIterable = { index: null, issues: [{ code: 'not-iterable', path: ['courses'] }] };
      expect(reports).toEqual([notIterable, notIterable]);
      expect(toLongFormat(courses as never)).toEqual([]);
    }
  });

  it('keeps the rows of the courses read before a list failed, and reports where it failed', () => {
    function* failing() {
      yield bCourse;
      yield aCourse;
      throw new Error('the file was cut');
    }
    const { reports, onRejected } = collector();
    expect(toLongFormat(failing() as never, { onRejected })).toEqual(
      toLongFormat([bCourse, aCourse]),
    );
    expect(toWideFormat(failing() as never, { instrument: 'gad-7', onRejected })).toEqual(
      toWideFormat([bCourse, aCourse], { instrument: 'gad-7' }),
    );
    const failed = { index: null, issues: [{ code: 'unreadable-input', path: ['courses', 2] }] };
    expect(reports).toEqual([failed, failed]);
  });

  it('refuses an unknown instrument: no rows, one report under options', () => {
    const { reports, onRejected } = collector();
    expect(toLongFormat([aCourse], { instrument: 'bdi-2' as never, onRejected })).toEqual([]);
    expect(toLongRows(aCourse, { instrument: 'bdi-2' as never, onRejected })).toEqual([]);
    expect(toWideFormat([aCourse], { instrument: 'bdi-2' as never, onRejected })).toEqual([]);
    expect(toWideFormat([aCourse], { onRejected } as never)).toEqual([]);
    expect(reports.map((report) => report.index)).toEqual([null, null, null, null]);
    for (const report of reports) {
      expect(report.issues).toEqual([{ code: 'invalid-value', path: ['options', 'instrument'] }]);
    }
    expect(JSON.stringify(reports)).not.toContain('bdi');
  });

  it('toWideFormat refuses overrides the outcome criteria refuse: no rows, one report', () => {
    const { reports, onRejected } = collector();
    const given = { instrument: 'phq-9' as const, onRejected };
    expect(toWideFormat([bCourse], { ...given, outcome: { responseReduction: 2 } })).toEqual([]);
    expect(toWideFormat([bCourse], { ...given, outcome: 'strict' as never })).toEqual([]);
    expect(reports).toEqual([
      {
        index: null,
        issues: [{ code: 'too-big', path: ['options', 'outcome', 'responseReduction'] }],
      },
      { index: null, issues: [{ code: 'invalid-type', path: ['options', 'outcome'] }] },
    ]);
    // Valid overrides still apply: a 75% fall is needed for response, and b-course fell 70%.
    const [row] = toWideFormat([bCourse], { ...given, outcome: { responseReduction: 0.75 } });
    expect(row?.response).toBe(false);
    expect(reports).toHaveLength(2);
  });

  it('counts options that are not an object as none', () => {
    for (const options of [null, 3, 'phq-9']) {
      expect(toLongFormat([bCourse, aCourse], options as never)).toEqual(
        toLongFormat([bCourse, aCourse]),
      );
      expect(toLongRows(bCourse, options as never)).toEqual(toLongRows(bCourse));
      expect(toWideFormat([bCourse], options as never)).toEqual([]);
    }
    // An `onRejected` that is not a function is ignored.
    expect(toLongFormat([null] as never, { onRejected: 'log' } as never)).toEqual([]);
  });

  it('passes on what onRejected throws, closing the list as for...of would', () => {
    let closed = false;
    function* courses() {
      try {
        yield aCourse;
        yield 'junk';
        yield bCourse;
      } finally {
        closed = true;
      }
    }
    const stop = new Error('stop');
    expect(() =>
      toLongFormat(courses() as never, {
        onRejected: () => {
          throw stop;
        },
      }),
    ).toThrow(stop);
    expect(closed).toBe(true);
  });

  it('neither changes nor freezes the values it reads', () => {
    const course = plain(bCourse);
    const before = JSON.stringify([course, badDate]);
    toLongFormat([course, badDate] as never);
    toWideFormat([course, badDate] as never, { instrument: 'phq-9' });
    toLongRows(course as never);
    expect(JSON.stringify([course, badDate])).toBe(before);
    expect(Object.isFrozen(course)).toBe(false);
    expect(Object.isFrozen(course.measures)).toBe(false);
    expect(Object.isFrozen(badDate)).toBe(false);
  });

  it('gives the same rows for a valid course brought as plain JSON', () => {
    const courses = [plain(bCourse), plain(cCourse), plain(aCourse)];
    expect(toLongFormat(courses as never)).toEqual(toLongFormat([bCourse, cCourse, aCourse]));
    expect(toWideFormat(courses as never, { instrument: 'phq-9' })).toEqual(
      toWideFormat([bCourse, cCourse, aCourse], { instrument: 'phq-9' }),
    );
  });
});
