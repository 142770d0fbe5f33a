/**
 * The JSON Schema part of iptkit's interop: the published schemas, their generator, and the
 * cohort-summary schema. Re-exported from the package root (or usable as an entry of its own).
 * @packageDocumentation
 */
export {
  publishedSchemaNames,
  publishedSchemas,
  zodOnlyCheckText,
  isPublishedSchemaName,
  jsonSchemaId,
  generateJsonSchema,
  generateJsonSchemas,
  jsonSchemaFiles,
} from './schemas.js';
export type {
  PublishedSchemaName,
  PublishedSchema,
  ZodOnlyCheck,
  JsonSchemaDocument,
  GeneratedJsonSchema,
  JsonSchemaIo,
} from './schemas.js';
export { CohortSummarySchema } from './cohort-summary.js';
