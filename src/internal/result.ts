/**
 * A success: the computed value.
 * @category Kernel
 */
export interface Ok<TValue> {
  readonly ok: true;
  readonly value: TValue;
}

/**
 * A failure: an error described as data.
 * @category Kernel
 */
export interface Err<TError> {
  readonly ok: false;
  readonly error: TError;
}

/**
 * The outcome of a fallible operation: `{ ok: true, value }` or `{ ok: false, error }`.
 * Fallible iptkit functions return a `Result` instead of throwing.
 *
 * @example
 * ```ts
 * const result = defineProtocol(input);
 * if (result.ok) use(result.value);
 * else report(result.error.issues);
 * ```
 * @category Kernel
 */
export type Result<TValue, TError> = Ok<TValue> | Err<TError>;

/**
 * Wraps a value as a successful {@link Result}.
 * @param value - The value to wrap.
 * @returns `{ ok: true, value }`, frozen.
 * @category Kernel
 */
export function ok<TValue>(value: TValue): Ok<TValue> {
  return Object.freeze({ ok: true as const, value });
}

/**
 * Wraps an error as a failed {@link Result}.
 * @param error - The error to wrap.
 * @returns `{ ok: false, error }`, frozen.
 * @category Kernel
 */
export function err<TError>(error: TError): Err<TError> {
  return Object.freeze({ ok: false as const, error });
}

/**
 * Tells whether a {@link Result} is a success (narrows its type).
 * @param result - The result to test.
 * @returns `true` for `{ ok: true }`.
 * @category Kernel
 */
export function isOk<TValue, TError>(result: Result<TValue, TError>): result is Ok<TValue> {
  return result.ok;
}

/**
 * Tells whether a {@link Result} is a failure (narrows its type).
 * @param result - The result to test.
 * @returns `true` for `{ ok: false }`.
 * @category Kernel
 */
export function isErr<TValue, TError>(result: Result<TValue, TError>): result is Err<TError> {
  return !result.ok;
}
