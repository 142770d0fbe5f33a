import { describe, expect, test } from 'vitest';
import { isIptError } from '../internal/ipt-error.js';
import type { Issue } from '../internal/issues.js';
import { ProblemArea } from '../problem-area/problem-areas.js';
import { isSourceKey } from '../sources/sources.js';
import { Phase } from './phases.js';
import {
  defineProtocol,
  findProtocol,
  parseProtocol,
  problemAreaLabel,
  protocols,
  type CatalogProtocolId,
} from './protocols.js';

const catalogIds: readonly CatalogProtocolId[] = [
  'ipt',
  'ipt-brief',
  'ipc',
  'ipt-a',
  'group-ipt',
  'ipt-m',
  'ipsrt',
  'ipt-stuart-robertson',
];
const catalog = catalogIds.map((id) => protocols[id]);
const ipt = protocols.ipt;
const stuart = protocols['ipt-stuart-robertson'];

/** The issues defineProtocol reports for an input that must be rejected. */
function issuesOf(input: unknown): readonly Issue[] {
  const result = defineProtocol(input);
  if (result.ok) throw new Error('expected defineProtocol to reject the input');
  return result.error.issues;
}

/** The issues as `{ code, path }` pairs, for exact comparison. */
function codesAndPaths(input: unknown): { code: string; path: readonly (string | number)[] }[] {
  return issuesOf(input).map(({ code, path }) => ({ code, path }));
}

/** Every node (objects and arrays) reachable from a value, with its path. */
function walk(value: unknown, path: (string | number)[] = []): [unknown, (string | number)[]][] {
  if (typeof value !== 'object' || value === null) return [];
  const entries: [unknown, (string | number)[]][] = [[value, path]];
  for (const [key, child] of Object.entries(value)) {
    const step = Array.isArray(value) ? Number(key) : key;
    entries.push(...walk(child, [...path, step]));
  }
  return entries;
}

/** Assigns through a readonly type, to check the runtime freeze. */
function assign(target: object, key: PropertyKey, value: unknown): void {
  (target as Record<PropertyKey, unknown>)[key] = value;
}

describe('catalog', () => {
  test('has exactly the eight built-in protocols, each keyed by its own id', () => {
    expect(Object.keys(protocols).sort()).toEqual([...catalogIds].sort());
    for (const id of catalogIds) expect(protocols[id].id).toBe(id);
  });

  test.each(catalogIds)('%s passes defineProtocol unchanged (round-trip)', (id) => {
    const result = defineProtocol(protocols[id]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toStrictEqual(protocols[id]);
    expect(result.value).not.toBe(protocols[id]);
  });

  test.each(catalogIds)('%s: every sources entry anywhere inside is a known SourceKey', (id) => {
    const found: string[] = [];
    for (const [node, path] of walk(protocols[id])) {
      if (Array.isArray(node) || !Object.hasOwn(node as object, 'sources')) continue;
      const refs = (node as { sources: unknown }).sources;
      expect(Array.isArray(refs), `sources at ${path.join('.')}`).toBe(true);
      for (const ref of refs as unknown[]) {
        expect(typeof ref).toBe('string');
        expect(isSourceKey(ref as string), `${String(ref)} at ${path.join('.')}`).toBe(true);
        found.push(ref as string);
      }
    }
    // The walk found the protocol's own sources and those of its sessions and phases at least.
    expect(found.length).toBeGreaterThanOrEqual(5);
  });

  test.each(catalogIds)('%s: every value flagged unconfirmed carries a note', (id) => {
    for (const [node, path] of walk(protocols[id])) {
      if ((node as { unconfirmed?: unknown }).unconfirmed !== true) continue;
      const note = (node as { note?: unknown }).note;
      expect(typeof note, `note at ${path.join('.')}`).toBe('string');
      expect((note as string).trim().length).toBeGreaterThan(0);
    }
  });

  test.each(catalogIds)('%s is deeply frozen', (id) => {
    for (const [node, path] of walk(protocols[id])) {
      expect(Object.isFrozen(node), path.join('.')).toBe(true);
    }
  });

  test('assignment at several depths throws TypeError (strict mode) and changes nothing', () => {
    expect(() => {
      assign(protocols, 'ipt', {});
    }).toThrow(TypeError);
    expect(() => {
      assign(ipt, 'name', 'changed');
    }).toThrow(TypeError);
    expect(() => {
      assign(ipt.sessions, 'min', 1);
    }).toThrow(TypeError);
    expect(() => {
      assign(ipt.phases, 0, { id: 'middle' });
    }).toThrow(TypeError);
    expect(() => {
      assign(ipt.phases[0]!, 'maxSessions', 10);
    }).toThrow(TypeError);
    expect(() => {
      assign(ipt.phases[0]!.sources, 0, 'CHANGED');
    }).toThrow(TypeError);
    expect(() => {
      assign(ipt.problemAreas.labels, 'grief', 'loss');
    }).toThrow(TypeError);
    expect(() => {
      assign(protocols['ipt-a'].participants![1]!, 'optional', false);
    }).toThrow(TypeError);
    expect(() => {
      (ipt.problemAreas.areas as ProblemArea[]).push('grief');
    }).toThrow(TypeError);
    expect(() => {
      delete (ipt.termination as { maxSessionsBeforeEnd?: number }).maxSessionsBeforeEnd;
    }).toThrow(TypeError);

    expect(protocols.ipt.name).toBe('Interpersonal Psychotherapy (acute)');
    expect(ipt.sessions.min).toBe(12);
    expect(ipt.phases[0]!.id).toBe('initial');
    expect(ipt.phases[0]!.maxSessions).toBe(3);
    expect(ipt.phases[0]!.sources[0]).toBe('MARK06');
    expect(ipt.problemAreas.labels.grief).toBe('grief');
    expect(ipt.problemAreas.areas).toHaveLength(4);
    expect(ipt.termination?.maxSessionsBeforeEnd).toBe(4);
    expect(protocols['ipt-a'].participants![1]!.optional).toBe(true);
  });

  test('every catalog phase plan runs initial ... middle ... termination [ALPF]', () => {
    for (const protocol of catalog) {
      const ids = protocol.phases.map((plan) => plan.id);
      expect(ids[0]).toBe('initial');
      expect(ids).toContain('middle');
      expect(ids.at(-1)).toBe('termination');
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  test('the Weissman-lineage protocols use the four ISIPT areas and grief requires a death [ISIPT]', () => {
    for (const id of ['ipt', 'ipt-brief', 'ipc', 'ipt-a', 'group-ipt', 'ipt-m'] as const) {
      expect([...protocols[id].problemAreas.areas].sort()).toEqual([...ProblemArea.options].sort());
      expect(protocols[id].problemAreas.griefRequiresDeath).toBe(true);
    }
  });

  test('a cap of two foci is the usual teaching and is flagged unconfirmed [ISIPT][IPTG-TECH]', () => {
    for (const id of ['ipt', 'ipt-brief', 'ipc', 'ipt-a', 'group-ipt', 'ipsrt'] as const) {
      expect(protocols[id].foci.max).toBe(2);
      expect(protocols[id].foci.unconfirmed).toBe(true);
      expect(protocols[id].foci.sources).toContain('ISIPT');
    }
  });
});

describe('ipt (acute, Weissman et al.)', () => {
  test('ipt: 12-16 sessions [ISIPT][CG7]', () => {
    expect(ipt.sessions.min).toBe(12);
    expect(ipt.sessions.max).toBe(16);
    expect(ipt.sessions.sources).toEqual(expect.arrayContaining(['ISIPT', 'CG7']));
  });

  test('ipt: 45-50 minute sessions [ISIPT][CG7]', () => {
    expect(ipt.sessionMinutes).toMatchObject({ min: 45, max: 50 });
  });

  test('ipt: weekly, sometimes twice weekly [CG7]', () => {
    expect(ipt.cadence.default).toBe('weekly');
    expect([...ipt.cadence.allowed].sort()).toEqual(['twice-weekly', 'weekly']);
    expect(ipt.cadence.sources).toContain('CG7');
  });

  test('ipt: a fixed time frame agreed at the outset [ISIPT][CG7]', () => {
    expect(ipt.contract.kind).toBe('fixed');
    expect(ipt.contract.sources).toEqual(expect.arrayContaining(['ISIPT', 'CG7']));
  });

  test('ipt: three phases initial, middle, termination [ALPF]', () => {
    expect(ipt.phases.map((plan) => plan.id)).toEqual(['initial', 'middle', 'termination']);
  });

  test('ipt: initial phase at most 3 sessions [MARK06]', () => {
    expect(ipt.phases[0]!.maxSessions).toBe(3);
    expect(ipt.phases[0]!.sources).toContain('MARK06');
    expect(ipt.phases[0]!.unconfirmed).toBeUndefined();
  });

  test('ipt: ending raised 2-4 sessions before the last [CG7]', () => {
    expect(ipt.termination).toMatchObject({ minSessionsBeforeEnd: 2, maxSessionsBeforeEnd: 4 });
    expect(ipt.termination?.sources).toContain('CG7');
  });

  test('ipt: four problem areas with the Weissman labels [ISIPT][ALPF]', () => {
    expect(ipt.problemAreas.areas).toEqual([
      'grief',
      'role-dispute',
      'role-transition',
      'interpersonal-deficits',
    ]);
    expect(ipt.problemAreas.labels).toEqual({
      grief: 'grief',
      'role-dispute': 'role dispute',
      'role-transition': 'role transition',
      'interpersonal-deficits': 'interpersonal deficits',
    });
  });

  test('ipt: continuation or maintenance only under a new contract [OUP-TERM][CG7]', () => {
    expect([...(ipt.followOn?.kinds ?? [])].sort()).toEqual(['continuation', 'maintenance']);
    expect(ipt.followOn?.sources).toEqual(expect.arrayContaining(['OUP-TERM', 'CG7']));
  });

  test('ipt: the initial phase sets up sick role, inventory and formulation [ALPF]', () => {
    expect(ipt.components).toEqual(
      expect.arrayContaining(['sick-role', 'interpersonal-inventory', 'interpersonal-formulation']),
    );
  });
});

describe('variants', () => {
  test('ipt-brief: 8 sessions with the initial phase compressed to 2 [IPTB]', () => {
    const brief = protocols['ipt-brief'];
    expect(brief.sessions).toMatchObject({ min: 8, max: 8 });
    expect(brief.sessions.sources).toContain('IPTB');
    expect(brief.phases[0]).toMatchObject({ id: 'initial', maxSessions: 2 });
    expect(brief.phases[0]!.sources).toContain('IPTB');
  });

  test('ipt-brief: usually one motivational engagement session before (9 in all) [IPTB]', () => {
    const brief = protocols['ipt-brief'];
    expect(brief.preliminarySessions).toMatchObject({ kind: 'engagement', min: 0, max: 1 });
    expect(brief.components).toContain('motivational-engagement');
  });

  test('ipc: at most 6 sessions [ALPF-IPC]', () => {
    const ipc = protocols.ipc;
    expect(ipc.sessions.max).toBe(6);
    expect(ipc.sessions.min).toBeLessThanOrEqual(6);
    expect(ipc.sessions.sources).toContain('ALPF-IPC');
  });

  test('ipc: first session at most 30 minutes, later ones shorter [ALPF-IPC]', () => {
    expect(protocols.ipc.sessionMinutes?.max).toBe(30);
  });

  test('ipt-a: 12 weekly sessions of 35-50 minutes [NREPP]', () => {
    const iptA = protocols['ipt-a'];
    expect(iptA.sessions).toMatchObject({ min: 12, max: 12 });
    expect(iptA.cadence.default).toBe('weekly');
    expect(iptA.cadence.allowed).toEqual(['weekly']);
    expect(iptA.sessionMinutes).toMatchObject({ min: 35, max: 50 });
    expect(iptA.sessions.sources).toContain('NREPP');
  });

  test('ipt-a: parent sessions at first / middle (optional) / final [NREPP][PSU]', () => {
    const participants = protocols['ipt-a'].participants ?? [];
    expect(participants.map(({ who, at, optional }) => ({ who, at, optional }))).toEqual([
      { who: 'parent-or-caregiver', at: 'first-session', optional: false },
      { who: 'parent-or-caregiver', at: 'middle-phase', optional: true },
      { who: 'parent-or-caregiver', at: 'final-session', optional: false },
    ]);
    for (const participant of participants) {
      expect(participant.sources).toEqual(expect.arrayContaining(['NREPP', 'PSU']));
    }
  });

  test('ipt-a: limited sick role, closeness circle, work at home [NREPP]', () => {
    expect(protocols['ipt-a'].components).toEqual(
      expect.arrayContaining(['limited-sick-role', 'closeness-circle', 'work-at-home']),
    );
    expect(protocols['ipt-a'].components).not.toContain('sick-role');
  });

  test('ipt-a: the 1-4 / 5-8 / 9-12 phase split is flagged unconfirmed [NREPP]', () => {
    const initial = protocols['ipt-a'].phases[0]!;
    expect(initial.maxSessions).toBe(4);
    expect(initial.unconfirmed).toBe(true);
    expect(initial.note).toMatch(/UNCONFIRMED/);
  });

  test('group-ipt: 8 group sessions with pre-group individual contact [MHPSS-1]', () => {
    const group = protocols['group-ipt'];
    expect(group.format).toBe('group');
    expect(group.sessions).toMatchObject({ min: 8, max: 8 });
    expect(group.sessions.sources).toContain('MHPSS-1');
    expect(group.preliminarySessions?.kind).toBe('pre-group');
    expect(group.preliminarySessions?.min).toBeGreaterThanOrEqual(1);
  });

  test('group-ipt: the per-session allocation and pre-group count are unconfirmed [WHO16]', () => {
    const group = protocols['group-ipt'];
    expect(group.phases[0]!.unconfirmed).toBe(true);
    expect(group.preliminarySessions?.unconfirmed).toBe(true);
  });

  test("group-ipt: WHO labels 'life changes', 'loneliness and social isolation' [MHPSS-2]", () => {
    const group = protocols['group-ipt'];
    expect(group.problemAreas.labels['role-transition']).toBe('life changes');
    expect(group.problemAreas.labels['interpersonal-deficits']).toBe(
      'loneliness and social isolation',
    );
    expect(group.problemAreas.labels['role-dispute']).toBe('disputes');
    expect(group.problemAreas.sources).toContain('MHPSS-2');
  });

  test('ipt-m: monthly sessions with no upper bound on their number [IPTM]', () => {
    const maintenance = protocols['ipt-m'];
    expect(maintenance.cadence.default).toBe('monthly');
    expect(maintenance.cadence.allowed).toContain('monthly');
    expect(maintenance.sessions.max).toBeUndefined();
    expect(maintenance.cadence.sources).toContain('IPTM');
  });

  test('ipt-m: requires remission [IPTM]', () => {
    expect(protocols['ipt-m'].entry).toMatchObject({ requiresRemission: true });
    expect(protocols['ipt-m'].entry?.sources).toContain('IPTM');
    for (const id of catalogIds.filter((other) => other !== 'ipt-m')) {
      expect(protocols[id].entry?.requiresRemission ?? false).toBe(false);
    }
  });

  test('ipt-m: weekly, twice-monthly and monthly doses were all tested [FRANK07]', () => {
    expect([...protocols['ipt-m'].cadence.allowed].sort()).toEqual([
      'monthly',
      'twice-monthly',
      'weekly',
    ]);
  });

  test('ipsrt: 4 phases initial / middle (intermediate) / maintenance / termination (final) [IPSRT-W]', () => {
    const phases = protocols.ipsrt.phases;
    expect(phases.map((plan) => plan.id)).toEqual([
      'initial',
      'middle',
      'maintenance',
      'termination',
    ]);
    expect(phases[1]!.label).toBe('intermediate');
    expect(phases[2]!.label).toMatch(/maintenance/);
    expect(phases[3]!.label).toBe('final');
  });

  test('ipsrt: grief does not require a death (grief for the lost healthy self) [IPSRT-W][HSP]', () => {
    const ipsrt = protocols.ipsrt;
    expect(ipsrt.problemAreas.griefRequiresDeath).toBe(false);
    expect(ipsrt.problemAreas.labels.grief).toMatch(/lost healthy self/);
    expect(ipsrt.problemAreas.sources).toEqual(expect.arrayContaining(['IPSRT-W', 'HSP']));
  });

  test('ipsrt: social rhythm metric and medication adherence [IPSRT-W]', () => {
    expect(protocols.ipsrt.components).toEqual(
      expect.arrayContaining(['social-rhythm-metric', 'medication-adherence']),
    );
  });

  test('ipt-stuart-robertson: exactly 3 areas, without interpersonal-deficits [ACF]', () => {
    expect([...stuart.problemAreas.areas].sort()).toEqual([
      'grief',
      'role-dispute',
      'role-transition',
    ]);
    expect(stuart.problemAreas.areas).not.toContain('interpersonal-deficits');
    expect(stuart.problemAreas.labels['interpersonal-deficits']).toBeUndefined();
    expect(stuart.problemAreas.sources).toContain('ACF');
  });

  test("ipt-stuart-robertson: labels 'grief and loss', 'interpersonal disputes', 'role transitions' [ACF]", () => {
    expect(stuart.problemAreas.labels).toEqual({
      grief: 'grief and loss',
      'role-dispute': 'interpersonal disputes',
      'role-transition': 'role transitions',
    });
  });

  test('ipt-stuart-robertson: grief and loss covers losses other than death [CITC-G]', () => {
    expect(stuart.problemAreas.griefRequiresDeath).toBe(false);
  });

  test('ipt-stuart-robertson: flexible contract and maintenance follow-on [ACF]', () => {
    expect(stuart.contract.kind).toBe('flexible');
    expect(stuart.contract.sources).toContain('ACF');
    expect(stuart.followOn?.kinds).toEqual(['maintenance']);
    for (const id of catalogIds.filter((other) => other !== 'ipt-stuart-robertson')) {
      expect(protocols[id].contract.kind).toBe('fixed');
    }
  });

  test('ipt-stuart-robertson: usually 8-20 sessions [MINIATI]', () => {
    expect(stuart.sessions).toMatchObject({ min: 8, max: 20 });
    expect(stuart.sessions.sources).toContain('MINIATI');
  });
});

describe('findProtocol', () => {
  test('returns the catalog protocol for a known id', () => {
    for (const id of catalogIds) expect(findProtocol(id)).toBe(protocols[id]);
  });

  test.each([
    'unknown',
    'IPT',
    ' ipt',
    '',
    '__proto__',
    'toString',
    'constructor',
    'hasOwnProperty',
  ])('returns undefined for %j', (id) => {
    expect(findProtocol(id)).toBeUndefined();
  });
});

describe('problemAreaLabel', () => {
  test('gives the manual label of an included area [MHPSS-2][ACF][ISIPT]', () => {
    expect(problemAreaLabel(protocols['group-ipt'], 'role-transition')).toBe('life changes');
    expect(problemAreaLabel(protocols['group-ipt'], 'interpersonal-deficits')).toBe(
      'loneliness and social isolation',
    );
    expect(problemAreaLabel(stuart, 'grief')).toBe('grief and loss');
    expect(problemAreaLabel(stuart, 'role-dispute')).toBe('interpersonal disputes');
    expect(problemAreaLabel(ipt, 'interpersonal-deficits')).toBe('interpersonal deficits');
    expect(problemAreaLabel(ipt, 'role-dispute')).toBe('role dispute');
  });

  test('returns undefined for an area the protocol does not include [ACF]', () => {
    expect(problemAreaLabel(stuart, 'interpersonal-deficits')).toBeUndefined();
  });

  test('falls back to the Weissman label when a custom protocol gives none', () => {
    const custom = parseProtocol({
      ...ipt,
      id: 'clinic-ipt',
      problemAreas: { ...ipt.problemAreas, labels: { grief: 'bereavement' } },
    });
    expect(problemAreaLabel(custom, 'grief')).toBe('bereavement');
    expect(problemAreaLabel(custom, 'role-transition')).toBe('role transition');
  });
});

describe('parseProtocol', () => {
  test('throws an IptError listing every problem for bad input', () => {
    let caught: unknown;
    try {
      parseProtocol({ ...ipt, sessions: { ...ipt.sessions, max: 4 }, clientName: 'Jane Roe' });
    } catch (error) {
      caught = error;
    }
    expect(isIptError(caught)).toBe(true);
    if (!isIptError(caught)) return;
    expect(caught.kind).toBe('validation');
    expect(caught.issues.map(({ code, path }) => ({ code, path }))).toEqual(
      expect.arrayContaining([
        { code: 'unrecognized-keys', path: [] },
        { code: 'range-inverted', path: ['sessions', 'max'] },
      ]),
    );
    expect(caught.message).toContain('range-inverted');
    expect(caught.message).not.toContain('clientName');
    expect(caught.message).not.toContain('Jane');
  });

  test.each([
    ['null', null],
    ['a string', 'ipt'],
    ['an array', [ipt]],
    ['an empty object', {}],
  ])('throws an IptError for %s', (_label, input) => {
    expect(() => parseProtocol(input)).toThrow(expect.objectContaining({ name: 'IptError' }));
    try {
      parseProtocol(input);
    } catch (error) {
      expect(isIptError(error)).toBe(true);
    }
  });

  test('returns a deeply frozen value equal to a good input', () => {
    const custom = {
      ...ipt,
      id: 'clinic-ipt',
      sessions: { min: 14, max: 14, sources: ['clinic standard operating procedure'] },
    };
    const parsed = parseProtocol(custom);
    expect(parsed).toStrictEqual(custom);
    for (const [node, path] of walk(parsed)) {
      expect(Object.isFrozen(node), path.join('.')).toBe(true);
    }
  });
});

describe('defineProtocol', () => {
  test('does not mutate or freeze its input', () => {
    const input = structuredClone(protocols['ipt-a']) as unknown;
    const before = structuredClone(input);
    const result = defineProtocol(input);
    expect(result.ok).toBe(true);
    expect(input).toStrictEqual(before);
    for (const [node, path] of walk(input)) {
      expect(Object.isFrozen(node), path.join('.')).toBe(false);
    }
    if (result.ok) expect(result.value).not.toBe(input);
  });

  test('does not mutate a rejected input either', () => {
    const input = structuredClone({ ...ipt, sessions: { ...ipt.sessions, max: 1 } });
    const before = structuredClone(input);
    expect(defineProtocol(input).ok).toBe(false);
    expect(input).toStrictEqual(before);
    expect(Object.isFrozen(input)).toBe(false);
  });

  test('accepts custom (non-catalog) source citations', () => {
    const result = defineProtocol({
      ...ipt,
      id: 'my-clinic-ipt',
      sources: ['Clinic handbook 2026, p. 4'],
    });
    expect(result.ok).toBe(true);
  });

  test('reports an unreadable input (throwing getter) as an issue instead of throwing', () => {
    const input = Object.defineProperty({ ...ipt }, 'name', {
      enumerable: true,
      get(): never {
        throw new Error('getter');
      },
    });
    expect(codesAndPaths(input)).toEqual([{ code: 'unreadable-input', path: [] }]);
  });

  test('rejects shape errors with their paths', () => {
    expect(codesAndPaths(null)).toEqual([{ code: 'invalid-type', path: [] }]);
    expect(codesAndPaths({ ...ipt, id: 'Not Kebab' })).toEqual([
      { code: 'invalid-format', path: ['id'] },
    ]);
    expect(codesAndPaths({ ...ipt, sessions: { ...ipt.sessions, min: 12.5 } })).toEqual([
      { code: 'invalid-type', path: ['sessions', 'min'] },
    ]);
    expect(
      codesAndPaths({ ...ipt, phases: [...ipt.phases, ipt.phases[1], ipt.phases[1]] }),
    ).toEqual(expect.arrayContaining([{ code: 'too-big', path: ['phases'] }]));
    expect(
      codesAndPaths({ ...ipt, problemAreas: { ...ipt.problemAreas, areas: ['grief', 'loss'] } }),
    ).toEqual(
      expect.arrayContaining([{ code: 'invalid-value', path: ['problemAreas', 'areas', 1] }]),
    );
  });

  test.each(
    Object.keys(ipt).filter((key) => !['sessionMinutes', 'termination', 'followOn'].includes(key)),
  )('rejects a protocol without the required key %s', (key) => {
    const input: Record<string, unknown> = { ...ipt };
    Reflect.deleteProperty(input, key);
    // A missing enum (format) is reported as an invalid value, anything else as an invalid type.
    const code = key === 'format' ? 'invalid-value' : 'invalid-type';
    expect(codesAndPaths(input)).toEqual([{ code, path: [key] }]);
  });
});

describe('consistency problems, each with its code and path', () => {
  test('sessions.max < sessions.min -> range-inverted at sessions.max', () => {
    expect(codesAndPaths({ ...ipt, sessions: { ...ipt.sessions, min: 12, max: 11 } })).toEqual([
      { code: 'range-inverted', path: ['sessions', 'max'] },
    ]);
  });

  test('sessions.max = sessions.min is fine', () => {
    expect(defineProtocol({ ...ipt, sessions: { ...ipt.sessions, min: 12, max: 12 } }).ok).toBe(
      true,
    );
  });

  test('sessionMinutes.max < sessionMinutes.min -> range-inverted at sessionMinutes.max', () => {
    expect(
      codesAndPaths({ ...ipt, sessionMinutes: { min: 50, max: 45, sources: ['CG7'] } }),
    ).toEqual([{ code: 'range-inverted', path: ['sessionMinutes', 'max'] }]);
  });

  test('cadence.default not in cadence.allowed -> cadence-not-allowed', () => {
    expect(codesAndPaths({ ...ipt, cadence: { ...ipt.cadence, default: 'monthly' } })).toEqual([
      { code: 'cadence-not-allowed', path: ['cadence', 'default'] },
    ]);
  });

  test('a cadence listed twice -> duplicate', () => {
    expect(
      codesAndPaths({
        ...ipt,
        cadence: { ...ipt.cadence, allowed: ['weekly', 'twice-weekly', 'weekly'] },
      }),
    ).toEqual([{ code: 'duplicate', path: ['cadence', 'allowed', 2] }]);
  });

  test('a phase listed twice -> duplicate at the second occurrence', () => {
    const [initial, middle, termination] = ipt.phases;
    expect(codesAndPaths({ ...ipt, phases: [initial, middle, middle, termination] })).toEqual([
      { code: 'duplicate', path: ['phases', 2, 'id'] },
    ]);
  });

  test('first phase not initial -> phase-order at phases.0.id', () => {
    const [initial, middle, termination] = ipt.phases;
    expect(codesAndPaths({ ...ipt, phases: [middle, initial, termination] })).toEqual([
      { code: 'phase-order', path: ['phases', 0, 'id'] },
    ]);
  });

  test('last phase not termination -> phase-order at the last phase', () => {
    const [initial, middle, termination] = ipt.phases;
    expect(codesAndPaths({ ...ipt, phases: [initial, termination, middle] })).toEqual([
      { code: 'phase-order', path: ['phases', 2, 'id'] },
    ]);
  });

  test('no middle phase -> missing-phase at phases', () => {
    const [initial, , termination] = ipt.phases;
    const maintenance = { id: 'maintenance', label: 'maintenance', sources: ['IPTM'] };
    expect(codesAndPaths({ ...ipt, phases: [initial, maintenance, termination] })).toEqual([
      { code: 'missing-phase', path: ['phases'] },
    ]);
  });

  test('maintenance before middle -> phase-order at the maintenance phase', () => {
    const [initial, middle, maintenance, termination] = protocols.ipsrt.phases;
    expect(
      codesAndPaths({ ...protocols.ipsrt, phases: [initial, maintenance, middle, termination] }),
    ).toEqual([{ code: 'phase-order', path: ['phases', 1, 'id'] }]);
  });

  test('an initial phase as long as the course is reported once, not also as phase-plan-exceeds-total', () => {
    const [initial, middle, termination] = ipt.phases;
    expect(
      codesAndPaths({ ...ipt, phases: [{ ...initial, maxSessions: 12 }, middle, termination] }),
    ).toEqual([{ code: 'initial-phase-exceeds-total', path: ['phases', 0, 'maxSessions'] }]);
  });

  test('initial maxSessions >= sessions.min -> initial-phase-exceeds-total', () => {
    const [initial, middle, termination] = ipt.phases;
    const input = {
      ...ipt,
      phases: [{ ...initial, maxSessions: 12 }, middle, termination],
      termination: undefined,
    };
    expect(codesAndPaths(input)).toEqual([
      { code: 'initial-phase-exceeds-total', path: ['phases', 0, 'maxSessions'] },
    ]);
    // One session fewer leaves room for the rest of the course.
    expect(
      defineProtocol({ ...input, phases: [{ ...initial, maxSessions: 11 }, middle, termination] })
        .ok,
    ).toBe(true);
  });

  test('a phase maxSessions above sessions.max -> phase-exceeds-total', () => {
    const [initial, middle, termination] = ipt.phases;
    expect(
      codesAndPaths({ ...ipt, phases: [initial, { ...middle, maxSessions: 17 }, termination] }),
    ).toEqual([{ code: 'phase-exceeds-total', path: ['phases', 1, 'maxSessions'] }]);
  });

  test('termination.minSessionsBeforeEnd >= sessions.min -> termination-notice-exceeds-total', () => {
    expect(
      codesAndPaths({
        ...ipt,
        termination: { minSessionsBeforeEnd: 12, maxSessionsBeforeEnd: 12, sources: ['CG7'] },
      }),
    ).toEqual([
      { code: 'termination-notice-exceeds-total', path: ['termination', 'minSessionsBeforeEnd'] },
    ]);
  });

  test('termination notice max < min -> range-inverted at termination.maxSessionsBeforeEnd', () => {
    expect(
      codesAndPaths({
        ...ipt,
        termination: { minSessionsBeforeEnd: 4, maxSessionsBeforeEnd: 2, sources: ['CG7'] },
      }),
    ).toEqual([{ code: 'range-inverted', path: ['termination', 'maxSessionsBeforeEnd'] }]);
  });

  test('initial maxSessions + notice > sessions.min -> phase-plan-exceeds-total', () => {
    const input = {
      ...ipt,
      termination: { minSessionsBeforeEnd: 10, sources: ['CG7'] },
    };
    // 3 + 10 > 12
    expect(codesAndPaths(input)).toEqual([
      { code: 'phase-plan-exceeds-total', path: ['termination', 'minSessionsBeforeEnd'] },
    ]);
    // 3 + 9 = 12 fits exactly.
    expect(
      defineProtocol({ ...input, termination: { minSessionsBeforeEnd: 9, sources: ['CG7'] } }).ok,
    ).toBe(true);
  });

  test('a problem area listed twice -> duplicate', () => {
    expect(
      codesAndPaths({
        ...stuart,
        problemAreas: { ...stuart.problemAreas, areas: [...stuart.problemAreas.areas, 'grief'] },
      }),
    ).toEqual([{ code: 'duplicate', path: ['problemAreas', 'areas', 3] }]);
  });

  test('a label for an excluded area -> label-for-missing-area at that label', () => {
    expect(
      codesAndPaths({
        ...stuart,
        problemAreas: {
          ...stuart.problemAreas,
          labels: { ...stuart.problemAreas.labels, 'interpersonal-deficits': 'sensitivity' },
        },
      }),
    ).toEqual([
      {
        code: 'label-for-missing-area',
        path: ['problemAreas', 'labels', 'interpersonal-deficits'],
      },
    ]);
  });

  test('foci.max above the number of areas -> foci-exceed-areas', () => {
    expect(codesAndPaths({ ...stuart, foci: { ...stuart.foci, max: 4 } })).toEqual([
      { code: 'foci-exceed-areas', path: ['foci', 'max'] },
    ]);
    expect(defineProtocol({ ...stuart, foci: { ...stuart.foci, max: 3 } }).ok).toBe(true);
  });

  test('foci are counted against distinct areas: a repeated area does not make room for a focus', () => {
    expect(
      codesAndPaths({
        ...stuart,
        problemAreas: {
          ...stuart.problemAreas,
          areas: ['grief', 'role-dispute', 'grief'],
          labels: {},
        },
        foci: { ...stuart.foci, max: 3 },
      }),
    ).toEqual([
      { code: 'duplicate', path: ['problemAreas', 'areas', 2] },
      { code: 'foci-exceed-areas', path: ['foci', 'max'] },
    ]);
  });

  test('preliminary sessions max < min -> range-inverted', () => {
    const brief = protocols['ipt-brief'];
    expect(
      codesAndPaths({
        ...brief,
        preliminarySessions: { kind: 'engagement', min: 2, max: 1, sources: ['IPTB'] },
      }),
    ).toEqual([{ code: 'range-inverted', path: ['preliminarySessions', 'max'] }]);
  });

  test('a component or follow-on kind listed twice -> duplicate', () => {
    expect(codesAndPaths({ ...ipt, components: ['sick-role', 'timeline', 'sick-role'] })).toEqual([
      { code: 'duplicate', path: ['components', 2] },
    ]);
    expect(
      codesAndPaths({
        ...ipt,
        followOn: { kinds: ['maintenance', 'maintenance'], sources: ['CG7'] },
      }),
    ).toEqual([{ code: 'duplicate', path: ['followOn', 'kinds', 1] }]);
  });

  test('an unknown extra key -> unrecognized-keys, without the key text in the message', () => {
    const issues = issuesOf({ ...ipt, clientNameJaneRoe: 'Jane Roe' });
    expect(issues.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: 'unrecognized-keys', path: [] },
    ]);
    expect(issues[0]!.message).not.toContain('clientNameJaneRoe');
    expect(issues[0]!.message).not.toContain('Jane');
  });

  test('an unknown nested key -> unrecognized-keys at its parent', () => {
    const issues = issuesOf({ ...ipt, sessions: { ...ipt.sessions, secretNoteKey: 1 } });
    expect(issues.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: 'unrecognized-keys', path: ['sessions'] },
    ]);
    expect(issues[0]!.message).not.toContain('secretNoteKey');
  });

  test('several problems at once are all reported', () => {
    const input = {
      ...stuart,
      sessions: { ...stuart.sessions, min: 10, max: 9 },
      cadence: { ...stuart.cadence, default: 'monthly' },
      phases: [stuart.phases[1], stuart.phases[0], stuart.phases[2]],
      problemAreas: {
        ...stuart.problemAreas,
        labels: { ...stuart.problemAreas.labels, 'interpersonal-deficits': 'sensitivity' },
      },
      foci: { ...stuart.foci, max: 4 },
    };
    const found = codesAndPaths(input);
    expect(found).toHaveLength(5);
    expect(found).toEqual(
      expect.arrayContaining([
        { code: 'range-inverted', path: ['sessions', 'max'] },
        { code: 'cadence-not-allowed', path: ['cadence', 'default'] },
        { code: 'phase-order', path: ['phases', 0, 'id'] },
        {
          code: 'label-for-missing-area',
          path: ['problemAreas', 'labels', 'interpersonal-deficits'],
        },
        { code: 'foci-exceed-areas', path: ['foci', 'max'] },
      ]),
    );
  });

  test('every issue has a kebab-case code, an array path and a message', () => {
    const issues = issuesOf({
      ...ipt,
      extra: true,
      sessions: { min: 0, max: 0, sources: [] },
      phases: [],
    });
    expect(issues.length).toBeGreaterThanOrEqual(3);
    for (const found of issues) {
      expect(found.code).toMatch(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/);
      expect(Array.isArray(found.path)).toBe(true);
      expect(found.message.length).toBeGreaterThan(0);
    }
  });
});

test('Phase lists the four phases a plan may use [ALPF][IPSRT-W]', () => {
  expect(Phase.options).toEqual(['initial', 'middle', 'maintenance', 'termination']);
});
