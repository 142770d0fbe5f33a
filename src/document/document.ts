import { clonePlain } from '../internal/clone.js';
import * as z from 'zod';
import { deepFreeze, type DeepReadonly } from '../internal/deep-freeze.js';
import { vouchForCourse } from '../course/vouched.js';
import {
  issue,
  issuesFromZod,
  validationError,
  type Issue,
  type ValidationError,
} from '../internal/issues.js';
import { IptError } from '../internal/ipt-error.js';
import { checkLimits, type InputLimits } from '../internal/limits.js';
import { err, ok, type Result } from '../internal/result.js';
import { CourseEvent } from '../course/events.js';
import { courseInvariantIssues } from '../course/invariants.js';
import { CourseState, type Course } from '../course/state.js';

/**
 * One published version of a document type: the schema its `data` has, the cross-field rules its
 * data must also keep (if any), and how to turn that data into the next version's (absent on the
 * latest version). Migrations never drop data: anything a new version cannot hold must be kept
 * somewhere in it.
 * @category Document
 */
export interface DocumentVersion {
  readonly data: z.ZodType;
  /**
   * Checks what the schema cannot: the rules that hold across fields of data that passed `data`
   * (given the schema's output). Returns the broken ones, with paths from the data (empty when
   * the data is consistent). A document whose data breaks one fails with these issues under
   * `['data', ...]`, at whichever version it is read, and at every version a migration passes
   * through.
   */
  readonly check?: (data: unknown) => readonly Issue[];
  readonly upgrade?: (data: unknown) => unknown;
}

/**
 * The cross-field check of a course snapshot's data: nothing for the state before the start
 * (`null`), else every invariant the course breaks (see `courseInvariantIssues`).
 */
function checkCourseState(data: unknown): readonly Issue[] {
  return data === null ? [] : courseInvariantIssues(data as DeepReadonly<Course>);
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
  // A snapshot must describe a course some sequence of commands could build (IPT reference 11).
  'iptkit/course-snapshot': Object.freeze([
    Object.freeze({ data: CourseState, check: checkCourseState }),
  ]),
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

/**
 * Options of {@link parseDocument} and {@link migrateDocument}.
 * @category Document
 */
export interface ParseDocumentOptions {
  /**
   * Size limits checked before any schema runs (see `checkLimits`); the defaults
   * (`defaultLimits`) apply to any limit not given. A stream's events (`data` of an
   * `iptkit/course-events` document) count against `maxEvents`.
   */
  readonly limits?: Partial<InputLimits>;
}

/**
 * The most issues a document's data is reported with; past it, one `too-many-issues` says so.
 * @category Document
 */
export const MAX_DOCUMENT_ISSUES = 100;

type ParsedData = { ok: true; data: unknown } | { ok: false; issues: Issue[] };

function capped(issues: Issue[]): Issue[] {
  if (issues.length <= MAX_DOCUMENT_ISSUES) return issues;
  return [
    ...issues.slice(0, MAX_DOCUMENT_ISSUES),
    issue(
      'too-many-issues',
      [],
      `has more problems than the ${String(MAX_DOCUMENT_ISSUES)} listed before this one`,
    ),
  ];
}

/**
 * Validates a document's data against its version's schema. A list (an event stream) is checked
 * item by item and the check stops once {@link MAX_DOCUMENT_ISSUES} issues are found, so a
 * million bad items cost a hundred issues rather than a million; its own constraints (its length)
 * are checked first, on a copy of its schema that does not look at the items. The verdict, the
 * value and the first issues are those of the whole schema.
 */
function parseData(schema: z.ZodType, data: unknown): ParsedData {
  if (schema instanceof z.ZodArray && Array.isArray(data)) {
    const list: z.ZodArray = schema;
    // A classic array's element is a classic schema (typed as a core one).
    const element = list.element as z.ZodType;
    const shell = list.clone({ ...list.def, element: z.unknown() });
    const outer = shell.safeParse(data, { reportInput: false });
    if (!outer.success) return { ok: false, issues: capped(issuesFromZod(outer.error)) };
    const items: unknown[] = [];
    const issues: Issue[] = [];
    for (let index = 0; index < data.length; index += 1) {
      const item = element.safeParse(data[index], { reportInput: false });
      if (item.success) {
        items.push(item.data);
        continue;
      }
      issues.push(...issuesFromZod(item.error, [index]));
      if (issues.length > MAX_DOCUMENT_ISSUES) break;
    }
    return issues.length > 0 ? { ok: false, issues: capped(issues) } : { ok: true, data: items };
  }
  const parsed = schema.safeParse(data, { reportInput: false });
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, issues: capped(issuesFromZod(parsed.error)) };
}

function unreadable(): Result<never, ValidationError> {
  return err(validationError([issue('unreadable-input', [], 'the document could not be read')]));
}

function prefixed(issues: readonly Issue[], prefix: (string | number)[]): Issue[] {
  return issues.map((found) => issue(found.code, [...prefix, ...found.path], found.message));
}

/** The issues of a version's cross-field check on data that passed its schema, as reported. */
function checkedData(definition: DocumentVersion, data: unknown): Issue[] {
  const broken = definition.check?.(data) ?? [];
  return broken.length === 0 ? [] : capped(prefixed(broken, ['data']));
}

/**
 * The issues {@link parseDocument} reports for the data of a latest-version
 * `iptkit/course-snapshot` document once that data has passed the version's schema: the broken
 * invariants of the course (none for `null`), paths under `['data', ...]`, at most
 * {@link MAX_DOCUMENT_ISSUES} and then `too-many-issues`. Empty when the snapshot is consistent.
 * For readers that validate a snapshot's data themselves (the NDJSON reader) and must give the
 * same verdict and issues as `parseDocument`. Never throws.
 * @param data - A course state that passed the `CourseState` schema.
 * @returns The issues, as `parseDocument` reports them.
 * @internal
 */
export function courseSnapshotIssues(data: DeepReadonly<Course> | null): readonly Issue[] {
  const versions = documentTypes['iptkit/course-snapshot'];
  const latest = versions[versions.length - 1];
  try {
    return latest === undefined ? [] : checkedData(latest, data);
  } catch {
    return [issue('unreadable-input', [], 'the document could not be read')];
  }
}

/**
 * Validates a stored document of any type and any published version: the envelope, the schema
 * name, the version, and the data against that version's schema and its cross-field check (a
 * course snapshot must describe a course the rules could have built: see
 * {@link DocumentVersion.check}). The document is returned as stored (use
 * {@link migrateDocument} to bring it to the latest version). The input is first checked against
 * size limits (`limit-*` issues), so a pathological file fails at once. Never throws.
 * @param input - Untrusted document (for example `JSON.parse` of a file).
 * @param options - Size limits to use instead of the defaults.
 * @returns The document, deeply frozen, or its problems with their paths (the first 100, then a
 *   `too-many-issues` issue when there are more).
 * @category Document
 */
export function parseDocument(
  input: unknown,
  options?: ParseDocumentOptions,
): Result<IptDocument, ValidationError> {
  return parseDocumentWith(documentTypes, input, options);
}

/**
 * {@link parseDocument} against a given registry of document types (for tests of migrations).
 * @internal
 */
export function parseDocumentWith(
  registry: Readonly<Record<string, DocumentVersions>>,
  input: unknown,
  options?: ParseDocumentOptions,
): Result<IptDocument, ValidationError> {
  try {
    const tooBig = checkLimits(input, options?.limits, { eventStreamAt: ['data'] });
    if (tooBig.some((found) => found.code === 'unreadable-input')) return unreadable();
    if (tooBig.length > 0) return err(validationError(tooBig));
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
    const parsed = parseData(definition.data, data);
    if (!parsed.ok) return err(validationError(prefixed(parsed.issues, ['data'])));
    const broken = checkedData(definition, parsed.data);
    if (broken.length > 0) return err(validationError(broken));
    const document = deepFreeze({
      schema: schema as DocumentSchemaName,
      version,
      data: parsed.data,
    });
    // A latest-version snapshot that passed its schema and the invariants is a checked course.
    if (
      schema === 'iptkit/course-snapshot' &&
      version === latestDocumentVersion[schema] &&
      document.data !== null
    ) {
      vouchForCourse(document.data as DeepReadonly<Course>);
    }
    return ok(document);
  } catch {
    return unreadable();
  }
}

/**
 * Brings a stored document to the latest version of its type, one version at a time, validating
 * the data after every step (size limits included). A document already at the latest version is
 * returned as parsed. Never throws.
 * @param input - Untrusted document of any published version.
 * @param options - Size limits to use instead of the defaults.
 * @returns The document at the latest version, or every problem found on the way.
 * @category Document
 */
export function migrateDocument(
  input: unknown,
  options?: ParseDocumentOptions,
): Result<IptDocument, ValidationError> {
  return migrateDocumentWith(documentTypes, input, options);
}

/**
 * {@link migrateDocument} against a given registry of document types (for tests of migrations).
 * @internal
 */
export function migrateDocumentWith(
  registry: Readonly<Record<string, DocumentVersions>>,
  input: unknown,
  options?: ParseDocumentOptions,
): Result<IptDocument, ValidationError> {
  const parsed = parseDocumentWith(registry, input, options);
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
    const next = parseDocumentWith(
      registry,
      { schema: current.schema, version: current.version + 1, data: upgraded },
      options,
    );
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
 * @param options - Size limits to use instead of the defaults.
 * @returns The document, deeply frozen.
 * @throws {@link IptError} listing every problem.
 * @category Document
 */
export function parseDocumentOrThrow(input: unknown, options?: ParseDocumentOptions): IptDocument {
  const result = parseDocument(input, options);
  if (!result.ok) throw new IptError(result.error);
  return result.value;
}

/** Whether a string names a document type iptkit knows. @category Document */
export function isDocumentSchemaName(name: string): name is DocumentSchemaName {
  return Object.hasOwn(documentTypes, name);
}
