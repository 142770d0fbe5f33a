import { clonePlain } from '../internal/clone.js';
import * as z from 'zod';
import { deepFreeze, type DeepReadonly } from '../internal/deep-freeze.js';
import {
  issue,
  issuesFromZod,
  validationError,
  type Issue,
  type ValidationError,
} from '../internal/issues.js';
import { IptError } from '../internal/ipt-error.js';
import { err, ok, type Result } from '../internal/result.js';
import { CourseEvent } from '../course/events.js';
import { CourseState } from '../course/state.js';

/**
 * One published version of a document type: the schema its `data` has, and how to turn that data
 * into the next version's (absent on the latest version). Migrations never drop data: anything a
 * new version cannot hold must be kept somewhere in it.
 * @category Document
 */
export interface DocumentVersion {
  readonly data: z.ZodType;
  readonly upgrade?: (data: unknown) => unknown;
}

/**
 * The versions of one document type, oldest first (index 0 is version 1).
 * @category Document
 */
export type DocumentVersions = readonly DocumentVersion[];

/**
 * Every document type iptkit stores, with every version ever published. Version 1 of each is the
 * first release; later versions are appended, never edited.
 * @category Document
 */
export const documentTypes = Object.freeze({
  'iptkit/course-events': Object.freeze([
    Object.freeze({ data: z.array(CourseEvent).max(1_000_000) }),
  ]),
  'iptkit/course-snapshot': Object.freeze([Object.freeze({ data: CourseState })]),
} as const satisfies Record<string, DocumentVersions>);

/**
 * The name of a stored document type, e.g. `iptkit/course-events`.
 * @category Document
 */
export type DocumentSchemaName = keyof typeof documentTypes;

/**
 * The latest version of each document type.
 * @category Document
 */
export const latestDocumentVersion: Readonly<Record<DocumentSchemaName, number>> = Object.freeze(
  Object.fromEntries(
    Object.entries(documentTypes).map(([name, versions]) => [name, versions.length]),
  ) as Record<DocumentSchemaName, number>,
);

/**
 * The envelope every stored iptkit document has: which schema, which version, and the data.
 * @category Document
 */
export const DocumentEnvelope = z.strictObject({
  schema: z.string().regex(/^iptkit\/[a-z][a-z0-9-]*$/, { error: 'must be iptkit/<name>' }),
  version: z.int().min(1).max(10_000),
  data: z.unknown(),
});

/**
 * A parsed document: the schema name, the version it was stored as, and its validated data.
 * @category Document
 */
export interface IptDocument<TData = unknown> {
  readonly schema: DocumentSchemaName;
  readonly version: number;
  readonly data: DeepReadonly<TData>;
}

function prefixed(issues: readonly Issue[], prefix: (string | number)[]): Issue[] {
  return issues.map((found) => issue(found.code, [...prefix, ...found.path], found.message));
}

/**
 * Validates a stored document of any type and any published version: the envelope, the schema
 * name, the version, and the data against that version's schema. The document is returned as
 * stored (use {@link migrateDocument} to bring it to the latest version). Never throws.
 * @param input - Untrusted document (for example `JSON.parse` of a file).
 * @returns The document, deeply frozen, or every problem with its path.
 * @category Document
 */
export function parseDocument(input: unknown): Result<IptDocument, ValidationError> {
  return parseDocumentWith(documentTypes, input);
}

/**
 * {@link parseDocument} against a given registry of document types (for tests of migrations).
 * @internal
 */
export function parseDocumentWith(
  registry: Readonly<Record<string, DocumentVersions>>,
  input: unknown,
): Result<IptDocument, ValidationError> {
  try {
    const envelope = DocumentEnvelope.safeParse(input);
    if (!envelope.success) return err(validationError(issuesFromZod(envelope.error)));
    const { schema, version, data } = envelope.data;
    if (!Object.hasOwn(registry, schema)) {
      return err(
        validationError([
          issue('unknown-schema', ['schema'], 'is not a document type iptkit knows'),
        ]),
      );
    }
    const versions = registry[schema] ?? [];
    const definition = versions[version - 1];
    if (definition === undefined) {
      return err(
        validationError([
          issue(
            'unsupported-version',
            ['version'],
            `must be from 1 to ${versions.length}; a newer iptkit may read this document`,
          ),
        ]),
      );
    }
    const parsed = definition.data.safeParse(data);
    if (!parsed.success)
      return err(validationError(prefixed(issuesFromZod(parsed.error), ['data'])));
    return ok(deepFreeze({ schema: schema as DocumentSchemaName, version, data: parsed.data }));
  } catch {
    return err(validationError([issue('unreadable-input', [], 'the document could not be read')]));
  }
}

/**
 * Brings a stored document to the latest version of its type, one version at a time, validating
 * the data after every step. A document already at the latest version is returned as parsed.
 * @param input - Untrusted document of any published version.
 * @returns The document at the latest version, or every problem found on the way.
 * @category Document
 */
export function migrateDocument(input: unknown): Result<IptDocument, ValidationError> {
  return migrateDocumentWith(documentTypes, input);
}

/**
 * {@link migrateDocument} against a given registry of document types (for tests of migrations).
 * @internal
 */
export function migrateDocumentWith(
  registry: Readonly<Record<string, DocumentVersions>>,
  input: unknown,
): Result<IptDocument, ValidationError> {
  const parsed = parseDocumentWith(registry, input);
  if (!parsed.ok) return parsed;
  let current: IptDocument = parsed.value;
  const versions = registry[current.schema] ?? [];
  while (current.version < versions.length) {
    const step = versions[current.version - 1];
    let upgraded: unknown;
    try {
      upgraded =
        step?.upgrade === undefined ? current.data : step.upgrade(clonePlain(current.data));
    } catch {
      return err(
        validationError([
          issue(
            'migration-failed',
            ['version'],
            `could not upgrade from version ${current.version}`,
          ),
        ]),
      );
    }
    const next = parseDocumentWith(registry, {
      schema: current.schema,
      version: current.version + 1,
      data: upgraded,
    });
    if (!next.ok) return next;
    current = next.value;
  }
  return ok(current);
}

/**
 * Wraps data in the envelope of the latest version of a document type, ready to store.
 * @param schema - The document type.
 * @param data - The data (a course's events, a course state, ...).
 * @returns `{ schema, version, data }`.
 * @example
 * ```ts
 * const stored = JSON.stringify(toDocument('iptkit/course-events', events));
 * ```
 * @category Document
 */
export function toDocument<TData>(
  schema: DocumentSchemaName,
  data: TData,
): { readonly schema: DocumentSchemaName; readonly version: number; readonly data: TData } {
  return Object.freeze({ schema, version: latestDocumentVersion[schema], data });
}

/**
 * The throwing twin of {@link parseDocument}.
 * @param input - A stored document.
 * @returns The document, deeply frozen.
 * @throws {@link IptError} listing every problem.
 * @category Document
 */
export function parseDocumentOrThrow(input: unknown): IptDocument {
  const result = parseDocument(input);
  if (!result.ok) throw new IptError(result.error);
  return result.value;
}

/** Whether a string names a document type iptkit knows. @category Document */
export function isDocumentSchemaName(name: string): name is DocumentSchemaName {
  return Object.hasOwn(documentTypes, name);
}
