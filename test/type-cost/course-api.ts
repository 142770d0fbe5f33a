/**
 * The part of iptkit that the type-cost consumer (`consumer.ts`) uses, under the names the consumer
 * imports. In the repository it points at the sources, so `npm run typecheck` keeps the consumer
 * compiling as the API changes. `scripts/type-cost.ts` copies this file with `'iptkit'` (the built
 * package) in place of the path, and writes a bare-zod twin that exports the same names.
 */
export { Course, CourseCommand, CourseEvent, decide, execute, replay } from '../../src/index.js';
export type {
  CourseCommandInput,
  CourseState,
  DeepReadonly,
  ReplayError,
  Result,
  RuleViolation,
} from '../../src/index.js';
