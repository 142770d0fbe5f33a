/**
 * Marker-laden inputs for the "no input in messages" property: every way a string from the input
 * could reach an error (as a value, a key at any depth, an enum value, an id), and a checker that
 * finds the marker anywhere in what an entry reports.
 */
import fc from 'fast-check';

/** The marker every injected string carries. */
export const MARK = 'ZZSECRET';
/** Client text: a name (not id-shaped, so it can never be a legitimate id in a path). */
export const TEXT = `${MARK} Jane Doe`;
/** An unknown key that is not id-shaped. */
export const KEY_TEXT = `${MARK} unknown key`;
/**
 * An unknown key that is id-shaped. It may appear in an issue path only where it stands as an id
 * (a key of a record keyed by id: that is how the entry at fault is found); never in a message.
 */
export const KEY_ID = `${MARK}KEY`;

type Path = readonly (string | number)[];

/** One marker-laden variant of a valid input, with a description of what was changed. */
export interface Variant {
  readonly name: string;
  readonly value: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clone<TValue>(value: TValue): TValue {
  return structuredClone(value);
}

/** Every path in a JSON-like value, the root first. */
function paths(value: unknown, at: Path = [], into: { path: Path; node: unknown }[] = []) {
  into.push({ path: at, node: value });
  if (Array.isArray(value)) value.forEach((item, index) => paths(item, [...at, index], into));
  else if (isObject(value))
    for (const [key, item] of Object.entries(value)) paths(item, [...at, key], into);
  return into;
}

/** Replaces the node at `path` (the root when empty) with what `change` makes of it. */
function edit(root: unknown, path: Path, change: (node: unknown) => unknown): unknown {
  if (path.length === 0) return change(clone(root));
  const copy = clone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  parent[last] = change(parent[last]);
  return copy;
}

function defineKey(target: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** An object with its keys in the same order and one key renamed. */
function renameKey(object: Record<string, unknown>, from: string, to: string) {
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(object))
    defineKey(result, key === from ? to : key, item);
  return result;
}

/** Every string (values and keys) replaced by marker text, every key by a marker key. */
export function taintEverything(value: unknown, keys: boolean): unknown {
  if (typeof value === 'string') return `${TEXT} ${value}`;
  if (Array.isArray(value)) return value.map((item) => taintEverything(item, keys));
  if (isObject(value)) {
    const result: Record<string, unknown> = {};
    Object.entries(value).forEach(([key, item], index) => {
      defineKey(result, keys ? `${KEY_TEXT} ${index}` : key, taintEverything(item, keys));
    });
    return result;
  }
  return value;
}

/**
 * Single-change variants of a valid input: each string, number and boolean replaced by client
 * text; each object given an unknown key (text-shaped and id-shaped, with a value or a nested
 * object), and its first key renamed to a marker; each list given an extra text item; and two
 * sweeping variants (every string tainted; every key too).
 * @param base - A valid input (plain JSON data).
 * @param limit - The most variants to make (spread over the whole value).
 * @param options - `idShapedKeys: false` leaves out the id-shaped marker key (for output that
 * cannot tell a path from a message, such as the command line's).
 */
export function variantsOf(
  base: unknown,
  limit = 400,
  options: { readonly idShapedKeys?: boolean } = {},
): Variant[] {
  const markerKeys = options.idShapedKeys === false ? [KEY_TEXT] : [KEY_TEXT, KEY_ID];
  const nestedKey = options.idShapedKeys === false ? KEY_TEXT : KEY_ID;
  const all: Variant[] = [];
  for (const { path, node } of paths(base)) {
    const where = path.length === 0 ? '(root)' : path.join('.');
    if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') {
      all.push({ name: `${where} = text`, value: edit(base, path, () => TEXT) });
      if (typeof node === 'string') {
        all.push({ name: `${where} += text`, value: edit(base, path, () => `${node} ${TEXT}`) });
      }
    } else if (Array.isArray(node)) {
      all.push({
        name: `${where} push text`,
        value: edit(base, path, (list) => [...(list as unknown[]), TEXT]),
      });
    } else if (isObject(node)) {
      for (const key of markerKeys) {
        all.push({
          name: `${where} + key ${key === KEY_ID ? 'id-shaped' : 'text'}`,
          value: edit(base, path, (object) => {
            const copy = { ...(object as Record<string, unknown>) };
            defineKey(copy, key, TEXT);
            return copy;
          }),
        });
      }
      all.push({
        name: `${where} + nested unknown keys`,
        value: edit(base, path, (object) => {
          const copy = { ...(object as Record<string, unknown>) };
          defineKey(copy, KEY_TEXT, { [KEY_TEXT]: { [nestedKey]: TEXT } });
          return copy;
        }),
      });
      const first = Object.keys(node)[0];
      if (first !== undefined) {
        for (const key of markerKeys) {
          all.push({
            name: `${where}.${first} renamed ${key === KEY_ID ? 'id-shaped' : 'text'}`,
            value: edit(base, path, (object) =>
              renameKey(object as Record<string, unknown>, first, key),
            ),
          });
        }
      }
    }
  }
  all.push({ name: 'every string tainted', value: taintEverything(base, false) });
  all.push({ name: 'every string and key tainted', value: taintEverything(base, true) });
  if (all.length <= limit) return all;
  // Spread the kept variants over the whole input (and keep the two sweeping ones).
  const step = all.length / (limit - 2);
  const kept: Variant[] = [];
  for (let index = 0; index < limit - 2; index += 1) kept.push(all[Math.floor(index * step)]!);
  kept.push(...all.slice(-2));
  return kept;
}

/** One random change: which node (an index into the value's nodes) and what to do to it. */
export interface Edit {
  readonly node: number;
  readonly kind: number;
}

/** Random changes to apply together (see {@link applyEdits}). */
export const edits = fc.array(fc.record({ node: fc.nat(), kind: fc.nat(5) }), {
  minLength: 1,
  maxLength: 4,
});

/**
 * Applies several marker changes to one valid input: each picks a node (modulo the number of
 * nodes) and replaces it with text, appends text, adds an unknown key (text- or id-shaped), or
 * renames a key, whichever fits the node.
 */
export function applyEdits(base: unknown, changes: readonly Edit[]): unknown {
  let value = clone(base);
  for (const change of changes) {
    const nodes = paths(value);
    const { path } = nodes[change.node % nodes.length]!;
    value = edit(value, path, (current) => {
      if (Array.isArray(current)) {
        return change.kind % 2 === 0 ? [...(current as unknown[]), TEXT] : TEXT;
      }
      if (isObject(current)) {
        const first = Object.keys(current)[0];
        const key = change.kind % 2 === 0 ? KEY_TEXT : KEY_ID;
        if (change.kind >= 4 && first !== undefined) return renameKey(current, first, key);
        const copy = { ...current };
        defineKey(copy, key, change.kind >= 2 ? { [KEY_TEXT]: TEXT } : TEXT);
        return copy;
      }
      return change.kind % 2 === 0 ? TEXT : `${String(current)} ${TEXT}`;
    });
  }
  return value;
}

/** Arbitrary JSON-like data whose strings and keys all carry the marker. */
export const taintedAnything = fc.anything({
  key: fc.constantFrom(KEY_TEXT, KEY_ID, 'type', 'id', 'label', 'schema', 'version', 'data'),
  maxDepth: 4,
  values: [
    fc.constantFrom(TEXT, KEY_ID, `${TEXT} phq-9`, MARK),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
  ],
});

/** A finding: where in the reported data the marker showed up. */
export interface Leak {
  readonly at: string;
  readonly text: string;
}

/**
 * Looks for the marker in anything an entry reported (an error, issues, warnings, a thrown
 * error's message). The id-shaped marker is allowed as an element of a `path` list (as an id);
 * everywhere else any string containing the marker is a leak.
 */
export function leaksIn(reported: unknown): Leak[] {
  const found: Leak[] = [];
  const seen = new Set<unknown>();
  const visit = (node: unknown, at: string, inPath: boolean): void => {
    if (typeof node === 'string') {
      if (node.toUpperCase().includes(MARK) && !(inPath && node === KEY_ID)) {
        found.push({ at, text: node });
      }
      return;
    }
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    if (node instanceof Error) {
      // An IptError's message lists its issues' paths; an id in a path may show there too.
      const issues = (node as { issues?: unknown }).issues;
      const idInPath =
        Array.isArray(issues) &&
        issues.some(
          (found: { path?: unknown }) => Array.isArray(found.path) && found.path.includes(KEY_ID),
        );
      visit(idInPath ? node.message.split(KEY_ID).join('') : node.message, `${at}.message`, false);
      visit(node.name, `${at}.name`, false);
    }
    if (Array.isArray(node)) {
      node.forEach((item, index) => {
        visit(item, `${at}[${index}]`, inPath);
      });
      return;
    }
    for (const key of Object.keys(node)) {
      if (key.toUpperCase().includes(MARK)) found.push({ at, text: `key ${key}` });
      visit((node as Record<string, unknown>)[key], `${at}.${key}`, key === 'path');
    }
  };
  visit(reported, '', false);
  return found;
}
