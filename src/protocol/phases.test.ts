import { describe, expect, test } from 'vitest';
import { isSourceKey } from '../sources/sources.js';
import {
  Phase,
  corePhases,
  isCorePhase,
  isForwardPhaseMove,
  nextPhase,
  phaseIndex,
  phaseTasks,
} from './phases.js';
import { protocols } from './protocols.js';

const { ipt, ipsrt } = protocols;
const catalog = Object.values(protocols);
const taskIds = (phase: keyof typeof phaseTasks) => phaseTasks[phase].map((task) => task.id);

describe('Phase and core phases', () => {
  test('Phase is initial, middle, maintenance, termination [ALPF][IPSRT-W]', () => {
    expect(Phase.options).toEqual(['initial', 'middle', 'maintenance', 'termination']);
    expect(Phase.safeParse('final').success).toBe(false);
  });

  test('acute IPT has three core phases: initial, middle, termination [ALPF]', () => {
    expect(corePhases).toEqual(['initial', 'middle', 'termination']);
    expect(Object.isFrozen(corePhases)).toBe(true);
  });

  test('isCorePhase is true for the three core phases and false for maintenance', () => {
    expect(isCorePhase('initial')).toBe(true);
    expect(isCorePhase('middle')).toBe(true);
    expect(isCorePhase('termination')).toBe(true);
    expect(isCorePhase('maintenance')).toBe(false);
  });
});

describe('phaseIndex', () => {
  test('ipt: initial 0, middle 1, termination 2, no maintenance [ALPF]', () => {
    expect(phaseIndex(ipt, 'initial')).toBe(0);
    expect(phaseIndex(ipt, 'middle')).toBe(1);
    expect(phaseIndex(ipt, 'termination')).toBe(2);
    expect(phaseIndex(ipt, 'maintenance')).toBeUndefined();
  });

  test('ipsrt: maintenance sits between middle and termination [IPSRT-W]', () => {
    expect(phaseIndex(ipsrt, 'initial')).toBe(0);
    expect(phaseIndex(ipsrt, 'middle')).toBe(1);
    expect(phaseIndex(ipsrt, 'maintenance')).toBe(2);
    expect(phaseIndex(ipsrt, 'termination')).toBe(3);
  });

  test('works on any phase plan, including an empty one', () => {
    expect(phaseIndex({ phases: [] }, 'initial')).toBeUndefined();
    expect(phaseIndex({ phases: [{ id: 'termination' }, { id: 'initial' }] }, 'initial')).toBe(1);
  });
});

describe('nextPhase', () => {
  test('ipt: initial -> middle -> termination -> (none) [ALPF]', () => {
    expect(nextPhase(ipt, 'initial')).toBe('middle');
    expect(nextPhase(ipt, 'middle')).toBe('termination');
    expect(nextPhase(ipt, 'termination')).toBeUndefined();
  });

  test('ipt: a phase the protocol lacks has no next phase', () => {
    expect(nextPhase(ipt, 'maintenance')).toBeUndefined();
  });

  test('ipsrt: middle -> maintenance -> termination [IPSRT-W]', () => {
    expect(nextPhase(ipsrt, 'initial')).toBe('middle');
    expect(nextPhase(ipsrt, 'middle')).toBe('maintenance');
    expect(nextPhase(ipsrt, 'maintenance')).toBe('termination');
    expect(nextPhase(ipsrt, 'termination')).toBeUndefined();
  });

  test('every catalog protocol walks from initial to termination through all its phases', () => {
    for (const protocol of catalog) {
      const walked: Phase[] = ['initial'];
      for (let phase = nextPhase(protocol, 'initial'); phase !== undefined;) {
        walked.push(phase);
        phase = nextPhase(protocol, phase);
      }
      expect(walked).toEqual(protocol.phases.map((plan) => plan.id));
      expect(walked.at(-1)).toBe('termination');
    }
  });
});

describe('isForwardPhaseMove', () => {
  test('ipt: forward moves, including skipping ahead, are forward [ALPF]', () => {
    expect(isForwardPhaseMove(ipt, 'initial', 'middle')).toBe(true);
    expect(isForwardPhaseMove(ipt, 'middle', 'termination')).toBe(true);
    expect(isForwardPhaseMove(ipt, 'initial', 'termination')).toBe(true);
  });

  test('ipt: staying, or moving back, is not forward [ALPF]', () => {
    expect(isForwardPhaseMove(ipt, 'middle', 'middle')).toBe(false);
    expect(isForwardPhaseMove(ipt, 'middle', 'initial')).toBe(false);
    expect(isForwardPhaseMove(ipt, 'termination', 'initial')).toBe(false);
    expect(isForwardPhaseMove(ipt, 'termination', 'middle')).toBe(false);
  });

  test('ipt: a move to or from a phase the protocol lacks is not forward', () => {
    expect(isForwardPhaseMove(ipt, 'middle', 'maintenance')).toBe(false);
    expect(isForwardPhaseMove(ipt, 'maintenance', 'termination')).toBe(false);
  });

  test('ipsrt: middle -> maintenance -> termination is forward, maintenance -> middle is not [IPSRT-W]', () => {
    expect(isForwardPhaseMove(ipsrt, 'middle', 'maintenance')).toBe(true);
    expect(isForwardPhaseMove(ipsrt, 'maintenance', 'termination')).toBe(true);
    expect(isForwardPhaseMove(ipsrt, 'initial', 'maintenance')).toBe(true);
    expect(isForwardPhaseMove(ipsrt, 'maintenance', 'middle')).toBe(false);
    expect(isForwardPhaseMove(ipsrt, 'termination', 'maintenance')).toBe(false);
  });
});

describe('phaseTasks', () => {
  test('has tasks for exactly the three core phases', () => {
    expect(Object.keys(phaseTasks).sort()).toEqual([...corePhases].sort());
    for (const phase of corePhases) expect(phaseTasks[phase].length).toBeGreaterThan(0);
  });

  test('every task cites at least one known source key', () => {
    for (const phase of corePhases) {
      for (const task of phaseTasks[phase]) {
        expect(task.sources.length, task.id).toBeGreaterThan(0);
        for (const ref of task.sources) expect(isSourceKey(ref), `${task.id}: ${ref}`).toBe(true);
      }
    }
  });

  test('task ids are unique kebab-case, with a label and a description', () => {
    const ids = corePhases.flatMap((phase) => taskIds(phase));
    expect(new Set(ids).size).toBe(ids.length);
    for (const phase of corePhases) {
      for (const task of phaseTasks[phase]) {
        expect(task.id).toMatch(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/);
        expect(task.label.length).toBeGreaterThan(0);
        expect(task.description.length).toBeGreaterThan(0);
      }
    }
  });

  test('initial tasks include interpersonal-inventory, interpersonal-formulation, treatment-contract [ALPF][CG7]', () => {
    expect(taskIds('initial')).toEqual(
      expect.arrayContaining([
        'interpersonal-inventory',
        'interpersonal-formulation',
        'treatment-contract',
      ]),
    );
    const byId = new Map(phaseTasks.initial.map((task) => [task.id, task]));
    expect(byId.get('interpersonal-inventory')?.sources).toContain('ALPF');
    expect(byId.get('interpersonal-formulation')?.sources).toContain('ALPF');
    expect(byId.get('treatment-contract')?.sources).toContain('CG7');
  });

  test('initial tasks include diagnosis, psychoeducation, sick role and choosing the area [ALPF][MARK06]', () => {
    expect(taskIds('initial')).toEqual(
      expect.arrayContaining(['diagnosis', 'psychoeducation', 'sick-role', 'choose-problem-area']),
    );
  });

  test('middle tasks work on the agreed problem area [IPTUK][ALPF]', () => {
    expect(taskIds('middle')).toContain('work-on-problem-area');
    expect(taskIds('middle')).toContain('link-mood-and-events');
  });

  test('termination tasks include raise-ending [CG7] and relapse-prevention [EBRARY-TERM]', () => {
    expect(taskIds('termination')).toEqual(
      expect.arrayContaining(['raise-ending', 'relapse-prevention']),
    );
    const raiseEnding = phaseTasks.termination.find((task) => task.id === 'raise-ending');
    expect(raiseEnding?.sources).toEqual(['CG7']);
    expect(raiseEnding?.description).toMatch(/2-4 sessions before the last/);
    const relapse = phaseTasks.termination.find((task) => task.id === 'relapse-prevention');
    expect(relapse?.sources).toContain('EBRARY-TERM');
  });

  test('termination includes consolidation and deciding what comes next [OUP-TERM][CG7]', () => {
    expect(taskIds('termination')).toEqual(
      expect.arrayContaining(['consolidation', 'decide-what-next']),
    );
  });

  test('is deeply frozen', () => {
    expect(Object.isFrozen(phaseTasks)).toBe(true);
    for (const phase of corePhases) {
      expect(Object.isFrozen(phaseTasks[phase])).toBe(true);
      for (const task of phaseTasks[phase]) {
        expect(Object.isFrozen(task)).toBe(true);
        expect(Object.isFrozen(task.sources)).toBe(true);
      }
    }
    expect(() => {
      (phaseTasks.initial as unknown as unknown[]).push({});
    }).toThrow(TypeError);
    expect(() => {
      (phaseTasks.termination[0] as { label: string }).label = 'changed';
    }).toThrow(TypeError);
    expect(phaseTasks.termination[0]!.label).toBe('Raise the ending');
  });
});
