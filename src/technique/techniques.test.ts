import { describe, expect, it } from 'vitest';
import { safeParseWith } from '../internal/parse.js';
import { isSourceKey, type SourceKey } from '../sources/sources.js';
import { Technique, techniques, type TechniqueInfo } from './techniques.js';

/** Reference section 5: each technique with the sources the reference gives it. */
const REFERENCE: Record<Technique, readonly SourceKey[]> = {
  'non-directive-exploration': ['GUIDE-TECH', 'SID'],
  'direct-elicitation': ['GUIDE-TECH', 'SID'],
  'encouragement-of-affect': ['GUIDE-TECH-TXT', 'SID'],
  clarification: ['SID'],
  'communication-analysis': ['GUIDE-TECH'],
  'decision-analysis': ['EBRARY-A', 'GUIDE-TECH'],
  'role-play': ['GUIDE-TECH', 'EBRARY-A'],
  'therapeutic-relationship': ['GUIDE-TECH', 'ALPF-TECH'],
  homework: ['ALPF-TECH', 'BLANCO', 'YOUNG06'],
  'behaviour-change': ['SID'],
};

const REFERENCE_IDS = Object.keys(REFERENCE) as Technique[];

function assignIn(target: object, key: PropertyKey, value: unknown): void {
  (target as Record<PropertyKey, unknown>)[key] = value;
}

describe('Technique', () => {
  it('has exactly the ten techniques of reference section 5', () => {
    expect(REFERENCE_IDS).toHaveLength(10);
    expect([...Technique.options].sort()).toEqual([...REFERENCE_IDS].sort());
  });

  it.each([
    'interpretation',
    'transference-interpretation',
    'Role-play',
    'cognitive-restructuring',
  ])('rejects %j with invalid-value', (value) => {
    const result = safeParseWith(Technique, value);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.issues.map((found) => found.code)).toEqual(['invalid-value']);
  });
});

describe('techniques catalog', () => {
  it('has an entry for every technique, keyed by its own id', () => {
    expect(Object.keys(techniques).sort()).toEqual([...REFERENCE_IDS].sort());
    for (const id of REFERENCE_IDS) expect(techniques[id].id).toBe(id);
  });

  it.each(REFERENCE_IDS)('%s cites the reference sources, all known keys', (id) => {
    const info: TechniqueInfo = techniques[id];
    expect(info.label.trim().length).toBeGreaterThan(0);
    expect(info.description.trim().length).toBeGreaterThan(0);
    expect(info.sources.length).toBeGreaterThan(0);
    expect(new Set(info.sources).size).toBe(info.sources.length);
    for (const source of info.sources) expect(isSourceKey(source), source).toBe(true);
    for (const source of REFERENCE[id])
      expect(info.sources, `${id} cites ${source}`).toContain(source);
  });

  describe('homework', () => {
    const homework = techniques.homework;

    it('is not core: classic IPT requires no homework [ALPF-TECH]', () => {
      expect(homework.core).toBe(false);
      expect(homework.sources).toContain('ALPF-TECH');
      expect(homework.description).toMatch(/not required/i);
    });

    it('is optional, used in practice [BLANCO] and in IPT-A [YOUNG06]', () => {
      expect(homework.sources).toContain('BLANCO');
      expect(homework.sources).toContain('YOUNG06');
      expect(homework.description).toMatch(/IPT-A/);
    });

    it('is the only technique that is not core', () => {
      const notCore = REFERENCE_IDS.filter((id) => !techniques[id].core);
      expect(notCore).toEqual(['homework']);
    });
  });

  it('communication analysis is present and reconstructs an interaction [GUIDE-TECH]', () => {
    const info = techniques['communication-analysis'];
    expect(info.core).toBe(true);
    expect(info.sources).toContain('GUIDE-TECH');
    expect(info.description).toMatch(/interaction/i);
    expect(info.description).toMatch(/turn by turn/i);
  });

  it('role play is present and rehearses communication [GUIDE-TECH]', () => {
    const info = techniques['role-play'];
    expect(info.core).toBe(true);
    expect(info.sources).toContain('GUIDE-TECH');
    expect(info.description).toMatch(/rehearse/i);
  });

  it('use of the therapeutic relationship does not interpret transference [GUIDE-TECH]', () => {
    expect(techniques['therapeutic-relationship'].description).toMatch(
      /transference is not interpreted/i,
    );
  });

  it('is deeply frozen: assignment throws a TypeError at every depth', () => {
    expect(Object.isFrozen(techniques)).toBe(true);
    for (const id of REFERENCE_IDS) {
      expect(Object.isFrozen(techniques[id])).toBe(true);
      expect(Object.isFrozen(techniques[id].sources)).toBe(true);
    }
    expect(() => {
      assignIn(techniques, 'homework', {});
    }).toThrow(TypeError);
    expect(() => {
      assignIn(techniques, 'interpretation', {});
    }).toThrow(TypeError);
    expect(() => {
      assignIn(techniques.homework, 'core', true);
    }).toThrow(TypeError);
    expect(() => {
      assignIn(techniques.homework.sources, 0, 'ISIPT');
    }).toThrow(TypeError);
    expect(() => {
      (techniques['role-play'].sources as SourceKey[]).push('ISIPT');
    }).toThrow(TypeError);
    expect(techniques.homework.core).toBe(false);
    expect(techniques['role-play'].sources).not.toContain('ISIPT');
  });
});
