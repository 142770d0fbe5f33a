/**
 * iptkit: Interpersonal Psychotherapy (IPT) as typed, immutable data.
 * Explicit named exports only; internals stay internal.
 * @packageDocumentation
 */

// Kernel
export { ok, err, isOk, isErr } from './internal/result.js';
export type { Result, Ok, Err } from './internal/result.js';
export type { Issue, IssuePath, ValidationError } from './internal/issues.js';
export { IptError, isIptError } from './internal/ipt-error.js';
export type { IptErrorData } from './internal/ipt-error.js';
export type { DeepReadonly } from './internal/deep-freeze.js';
export {
  PersonId,
  CourseId,
  SessionId,
  EventId,
  MeasureId,
  AnalysisId,
  ActorId,
  isIdShaped,
} from './internal/ids.js';
export { IsoDate, IsoDateTime, daysBetween } from './internal/dates.js';
export { safeParseWith, parseWith } from './internal/parse.js';
export type { ParseWithOptions } from './internal/parse.js';
export { defaultLimits, checkLimits, resolveLimits } from './internal/limits.js';
export type { InputLimits, CheckLimitsOptions } from './internal/limits.js';
export { Sensitivity, sensitiveText, sensitivityOf } from './internal/sensitive.js';

// Sources
export { sources, SourceKey, SourceRef, Provenance, isSourceKey } from './sources/sources.js';

// Protocol
export {
  Phase,
  corePhases,
  isCorePhase,
  phaseIndex,
  nextPhase,
  isForwardPhaseMove,
  phaseTasks,
} from './protocol/phases.js';
export type { CorePhase, HasPhasePlan, PhaseTask } from './protocol/phases.js';
export {
  Protocol,
  ProtocolId,
  PhasePlan,
  SessionRange,
  Cadence,
  ProtocolComponent,
} from './protocol/protocol-schema.js';
export type { ProtocolInput } from './protocol/protocol-schema.js';
export {
  protocols,
  defineProtocol,
  parseProtocol,
  problemAreaLabel,
  findProtocol,
} from './protocol/protocols.js';
export type { CatalogProtocolId } from './protocol/protocols.js';

// Problem areas
export { ProblemArea, problemAreas, problemAreaLabelSets } from './problem-area/problem-areas.js';
export type {
  ProblemAreaInfo,
  ProblemAreaLabelSet,
  SourcedText,
} from './problem-area/problem-areas.js';
export { DisputeStage, disputeStages } from './problem-area/role-dispute.js';
export type { DisputeStageInfo } from './problem-area/role-dispute.js';
export {
  Focus,
  GriefFocus,
  RoleDisputeFocus,
  RoleTransitionFocus,
  InterpersonalDeficitsFocus,
  checkFocusForProtocol,
} from './problem-area/focus.js';
export type { FocusRules } from './problem-area/focus.js';

// Techniques
export { Technique, techniques } from './technique/techniques.js';
export type { TechniqueInfo } from './technique/techniques.js';

// Inventory, closeness circle, timeline
// People and inventory entries
export {
  RelationshipKind,
  VitalStatus,
  RelationshipPeriod,
  Person,
  InteractionFrequency,
  ExpectationMet,
  Expectation,
  Interactions,
  Support,
  OnsetChange,
  EpisodeLink,
  Relationship,
  InventoryEntry,
  InventoryEntryPatch,
  isDeceased,
} from './inventory/person.js';
export type { InventoryEntryInput, InventoryEntryPatchInput } from './inventory/person.js';

// Inventory and its operations
export {
  Inventory,
  emptyInventory,
  addPerson,
  updatePerson,
  removePerson,
  getPerson,
  hasPerson,
  listPeople,
  updateCircle,
} from './inventory/inventory.js';
export type { InventoryOptions, PeopleFilter } from './inventory/inventory.js';

// Closeness circle
export {
  DEFAULT_RING_COUNT,
  RingIndex,
  Circle,
  createCircle,
  placeInCircle,
  moveInCircle,
  removeFromCircle,
  ringOf,
  peopleInRing,
  compareCircles,
} from './inventory/circle.js';
export type {
  CircleOptions,
  CircleComparison,
  RingMove,
  RingPlacement,
} from './inventory/circle.js';

// Timeline
export {
  MoodScale,
  LifeEventKind,
  LifeEvent,
  MoodRating,
  Timeline,
  createTimeline,
  addLifeEvent,
  addMoodRating,
  MoodChangeOptions,
  eventsNearMoodChanges,
  checkTimelinePeople,
} from './inventory/timeline.js';
export type { MoodChange } from './inventory/timeline.js';

// Communication
// Communication analysis
export {
  communicationAnalysisSteps,
  CommunicationProblem,
  communicationProblems,
  CommunicationSkill,
  communicationSkills,
  CommunicationTurn,
  CommunicationProblemFound,
  CommunicationAlternative,
  CommunicationAnalysis,
  defineCommunicationAnalysis,
  addAlternative,
  markRehearsed,
  countProblems,
} from './communication/analysis.js';
export type {
  CommunicationAnalysisStep,
  CommunicationProblemInfo,
  CommunicationSkillInfo,
  CommunicationAnalysisInput,
} from './communication/analysis.js';

// Communication-style assessment
export {
  CommunicationStyle,
  communicationStyles,
  StyleItemId,
  StyleItem,
  StyleResponseScale,
  StyleMissingPolicy,
  StyleItemSet,
  defineStyleItemSet,
  StyleScore,
  StyleAssessment,
  assessCommunicationStyle,
} from './communication/style.js';
export type {
  CommunicationStyleInfo,
  StyleItemSetInput,
  StyleResponses,
} from './communication/style.js';
export { communicationStyleReflection } from './communication/style-reflection-items.js';

// Measures
export {
  LoincCode,
  LoincAnswerCode,
  ResponseOption,
  ItemId,
  InstrumentItem,
  Band,
  BandSet,
  InstrumentFlag,
  MissingPolicy,
  Instrument,
  totalRange,
  defineInstrument,
  parseInstrument,
  findBand,
  scoreInstrument,
} from './measures/instrument.js';
export type {
  InstrumentInput,
  Responses,
  ScoredBand,
  Score,
  ScoreOptions,
} from './measures/instrument.js';
export { frequencyOptions, difficultyOptions, phq9, scorePhq9 } from './measures/phq9.js';
export type { Phq9Responses, Phq9Score, Phq9Options } from './measures/phq9.js';
export { gad7 } from './measures/gad7.js';
export { hamd17 } from './measures/hamd17.js';
export {
  SrmActivity,
  ClockTime,
  SrmDay,
  SrmWeek,
  SrmOptions,
  srm5,
  scoreSrm5,
} from './measures/srm5.js';
export type { SrmDefinition, SrmActivityResult, SrmScore } from './measures/srm5.js';

// Course of treatment
export {
  CatalogProtocolIdSchema,
  CourseInstrumentId,
  TimeLimit,
  SessionStatus,
  CourseOutcome,
  StartCourse,
  RecordSession,
  AddPerson,
  UpdatePerson,
  RemovePerson,
  PlaceInCircle,
  RemoveFromCircle,
  RecordLifeEvent,
  RecordMood,
  RecordMeasure,
  ChooseFocus,
  ShareFormulation,
  AgreeContract,
  AssessDisputeStage,
  RecordCommunicationAnalysis,
  AdvancePhase,
  RenegotiateContract,
  RaiseTermination,
  AcknowledgeRisk,
  EndCourse,
  CourseCommand,
} from './course/commands.js';
export type { CourseCommandInput } from './course/commands.js';
export {
  StoredScore,
  CourseItemId,
  CourseStarted,
  SessionRecorded,
  PersonAdded,
  PersonUpdated,
  PersonRemoved,
  PersonPlaced,
  PersonUnplaced,
  LifeEventRecorded,
  MoodRecorded,
  MeasureRecorded,
  FocusChosen,
  FormulationShared,
  ContractAgreed,
  DisputeStageAssessed,
  CommunicationAnalysisRecorded,
  PhaseAdvanced,
  ContractRenegotiated,
  TerminationRaised,
  RiskAcknowledged,
  CourseEnded,
  CourseEvent,
} from './course/events.js';
export type { CourseEventType } from './course/events.js';
export {
  Course,
  CourseState,
  CourseSession,
  MeasureRecord,
  RiskFlag,
  openRiskFlags,
  sessionsInOrder,
  measuresInOrder,
} from './course/state.js';
export { courseRules, isRuleViolation } from './course/rule-violation.js';
export type { RuleCode, RuleViolation, CourseWarning } from './course/rule-violation.js';
export {
  checkTimeLimit,
  checkNotBeforeStart,
  checkSession,
  checkTerminationBeforeSession,
  checkRaiseTermination,
  checkRenegotiation,
  checkPhaseAdvance,
  checkPersonKnown,
  checkFocus,
  checkDisputeStage,
  checkPersonRemovable,
  checkPersonUpdate,
  checkNoOpenRisk,
  sameFocusTarget,
} from './course/rules.js';
export type { Verdict } from './course/rules.js';
export { courseInstruments } from './course/scoring.js';
export { decide, decideWithWarnings, execute } from './course/decide.js';
export type { Decision, Execution } from './course/decide.js';
export { evolve } from './course/evolve.js';
export { replay } from './course/replay.js';
export type { ReplayError, ReplayOptions } from './course/replay.js';

// Documents
export {
  documentTypes,
  latestDocumentVersion,
  DocumentEnvelope,
  parseDocument,
  parseDocumentOrThrow,
  MAX_DOCUMENT_ISSUES,
  migrateDocument,
  toDocument,
  isDocumentSchemaName,
} from './document/document.js';
export type {
  DocumentVersion,
  DocumentVersions,
  DocumentSchemaName,
  IptDocument,
  ParseDocumentOptions,
} from './document/document.js';

// Analysis
export {
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
  noncentralTCdf,
  wilsonInterval,
  emptyMoments,
  addToMoments,
  mergeMoments,
  sampleVariance,
  meanInterval,
} from './analysis/stats.js';
export type { Interval, RunningMoments } from './analysis/stats.js';
export {
  ReliableChangeInput,
  reliableChangeIndex,
  ClinicalCutoffsInput,
  clinicalCutoffs,
  jacobsonTruaxCategory,
  OutcomeOptions,
  outcome,
} from './analysis/outcome.js';
export type {
  ReliableChange,
  ClinicalCutoffs,
  JacobsonTruaxCategory,
  Criterion,
  CriterionNotApplied,
  Outcome,
} from './analysis/outcome.js';
export {
  hedgesCorrection,
  cohensD,
  hedgesG,
  cohensDz,
  cohensDav,
  effectSizeFromMoments,
} from './analysis/effect-size.js';
export type { EffectSize } from './analysis/effect-size.js';
export { summarizeCohort, createCohortAccumulator } from './analysis/cohort.js';
export type {
  CohortOptions,
  CohortSummary,
  CohortAccumulator,
  CohortRate,
  CohortMean,
  CohortRange,
  CohortEffectSize,
  CohortCategory,
  CohortIssue,
  CohortRejection,
  CohortRejected,
} from './analysis/cohort.js';
export { toLongFormat, toLongRows, toWideFormat } from './analysis/long-format.js';
export type {
  LongRow,
  LongFormatOptions,
  WideRow,
  WideFormatOptions,
} from './analysis/long-format.js';
export { toCsv, toCsvRecords, csvField } from './analysis/csv.js';
export type { CsvValue, CsvRow, CsvOptions } from './analysis/csv.js';
export { summarizeNdjson, ndjsonLines } from './analysis/ndjson.js';
export type {
  NdjsonSource,
  NdjsonOptions,
  NdjsonLineOptions,
  NdjsonLine,
  NdjsonSummary,
  NdjsonBadLine,
  NdjsonIssue,
} from './analysis/ndjson.js';

// Privacy
export {
  deidentify,
  deidentifyEvents,
  DeidentifyOptions,
  IdKind,
  sensitiveFields,
} from './privacy/index.js';
export type {
  DeidentifiedCourse,
  DeidentifiedEvents,
  DeidentifiedField,
  DeidentifyReport,
  Pseudonymize,
  SensitiveField,
} from './privacy/index.js';

// Interop: JSON Schema
export {
  publishedSchemaNames,
  publishedSchemas,
  zodOnlyCheckText,
  isPublishedSchemaName,
  jsonSchemaId,
  generateJsonSchema,
  generateJsonSchemas,
  jsonSchemaFiles,
} from './interop/json-schema/schemas.js';
export type {
  PublishedSchemaName,
  PublishedSchema,
  ZodOnlyCheck,
  JsonSchemaDocument,
  GeneratedJsonSchema,
  JsonSchemaIo,
} from './interop/json-schema/schemas.js';
export { CohortSummarySchema } from './interop/json-schema/cohort-summary.js';
