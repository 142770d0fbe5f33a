import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as z from 'zod';
import { CatalogProtocolIdSchema } from '../course/commands.js';
import { protocols, type CatalogProtocolId } from './protocols.js';

/*
 * The ids of the built-in protocols are written in three places: the `protocols` catalog, the
 * `CatalogProtocolId` type and the `CatalogProtocolIdSchema` that `start-course` accepts. They
 * must list the same ids (DESIGN.md section 3), or a catalog protocol could not be started by id.
 */
describe('the catalog protocol ids agree everywhere (DESIGN.md section 3)', () => {
  it('the schema lists exactly the keys of the catalog, and each protocol carries its key', () => {
    expect([...CatalogProtocolIdSchema.options].sort()).toStrictEqual(
      Object.keys(protocols).sort(),
    );
    for (const [key, protocol] of Object.entries(protocols)) expect(protocol.id).toBe(key);
  });

  it('the type, the schema and the catalog keys are the same union', () => {
    expectTypeOf<z.infer<typeof CatalogProtocolIdSchema>>().toEqualTypeOf<CatalogProtocolId>();
    expectTypeOf<keyof typeof protocols>().toEqualTypeOf<CatalogProtocolId>();
  });
});
