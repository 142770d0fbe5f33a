import type { Observation, Patient, Reference, RelatedPerson } from '@medplum/fhirtypes';
import * as z from 'zod';
import type { Course } from '../course/state.js';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import { ID_PATTERN } from '../internal/ids.js';
import {
  issue,
  issuesFromZod,
  validationError,
  type Issue,
  type ValidationError,
} from '../internal/issues.js';
import { err, ok, type Result } from '../internal/result.js';
import type { RelationshipKind, RelationshipPeriod } from '../inventory/person.js';
import { CarePlanOptions, keysOf } from './care-plan.js';
import { FhirDateTime, PatientReference, guarded, parseOptions } from './shared.js';
import { fhirSystems } from './systems.js';

/**
 * Options of {@link toRelatedPersons}. Ids, the patient and the date come from the caller.
 * @category FHIR
 */
export const RelatedPersonOptions = z.strictObject({
  /**
   * The start of every resource id (1-40 letters, digits, `-` or `.`): `<prefix>-person-<n>` and
   * `<prefix>-closeness-<n>`, where n numbers the people 1, 2, ... in the order of their person
   * ids. Person ids are not used: they may hold characters FHIR ids do not, and words the caller
   * chose. The numbers stay the same as long as the inventory holds the same people; when people
   * are added or removed they can shift, so replace a client's RelatedPersons together.
   */
  idPrefix: CarePlanOptions.shape.idPrefix,
  /** The patient (`Patient/123`, an absolute URL to one, or a `urn:uuid:`). */
  subject: PatientReference,
  /** When the closeness circle was drawn (the Observations' `effectiveDateTime`). */
  effective: FhirDateTime,
  /**
   * Send each person's label as `RelatedPerson.name` (default `false`: no names). Only for
   * identified exchanges: a label is the name or nickname the client uses.
   */
  includeNames: z.boolean().optional(),
});
/** @category FHIR */
export type RelatedPersonOptions = z.input<typeof RelatedPersonOptions>;

/**
 * What {@link toRelatedPersons} builds: one RelatedPerson per inventory person, and one
 * Observation per closeness-circle placement, in the same order (by person id).
 * @category FHIR
 */
export interface RelatedPersonResources {
  readonly relatedPersons: readonly RelatedPerson[];
  readonly closenessObservations: readonly Observation[];
}

/**
 * How each relationship kind is sent: its text, and the HL7 v3 RoleCode code and display where
 * one clearly fits. Former partner (v3 has only "former spouse"), romantic interest, co-worker,
 * classmate, professional and other have none, so they go as text only.
 */
const relationships: Readonly<
  Record<
    RelationshipKind,
    readonly [text: string] | readonly [text: string, code: string, display: string]
  >
> = {
  partner: ['partner', 'SIGOTHR', 'significant other'],
  'former-partner': ['former partner'],
  'romantic-interest': ['romantic interest'],
  parent: ['parent', 'PRN', 'parent'],
  child: ['child', 'CHILD', 'child'],
  sibling: ['sibling', 'SIB', 'sibling'],
  grandparent: ['grandparent', 'GRPRN', 'grandparent'],
  'other-family': ['other family member', 'FAMMEMB', 'family member'],
  friend: ['friend', 'FRND', 'unrelated friend'],
  'co-worker': ['co-worker'],
  classmate: ['classmate'],
  neighbour: ['neighbour', 'NBOR', 'neighbor'],
  professional: ['professional'],
  other: ['other'],
};

/** `RelatedPerson.active` of each relationship period. */
const active: Readonly<Record<RelationshipPeriod, boolean>> = { current: true, past: false };

/**
 * The parts of an inventory the mapping reads, checked as the inventory schemas check them (the
 * whole `Inventory` schema would bring every free-text field's schema into this entry, and those
 * fields are never read). Its enums are the keys of records typed by the inventory's own types.
 */
const InventoryView = z.object({
  inventory: z.object({
    people: z.record(
      z.string(),
      z.object({
        id: z.string().regex(ID_PATTERN, {
          error: 'must be 1-128 letters, digits or ._:- starting with a letter or digit',
        }),
        label: z.string().trim().min(1).max(120),
        relationship: keysOf(relationships),
        period: keysOf(active),
      }),
    ),
    circle: z.object({
      ringCount: z.int().min(1).max(10),
      placements: z.record(z.string(), z.int().min(0).max(9)),
    }),
  }),
});
type InventoryView = z.output<typeof InventoryView>['inventory'];

/** The cross-field rules of `Inventory` and `Circle`, with their codes. */
function crossIssues(inventory: InventoryView): Issue[] {
  const issues: Issue[] = [];
  const at = (...path: string[]) => [
    'course',
    'inventory',
    ...path.map((key) => (ID_PATTERN.test(key) ? key : '[key]')),
  ];
  for (const [key, person] of Object.entries(inventory.people)) {
    if (person.id !== key) {
      issues.push(
        issue(
          'id-mismatch',
          at('people', key, 'id'),
          'must equal the key the entry is stored under',
        ),
      );
    }
  }
  const { ringCount, placements } = inventory.circle;
  for (const [key, ring] of Object.entries(placements)) {
    if (!Object.hasOwn(inventory.people, key)) {
      issues.push(
        issue(
          'dangling-person',
          at('circle', 'placements', key),
          'places a person who is not in the inventory',
        ),
      );
    }
    if (ring >= ringCount) {
      issues.push(
        issue(
          'ring-out-of-range',
          at('circle', 'placements', key),
          `must be a ring from 0 to ${ringCount - 1}`,
        ),
      );
    }
  }
  return issues;
}

const inventoryCoding = (code: string, display: string) => ({
  system: fhirSystems.interpersonalInventory,
  code,
  display,
});

/**
 * Turns the people of a course's interpersonal inventory into FHIR R4 resources:
 * - one `RelatedPerson` per person (ids `<prefix>-person-<n>`, numbered in person-id order):
 *   `patient` the subject; `active` `true` for a current relationship and `false` for a past one;
 *   `relationship` coded in HL7 v3 RoleCode where the kind has a clear code (partner `SIGOTHR`,
 *   parent `PRN`, child `CHILD`, sibling `SIB`, grandparent `GRPRN`, other family `FAMMEMB`,
 *   friend `FRND`, neighbour `NBOR`) and as text always; `name` (`text` = the person's label, the
 *   only name field iptkit keeps) only with `includeNames: true`;
 * - one `Observation` per circle placement (ids `<prefix>-closeness-<n>`, same n): `status`
 *   `final`, category `social-history`, `code` `closeness-ring` of iptkit's
 *   `interpersonal-inventory` code system, `valueInteger` the ring (0 = innermost, the closest
 *   people), a `component` `closeness-ring-count` with the circle's number of rings, `focus` the
 *   RelatedPerson, `subject` the patient, `effectiveDateTime` from the options.
 *
 * Nothing else leaves iptkit: no relationship note, expectations, interactions, support or any
 * other free text, no person ids, and no vital status (R4 RelatedPerson has no element for it).
 * @param course - A course (or anything with its `inventory`); the parts read are validated first.
 * @param options - Id prefix, patient, the date of the circle, and whether to send names.
 * @returns The frozen resources, or a {@link ValidationError} (not an inventory, bad options).
 * @example
 * ```ts
 * const people = toRelatedPersons(course, {
 *   idPrefix: 'c-1',
 *   subject: 'Patient/123',
 *   effective: '2026-03-09',
 * });
 * if (people.ok) people.value.closenessObservations[0]?.valueInteger; // 0 = innermost ring
 * ```
 * @see DESIGN section 4; IPT reference 3.1, 3.2 and 11, invariants 8-9 ([ALPF], [ISIPT], [PP-CC])
 * @category FHIR
 */
export function toRelatedPersons(
  course: DeepReadonly<Pick<Course, 'inventory'>>,
  options: RelatedPersonOptions,
): Result<DeepReadonly<RelatedPersonResources>, ValidationError> {
  return guarded(() => {
    const parsed = InventoryView.safeParse(course, { reportInput: false });
    const parsedOptions = parseOptions(RelatedPersonOptions, options);
    const issues = [
      ...(parsed.success
        ? crossIssues(parsed.data.inventory)
        : issuesFromZod(parsed.error, ['course'])),
      ...(parsedOptions.ok ? [] : parsedOptions.error.issues),
    ];
    if (!parsed.success || !parsedOptions.ok || issues.length > 0) {
      return err(validationError(issues));
    }
    return ok(build(parsed.data.inventory, parsedOptions.value));
  });
}

function build(
  inventory: InventoryView,
  options: z.output<typeof RelatedPersonOptions>,
): RelatedPersonResources {
  const subject: Reference<Patient> = { reference: options.subject };
  const { ringCount, placements } = inventory.circle;
  const relatedPersons: RelatedPerson[] = [];
  const closenessObservations: Observation[] = [];
  const people = Object.values(inventory.people).sort((left, right) =>
    left.id < right.id ? -1 : left.id > right.id ? 1 : 0,
  );
  people.forEach((person, index) => {
    const id = `${options.idPrefix}-person-${index + 1}`;
    const [text, code, display] = relationships[person.relationship];
    relatedPersons.push({
      resourceType: 'RelatedPerson',
      id,
      active: active[person.period],
      patient: subject,
      relationship: [
        code === undefined
          ? { text }
          : { coding: [{ system: fhirSystems.roleCode, code, display }], text },
      ],
      ...(options.includeNames === true ? { name: [{ text: person.label }] } : {}),
    });
    const ring = Object.hasOwn(placements, person.id) ? placements[person.id] : undefined;
    if (ring === undefined) return;
    closenessObservations.push({
      resourceType: 'Observation',
      id: `${options.idPrefix}-closeness-${index + 1}`,
      status: 'final',
      category: [
        {
          coding: [
            {
              system: fhirSystems.observationCategory,
              code: 'social-history',
              display: 'Social History',
            },
          ],
        },
      ],
      code: {
        coding: [inventoryCoding('closeness-ring', 'Interpersonal closeness ring')],
        text: 'Closeness ring (0 = innermost, closest)',
      },
      subject,
      focus: [{ reference: `RelatedPerson/${id}` }],
      effectiveDateTime: options.effective,
      valueInteger: ring,
      component: [
        {
          code: {
            coding: [inventoryCoding('closeness-ring-count', 'Rings in the closeness circle')],
          },
          valueInteger: ringCount,
        },
      ],
    });
  });
  return { relatedPersons, closenessObservations };
}
