/**
 * Storing a course: the events as the record, a snapshot as a cache, both in iptkit's versioned
 * envelope. Reading them back shows what each can promise: a damaged event stream is caught at
 * the event that breaks it (every event and every rule is checked again); a snapshot is checked
 * for its shape and for the invariants of a course (a session count that disagrees with the
 * sessions held is refused), but a consistent snapshot that no longer matches its events cannot
 * be told apart from a true one.
 *
 * Run it with `npx tsx examples/storage.ts`.
 */
import { pathToFileURL } from 'node:url';
import {
  execute,
  migrateDocument,
  replay,
  toDocument,
  type CourseCommandInput,
  type CourseEvent,
  type CourseState,
  type DeepReadonly,
} from '../src/index.js';

/** What the app keeps: two JSON texts. */
export interface Stored {
  readonly events: string;
  readonly snapshot: string;
}

/** Runs a short course and stores it both ways. */
export function storeCourse(): Stored {
  const commands: CourseCommandInput[] = [
    {
      type: 'start-course',
      courseId: 'course-9',
      protocol: 'ipt',
      startDate: '2026-05-04',
      timeLimit: { sessions: 12, cadence: 'weekly' },
    },
    { type: 'record-session', sessionId: 's-1', number: 1, date: '2026-05-04', status: 'attended' },
    { type: 'record-session', sessionId: 's-2', number: 2, date: '2026-05-11', status: 'attended' },
    {
      type: 'choose-focus',
      focus: { area: 'role-transition', from: 'employed', to: 'retired' },
      rank: 'primary',
      date: '2026-05-11',
    },
  ];
  let state: CourseState = null;
  const events: DeepReadonly<CourseEvent>[] = [];
  for (const command of commands) {
    const result = execute(state, command);
    if (!result.ok) throw new Error(`the example course was refused: ${result.error.code}`);
    state = result.value.state;
    events.push(...result.value.events); // append-only: this is the record
  }
  return {
    events: JSON.stringify(toDocument('iptkit/course-events', events)),
    snapshot: JSON.stringify(toDocument('iptkit/course-snapshot', state)), // a cache
  };
}

/** How reading one stored text went. */
export type Loaded =
  | { readonly ok: true; readonly state: CourseState }
  | { readonly ok: false; readonly code: string; readonly at: string };

/**
 * Reads a stored course the recommended way: migrate the document to the latest version, then
 * rebuild the state from the events (or take the snapshot as it is).
 * @param text - A stored document.
 * @returns The state, or the first problem's code and where it is.
 */
export function load(text: string): Loaded {
  const document = migrateDocument(JSON.parse(text));
  if (!document.ok) {
    const [first] = document.error.issues;
    return { ok: false, code: first?.code ?? 'invalid', at: (first?.path ?? []).join('.') };
  }
  if (document.value.schema === 'iptkit/course-snapshot') {
    // Checked for its shape and the invariants of a course; nothing says it still matches the
    // events it was taken from.
    return { ok: true, state: document.value.data as CourseState };
  }
  const rebuilt = replay(document.value.data);
  if (!rebuilt.ok) {
    const { index, cause } = rebuilt.error;
    const code = cause.kind === 'rule' ? cause.code : (cause.issues[0]?.code ?? 'invalid');
    return { ok: false, code, at: `data.${index ?? ''}` };
  }
  return { ok: true, state: rebuilt.value };
}

/** Changes one thing in a stored document, as a faulty sync or a hand edit might. */
function edit(text: string, change: (data: Record<string, unknown>) => void): string {
  const document = JSON.parse(text) as { data: Record<string, unknown> };
  change(document.data);
  return JSON.stringify(document);
}

/** What {@link storageStory} found. */
export interface StorageStory {
  readonly stored: Stored;
  /** The events replayed, and the snapshot read, give the same state. */
  readonly sameState: boolean;
  /** A stream whose second session was renumbered. */
  readonly damagedEvents: Loaded;
  /** A snapshot whose session count was changed. */
  readonly damagedSnapshot: Loaded;
  /** A document from a newer iptkit. */
  readonly newerVersion: Loaded;
}

/** Stores a course, reads it back, and reads damaged and newer copies. */
export function storageStory(): StorageStory {
  const stored = storeCourse();
  const fromEvents = load(stored.events);
  const fromSnapshot = load(stored.snapshot);
  const sameState =
    fromEvents.ok &&
    fromSnapshot.ok &&
    JSON.stringify(fromEvents.state) === JSON.stringify(fromSnapshot.state);

  const damagedEvents = load(
    edit(stored.events, (data) => {
      const events = data as unknown as Record<string, unknown>[];
      const second = events[2];
      if (second !== undefined) second.number = 3;
    }),
  );
  const damagedSnapshot = load(
    edit(stored.snapshot, (data) => {
      data.sessionCount = 7;
    }),
  );
  const newer = JSON.parse(stored.events) as { version: number };
  newer.version += 1;
  return {
    stored,
    sameState,
    damagedEvents,
    damagedSnapshot,
    newerVersion: load(JSON.stringify(newer)),
  };
}

function describe(loaded: Loaded): string {
  return loaded.ok
    ? `read; ${loaded.state?.sessionCount ?? 0} sessions`
    : `refused: ${loaded.code} at ${loaded.at}`;
}

/** The story as lines of text. */
export function storageLines(story: StorageStory = storageStory()): string[] {
  return [
    `Stored the events (${story.stored.events.length} characters) and a snapshot (${story.stored.snapshot.length} characters).`,
    `Replayed events and snapshot agree: ${story.sameState ? 'yes' : 'no'}`,
    `Events with session 2 renumbered 3: ${describe(story.damagedEvents)}`,
    `Snapshot with its session count changed: ${describe(story.damagedSnapshot)}`,
    `Events stored by a newer iptkit: ${describe(story.newerVersion)}`,
  ];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(storageLines().join('\n'));
}
