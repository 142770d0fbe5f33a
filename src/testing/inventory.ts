import * as fc from 'fast-check';
import type { PersonId } from '../internal/ids.js';
import type { Circle } from '../inventory/circle.js';
import type { Inventory } from '../inventory/inventory.js';
import {
  EpisodeLink,
  ExpectationMet,
  InteractionFrequency,
  RelationshipKind,
  type InventoryEntry,
  type Person,
} from '../inventory/person.js';
import {
  LifeEventKind,
  type LifeEvent,
  type MoodRating,
  type MoodScale,
  type Timeline,
} from '../inventory/timeline.js';
import {
  addDays,
  changed,
  copyOf,
  invalid,
  isoDateArbitrary,
  mutated,
  optionsOf,
  personIdArbitrary,
  REMOVE,
  sizeOption,
  textArbitrary,
  type DateRangeOptions,
  type InvalidValue,
  type Mutation,
  type TextOptions,
} from './basics.js';
import { personIdFrom } from './focus.js';

// ------------------------------------------------------------------------------------------------
// People and inventory entries
// ------------------------------------------------------------------------------------------------

/**
 * Options of {@link personArbitrary} and {@link inventoryEntryArbitrary}.
 * @category Testing
 */
export interface PersonOptions extends TextOptions {
  /** Only living (`'alive'`) or only deceased (`'deceased'`) people; default either. */
  readonly vitalStatus?: 'alive' | 'deceased';
  /** Ids to draw from (default: generated ids). */
  readonly personIds?: readonly string[];
}

function vitalStatusArbitrary(which: unknown): fc.Arbitrary<Person['vitalStatus']> {
  const alive = fc.constant<Person['vitalStatus']>({ status: 'alive' });
  const deceased = fc
    .option(isoDateArbitrary({ min: '1950-01-01', max: '2030-12-31' }), { nil: undefined })
    .map((diedOn): Person['vitalStatus'] =>
      diedOn === undefined ? { status: 'deceased' } : { status: 'deceased', diedOn },
    );
  if (which === 'alive') return alive;
  if (which === 'deceased') return deceased;
  return fc.oneof({ weight: 3, arbitrary: alive }, { weight: 1, arbitrary: deceased });
}

/**
 * An important person of the inventory (`Person`): id, label (a sensitive name, carrying the
 * marker), relationship kind, alive or deceased, current or past. Every value passes the `Person`
 * schema.
 * @param options - Vital status, ids and text options.
 * @returns The arbitrary.
 * @see IPT reference 3.1 ([ALPF], [ISIPT])
 * @category Testing
 */
export function personArbitrary(options: PersonOptions = {}): fc.Arbitrary<Person> {
  const read = optionsOf<PersonOptions>(options);
  return fc
    .record(
      {
        id: personIdFrom(read.personIds),
        label: textArbitrary({ ...read, maxLength: 120 }),
        relationship: fc.constantFrom(...RelationshipKind.options),
        relationshipNote: textArbitrary({ ...read, maxLength: 300 }),
        vitalStatus: vitalStatusArbitrary(read.vitalStatus),
        period: fc.constantFrom('current' as const, 'past' as const),
      },
      { requiredKeys: ['id', 'label', 'relationship', 'vitalStatus', 'period'] },
    )
    .map((person) => person);
}

/**
 * An inventory entry (`InventoryEntry`): a {@link personArbitrary} person with any of the
 * relationship fields (interactions, expectations, satisfying and unsatisfying aspects, changes
 * wanted, support, communication notes, change around onset, link to the episode). Every value
 * passes the `InventoryEntry` schema.
 * @param options - As for {@link personArbitrary}.
 * @returns The arbitrary.
 * @see IPT reference 3.1 ([ALPF], [ISIPT], [MARK06])
 * @category Testing
 */
export function inventoryEntryArbitrary(options: PersonOptions = {}): fc.Arbitrary<InventoryEntry> {
  const read = optionsOf<PersonOptions>(options);
  const text = (maxLength: number) => textArbitrary({ ...read, maxLength });
  const list = fc.array(text(1000), { maxLength: 3 });
  return fc
    .tuple(
      personArbitrary(read),
      fc.record(
        {
          interactions: fc.record(
            { frequency: fc.constantFrom(...InteractionFrequency.options), content: text(2000) },
            { requiredKeys: [] },
          ),
          expectations: fc.array(
            fc.record({
              holder: fc.constantFrom('client' as const, 'other' as const),
              text: text(1000),
              met: fc.constantFrom(...ExpectationMet.options),
            }),
            { maxLength: 3 },
          ),
          satisfying: list,
          unsatisfying: list,
          changesWanted: list,
          support: fc.record(
            {
              level: fc.constantFrom('none' as const, 'some' as const, 'a-lot' as const),
              confiding: fc.boolean(),
              note: text(1000),
            },
            { requiredKeys: [] },
          ),
          communicationNotes: text(2000),
          aroundOnset: fc.record(
            { changed: fc.boolean(), note: text(1000) },
            { requiredKeys: ['changed'] },
          ),
          linkToEpisode: fc.constantFrom(...EpisodeLink.options),
        },
        { requiredKeys: [] },
      ),
    )
    .map(([person, relationship]) => ({ ...person, ...relationship }));
}

const personMutations: readonly Mutation<Person>[] = [
  (person) =>
    invalid(changed(person, ['id'], `${person.id} x`), 'id-not-id-shaped', 'invalid-format', [
      'id',
    ]),
  (person) => invalid(changed(person, ['label'], '   '), 'label-blank', 'too-small', ['label']),
  (person) =>
    invalid(changed(person, ['label'], 'x'.repeat(121)), 'label-too-long', 'too-big', ['label']),
  (person) =>
    invalid(changed(person, ['label'], REMOVE), 'label-missing', 'invalid-type', ['label']),
  (person) =>
    invalid(changed(person, ['relationship'], 'pet'), 'relationship-unknown', 'invalid-value', [
      'relationship',
    ]),
  (person) =>
    invalid(
      changed(person, ['vitalStatus'], { status: 'missing' }),
      'vital-status-unknown',
      'invalid-discriminator',
      ['vitalStatus', 'status'],
    ),
  (person) =>
    invalid(
      changed(person, ['vitalStatus'], { status: 'deceased', diedOn: '2025-02-29' }),
      'died-on-not-a-date',
      'invalid-format',
      ['vitalStatus', 'diedOn'],
    ),
  (person) =>
    invalid(changed(person, ['period'], 'future'), 'period-unknown', 'invalid-value', ['period']),
  (person) => invalid(changed(person, ['nickname'], 'x'), 'unknown-key', 'unrecognized-keys', []),
];

const entryMutations: readonly Mutation<InventoryEntry>[] = [
  ...personMutations,
  (entry) =>
    invalid(
      changed(entry, ['support'], { level: 'plenty' }),
      'support-level-unknown',
      'invalid-value',
      ['support', 'level'],
    ),
  (entry) =>
    invalid(
      changed(entry, ['expectations'], [{ holder: 'client', text: '  ', met: 'yes' }]),
      'expectation-blank',
      'too-small',
      ['expectations', 0, 'text'],
    ),
];

/**
 * People that fail the `Person` schema: a valid person with one targeted change (id not id-shaped,
 * blank, missing or too long label, unknown relationship, vital status or period, a death date that
 * is not a date, an unknown key), with the issue the schema reports.
 * @param options - As for {@link personArbitrary}.
 * @returns The arbitrary.
 * @category Testing
 */
export function invalidPersonArbitrary(options: PersonOptions = {}): fc.Arbitrary<InvalidValue> {
  return mutated(personArbitrary(options), personMutations);
}

/**
 * Inventory entries that fail the `InventoryEntry` schema (the person changes of
 * {@link invalidPersonArbitrary}, an unknown support level, a blank expectation).
 * @param options - As for {@link personArbitrary}.
 * @returns The arbitrary.
 * @category Testing
 */
export function invalidInventoryEntryArbitrary(
  options: PersonOptions = {},
): fc.Arbitrary<InvalidValue> {
  return mutated(inventoryEntryArbitrary(options), entryMutations);
}

// ------------------------------------------------------------------------------------------------
// Closeness circle and inventory
// ------------------------------------------------------------------------------------------------

/**
 * Options of {@link circleArbitrary}.
 * @category Testing
 */
export interface CircleOptions {
  /** The ids that may be placed (an inventory's people); default: generated ids. */
  readonly personIds?: readonly string[];
  /** How many rings (1-10); default mostly 3, sometimes 1-10. */
  readonly ringCount?: number;
  /** Most people placed when ids are generated (default 6, at most 50). */
  readonly maxPeople?: number;
}

function ringCountArbitrary(ringCount: unknown): fc.Arbitrary<number> {
  return ringCount === undefined
    ? fc.oneof(
        { weight: 3, arbitrary: fc.constant(3) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 10 }) },
      )
    : fc.constant(sizeOption(ringCount, 3, 1, 10));
}

function placementsArbitrary(
  ids: fc.Arbitrary<readonly string[]>,
  ringCount: number,
): fc.Arbitrary<Record<PersonId, number>> {
  return ids.chain((chosen) =>
    fc
      .array(fc.integer({ min: 0, max: ringCount - 1 }), {
        minLength: chosen.length,
        maxLength: chosen.length,
      })
      .map((rings) => {
        const placements: Record<string, number> = {};
        chosen.forEach((id, index) => {
          placements[id] = rings[index] ?? 0;
        });
        return placements;
      }),
  );
}

/**
 * A closeness circle (`Circle`): a ring count and the ring of each placed person (0 = innermost).
 * With `personIds` (an inventory's people) only those are placed, so the circle fits the
 * inventory. Every value passes the `Circle` schema.
 * @param options - Ids, ring count and size.
 * @returns The arbitrary.
 * @see IPT reference 3.2 ([PP-CC], [CAREPATRON])
 * @category Testing
 */
export function circleArbitrary(options: CircleOptions = {}): fc.Arbitrary<Circle> {
  const read = optionsOf<CircleOptions>(options);
  const given = Array.isArray(read.personIds)
    ? [...new Set((read.personIds as unknown[]).filter((id) => typeof id === 'string'))]
    : undefined;
  const ids: fc.Arbitrary<readonly string[]> =
    given === undefined
      ? fc.uniqueArray(personIdArbitrary({ maxLength: 12 }), {
          maxLength: sizeOption(read.maxPeople, 6, 0, 50),
        })
      : fc.subarray(given);
  return ringCountArbitrary(read.ringCount).chain((ringCount) =>
    placementsArbitrary(ids, ringCount).map((placements) => ({ ringCount, placements })),
  );
}

/**
 * Options of {@link inventoryArbitrary}.
 * @category Testing
 */
export interface InventoryOptions extends TextOptions {
  /** Most people (default 6, at most 50). */
  readonly maxPeople?: number;
  /** Rings of the circle (1-10); default mostly 3. */
  readonly ringCount?: number;
}

/**
 * An interpersonal inventory (`Inventory`): entries keyed by their id and a closeness circle that
 * places some of them (never anyone else). Every value passes the `Inventory` schema, including
 * its cross-field checks (`id-mismatch`, `dangling-person`).
 * @param options - Size, ring count and text options.
 * @returns The arbitrary.
 * @see IPT reference 3.1 - 3.2 ([ALPF], [PP-CC])
 * @category Testing
 */
export function inventoryArbitrary(options: InventoryOptions = {}): fc.Arbitrary<Inventory> {
  const read = optionsOf<InventoryOptions>(options);
  const entries = fc.uniqueArray(inventoryEntryArbitrary(read), {
    maxLength: sizeOption(read.maxPeople, 6, 0, 50),
    selector: (entry) => entry.id,
  });
  return fc.tuple(entries, ringCountArbitrary(read.ringCount)).chain(([list, ringCount]) =>
    placementsArbitrary(fc.subarray(list.map((entry) => entry.id)), ringCount).map(
      (placements): Inventory => {
        const people: Record<string, InventoryEntry> = {};
        for (const entry of list) people[entry.id] = entry;
        return { people: people, circle: { ringCount, placements } };
      },
    ),
  );
}

const circleMutations: readonly Mutation<Circle>[] = [
  (circle) => {
    const [id] = Object.keys(circle.placements);
    if (id === undefined) return undefined;
    // Rings above 9 fail the ring schema itself; below that, the circle's own ring count.
    return circle.ringCount < 10
      ? invalid(
          changed(circle, ['placements', id], circle.ringCount),
          'ring-out-of-range',
          'ring-out-of-range',
          ['placements', id],
        )
      : invalid(changed(circle, ['placements', id], 10), 'ring-too-big', 'too-big', [
          'placements',
          id,
        ]);
  },
  (circle) => {
    const [id] = Object.keys(circle.placements);
    return id === undefined
      ? undefined
      : invalid(changed(circle, ['placements', id], -1), 'ring-negative', 'too-small', [
          'placements',
          id,
        ]);
  },
  (circle) =>
    invalid(changed(circle, ['ringCount'], 0), 'ring-count-zero', 'too-small', ['ringCount']),
  (circle) =>
    invalid(changed(circle, ['ringCount'], 11), 'ring-count-too-big', 'too-big', ['ringCount']),
  (circle) =>
    invalid(
      changed(circle, ['placements', 'not an id'], 0),
      'placement-key-not-an-id',
      'invalid-key',
      ['placements'],
    ),
];

/**
 * Circles that fail the `Circle` schema: a ring outside the circle, a negative ring, a ring count
 * of 0 or 11, a placement key that is not an id.
 * @param options - As for {@link circleArbitrary}.
 * @returns The arbitrary.
 * @category Testing
 */
export function invalidCircleArbitrary(options: CircleOptions = {}): fc.Arbitrary<InvalidValue> {
  return mutated(circleArbitrary(options), circleMutations);
}

/** An id that is not a key of `record` (for dangling references). @internal */
export function freshKey(record: object, base: string): string {
  let candidate = base;
  for (let suffix = 1; Object.hasOwn(record, candidate); suffix += 1) {
    candidate = `${base}-${suffix}`;
  }
  return candidate;
}

const inventoryMutations: readonly Mutation<Inventory>[] = [
  (inventory) => {
    const id = freshKey(inventory.people, 'p-absent');
    return invalid(
      changed(inventory, ['circle', 'placements', id], 0),
      'placement-of-unknown-person',
      'dangling-person',
      ['circle', 'placements', id],
    );
  },
  (inventory) => {
    const [key] = Object.keys(inventory.people);
    if (key === undefined) return undefined;
    return invalid(
      changed(inventory, ['people', key, 'id'], freshKey(inventory.people, `${key}-other`)),
      'id-not-its-key',
      'id-mismatch',
      ['people', key, 'id'],
    );
  },
  (inventory, pick) => {
    const keys = Object.keys(inventory.people);
    const key = keys[pick % Math.max(1, keys.length)];
    if (key === undefined) return undefined;
    const entry = inventory.people[key as PersonId];
    if (entry === undefined) return undefined;
    const inner = entryMutations[pick % entryMutations.length]?.(entry, pick);
    if (inner === undefined) return undefined;
    return invalid(
      changed(inventory, ['people', key], inner.value),
      `entry-${inner.mutation}`,
      inner.expected.code,
      ['people', key, ...(inner.expected.path ?? [])],
    );
  },
  (inventory) =>
    invalid(changed(inventory, ['circle'], REMOVE), 'circle-missing', 'invalid-type', ['circle']),
];

/**
 * Inventories that fail the `Inventory` schema: a placement of someone not in the inventory
 * (`dangling-person`), an entry stored under another id (`id-mismatch`), a bad entry (the changes
 * of {@link invalidInventoryEntryArbitrary}, under `['people', id, ...]`), a missing circle.
 * @param options - As for {@link inventoryArbitrary}.
 * @returns The arbitrary.
 * @category Testing
 */
export function invalidInventoryArbitrary(
  options: InventoryOptions = {},
): fc.Arbitrary<InvalidValue> {
  return mutated(inventoryArbitrary(options), inventoryMutations);
}

// ------------------------------------------------------------------------------------------------
// Timeline
// ------------------------------------------------------------------------------------------------

/**
 * A mood scale (`MoodScale`): whole-number bounds with `min < max` (between -10 and 30 here) and
 * the direction of better mood.
 * @returns The arbitrary.
 * @see IPT reference 3.3 ([MT18])
 * @category Testing
 */
export function moodScaleArbitrary(): fc.Arbitrary<MoodScale> {
  return fc
    .record(
      {
        min: fc.integer({ min: -10, max: 10 }),
        span: fc.integer({ min: 1, max: 20 }),
        higherIsBetter: fc.boolean(),
        label: fc.constantFrom('Mood', 'Mood 0-10', 'Low mood (worse is higher)'),
      },
      { requiredKeys: ['min', 'span', 'higherIsBetter'] },
    )
    .map(({ min, span, higherIsBetter, label }) => ({
      min,
      max: min + span,
      higherIsBetter,
      ...(label === undefined ? {} : { label }),
    }));
}

/**
 * Options of {@link lifeEventArbitrary}.
 * @category Testing
 */
export interface LifeEventOptions extends TextOptions {
  /** Person ids an event may name (default: generated ids; an empty list names nobody). */
  readonly personIds?: readonly string[];
  /** Dates of the events (default 1900-2099). */
  readonly dates?: DateRangeOptions;
}

/**
 * A dated life event (`LifeEvent`): kind, optional description (client text) and optional person.
 * @param options - People, dates and text options.
 * @returns The arbitrary.
 * @see IPT reference 3.3 ([MT18])
 * @category Testing
 */
export function lifeEventArbitrary(options: LifeEventOptions = {}): fc.Arbitrary<LifeEvent> {
  const read = optionsOf<LifeEventOptions>(options);
  const nobody = Array.isArray(read.personIds) && read.personIds.length === 0;
  return fc
    .record(
      {
        date: isoDateArbitrary(read.dates),
        kind: fc.constantFrom(...LifeEventKind.options),
        description: textArbitrary({ ...read, maxLength: 1000 }),
        personId: nobody ? fc.constant(undefined) : personIdFrom(read.personIds),
      },
      { requiredKeys: ['date', 'kind'] },
    )
    .map((event) => {
      const { personId, ...rest } = event;
      return personId === undefined ? rest : { ...rest, personId };
    });
}

/**
 * Options of {@link moodRatingArbitrary}.
 * @category Testing
 */
export interface MoodRatingOptions extends TextOptions {
  /** The scale the value lies on (default 0-10). */
  readonly scale?: { readonly min: number; readonly max: number };
  /** Dates of the ratings (default 1900-2099). */
  readonly dates?: DateRangeOptions;
}

/**
 * A dated mood rating (`MoodRating`): a whole number on the scale and an optional note.
 * @param options - Scale, dates and text options.
 * @returns The arbitrary.
 * @see IPT reference 3.3 ([MT18])
 * @category Testing
 */
export function moodRatingArbitrary(options: MoodRatingOptions = {}): fc.Arbitrary<MoodRating> {
  const read = optionsOf<MoodRatingOptions>(options);
  const scale = optionsOf<{ min: number; max: number }>(read.scale);
  const low = sizeOption(scale.min, 0, -1000, 1000);
  const high = Math.max(low, sizeOption(scale.max, 10, -1000, 1000));
  return fc.record(
    {
      date: isoDateArbitrary(read.dates),
      value: fc.integer({ min: low, max: high }),
      note: textArbitrary({ ...read, maxLength: 1000 }),
    },
    { requiredKeys: ['date', 'value'] },
  );
}

/**
 * Options of {@link timelineArbitrary}.
 * @category Testing
 */
export interface TimelineOptions extends TextOptions {
  /** Most life events (default 8, at most 1000). */
  readonly maxEvents?: number;
  /** Most mood ratings (default 12, at most 5000). */
  readonly maxMoods?: number;
  /** Person ids events may name (an inventory's people); default generated ids. */
  readonly personIds?: readonly string[];
  /** Dates of events and ratings (default 1900-2099). */
  readonly dates?: DateRangeOptions;
}

function byDate<TItem extends { readonly date: string }>(list: readonly TItem[]): TItem[] {
  // Array.prototype.sort is stable: equal dates keep their generated order.
  return [...list].sort((left, right) =>
    left.date < right.date ? -1 : left.date > right.date ? 1 : 0,
  );
}

/**
 * A timeline (`Timeline`): a mood scale, life events and mood ratings, each list in date order,
 * every rating on the scale. Every value passes the `Timeline` schema and its cross-field checks
 * (`not-in-date-order`, `out-of-scale`).
 * @param options - Sizes, people, dates and text options.
 * @returns The arbitrary.
 * @see IPT reference 3.3 ([MT18])
 * @category Testing
 */
export function timelineArbitrary(options: TimelineOptions = {}): fc.Arbitrary<Timeline> {
  const read = optionsOf<TimelineOptions>(options);
  return moodScaleArbitrary().chain((moodScale) =>
    fc
      .record({
        events: fc.array(lifeEventArbitrary(read), {
          maxLength: sizeOption(read.maxEvents, 8, 0, 1000),
        }),
        moods: fc.array(moodRatingArbitrary({ ...read, scale: moodScale }), {
          maxLength: sizeOption(read.maxMoods, 12, 0, 5000),
        }),
      })
      .map(({ events, moods }) => ({ moodScale, events: byDate(events), moods: byDate(moods) })),
  );
}

const timelineMutations: readonly Mutation<Timeline>[] = [
  (timeline) => {
    const last = timeline.events[timeline.events.length - 1];
    const date = last?.date ?? '2026-03-02';
    const events = [
      ...copyOf(timeline.events),
      ...(last === undefined ? [{ date, kind: 'other' as const }] : []),
      { date: addDays(date, -1), kind: 'loss' as const },
    ];
    return invalid({ ...copyOf(timeline), events }, 'event-before-previous', 'not-in-date-order', [
      'events',
      events.length - 1,
      'date',
    ]);
  },
  (timeline) => {
    const last = timeline.moods[timeline.moods.length - 1];
    const moods = [
      ...copyOf(timeline.moods),
      { date: last?.date ?? '2026-03-02', value: timeline.moodScale.max + 1 },
    ];
    return invalid({ ...copyOf(timeline), moods }, 'mood-above-scale', 'out-of-scale', [
      'moods',
      moods.length - 1,
      'value',
    ]);
  },
  (timeline) =>
    invalid(
      changed(timeline, ['moodScale', 'max'], timeline.moodScale.min),
      'scale-inverted',
      'range-inverted',
      ['moodScale', 'max'],
    ),
  (timeline) =>
    timeline.moods.length === 0
      ? undefined
      : invalid(changed(timeline, ['moods', 0, 'value'], 0.5), 'mood-not-whole', 'invalid-type', [
          'moods',
          0,
          'value',
        ]),
  (timeline) =>
    timeline.events.length === 0
      ? undefined
      : invalid(
          changed(timeline, ['events', 0, 'kind'], 'party'),
          'event-kind-unknown',
          'invalid-value',
          ['events', 0, 'kind'],
        ),
];

/**
 * Timelines that fail the `Timeline` schema: an event dated before the one it follows, a rating
 * above the scale, an inverted scale, a rating that is not a whole number, an unknown event kind.
 * @param options - As for {@link timelineArbitrary}.
 * @returns The arbitrary.
 * @category Testing
 */
export function invalidTimelineArbitrary(
  options: TimelineOptions = {},
): fc.Arbitrary<InvalidValue> {
  return mutated(timelineArbitrary(options), timelineMutations);
}
