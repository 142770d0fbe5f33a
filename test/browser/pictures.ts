/**
 * The three pictures of the browser test, drawn from the scenario course with `iptkit/svg`. Plain
 * code (no DOM, no Node built-ins), so the page and Node draw them alike and the test can compare.
 */
import { renderCircle, renderTimeline, renderTrajectory } from '../../src/svg/index.js';
import type { ScenarioRun } from './scenario.js';

/** The SVG texts of the scenario's pictures. */
export interface ScenarioPictures {
  readonly circle: string;
  readonly timeline: string;
  readonly trajectory: string;
}

type Rendered = { ok: true; value: string } | { ok: false; error: { issues: readonly Issue[] } };
interface Issue {
  readonly code: string;
  readonly path: readonly (string | number)[];
}

function svgOf(kind: string, result: Rendered): string {
  if (result.ok) return result.value;
  const found = result.error.issues.map((issue) => `${issue.code} at ${issue.path.join('.')}`);
  throw new Error(`the ${kind} could not be drawn: ${found.join('; ')}`);
}

/**
 * Draws the closeness circle, the timeline and the PHQ-9 trajectory of a scenario run, with labels
 * on (the circle's first label holds `<`, `&` and quotes, which must come out escaped).
 * @param run - The scenario run (its course must have started).
 * @returns The three SVG texts.
 * @throws Error when the course never started or a picture could not be drawn (a test failure).
 */
export function renderScenarioPictures(run: ScenarioRun): ScenarioPictures {
  const course = run.state;
  if (course === null) throw new Error('the scenario course never started');
  return {
    circle: svgOf('circle', renderCircle(course.inventory.circle, course.inventory)),
    timeline: svgOf('timeline', renderTimeline(course.timeline, { width: 720 })),
    trajectory: svgOf(
      'trajectory',
      renderTrajectory(course, { instrument: 'phq-9', width: 720, height: 400 }),
    ),
  };
}
