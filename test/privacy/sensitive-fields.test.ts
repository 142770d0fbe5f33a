/**
 * What the schemas say is sensitive, read two ways (the library's `sensitiveFields` and this
 * test's own walk), and guards that fail when the schemas grow in a way de-identification would
 * not see: a node it cannot walk, an id schema it does not know, a free-form string nobody has
 * classified, a sensitive field the privacy guide does not list.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CourseEvent } from '../../src/course/events.js';
import { Course } from '../../src/course/state.js';
import {
  ActorId,
  AnalysisId,
  CourseId,
  EventId,
  ID_PATTERN,
  MeasureId,
  PersonId,
  SessionId,
} from '../../src/internal/ids.js';
import { sensitiveFields } from '../../src/privacy/index.js';
import { markedEventPaths, markedPaths, stringNodes } from './support.js';

const KERNEL_IDS = new Set<unknown>([
  CourseId,
  PersonId,
  SessionId,
  EventId,
  MeasureId,
  AnalysisId,
  ActorId,
]);

/**
 * Strings of the course that are configuration, not client text, and so are kept: the protocol
 * (a manual's or the service's own description), the mood scale's name, the instrument's version
 * and band set, and risk-flag ids (`<measure id>:<flag>`, which follow the measure's pseudonym).
 */
function isConfiguration(path: string): boolean {
  const withoutType = path.replace(/^[a-z-]+\.(?=protocol\.|moodScale\.)/, '');
  return (
    withoutType.startsWith('protocol.') ||
    /(^|\.)moodScale\.label$/.test(path) ||
    /(^|\.)instrumentVersion$/.test(path) ||
    /(^|\.)bandSet$/.test(path) ||
    /(^|\.)score\.band\.(id|label|bandSet)$/.test(path) ||
    path === 'riskFlags{key}' ||
    path === 'riskFlags.*.id' ||
    path === 'risk-acknowledged.flagId'
  );
}

const ROLE_NAMES = /(^|\.)(foci\.(primary|secondary)|focus)\.(from|to)$/;

function allNodes() {
  return [
    ...stringNodes(Course),
    ...CourseEvent.options.flatMap((option) => stringNodes(option, option.shape.type.value)),
  ];
}

describe('sensitive fields of the course schemas', () => {
  test('sensitiveFields agrees with an independent walk of the schema', () => {
    const library = sensitiveFields(Course);
    expect(library.unsupported).toEqual([]);
    expect(library.fields.map((field) => [field.path, field.sensitivity])).toEqual([
      ...markedPaths(Course).entries(),
    ]);
    const events = CourseEvent.options.flatMap((option) => {
      const found = sensitiveFields(option, option.shape.type.value);
      expect(found.unsupported).toEqual([]);
      return found.fields.map((field) => [field.path, field.sensitivity]);
    });
    expect(new Map(events as [string, string][])).toEqual(markedEventPaths());
  });

  test('the person label is a name; the rest of what is marked is free text', () => {
    const names = sensitiveFields(Course)
      .fields.filter((field) => field.sensitivity === 'name')
      .map((field) => field.path);
    expect(names).toEqual(['inventory.people.*.label']);
  });

  test('every id-shaped string of a course or event is one of the kernel id schemas', () => {
    const unknownIds = allNodes()
      .filter((node) => node.shape === 'pattern' && node.pattern === ID_PATTERN.source)
      .filter((node) => !KERNEL_IDS.has(node.node))
      .map((node) => node.path);
    // A new id schema would not be pseudonymized: add it to src/privacy/schema-walk.ts.
    expect(unknownIds).toEqual([]);
  });

  test('every free-form string is marked sensitive or is configuration (role names aside)', () => {
    const unclassified = allNodes()
      .filter((node) => node.shape === 'free' && !isConfiguration(node.path))
      .map((node) => node.path)
      .filter((path) => !ROLE_NAMES.test(path));
    expect(unclassified).toEqual([]);
  });

  // A role-transition focus names the roles in the client's own words: they are marked free text,
  // so de-identification replaces them.
  test('role-transition role names are marked sensitive', () => {
    const roleNames = allNodes().filter((node) => ROLE_NAMES.test(node.path));
    expect(roleNames.length).toBeGreaterThan(0);
    expect(roleNames.filter((node) => node.shape !== 'marked').map((node) => node.path)).toEqual(
      [],
    );
  });

  test('docs/privacy.md lists every sensitive field of a course', () => {
    const guide = readFileSync(resolve(import.meta.dirname, '../../docs/privacy.md'), 'utf8');
    const missing = sensitiveFields(Course)
      .fields.map((field) => field.path)
      .filter((path) => !guide.includes(`\`${path}\``));
    expect(missing).toEqual([]);
  });
});
