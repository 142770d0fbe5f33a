/**
 * iptkit's pictures (entry `iptkit/svg`): a closeness circle, a timeline of life events and mood,
 * and a score trajectory with its severity bands and remission and response lines, each as
 * standalone SVG text. Pure functions: no DOM, no Node built-ins, no clock, no randomness; the
 * same input always gives the same text. Every renderer validates its input and returns a
 * `Result` instead of throwing.
 * @packageDocumentation
 */
export {
  renderCircle,
  RenderCircleOptions,
  type CircleInput,
  type InventoryInput,
} from './circle.js';
export { renderTimeline, RenderTimelineOptions, type TimelineInput } from './timeline.js';
export {
  renderTrajectory,
  RenderTrajectoryOptions,
  TrajectoryPoint,
  TrajectorySeries,
  type CourseInput,
} from './trajectory.js';
export { Colour, Palette, defaultPalette } from './options.js';
export type { Result, Ok, Err } from '../internal/result.js';
export type { Issue, IssuePath, ValidationError } from '../internal/issues.js';
