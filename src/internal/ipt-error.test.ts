import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { IptError, isIptError } from './ipt-error.js';
import { issue } from './issues.js';
import type { Issue } from './issues.js';

function issuesNamed(count: number): Issue[] {
  return Array.from({ length: count }, (_unused, index) =>
    issue(`code-${index + 1}`, ['items', index], `message ${index + 1}`),
  );
}

describe('IptError', () => {
  it('is an Error named IptError carrying the kind and the very issues it was given', () => {
    const issues = [issue('invalid-type', ['name'], 'expected string')];
    const error = new IptError({ kind: 'validation', issues });
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(IptError);
    expect(error.name).toBe('IptError');
    expect(error.kind).toBe('validation');
    expect(error.issues).toBe(issues);
    expect(typeof error.stack).toBe('string');
  });

  it('lists each code with its dotted path, and (root) for an empty path', () => {
    const error = new IptError({
      kind: 'validation',
      issues: [
        issue('invalid-type', ['phases', 0, 'name'], 'expected string'),
        issue('unrecognized-keys', [], 'has 1 key that the schema does not know'),
      ],
    });
    expect(error.message).toBe(
      'iptkit validation error, 2 issues: invalid-type at phases.0.name; unrecognized-keys at (root)',
    );
  });

  it('uses the singular for one issue and names the kind', () => {
    const error = new IptError({ kind: 'focus', issues: [issue('too-small', ['a'], 'm')] });
    expect(error.message).toBe('iptkit focus error, 1 issue: too-small at a');
  });

  it('lists exactly five issues without a remainder note', () => {
    const error = new IptError({ kind: 'validation', issues: issuesNamed(5) });
    expect(error.message).toBe(
      'iptkit validation error, 5 issues: code-1 at items.0; code-2 at items.1; code-3 at items.2; code-4 at items.3; code-5 at items.4',
    );
  });

  it('lists only the first five issues and counts the rest', () => {
    const error = new IptError({ kind: 'validation', issues: issuesNamed(8) });
    expect(error.message).toContain('8 issues: ');
    expect(error.message).toContain('code-5 at items.4');
    expect(error.message).not.toContain('code-6');
    expect(error.message).not.toContain('code-8');
    expect(error.message.endsWith('; and 3 more')).toBe(true);
  });

  it('never puts issue messages (which could describe input) into its own message', () => {
    const error = new IptError({
      kind: 'validation',
      issues: [issue('custom-check', ['note'], 'Alice Smith wrote secret-name')],
    });
    expect(error.message).not.toContain('Alice');
    expect(error.message).not.toContain('secret-name');
  });

  it('can be thrown and caught with its data intact', () => {
    const issues = issuesNamed(2);
    let caught: unknown;
    try {
      throw new IptError({ kind: 'validation', issues });
    } catch (thrown) {
      caught = thrown;
    }
    expect(isIptError(caught)).toBe(true);
    expect((caught as IptError).issues).toEqual(issues);
  });
});

describe('isIptError', () => {
  it('is true for IptError instances', () => {
    expect(isIptError(new IptError({ kind: 'validation', issues: [] }))).toBe(true);
  });

  it('is true for a look-alike Error from another copy of the package', () => {
    const lookAlike = Object.assign(new Error('from another copy'), {
      name: 'IptError',
      kind: 'validation',
      issues: [issue('invalid-type', [], 'expected string')],
    });
    expect(lookAlike).not.toBeInstanceOf(IptError);
    expect(isIptError(lookAlike)).toBe(true);
  });

  it('is true for a look-alike Error subclass instance', () => {
    class OtherIptError extends Error {
      readonly kind = 'validation';
      readonly issues: readonly Issue[] = [];
      constructor() {
        super('copy');
        this.name = 'IptError';
      }
    }
    expect(isIptError(new OtherIptError())).toBe(true);
  });

  it.each([
    ['a plain Error', new Error('x')],
    ['a TypeError', new TypeError('x')],
    [
      'an Error named IptError without kind or issues',
      Object.assign(new Error('x'), { name: 'IptError' }),
    ],
    [
      'an Error named IptError with a non-string kind',
      Object.assign(new Error('x'), { name: 'IptError', kind: 1, issues: [] }),
    ],
    [
      'an Error named IptError whose issues are not an array',
      Object.assign(new Error('x'), { name: 'IptError', kind: 'validation', issues: {} }),
    ],
    [
      'an Error with kind and issues but another name',
      Object.assign(new Error('x'), { kind: 'validation', issues: [] }),
    ],
    [
      'a plain object shaped like an IptError',
      { name: 'IptError', message: 'x', kind: 'validation', issues: [] },
    ],
    ['null', null],
    ['undefined', undefined],
    ['the string IptError', 'IptError'],
    ['a validation error value', { kind: 'validation', issues: [] }],
  ])('is false for %s', (_label, value) => {
    expect(isIptError(value)).toBe(false);
  });

  // Known defect (see the test report): `value instanceof Error` is false for errors made in
  // another realm (vm context, iframe, worker), so the documented cross-realm check fails.
  it('is true for a look-alike IptError created in another realm (vm context)', () => {
    const foreign: unknown = vm.runInNewContext(
      'const e = new Error("x"); e.name = "IptError"; e.kind = "validation"; e.issues = []; e',
    );
    expect(isIptError(foreign)).toBe(true);
  });
});
