/**
 * Writes TypeScript source that declares, with bare `z.*` calls, schemas of the same shapes as
 * given zod 4 schemas: the baseline of the type-cost check (`scripts/type-cost.ts`). It walks the
 * schema definitions (`schema._zod.def`) and rebuilds each node from its kind and children.
 * Checks (min, max, regex, refinements) are left out: they do not change a schema's type. String
 * and number formats that have their own zod constructor keep it (`z.iso.date()`, `z.int()`),
 * because the constructor decides the schema's class. Brands exist only in types, so they are
 * passed in by schema name. Schemas listed in `named` become shared constants where they are met
 * (by identity), the way a person writing the schemas by hand would share them.
 */

/** A zod 4 schema as seen from its internals: enough to read its definition. */
interface ZodNode {
  readonly _zod: { readonly def: Definition };
}

/** The part of a zod 4 definition the generator reads; the rest depends on `type`. */
interface Definition {
  readonly type: string;
  readonly [field: string]: unknown;
}

/** What {@link bareZodSource} writes. */
export interface BareZodInput {
  /** The schemas to export (`export const` and an `export type` of their output), in order. */
  readonly exports: Readonly<Record<string, unknown>>;
  /**
   * Other schemas known by name (for example every schema exported by a package entry). Where the
   * walk meets one of them, it declares a constant of that name once and refers to it.
   */
  readonly named?: Readonly<Record<string, unknown>>;
  /** The brand of a named schema, by schema name (`PersonId` -> `'PersonId'`). */
  readonly brands?: Readonly<Record<string, string>>;
}

/** A schema kind or shape the generator cannot write (a transform, a lazy or recursive schema). */
export class UnsupportedSchemaError extends Error {
  override readonly name = 'UnsupportedSchemaError';
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Formats whose schema class comes from a constructor of their own: `z.<format>()`. */
const STRING_FORMATS = new Set([
  'email',
  'uuid',
  'guid',
  'url',
  'emoji',
  'nanoid',
  'cuid',
  'cuid2',
  'ulid',
  'xid',
  'ksuid',
  'ipv4',
  'ipv6',
  'cidrv4',
  'cidrv6',
  'base64',
  'base64url',
  'e164',
  'jwt',
]);
const ISO_FORMATS = new Set(['datetime', 'date', 'time', 'duration']);
const NUMBER_FORMATS: Readonly<Record<string, string>> = {
  safeint: 'int',
  int32: 'int32',
  uint32: 'uint32',
  float32: 'float32',
  float64: 'float64',
};
const BIGINT_FORMATS: Readonly<Record<string, string>> = { int64: 'int64', uint64: 'uint64' };
const PRIMITIVES = new Set([
  'any',
  'unknown',
  'never',
  'void',
  'undefined',
  'null',
  'boolean',
  'symbol',
  'nan',
  'date',
]);

/**
 * Tells whether a value is a zod 4 schema (it has `_zod.def.type`).
 * @param value - Anything.
 * @returns `true` for a zod 4 schema.
 */
export function isZodSchema(value: unknown): value is ZodNode {
  if (typeof value !== 'object' || value === null || !('_zod' in value)) return false;
  const internals: unknown = value._zod;
  if (typeof internals !== 'object' || internals === null || !('def' in internals)) return false;
  const def: unknown = internals.def;
  return typeof def === 'object' && def !== null && 'type' in def && typeof def.type === 'string';
}

function literal(value: unknown, path: readonly string[]): string {
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value.toString()}n`;
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  throw new UnsupportedSchemaError(`a literal of type ${typeof value} at ${where(path)}`);
}

function propertyKey(key: string): string {
  if (key === '__proto__') return `['__proto__']`; // a plain `__proto__:` would set the prototype
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

function where(path: readonly string[]): string {
  return path.length === 0 ? 'the root' : path.join('.');
}

/** Writes bare-zod source for the schemas of `input`. */
class Writer {
  private readonly names = new Map<ZodNode, string>();
  private readonly exported = new Set<string>();
  private readonly declared = new Set<string>();
  private readonly declaring = new Set<string>();
  private readonly declarations: string[] = [];

  constructor(private readonly input: BareZodInput) {
    // Exported schemas first, so that a schema known by two names is written under its export.
    for (const [name, schema] of Object.entries(input.exports)) {
      if (!isZodSchema(schema)) throw new UnsupportedSchemaError(`export ${name} is not a schema`);
      if (!IDENTIFIER.test(name)) throw new UnsupportedSchemaError(`bad name ${name}`);
      this.names.set(schema, name);
      this.exported.add(name);
    }
    for (const [name, schema] of Object.entries(input.named ?? {})) {
      if (isZodSchema(schema) && IDENTIFIER.test(name) && !this.names.has(schema)) {
        this.names.set(schema, name);
      }
    }
  }

  source(): string {
    for (const [name, schema] of Object.entries(this.input.exports)) {
      this.declare(name, schema as ZodNode);
    }
    return `${this.declarations.join('\n')}\n`;
  }

  /** Declares a named schema (after the named schemas it uses) unless it is declared already. */
  private declare(name: string, schema: ZodNode): void {
    if (this.declared.has(name)) return;
    if (this.declaring.has(name)) {
      throw new UnsupportedSchemaError(`${name} refers to itself (recursive schemas need z.lazy)`);
    }
    this.declaring.add(name);
    const brand = this.input.brands?.[name];
    const body =
      this.structure(schema, [name], '') +
      (brand === undefined ? '' : `.brand<${JSON.stringify(brand)}>()`);
    this.declaring.delete(name);
    this.declared.add(name);
    if (this.exported.has(name)) {
      this.declarations.push(
        `export const ${name} = ${body};`,
        `export type ${name} = z.infer<typeof ${name}>;`,
        '',
      );
    } else {
      this.declarations.push(`const ${name} = ${body};`, '');
    }
  }

  /** The expression of a schema: its name when it has one, else its structure. */
  private expression(schema: unknown, path: readonly string[], indent: string): string {
    if (!isZodSchema(schema)) {
      throw new UnsupportedSchemaError(`a non-schema value at ${where(path)}`);
    }
    const name = this.names.get(schema);
    if (name === undefined) return this.structure(schema, path, indent);
    this.declare(name, schema);
    return name;
  }

  private structure(schema: ZodNode, path: readonly string[], indent: string): string {
    const def = schema._zod.def;
    const inner = indent + '  ';
    const child = (field: string, step: string = field) =>
      this.expression(def[field], [...path, step], indent);
    const list = (field: string): unknown[] => {
      const items = def[field];
      if (!Array.isArray(items)) throw new UnsupportedSchemaError(`no ${field} at ${where(path)}`);
      return items as unknown[];
    };
    const options = (items: readonly unknown[]) =>
      `[\n${items.map((option, index) => `${inner}${this.expression(option, [...path, String(index)], inner)},\n`).join('')}${indent}]`;
    const format = typeof def.format === 'string' ? def.format : undefined;

    switch (def.type) {
      case 'string':
        if (format !== undefined && ISO_FORMATS.has(format)) return `z.iso.${format}()`;
        if (format !== undefined && STRING_FORMATS.has(format)) return `z.${format}()`;
        return 'z.string()';
      case 'number':
        return format !== undefined && format in NUMBER_FORMATS
          ? `z.${NUMBER_FORMATS[format] ?? 'number'}()`
          : 'z.number()';
      case 'bigint':
        return format !== undefined && format in BIGINT_FORMATS
          ? `z.${BIGINT_FORMATS[format] ?? 'bigint'}()`
          : 'z.bigint()';
      case 'literal': {
        const values = list('values');
        const written = values.map((value) => literal(value, path));
        return written.length === 1
          ? `z.literal(${written[0] ?? ''})`
          : `z.literal([${written.join(', ')}])`;
      }
      case 'enum': {
        const entries = def.entries as Record<string, string | number>;
        const plain = Object.entries(entries).every(([key, value]) => key === value);
        if (plain)
          return `z.enum([${Object.values(entries)
            .map((value) => literal(value, path))
            .join(', ')}])`;
        const fields = Object.entries(entries).map(
          ([key, value]) => `${propertyKey(key)}: ${literal(value, path)}`,
        );
        return `z.enum({ ${fields.join(', ')} })`;
      }
      case 'object': {
        const shape = def.shape as Record<string, unknown>;
        const fields = Object.entries(shape).map(
          ([key, value]) =>
            `${inner}${propertyKey(key)}: ${this.expression(value, [...path, key], inner)},\n`,
        );
        const body = fields.length === 0 ? '{}' : `{\n${fields.join('')}${indent}}`;
        const catchall = def.catchall;
        if (catchall === undefined) return `z.object(${body})`;
        if (!isZodSchema(catchall))
          throw new UnsupportedSchemaError(`bad catchall at ${where(path)}`);
        const rest = catchall._zod.def.type;
        if (rest === 'never') return `z.strictObject(${body})`;
        if (rest === 'unknown') return `z.looseObject(${body})`;
        return `z.object(${body}).catchall(${this.expression(catchall, [...path, '(catchall)'], indent)})`;
      }
      case 'array':
        return `z.array(${child('element', '[]')})`;
      case 'tuple': {
        const items = options(list('items'));
        return def.rest === null || def.rest === undefined
          ? `z.tuple(${items})`
          : `z.tuple(${items}, ${child('rest', '(rest)')})`;
      }
      case 'optional':
        return `${child('innerType', '?')}.optional()`;
      case 'nullable':
        return `${child('innerType', '?')}.nullable()`;
      case 'readonly':
        return `${child('innerType', '?')}.readonly()`;
      case 'nonoptional':
        return `${child('innerType', '?')}.nonoptional()`;
      case 'default':
      case 'prefault':
      case 'catch': {
        const method = def.type;
        const value: unknown = method === 'catch' ? def.catchValue : def.defaultValue;
        if (typeof value === 'function') {
          throw new UnsupportedSchemaError(`a computed ${method} value at ${where(path)}`);
        }
        const written = JSON.stringify(value) as string | undefined;
        if (written === undefined) {
          throw new UnsupportedSchemaError(`a ${method} value JSON cannot write at ${where(path)}`);
        }
        return `${child('innerType', '?')}.${method}(${written})`;
      }
      case 'union': {
        const members = options(list('options'));
        if (typeof def.discriminator === 'string') {
          return `z.discriminatedUnion(${literal(def.discriminator, path)}, ${members})`;
        }
        return def.inclusive === false ? `z.xor(${members})` : `z.union(${members})`;
      }
      case 'intersection':
        return `z.intersection(${child('left')}, ${child('right')})`;
      case 'record': {
        const maker =
          def.partial === true ? 'partialRecord' : def.mode === 'loose' ? 'looseRecord' : 'record';
        return `z.${maker}(${child('keyType', '(key)')}, ${child('valueType', '(value)')})`;
      }
      case 'map':
        return `z.map(${child('keyType', '(key)')}, ${child('valueType', '(value)')})`;
      case 'set':
        return `z.set(${child('valueType', '(value)')})`;
      case 'pipe':
        return `${child('in', '(in)')}.pipe(${child('out', '(out)')})`;
      default:
        if (PRIMITIVES.has(def.type)) return `z.${def.type}()`;
        // transform, lazy, custom, promise, function, template_literal, file, success ...
        throw new UnsupportedSchemaError(`zod type "${def.type}" at ${where(path)}`);
    }
  }
}

/**
 * Writes the source of a TypeScript module (importing `* as z from 'zod'`) that declares
 * bare-zod schemas of the same shapes as `input.exports`, each followed by its `z.infer` type.
 * @param input - The schemas to write, the names to share and the brands.
 * @returns The module source.
 * @throws {UnsupportedSchemaError} For a schema kind whose type cannot be rebuilt from its
 * definition (transforms, lazy or recursive schemas, custom schemas, computed defaults).
 */
export function bareZodSource(input: BareZodInput): string {
  return `import * as z from 'zod';\n\n${new Writer(input).source()}`;
}
