import { describe, expect, test } from 'vitest';
import { courseRules, openRiskFlags } from '../src/index.js';
import { CourseStore, healthAppLines, runHealthApp, type Screen } from './health-app.js';

const flag = 'phq-1:suicidalIdeation';

function refusal(screen: Screen | undefined) {
  return screen?.result.status === 'refused' ? screen.result : undefined;
}

describe('examples/health-app', () => {
  const run = runHealthApp();

  test('refuses the middle phase before a focus, with the rule code and reference [ALPF]', () => {
    const refused = refusal(run.screens.find((screen) => screen.command === 'advance-phase'));
    expect(refused).toEqual({
      status: 'refused',
      code: 'focus-required',
      message: expect.any(String) as unknown,
      reference: courseRules['focus-required'].reference,
    });
    expect(refused?.reference).toBe('11.2 [ALPF]');
  });

  test('refuses to end the course while the risk flag is open [CALC]', () => {
    const refused = refusal(run.screens.find((screen) => screen.command === 'end-course'));
    expect(refused?.code).toBe('risk-unacknowledged');
    expect(refused?.reference).toBe(courseRules['risk-unacknowledged'].reference);
  });

  test('shows the PHQ-9 item-9 flag on every screen from the measure until it is acknowledged [KROENKE01][CALC]', () => {
    const all = [...run.screens, ...run.screensAfterRestart];
    const raisedAt = all.findIndex((screen) => screen.command === 'record-measure');
    const acknowledgedAt = all.findIndex((screen) => screen.command === 'acknowledge-risk');
    expect(raisedAt).toBeGreaterThan(0);
    expect(acknowledgedAt).toBeGreaterThan(raisedAt);
    const measured = all[raisedAt];
    expect(measured?.result).toEqual({ status: 'accepted', warnings: ['risk-flag-opened'] });
    all.forEach((screen, index) => {
      const shown = index >= raisedAt && index < acknowledgedAt;
      expect(screen.banner, `screen ${index} (${screen.command})`).toEqual(shown ? [flag] : []);
    });
    expect(run.bannerAfterRestart).toEqual([flag]);
  });

  test('a refused command changes nothing, and the reloaded course equals the one saved', () => {
    const store = new CourseStore();
    store.dispatch({
      type: 'start-course',
      courseId: 'c-1',
      protocol: 'ipt',
      startDate: '2026-03-02',
      timeLimit: { sessions: 12, cadence: 'weekly' },
    });
    const before = store.state;
    const screen = store.dispatch({ type: 'advance-phase', to: 'middle', date: '2026-03-09' });
    expect(screen.result.status).toBe('refused');
    expect(store.state).toBe(before);

    const reloaded = CourseStore.load(store.save());
    expect(reloaded.ok && reloaded.store.state).toEqual(before);
    expect(CourseStore.load('{"schema":"iptkit/course-events","version":1,"data":{}}')).toEqual({
      ok: false,
      code: expect.any(String) as unknown,
    });
    expect(CourseStore.load('not json')).toEqual({ ok: false, code: 'not-json' });
  });

  test('ends in the middle phase with no open flag, the acknowledgement kept in the state', () => {
    const state = run.finalState;
    expect(state?.phase).toBe('middle');
    expect(state === null ? undefined : openRiskFlags(state)).toEqual([]);
    expect(state?.riskFlags[flag]?.acknowledged).toMatchObject({
      by: 'clinician-7',
      at: '2026-03-09T10:40:00+01:00',
    });
    expect(run.screensAfterRestart.every((screen) => screen.result.status === 'accepted')).toBe(
      true,
    );
  });

  test('prints one line per screen', () => {
    const lines = healthAppLines(run);
    expect(lines).toContain(
      `  advance-phase    REFUSED focus-required [11.2 [ALPF]]: ${refusal(run.screens[4])?.message ?? ''}  | banner: ${flag}`,
    );
    expect(lines.at(-1)).toBe('Now in the middle phase; open risk flags: 0');
  });
});
