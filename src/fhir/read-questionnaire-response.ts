import * as z from 'zod';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import {
  issue,
  validationError,
  type Issue,
  type IssuePath,
  type ValidationError,
} from '../internal/issues.js';
import { checkLimits } from '../internal/limits.js';
import { err, ok, type Result } from '../internal/result.js';
import { ItemId } from '../measures/instrument.js';
import { guarded, isRecord, own, parseOptions } from './shared.js';
import {
  difficultyAnswers,
  fhirSystems,
  frequencyAnswers,
  mappedInstruments,
  type FhirInstrumentId,
  type MappedInstrument,
  type MappedItem,
} from './systems.js';

/**
 * Options of {@link fromQuestionnaireResponse}.
 * @category FHIR
 */
export const FromQuestionnaireResponseOptions = z.strictObject({
  /** Which instrument to read; detected from the panel tag, questionnaire or item codes if absent. */
  instrument: z.enum(['phq-9', 'gad-7']).optional(),
  /**
   * Local link ids of the other system, mapped to iptkit item ids (`item1` ... `item9`,
   * `difficulty`). They are looked up before LOINC codes.
   */
  linkIds: z.record(z.string().min(1).max(255), ItemId).optional(),
  /**
   * Extra answer codings the caller vouches for, each with its value (for example LOINC answer
   * codes of the functional question, which the reference does not list).
   */
  answerCodes: z
    .array(
      z.strictObject({
        system: z.string().min(1).max(4096),
        code: z.string().min(1).max(255),
        value: z.int().min(0).max(3),
      }),
    )
    .max(200)
    .optional(),
  /**
   * Size limits checked on the resource before it is read (see `checkLimits`; whole positive
   * numbers); the defaults (`defaultLimits`) apply to any limit not given.
   */
  limits: z
    .strictObject({
      maxStringLength: z.int().positive(),
      maxArrayLength: z.int().positive(),
      maxObjectKeys: z.int().positive(),
      maxDepth: z.int().positive(),
      maxEvents: z.int().positive(),
      maxTotalNodes: z.int().positive(),
    })
    .partial()
    .optional(),
});
/** @category FHIR */
export type FromQuestionnaireResponseOptions = z.input<typeof FromQuestionnaireResponseOptions>;

/**
 * The answers read from a QuestionnaireResponse: the instrument and the answered items keyed by
 * iptkit item id, ready for `scorePhq9` or `scoreInstrument`.
 * @category FHIR
 */
export interface ReadQuestionnaireResponse {
  readonly instrument: FhirInstrumentId;
  readonly responses: Readonly<Record<string, number>>;
}

type Options = z.output<typeof FromQuestionnaireResponseOptions>;

/** An item of the response that names an instrument item, found while walking the tree. */
interface Found {
  readonly path: IssuePath;
  /** The instruments it may belong to (one, or both for the shared functional question). */
  readonly candidates: readonly {
    readonly instrument: FhirInstrumentId;
    readonly itemId: string;
  }[];
  /** The instrument of the enclosing panel, if any. */
  readonly context: FhirInstrumentId | undefined;
  /** Mapped through `options.linkIds` (an item id of whichever instrument is read). */
  readonly localItemId: string | undefined;
  readonly answer: unknown;
}

const ALL = Object.values(mappedInstruments);

/** LOINC item code -> the instrument items carrying it. */
const byItemCode = new Map<string, { instrument: FhirInstrumentId; itemId: string }[]>();
for (const mapped of ALL) {
  for (const item of mapped.items) {
    const list = byItemCode.get(item.loinc) ?? [];
    list.push({ instrument: mapped.id, itemId: item.id });
    byItemCode.set(item.loinc, list);
  }
}

/** LOINC panel or total code -> its instrument (evidence of which instrument this is). */
function instrumentOfCode(code: string): FhirInstrumentId | undefined {
  return ALL.find((mapped) => mapped.panel === code || mapped.total === code)?.id;
}

/** The non-empty segments of a link id (`/44249-1/44250-9` -> both codes). */
function segments(linkId: string): string[] {
  return linkId.split('/').filter((part) => part.length > 0);
}

class Reader {
  readonly issues: Issue[] = [];
  readonly found: Found[] = [];
  readonly evidence = new Set<FhirInstrumentId>();

  constructor(private readonly options: Options) {}

  walk(items: unknown, path: IssuePath, context: FhirInstrumentId | undefined): void {
    if (items === undefined) return;
    if (!Array.isArray(items)) {
      this.issues.push(issue('invalid-type', path, 'expected an array of items'));
      return;
    }
    items.forEach((item: unknown, index) => {
      this.item(item, [...path, index], context);
    });
  }

  private item(item: unknown, path: IssuePath, context: FhirInstrumentId | undefined): void {
    if (!isRecord(item)) {
      this.issues.push(issue('invalid-type', path, 'expected an item object'));
      return;
    }
    const linkId = own(item, 'linkId');
    if (typeof linkId !== 'string' || linkId.length === 0) {
      this.issues.push(issue('invalid-link-id', [...path, 'linkId'], 'expected a link id'));
      return;
    }
    let inner = context;
    const parts = segments(linkId);
    for (const part of parts) {
      const panelOf = ALL.find((mapped) => mapped.panel === part)?.id;
      if (panelOf !== undefined) {
        this.evidence.add(panelOf);
        inner = panelOf;
      }
    }
    const local = this.options.linkIds;
    const localItemId =
      local !== undefined && Object.hasOwn(local, linkId) ? local[linkId] : undefined;
    const last = parts[parts.length - 1] ?? '';
    const candidates = localItemId === undefined ? (byItemCode.get(last) ?? []) : [];
    if (localItemId === undefined) {
      const totalOf = instrumentOfCode(last);
      if (totalOf !== undefined) this.evidence.add(totalOf);
      if (candidates.length === 1 && candidates[0] !== undefined) {
        this.evidence.add(candidates[0].instrument);
      }
    }
    const answer = own(item, 'answer');
    if (localItemId !== undefined || candidates.length > 0) {
      this.found.push({ path, candidates, context: inner, localItemId, answer });
    }
    this.walk(own(item, 'item'), [...path, 'item'], inner);
    if (Array.isArray(answer)) {
      answer.forEach((entry: unknown, index) => {
        if (isRecord(entry))
          this.walk(own(entry, 'item'), [...path, 'answer', index, 'item'], inner);
      });
    } else if (answer !== undefined) {
      this.issues.push(issue('invalid-type', [...path, 'answer'], 'expected an array of answers'));
    }
  }
}

/** Evidence from the resource's `meta.tag` and `questionnaire`. */
function resourceEvidence(
  resource: Readonly<Record<string, unknown>>,
  evidence: Set<FhirInstrumentId>,
) {
  const meta = own(resource, 'meta');
  const tags = isRecord(meta) ? own(meta, 'tag') : undefined;
  if (Array.isArray(tags)) {
    for (const tag of tags as unknown[]) {
      if (!isRecord(tag) || own(tag, 'system') !== fhirSystems.loinc) continue;
      const code = own(tag, 'code');
      const found = typeof code === 'string' ? instrumentOfCode(code) : undefined;
      if (found !== undefined) evidence.add(found);
    }
  }
  const questionnaire = own(resource, 'questionnaire');
  if (typeof questionnaire === 'string') {
    const withoutVersion = questionnaire.split('|')[0] ?? '';
    const last = segments(withoutVersion).pop() ?? '';
    const found = ALL.find((mapped) => mapped.panel === last)?.id;
    if (found !== undefined) evidence.add(found);
  }
}

type Answer = { readonly value: number } | { readonly problem: Issue };

function problem(code: string, path: IssuePath, message: string): Answer {
  return { problem: issue(code, path, message) };
}

/** The value of a coding's `ordinalValue` extension, if it has one. */
function ordinalOf(coding: Readonly<Record<string, unknown>>, path: IssuePath): Answer | undefined {
  const extensions = own(coding, 'extension');
  if (!Array.isArray(extensions)) return undefined;
  const ordinals = (extensions as unknown[]).flatMap((extension, index) =>
    isRecord(extension) && own(extension, 'url') === fhirSystems.ordinalValue
      ? [{ extension, index }]
      : [],
  );
  if (ordinals.length === 0) return undefined;
  const first = ordinals[0];
  if (ordinals.length > 1 || first === undefined) {
    return problem('conflicting-answer', [...path, 'extension'], 'has more than one ordinalValue');
  }
  const value = own(first.extension, 'valueDecimal');
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return problem(
      'invalid-ordinal-value',
      [...path, 'extension', first.index, 'valueDecimal'],
      'must be a whole number',
    );
  }
  return { value };
}

/** The value a coding's system and code stand for, if the item knows it. */
function codedValue(
  coding: Readonly<Record<string, unknown>>,
  item: MappedItem,
  options: Options,
): number | undefined {
  const system = own(coding, 'system');
  const code = own(coding, 'code');
  if (typeof system !== 'string' || typeof code !== 'string') return undefined;
  const extra = options.answerCodes?.find(
    (candidate) => candidate.system === system && candidate.code === code,
  );
  if (extra !== undefined) return extra.value;
  if (item.kind === 'frequency' && system === fhirSystems.loinc) {
    return frequencyAnswers.find((answer) => answer.loinc === code)?.value;
  }
  if (item.kind === 'difficulty' && system === fhirSystems.functionalDifficulty) {
    return difficultyAnswers.find((answer) => answer.code === code)?.value;
  }
  return undefined;
}

/** Reads one answer: a `valueInteger`, or a `valueCoding` by its code or `ordinalValue`. */
function readAnswer(entry: unknown, path: IssuePath, item: MappedItem, options: Options): Answer {
  if (!isRecord(entry)) return problem('invalid-type', path, 'expected an answer object');
  let result: Answer;
  const integer = own(entry, 'valueInteger');
  const coding = own(entry, 'valueCoding');
  if (integer !== undefined) {
    if (typeof integer !== 'number' || !Number.isInteger(integer)) {
      return problem('invalid-type', [...path, 'valueInteger'], 'expected an integer');
    }
    result = { value: integer };
  } else if (coding !== undefined) {
    const codingPath = [...path, 'valueCoding'];
    if (!isRecord(coding)) return problem('invalid-type', codingPath, 'expected a Coding');
    const byCode = codedValue(coding, item, options);
    const byOrdinal = ordinalOf(coding, codingPath);
    if (byOrdinal !== undefined && 'problem' in byOrdinal) return byOrdinal;
    if (byCode !== undefined && byOrdinal !== undefined && byCode !== byOrdinal.value) {
      return problem(
        'conflicting-answer',
        codingPath,
        'its code and its ordinalValue stand for different values',
      );
    }
    const value = byCode ?? byOrdinal?.value;
    if (value === undefined) {
      return problem(
        'unknown-answer-code',
        codingPath,
        'is not an answer code of this item, has no ordinalValue extension, and is not in options.answerCodes',
      );
    }
    result = { value };
  } else if (Object.keys(entry).some((key) => key.startsWith('value'))) {
    return problem(
      'unsupported-answer-type',
      path,
      'must be a valueCoding or a valueInteger (other answer types are not read)',
    );
  } else {
    return problem('missing-answer-value', path, 'has no value');
  }
  if (!item.allowed.includes(result.value)) {
    return problem('answer-out-of-range', path, 'must stand for an integer from 0 to 3');
  }
  return result;
}

/** The item id a found item stands for in the instrument being read, if any. */
function itemIdOf(found: Found, instrument: FhirInstrumentId): string | undefined {
  if (found.localItemId !== undefined) return found.localItemId;
  if (found.context !== undefined && found.context !== instrument) return undefined;
  return found.candidates.find((candidate) => candidate.instrument === instrument)?.itemId;
}

/** Every item id of `options.linkIds` must be one of the instrument's. */
function checkLinkIdMap(options: Options, mapped: MappedInstrument, issues: Issue[]): void {
  const local = options.linkIds;
  if (local === undefined) return;
  const known = new Set(mapped.items.map((item) => item.id));
  const unknown = Object.values(local).filter((itemId) => !known.has(itemId)).length;
  if (unknown > 0) {
    issues.push(
      issue(
        'unknown-item',
        ['options', 'linkIds'],
        `maps ${unknown} link id${unknown === 1 ? '' : 's'} to an item the instrument does not have`,
      ),
    );
  }
}

function chooseInstrument(
  options: Options,
  evidence: ReadonlySet<FhirInstrumentId>,
  issues: Issue[],
): MappedInstrument | undefined {
  if (options.instrument !== undefined) return mappedInstruments[options.instrument];
  const [only, ...others] = [...evidence];
  if (only !== undefined && others.length === 0) return mappedInstruments[only];
  issues.push(
    only === undefined
      ? issue(
          'instrument-unknown',
          [],
          'does not show whether it is a PHQ-9 or a GAD-7: pass options.instrument',
        )
      : issue(
          'instrument-ambiguous',
          [],
          'has parts of both the PHQ-9 and the GAD-7: pass options.instrument to read one',
        ),
  );
  return undefined;
}

/**
 * Reads the answers of a PHQ-9 or GAD-7 QuestionnaireResponse from another system back into
 * iptkit's shape, `{ instrument, responses }`, ready for `scorePhq9` / `scoreInstrument`.
 *
 * Items are found anywhere in the tree (`item.item` and `answer.item` too) by their `linkId`:
 * a key of `options.linkIds` (the other system's local ids, mapped to `item1`...`item9` /
 * `difficulty`), or else a LOINC item code, with or without a leading slash or panel path
 * (`44250-9`, `/44250-9`, `/44249-1/44250-9`). An answer is read from `valueInteger`, or from a
 * `valueCoding` that is a LOINC 0-3 answer code (LA6568-5, LA6569-3, LA6570-1, LA6571-9; the
 * middle two are UNCONFIRMED in the reference), iptkit's functional-difficulty code, a coding of
 * `options.answerCodes`, or any coding with an `ordinalValue` extension (valueDecimal); a code
 * and an ordinal that disagree are an issue. Nothing else is guessed at: any other answer is an
 * issue with its path. Items the instrument does not have (a total score, a header) are skipped;
 * unanswered items are left out of `responses`.
 *
 * The instrument is `options.instrument`, or detected from the LOINC panel code (44249-1 /
 * 69737-5) in `meta.tag`, `questionnaire` or a link id, the total code, or the item codes.
 * With `options.instrument` given, a combined PHQ-9 + GAD-7 form yields just that instrument's items.
 *
 * The resource is first checked against size limits (`limit-*` issues). Never throws; messages
 * never quote the input.
 * @param resource - Untrusted JSON, meant to be a QuestionnaireResponse.
 * @param options - Instrument, local link ids, extra answer codes, size limits.
 * @returns The instrument and answers, or a {@link ValidationError} listing every problem.
 * @example
 * ```ts
 * const read = fromQuestionnaireResponse(json, { linkIds: { q1: 'item1', q2: 'item2' } });
 * if (read.ok) scorePhq9(read.value.responses);
 * ```
 * @see IPT reference 9 ([LFORMS-EX], [PACIO], [USCORE], [MII])
 * @category FHIR
 */
export function fromQuestionnaireResponse(
  resource: unknown,
  options: FromQuestionnaireResponseOptions = {},
): Result<DeepReadonly<ReadQuestionnaireResponse>, ValidationError> {
  return guarded(() => {
    const parsed = parseOptions(FromQuestionnaireResponseOptions, options);
    if (!parsed.ok) return parsed;
    const settings = parsed.value;
    const tooBig = checkLimits(resource, settings.limits);
    if (tooBig.length > 0) return err(validationError(tooBig));
    if (!isRecord(resource)) {
      return err(
        validationError([issue('invalid-type', [], 'expected a QuestionnaireResponse object')]),
      );
    }
    if (own(resource, 'resourceType') !== 'QuestionnaireResponse') {
      return err(
        validationError([
          issue('invalid-resource-type', ['resourceType'], 'must be "QuestionnaireResponse"'),
        ]),
      );
    }
    const reader = new Reader(settings);
    resourceEvidence(resource, reader.evidence);
    reader.walk(own(resource, 'item'), ['item'], undefined);
    const issues = reader.issues;
    const mapped = chooseInstrument(settings, reader.evidence, issues);
    if (mapped === undefined) return err(validationError(issues));
    checkLinkIdMap(settings, mapped, issues);

    const values = new Map<string, number>();
    const seen = new Set<string>();
    for (const found of reader.found) {
      const itemId = itemIdOf(found, mapped.id);
      const item = mapped.items.find((candidate) => candidate.id === itemId);
      if (item === undefined) continue;
      if (seen.has(item.id)) {
        issues.push(
          issue('duplicate-item', [...found.path, 'linkId'], 'names an item that came before'),
        );
        continue;
      }
      seen.add(item.id);
      const answers = found.answer;
      if (!Array.isArray(answers) || answers.length === 0) continue;
      if (answers.length > 1) {
        issues.push(issue('multiple-answers', [...found.path, 'answer'], 'must have one answer'));
        continue;
      }
      const read = readAnswer(answers[0], [...found.path, 'answer', 0], item, settings);
      if ('problem' in read) issues.push(read.problem);
      else values.set(item.id, read.value);
    }
    if (seen.size === 0 && issues.length === 0) {
      issues.push(issue('no-items', ['item'], 'has no item of the instrument'));
    }
    if (issues.length > 0) return err(validationError(issues));
    const responses: Record<string, number> = {};
    for (const item of mapped.items) {
      const value = values.get(item.id);
      if (value !== undefined) responses[item.id] = value;
    }
    return ok({ instrument: mapped.id, responses });
  });
}
