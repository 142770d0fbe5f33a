import * as z from 'zod';
import { describe, expectTypeOf, test } from 'vitest';
import { deepFreeze } from './deep-freeze.js';
import type { DeepReadonly } from './deep-freeze.js';
import { CourseId, PersonId } from './ids.js';
import { IptError, isIptError } from './ipt-error.js';
import type { IptErrorData } from './ipt-error.js';
import type { Issue, ValidationError } from './issues.js';
import { parseWith, safeParseWith } from './parse.js';
import { err, isErr, isOk, ok } from './result.js';
import type { Err, Ok, Result } from './result.js';

declare const result: Result<number, ValidationError>;

describe('Result', () => {
  test('ok and err build Ok and Err of the wrapped type', () => {
    expectTypeOf(ok(1)).toEqualTypeOf<Ok<number>>();
    expectTypeOf(err('no')).toEqualTypeOf<Err<string>>();
    expectTypeOf(ok(1).ok).toEqualTypeOf<true>();
    expectTypeOf(err('no').ok).toEqualTypeOf<false>();
  });

  test('ok and err are assignable to any Result with a matching side', () => {
    expectTypeOf(ok(1)).toExtend<Result<number, ValidationError>>();
    expectTypeOf(err('no')).toExtend<Result<boolean, string>>();
    expectTypeOf(ok('text')).not.toExtend<Result<number, string>>();
  });

  test('only the ok flag is readable before narrowing', () => {
    expectTypeOf(result).toHaveProperty('ok');
    expectTypeOf(result).not.toHaveProperty('value');
    expectTypeOf(result).not.toHaveProperty('error');
  });

  test('checking .ok narrows to the value or the error', () => {
    if (result.ok) {
      expectTypeOf(result).toEqualTypeOf<Ok<number>>();
      expectTypeOf(result.value).toEqualTypeOf<number>();
    } else {
      expectTypeOf(result).toEqualTypeOf<Err<ValidationError>>();
      expectTypeOf(result.error).toEqualTypeOf<ValidationError>();
      expectTypeOf(result.error.issues).toEqualTypeOf<readonly Issue[]>();
    }
  });

  test('isOk and isErr narrow like .ok does', () => {
    if (isOk(result)) expectTypeOf(result.value).toEqualTypeOf<number>();
    if (isErr(result)) expectTypeOf(result.error).toEqualTypeOf<ValidationError>();
  });

  test('results are readonly', () => {
    const success = ok(1);
    // @ts-expect-error -- Ok.value is readonly
    success.value = 2;
    // @ts-expect-error -- Ok.ok is readonly
    success.ok = false;
  });
});

describe('DeepReadonly', () => {
  interface Plan {
    name: string;
    phases: { name: string; sessions: number[] }[];
    pair: [string, number];
    lookup: Map<string, { n: number }>;
    tags: Set<string>;
    owner: PersonId;
    callback: (value: number) => string;
  }
  type Frozen = DeepReadonly<Plan>;

  test('makes nested arrays and their objects readonly', () => {
    expectTypeOf<Frozen['phases']>().toEqualTypeOf<
      readonly { readonly name: string; readonly sessions: readonly number[] }[]
    >();
    expectTypeOf<Frozen['phases'][number]['sessions']>().toEqualTypeOf<readonly number[]>();
  });

  test('keeps tuples as readonly tuples', () => {
    expectTypeOf<Frozen['pair']>().toEqualTypeOf<readonly [string, number]>();
  });

  test('turns maps and sets into their readonly interfaces', () => {
    expectTypeOf<Frozen['lookup']>().toEqualTypeOf<ReadonlyMap<string, { readonly n: number }>>();
    expectTypeOf<Frozen['tags']>().toEqualTypeOf<ReadonlySet<string>>();
  });

  test('keeps branded strings, primitives and functions as they are', () => {
    expectTypeOf<Frozen['owner']>().toEqualTypeOf<PersonId>();
    expectTypeOf<DeepReadonly<PersonId>>().toEqualTypeOf<PersonId>();
    expectTypeOf<Frozen['name']>().toEqualTypeOf<string>();
    expectTypeOf<DeepReadonly<number | null | undefined>>().toEqualTypeOf<
      number | null | undefined
    >();
    expectTypeOf<Frozen['callback']>().toEqualTypeOf<(value: number) => string>();
  });

  test('deepFreeze returns DeepReadonly of its argument, rejecting writes at any depth', () => {
    const frozen = deepFreeze({ list: [{ n: 1 }], nested: { deeper: { label: 'x' } } });
    expectTypeOf(frozen).toEqualTypeOf<
      DeepReadonly<{ list: { n: number }[]; nested: { deeper: { label: string } } }>
    >();
    // @ts-expect-error -- nested arrays are readonly
    frozen.list[1] = { n: 2 };
    // @ts-expect-error -- nested arrays are readonly, so their length is too
    frozen.list.length = 0;
    // @ts-expect-error -- objects inside arrays are readonly
    frozen.list[0]!.n = 2;
    // @ts-expect-error -- deeply nested properties are readonly
    frozen.nested.deeper.label = 'y';
  });

  test('safeParseWith and parseWith return DeepReadonly of the schema output', () => {
    const Schema = z.object({ owner: PersonId, sessions: z.array(z.number()) });
    const parsed = safeParseWith(Schema, {});
    expectTypeOf(parsed).toEqualTypeOf<
      Result<DeepReadonly<z.output<typeof Schema>>, ValidationError>
    >();
    if (parsed.ok) {
      expectTypeOf(parsed.value.owner).toEqualTypeOf<PersonId>();
      expectTypeOf(parsed.value.sessions).toEqualTypeOf<readonly number[]>();
    }
    expectTypeOf(parseWith(Schema, {}).sessions).toEqualTypeOf<readonly number[]>();
  });
});

describe('ids', () => {
  test('PersonId is a string but a plain string is not a PersonId', () => {
    expectTypeOf<PersonId>().toExtend<string>();
    expectTypeOf<string>().not.toExtend<PersonId>();
    expectTypeOf<'p-1'>().not.toExtend<PersonId>();
  });

  test('ids of different kinds are not interchangeable', () => {
    expectTypeOf<PersonId>().not.toExtend<CourseId>();
    expectTypeOf<CourseId>().not.toExtend<PersonId>();
  });

  test('parsing yields the branded type', () => {
    expectTypeOf(PersonId.parse('p-1')).toEqualTypeOf<PersonId>();
    const takesPerson = (id: PersonId): PersonId => id;
    // @ts-expect-error -- a plain string must be parsed before it can be used as a PersonId
    takesPerson('p-1');
    expectTypeOf(takesPerson).parameter(0).toEqualTypeOf<PersonId>();
  });
});

describe('IptError', () => {
  test('is an Error with a string kind and readonly issues', () => {
    expectTypeOf<IptError>().toExtend<Error>();
    expectTypeOf<IptError['kind']>().toEqualTypeOf<string>();
    expectTypeOf<IptError['issues']>().toEqualTypeOf<readonly Issue[]>();
    expectTypeOf<IptError['name']>().toEqualTypeOf<string>();
  });

  test('is built from any error data, including a ValidationError', () => {
    expectTypeOf(IptError).constructorParameters.toEqualTypeOf<[IptErrorData]>();
    expectTypeOf<ValidationError>().toExtend<IptErrorData>();
  });

  test('has readonly fields', () => {
    const error = new IptError({ kind: 'validation', issues: [] });
    // @ts-expect-error -- kind is readonly
    error.kind = 'other';
    // @ts-expect-error -- issues is readonly
    error.issues = [];
  });

  test('isIptError narrows unknown to IptError', () => {
    const caught: unknown = null;
    if (isIptError(caught)) expectTypeOf(caught).toEqualTypeOf<IptError>();
    expectTypeOf(isIptError).guards.toEqualTypeOf<IptError>();
  });
});
