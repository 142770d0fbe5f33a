/**
 * Test support for de-identification, written independently of `src/privacy`: its own reading of
 * the zod schemas (through `z.globalRegistry` and the schema definitions), a "saturator" that
 * fills every absent field marked sensitive with marker text, a full example course that uses
 * every part of the course model, and small walkers over plain values.
 */
import * as z from 'zod';
import { Course } from '../../src/course/state.js';
import { CourseEvent } from '../../src/course/events.js';
import {
  addPerson,
  DAY0,
  executeAll,
  MARKER,
  recordPhq9,
  session,
  started,
  startIpt,
  week,
  type Command,
  type Executed,
} from '../support/course-arbitraries.js';

type Node = z.core.$ZodType;

/** The sensitivity mark on this very node, read from zod's registry. */
export function markOf(node: Node): string | undefined {
  const mark: unknown = z.globalRegistry.get(node)?.sensitive;
  return typeof mark === 'string' ? mark : undefined;
}

function defOf(node: Node): Record<string, unknown> & { type: string } {
  return node._zod.def as unknown as Record<string, unknown> & { type: string };
}

const WRAPPERS = new Set([
  'optional',
  'nullable',
  'default',
  'readonly',
  'nonoptional',
  'prefault',
]);

/** The node under optional/nullable/default/readonly wrappers. */
function unwrap(node: Node): Node {
  let current = node;
  while (WRAPPERS.has(defOf(current).type)) current = defOf(current).innerType as Node;
  return current;
}

/**
 * Every path of a schema marked sensitive, enumerated from the schema alone (`*` for record
 * values, `[]` for list items), with the mark.
 */
export function markedPaths(schema: Node, root = ''): Map<string, string> {
  const found = new Map<string, string>();
  const join = (base: string, key: string) => (base === '' ? key : `${base}.${key}`);
  const visit = (node: Node, path: string): void => {
    const mark = markOf(node);
    if (mark !== undefined) {
      found.set(path, mark);
      return;
    }
    const def = defOf(node);
    if (WRAPPERS.has(def.type)) visit(def.innerType as Node, path);
    else if (def.type === 'object') {
      for (const [key, child] of Object.entries(def.shape as Record<string, Node>)) {
        visit(child, join(path, key));
      }
    } else if (def.type === 'array') visit(def.element as Node, `${path}[]`);
    else if (def.type === 'record') visit(def.valueType as Node, join(path, '*'));
    else if (def.type === 'pipe') visit(def.out as Node, path);
    else if (def.type === 'union') for (const option of def.options as Node[]) visit(option, path);
  };
  visit(schema, root);
  return found;
}

/** The marked paths of every event type, each prefixed with the type. */
export function markedEventPaths(): Map<string, string> {
  const found = new Map<string, string>();
  for (const option of CourseEvent.options) {
    for (const [path, mark] of markedPaths(option, option.shape.type.value)) found.set(path, mark);
  }
  return found;
}

/** One string node of a schema: its path, the node, and how it is constrained. */
export interface StringNode {
  readonly path: string;
  readonly node: Node;
  /** `marked` (sensitive), `format` (date, date-time, ...), `pattern` (a regex), or `free`. */
  readonly shape: 'marked' | 'format' | 'pattern' | 'free';
  readonly pattern?: string;
}

/** Every string node reachable in a schema (record keys as `{key}`), with its constraint. */
export function stringNodes(schema: Node, root = ''): StringNode[] {
  const found: StringNode[] = [];
  const join = (base: string, key: string) => (base === '' ? key : `${base}.${key}`);
  const visit = (node: Node, path: string): void => {
    const def = defOf(node);
    if (markOf(node) !== undefined) {
      found.push({ path, node, shape: 'marked' });
      return;
    }
    if (WRAPPERS.has(def.type)) visit(def.innerType as Node, path);
    else if (def.type === 'object') {
      for (const [key, child] of Object.entries(def.shape as Record<string, Node>)) {
        visit(child, join(path, key));
      }
    } else if (def.type === 'array') visit(def.element as Node, `${path}[]`);
    else if (def.type === 'record') {
      visit(def.keyType as Node, `${path}{key}`);
      visit(def.valueType as Node, join(path, '*'));
    } else if (def.type === 'pipe') visit(def.out as Node, path);
    else if (def.type === 'union') for (const option of def.options as Node[]) visit(option, path);
    else if (def.type === 'string') {
      if (typeof def.format === 'string' && def.format !== 'regex') {
        found.push({ path, node, shape: 'format' });
        return;
      }
      const checks = ((def.checks ?? []) as Node[]).map(
        (check) => check._zod.def as unknown as { format?: string; pattern?: RegExp },
      );
      const regex = checks.find((check) => check.format === 'regex')?.pattern;
      found.push(
        regex === undefined
          ? { path, node, shape: 'free' }
          : { path, node, shape: 'pattern', pattern: regex.source },
      );
    }
  };
  visit(schema, root);
  return found;
}

interface Fill {
  readonly target: Record<string, unknown> | unknown[];
  readonly key: string | null;
  readonly value: unknown;
}

/**
 * Plans where marker text can go: every absent optional field marked sensitive (a string or a
 * list of strings), and one more item in every list of sensitive strings that has room.
 */
function planFills(node: Node, value: unknown, fills: Fill[], counter: { next: number }): void {
  const text = () => `${MARKER} filled ${(counter.next += 1)}`;
  const def = defOf(node);
  if (value === undefined || value === null) return;
  if (WRAPPERS.has(def.type)) {
    planFills(def.innerType as Node, value, fills, counter);
    return;
  }
  if (def.type === 'pipe') {
    planFills(def.out as Node, value, fills, counter);
    return;
  }
  if (def.type === 'union') {
    const option = (def.options as Node[]).find(
      (candidate) => z.safeParse(candidate, value).success,
    );
    if (option !== undefined) planFills(option, value, fills, counter);
    return;
  }
  if (def.type === 'array' && Array.isArray(value)) {
    const element = def.element as Node;
    if (markOf(unwrap(element)) !== undefined) {
      fills.push({ target: value as unknown[], key: null, value: text() });
      return;
    }
    for (const item of value as unknown[]) planFills(element, item, fills, counter);
    return;
  }
  if (def.type === 'record' && typeof value === 'object') {
    for (const item of Object.values(value)) planFills(def.valueType as Node, item, fills, counter);
    return;
  }
  if (def.type === 'object' && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const [key, field] of Object.entries(def.shape as Record<string, Node>)) {
      const inner = unwrap(field);
      const innerDef = defOf(inner);
      const isMarkedString = markOf(inner) !== undefined;
      const isMarkedList =
        innerDef.type === 'array' && markOf(unwrap(innerDef.element as Node)) !== undefined;
      if (!Object.hasOwn(record, key) || record[key] === undefined || record[key] === null) {
        if (isMarkedString) fills.push({ target: record, key, value: text() });
        else if (isMarkedList) fills.push({ target: record, key, value: [text(), text()] });
        continue;
      }
      planFills(field, record[key], fills, counter);
    }
  }
}

function apply(fill: Fill): () => void {
  if (fill.key === null) {
    const list = fill.target as unknown[];
    list.push(fill.value);
    return () => list.pop();
  }
  const record = fill.target as Record<string, unknown>;
  const key = fill.key;
  const had = Object.hasOwn(record, key);
  const before = record[key];
  record[key] = fill.value;
  return () => {
    if (had) record[key] = before;
    else Reflect.deleteProperty(record, key);
  };
}

/**
 * A copy of a valid value with marker text in every sensitive field that can take one while the
 * value stays valid under `schema` (tried all at once, then one at a time if that fails).
 * @returns The saturated copy and how many fields were filled.
 */
export function saturate<TValue>(
  schema: z.ZodType,
  value: TValue,
): { value: TValue; filled: number } {
  const copy = structuredClone<TValue>(value);
  const fills: Fill[] = [];
  planFills(schema, copy, fills, { next: 0 });
  const undo = fills.map(apply);
  if (schema.safeParse(copy).success) return { value: copy, filled: fills.length };
  for (const back of undo.reverse()) back();
  let filled = 0;
  for (const fill of fills) {
    const back = apply(fill);
    if (schema.safeParse(copy).success) filled += 1;
    else back();
  }
  return { value: copy, filled };
}

/** Every string in a value (keys included), depth first. */
export function allStrings(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) allStrings(item, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      into.push(key);
      allStrings(item, into);
    }
  }
  return into;
}

const DATE_LIKE = /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2}))?$/;

/** Every date or date-time string in a value, in walk order (keys are not dates in iptkit). */
export function allDates(value: unknown): string[] {
  return allStrings(value).filter((text) => DATE_LIKE.test(text));
}

/** Days from 1970-01-01 of a date or date-time's date part, with JavaScript's own `Date`. */
export function dayNumber(date: string): number {
  return Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / 86_400_000;
}

/** Milliseconds since the epoch of a date (midnight UTC) or date-time (its instant). */
export function instant(date: string): number {
  return date.length === 10 ? Date.parse(`${date}T00:00:00Z`) : Date.parse(date);
}

/**
 * Renumbers the neutral labels (`Person N`, `Text N`) of a value in the order they are met, so
 * that two values equal up to a consistent renaming of labels become equal.
 */
export function canonicalLabels<TValue>(value: TValue): TValue {
  const seen = new Map<string, string>();
  const rename = (text: string): string => {
    const match = /^(Person|Text) \d+$/.exec(text);
    if (match === null) return text;
    let known = seen.get(text);
    if (known === undefined) {
      known = `${match[1]!} #${[...seen.values()].filter((label) => label.startsWith(match[1]!)).length + 1}`;
      seen.set(text, known);
    }
    return known;
  };
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') return rename(node);
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node === 'object' && node !== null) {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, visit(item)]));
    }
    return node;
  };
  return visit(value) as TValue;
}

/** A communication analysis with every part: turns of both speakers, problems, alternatives. */
function analysis(personId: string): Command {
  return {
    type: 'record-communication-analysis',
    analysisId: 'a-1',
    analysis: {
      personId,
      date: week(3),
      focusArea: 'role-dispute',
      context: `${MARKER} context`,
      turns: [
        {
          speaker: 'client',
          act: 'said',
          content: `${MARKER} said`,
          tone: `${MARKER} tone`,
          nonverbal: `${MARKER} sigh`,
          clientFeeling: `${MARKER} hurt`,
          intended: `${MARKER} meant`,
          heardAs: `${MARKER} heard`,
        },
        { speaker: 'other', act: 'did', content: `${MARKER} left`, tone: `${MARKER} cold` },
      ],
      intendedMessage: `${MARKER} intended`,
      receivedMessage: `${MARKER} received`,
      problems: [{ category: 'ambiguous-nonverbal', turn: 0, note: `${MARKER} problem` }],
      alternatives: [{ text: `${MARKER} alternative`, skills: ['i-statements'], rehearsed: true }],
      practiceAssigned: true,
    },
  };
}

/**
 * Commands for a course that uses every part of the model: people (one deceased, one updated),
 * the circle, the timeline, PHQ-9s (one raising a risk flag that is acknowledged), a role-dispute
 * focus, the formulation, the contract with goals, a renegotiation, a communication analysis, all
 * three phases, the ending raised, the course ended. Every label and free text carries the marker.
 */
export function fullCourseCommands(): Command[] {
  return [
    startIpt({ recordedAt: `${DAY0}T09:00:00+01:00` }),
    addPerson('p-mother', 'deceased', { relationshipNote: `${MARKER} mother` }),
    addPerson('p-partner', 'alive', {
      interactions: { frequency: 'daily', content: `${MARKER} chores` },
      expectations: [{ holder: 'client', text: `${MARKER} help`, met: 'no' }],
      satisfying: [`${MARKER} laughs`],
      unsatisfying: [`${MARKER} rows`],
      changesWanted: [`${MARKER} listens`],
      support: { level: 'some', confiding: false, note: `${MARKER} support` },
      aroundOnset: { changed: true, note: `${MARKER} onset` },
      linkToEpisode: 'both',
    }),
    {
      type: 'update-person',
      personId: 'p-partner',
      changes: { label: `${MARKER} renamed`, relationshipNote: `${MARKER} note` },
    },
    { type: 'place-in-circle', personId: 'p-mother', ring: 2 },
    { type: 'place-in-circle', personId: 'p-partner', ring: 0 },
    {
      type: 'record-life-event',
      event: {
        date: '2025-12-01',
        kind: 'loss',
        description: `${MARKER} loss`,
        personId: 'p-mother',
      },
    },
    { type: 'record-mood', rating: { date: DAY0, value: 3, note: `${MARKER} low` } },
    session(1),
    recordPhq9('m-1', week(1), 1, 2),
    {
      type: 'acknowledge-risk',
      flagId: 'm-1:suicidalIdeation',
      by: 'dr-1',
      at: `${week(1)}T10:00:00Z`,
      action: `${MARKER} safety plan`,
    },
    {
      type: 'choose-focus',
      focus: { area: 'role-dispute', personId: 'p-partner', stage: 'impasse' },
      rank: 'primary',
      date: week(1),
    },
    {
      type: 'choose-focus',
      focus: { area: 'role-transition', from: `${MARKER} employee`, to: `${MARKER} retiree` },
      rank: 'secondary',
      date: week(1),
    },
    { type: 'share-formulation', date: week(2), accepted: true, summary: `${MARKER} summary` },
    { type: 'agree-contract', date: week(2), goals: [`${MARKER} goal one`, `${MARKER} goal two`] },
    session(2),
    { type: 'advance-phase', to: 'middle', date: week(3) },
    session(3),
    analysis('p-partner'),
    { type: 'assess-dispute-stage', personId: 'p-partner', stage: 'renegotiation', date: week(3) },
    {
      type: 'renegotiate-contract',
      date: week(3),
      timeLimit: { sessions: 14, cadence: 'weekly' },
      reason: `${MARKER} reason`,
    },
    session(4),
    session(5),
    recordPhq9('m-2', week(5), 0, 1),
    { type: 'raise-termination', date: week(5) },
    session(6),
    { type: 'advance-phase', to: 'termination', date: week(6) },
    session(7),
    recordPhq9('m-3', week(7), 0, 0),
    { type: 'end-course', date: week(7), outcome: 'completed' },
  ];
}

/** The full example course, executed. */
export function fullCourse(): Executed {
  return executeAll(fullCourseCommands());
}

/** The full example course's state (throws if a command was refused). */
export function fullCourseState() {
  return started(fullCourse());
}

/** The saturated full course: every sensitive field of the course schema holds marker text. */
export function saturatedFullCourse() {
  return saturate(Course, fullCourseState());
}

export { MARKER };
