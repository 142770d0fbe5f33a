/**
 * A type made readonly all the way down: objects, arrays, maps and sets.
 * Branded strings and other primitives are left as they are.
 * @category Kernel
 */
export type DeepReadonly<TValue> = TValue extends
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
 * Freezes a value and everything reachable from it, in place, and returns it typed as
 * {@link DeepReadonly}. Objects that are already frozen are still walked, since a shallow freeze
 * says nothing about their children; cycles are followed once. It does not copy, so only use it on
 * values iptkit itself has just built.
 * @param value - A value built by the caller of this function.
 * @returns The same value, now deeply frozen.
 * @internal
 */
export function deepFreeze<TValue>(value: TValue): DeepReadonly<TValue> {
  freezeRecursively(value);
  return value as DeepReadonly<TValue>;
}

function freezeRecursively(root: unknown): void {
  const seen = new WeakSet<object>();
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) {
      pending.push((value as Record<PropertyKey, unknown>)[key]);
    }
  }
}
