import * as z from 'zod';
import { describe, expect, test } from 'vitest';
import { createAjv } from '../../../test/support/json-schema.js';
import { shapes } from '../../course/commands.js';
import { CommunicationAlternative, CommunicationAnalysis } from '../../communication/analysis.js';
import { documentTypes } from '../../document/document.js';
import { Circle } from '../../inventory/circle.js';
import { Inventory } from '../../inventory/inventory.js';
import { MoodScale, Timeline } from '../../inventory/timeline.js';
import { Instrument } from '../../measures/instrument.js';
import { Focus } from '../../problem-area/focus.js';
import { Protocol } from '../../protocol/protocol-schema.js';
import {
  generateJsonSchema,
  generateJsonSchemas,
  isPublishedSchemaName,
  jsonSchemaFiles,
  jsonSchemaId,
  publishedSchemaNames,
  publishedSchemas,
  zodOnlyCheckText,
  type ZodOnlyCheck,
} from './schemas.js';

const all = generateJsonSchemas();

describe('generateJsonSchemas', () => {
  test('generates every published schema without failing, with its identification', () => {
    expect(Object.keys(all)).toEqual([...publishedSchemaNames]);
    for (const name of publishedSchemaNames) {
      const { output, input, version } = all[name];
      expect(version).toBe(publishedSchemas[name].version);
      expect(output.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(output.$id).toBe(`urn:iptkit:schema:${name}:v${version}`);
      expect(output.title).toMatch(/^iptkit /);
      expect(output.description.length).toBeGreaterThan(40);
      expect(output.description).not.toContain('Not checked by this JSON Schema');
      if (input !== undefined) {
        expect(input.$id).toBe(`urn:iptkit:schema:${name}:v${version}:input`);
        expect(input.title).toBe(`${output.title} (input)`);
        expect(input.description).not.toContain('Not checked by this JSON Schema');
      }
    }
  });

  test('the ids are unique and follow jsonSchemaId', () => {
    const ids = jsonSchemaFiles().map((file) => file.schema.$id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(jsonSchemaId('protocol', 3, 'input')).toBe('urn:iptkit:schema:protocol:v3:input');
  });

  test('an input schema exists exactly where what iptkit accepts differs from what it writes', () => {
    const withInput = publishedSchemaNames.filter((name) => all[name].input !== undefined);
    // Every schema with trimmed text has one; the circle, measure result and summary have none.
    const withoutText = ['circle', 'measure-result', 'cohort-summary'];
    expect(withInput).toEqual(publishedSchemaNames.filter((name) => !withoutText.includes(name)));
  });

  test('the files are <name>.json and, where it differs, <name>.input.json', () => {
    const files = jsonSchemaFiles().map((file) => file.file);
    expect(files).toContain('course-events.json');
    expect(files).toContain('course-events.input.json');
    expect(files).toContain('cohort-summary.json');
    expect(files).not.toContain('cohort-summary.input.json');
    expect(files).toHaveLength(17);
  });

  test('is pure: the same schemas every time, deeply frozen', () => {
    expect(generateJsonSchemas()).toEqual(all);
    expect(generateJsonSchema('circle')).toEqual(all.circle);
    expect(Object.isFrozen(all.protocol.output)).toBe(true);
    expect(Object.isFrozen(all.protocol.output.properties)).toBe(true);
  });

  test('every schema is valid draft 2020-12 and compiles in ajv strict mode', () => {
    const ajv = createAjv();
    for (const { file, schema } of jsonSchemaFiles()) {
      expect(ajv.validateSchema(structuredClone(schema)), file).toBe(true);
      expect(() => ajv.compile(structuredClone(schema)), file).not.toThrow();
    }
  });

  test('documents carry their literal envelope', () => {
    const { output } = all['course-events'];
    expect(output.required).toEqual(['schema', 'version', 'data']);
    expect(output.additionalProperties).toBe(false);
    expect(output.properties).toMatchObject({
      schema: { const: 'iptkit/course-events' },
      version: { const: documentTypes['iptkit/course-events'].length },
      data: { type: 'array', maxItems: 1_000_000 },
    });
    expect(all['course-snapshot'].output.properties).toMatchObject({
      schema: { const: 'iptkit/course-snapshot' },
    });
  });

  test('sensitive fields carry the sensitive keyword', () => {
    const people = all.inventory.output.properties as {
      people: { additionalProperties: { properties: Record<string, { sensitive?: string }> } };
    };
    const entry = people.people.additionalProperties.properties;
    expect(entry.label?.sensitive).toBe('name');
    expect(entry.communicationNotes?.sensitive).toBe('free-text');
    expect(entry.id?.sensitive).toBeUndefined();
    const text = JSON.stringify(all['course-snapshot'].output);
    expect(text.match(/"sensitive":"name"/g)?.length).toBeGreaterThan(0);
    expect(text.match(/"sensitive":"free-text"/g)?.length).toBeGreaterThan(10);
  });

  test('isPublishedSchemaName', () => {
    expect(isPublishedSchemaName('course-events')).toBe(true);
    expect(isPublishedSchemaName('iptkit/course-events')).toBe(false);
    expect(isPublishedSchemaName('constructor')).toBe(false);
  });
});

// ------------------------------------------------------------------------------------------------
// Zod-only checks: every refinement in a published schema is documented, and nothing more.
// ------------------------------------------------------------------------------------------------

const techniques = shapes.session.techniques.unwrap();
const refinedSchemas = new Map<z.core.$ZodType, ZodOnlyCheck>([
  [Protocol, 'protocol'],
  [Instrument, 'instrument'],
  [MoodScale, 'mood-scale'],
  [Timeline, 'timeline'],
  [Circle, 'circle'],
  [Inventory, 'inventory'],
  [Focus, 'focus'],
  [techniques, 'session-techniques'],
  [CommunicationAnalysis, 'communication-analysis'],
  [CommunicationAlternative, 'communication-analysis'],
]);

function hasRefinement(schema: z.core.$ZodType): boolean {
  const checks = (schema._zod.def as { checks?: readonly z.core.$ZodCheck[] }).checks ?? [];
  return checks.some((check) => check._zod.def.check === 'custom');
}

/**
 * Walks a zod schema and returns the refinement groups found in it. A refinement that belongs to
 * no known group is reported as `unknown:<path>`. The first stage of a pipe (the key check of an
 * id-keyed record) is skipped: the second stage expresses it in JSON Schema.
 */
function refinementsIn(root: z.core.$ZodType): Set<string> {
  const found = new Set<string>();
  const seen = new Set<z.core.$ZodType>();
  const walk = (schema: z.core.$ZodType, path: string, pipeInput = false) => {
    if (seen.has(schema)) return;
    seen.add(schema);
    if (hasRefinement(schema) && !pipeInput) {
      found.add(refinedSchemas.get(schema) ?? `unknown:${path}`);
    }
    const def = (schema as z.core.$ZodTypes)._zod.def;
    switch (def.type) {
      case 'object':
        for (const [key, field] of Object.entries(def.shape)) walk(field, `${path}/${key}`);
        if (def.catchall !== undefined) walk(def.catchall, `${path}/*`);
        break;
      case 'array':
        walk(def.element, `${path}/items`);
        break;
      case 'record':
        walk(def.keyType, `${path}/key`);
        walk(def.valueType, `${path}/*`);
        break;
      case 'union':
        def.options.forEach((option, index) => {
          walk(option, `${path}/${index}`);
        });
        break;
      case 'pipe':
        walk(def.in, path, true);
        walk(def.out, path);
        break;
      case 'optional':
      case 'nullable':
      case 'readonly':
      case 'default':
        walk(def.innerType, path);
        break;
      case 'intersection':
        walk(def.left, path);
        walk(def.right, path);
        break;
      case 'tuple':
        def.items.forEach((item, index) => {
          walk(item, `${path}/${index}`);
        });
        break;
      default:
        break;
    }
  };
  walk(root, '');
  return found;
}

describe('zod-only checks', () => {
  test.each(publishedSchemaNames)(
    '%s: its refinements are exactly the documented zod-only checks',
    (name) => {
      const entry = publishedSchemas[name];
      expect([...refinementsIn(entry.schema)].sort()).toEqual([...entry.zodOnly].sort());
    },
  );

  test.each(publishedSchemaNames)('%s: the description lists every zod-only check', (name) => {
    const { output, input } = all[name];
    for (const group of publishedSchemas[name].zodOnly) {
      for (const sentence of zodOnlyCheckText[group]) {
        expect(output.description).toContain(sentence);
        if (input !== undefined) expect(input.description).toContain(sentence);
      }
    }
  });

  test('the course-events description says the course rules are checked by replay', () => {
    expect(all['course-events'].output.description).toMatch(/replays the events/);
  });

  test('every description warns that lengths are counted differently', () => {
    for (const name of publishedSchemaNames) {
      expect(all[name].output.description).toContain('UTF-16 code units');
    }
  });
});
