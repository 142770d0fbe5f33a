import { describe, expect, it } from 'vitest';
import type { Issue } from '../internal/issues.js';
import { safeParseWith } from '../internal/parse.js';
import { protocols } from '../protocol/protocols.js';
import {
  checkFocusForProtocol,
  Focus,
  GriefFocus,
  InterpersonalDeficitsFocus,
  RoleDisputeFocus,
  RoleTransitionFocus,
} from './focus.js';

/** Parses a focus that must be valid and returns it (fails the test otherwise). */
function validFocus(input: unknown): Focus {
  const result = safeParseWith(Focus, input);
  if (!result.ok) throw new Error(`expected a valid focus: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** The issues of an input that must be rejected. */
function issuesOf(input: unknown): readonly Issue[] {
  const result = safeParseWith(Focus, input);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.error.issues;
}

function codesAt(issues: readonly Issue[], path: readonly (string | number)[]): string[] {
  return issues
    .filter((found) => JSON.stringify(found.path) === JSON.stringify(path))
    .map((found) => found.code);
}

describe('Focus: valid examples of each variant', () => {
  it.each([
    ['grief naming the deceased', { area: 'grief', personId: 'mother-1' }],
    ['grief, explicit death', { area: 'grief', personId: 'p_01', loss: 'death' }],
    ['grief, other loss without person', { area: 'grief', loss: 'other' }],
    ['grief, other loss with person', { area: 'grief', loss: 'other', personId: 'ex.partner' }],
    [
      'role dispute, renegotiation',
      { area: 'role-dispute', personId: 'p1', stage: 'renegotiation' },
    ],
    ['role dispute, impasse', { area: 'role-dispute', personId: 'uuid:42', stage: 'impasse' }],
    ['role dispute, dissolution', { area: 'role-dispute', personId: 'P-9', stage: 'dissolution' }],
    ['role transition', { area: 'role-transition', from: 'employee', to: 'retiree' }],
    ['interpersonal deficits', { area: 'interpersonal-deficits' }],
  ])('%s parses unchanged', (_name, input) => {
    const result = safeParseWith(Focus, input);
    expect(result).toEqual({ ok: true, value: input });
    if (result.ok) expect(Object.isFrozen(result.value)).toBe(true);
  });

  it('each variant schema accepts its own example', () => {
    expect(GriefFocus.safeParse({ area: 'grief', personId: 'p1' }).success).toBe(true);
    expect(
      RoleDisputeFocus.safeParse({ area: 'role-dispute', personId: 'p1', stage: 'impasse' })
        .success,
    ).toBe(true);
    expect(
      RoleTransitionFocus.safeParse({ area: 'role-transition', from: 'a', to: 'b' }).success,
    ).toBe(true);
    expect(InterpersonalDeficitsFocus.safeParse({ area: 'interpersonal-deficits' }).success).toBe(
      true,
    );
  });
});

describe('Focus: role dispute needs a stage [MEMPHIS-RD, invariant 6]', () => {
  it('fails at path ["stage"] when the stage is missing', () => {
    const issues = issuesOf({ area: 'role-dispute', personId: 'p1' });
    expect(issues.map((found) => found.path)).toEqual([['stage']]);
    expect(issues[0]!.code).toBe('invalid-value');
  });

  it('fails at path ["stage"] for a stage outside the three', () => {
    const issues = issuesOf({ area: 'role-dispute', personId: 'p1', stage: 'cold-war' });
    expect(codesAt(issues, ['stage'])).toEqual(['invalid-value']);
  });

  it('fails at path ["personId"] when the other party is missing', () => {
    const issues = issuesOf({ area: 'role-dispute', stage: 'impasse' });
    expect(issues.map((found) => found.path)).toEqual([['personId']]);
  });
});

describe('Focus: grief about a death needs the deceased [ISIPT, invariant 5]', () => {
  it.each([
    ['loss absent', { area: 'grief' }],
    ['loss death', { area: 'grief', loss: 'death' }],
  ])('%s and no personId fails with grief-needs-person at ["personId"]', (_name, input) => {
    const issues = issuesOf(input);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.code).toBe('grief-needs-person');
    expect(issues[0]!.path).toEqual(['personId']);
    expect(issues[0]!.message.length).toBeGreaterThan(0);
  });

  it('grief with loss "other" and no person is accepted', () => {
    expect(validFocus({ area: 'grief', loss: 'other' })).toEqual({ area: 'grief', loss: 'other' });
  });

  it('rejects a loss kind other than death or other', () => {
    const issues = issuesOf({ area: 'grief', personId: 'p1', loss: 'divorce' });
    expect(codesAt(issues, ['loss'])).toEqual(['invalid-value']);
  });
});

describe('Focus: discriminator and unknown keys', () => {
  it.each([
    ['unknown area', { area: 'loneliness' }],
    ['Stuart label as area', { area: 'grief and loss', personId: 'p1' }],
    ['missing area', { personId: 'p1' }],
    ['non-string area', { area: 4 }],
  ])('%s -> invalid-discriminator at ["area"]', (_name, input) => {
    const issues = issuesOf(input);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.code).toBe('invalid-discriminator');
    expect(issues[0]!.path).toEqual(['area']);
  });

  it.each([null, undefined, 'grief', 42, ['grief']])('rejects the non-object %j', (input) => {
    expect(issuesOf(input).length).toBeGreaterThan(0);
  });

  it.each([
    { area: 'interpersonal-deficits', janeDoeSecret: true },
    { area: 'grief', personId: 'p1', janeDoeSecret: 'x' },
    { area: 'role-dispute', personId: 'p1', stage: 'impasse', janeDoeSecret: 1 },
    { area: 'role-transition', from: 'a', to: 'b', janeDoeSecret: null, JaneDoeSecret2: 2 },
  ])('unknown keys give unrecognized-keys and no message names the key (%j)', (input) => {
    const issues = issuesOf(input);
    expect(issues.map((found) => found.code)).toContain('unrecognized-keys');
    for (const found of issues) {
      expect(found.message.toLowerCase()).not.toContain('janedoesecret');
      expect(JSON.stringify(found.path).toLowerCase()).not.toContain('janedoesecret');
    }
  });

  it('deficits has no personId: a personId key is unrecognized', () => {
    const issues = issuesOf({ area: 'interpersonal-deficits', personId: 'p1' });
    expect(issues.map((found) => found.code)).toEqual(['unrecognized-keys']);
  });
});

describe('Focus: role-transition roles', () => {
  it('trims from and to', () => {
    expect(validFocus({ area: 'role-transition', from: '  employee ', to: '\tretiree\n' })).toEqual(
      { area: 'role-transition', from: 'employee', to: 'retiree' },
    );
  });

  it.each([
    ['empty from', { area: 'role-transition', from: '', to: 'b' }, ['from']],
    ['blank to', { area: 'role-transition', from: 'a', to: '   ' }, ['to']],
    ['missing to', { area: 'role-transition', from: 'a' }, ['to']],
    ['non-string from', { area: 'role-transition', from: 3, to: 'b' }, ['from']],
  ])('%s is rejected at its path', (_name, input, path) => {
    const issues = issuesOf(input);
    expect(issues.map((found) => found.path)).toEqual([path]);
  });

  it('accepts 200 characters (after trimming) and rejects 201', () => {
    const twoHundred = 'x'.repeat(200);
    expect(validFocus({ area: 'role-transition', from: twoHundred, to: 'b' })).toEqual({
      area: 'role-transition',
      from: twoHundred,
      to: 'b',
    });
    expect(validFocus({ area: 'role-transition', from: `  ${twoHundred} `, to: 'b' })).toEqual({
      area: 'role-transition',
      from: twoHundred,
      to: 'b',
    });
    const issues = issuesOf({ area: 'role-transition', from: 'a', to: 'y'.repeat(201) });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.code).toBe('too-big');
    expect(issues[0]!.path).toEqual(['to']);
  });

  it('messages do not quote the role text', () => {
    const issues = issuesOf({ area: 'role-transition', from: 'Zorblax'.repeat(40), to: '' });
    for (const found of issues) expect(found.message).not.toContain('Zorblax');
  });
});

describe('Focus: personId must be id-shaped', () => {
  it.each(['Jane Doe', '', ' p1', '-p1', 'p1/2', 'ünïcode', 'x'.repeat(129)])(
    'rejects %j at ["personId"] without quoting it',
    (personId) => {
      for (const input of [
        { area: 'grief', personId },
        { area: 'role-dispute', personId, stage: 'impasse' },
      ]) {
        const issues = issuesOf(input);
        expect(issues.map((found) => found.path)).toEqual([['personId']]);
        if (personId.length > 0) {
          for (const found of issues) expect(found.message).not.toContain(personId);
        }
      }
    },
  );

  it.each(['p', 'A1', '0', 'a.b_c:d-e', 'x'.repeat(128), '123e4567-e89b-12d3-a456-426614174000'])(
    'accepts %j',
    (personId) => {
      expect(validFocus({ area: 'grief', personId })).toEqual({ area: 'grief', personId });
    },
  );
});

describe('checkFocusForProtocol', () => {
  const otherLoss = validFocus({ area: 'grief', loss: 'other' });
  const deficits = validFocus({ area: 'interpersonal-deficits' });
  const deathGrief = validFocus({ area: 'grief', personId: 'p1' });

  it('rejects grief for a loss other than death under classic IPT [ISIPT, invariant 5]', () => {
    const issues = checkFocusForProtocol(protocols.ipt, otherLoss);
    expect(issues.map((found) => [found.code, found.path])).toEqual([
      ['grief-requires-death', ['loss']],
    ]);
  });

  it('accepts grief for another loss under Stuart & Robertson [CITC-G] and IPSRT [HSP]', () => {
    expect(checkFocusForProtocol(protocols['ipt-stuart-robertson'], otherLoss)).toEqual([]);
    expect(checkFocusForProtocol(protocols.ipsrt, otherLoss)).toEqual([]);
  });

  it('accepts grief about a death under every catalog protocol', () => {
    for (const protocol of Object.values(protocols)) {
      expect(checkFocusForProtocol(protocol, deathGrief), protocol.id).toEqual([]);
    }
  });

  it('rejects interpersonal deficits under Stuart & Robertson [ACF]', () => {
    const issues = checkFocusForProtocol(protocols['ipt-stuart-robertson'], deficits);
    expect(issues.map((found) => [found.code, found.path])).toEqual([
      ['area-not-in-protocol', ['area']],
    ]);
  });

  it('allows interpersonal deficits under classic IPT [ISIPT]', () => {
    expect(checkFocusForProtocol(protocols.ipt, deficits)).toEqual([]);
  });

  it('reports both problems when both apply', () => {
    const onlyDeficits = {
      problemAreas: { areas: ['interpersonal-deficits' as const], griefRequiresDeath: true },
    };
    const codes = checkFocusForProtocol(onlyDeficits, otherLoss).map((found) => found.code);
    expect(codes.sort()).toEqual(['area-not-in-protocol', 'grief-requires-death']);
  });

  it('accepts a bare problemAreas part, as documented', () => {
    const part = { problemAreas: { areas: ['grief' as const], griefRequiresDeath: false } };
    expect(checkFocusForProtocol(part, otherLoss)).toEqual([]);
    expect(checkFocusForProtocol(part, deficits).map((found) => found.code)).toEqual([
      'area-not-in-protocol',
    ]);
  });

  it('returns a frozen list whose messages use kebab-case codes', () => {
    const issues = checkFocusForProtocol(protocols['ipt-stuart-robertson'], deficits);
    expect(Object.isFrozen(issues)).toBe(true);
    for (const found of issues) {
      expect(found.code).toMatch(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/);
      expect(found.message.length).toBeGreaterThan(0);
    }
  });

  it('catalog problem-area sets match the reference: 4 areas, Stuart & Robertson 3 [ACF]', () => {
    for (const protocol of Object.values(protocols)) {
      const expected =
        protocol.id === 'ipt-stuart-robertson'
          ? ['grief', 'role-dispute', 'role-transition']
          : ['grief', 'interpersonal-deficits', 'role-dispute', 'role-transition'];
      expect([...protocol.problemAreas.areas].sort(), protocol.id).toEqual(expected);
    }
  });

  it('does not mutate the protocol or the focus', () => {
    const protocol = structuredClone(protocols['ipt-stuart-robertson']);
    const focus = { area: 'grief' as const, loss: 'other' as const };
    const protocolBefore = structuredClone(protocol);
    const focusBefore = structuredClone(focus);
    checkFocusForProtocol(protocol, focus);
    checkFocusForProtocol(protocols.ipt, focus);
    expect(protocol).toEqual(protocolBefore);
    expect(focus).toEqual(focusBefore);
  });
});
