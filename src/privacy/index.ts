/**
 * De-identification of courses and event streams: drop or replace what the schemas mark
 * sensitive, give ids the caller's pseudonyms, shift dates. The main entry re-exports these.
 * @module
 */
export {
  deidentify,
  deidentifyEvents,
  DeidentifyOptions,
  type DeidentifiedCourse,
  type DeidentifiedEvents,
  type DeidentifiedField,
  type DeidentifyReport,
  type Pseudonymize,
} from './deidentify.js';
export { IdKind, sensitiveFields, type SensitiveField } from './schema-walk.js';
