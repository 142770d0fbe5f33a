import { Course } from '../course/state.js';
import { acceptedCourse, CourseWithoutProtocol } from '../course/accepted-course.js';
import { CourseEvent } from '../course/events.js';
import { MAX_REMEMBERED_NESTING, rememberedProtocol } from '../course/protocol-memo.js';
import { replayUnfrozen, type ReplayError } from '../course/replay.js';
import {
  courseSnapshotIssues,
  DocumentEnvelope,
  documentTypes,
  latestDocumentVersion,
  migrateDocument,
} from '../document/document.js';
import { acceptedDepth, acceptorOf } from '../internal/acceptor.js';
import { checkLimits, resolveLimits, type InputLimits } from '../internal/limits.js';
import { prototypeIsStandard } from '../internal/plain-copy.js';
import { deepFreeze, freezeTree, type DeepReadonly } from '../internal/deep-freeze.js';
import { issuesFromZod, type Issue, type IssuePath } from '../internal/issues.js';
import {
  addTrustedCourse,
  createCohortAccumulator,
  type CohortOptions,
  type CohortSummary,
} from './cohort.js';

/**
 * A source of NDJSON text: chunks of any size, cut anywhere (inside a line, between `\r` and
 * `\n`, inside a multi-byte character when the chunks are bytes). A Node readable stream (with or
 * without an encoding), a web `ReadableStream` in runtimes where it is async-iterable, an array
 * of strings or a single string all qualify.
 * @category Analysis
 */
export type NdjsonSource =
  AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array> | string;

/**
 * One line of an NDJSON source: its number (from 1) and its text without the line end, or `null`
 * when the line was longer than the limit (its text is not kept).
 * @category Analysis
 */
export interface NdjsonLine {
  readonly line: number;
  readonly text: string | null;
}

/**
 * Options of {@link ndjsonLines}.
 * @category Analysis
 */
export interface NdjsonLineOptions {
  /**
   * The longest line kept, in UTF-16 code units without the line end (default 16 MiB). A longer
   * line is not kept: its text is dropped as it arrives, so memory stays bounded.
   */
  readonly maxLineLength?: number;
}

/**
 * Options of {@link summarizeNdjson}: those of the cohort summary plus limits.
 * @category Analysis
 */
export interface NdjsonOptions extends CohortOptions, NdjsonLineOptions {
  /** How many bad lines to list (default 100); the rest are only counted. */
  readonly maxReportedBadLines?: number;
  /**
   * Size limits checked on each line's document before any schema (defaults: `defaultLimits`); a
   * line over them is reported with a `limit-*` code.
   */
  readonly limits?: Partial<InputLimits>;
  /**
   * Called with each course once it has been summarised, and the number of courses so far: for
   * progress, or to write other outputs (such as long-format rows) in the same pass. The course
   * is deeply frozen and is not kept afterwards. An exception thrown here rejects the promise.
   */
  readonly onCourse?: (course: DeepReadonly<Course>, courses: number) => void;
}

/**
 * A problem with a line, by code and path only (never the line's text or its values).
 * @category Analysis
 */
export interface NdjsonIssue {
  readonly code: string;
  readonly path: IssuePath;
}

/**
 * A line that did not hold a course: its number and why (at most 20 issues listed; `issueCount`
 * says how many there were).
 * @category Analysis
 */
export interface NdjsonBadLine {
  readonly line: number;
  readonly issues: readonly NdjsonIssue[];
  readonly issueCount: number;
}

/**
 * What {@link summarizeNdjson} found: the cohort summary of every good line, how many lines were
 * read (blank ones included, so line numbers never exceed it), how many courses were summarised,
 * and the bad lines (the first ones listed, all of them counted).
 * @category Analysis
 */
export interface NdjsonSummary {
  readonly summary: CohortSummary;
  readonly lines: number;
  readonly courses: number;
  readonly badLines: readonly NdjsonBadLine[];
  readonly badLineCount: number;
}

const DEFAULT_MAX_LINE_LENGTH = 16 * 1024 * 1024;
const DEFAULT_MAX_BAD_LINES = 100;
const MAX_ISSUES_PER_LINE = 20;
const BOM = '\uFEFF';

function limitOr(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && value >= 0 ? value : fallback;
}

type LineHandler = (line: number, text: string | null) => void;

/**
 * Splits text arriving in chunks into lines, keeping only the current partial line (or nothing,
 * once that line is over the limit).
 */
class LineSplitter {
  #pieces: string[] = [];
  #length = 0;
  #overflow = false;
  #line = 0;
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  push(chunk: string, emit: LineHandler): void {
    let start = 0;
    for (;;) {
      const end = chunk.indexOf('\n', start);
      if (end === -1) break;
      let text: string | null = null;
      if (!this.#overflow) {
        const part = chunk.slice(start, end);
        if (this.#pieces.length === 0) text = part;
        else {
          this.#pieces.push(part);
          text = this.#pieces.join('');
        }
      }
      this.#emit(text, emit);
      start = end + 1;
    }
    if (start < chunk.length && !this.#overflow) {
      const rest = start === 0 ? chunk : chunk.slice(start);
      this.#length += rest.length;
      // One more than the limit leaves room for the `\r` of a CRLF line end.
      if (this.#length > this.#max + 1) {
        this.#overflow = true;
        this.#pieces = [];
      } else {
        this.#pieces.push(rest);
      }
    }
  }

  end(emit: LineHandler): void {
    if (this.#overflow || this.#length > 0)
      this.#emit(this.#overflow ? null : this.#pieces.join(''), emit);
  }

  #emit(raw: string | null, emit: LineHandler): void {
    this.#line += 1;
    let text = raw;
    if (text !== null) {
      if (text.endsWith('\r')) text = text.slice(0, -1);
      if (this.#line === 1 && text.startsWith(BOM)) text = text.slice(1);
      if (text.length > this.#max) text = null;
    }
    this.#pieces = [];
    this.#length = 0;
    this.#overflow = false;
    emit(this.#line, text);
  }
}

/** The part of the WHATWG `TextDecoder` this module uses. */
interface Utf8Decoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

/**
 * The host's `TextDecoder` (Node, browsers and React Native have one), looked up at run time so
 * the core needs no DOM or Node type declarations.
 */
function createDecoder(): Utf8Decoder {
  const host = globalThis as unknown as { TextDecoder?: new (label?: string) => Utf8Decoder };
  if (host.TextDecoder === undefined) {
    throw new TypeError('this platform has no TextDecoder: pass text chunks instead of bytes');
  }
  return new host.TextDecoder('utf-8');
}

/**
 * The text of any {@link NdjsonSource}, chunk by chunk, with bytes decoded as UTF-8 (a character
 * cut between two byte chunks is put back together).
 */
async function* textOf(source: NdjsonSource): AsyncGenerator<string, void, undefined> {
  if (typeof source === 'string') {
    yield source;
    return;
  }
  let decoder: Utf8Decoder | undefined;
  for await (const chunk of source) {
    if (typeof chunk === 'string') {
      // Text after bytes: whatever the decoder still holds comes first.
      if (decoder !== undefined) yield decoder.decode();
      yield chunk;
    } else {
      decoder ??= createDecoder();
      yield decoder.decode(chunk, { stream: true });
    }
  }
  if (decoder !== undefined) yield decoder.decode();
}

/** Feeds any {@link NdjsonSource} to a splitter, line by line, to the end. */
async function feed(
  source: NdjsonSource,
  splitter: LineSplitter,
  emit: LineHandler,
  beforeChunk?: () => void,
): Promise<void> {
  for await (const text of textOf(source)) {
    beforeChunk?.();
    splitter.push(text, emit);
  }
  beforeChunk?.();
  splitter.end(emit);
}

/**
 * Reads an NDJSON source line by line: splits on `\n`, drops a `\r` before it and a byte-order
 * mark at the start, and yields every line, blank ones included, the last one even without a line
 * end. Only the current partial line is held in memory (and not even that once it is over
 * `maxLineLength`).
 * @example
 * ```ts
 * for await (const { line, text } of ndjsonLines(createReadStream(file, 'utf8'))) { ... }
 * ```
 * @param source - Chunks of text or UTF-8 bytes.
 * @param options - The line length limit.
 * @returns The lines, numbered from 1.
 * @category Analysis
 */
export async function* ndjsonLines(
  source: NdjsonSource,
  options: NdjsonLineOptions = {},
): AsyncGenerator<NdjsonLine, void, undefined> {
  const splitter = new LineSplitter(limitOr(options.maxLineLength, DEFAULT_MAX_LINE_LENGTH));
  const ready: NdjsonLine[] = [];
  const collect: LineHandler = (line, text) => {
    ready.push(Object.freeze({ line, text }));
  };
  for await (const text of textOf(source)) {
    splitter.push(text, collect);
    yield* ready;
    ready.length = 0;
  }
  splitter.end(collect);
  yield* ready;
}

function issuesOf(found: readonly Issue[], prefix: IssuePath): NdjsonIssue[] {
  return found.map((one) => ({ code: one.code, path: [...prefix, ...one.path] }));
}

function replayIssues(error: ReplayError): NdjsonIssue[] {
  const prefix: IssuePath = error.index === null ? ['data'] : ['data', error.index];
  const cause = error.cause;
  if (cause.kind === 'validation') return issuesOf(cause.issues, prefix);
  return [{ code: cause.code, path: [...prefix, ...(cause.path ?? [])] }];
}

const NO_COURSE: readonly NdjsonIssue[] = [{ code: 'no-course', path: ['data'] }];

type LineResult =
  | { readonly ok: true; readonly course: DeepReadonly<Course> }
  | { readonly ok: false; readonly issues: readonly NdjsonIssue[] };

function replayed(data: unknown): LineResult {
  // Not frozen: the summary only reads the course (one handed to `onCourse` is frozen then).
  // The limits were checked on the whole line; the events came from this reader's JSON.parse.
  const result = replayUnfrozen(data, {}, { limitsChecked: true, owned: true });
  if (!result.ok) return { ok: false, issues: replayIssues(result.error) };
  return result.value === null
    ? { ok: false, issues: NO_COURSE }
    : { ok: true, course: result.value };
}

const SNAPSHOT_VERSION = latestDocumentVersion['iptkit/course-snapshot'];
const EVENTS_VERSION = latestDocumentVersion['iptkit/course-events'];
const latestSnapshot = documentTypes['iptkit/course-snapshot'][SNAPSHOT_VERSION - 1];

function snapshot(course: DeepReadonly<Course> | null): LineResult {
  return course === null ? { ok: false, issues: NO_COURSE } : { ok: true, course };
}

/**
 * A latest-version snapshot whose data passed the schema here: the invariants `parseDocument`
 * checks next (same issues, same paths), then the course.
 */
function checkedSnapshot(course: DeepReadonly<Course> | null): LineResult {
  const broken = courseSnapshotIssues(course);
  return broken.length > 0 ? { ok: false, issues: issuesOf(broken, []) } : snapshot(course);
}

// Only for values this reader parsed itself with JSON.parse.
const acceptEnvelope = acceptorOf(DocumentEnvelope, { json: true });

/**
 * A latest-version snapshot's course through the memo of validated protocols: when its protocol
 * equals one validated before, only the rest of the course goes through the schema (or, for a
 * course this reader parsed itself, through the acceptor). `undefined` whenever that does not
 * settle it (no course object, another protocol, any issue), leaving the verdict and the issues
 * to the full schema. The course schema has no cross-field refinement, so the verdict is the same.
 */
function rememberedSnapshot(
  data: unknown,
  owned: boolean,
  prototypeChecked = false,
): DeepReadonly<Course> | undefined {
  if (owned) return acceptedCourse(data, prototypeChecked);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const protocol = rememberedProtocol((data as { protocol?: unknown }).protocol);
  if (protocol === undefined) return undefined;
  const rest = CourseWithoutProtocol.safeParse(data, { reportInput: false });
  return rest.success ? { ...rest.data, protocol } : undefined;
}

// ------------------------------------------------------------------------------------------------
// The fast path. A cohort file repeats the same few protocols on every line, and most lines are
// well within every size limit: a line is first read the cheap way, and only a line that the
// cheap way cannot vouch for is read again the ordinary way (which gives the verdict and issues).
// ------------------------------------------------------------------------------------------------

/** What the fast path needs to know about the limits of one summary, worked out once. */
interface LineLimits {
  readonly given: Partial<InputLimits> | undefined;
  /**
   * A line of at most this many characters is within every limit but the depth: no string, key,
   * list, object or count of values in a JSON text can be longer than the text itself.
   */
  readonly impliedUpTo: number;
  /** Whether an events document whose events the acceptor took is within the depth limit. */
  readonly eventsDepthOk: boolean;
  /** Whether a snapshot document whose course the acceptor took is within the depth limit. */
  readonly snapshotDepthOk: boolean;
}

function lineLimits(given: Partial<InputLimits> | undefined): LineLimits {
  const limits = resolveLimits(given);
  // The envelope is level 1 and the event stream level 2; the course of a snapshot is level 2.
  // A remembered protocol stands one level below its event or course.
  const eventDepth = Math.max(acceptedDepth(CourseEvent), 1 + MAX_REMEMBERED_NESTING);
  const courseDepth = Math.max(acceptedDepth(Course), 1 + MAX_REMEMBERED_NESTING);
  return {
    given,
    impliedUpTo: Math.min(
      limits.maxStringLength,
      limits.maxArrayLength,
      limits.maxObjectKeys,
      limits.maxEvents,
      limits.maxTotalNodes,
    ),
    eventsDepthOk: 2 + eventDepth <= limits.maxDepth,
    snapshotDepthOk: 1 + courseDepth <= limits.maxDepth,
  };
}

/**
 * A line read the cheap way, or `undefined` when the cheap way cannot vouch for it (the line may
 * still be good: the caller then reads it the ordinary way). The cheap way skips the walk over the
 * size limits (the line is short enough that only its depth could break one, and everything the
 * acceptor takes is shallow enough) and lets the acceptor vouch for every event, or for the
 * snapshot's course, instead of zod. Any failure gives `undefined`, so that the issues come from
 * the ordinary way.
 */
function readAccepted(
  value: unknown,
  limits: LineLimits,
  prototypeChecked: boolean,
): LineResult | undefined {
  if (!acceptEnvelope(value)) return undefined;
  const { schema, version, data } = value as { schema: string; version: number; data: unknown };
  if (schema === 'iptkit/course-events' && version === EVENTS_VERSION && limits.eventsDepthOk) {
    const result = replayUnfrozen(
      data,
      {},
      { limitsChecked: true, acceptedOnly: true, prototypeChecked },
    );
    if (result === undefined || !result.ok || result.value === null) return undefined;
    return { ok: true, course: result.value };
  }
  if (
    schema === 'iptkit/course-snapshot' &&
    version === SNAPSHOT_VERSION &&
    limits.snapshotDepthOk
  ) {
    const course = rememberedSnapshot(data, true, prototypeChecked);
    if (course === undefined) return undefined;
    // Broken invariants are issues of their own: the ordinary path reports them (the same ones).
    return courseSnapshotIssues(course).length > 0 ? undefined : { ok: true, course };
  }
  return undefined;
}

/**
 * Reads one line as a course document. A document at the latest version of its type is checked
 * as `parseDocument` would (same schema, same issues) but without its work that a summary does not
 * need: a stream of events goes straight to replay (which validates every event, so validating
 * the document first would do that work twice) and is not frozen, and a snapshot is validated
 * without being frozen (the summary never hands either out unless `onCourse` asks, and then freezes
 * it), its protocol through the memo of protocols already validated. Any other document goes
 * through `migrateDocument`. Before all that, the fast path above is tried.
 */
function readCourse(text: string, limits: LineLimits, prototypeChecked: boolean): LineResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, issues: [{ code: 'invalid-json', path: [] }] };
  }
  if (text.length <= limits.impliedUpTo) {
    const fast = readAccepted(value, limits, prototypeChecked);
    if (fast !== undefined) return fast;
  }
  const tooBig = checkLimits(value, limits.given, { eventStreamAt: ['data'] });
  if (tooBig.length > 0) return { ok: false, issues: issuesOf(tooBig, []) };
  const envelope = DocumentEnvelope.safeParse(value);
  if (envelope.success) {
    const { schema, version, data } = envelope.data;
    if (schema === 'iptkit/course-events' && version === EVENTS_VERSION) {
      return replayed(data);
    }
    if (
      schema === 'iptkit/course-snapshot' &&
      version === SNAPSHOT_VERSION &&
      latestSnapshot !== undefined
    ) {
      const remembered = rememberedSnapshot(data, false);
      if (remembered !== undefined) return checkedSnapshot(remembered);
      const parsed = latestSnapshot.data.safeParse(data, { reportInput: false });
      if (!parsed.success) {
        return { ok: false, issues: issuesOf(issuesFromZod(parsed.error), ['data']) };
      }
      return checkedSnapshot(parsed.data);
    }
  }
  const document = migrateDocument(value, { limits: limits.given });
  if (!document.ok) return { ok: false, issues: issuesOf(document.error.issues, []) };
  switch (document.value.schema) {
    case 'iptkit/course-events':
      return replayed(document.value.data);
    case 'iptkit/course-snapshot':
      return snapshot(document.value.data as DeepReadonly<Course> | null);
  }
}

function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  // Only a line that starts with white space can be all white space.
  return (first === 32 || first === 9 || first === 13 || first === 0xfeff) && text.trim() === '';
}

/**
 * Summarises a cohort stored as NDJSON, one course document per line: `iptkit/course-events`
 * documents are replayed, `iptkit/course-snapshot` documents are used as they are (older versions
 * of either are migrated first). Streaming and constant in memory: it keeps the current partial
 * line, the running cohort summary and the first bad lines, never the courses. Lines that are not
 * a course (not JSON, not a known document, an event the rules refuse, an empty stream or a
 * snapshot of a course not started: `no-course`) are reported by line number with their issue
 * codes and paths, and the rest are still summarised; a line over `maxLineLength` is reported as
 * `line-too-long`, blank lines are skipped.
 * Never throws and never rejects on bad content; it rejects only if the source itself fails.
 * The summary is the same, to the last bit, as `summarizeCohort` over the same courses in
 * the same order, however the source is cut into chunks.
 * @example
 * ```ts
 * const result = await summarizeNdjson(createReadStream('cohort.ndjson', 'utf8'), {
 *   instrument: 'phq-9',
 * });
 * result.summary.outcomes.response; result.badLines;
 * ```
 * @param source - Chunks of NDJSON text (or UTF-8 bytes), cut anywhere.
 * @param options - Cohort options, the line length limit and how many bad lines to list.
 * @returns The summary, line and course counts and the bad lines, deeply frozen.
 * @see IPT reference 7.4 - 7.5
 * @category Analysis
 */
export async function summarizeNdjson(
  source: NdjsonSource,
  options: NdjsonOptions = {},
): Promise<NdjsonSummary> {
  // Options may come from JavaScript callers as anything: what is not an object counts as none.
  const given: NdjsonOptions =
    typeof options === 'object' && (options as unknown) !== null ? options : {};
  const accumulator = createCohortAccumulator(given);
  const onCourse = given.onCourse;
  const limits = lineLimits(given.limits);
  let standard: boolean | undefined;
  const maxBadLines = limitOr(given.maxReportedBadLines, DEFAULT_MAX_BAD_LINES);
  const badLines: NdjsonBadLine[] = [];
  let badLineCount = 0;
  let courses = 0;
  let lines = 0;

  const report = (line: number, issues: readonly NdjsonIssue[]) => {
    badLineCount += 1;
    if (badLines.length < maxBadLines) {
      badLines.push({
        line,
        issues: issues.slice(0, MAX_ISSUES_PER_LINE),
        issueCount: issues.length,
      });
    }
  };

  const onLine: LineHandler = (line, text) => {
    lines = line;
    if (text === null) {
      report(line, [{ code: 'line-too-long', path: [] }]);
      return;
    }
    if (isBlank(text)) return;
    let result: LineResult;
    try {
      // Whether Object.prototype is standard is asked once per chunk: only this reader's code
      // runs between the lines of a chunk, except `onCourse`, after which it is asked again.
      standard ??= prototypeIsStandard();
      result = readCourse(text, limits, standard);
    } catch {
      result = { ok: false, issues: [{ code: 'unreadable-input', path: [] }] };
    }
    if (!result.ok) {
      report(line, result.issues);
      return;
    }
    courses += 1;
    addTrustedCourse(accumulator, result.course);
    // Courses are read without being frozen (see readCourse); one handed out is frozen.
    if (onCourse !== undefined) {
      standard = undefined;
      onCourse(freezeTree(result.course), courses);
    }
  };

  await feed(
    source,
    new LineSplitter(limitOr(given.maxLineLength, DEFAULT_MAX_LINE_LENGTH)),
    onLine,
    () => {
      // Other code may have run while the next chunk was awaited.
      standard = undefined;
    },
  );
  return deepFreeze({
    summary: accumulator.summary(),
    lines,
    courses,
    badLines,
    badLineCount,
  });
}
