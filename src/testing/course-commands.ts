/**
 * Arbitraries of course commands of valid shape (whatever the state) and of invalid ones.
 * @module
 */
import * as fc from 'fast-check';
import { CourseOutcome, SessionStatus, type CourseCommandInput } from '../course/commands.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import { gad7 } from '../measures/gad7.js';
import { hamd17 } from '../measures/hamd17.js';
import type { Instrument } from '../measures/instrument.js';
import { phq9 } from '../measures/phq9.js';
import { Technique } from '../technique/techniques.js';
import {
  actorIdArbitrary,
  analysisIdArbitrary,
  changed,
  courseIdArbitrary,
  disputeStageArbitrary,
  invalid,
  isoDateArbitrary,
  isoDateTimeArbitrary,
  measureIdArbitrary,
  mutated,
  optionsOf,
  personIdArbitrary,
  phaseArbitrary,
  sessionIdArbitrary,
  textArbitrary,
  type InvalidValue,
  type Mutation,
  type TextOptions,
} from './basics.js';
import { communicationAnalysisArbitrary } from './communication.js';
import { focusArbitrary } from './focus.js';
import {
  inventoryEntryArbitrary,
  lifeEventArbitrary,
  moodRatingArbitrary,
  moodScaleArbitrary,
} from './inventory.js';
import { responsesArbitrary } from './measures.js';
import { catalogProtocolIdArbitrary, protocolInputArbitrary } from './protocol.js';

/** The instruments a course records, by the id a `record-measure` command uses. @internal */
export const courseInstrumentDefinitions = {
  'phq-9': phq9,
  'gad-7': gad7,
  'hamd-17': hamd17,
} as const satisfies Record<string, DeepReadonly<Instrument>>;

type CourseInstrumentName = keyof typeof courseInstrumentDefinitions;
/** Their ids. @internal */
export const instrumentNames = Object.keys(courseInstrumentDefinitions) as CourseInstrumentName[];

/**
 * Options of {@link courseCommandArbitrary}.
 * @category Testing
 */
export interface CourseCommandOptions extends TextOptions {
  /** Which command types to generate (default all). */
  readonly types?: readonly CourseCommandInput['type'][];
}

/** An inventory-entry patch as `update-person` takes it: some fields, `null` clearing optional ones. @internal */
export function patchArbitrary(text: TextOptions): fc.Arbitrary<Record<string, unknown>> {
  const entry = inventoryEntryArbitrary(text);
  const note = textArbitrary({ ...text, maxLength: 300 });
  const notes = textArbitrary({ ...text, maxLength: 2000 });
  return fc
    .record(
      {
        entry,
        keep: fc.subarray(['label', 'relationship', 'vitalStatus', 'period', 'linkToEpisode']),
        relationshipNote: fc.option(note, { nil: null }),
        communicationNotes: fc.option(notes, { nil: null }),
        support: fc.constant(null),
      },
      { requiredKeys: ['entry', 'keep'] },
    )
    .map(({ entry: drawn, keep, ...rest }) => {
      const patch: Record<string, unknown> = { ...rest };
      for (const key of keep) {
        const value = (drawn as Record<string, unknown>)[key];
        if (value !== undefined) patch[key] = value;
      }
      return patch;
    });
}

/** The parts of every command: an optional audit time-stamp. */
const recordedAt = fc.option(isoDateTimeArbitrary({ min: '2020-01-01', max: '2035-12-31' }), {
  nil: undefined,
});

function withStamp<TCommand extends object>(
  command: fc.Arbitrary<TCommand>,
): fc.Arbitrary<TCommand> {
  return fc
    .tuple(command, recordedAt)
    .map(([drawn, stamp]) => (stamp === undefined ? drawn : { ...drawn, recordedAt: stamp }));
}

/**
 * A `CourseCommand` of valid shape: every value passes the `CourseCommand` schema, with ids, dates
 * and text of the right form, and client text carrying the marker. Whether `execute` accepts it
 * depends on the state (use {@link courseArbitrary} for commands a course accepts).
 * @param options - Command types and text options.
 * @returns The arbitrary.
 * @category Testing
 */
export function courseCommandArbitrary(
  options: CourseCommandOptions = {},
): fc.Arbitrary<CourseCommandInput> {
  const read = optionsOf<CourseCommandOptions>(options);
  const date = isoDateArbitrary({ min: '2020-01-01', max: '2035-12-31' });
  const text = (maxLength: number) => textArbitrary({ ...read, maxLength });
  const personId = personIdArbitrary({ maxLength: 12 });
  const timeLimit = fc.record({
    sessions: fc.integer({ min: 1, max: 40 }),
    cadence: fc.constantFrom('twice-weekly', 'weekly', 'fortnightly', 'twice-monthly', 'monthly'),
  });
  const measure = fc.oneof(
    ...instrumentNames.map((instrument) =>
      fc.record(
        {
          instrument: fc.constant(instrument),
          responses: responsesArbitrary(courseInstrumentDefinitions[instrument], {
            missing: { max: 2 },
          }),
          missing: fc.constantFrom(
            { kind: 'reject' as const },
            { kind: 'incomplete' as const },
            { kind: 'prorate' as const, maxMissing: 2 },
          ),
          bandSet: fc.constantFrom('kroenke-2001', 'common'),
          sessionId: sessionIdArbitrary({ maxLength: 12 }),
        },
        { requiredKeys: ['instrument', 'responses'] },
      ),
    ),
  );
  const shapes: Readonly<Record<CourseCommandInput['type'], fc.Arbitrary<CourseCommandInput>>> = {
    'start-course': fc.record(
      {
        type: fc.constant('start-course' as const),
        courseId: courseIdArbitrary(),
        protocol: fc.oneof(
          catalogProtocolIdArbitrary(),
          protocolInputArbitrary({ maxSessions: 12 }),
        ),
        startDate: date,
        timeLimit,
        moodScale: moodScaleArbitrary(),
        ringCount: fc.integer({ min: 1, max: 10 }),
      },
      { requiredKeys: ['type', 'courseId', 'protocol', 'startDate', 'timeLimit'] },
    ),
    'record-session': fc.record(
      {
        type: fc.constant('record-session' as const),
        sessionId: sessionIdArbitrary(),
        number: fc.integer({ min: 1, max: 1000 }),
        date,
        status: fc.constantFrom(...SessionStatus.options),
        techniques: fc.subarray([...Technique.options], { maxLength: 4 }),
        minutes: fc.integer({ min: 1, max: 600 }),
        withParentOrCaregiver: fc.boolean(),
      },
      { requiredKeys: ['type', 'sessionId', 'number', 'date', 'status'] },
    ),
    'add-person': fc.record({
      type: fc.constant('add-person' as const),
      person: inventoryEntryArbitrary(read),
    }),
    'update-person': fc.record({
      type: fc.constant('update-person' as const),
      personId,
      changes: patchArbitrary(read),
    }),
    'remove-person': fc.record({ type: fc.constant('remove-person' as const), personId }),
    'place-in-circle': fc.record({
      type: fc.constant('place-in-circle' as const),
      personId,
      ring: fc.integer({ min: 0, max: 9 }),
    }),
    'remove-from-circle': fc.record({
      type: fc.constant('remove-from-circle' as const),
      personId,
    }),
    'record-life-event': fc.record({
      type: fc.constant('record-life-event' as const),
      event: lifeEventArbitrary(read),
    }),
    'record-mood': fc.record({
      type: fc.constant('record-mood' as const),
      rating: moodRatingArbitrary(read),
    }),
    'record-measure': fc
      .tuple(measureIdArbitrary(), date, measure)
      .map(([measureId, day, drawn]) => ({
        type: 'record-measure' as const,
        measureId,
        date: day,
        ...drawn,
      })),
    'choose-focus': fc.record({
      type: fc.constant('choose-focus' as const),
      focus: focusArbitrary(read),
      rank: fc.constantFrom('primary' as const, 'secondary' as const),
      date,
    }),
    'share-formulation': fc.record(
      {
        type: fc.constant('share-formulation' as const),
        date,
        accepted: fc.boolean(),
        summary: text(4000),
      },
      { requiredKeys: ['type', 'date', 'accepted'] },
    ),
    'agree-contract': fc.record(
      {
        type: fc.constant('agree-contract' as const),
        date,
        goals: fc.array(text(1000), { maxLength: 3 }),
      },
      { requiredKeys: ['type', 'date'] },
    ),
    'assess-dispute-stage': fc.record({
      type: fc.constant('assess-dispute-stage' as const),
      personId,
      stage: disputeStageArbitrary(),
      date,
    }),
    'record-communication-analysis': fc.record({
      type: fc.constant('record-communication-analysis' as const),
      analysisId: analysisIdArbitrary(),
      analysis: communicationAnalysisArbitrary(read),
    }),
    'advance-phase': fc.record({
      type: fc.constant('advance-phase' as const),
      to: phaseArbitrary(),
      date,
    }),
    'renegotiate-contract': fc.record(
      {
        type: fc.constant('renegotiate-contract' as const),
        date,
        timeLimit,
        reason: text(1000),
      },
      { requiredKeys: ['type', 'date', 'timeLimit'] },
    ),
    'raise-termination': fc.record({ type: fc.constant('raise-termination' as const), date }),
    'acknowledge-risk': fc.record({
      type: fc.constant('acknowledge-risk' as const),
      flagId: measureIdArbitrary().map((id) => `${id}:suicidalIdeation`),
      by: actorIdArbitrary(),
      at: isoDateTimeArbitrary({ min: '2020-01-01', max: '2035-12-31' }),
      action: text(2000),
    }),
    'end-course': fc.record({
      type: fc.constant('end-course' as const),
      date,
      outcome: fc.constantFrom(...CourseOutcome.options),
    }),
  };
  const wanted = Array.isArray(read.types)
    ? (Object.keys(shapes) as CourseCommandInput['type'][]).filter((type) =>
        (read.types as unknown[]).includes(type),
      )
    : [];
  const types = wanted.length > 0 ? wanted : (Object.keys(shapes) as CourseCommandInput['type'][]);
  return fc.oneof(...types.map((type) => withStamp(shapes[type])));
}

const commandMutations: readonly Mutation<CourseCommandInput>[] = [
  (command) =>
    invalid(changed(command, ['type'], 'do-something'), 'type-unknown', 'invalid-discriminator', [
      'type',
    ]),
  (command) =>
    invalid(changed(command, ['clientName'], 'x'), 'unknown-key', 'unrecognized-keys', []),
  (command) =>
    'date' in command
      ? invalid(changed(command, ['date'], '2026-02-30'), 'date-not-a-date', 'invalid-format', [
          'date',
        ])
      : undefined,
  (command) =>
    'personId' in command
      ? invalid(changed(command, ['personId'], ' '), 'person-id-blank', 'invalid-format', [
          'personId',
        ])
      : undefined,
];

/**
 * Commands that fail the `CourseCommand` schema (and so make `execute` answer `invalid-command`
 * with these issues): a valid shape with an unknown type, an unknown key, an impossible date or a
 * blank person id.
 * @param options - As for {@link courseCommandArbitrary}.
 * @returns The arbitrary.
 * @category Testing
 */
export function invalidCourseCommandArbitrary(
  options: CourseCommandOptions = {},
): fc.Arbitrary<InvalidValue> {
  return mutated(courseCommandArbitrary(options), commandMutations);
}
