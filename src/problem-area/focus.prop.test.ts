import fc from 'fast-check';
import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { safeParseWith } from '../internal/parse.js';
import { protocols } from '../protocol/protocols.js';
import { checkFocusForProtocol, Focus } from './focus.js';

const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Ids as the id pattern allows them (a prefix of the 1-128 character shape). */
const personId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,20}$/);

const stage = fc.constantFrom('renegotiation', 'impasse', 'dissolution');

/** A role name as stored: already trimmed, 1-200 characters (UTF-16 code units). */
const roleName = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 60, unit: 'grapheme' }),
    fc.string({ minLength: 190, maxLength: 200 }),
  )
  .map((text) => text.trim())
  .filter((text) => text.length >= 1 && text.length <= 200);

const griefAboutDeath = fc.record(
  {
    area: fc.constant('grief' as const),
    personId,
    loss: fc.constant('death' as const),
  },
  { requiredKeys: ['area', 'personId'] },
);

const griefAboutOtherLoss = fc.record(
  {
    area: fc.constant('grief' as const),
    personId,
    loss: fc.constant('other' as const),
  },
  { requiredKeys: ['area', 'loss'] },
);

const roleDispute = fc.record({
  area: fc.constant('role-dispute' as const),
  personId,
  stage,
});

const roleTransition = fc.record({
  area: fc.constant('role-transition' as const),
  from: roleName,
  to: roleName,
});

const deficits = fc.record({ area: fc.constant('interpersonal-deficits' as const) });

/** Valid focus inputs of every variant (plain objects, as stored or received). */
const validFocusInput = fc.oneof(
  griefAboutDeath,
  griefAboutOtherLoss,
  roleDispute,
  roleTransition,
  deficits,
);

/** Whitespace that `String.prototype.trim` removes. */
const padding = fc.constantFrom('', ' ', '  ', '\t', '\n', ' \r\n ');

const catalogProtocol = fc.constantFrom(...Object.values(protocols));

describe('Focus properties', () => {
  test.prop([validFocusInput])('every valid focus parses and round-trips deep-equal', (input) => {
    const result = safeParseWith(Focus, input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual(input);
    expect(Object.isFrozen(result.value)).toBe(true);
    const again = safeParseWith(Focus, JSON.parse(JSON.stringify(result.value)));
    expect(again).toEqual(result);
  });

  test.prop([roleTransition, padding, padding, padding, padding])(
    'role names are trimmed: padded input parses to the unpadded focus',
    (focus, before1, after1, before2, after2) => {
      const padded = {
        ...focus,
        from: `${before1}${focus.from}${after1}`,
        to: `${before2}${focus.to}${after2}`,
      };
      expect(safeParseWith(Focus, padded)).toEqual({ ok: true, value: focus });
    },
  );

  test.prop([fc.anything()])(
    'safeParseWith(Focus, anything) never throws and issue codes are kebab-case',
    (input) => {
      const result = safeParseWith(Focus, input);
      if (result.ok) {
        expect(['grief', 'role-dispute', 'role-transition', 'interpersonal-deficits']).toContain(
          result.value.area,
        );
        return;
      }
      expect(result.error.issues.length).toBeGreaterThan(0);
      for (const found of result.error.issues) {
        expect(found.code).toMatch(KEBAB_CASE);
        expect(typeof found.message).toBe('string');
      }
    },
  );

  test.prop([validFocusInput, fc.string({ minLength: 1 }).map((key) => `zz${key}`)])(
    'an unknown extra key is rejected and never quoted in a message',
    (focus, extraKey) => {
      const result = safeParseWith(Focus, { ...focus, [extraKey]: 1 });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.issues.map((found) => found.code)).toContain('unrecognized-keys');
      for (const found of result.error.issues) expect(found.message).not.toContain(extraKey);
    },
  );

  test.prop([fc.string().filter((text) => !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(text))])(
    'a personId that is not id-shaped is rejected at ["personId"]',
    (badId) => {
      const result = safeParseWith(Focus, {
        area: 'role-dispute',
        personId: badId,
        stage: 'impasse',
      });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.issues.map((found) => found.path)).toEqual([['personId']]);
    },
  );

  test.prop([fc.anything()])('parsing never mutates its input', (input) => {
    const before = structuredCloneOrSkip(input);
    safeParseWith(Focus, input);
    if (before.cloned) expect(input).toEqual(before.value);
  });

  test.prop([validFocusInput])('parsing never mutates a valid input', (input) => {
    const before = structuredClone(input);
    safeParseWith(Focus, input);
    expect(input).toEqual(before);
    expect(Object.isFrozen(input)).toBe(false);
  });
});

describe('checkFocusForProtocol properties', () => {
  test.prop([catalogProtocol, validFocusInput])(
    'reports area-not-in-protocol iff the area is not in the protocol, and grief-requires-death iff the manual needs a death for an other loss',
    (protocol, input) => {
      const focus = safeParseWith(Focus, input);
      if (!focus.ok) throw new Error('generator produced an invalid focus');
      const issues = checkFocusForProtocol(protocol, focus.value);

      let areaAllowed = false;
      for (const area of protocol.problemAreas.areas) if (area === input.area) areaAllowed = true;
      const areaIssues = issues.filter((found) => found.code === 'area-not-in-protocol');
      expect(areaIssues.length === 0).toBe(areaAllowed);
      for (const found of areaIssues) expect(found.path).toEqual(['area']);

      const otherLoss = input.area === 'grief' && input.loss === 'other';
      const deathIssues = issues.filter((found) => found.code === 'grief-requires-death');
      expect(deathIssues.length === 1).toBe(otherLoss && protocol.problemAreas.griefRequiresDeath);
      for (const found of deathIssues) expect(found.path).toEqual(['loss']);

      expect(issues).toHaveLength(areaIssues.length + deathIssues.length);
      for (const found of issues) expect(found.code).toMatch(KEBAB_CASE);
    },
  );

  test.prop([catalogProtocol, validFocusInput])(
    'never mutates the protocol or the focus',
    (protocol, input) => {
      const protocolCopy = structuredClone(protocol);
      const focusCopy = structuredClone(input);
      const protocolBefore = structuredClone(protocolCopy);
      checkFocusForProtocol(protocolCopy, focusCopy as Focus);
      expect(protocolCopy).toEqual(protocolBefore);
      expect(focusCopy).toEqual(input);
    },
  );
});

/** structuredClone for values it supports; fc.anything() also yields values it cannot clone. */
function structuredCloneOrSkip(value: unknown): { cloned: boolean; value: unknown } {
  try {
    return { cloned: true, value: structuredClone(value) };
  } catch {
    return { cloned: false, value: undefined };
  }
}
