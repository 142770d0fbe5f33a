import fc from 'fast-check';
import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  checkInvariants,
  DAY0,
  executeAll,
  hasFrozenPart,
  intentSequence,
  isDeeplyFrozen,
  MARKER,
  predictAccepted,
  recordPhq9,
  runIntents,
  session,
  START,
  started,
  startIpt,
  type Command,
  type Step,
} from '../../test/support/course-arbitraries.js';
import { parseDocument, toDocument } from '../document/document.js';
import { CourseCommand } from './commands.js';
import { decide, execute } from './decide.js';
import type { CourseEvent } from './events.js';
import { evolve } from './evolve.js';
import { replay } from './replay.js';
import { courseRules } from './rule-violation.js';
import type { CourseState } from './state.js';

const RUNS = { numRuns: 80 };
const sequences = intentSequence(40);
const ruleCodes = Object.keys(courseRules);

/** Own-key lookup on a record keyed by branded ids. */
function at<TValue>(record: Readonly<Record<string, TValue>>, key: unknown): TValue | undefined {
  return typeof key === 'string' && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The PHQ-9 or GAD-7 total, summed here from the answers (items 1-9 or 1-7; never difficulty). */
function expectedTotal(instrument: string, responses: Readonly<Record<string, number>>): number {
  const items = instrument === 'phq-9' ? 9 : 7;
  let total = 0;
  for (let item = 1; item <= items; item += 1) total += responses[`item${item}`] ?? 0;
  return total;
}

/** The warnings an accepted command should produce, from the reference (computed here). */
function expectedWarnings(before: CourseState, command: Command): string[] {
  if (before === null) return [];
  const codes: string[] = [];
  switch (command.type) {
    case 'record-session': {
      // [MARK06] the initial phase should not run past the protocol's plan (3 under ipt).
      const max = before.protocol.phases.find((plan) => plan.id === 'initial')?.maxSessions;
      if (before.phase === 'initial' && max !== undefined && before.sessionCount + 1 > max) {
        codes.push('initial-phase-long');
      }
      break;
    }
    case 'advance-phase':
      if (command.to === 'middle' && before.contract.agreedOn === null) {
        codes.push('contract-not-agreed');
      }
      if (command.to === 'termination' && before.terminationRaised === null) {
        codes.push('ending-not-raised');
      }
      break;
    case 'record-measure': {
      const responses = command.responses as Record<string, number>;
      if (command.instrument === 'phq-9' && (responses.item9 ?? 0) >= 1) {
        codes.push('risk-flag-opened');
      }
      break;
    }
    case 'end-course': {
      if (command.outcome === 'completed' && before.phase !== 'termination') {
        codes.push('ended-outside-termination');
      }
      const kinds: readonly string[] = before.protocol.followOn?.kinds ?? [];
      const followOn =
        command.outcome === 'continuation-agreed'
          ? 'continuation'
          : command.outcome === 'maintenance-agreed'
            ? 'maintenance'
            : undefined;
      if (followOn !== undefined && !kinds.includes(followOn)) {
        codes.push('follow-on-not-in-protocol');
      }
      break;
    }
  }
  return codes;
}

/** Checks that an accepted command did what it says (the model of each command). */
function expectEffect(step: Step): void {
  const { command } = step;
  const after = step.after!;
  const before = step.before;
  expect(after).not.toBeNull();
  if (before === null) {
    expect(command.type).toBe('start-course');
    expect(after.phase).toBe('initial');
    expect(after.startDate).toBe(START);
    expect(after.sessionCount).toBe(0);
    expect(after.contract.timeLimit).toEqual(command.timeLimit);
    expect(after.outcome).toBeNull();
    return;
  }
  expect(after.courseId).toBe(before.courseId);
  expect(after.protocol).toBe(before.protocol);
  const date = command.date;
  switch (command.type) {
    case 'record-session':
      expect(after.sessionCount).toBe(before.sessionCount + 1);
      expect(at(after.sessions, command.sessionId)).toEqual({
        sessionId: command.sessionId,
        number: command.number,
        date,
        status: command.status,
        phase: before.phase,
      });
      expect(after.lastSessionDate).toBe(date);
      break;
    case 'add-person': {
      const person = command.person as { id: string; label: string };
      expect(at(after.inventory.people, person.id)?.label).toBe(person.label.trim());
      break;
    }
    case 'update-person': {
      const changes = command.changes as { label: string; vitalStatus?: object };
      const updated = at(after.inventory.people, command.personId);
      expect(updated?.label).toBe(changes.label.trim());
      if (changes.vitalStatus !== undefined)
        expect(updated?.vitalStatus).toEqual(changes.vitalStatus);
      break;
    }
    case 'remove-person':
      expect(at(after.inventory.people, command.personId)).toBeUndefined();
      expect(at(after.inventory.circle.placements, command.personId)).toBeUndefined();
      break;
    case 'place-in-circle':
      expect(at(after.inventory.circle.placements, command.personId)).toBe(command.ring);
      break;
    case 'remove-from-circle':
      expect(at(after.inventory.circle.placements, command.personId)).toBeUndefined();
      expect(at(after.inventory.people, command.personId)).toBeDefined();
      break;
    case 'record-life-event':
      expect(after.timeline.events).toHaveLength(before.timeline.events.length + 1);
      break;
    case 'record-mood':
      expect(after.timeline.moods).toHaveLength(before.timeline.moods.length + 1);
      break;
    case 'record-measure': {
      const measure = at(after.measures, command.measureId);
      const responses = command.responses as Record<string, number>;
      expect(measure?.score.total).toBe(expectedTotal(command.instrument as string, responses));
      const flag = at(after.riskFlags, `${String(command.measureId)}:suicidalIdeation`);
      if (command.instrument === 'phq-9' && (responses.item9 ?? 0) >= 1) {
        expect(flag).toEqual({
          id: `${String(command.measureId)}:suicidalIdeation`,
          measureId: command.measureId,
          flag: 'suicidalIdeation',
          raisedOn: date,
          acknowledged: null,
        });
      } else {
        expect(flag).toBeUndefined();
      }
      break;
    }
    case 'choose-focus':
      expect(after.foci[command.rank as 'primary' | 'secondary']).toEqual(command.focus);
      if (command.rank === 'primary') expect(after.formulation).toBeNull();
      break;
    case 'share-formulation':
      expect(after.formulation).toEqual({
        date,
        accepted: command.accepted,
        summary: (command.summary as string).trim(),
      });
      break;
    case 'agree-contract':
      expect(after.contract.agreedOn).toBe(date);
      break;
    case 'assess-dispute-stage':
      expect(after.disputeStages.at(-1)).toEqual({
        personId: command.personId,
        stage: command.stage,
        date,
      });
      for (const focus of [after.foci.primary, after.foci.secondary]) {
        if (focus?.area === 'role-dispute' && focus.personId === command.personId) {
          expect(focus.stage).toBe(command.stage);
        }
      }
      break;
    case 'record-communication-analysis':
      expect(at(after.communicationAnalyses, command.analysisId)).toBeDefined();
      break;
    case 'advance-phase':
      expect(after.phase).toBe(command.to);
      expect(after.phaseHistory).toEqual([
        ...before.phaseHistory,
        { phase: command.to, since: date },
      ]);
      break;
    case 'renegotiate-contract':
      expect(after.contract.timeLimit).toEqual(command.timeLimit);
      expect(after.contract.renegotiations.at(-1)).toMatchObject({
        date,
        from: before.contract.timeLimit,
        to: command.timeLimit,
      });
      break;
    case 'raise-termination':
      expect(after.terminationRaised).toEqual({ date, afterSession: before.sessionCount });
      break;
    case 'acknowledge-risk':
      expect(at(after.riskFlags, command.flagId)?.acknowledged).toEqual({
        by: command.by,
        at: command.at,
        action: (command.action as string).trim(),
      });
      break;
    case 'end-course':
      expect(after.outcome).toEqual({ date, outcome: command.outcome });
      break;
    default:
      throw new Error(`no model for ${String(command.type)}`);
  }
}

describe('any sequence of plausible and implausible commands (model-based)', () => {
  test.prop([sequences], { numRuns: 200 })(
    '[ISIPT] [CG7] [ALPF] [MARK06] [PP-CC] [CALC] every accepted command keeps the invariants of reference 11 and does what it says',
    (intents) => {
      runIntents(intents, (step) => {
        const predicted = predictAccepted(step.before, step.command);
        if (predicted !== undefined) {
          expect(
            step.error === undefined,
            `${JSON.stringify(step.command)} -> ${JSON.stringify(step.error)}`,
          ).toBe(predicted);
        }
        if (step.error !== undefined) return;
        expect(checkInvariants(step.after), JSON.stringify(step.command)).toEqual([]);
        expectEffect(step);
        expect(step.warnings.map((warning) => warning.code)).toEqual(
          expectedWarnings(step.before, step.command),
        );
      });
    },
  );

  test.prop([sequences], RUNS)(
    'every refused command leaves the state untouched, says why with a catalog code, and quotes no client text',
    (intents) => {
      runIntents(
        intents,
        (step) => {
          const error = step.error;
          for (const warning of step.warnings) {
            expect(ruleCodes).not.toContain(warning.code);
            expect(JSON.stringify(warning)).not.toContain(MARKER);
          }
          if (error === undefined) return;
          expect(step.after).toBe(step.before);
          expect(step.before).toEqual(step.beforeClone);
          expect(error.kind).toBe('rule');
          expect(ruleCodes).toContain(error.code);
          expect(error.reference).toBe(courseRules[error.code].reference);
          expect(JSON.stringify(error)).not.toContain(MARKER);
          expect(decide(step.before, step.command)).toEqual({ ok: false, error });
        },
        { snapshot: true },
      );
    },
  );

  test.prop([sequences], RUNS)(
    'replay of the events so far equals the state built step by step, also after a JSON round trip',
    (intents) => {
      runIntents(intents, (step, events) => {
        if (step.error !== undefined) return;
        expect(replay(events)).toStrictEqual({ ok: true, value: step.after });
        const stored = JSON.parse(JSON.stringify(events)) as unknown;
        expect(replay(stored)).toStrictEqual({ ok: true, value: step.after });
      });
    },
  );

  test.prop([sequences], RUNS)(
    'states and events are deeply frozen; commands and events passed in are neither changed nor frozen',
    (intents) => {
      const { events, state } = runIntents(
        intents,
        (step) => {
          expect(isDeeplyFrozen(step.after)).toBe(true);
          if (step.error === undefined) expect(isDeeplyFrozen(step.events)).toBe(true);
          expect(step.command).toEqual(step.commandClone);
          expect(hasFrozenPart(step.command)).toBe(false);
        },
        { snapshot: true },
      );
      const stored = JSON.parse(JSON.stringify(events)) as CourseEvent[];
      const copy = structuredClone(stored);
      const replayed = replay(stored);
      expect(stored).toEqual(copy);
      expect(hasFrozenPart(stored)).toBe(false);
      expect(replayed.ok && isDeeplyFrozen(replayed.value)).toBe(true);
      let folded: CourseState = null;
      for (const event of stored) folded = evolve(folded, event);
      expect(stored).toEqual(copy);
      expect(hasFrozenPart(stored)).toBe(false);
      expect(folded).toStrictEqual(state);
      expect(isDeeplyFrozen(folded)).toBe(true);
    },
  );

  test.prop([sequences], { numRuns: 50 })(
    'snapshot and event documents round-trip losslessly through parseDocument',
    (intents) => {
      const { events, state } = runIntents(intents);
      const snapshot = parseDocument(toDocument('iptkit/course-snapshot', state));
      expect(snapshot).toStrictEqual({
        ok: true,
        value: { schema: 'iptkit/course-snapshot', version: 1, data: state },
      });
      const storedSnapshot = parseDocument(
        JSON.parse(JSON.stringify(toDocument('iptkit/course-snapshot', state))),
      );
      expect(storedSnapshot.ok && storedSnapshot.value.data).toStrictEqual(state);
      const stream = parseDocument(
        JSON.parse(JSON.stringify(toDocument('iptkit/course-events', events))),
      );
      expect(stream.ok).toBe(true);
      if (!stream.ok) return;
      expect(stream.value.data).toStrictEqual(events);
      expect(replay(stream.value.data)).toStrictEqual({ ok: true, value: state });
    },
  );
});

describe('decide and execute on outside data', () => {
  const course = started(executeAll([startIpt(), session(1), recordPhq9('m1', DAY0, 0)]));
  const validCommands = fc.constantFrom<Command>(
    startIpt(),
    session(1),
    session(2),
    { type: 'record-mood', rating: { date: DAY0, value: 4 } },
    { type: 'end-course', date: DAY0, outcome: 'dropped-out' },
  );

  test.prop([fc.anything(), fc.constantFrom<CourseState>(null, course)], { numRuns: 300 })(
    'decide and execute never throw on any command; anything that is not a command is invalid-command',
    (command, state) => {
      const decided = decide(state, command);
      const executed = execute(state, command);
      expect(executed.ok).toBe(decided.ok);
      if (CourseCommand.safeParse(command).success) return;
      expect(decided).toMatchObject({
        ok: false,
        error: { kind: 'rule', code: 'invalid-command' },
      });
      expect(executed).toEqual(decided);
    },
  );

  const garbageState = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.string(),
    fc.boolean(),
    fc.constant(undefined),
    fc.constant({}),
    fc.array(fc.anything(), { maxLength: 4 }),
    fc.dictionary(fc.string(), fc.anything(), { maxKeys: 4 }),
  );

  test.prop([garbageState, fc.oneof(validCommands, fc.anything())], { numRuns: 300 })(
    'a state iptkit did not build (numbers, strings, {}, arrays, ...) is refused with invalid-state',
    (state, command) => {
      const decided = decide(state as CourseState, command);
      expect(decided).toMatchObject({ ok: false, error: { kind: 'rule', code: 'invalid-state' } });
      expect(execute(state as CourseState, command)).toEqual(decided);
    },
  );

  /** A real state with one field somewhere replaced by anything. */
  const corrupted = fc
    .tuple(
      fc.constantFrom(
        ['sessions'],
        ['contract'],
        ['contract', 'timeLimit'],
        ['inventory', 'people'],
        ['inventory', 'circle'],
        ['timeline'],
        ['riskFlags'],
        ['protocol', 'phases'],
        ['protocol', 'termination'],
        ['phaseHistory'],
        ['foci'],
        ['outcome'],
        ['measures'],
      ),
      fc.anything(),
    )
    .map(([path, value]) => {
      const copy = structuredClone(course) as unknown as Record<string, unknown>;
      let target = copy;
      for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
      target[path.at(-1)!] = value;
      return copy as unknown as CourseState;
    });

  test.prop([corrupted, fc.oneof(validCommands, fc.anything())], { numRuns: 300 })(
    'decide never throws on a corrupted state: it returns a result',
    (state, command) => {
      const decided = decide(state, command);
      expect(typeof decided.ok).toBe('boolean');
      if (!decided.ok) expect(ruleCodes).toContain(decided.error.code);
    },
  );
});
