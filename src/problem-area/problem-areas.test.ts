import { describe, expect, it } from 'vitest';
import { isSourceKey } from '../sources/sources.js';
import { safeParseWith } from '../internal/parse.js';
import {
  ProblemArea,
  problemAreaLabelSets,
  problemAreas,
  type SourcedText,
} from './problem-areas.js';

/** The four IPT problem areas in the Weissman lineage [ISIPT]. */
const FOUR_AREAS = ['grief', 'role-dispute', 'role-transition', 'interpersonal-deficits'] as const;

/** Assigns through a cast, so a frozen target throws (ES modules run in strict mode). */
function assignIn(target: object, key: PropertyKey, value: unknown): void {
  (target as Record<PropertyKey, unknown>)[key] = value;
}

/** Every object reachable from a value (arrays included). */
function reachableObjects(root: unknown): object[] {
  const found: object[] = [];
  const seen = new Set<object>();
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    found.push(value);
    for (const key of Reflect.ownKeys(value)) {
      pending.push((value as Record<PropertyKey, unknown>)[key]);
    }
  }
  return found;
}

function allSourcedTexts(): SourcedText[] {
  return Object.values(problemAreas).flatMap((info) => [
    info.definition,
    ...info.goals,
    ...info.strategies,
  ]);
}

describe('ProblemArea', () => {
  it('has exactly the four ISIPT problem areas [ISIPT]', () => {
    expect([...ProblemArea.options].sort()).toEqual([...FOUR_AREAS].sort());
  });

  it.each(FOUR_AREAS)('accepts %s', (area) => {
    expect(safeParseWith(ProblemArea, area)).toEqual({ ok: true, value: area });
  });

  it.each(['loss', 'interpersonal-sensitivity', 'Grief', 'role_dispute', '', 'disputes'])(
    'rejects %j with invalid-value',
    (value) => {
      const result = safeParseWith(ProblemArea, value);
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.error.issues.map((found) => found.code)).toEqual(['invalid-value']);
    },
  );
});

describe('problemAreas catalog', () => {
  it('has an entry for each of the four areas, keyed by its own id [ISIPT]', () => {
    expect(Object.keys(problemAreas).sort()).toEqual([...FOUR_AREAS].sort());
    for (const area of FOUR_AREAS) {
      expect(problemAreas[area].id).toBe(area);
      expect(problemAreas[area].label.length).toBeGreaterThan(0);
    }
  });

  it('defines grief by a death [ISIPT, invariant 5]', () => {
    expect(problemAreas.grief.definition.text).toMatch(/death/i);
    expect(problemAreas.grief.definition.sources).toContain('ISIPT');
  });

  it('defines role dispute by non-reciprocal role expectations [ISIPT]', () => {
    expect(problemAreas['role-dispute'].definition.text).toMatch(/non-reciprocal/i);
    expect(problemAreas['role-dispute'].definition.sources).toContain('ISIPT');
  });

  it('defines role transition as a change of social role [ISIPT]', () => {
    expect(problemAreas['role-transition'].definition.text).toMatch(/social role/i);
    expect(problemAreas['role-transition'].definition.sources).toContain('ISIPT');
  });

  it('marks the "residual area" reading of interpersonal deficits as unconfirmed [NOTTLDR]', () => {
    const definition = problemAreas['interpersonal-deficits'].definition;
    expect(definition.text).toMatch(/residual/i);
    expect(definition.unconfirmed).toBe(true);
  });

  describe('grief goals [GRIEF-ABS]', () => {
    const goals = problemAreas.grief.goals;

    it('are exactly the two goals: facilitate mourning, then re-establish interests and relationships', () => {
      expect(goals).toHaveLength(2);
      expect(goals[0]!.text).toMatch(/facilitate mourning/i);
      expect(goals[1]!.text).toMatch(/re-establish interests and relationships/i);
    });

    it('rest on the Guide grief chapter and are confirmed', () => {
      for (const goal of goals) {
        expect(goal.sources).toContain('GRIEF-ABS');
        expect(goal.unconfirmed).not.toBe(true);
      }
    });
  });

  describe('grief strategies (reference 2.2: strategy list UNCONFIRMED)', () => {
    const strategies = problemAreas.grief.strategies;

    it('are all flagged unconfirmed', () => {
      expect(strategies.length).toBeGreaterThan(0);
      for (const strategy of strategies) expect(strategy.unconfirmed).toBe(true);
    });

    it('cover the typical strategies the reference lists [CITC-G]', () => {
      const text = strategies.map((strategy) => strategy.text).join(' ');
      expect(text).toMatch(/onset/i);
      expect(text).toMatch(/positive and negative/i);
      expect(text).toMatch(/before, during and after the death/i);
      expect(text).toMatch(/re-engag/i);
      for (const strategy of strategies) expect(strategy.sources).toContain('CITC-G');
    });
  });

  describe('role-dispute goals [PDFSLIDE-RD]', () => {
    const goals = problemAreas['role-dispute'].goals;

    it('identify the dispute, choose a plan of action, modify expectations or communication', () => {
      expect(goals).toHaveLength(3);
      expect(goals[0]!.text).toMatch(/identify the dispute/i);
      expect(goals[1]!.text).toMatch(/plan of action/i);
      expect(goals[2]!.text).toMatch(/expectations/i);
      expect(goals[2]!.text).toMatch(/communication/i);
    });

    it('leave the outcome open: improve, accept or end the relationship', () => {
      const last = goals[2]!.text;
      expect(last).toMatch(/not committed/i);
      expect(last).toMatch(/improve/i);
      expect(last).toMatch(/accept/i);
      expect(last).toMatch(/end/i);
    });

    it('each cite PDFSLIDE-RD', () => {
      for (const goal of goals) expect(goal.sources).toContain('PDFSLIDE-RD');
    });

    it('strategies include staging, communication analysis and role play [CITC-RD]', () => {
      const text = problemAreas['role-dispute'].strategies.map((s) => s.text).join(' ');
      expect(text).toMatch(/renegotiation, impasse, dissolution/i);
      expect(text).toMatch(/communication analysis/i);
      expect(text).toMatch(/role play/i);
    });
  });

  describe('role-transition goals [CITC-RT]', () => {
    const goals = problemAreas['role-transition'].goals;

    it('are the three goals: mourn the old role, see the new one in balance, restore self-esteem', () => {
      expect(goals).toHaveLength(3);
      expect(goals[0]!.text).toMatch(/mourn/i);
      expect(goals[0]!.text).toMatch(/old role/i);
      expect(goals[1]!.text).toMatch(/new role/i);
      expect(goals[1]!.text).toMatch(/positive/i);
      expect(goals[2]!.text).toMatch(/self-esteem/i);
      expect(goals[2]!.text).toMatch(/master/i);
    });

    it('each cite CITC-RT', () => {
      for (const goal of goals) expect(goal.sources).toContain('CITC-RT');
    });
  });

  describe('interpersonal-deficits goals [MEMPHIS-IS]', () => {
    const goals = problemAreas['interpersonal-deficits'].goals;

    it('reduce isolation, improve current relationships, help form new supportive ones', () => {
      expect(goals).toHaveLength(3);
      expect(goals[0]!.text).toMatch(/reduce isolation/i);
      expect(goals[1]!.text).toMatch(/improve current relationships/i);
      expect(goals[2]!.text).toMatch(/new supportive relationships/i);
    });

    it('each cite MEMPHIS-IS', () => {
      for (const goal of goals) expect(goal.sources).toContain('MEMPHIS-IS');
    });

    it('strategies include the therapeutic relationship as a sample and role play [LIPSITZ]', () => {
      const text = problemAreas['interpersonal-deficits'].strategies.map((s) => s.text).join(' ');
      expect(text).toMatch(/therapeutic relationship/i);
      expect(text).toMatch(/role play/i);
    });
  });

  it('only the entries the reference marks UNCONFIRMED are flagged', () => {
    const flagged = allSourcedTexts().filter((text) => text.unconfirmed === true);
    const expected = [
      problemAreas['interpersonal-deficits'].definition,
      ...problemAreas.grief.strategies,
    ];
    expect(new Set(flagged)).toEqual(new Set(expected));
  });

  it('every definition, goal and strategy has at least one source, each a known SourceKey', () => {
    const texts = allSourcedTexts();
    expect(texts.length).toBeGreaterThan(20);
    for (const text of texts) {
      expect(text.text.trim().length).toBeGreaterThan(0);
      expect(text.sources.length).toBeGreaterThan(0);
      expect(new Set(text.sources).size).toBe(text.sources.length);
      for (const source of text.sources) expect(isSourceKey(source), source).toBe(true);
    }
  });

  it('every goal and strategy list is non-empty', () => {
    for (const info of Object.values(problemAreas)) {
      expect(info.goals.length).toBeGreaterThan(0);
      expect(info.strategies.length).toBeGreaterThan(0);
    }
  });
});

describe('problemAreaLabelSets', () => {
  it('has the four manuals: weissman, ipt-uk, stuart-robertson, who', () => {
    expect(Object.keys(problemAreaLabelSets).sort()).toEqual(
      ['ipt-uk', 'stuart-robertson', 'weissman', 'who'].sort(),
    );
    for (const [key, set] of Object.entries(problemAreaLabelSets)) expect(set.id).toBe(key);
  });

  it('every label set cites known source keys', () => {
    for (const set of Object.values(problemAreaLabelSets)) {
      expect(set.sources.length).toBeGreaterThan(0);
      for (const source of set.sources) expect(isSourceKey(source), source).toBe(true);
    }
  });

  it('only labels known problem areas, with non-empty labels', () => {
    for (const set of Object.values(problemAreaLabelSets)) {
      for (const [area, label] of Object.entries(set.labels)) {
        expect(ProblemArea.safeParse(area).success, area).toBe(true);
        expect(typeof label === 'string' && label.trim().length > 0).toBe(true);
      }
    }
  });

  it('the Weissman set labels all four areas as the catalog does [ISIPT]', () => {
    const labels: Partial<Record<string, string>> = problemAreaLabelSets.weissman.labels;
    expect(Object.keys(labels).sort()).toEqual([...FOUR_AREAS].sort());
    for (const area of FOUR_AREAS) expect(labels[area]).toBe(problemAreas[area].label);
    expect(problemAreaLabelSets.weissman.sources).toContain('ISIPT');
  });

  it('Stuart & Robertson: three areas, no interpersonal-deficits label [ACF]', () => {
    const set = problemAreaLabelSets['stuart-robertson'];
    const labels: Partial<Record<string, string>> = set.labels;
    expect(Object.keys(labels).sort()).toEqual(['grief', 'role-dispute', 'role-transition']);
    expect(Object.hasOwn(labels, 'interpersonal-deficits')).toBe(false);
    expect(labels['interpersonal-deficits']).toBeUndefined();
    expect(labels.grief).toBe('grief and loss');
    expect(labels['role-dispute']).toBe('interpersonal disputes');
    expect(labels['role-transition']).toBe('role transitions');
    expect(set.sources).toContain('ACF');
  });

  it('IPT-UK renames deficits to interpersonal sensitivity [KIPDF-MODEL]', () => {
    const set = problemAreaLabelSets['ipt-uk'];
    expect(set.labels['interpersonal-deficits']).toBe('interpersonal sensitivity');
    expect(set.labels.grief).toBe('grief');
    expect(set.sources).toContain('KIPDF-MODEL');
  });

  it('WHO group IPT labels life changes and loneliness and social isolation [MHPSS-2]', () => {
    const set = problemAreaLabelSets.who;
    expect(set.labels['role-transition']).toBe('life changes');
    expect(set.labels['interpersonal-deficits']).toBe('loneliness and social isolation');
    expect(set.labels['role-dispute']).toBe('disputes');
    expect(set.labels.grief).toBe('grief');
    expect(set.sources).toContain('MHPSS-2');
  });
});

describe('catalogs are deeply frozen', () => {
  it.each([
    ['problemAreas', problemAreas],
    ['problemAreaLabelSets', problemAreaLabelSets],
  ] as const)('every object reachable from %s is frozen', (_name, catalog) => {
    const objects = reachableObjects(catalog);
    expect(objects.length).toBeGreaterThan(5);
    for (const value of objects) expect(Object.isFrozen(value)).toBe(true);
  });

  it('assignment to problemAreas throws a TypeError at every depth', () => {
    const grief = problemAreas.grief;
    expect(() => {
      assignIn(problemAreas, 'grief', {});
    }).toThrow(TypeError);
    expect(() => {
      assignIn(problemAreas, 'new-area', {});
    }).toThrow(TypeError);
    expect(() => {
      assignIn(grief, 'label', 'changed');
    }).toThrow(TypeError);
    expect(() => {
      assignIn(grief.definition, 'text', 'changed');
    }).toThrow(TypeError);
    expect(() => {
      assignIn(grief.goals, 0, { text: 'changed', sources: [] });
    }).toThrow(TypeError);
    expect(() => {
      (grief.goals as SourcedText[]).push({ text: 'changed', sources: [] });
    }).toThrow(TypeError);
    expect(() => {
      assignIn(grief.goals[0]!, 'text', 'changed');
    }).toThrow(TypeError);
    expect(() => {
      assignIn(grief.strategies[0]!, 'unconfirmed', false);
    }).toThrow(TypeError);
    expect(() => {
      assignIn(grief.goals[0]!.sources, 0, 'ACF');
    }).toThrow(TypeError);
    expect(problemAreas.grief.label).toBe('grief');
    expect(problemAreas.grief.goals).toHaveLength(2);
    expect(problemAreas.grief.strategies[0]!.unconfirmed).toBe(true);
  });

  it('assignment to problemAreaLabelSets throws a TypeError at every depth', () => {
    const stuart = problemAreaLabelSets['stuart-robertson'];
    expect(() => {
      assignIn(problemAreaLabelSets, 'who', {});
    }).toThrow(TypeError);
    expect(() => {
      assignIn(stuart, 'manual', 'changed');
    }).toThrow(TypeError);
    expect(() => {
      assignIn(stuart.labels, 'interpersonal-deficits', 'interpersonal sensitivity');
    }).toThrow(TypeError);
    expect(() => {
      assignIn(stuart.sources, 0, 'ISIPT');
    }).toThrow(TypeError);
    expect(Object.hasOwn(stuart.labels, 'interpersonal-deficits')).toBe(false);
  });
});
