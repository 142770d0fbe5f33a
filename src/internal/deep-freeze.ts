/**
 * A type made readonly all the way down: objects, arrays, maps and sets.
 * Branded strings and other primitives are left as they are, and so is `unknown`. Maps and sets
 * are typed readonly, but `deepFreeze` cannot freeze their contents: iptkit's schemas never
 * output them (collections are plain objects keyed by id).
 * @category Kernel
 */
export type DeepReadonly<TValue> = unknown extends TValue
  ? TValue
  : TValue extends
        | string
        | number
        | boolean
        | bigint
        | symbol
        | null
        | undefined
        | ((...args: never[]) => unknown)
    ? TValue
    : TValue extends ReadonlyMap<infer TKey, infer TItem>
      ? ReadonlyMap<DeepReadonly<TKey>, DeepReadonly<TItem>>
      : TValue extends ReadonlySet<infer TItem>
        ? ReadonlySet<DeepReadonly<TItem>>
        : TValue extends readonly unknown[]
          ? { readonly [Index in keyof TValue]: DeepReadonly<TValue[Index]> }
          : { readonly [Key in keyof TValue]: DeepReadonly<TValue[Key]> };

/**
 * Freezes a value and everything reachable from it through own enumerable string keys, in place, and returns it typed as
 * {@link DeepReadonly}. Objects that are already frozen are still walked, since a shallow freeze
 * says nothing about their children; cycles are followed once. It does not copy, so only use it on
 * values iptkit itself has just built.
 * @param value - A value built by the caller of this function.
 * @returns The same value, now deeply frozen.
 * @internal
 */
export function deepFreeze<TValue>(value: TValue): DeepReadonly<TValue> {
  freezeRecursively(value, new WeakSet());
  return value as DeepReadonly<TValue>;
}

function freezeRecursively(value: unknown, seen: WeakSet<object>): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (const item of value) freezeRecursively(item, seen);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) freezeRecursively(record[key], seen);
}

/**
 * Freezes an acyclic tree that iptkit has just built (such as a state folded by replay), without
 * the bookkeeping {@link deepFreeze} needs for cycles: each object is frozen when first reached and
 * an already-frozen object is not walked again (its children were frozen before it, or it came
 * from a frozen value). Do not use it on values with cycles or on outside data.
 * @internal
 */
export function freezeTree<TValue>(value: TValue): DeepReadonly<TValue> {
  freezeNode(value);
  return value as DeepReadonly<TValue>;
}

function freezeNode(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  if (Array.isArray(value)) {
    for (const item of value) freezeNode(item);
  } else {
    const record = value as Record<string, unknown>;
    for (const key in record) freezeNode(record[key]);
  }
  Object.freeze(value);
}
