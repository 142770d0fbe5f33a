/**
 * `iptkit/testing`: fast-check arbitraries for every iptkit model, valid by construction, their
 * invalid counterparts (one targeted change, with the issue the validator reports), and
 * `syntheticCohort`, a deterministic synthetic cohort for demos and benchmarks.
 *
 * Naming: every arbitrary is a function named after its model with the `Arbitrary` suffix
 * (`personArbitrary()`), taking an options object and returning a `fc.Arbitrary`; the ones that
 * produce failing values start with `invalid` (`invalidPersonArbitrary()`) and yield
 * `{ value, mutation, expected: { code, path } }`.
 *
 * fast-check is a peer dependency of this entry only (the main `iptkit` entry never loads it);
 * `syntheticCohort` does not use it.
 * @packageDocumentation
 */

// Options, text, ids, dates, vocabularies
export {
  textArbitrary,
  idArbitrary,
  personIdArbitrary,
  courseIdArbitrary,
  sessionIdArbitrary,
  eventIdArbitrary,
  measureIdArbitrary,
  analysisIdArbitrary,
  actorIdArbitrary,
  invalidIdArbitrary,
  isoDateArbitrary,
  isoDateTimeArbitrary,
  invalidIsoDateArbitrary,
  phaseArbitrary,
  problemAreaArbitrary,
  disputeStageArbitrary,
  cadenceArbitrary,
} from './basics.js';
export type {
  TextOptions,
  FreeTextOptions,
  IdOptions,
  DateRangeOptions,
  ExpectedIssue,
  InvalidValue,
} from './basics.js';

// Problem-area foci
export { focusArbitrary, invalidFocusArbitrary } from './focus.js';
export type { FocusOptions } from './focus.js';

// Inventory, closeness circle, timeline
export {
  personArbitrary,
  inventoryEntryArbitrary,
  invalidPersonArbitrary,
  invalidInventoryEntryArbitrary,
  circleArbitrary,
  invalidCircleArbitrary,
  inventoryArbitrary,
  invalidInventoryArbitrary,
  moodScaleArbitrary,
  lifeEventArbitrary,
  moodRatingArbitrary,
  timelineArbitrary,
  invalidTimelineArbitrary,
} from './inventory.js';
export type {
  PersonOptions,
  CircleOptions,
  InventoryOptions,
  LifeEventOptions,
  MoodRatingOptions,
  TimelineOptions,
} from './inventory.js';

// Communication
export {
  communicationAnalysisArbitrary,
  invalidCommunicationAnalysisArbitrary,
} from './communication.js';
export type { CommunicationAnalysisOptions } from './communication.js';

// Measures
export {
  responsesArbitrary,
  phq9ResponsesArbitrary,
  gad7ResponsesArbitrary,
  hamd17ResponsesArbitrary,
  invalidResponsesArbitrary,
  srmWeekArbitrary,
  invalidSrmWeekArbitrary,
} from './measures.js';
export type { GeneratedResponses, ResponsesOptions, SrmWeekOptions } from './measures.js';

// Protocols
export {
  catalogProtocolIdArbitrary,
  protocolInputArbitrary,
  protocolArbitrary,
  invalidProtocolArbitrary,
} from './protocol.js';
export type { ProtocolOptions, ProtocolChoiceOptions } from './protocol.js';

// Courses, stored events, documents
export { courseCommandArbitrary, invalidCourseCommandArbitrary } from './course-commands.js';
export type { CourseCommandOptions } from './course-commands.js';
export { courseArbitrary, courseEventsArbitrary, documentArbitrary } from './course.js';
export type { CourseOptions, GeneratedCourse, DocumentOptions } from './course.js';
export {
  refusedCommandArbitrary,
  invalidCourseEventsArbitrary,
  invalidDocumentArbitrary,
} from './course-invalid.js';
export type {
  RefusedCommand,
  RefusedCommandOptions,
  InvalidEventStream,
} from './course-invalid.js';

// Synthetic cohort (no fast-check needed)
export { syntheticCohort } from './synthetic-cohort.js';
export type { SyntheticCohortOptions, SyntheticCourse } from './synthetic-cohort.js';
