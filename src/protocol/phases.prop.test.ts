import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import {
  Phase,
  corePhases,
  isCorePhase,
  isForwardPhaseMove,
  nextPhase,
  phaseIndex,
} from './phases.js';
import { protocols } from './protocols.js';

const catalog = Object.values(protocols);
const anyPhase = fc.constantFrom(...Phase.options);
const catalogProtocol = fc.constantFrom(...catalog);

/** A phase plan with distinct phases in any order (the functions take any plan). */
const anyPlan = fc
  .shuffledSubarray([...Phase.options])
  .map((ids) => ({ phases: ids.map((id) => ({ id })) }));
const plans = fc.oneof(catalogProtocol, anyPlan);

describe('isForwardPhaseMove is a strict order on every plan', () => {
  test.prop([plans, anyPhase])('irreflexive', (plan, phase) => {
    expect(isForwardPhaseMove(plan, phase, phase)).toBe(false);
  });

  test.prop([plans, anyPhase, anyPhase])('antisymmetric', (plan, from, to) => {
    expect(isForwardPhaseMove(plan, from, to) && isForwardPhaseMove(plan, to, from)).toBe(false);
  });

  test.prop([plans, anyPhase, anyPhase, anyPhase])('transitive', (plan, first, second, third) => {
    fc.pre(isForwardPhaseMove(plan, first, second) && isForwardPhaseMove(plan, second, third));
    expect(isForwardPhaseMove(plan, first, third)).toBe(true);
  });

  test('laws hold exhaustively over every pair and triple of phases of every catalog protocol', () => {
    for (const protocol of catalog) {
      const ids = protocol.phases.map((plan) => plan.id);
      for (const a of ids) {
        expect(isForwardPhaseMove(protocol, a, a)).toBe(false);
        for (const b of ids) {
          if (a !== b) {
            // Total on the protocol's own phases: exactly one direction is forward.
            expect(isForwardPhaseMove(protocol, a, b)).not.toBe(isForwardPhaseMove(protocol, b, a));
          }
          for (const c of ids) {
            if (isForwardPhaseMove(protocol, a, b) && isForwardPhaseMove(protocol, b, c)) {
              expect(isForwardPhaseMove(protocol, a, c)).toBe(true);
            }
          }
        }
      }
    }
  });

  test.prop([plans, anyPhase, anyPhase])(
    'is forward exactly when both phases are in the plan and the target comes later',
    (plan, from, to) => {
      const ids = plan.phases.map((entry) => entry.id);
      const expected =
        ids.includes(from) && ids.includes(to) && ids.indexOf(to) > ids.indexOf(from);
      expect(isForwardPhaseMove(plan, from, to)).toBe(expected);
    },
  );
});

describe('phaseIndex and nextPhase', () => {
  test.prop([plans, anyPhase])('phaseIndex is the position in the plan', (plan, phase) => {
    const position = plan.phases.findIndex((entry) => entry.id === phase);
    expect(phaseIndex(plan, phase)).toBe(position === -1 ? undefined : position);
  });

  test.prop([plans, anyPhase])('nextPhase is the immediate forward successor', (plan, phase) => {
    const next = nextPhase(plan, phase);
    const index = phaseIndex(plan, phase);
    if (next === undefined) {
      expect(index === undefined || index === plan.phases.length - 1).toBe(true);
      return;
    }
    expect(isForwardPhaseMove(plan, phase, next)).toBe(true);
    expect(phaseIndex(plan, next)).toBe(index! + 1);
    for (const between of Phase.options) {
      expect(
        isForwardPhaseMove(plan, phase, between) && isForwardPhaseMove(plan, between, next),
      ).toBe(false);
    }
  });

  test.prop([catalogProtocol])(
    'every catalog protocol has the core phases in core order',
    (protocol) => {
      const positions = corePhases.map((phase) => phaseIndex(protocol, phase));
      expect(positions.every((position) => position !== undefined)).toBe(true);
      expect(isForwardPhaseMove(protocol, 'initial', 'middle')).toBe(true);
      expect(isForwardPhaseMove(protocol, 'middle', 'termination')).toBe(true);
      expect(nextPhase(protocol, 'termination')).toBeUndefined();
    },
  );
});

test.prop([anyPhase])('isCorePhase agrees with corePhases', (phase) => {
  expect(isCorePhase(phase)).toBe((corePhases as readonly Phase[]).includes(phase));
});
