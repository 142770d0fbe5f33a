/**
 * A deep copy of plain data (objects, arrays, strings, numbers, booleans, null), the shapes every
 * iptkit schema produces. Unlike `structuredClone` it needs no host support (React Native's
 * Hermes lacks it) and it copies only own enumerable string keys; other values are kept as they
 * are.
 * @param value - Plain data.
 * @returns An unfrozen copy that shares nothing mutable with the input.
 * @internal
 */
export function clonePlain<TValue>(value: TValue): TValue {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => clonePlain(item)) as TValue;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value))
    copy[key] = clonePlain((value as Record<string, unknown>)[key]);
  return copy as TValue;
}
