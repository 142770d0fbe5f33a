import { describe, expect, it } from 'vitest';
import { execute } from '../course/decide.js';
import type { Course, CourseState } from '../course/state.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
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
