/**
 * Writes the published JSON Schemas (draft 2020-12) to `dist/schemas/`: `<name>.json` for what
 * iptkit writes and, where it differs, `<name>.input.json` for what it accepts. The package
 * exports them as `iptkit/schemas/<name>.json`. Run after tsup: `tsx scripts/build-schemas.ts`
 * (an optional argument names another folder).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonSchemaFiles } from '../src/interop/json-schema/schemas.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const folder = resolve(process.argv[2] ?? join(root, 'dist', 'schemas'));

rmSync(folder, { recursive: true, force: true });
mkdirSync(folder, { recursive: true });
const files = jsonSchemaFiles();
for (const { file, schema } of files) {
  writeFileSync(join(folder, file), `${JSON.stringify(schema, null, 2)}\n`);
}
process.stdout.write(`wrote ${files.length} JSON Schema files to ${folder}\n`);
