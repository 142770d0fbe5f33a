/**
 * Prototype pollution for tests of the fast paths that check `Object.prototype` once and then
 * trust it: a hidden key that the protocol schema reads (`entry`, an optional field) with a value
 * the schema refuses, added by a getter while iptkit reads a caller's value.
 */

/** Removes the polluting key again (call it in a `finally`). */
export function removeHiddenEntry(): void {
  Reflect.deleteProperty(Object.prototype, 'entry');
}

/**
 * Turns `target[key]` into an enumerable getter that gives the same value and, each time it is
 * read, adds the hidden `entry` key to `Object.prototype`.
 * @param target - An object of the caller's value (not frozen).
 * @param key - One of its own keys.
 */
export function polluteWhenRead(target: Record<string, unknown>, key: string): void {
  const value = target[key];
  Object.defineProperty(target, key, {
    enumerable: true,
    get() {
      Object.defineProperty(Object.prototype, 'entry', {
        value: 'not an entry condition',
        enumerable: false,
        configurable: true,
      });
      return value;
    },
  });
}
