/**
 * A health app built on iptkit: every tap becomes a command, iptkit's rules accept or refuse it,
 * the app stores the events and redraws its screen from the state. The screen carries a banner
 * for every open PHQ-9 item-9 risk flag until a clinician acknowledges it, and an app restart
 * (reload the stored events, replay them) brings the banner back until then.
 *
 * Run it with `npx tsx examples/health-app.ts`.
 */
import { pathToFileURL } from 'node:url';
import {
  execute,
  openRiskFlags,
  parseDocument,
  replay,
  toDocument,
  type CourseCommandInput,
  type CourseEvent,
  type CourseState,
  type DeepReadonly,
  type RuleCode,
} from '../src/index.js';

/** What the app shows after one command. */
export interface Screen {
  /** The command the user's tap produced. */
  readonly command: CourseCommandInput['type'];
  /** `accepted`, or the refusal as the app shows it: the rule's code, message and reference. */
  readonly result:
    | { readonly status: 'accepted'; readonly warnings: readonly string[] }
    | {
        readonly status: 'refused';
        readonly code: RuleCode;
        readonly message: string;
        readonly reference: string;
      };
  /** The ids of the risk flags shown in the banner (open flags, oldest first). */
  readonly banner: readonly string[];
  /** The phase the course is in after the command (`-` before it starts). */
  readonly phase: string;
}

/**
 * The app's store: the event log (what it saves) and the state (what it draws). A refused command
 * leaves both as they were.
 */
export class CourseStore {
  #state: CourseState;
  readonly #events: DeepReadonly<CourseEvent>[];

  /**
   * @param state - The state to continue from (`null` for a new course).
   * @param events - The events that built it.
   */
  constructor(state: CourseState = null, events: readonly DeepReadonly<CourseEvent>[] = []) {
    this.#state = state;
    this.#events = [...events];
  }

  /** The current state. */
  get state(): CourseState {
    return this.#state;
  }

  /** Runs one command and returns the screen the app draws next. */
  dispatch(command: CourseCommandInput): Screen {
    const result = execute(this.#state, command);
    if (result.ok) {
      this.#state = result.value.state;
      this.#events.push(...result.value.events); // an app appends these to its database
    }
    return {
      command: command.type,
      result: result.ok
        ? { status: 'accepted', warnings: result.value.warnings.map((warning) => warning.code) }
        : {
            status: 'refused',
            code: result.error.code,
            message: result.error.message,
            reference: result.error.reference,
          },
      banner: this.#state === null ? [] : openRiskFlags(this.#state).map((flag) => flag.id),
      phase: this.#state?.phase ?? '-',
    };
  }

  /** The stored form of the course: a versioned document, as JSON text. */
  save(): string {
    return JSON.stringify(toDocument('iptkit/course-events', this.#events));
  }

  /**
   * Loads a saved course, as an app does when it starts: read the document, replay the events
   * (which checks every event and every rule again).
   * @returns The store, or the code of the first problem.
   */
  static load(text: string): { readonly ok: true; readonly store: CourseStore } | ErrorCode {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, code: 'not-json' };
    }
    const document = parseDocument(json);
    if (!document.ok) return { ok: false, code: document.error.issues[0]?.code ?? 'invalid' };
    if (document.value.schema !== 'iptkit/course-events') {
      return { ok: false, code: 'not-an-event-stream' };
    }
    const events = document.value.data as readonly DeepReadonly<CourseEvent>[];
    const rebuilt = replay(events);
    if (!rebuilt.ok) {
      const { cause } = rebuilt.error;
      return { ok: false, code: cause.kind === 'rule' ? cause.code : 'invalid-event' };
    }
    return { ok: true, store: new CourseStore(rebuilt.value, events) };
  }
}

/** Why a saved course could not be loaded. */
interface ErrorCode {
  readonly ok: false;
  readonly code: string;
}

/** What {@link runHealthApp} returns. */
export interface HealthAppRun {
  /** The screens before the app restarts. */
  readonly screens: readonly Screen[];
  /** The saved document's size in characters. */
  readonly savedLength: number;
  /** The banner right after the restart (the flag is still open). */
  readonly bannerAfterRestart: readonly string[];
  /** The screens after the restart. */
  readonly screensAfterRestart: readonly Screen[];
  /** The state at the end. */
  readonly finalState: CourseState;
}

/**
 * Runs the app's story: start a course, record the first session with a PHQ-9 whose item 9 is
 * above 0, try to move on too early, restart the app, acknowledge the flag, and carry on.
 * @returns What the app showed.
 */
export function runHealthApp(): HealthAppRun {
  const app = new CourseStore();
  const screens = [
    app.dispatch({
      type: 'start-course',
      courseId: 'course-042',
      protocol: 'ipt',
      startDate: '2026-03-02',
      timeLimit: { sessions: 12, cadence: 'weekly' },
    }),
    app.dispatch({
      type: 'add-person',
      person: {
        id: 'mother',
        label: 'Mother',
        relationship: 'parent',
        vitalStatus: { status: 'deceased', diedOn: '2025-11-20' },
        period: 'past',
      },
    }),
    app.dispatch({
      type: 'record-session',
      sessionId: 's-1',
      number: 1,
      date: '2026-03-02',
      status: 'attended',
    }),
    // The client fills in the PHQ-9 in the app; item 9 is answered "several days".
    app.dispatch({
      type: 'record-measure',
      measureId: 'phq-1',
      date: '2026-03-02',
      instrument: 'phq-9',
      responses: {
        item1: 2,
        item2: 3,
        item3: 2,
        item4: 2,
        item5: 1,
        item6: 2,
        item7: 1,
        item8: 1,
        item9: 1,
      },
      sessionId: 's-1',
    }),
    // Refused: the middle phase needs a focus and an accepted formulation first.
    app.dispatch({ type: 'advance-phase', to: 'middle', date: '2026-03-09' }),
    app.dispatch({
      type: 'choose-focus',
      focus: { area: 'grief', personId: 'mother' },
      rank: 'primary',
      date: '2026-03-09',
    }),
    // Refused: a course does not end while a risk flag is open.
    app.dispatch({ type: 'end-course', date: '2026-03-09', outcome: 'dropped-out' }),
  ];

  // The app is closed and opened again: it reads what it saved and replays it.
  const saved = app.save();
  const loaded = CourseStore.load(saved);
  if (!loaded.ok) throw new Error(`could not reload the course: ${loaded.code}`);
  const reopened = loaded.store;
  const bannerAfterRestart =
    reopened.state === null ? [] : openRiskFlags(reopened.state).map((flag) => flag.id);

  const screensAfterRestart = [
    // A clinician acknowledges the flag: who, when and what was done. The banner goes away.
    reopened.dispatch({
      type: 'acknowledge-risk',
      flagId: 'phq-1:suicidalIdeation',
      by: 'clinician-7',
      at: '2026-03-09T10:40:00+01:00',
      action: 'Risk assessed in session; safety plan agreed; crisis line given.',
    }),
    reopened.dispatch({ type: 'share-formulation', date: '2026-03-09', accepted: true }),
    reopened.dispatch({ type: 'agree-contract', date: '2026-03-09' }),
    reopened.dispatch({
      type: 'record-session',
      sessionId: 's-2',
      number: 2,
      date: '2026-03-09',
      status: 'attended',
    }),
    reopened.dispatch({ type: 'advance-phase', to: 'middle', date: '2026-03-16' }),
  ];

  return {
    screens,
    savedLength: saved.length,
    bannerAfterRestart,
    screensAfterRestart,
    finalState: reopened.state,
  };
}

/** One screen as a line of text. */
export function describeScreen(screen: Screen): string {
  const outcome =
    screen.result.status === 'accepted'
      ? `ok${screen.result.warnings.length > 0 ? ` (warnings: ${screen.result.warnings.join(', ')})` : ''}`
      : `REFUSED ${screen.result.code} [${screen.result.reference}]: ${screen.result.message}`;
  const banner = screen.banner.length > 0 ? `  | banner: ${screen.banner.join(', ')}` : '';
  return `  ${screen.command.padEnd(16)} ${outcome}${banner}`;
}

/** The whole run as lines of text. */
export function healthAppLines(run: HealthAppRun = runHealthApp()): string[] {
  return [
    'Health app, first visit:',
    ...run.screens.map(describeScreen),
    `App closed; saved ${run.savedLength} characters. Reopened and replayed.`,
    `  banner after restart: ${run.bannerAfterRestart.join(', ') || '(none)'}`,
    ...run.screensAfterRestart.map(describeScreen),
    `Now in the ${run.finalState?.phase ?? '-'} phase; open risk flags: ${run.finalState === null ? 0 : openRiskFlags(run.finalState).length}`,
  ];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(healthAppLines().join('\n'));
}
