/**
 * Fuzzing the Decider (64,800 inputs in CI, see budget.ts): `decide`, `decideWithWarnings` and
 * `execute` with any state and any command, with commands of real courses given one mutation, with
 * mutated states, and with generated command sequences salted with broken commands. Nothing
 * throws; every result is well formed; inputs are unchanged; and every state `execute` accepts
 * from a valid state keeps the invariants of IPT reference section 11 (checked by the independent
 * checker in test/support/course-arbitraries.ts). `evolve` trusts its events and is not fuzzed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, decideWithWarnings, execute } from '../../src/course/decide.js';
import { replay } from '../../src/course/replay.js';
import type { CourseState } from '../../src/course/state.js';
import {
  checkInvariants,
  commandDate,
  commandFor,
  intentSequence,
  START,
  type Clock,
} from '../support/course-arbitraries.js';
import { asJson, oneMutation } from '../support/mutations.js';
import { runs, timeoutFor } from './budget.js';
import { courseSamples } from './samples.js';
import { anyInput, call, check, expectResult, fuzz, trusted } from './support.js';

/** A command of a generated course and the (valid) state it met. */
interface Moment {
  readonly state: CourseState;
  readonly command: unknown;
}

let moments: Moment[] | undefined;

/** Every command of the sample courses with the state before it, computed once. */
function courseMoments(): readonly Moment[] {
  if (moments !== undefined) return moments;
  const found: Moment[] = [];
  for (const course of courseSamples()) {
    let state: CourseState = null;
    for (const command of course.commands) {
      found.push({ state, command: asJson(command) });
      const next = execute(state, command);
      if (!next.ok) throw new Error('a generated course did not execute');
      state = next.value.state;
    }
    found.push({
      state,
      command: { type: 'end-course', date: '2030-01-01', outcome: 'completed' },
    });
  }
  trusted(found.map((moment) => moment.state));
  moments = found;
  return found;
}

const entries = {
  decide: (state: unknown, command: unknown) => decide(state as CourseState, command),
  decideWithWarnings: (state: unknown, command: unknown) =>
    decideWithWarnings(state as CourseState, command),
  execute: (state: unknown, command: unknown) => execute(state as CourseState, command),
};
const names = Object.keys(entries) as (keyof typeof entries)[];

/** Fails unless a state `execute` accepted from a valid state keeps every invariant. */
function expectInvariants(result: unknown): void {
  const shaped = result as { ok: boolean; value?: { state?: CourseState } };
  if (!shaped.ok || shaped.value?.state === undefined) return;
  const broken = checkInvariants(shaped.value.state);
  check(broken.length === 0, `invariants hold (broken: ${broken.join('; ')})`);
}

describe('decide and execute never throw', () => {
  const anyCount = runs('course', 'decide-anything');
  it(
    'on any state and any command',
    () => {
      const all = courseMoments();
      const state = fc.oneof(
        { weight: 2, arbitrary: fc.constant(null) },
        { weight: 2, arbitrary: fc.nat(all.length - 1).map((index) => all[index]!.state) },
        { weight: 3, arbitrary: anyInput(3) },
      );
      const command = fc.oneof(
        { weight: 3, arbitrary: anyInput(3) },
        { weight: 1, arbitrary: fc.nat(all.length - 1).map((index) => all[index]!.command) },
      );
      fuzz(
        'course/decide-anything',
        fc.property(fc.constantFrom(...names), state, command, (name, given, order) => {
          const result = call([given, order], () => entries[name](given, order));
          expectResult(result);
          // A state that is null or was built by iptkit is valid: what execute makes of it must be.
          if (given === null || all.some((moment) => moment.state === given)) {
            expectInvariants(result);
          }
        }),
        anyCount,
      );
    },
    timeoutFor(anyCount, 60),
  );

  const nearCount = runs('course', 'command-near-valid');
  it(
    'on the commands of real courses with one mutation, keeping the invariants',
    () => {
      const all = courseMoments();
      fuzz(
        'course/command-near-valid',
        fc.property(
          fc.nat(all.length - 1),
          fc.nat(),
          fc.nat(),
          fc.constantFrom(...names),
          (index, pick, choice, name) => {
            const moment = all[index]!;
            const { value } = oneMutation(moment.command as never, pick, choice);
            const result = call([moment.state, value], () => entries[name](moment.state, value));
            expectResult(result);
            expectInvariants(result);
          },
        ),
        nearCount,
      );
    },
    timeoutFor(nearCount, 1500),
  );

  const stateCount = runs('course', 'state-mutated');
  it(
    'on a state with one mutation (as a tampered snapshot brings it)',
    () => {
      const all = courseMoments().filter((moment) => moment.state !== null);
      fuzz(
        'course/state-mutated',
        fc.property(
          fc.nat(all.length - 1),
          fc.nat(),
          fc.nat(),
          fc.constantFrom(...names),
          (index, pick, choice, name) => {
            const moment = all[index]!;
            const { value } = oneMutation(asJson(moment.state), pick, choice);
            expectResult(call([value, moment.command], () => entries[name](value, moment.command)));
          },
        ),
        stateCount,
      );
    },
    timeoutFor(stateCount, 20_000),
  );

  const sequenceCount = runs('course', 'sequence-invariants');
  it(
    'along generated courses salted with broken commands, every accepted state keeps the invariants and replays',
    () => {
      fuzz(
        'course/sequence-invariants',
        fc.property(
          intentSequence(30),
          fc.array(fc.tuple(fc.nat(9), fc.nat(), fc.nat()), { minLength: 40, maxLength: 40 }),
          (intents, salt) => {
            let state: CourseState = null;
            const events: unknown[] = [];
            const clock: Clock = { today: START, nextSession: 1 };
            intents.forEach((intent, index) => {
              const [odds, pick, choice] = salt[index % salt.length]!;
              const planned = asJson(commandFor(intent, state, clock));
              // One command in five is broken on the way.
              const command = odds < 2 ? oneMutation(planned, pick, choice).value : planned;
              const result = call([state, command], () => execute(state, command));
              expectResult(result);
              if (result?.ok !== true) return;
              expectInvariants(result);
              state = result.value.state;
              events.push(...(asJson(result.value.events) as unknown[]));
              const dated = commandDate(planned as never);
              if (command === planned && dated !== undefined && dated > clock.today) {
                clock.today = dated;
              }
              if ((planned as { type?: unknown }).type === 'record-session') clock.nextSession += 1;
            });
            // What was accepted, stored and read back, is the same course.
            const replayed = replay(events);
            expect(replayed.ok).toBe(true);
            if (replayed.ok) expect(asJson(replayed.value)).toEqual(asJson(state));
          },
        ),
        sequenceCount,
      );
    },
    timeoutFor(sequenceCount, 30_000),
  );
});
