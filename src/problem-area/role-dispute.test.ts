import { describe, expect, it } from 'vitest';
import { safeParseWith } from '../internal/parse.js';
import { isSourceKey } from '../sources/sources.js';
import { DisputeStage, disputeStages } from './role-dispute.js';

/** The role-dispute stages in the order the reference gives them [MEMPHIS-RD]. */
const STAGES = ['renegotiation', 'impasse', 'dissolution'] as const;

function assignIn(target: object, key: PropertyKey, value: unknown): void {
  (target as Record<PropertyKey, unknown>)[key] = value;
}

describe('DisputeStage', () => {
  it('has the three stages in order: renegotiation, impasse, dissolution [MEMPHIS-RD]', () => {
    expect(DisputeStage.options).toEqual([...STAGES]);
  });

  it.each(STAGES)('accepts %s', (stage) => {
    expect(safeParseWith(DisputeStage, stage)).toEqual({ ok: true, value: stage });
  });

  it.each([
    'Impasse',
    ' impasse',
    'impasse ',
    'resolution',
    'cold war',
    'separation',
    '',
    'dissolved',
  ])('rejects the string %j with code invalid-value at the root', (value) => {
    const result = safeParseWith(DisputeStage, value);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('validation');
    expect(result.error.issues).toHaveLength(1);
    expect(result.error.issues[0]!.code).toBe('invalid-value');
    expect(result.error.issues[0]!.path).toEqual([]);
  });

  it('does not quote the rejected input in the message', () => {
    const result = safeParseWith(DisputeStage, 'secret-client-text');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    for (const found of result.error.issues) expect(found.message).not.toContain('secret');
  });

  it.each([undefined, null, 1, ['impasse'], { stage: 'impasse' }])(
    'rejects non-string %j',
    (value) => {
      expect(safeParseWith(DisputeStage, value).ok).toBe(false);
    },
  );
});

describe('disputeStages catalog', () => {
  it('lists the three stages in order, each keyed by its own id', () => {
    expect(Object.keys(disputeStages)).toEqual([...STAGES]);
    for (const stage of STAGES) expect(disputeStages[stage].id).toBe(stage);
  });

  it.each(STAGES)('%s has recognisedBy, treatmentImplication and known sources', (stage) => {
    const info = disputeStages[stage];
    expect(info.recognisedBy.trim().length).toBeGreaterThan(0);
    expect(info.treatmentImplication.trim().length).toBeGreaterThan(0);
    expect(info.sources.length).toBeGreaterThan(0);
    expect(info.sources).toContain('MEMPHIS-RD');
    for (const source of info.sources) expect(isSourceKey(source), source).toBe(true);
  });

  it('renegotiation: both parties actively trying; improve communication and negotiation', () => {
    expect(disputeStages.renegotiation.recognisedBy).toMatch(/actively/i);
    expect(disputeStages.renegotiation.treatmentImplication).toMatch(/negotiation/i);
  });

  it('impasse: discussion stopped, "cold war"; reopen the dispute or consider dissolution', () => {
    expect(disputeStages.impasse.recognisedBy).toMatch(/stopped/i);
    expect(disputeStages.impasse.recognisedBy).toMatch(/cold war/i);
    expect(disputeStages.impasse.treatmentImplication).toMatch(/open/i);
    expect(disputeStages.impasse.treatmentImplication).toMatch(/dissolution/i);
  });

  it('dissolution: irretrievably broken; help end it and mourn it', () => {
    expect(disputeStages.dissolution.recognisedBy).toMatch(/irretrievably broken/i);
    expect(disputeStages.dissolution.treatmentImplication).toMatch(/mourn/i);
    expect(disputeStages.dissolution.treatmentImplication).toMatch(/end/i);
  });

  it('is deeply frozen: assignment throws a TypeError at every depth', () => {
    expect(Object.isFrozen(disputeStages)).toBe(true);
    for (const stage of STAGES) {
      expect(Object.isFrozen(disputeStages[stage])).toBe(true);
      expect(Object.isFrozen(disputeStages[stage].sources)).toBe(true);
    }
    expect(() => {
      assignIn(disputeStages, 'impasse', {});
    }).toThrow(TypeError);
    expect(() => {
      assignIn(disputeStages.dissolution, 'treatmentImplication', 'changed');
    }).toThrow(TypeError);
    expect(() => {
      assignIn(disputeStages.renegotiation.sources, 0, 'ACF');
    }).toThrow(TypeError);
    expect(disputeStages.dissolution.treatmentImplication).toMatch(/mourn/i);
  });
});
