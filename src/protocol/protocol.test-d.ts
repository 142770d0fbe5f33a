import { describe, expectTypeOf, test } from 'vitest';
import type { DeepReadonly } from '../internal/deep-freeze.js';
import type { ValidationError } from '../internal/issues.js';
import type { Result } from '../internal/result.js';
import type { CorePhase, Phase } from './phases.js';
import type { Protocol } from './protocol-schema.js';
import {
  defineProtocol,
  findProtocol,
  parseProtocol,
  protocols,
  type CatalogProtocolId,
} from './protocols.js';

describe('catalog types', () => {
  test('protocols.ipt.id is the literal ipt', () => {
    expectTypeOf(protocols.ipt.id).toEqualTypeOf<'ipt'>();
    expectTypeOf(protocols['ipt-stuart-robertson'].id).toEqualTypeOf<'ipt-stuart-robertson'>();
    expectTypeOf(protocols.ipt.id).not.toEqualTypeOf<string>();
  });

  test('CatalogProtocolId is the union of the eight built-in ids', () => {
    expectTypeOf<CatalogProtocolId>().toEqualTypeOf<
      | 'ipt'
      | 'ipt-brief'
      | 'ipc'
      | 'ipt-a'
      | 'group-ipt'
      | 'ipt-m'
      | 'ipsrt'
      | 'ipt-stuart-robertson'
    >();
    expectTypeOf<keyof typeof protocols>().toEqualTypeOf<CatalogProtocolId>();
  });

  test('protocols.ipt is deeply readonly', () => {
    expectTypeOf(protocols.ipt.phases).toExtend<readonly unknown[]>();
    expectTypeOf(protocols.ipt.phases).not.toExtend<unknown[]>();
    expectTypeOf(protocols.ipt.problemAreas.areas).not.toExtend<unknown[]>();

    // Never called: only the type errors matter.
    const attempts = () => {
      // @ts-expect-error the catalog is readonly at the top level
      protocols.ipt = protocols.ipc;
      // @ts-expect-error sessions are readonly
      protocols.ipt.sessions.min = 3;
      /* eslint-disable @typescript-eslint/no-unsafe-call -- the missing push is the type error under test */
      // @ts-expect-error phases are a readonly array
      protocols.ipt.phases.push({ id: 'middle', label: 'middle', sources: ['ALPF'] });
      /* eslint-enable @typescript-eslint/no-unsafe-call */
      // @ts-expect-error phase entries are readonly
      protocols.ipt.phases[0].maxSessions = 5;
      // @ts-expect-error labels are readonly
      protocols.ipt.problemAreas.labels.grief = 'loss';
      // @ts-expect-error sources are a readonly array
      protocols.ipt.sources[0] = 'CG7';
    };
    expectTypeOf(attempts).toBeFunction();
  });

  test('findProtocol returns a catalog protocol or undefined', () => {
    expectTypeOf(findProtocol).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(findProtocol('ipt')).toEqualTypeOf<
      (typeof protocols)[CatalogProtocolId] | undefined
    >();
  });
});

describe('defineProtocol and parseProtocol', () => {
  test('defineProtocol takes unknown and returns a Result of a readonly Protocol', () => {
    expectTypeOf(defineProtocol).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(defineProtocol).returns.toEqualTypeOf<
      Result<DeepReadonly<Protocol>, ValidationError>
    >();
  });

  test('the Result narrows to the protocol on .ok and to the error otherwise', () => {
    const result = defineProtocol({});
    if (result.ok) {
      expectTypeOf(result.value).toEqualTypeOf<DeepReadonly<Protocol>>();
      expectTypeOf(result.value.sessions.min).toEqualTypeOf<number>();
      expectTypeOf(result.value.phases[0]!.id).toEqualTypeOf<Phase>();
      // @ts-expect-error no error on a success
      expectTypeOf(result.error).toBeUnknown();
    } else {
      expectTypeOf(result.error).toEqualTypeOf<ValidationError>();
      expectTypeOf(result.error.kind).toEqualTypeOf<'validation'>();
      // @ts-expect-error no value on a failure
      expectTypeOf(result.value).toBeUnknown();
    }
  });

  test('parseProtocol returns the readonly Protocol directly', () => {
    expectTypeOf(parseProtocol).returns.toEqualTypeOf<DeepReadonly<Protocol>>();
  });
});

describe('phases', () => {
  test('Phase is the union of the four phases', () => {
    expectTypeOf<Phase>().toEqualTypeOf<'initial' | 'middle' | 'maintenance' | 'termination'>();
  });

  test('CorePhase is the three core phases', () => {
    expectTypeOf<CorePhase>().toEqualTypeOf<'initial' | 'middle' | 'termination'>();
  });

  test('protocol phase ids are Phases', () => {
    expectTypeOf(protocols.ipsrt.phases[0]!.id).toEqualTypeOf<Phase>();
  });
});
