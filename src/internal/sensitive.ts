import * as z from 'zod';

/**
 * What kind of sensitive value a schema field holds, so de-identification can find it:
 * `name` (a person's name or a label that may identify someone) or `free-text` (anything the client
 * or clinician wrote in their own words).
 * @category Kernel
 */
export const Sensitivity = z.enum(['name', 'free-text']);
/** @category Kernel */
export type Sensitivity = z.infer<typeof Sensitivity>;

/**
 * A string field that holds client data: trimmed, 1 to `maxLength` characters, and marked in the
 * schema metadata (`{ sensitive: kind }`, which also appears in generated JSON Schema) so that
 * de-identification and exporters can find it.
 * @param kind - What the field holds.
 * @param maxLength - Longest accepted text.
 * @returns The marked string schema.
 * @category Kernel
 */
export function sensitiveText(kind: Sensitivity, maxLength: number) {
  return z.string().trim().min(1).max(maxLength).meta({ sensitive: kind });
}

/**
 * Reads the sensitivity mark of a schema, looking through `optional`, `nullable`, `default`,
 * `readonly` and array wrappers.
 * @param schema - Any zod schema.
 * @returns The kind of sensitive value the schema holds, or `undefined` if it is not marked.
 * @category Kernel
 */
export function sensitivityOf(schema: z.ZodType): Sensitivity | undefined {
  let current: z.ZodType | undefined = schema;
  for (let depth = 0; current !== undefined && depth < 16; depth += 1) {
    const mark = Sensitivity.safeParse(current.meta()?.sensitive);
    if (mark.success) return mark.data;
    current = innerSchema(current);
  }
  return undefined;
}

function innerSchema(schema: z.ZodType): z.ZodType | undefined {
  if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodReadonly
  ) {
    return schema.unwrap() as z.ZodType;
  }
  if (schema instanceof z.ZodArray) return schema.element as z.ZodType;
  return undefined;
}
