/**
 * Arbitraries of legal courses of treatment (command sequences built against the state they meet),
 * their stored event streams and their document envelopes.
 * @module
 */
import * as fc from 'fast-check';
import { CourseOutcome, SessionStatus, type CourseCommandInput } from '../course/commands.js';
import { execute } from '../course/decide.js';
import type { CourseEvent } from '../course/events.js';
import { sameFocusTarget } from '../course/rules.js';
import type { Course, CourseState } from '../course/state.js';
import { toDocument, type DocumentSchemaName } from '../document/document.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import type { PersonId } from '../internal/ids.js';
import type { MoodScale } from '../inventory/timeline.js';
import type { Focus } from '../problem-area/focus.js';
import { nextPhase } from '../protocol/phases.js';
import type { ProtocolInput } from '../protocol/protocol-schema.js';
import { protocols, type CatalogProtocolId } from '../protocol/protocols.js';
import { Technique } from '../technique/techniques.js';
import {
  actorIdArbitrary,
  addDays,
  courseIdArbitrary,
  disputeStageArbitrary,
  isoDateArbitrary,
  optionsOf,
  sizeOption,
  textArbitrary,
  type DateRangeOptions,
  type TextOptions,
} from './basics.js';
import { communicationAnalysisArbitrary } from './communication.js';
import {
  freshKey,
  inventoryEntryArbitrary,
  lifeEventArbitrary,
  moodScaleArbitrary,
} from './inventory.js';
import { responsesArbitrary, type GeneratedResponses } from './measures.js';
import { protocolInputArbitrary } from './protocol.js';
import { courseInstrumentDefinitions, instrumentNames, patchArbitrary } from './course-commands.js';

// ------------------------------------------------------------------------------------------------
// Legal courses: intents turned into commands against the state they meet
// ------------------------------------------------------------------------------------------------

/**
 * Options of {@link courseArbitrary}.
 * @category Testing
 */
export interface CourseOptions extends TextOptions {
  /**
   * Protocols to draw from: built-in ids, and `'custom'` for short custom protocols made with
   * `defineProtocol`. Default: every built-in protocol and custom ones.
   */
  readonly protocols?: readonly (CatalogProtocolId | 'custom')[];
  /**
   * Most generated steps after the start (default 40, from 0 to 300). Lengths spread over the
   * whole range whatever fast-check's global `size` setting; a step may issue several commands
   * or none.
   */
  readonly maxSteps?: number;
  /** Fewest generated steps (default 0, at most `maxSteps`). */
  readonly minSteps?: number;
  /**
   * Whether courses end: `'sometimes'` (default: an end step may come up), `'always'` (every
   * course ends, after its steps) or `'never'`.
   */
  readonly ending?: 'sometimes' | 'always' | 'never';
  /** Start dates (default 2020-01-01 to 2030-12-31). */
  readonly startDates?: DateRangeOptions;
}

/**
 * A generated course: the commands, in order, that `execute` accepted one after another from
 * `null`, the events they recorded (what an app stores), and the state they built.
 * @category Testing
 */
export interface GeneratedCourse {
  readonly commands: readonly CourseCommandInput[];
  readonly events: readonly DeepReadonly<CourseEvent>[];
  readonly state: DeepReadonly<Course>;
}

function intentArbitraries(text: TextOptions) {
  const days = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 10 }) },
    { weight: 1, arbitrary: fc.integer({ min: 11, max: 40 }) },
  );
  const pick = fc.nat(1000);
  const note = (maxLength: number) =>
    fc.option(textArbitrary({ ...text, maxLength }), { nil: undefined, freq: 2 });
  const step = <TKind extends string, TShape extends Record<string, fc.Arbitrary<unknown>>>(
    kind: TKind,
    shape: TShape,
  ) =>
    fc.record({ kind: fc.constant(kind), ...shape }) as fc.Arbitrary<
      { kind: TKind } & {
        [Key in keyof TShape]: TShape[Key] extends fc.Arbitrary<infer TValue> ? TValue : never;
      }
    >;
  return {
    session: step('session', {
      days,
      status: fc.constantFrom<SessionStatus>(
        'attended',
        'attended',
        'attended',
        'missed',
        'cancelled',
      ),
      minutes: fc.option(fc.integer({ min: 20, max: 120 }), { nil: undefined }),
      techniques: fc.option(fc.subarray([...Technique.options], { maxLength: 3 }), {
        nil: undefined,
      }),
      withParent: fc.option(fc.boolean(), { nil: undefined, freq: 4 }),
      stamp: fc.boolean(),
    }),
    person: step('person', { entry: inventoryEntryArbitrary(text) }),
    update: step('update', { pick, changes: patchArbitrary(text), dies: fc.boolean() }),
    remove: step('remove', { pick }),
    place: step('place', { pick, ring: pick }),
    unplace: step('unplace', { pick }),
    lifeEvent: step('life-event', {
      event: lifeEventArbitrary({ ...text, personIds: [] }),
      daysBefore: fc.integer({ min: 0, max: 400 }),
      withPerson: fc.boolean(),
      pick,
    }),
    mood: step('mood', { pick, daysBefore: fc.integer({ min: 0, max: 14 }), note: note(1000) }),
    measure: step('measure', {
      measure: fc.oneof(
        ...instrumentNames.map((instrument) =>
          fc.record({
            instrument: fc.constant(instrument),
            responses: fc.oneof(
              {
                weight: 5,
                arbitrary: responsesArbitrary(courseInstrumentDefinitions[instrument], {
                  flags: 'clear',
                }),
              },
              {
                weight: 1,
                arbitrary: responsesArbitrary(courseInstrumentDefinitions[instrument], {
                  flags: 'raised',
                }),
              },
              {
                weight: 1,
                arbitrary: responsesArbitrary(courseInstrumentDefinitions[instrument], {
                  missing: { min: 1, max: 2 },
                }),
              },
            ),
          }),
        ),
      ),
      prorate: fc.boolean(),
      otherBands: fc.boolean(),
      linkSession: fc.boolean(),
      days,
      stamp: fc.boolean(),
    }),
    focus: step('focus', {
      area: pick,
      rank: fc.constantFrom(
        'auto' as const,
        'auto' as const,
        'primary' as const,
        'secondary' as const,
      ),
      pick,
      stage: disputeStageArbitrary(),
      loss: fc.constantFrom('default' as const, 'death' as const, 'other' as const),
      from: textArbitrary({ ...text, maxLength: 200 }),
      to: textArbitrary({ ...text, maxLength: 200 }),
      entry: inventoryEntryArbitrary(text),
      days,
    }),
    formulation: step('formulation', {
      accepted: fc.constantFrom(true, true, true, false),
      summary: note(4000),
      days,
    }),
    contract: step('contract', {
      goals: fc.option(fc.array(textArbitrary({ ...text, maxLength: 1000 }), { maxLength: 3 }), {
        nil: undefined,
      }),
      days,
    }),
    stage: step('stage', { pick, stage: disputeStageArbitrary(), days }),
    analysis: step('analysis', {
      analysis: communicationAnalysisArbitrary({ ...text, maxTurns: 4 }),
      pick,
    }),
    advance: step('advance', {
      days,
      area: pick,
      entry: inventoryEntryArbitrary(text),
      summary: note(4000),
    }),
    renegotiate: step('renegotiate', {
      pick,
      cadence: fc.option(pick, { nil: undefined }),
      reason: note(1000),
      days,
    }),
    raise: step('raise', { days }),
    acknowledge: step('acknowledge', {
      pick,
      by: actorIdArbitrary({ maxLength: 12 }),
      action: textArbitrary({ ...text, maxLength: 2000 }),
    }),
    end: step('end', {
      outcome: fc.constantFrom(...CourseOutcome.options),
      by: actorIdArbitrary({ maxLength: 12 }),
      action: textArbitrary({ ...text, maxLength: 2000 }),
      days,
    }),
  };
}

type Intents = ReturnType<typeof intentArbitraries>;
type Intent = {
  [Kind in keyof Intents]: Intents[Kind] extends fc.Arbitrary<infer TValue> ? TValue : never;
}[keyof Intents];
type IntentOf<TKind extends Intent['kind']> = Extract<Intent, { kind: TKind }>;

function intentArbitrary(text: TextOptions, ending: unknown): fc.Arbitrary<Intent> {
  const intents = intentArbitraries(text);
  const weighted: fc.WeightedArbitrary<Intent>[] = [
    { weight: 24, arbitrary: intents.session },
    { weight: 8, arbitrary: intents.person },
    { weight: 3, arbitrary: intents.update },
    { weight: 1, arbitrary: intents.remove },
    { weight: 5, arbitrary: intents.place },
    { weight: 1, arbitrary: intents.unplace },
    { weight: 3, arbitrary: intents.lifeEvent },
    { weight: 4, arbitrary: intents.mood },
    { weight: 8, arbitrary: intents.measure },
    { weight: 6, arbitrary: intents.focus },
    { weight: 4, arbitrary: intents.formulation },
    { weight: 2, arbitrary: intents.contract },
    { weight: 2, arbitrary: intents.stage },
    { weight: 2, arbitrary: intents.analysis },
    { weight: 6, arbitrary: intents.advance },
    { weight: 2, arbitrary: intents.renegotiate },
    { weight: 3, arbitrary: intents.raise },
    { weight: 3, arbitrary: intents.acknowledge },
  ];
  if (ending !== 'never') weighted.push({ weight: 1, arbitrary: intents.end });
  return fc.oneof(...weighted);
}

/** What the builder keeps while it turns intents into commands. */
interface Builder {
  state: CourseState;
  today: string;
  counter: number;
  readonly commands: CourseCommandInput[];
  readonly events: DeepReadonly<CourseEvent>[];
}

/**
 * Executes one command the builder constructed to be legal. A refusal means the kit and the rules
 * disagree: a bug in one of them, reported as such (never a problem with the caller's options).
 */
function run(builder: Builder, command: CourseCommandInput): void {
  const result = execute(builder.state, command);
  if (!result.ok) {
    throw new Error(
      `iptkit/testing: a generated ${command.type} command was refused (${result.error.code})`,
    );
  }
  builder.state = result.value.state;
  builder.commands.push(command);
  builder.events.push(...result.value.events);
}

function started(builder: Builder): DeepReadonly<Course> {
  if (builder.state === null)
    throw new Error('iptkit/testing: the generated course has not started');
  return builder.state;
}

function later(builder: Builder, days: number): string {
  builder.today = addDays(builder.today, days);
  return builder.today;
}

function fresh(builder: Builder, prefix: string, taken: object): string {
  builder.counter += 1;
  return freshKey(taken, `${prefix}-${builder.counter}`);
}

/** @internal */
export function personIn(course: DeepReadonly<Course>, personId: string) {
  return Object.hasOwn(course.inventory.people, personId)
    ? course.inventory.people[personId as PersonId]
    : undefined;
}

/** @internal */
export function sortedKeys(record: object): string[] {
  return Object.keys(record).sort();
}

/** @internal */
export function pickFrom<TItem>(list: readonly TItem[], pick: number): TItem | undefined {
  return list.length === 0 ? undefined : list[pick % list.length];
}

function addGeneratedPerson(
  builder: Builder,
  entry: IntentOf<'person'>['entry'],
  vitalStatus?: 'alive' | 'deceased',
): string {
  const course = started(builder);
  const id = fresh(builder, 'p', course.inventory.people);
  const person = { ...entry, id };
  if (vitalStatus === 'deceased') {
    person.vitalStatus = { status: 'deceased' };
    person.period = 'past';
  } else if (vitalStatus === 'alive') {
    person.vitalStatus = { status: 'alive' };
  }
  run(builder, { type: 'add-person', person });
  return id;
}

function isReferenced(course: DeepReadonly<Course>, personId: string): boolean {
  const inFocus = [course.foci.primary, course.foci.secondary].some(
    (focus) =>
      (focus?.area === 'grief' || focus?.area === 'role-dispute') && focus.personId === personId,
  );
  return (
    inFocus ||
    course.disputeStages.some((entry) => entry.personId === personId) ||
    course.timeline.events.some((entry) => entry.personId === personId) ||
    Object.values(course.communicationAnalyses).some((entry) => entry.personId === personId)
  );
}

/** @internal */
export function openFlags(course: DeepReadonly<Course>): string[] {
  return sortedKeys(course.riskFlags).filter((id) => course.riskFlags[id]?.acknowledged === null);
}

function acknowledgeAll(builder: Builder, by: string, action: string): void {
  for (const flagId of openFlags(started(builder))) {
    run(builder, {
      type: 'acknowledge-risk',
      flagId,
      by,
      at: `${builder.today}T12:00:00Z`,
      action,
    });
  }
}

/** The focus a focus step asks for, adding the person it needs first when there is none. */
function focusFor(builder: Builder, intent: IntentOf<'focus'>, area: Focus['area']): Focus {
  const course = started(builder);
  const people = sortedKeys(course.inventory.people);
  switch (area) {
    case 'grief': {
      if (intent.loss === 'other' && !course.protocol.problemAreas.griefRequiresDeath) {
        const personId = pickFrom(people, intent.pick);
        return personId === undefined
          ? { area, loss: 'other' }
          : { area, loss: 'other', personId: personId as PersonId };
      }
      const deceased = people.filter(
        (id) => personIn(course, id)?.vitalStatus.status === 'deceased',
      );
      const personId =
        pickFrom(deceased, intent.pick) ?? addGeneratedPerson(builder, intent.entry, 'deceased');
      return intent.loss === 'death'
        ? { area, personId: personId as PersonId, loss: 'death' }
        : { area, personId: personId as PersonId };
    }
    case 'role-dispute': {
      const alive = people.filter((id) => personIn(course, id)?.vitalStatus.status === 'alive');
      const personId =
        pickFrom(alive, intent.pick) ?? addGeneratedPerson(builder, intent.entry, 'alive');
      return { area, personId: personId as PersonId, stage: intent.stage };
    }
    case 'role-transition':
      return { area, from: intent.from, to: intent.to };
    case 'interpersonal-deficits':
      return { area };
  }
}

function chooseFocus(
  builder: Builder,
  intent: IntentOf<'focus'>,
  forced?: { readonly area: Focus['area']; readonly rank: 'primary' },
): void {
  const before = started(builder);
  if (before.phase !== 'initial') return;
  const areas = before.protocol.problemAreas.areas;
  const area = forced?.area ?? pickFrom(areas, intent.area);
  if (area === undefined) return;
  let rank: 'primary' | 'secondary' =
    forced?.rank ??
    (intent.rank === 'auto'
      ? before.foci.primary === null
        ? 'primary'
        : 'secondary'
      : intent.rank);
  if (rank === 'secondary' && (before.foci.primary === null || before.protocol.foci.max < 2)) {
    rank = 'primary';
  }
  const focus = focusFor(builder, intent, area);
  const course = started(builder);
  const other = rank === 'primary' ? course.foci.secondary : course.foci.primary;
  // The same problem cannot be both the primary and the secondary focus.
  if (other !== null && sameFocusTarget(other, focus)) return;
  run(builder, { type: 'choose-focus', focus, rank, date: later(builder, intent.days) });
}

function recordSession(builder: Builder, intent: IntentOf<'session'>): void {
  const course = started(builder);
  const limit = course.contract.timeLimit.sessions;
  if (course.sessionCount >= limit) return;
  const number = course.sessionCount + 1;
  const notice = course.protocol.termination?.minSessionsBeforeEnd;
  if (notice !== undefined && course.terminationRaised === null && limit - number < notice) {
    // Sessions this close to the end need the ending raised first.
    run(builder, { type: 'raise-termination', date: builder.today });
  }
  const date = later(builder, intent.days);
  run(builder, {
    type: 'record-session',
    sessionId: fresh(builder, 's', course.sessions),
    number,
    date,
    status: intent.status,
    ...(intent.minutes === undefined ? {} : { minutes: intent.minutes }),
    ...(intent.techniques === undefined ? {} : { techniques: intent.techniques }),
    ...(intent.withParent === undefined ? {} : { withParentOrCaregiver: intent.withParent }),
    ...(intent.stamp ? { recordedAt: `${date}T18:30:00+01:00` } : {}),
  });
}

function recordMeasure(builder: Builder, intent: IntentOf<'measure'>): void {
  const course = started(builder);
  const { instrument, responses } = intent.measure;
  const definition = courseInstrumentDefinitions[instrument];
  const unanswered = definition.items.filter(
    (item) => item.countsTowardTotal && (responses[item.id] ?? null) === null,
  ).length;
  const missing =
    unanswered === 0
      ? undefined
      : intent.prorate
        ? { kind: 'prorate' as const, maxMissing: 2 }
        : { kind: 'incomplete' as const };
  const lastSession = Object.values(course.sessions).find(
    (session) => session.number === course.sessionCount,
  );
  const date = later(builder, intent.days);
  run(builder, {
    type: 'record-measure',
    measureId: fresh(builder, 'm', course.measures),
    date,
    instrument,
    responses: responses satisfies GeneratedResponses,
    ...(missing === undefined ? {} : { missing }),
    ...(instrument === 'hamd-17' && intent.otherBands ? { bandSet: 'zimmerman-2013' } : {}),
    ...(intent.linkSession && lastSession !== undefined
      ? { sessionId: lastSession.sessionId }
      : {}),
    ...(intent.stamp ? { recordedAt: `${date}T09:15:00Z` } : {}),
  });
}

function advancePhase(builder: Builder, intent: IntentOf<'advance'>): void {
  const course = started(builder);
  const next = nextPhase(course.protocol, course.phase);
  if (next === undefined) return;
  if (course.phase === 'initial') {
    // Leaving the initial phase needs a primary focus and an accepted formulation [ALPF].
    if (course.foci.primary === null) {
      const areas = course.protocol.problemAreas.areas;
      const easy = areas.filter(
        (area) => area === 'role-transition' || area === 'interpersonal-deficits',
      );
      const area = pickFrom(easy, intent.area) ?? pickFrom(areas, intent.area) ?? 'role-dispute';
      chooseFocus(
        builder,
        {
          kind: 'focus',
          area: intent.area,
          rank: 'primary',
          pick: intent.area,
          stage: 'renegotiation',
          loss: 'default',
          from: 'employee',
          to: 'retiree',
          entry: intent.entry,
          days: 0,
        },
        { area, rank: 'primary' },
      );
    }
    if (started(builder).formulation?.accepted !== true) {
      run(builder, {
        type: 'share-formulation',
        date: builder.today,
        accepted: true,
        ...(intent.summary === undefined ? {} : { summary: intent.summary }),
      });
    }
  }
  run(builder, { type: 'advance-phase', to: next, date: later(builder, intent.days) });
}

function renegotiate(builder: Builder, intent: IntentOf<'renegotiate'>): void {
  const course = started(builder);
  const { min, max } = course.protocol.sessions;
  const notice = course.protocol.termination?.minSessionsBeforeEnd ?? 0;
  const held = course.sessionCount;
  const raisedAfter = course.terminationRaised?.afterSession ?? held;
  const low = Math.max(min, held, raisedAfter + notice);
  const high = Math.min(1000, max ?? low + 12);
  if (low > high) return;
  const allowed = course.protocol.cadence.allowed;
  const cadence =
    intent.cadence === undefined
      ? course.contract.timeLimit.cadence
      : (pickFrom(allowed, intent.cadence) ?? course.contract.timeLimit.cadence);
  run(builder, {
    type: 'renegotiate-contract',
    date: later(builder, intent.days),
    timeLimit: { sessions: low + (intent.pick % (high - low + 1)), cadence },
    ...(intent.reason === undefined ? {} : { reason: intent.reason }),
  });
}

function applyIntent(builder: Builder, intent: Intent): void {
  const course = started(builder);
  if (course.outcome !== null) return;
  const people = sortedKeys(course.inventory.people);
  switch (intent.kind) {
    case 'session':
      recordSession(builder, intent);
      return;
    case 'person':
      addGeneratedPerson(builder, intent.entry);
      return;
    case 'update': {
      const personId = pickFrom(people, intent.pick);
      if (personId === undefined) return;
      const changes: Record<string, unknown> = { ...intent.changes };
      // People die; nobody comes back, so a grief focus about a death stays valid.
      if (intent.dies) changes.vitalStatus = { status: 'deceased' };
      else Reflect.deleteProperty(changes, 'vitalStatus');
      if (personIn(course, personId)?.vitalStatus.status === 'deceased') {
        Reflect.deleteProperty(changes, 'vitalStatus');
      }
      run(builder, { type: 'update-person', personId, changes });
      return;
    }
    case 'remove': {
      const personId = pickFrom(
        people.filter((id) => !isReferenced(course, id)),
        intent.pick,
      );
      if (personId !== undefined) run(builder, { type: 'remove-person', personId });
      return;
    }
    case 'place': {
      const personId = pickFrom(people, intent.pick);
      if (personId === undefined) return;
      const ring = intent.ring % course.inventory.circle.ringCount;
      run(builder, { type: 'place-in-circle', personId, ring });
      return;
    }
    case 'unplace': {
      const personId = pickFrom(sortedKeys(course.inventory.circle.placements), intent.pick);
      if (personId !== undefined) run(builder, { type: 'remove-from-circle', personId });
      return;
    }
    case 'life-event': {
      const personId = intent.withPerson ? pickFrom(people, intent.pick) : undefined;
      run(builder, {
        type: 'record-life-event',
        event: {
          ...intent.event,
          date: addDays(builder.today, -intent.daysBefore),
          ...(personId === undefined ? {} : { personId }),
        },
      });
      return;
    }
    case 'mood': {
      const { min, max } = course.timeline.moodScale;
      run(builder, {
        type: 'record-mood',
        rating: {
          date: addDays(builder.today, -intent.daysBefore),
          value: min + (intent.pick % (max - min + 1)),
          ...(intent.note === undefined ? {} : { note: intent.note }),
        },
      });
      return;
    }
    case 'measure':
      recordMeasure(builder, intent);
      return;
    case 'focus':
      chooseFocus(builder, intent);
      return;
    case 'formulation':
      if (course.foci.primary === null) return;
      run(builder, {
        type: 'share-formulation',
        date: later(builder, intent.days),
        // After the initial phase a formulation is only re-shared once accepted.
        accepted: course.phase === 'initial' ? intent.accepted : true,
        ...(intent.summary === undefined ? {} : { summary: intent.summary }),
      });
      return;
    case 'contract':
      if (course.foci.primary === null || course.contract.agreedOn !== null) return;
      run(builder, {
        type: 'agree-contract',
        date: later(builder, intent.days),
        ...(intent.goals === undefined ? {} : { goals: intent.goals }),
      });
      return;
    case 'stage': {
      const parties = [course.foci.primary, course.foci.secondary].flatMap((focus) =>
        focus?.area === 'role-dispute' ? [focus.personId] : [],
      );
      const personId = pickFrom(parties, intent.pick);
      if (personId === undefined) return;
      run(builder, {
        type: 'assess-dispute-stage',
        personId,
        stage: intent.stage,
        date: later(builder, intent.days),
      });
      return;
    }
    case 'analysis': {
      const personId = pickFrom(people, intent.pick);
      if (personId === undefined) return;
      run(builder, {
        type: 'record-communication-analysis',
        analysisId: fresh(builder, 'a', course.communicationAnalyses),
        analysis: { ...intent.analysis, personId: personId },
      });
      return;
    }
    case 'advance':
      advancePhase(builder, intent);
      return;
    case 'renegotiate':
      renegotiate(builder, intent);
      return;
    case 'raise': {
      const notice = course.protocol.termination?.minSessionsBeforeEnd;
      const left = course.contract.timeLimit.sessions - course.sessionCount;
      if (course.terminationRaised !== null || (notice !== undefined && left < notice)) return;
      run(builder, { type: 'raise-termination', date: later(builder, intent.days) });
      return;
    }
    case 'acknowledge': {
      const flagId = pickFrom(openFlags(course), intent.pick);
      if (flagId === undefined) return;
      run(builder, {
        type: 'acknowledge-risk',
        flagId,
        by: intent.by,
        at: `${builder.today}T12:00:00Z`,
        action: intent.action,
      });
      return;
    }
    case 'end':
      // A course does not end while a risk flag is open: they are acknowledged first [CALC].
      acknowledgeAll(builder, intent.by, intent.action);
      run(builder, {
        type: 'end-course',
        date: later(builder, intent.days),
        outcome: intent.outcome,
      });
      return;
  }
}

const PROTOCOL_CHOICES = [...(Object.keys(protocols) as CatalogProtocolId[]), 'custom'] as const;

/** The knobs of a course's start. */
interface StartKnobs {
  readonly protocol: CatalogProtocolId | ProtocolInput;
  readonly courseId: string;
  readonly startDate: string;
  readonly sessions: number;
  readonly cadence: number | undefined;
  readonly moodScale: MoodScale | undefined;
  readonly ringCount: number | undefined;
}

function startArbitrary(read: Partial<CourseOptions>): fc.Arbitrary<StartKnobs> {
  const wanted = Array.isArray(read.protocols)
    ? PROTOCOL_CHOICES.filter((choice) => (read.protocols as unknown[]).includes(choice))
    : [];
  const choices = wanted.length > 0 ? wanted : PROTOCOL_CHOICES;
  const catalog = choices.filter((choice): choice is CatalogProtocolId => choice !== 'custom');
  const protocol = fc.oneof(
    ...(catalog.length > 0 ? [fc.constantFrom(...catalog)] : []),
    ...(choices.includes('custom') ? [protocolInputArbitrary({ maxSessions: 8 })] : []),
  ) as fc.Arbitrary<CatalogProtocolId | ProtocolInput>;
  return fc.record({
    protocol,
    courseId: courseIdArbitrary({ maxLength: 16 }),
    startDate: isoDateArbitrary({
      min: '2020-01-01',
      max: '2030-12-31',
      ...optionsOf<DateRangeOptions>(read.startDates),
    }),
    sessions: fc.nat(1000),
    cadence: fc.option(fc.nat(1000), { nil: undefined, freq: 4 }),
    moodScale: fc.option(moodScaleArbitrary(), { nil: undefined, freq: 3 }),
    ringCount: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined, freq: 3 }),
  });
}

function startCommand(knobs: StartKnobs): CourseCommandInput {
  const chosen = knobs.protocol;
  const definition = typeof chosen === 'string' ? protocols[chosen] : chosen;
  const { min, max } = definition.sessions;
  const high = Math.min(1000, max ?? min + 11);
  const sessions = min + (knobs.sessions % (high - min + 1));
  const allowed = definition.cadence.allowed;
  const cadence =
    knobs.cadence === undefined
      ? definition.cadence.default
      : (pickFrom(allowed, knobs.cadence) ?? definition.cadence.default);
  return {
    type: 'start-course',
    courseId: knobs.courseId,
    protocol: knobs.protocol,
    startDate: knobs.startDate,
    timeLimit: { sessions, cadence },
    ...(knobs.moodScale === undefined ? {} : { moodScale: knobs.moodScale }),
    ...(knobs.ringCount === undefined ? {} : { ringCount: knobs.ringCount }),
  };
}

/** Builds a course from its start and steps. @internal */
function buildCourse(
  start: StartKnobs,
  intents: readonly Intent[],
  finish: IntentOf<'end'> | undefined,
): GeneratedCourse {
  const builder: Builder = {
    state: null,
    today: start.startDate,
    counter: 0,
    commands: [],
    events: [],
  };
  run(builder, startCommand(start));
  for (const intent of intents) applyIntent(builder, intent);
  if (finish !== undefined) applyIntent(builder, finish);
  return Object.freeze({
    commands: Object.freeze(builder.commands),
    events: Object.freeze(builder.events),
    state: started(builder),
  });
}

/**
 * Courses of treatment that iptkit accepts: a `start-course` under a built-in or custom protocol,
 * then generated steps, each turned into the commands that make it legal in the state it meets
 * (a session after the ending is raised when the notice requires it, a focus naming a person who
 * is in the inventory and deceased for grief, the formulation accepted before the middle phase,
 * risk flags acknowledged before the end, dates never going backwards, ...). A step that cannot
 * apply (removing someone when nobody is removable) is skipped. Each value holds the commands,
 * the events `execute` recorded and the final state; `replay(events)` rebuilds the same state.
 * Shrinking removes steps and simplifies them, so a failing property reports a short course.
 * @param options - Protocols, length, ending, start dates and text options.
 * @returns The arbitrary.
 * @example
 * ```ts
 * fc.assert(fc.property(courseArbitrary({ ending: 'always' }), ({ events, state }) => {
 *   expect(myProjection(events)).toEqual(myProjectionOfState(state));
 * }));
 * ```
 * @see IPT reference 11 (the rules the steps respect)
 * @category Testing
 */
export function courseArbitrary(options: CourseOptions = {}): fc.Arbitrary<GeneratedCourse> {
  const read = optionsOf<CourseOptions>(options);
  const text: TextOptions = {
    ...(read.marker === undefined ? {} : { marker: read.marker }),
    ...(read.unicode === undefined ? {} : { unicode: read.unicode }),
  };
  const maxSteps = sizeOption(read.maxSteps, 40, 0, 300);
  const minSteps = sizeOption(read.minSteps, 0, 0, maxSteps);
  return fc
    .record({
      start: startArbitrary(read),
      intents: fc.array(intentArbitrary(text, read.ending), {
        minLength: minSteps,
        maxLength: maxSteps,
        size: 'max',
      }),
      finish: intentArbitraries(text).end,
    })
    .map(({ start, intents, finish }) =>
      buildCourse(start, intents, read.ending === 'always' ? finish : undefined),
    );
}

/**
 * A stored event stream of a course, as read back from storage (plain JSON, not frozen): the
 * events of a {@link courseArbitrary} course. `replay` accepts every value.
 * @param options - As for {@link courseArbitrary}.
 * @returns The arbitrary.
 * @category Testing
 */
export function courseEventsArbitrary(options: CourseOptions = {}): fc.Arbitrary<CourseEvent[]> {
  return courseArbitrary(options).map(
    (course) => JSON.parse(JSON.stringify(course.events)) as CourseEvent[],
  );
}

/**
 * Options of {@link documentArbitrary}.
 * @category Testing
 */
export interface DocumentOptions extends CourseOptions {
  /** Which document type (default either). */
  readonly schema?: DocumentSchemaName;
}

/**
 * A stored document envelope as `toDocument` makes it and a file would hold it (plain JSON):
 * `{ schema: 'iptkit/course-events', version, data: events }` or
 * `{ schema: 'iptkit/course-snapshot', version, data: state }` of a generated course.
 * `parseDocument` and `migrateDocument` accept every value.
 * @param options - Document type and course options.
 * @returns The arbitrary.
 * @category Testing
 */
export function documentArbitrary(options: DocumentOptions = {}): fc.Arbitrary<{
  readonly schema: DocumentSchemaName;
  readonly version: number;
  readonly data: unknown;
}> {
  const read = optionsOf<DocumentOptions>(options);
  const schemas: DocumentSchemaName[] =
    read.schema === 'iptkit/course-events' || read.schema === 'iptkit/course-snapshot'
      ? [read.schema]
      : ['iptkit/course-events', 'iptkit/course-snapshot'];
  return fc.tuple(courseArbitrary(read), fc.constantFrom(...schemas)).map(([course, schema]) => {
    const data = schema === 'iptkit/course-events' ? course.events : course.state;
    return JSON.parse(JSON.stringify(toDocument(schema, data))) as {
      schema: DocumentSchemaName;
      version: number;
      data: unknown;
    };
  });
}
