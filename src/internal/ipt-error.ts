import type { Issue } from './issues.js';

const MAX_LISTED = 5;

/**
 * What an {@link IptError} carries: any iptkit error shape (a `kind` and its issues).
 * @category Kernel
 */
export interface IptErrorData {
  readonly kind: string;
  readonly issues: readonly Issue[];
}

/**
 * The one error class iptkit throws, and only from the documented throwing twins
 * (`parseX` beside `safeParseX`). It carries the same data the safe twin would have returned.
 * Its message lists codes and paths only, never input text.
 * @category Kernel
 */
export class IptError extends Error {
  /** The kind of the underlying error, e.g. `'validation'`. */
  readonly kind: string;
  /** Every problem found. */
  readonly issues: readonly Issue[];

  /**
   * @param error - The error data returned by the safe twin.
   */
  constructor(error: IptErrorData) {
    super(summarize(error));
    this.name = 'IptError';
    this.kind = error.kind;
    this.issues = error.issues;
  }
}

function summarize(error: IptErrorData): string {
  const listed = error.issues
    .slice(0, MAX_LISTED)
    .map(
      (found) => `${found.code} at ${found.path.length === 0 ? '(root)' : found.path.join('.')}`,
    );
  const more = error.issues.length - listed.length;
  if (error.issues.length === 0) return `iptkit ${error.kind} error`;
  const count = `${error.issues.length} issue${error.issues.length === 1 ? '' : 's'}`;
  return `iptkit ${error.kind} error, ${count}: ${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

/**
 * Tells whether a value is an {@link IptError}, also across realms and duplicated package copies
 * (it checks the shape, not only the prototype).
 * @param value - Anything caught.
 * @returns `true` if it is an iptkit error.
 * @category Kernel
 */
export function isIptError(value: unknown): value is IptError {
  if (value instanceof IptError) return true;
  // No `instanceof Error`: an error from another realm (an iframe, a vm context) has another Error.
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { name?: unknown; kind?: unknown; issues?: unknown };
  return (
    Object.prototype.toString.call(value) === '[object Error]' &&
    candidate.name === 'IptError' &&
    typeof candidate.kind === 'string' &&
    Array.isArray(candidate.issues)
  );
}
