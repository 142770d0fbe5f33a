import * as z from 'zod';
import { IsoDate } from '../internal/dates.js';
import { PersonId } from '../internal/ids.js';
import { sensitiveText } from '../internal/sensitive.js';

/**
 * How an important person is related to the client. The reference names family, partners,
 * friends and co-workers; the finer split (and `classmate`, `romantic-interest` for adolescents,
 * `professional`, `neighbour`) is iptkit's own, with `other` plus a note for anything else.
 * @see IPT reference 3.1 ([ALPF], [ISIPT])
 * @category Inventory
 */
export const RelationshipKind = z.enum([
  'partner',
  'former-partner',
  'romantic-interest',
  'parent',
  'child',
  'sibling',
  'grandparent',
  'other-family',
  'friend',
  'co-worker',
  'classmate',
  'neighbour',
  'professional',
  'other',
]);
/** @category Inventory */
export type RelationshipKind = z.infer<typeof RelationshipKind>;

/**
 * Whether the person is alive or has died. `diedOn` is optional because the exact date is not
 * always known; a grief focus (Weissman lineage) needs a person recorded as deceased.
 * @see IPT reference 2.1 and 11, invariant 5 ([ISIPT])
 * @category Inventory
 */
export const VitalStatus = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('alive') }),
  z.strictObject({ status: z.literal('deceased'), diedOn: IsoDate.optional() }),
]);
/** @category Inventory */
export type VitalStatus = z.infer<typeof VitalStatus>;

/**
 * Whether the relationship is part of the client's present life (`current`) or a relevant past
 * one (`past`). It is independent of {@link VitalStatus}: iptkit infers neither from the other.
 * @see IPT reference 3.1 ([ALPF], [ISIPT]: "current + relevant past")
 * @category Inventory
 */
export const RelationshipPeriod = z.enum(['current', 'past']);
/** @category Inventory */
export type RelationshipPeriod = z.infer<typeof RelationshipPeriod>;

const personShape = {
  /** Caller-supplied id; the inventory is keyed by it. */
  id: PersonId,
  /** How the client and clinician refer to the person (a name or nickname): sensitive `name`. */
  label: sensitiveText('name', 120),
  relationship: RelationshipKind,
  /** More about the relationship in a few words (for example for `other`). */
  relationshipNote: sensitiveText('free-text', 300).optional(),
  vitalStatus: VitalStatus,
  period: RelationshipPeriod,
};

/**
 * An important person in the client's life: id, display label, relationship kind, alive or
 * deceased (with the date if known), and whether the relationship is current or past.
 * The label is marked as a sensitive `name` in the schema metadata.
 * @example
 * ```ts
 * const mother = { id: 'p-mother', label: 'Mum', relationship: 'parent', vitalStatus: { status: 'deceased', diedOn: '2025-11-03' }, period: 'past' };
 * ```
 * @see IPT reference 3.1 ([ALPF], [ISIPT])
 * @category Inventory
 */
export const Person = z.strictObject(personShape);
/** @category Inventory */
export type Person = z.infer<typeof Person>;

/**
 * How often the client and the person are in contact. The buckets are iptkit's own.
 * @see IPT reference 3.1 ([ALPF]; the frequency/content split is UNCONFIRMED)
 * @category Inventory
 */
export const InteractionFrequency = z.enum([
  'daily',
  'several-times-a-week',
  'weekly',
  'monthly',
  'less-than-monthly',
  'no-contact',
]);
/** @category Inventory */
export type InteractionFrequency = z.infer<typeof InteractionFrequency>;

/**
 * Whether an expectation is met.
 * @category Inventory
 */
export const ExpectationMet = z.enum(['yes', 'partly', 'no', 'unknown']);
/** @category Inventory */
export type ExpectationMet = z.infer<typeof ExpectationMet>;

/**
 * One expectation in the relationship: whose it is (the client's of the person, or the person's
 * of the client, as the client understands it), what it is, and whether it is met.
 * @see IPT reference 3.1 ([ALPF]: mutual expectations and whether they are met)
 * @category Inventory
 */
export const Expectation = z.strictObject({
  holder: z.enum(['client', 'other']),
  text: sensitiveText('free-text', 1000),
  met: ExpectationMet,
});
/** @category Inventory */
export type Expectation = z.infer<typeof Expectation>;

/**
 * How often and about what the client and the person interact.
 * @see IPT reference 3.1 ([ALPF]; the frequency/content split is UNCONFIRMED)
 * @category Inventory
 */
export const Interactions = z.strictObject({
  frequency: InteractionFrequency.optional(),
  content: sensitiveText('free-text', 2000).optional(),
});
/** @category Inventory */
export type Interactions = z.infer<typeof Interactions>;

/**
 * Support the person gives and whether the client confides in them.
 * @see IPT reference 3.1 ([ISIPT]: social support, confiding relationships)
 * @category Inventory
 */
export const Support = z.strictObject({
  level: z.enum(['none', 'some', 'a-lot']).optional(),
  confiding: z.boolean().optional(),
  note: sensitiveText('free-text', 1000).optional(),
});
/** @category Inventory */
export type Support = z.infer<typeof Support>;

/**
 * Whether the relationship changed around the onset of the episode (a death, a child leaving,
 * marital strife), with a note.
 * @see IPT reference 3.1 ([ALPF])
 * @category Inventory
 */
export const OnsetChange = z.strictObject({
  changed: z.boolean(),
  note: sensitiveText('free-text', 1000).optional(),
});
/** @category Inventory */
export type OnsetChange = z.infer<typeof OnsetChange>;

/**
 * How the relationship's difficulties relate to the episode: they contributed to it, resulted
 * from it, both, or unclear. This records a linkage, not a cause.
 * @see IPT reference 3.1 ([ISIPT], [MARK06])
 * @category Inventory
 */
export const EpisodeLink = z.enum(['contributed', 'resulted', 'both', 'unclear']);
/** @category Inventory */
export type EpisodeLink = z.infer<typeof EpisodeLink>;

const textList = (max: number) => z.array(sensitiveText('free-text', 1000)).max(max);

const relationshipFields = {
  interactions: Interactions,
  expectations: z.array(Expectation).max(50),
  /** Satisfying aspects (a classic Klerman 1984 field: UNCONFIRMED). */
  satisfying: textList(50),
  /** Unsatisfying aspects (a classic Klerman 1984 field: UNCONFIRMED). */
  unsatisfying: textList(50),
  /** Changes the client wants in the relationship (UNCONFIRMED; cf. [CITC-RD]). */
  changesWanted: textList(50),
  support: Support,
  /** How the two communicate. */
  communicationNotes: sensitiveText('free-text', 2000),
  aroundOnset: OnsetChange,
  linkToEpisode: EpisodeLink,
};

/**
 * The relationship part of an inventory entry, every field optional: interactions (frequency,
 * content), mutual expectations and whether they are met, satisfying and unsatisfying aspects,
 * changes wanted, support and confiding, how they communicate, changes around symptom onset and
 * the link to the episode. Free-text fields are marked sensitive `free-text`. The inventory is a
 * clinical record, not a scored instrument.
 * @see IPT reference 3.1 and 11, invariant 8 ([ALPF], [ISIPT], [MARK06]; satisfying/unsatisfying
 * aspects and changes wanted are UNCONFIRMED classic fields, cf. [CITC-RD])
 * @category Inventory
 */
export const Relationship = z.strictObject({
  interactions: relationshipFields.interactions.optional(),
  expectations: relationshipFields.expectations.optional(),
  satisfying: relationshipFields.satisfying.optional(),
  unsatisfying: relationshipFields.unsatisfying.optional(),
  changesWanted: relationshipFields.changesWanted.optional(),
  support: relationshipFields.support.optional(),
  communicationNotes: relationshipFields.communicationNotes.optional(),
  aroundOnset: relationshipFields.aroundOnset.optional(),
  linkToEpisode: relationshipFields.linkToEpisode.optional(),
});
/** @category Inventory */
export type Relationship = z.infer<typeof Relationship>;

/**
 * One entry of the interpersonal inventory: the {@link Person} and the {@link Relationship}
 * fields side by side in one flat object (so an entry is also a `Person`).
 * @example
 * ```ts
 * const entry = {
 *   id: 'p-partner', label: 'Alex', relationship: 'partner', vitalStatus: { status: 'alive' }, period: 'current',
 *   expectations: [{ holder: 'client', text: 'shares the housework', met: 'no' }],
 *   support: { level: 'some', confiding: false },
 * };
 * ```
 * @see IPT reference 3.1 ([ALPF], [ISIPT])
 * @category Inventory
 */
export const InventoryEntry = z.strictObject({ ...personShape, ...Relationship.shape });
/** @category Inventory */
export type InventoryEntry = z.infer<typeof InventoryEntry>;
/**
 * What {@link InventoryEntry} accepts (text is trimmed on the way in).
 * @category Inventory
 */
export type InventoryEntryInput = z.input<typeof InventoryEntry>;

/**
 * A partial change to an inventory entry, as `updatePerson` takes it: every field but `id` may be
 * given; a given field replaces the stored one (nested objects and lists are replaced whole);
 * `null` clears an optional field. The id cannot be changed (remove and add instead).
 * @category Inventory
 */
export const InventoryEntryPatch = z.strictObject({
  label: personShape.label.optional(),
  relationship: personShape.relationship.optional(),
  relationshipNote: sensitiveText('free-text', 300).nullable().optional(),
  vitalStatus: personShape.vitalStatus.optional(),
  period: personShape.period.optional(),
  interactions: relationshipFields.interactions.nullable().optional(),
  expectations: relationshipFields.expectations.nullable().optional(),
  satisfying: relationshipFields.satisfying.nullable().optional(),
  unsatisfying: relationshipFields.unsatisfying.nullable().optional(),
  changesWanted: relationshipFields.changesWanted.nullable().optional(),
  support: relationshipFields.support.nullable().optional(),
  communicationNotes: relationshipFields.communicationNotes.nullable().optional(),
  aroundOnset: relationshipFields.aroundOnset.nullable().optional(),
  linkToEpisode: relationshipFields.linkToEpisode.nullable().optional(),
});
/** @category Inventory */
export type InventoryEntryPatch = z.infer<typeof InventoryEntryPatch>;
/**
 * What {@link InventoryEntryPatch} accepts.
 * @category Inventory
 */
export type InventoryEntryPatchInput = z.input<typeof InventoryEntryPatch>;

/**
 * Tells whether a person is recorded as deceased.
 * @param person - A person or inventory entry.
 * @returns `true` when `vitalStatus.status` is `'deceased'`.
 * @see IPT reference 11, invariant 5 ([ISIPT])
 * @category Inventory
 */
export function isDeceased(person: { readonly vitalStatus: { readonly status: string } }): boolean {
  return person.vitalStatus.status === 'deceased';
}
