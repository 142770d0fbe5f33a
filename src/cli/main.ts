import { parseArgs } from 'node:util';
import {
  generateJsonSchema,
  isPublishedSchemaName,
  publishedSchemaNames,
  publishedSchemas,
  type PublishedSchemaName,
} from '../interop/json-schema/schemas.js';
import { demoCourseLines } from './demo.js';
import { UsageError } from './io.js';
import { summarizeCommand, summarizeDemoCohort } from './summarize.js';
import { validateFile, type Output } from './validate.js';

const usage = `Usage: iptkit <command> [options]

Commands:
  validate <file>     check a JSON document or an NDJSON file of documents
  summarize <file>    summarise the courses in a JSON or NDJSON file
  schema [name]       list the published JSON Schemas, or print one
  demo                run one course step by step, then summarise a synthetic cohort

Run "iptkit <command> --help" for a command's options.
Exit codes: 0 success, 1 invalid input, 2 usage error.`;

const help: Record<string, string> = {
  validate: `Usage: iptkit validate <file>

Checks an iptkit document (.json) or a file of one document per line (.ndjson, .jsonl):
the envelope, the schema and version, the data, and for course event streams every rule.
Prints each problem with its path (or line). Exit 0 valid, 1 invalid, 2 usage error.`,
  summarize: `Usage: iptkit summarize <file> [--format table|json|csv] [--instrument phq-9|gad-7|hamd-17] [--long out.csv]

Summarises the courses in a document or NDJSON file: completion, dropout, sessions, problem
areas, and for the instrument (default phq-9) response, remission, reliable improvement and
mean change with 95% intervals. --long also writes one CSV row per course and measurement.`,
  schema: `Usage: iptkit schema [name] [--input]

Without a name, lists the JSON Schemas (draft 2020-12) iptkit publishes, with their versions.
With a name (or a document type such as iptkit/course-events), prints that schema as JSON:
what iptkit writes, or with --input what it accepts (text may carry whitespace that iptkit
trims; where the two are the same, the one schema). The files also ship in the package as
iptkit/schemas/<name>.json and <name>.input.json.`,
  demo: `Usage: iptkit demo [--size N] [--seed N]

Runs one course step by step (showing a refused step and a risk flag), then generates a
deterministic synthetic cohort (default 200 courses, seed 2026) and summarises it.`,
};

/**
 * Runs an argument parse, turning its errors into usage errors. Node's own messages quote the
 * argument, which may be anything a user typed (even a name or a path): only the kind of problem
 * is reported.
 */
function parsed<TResult>(parse: () => TResult): TResult {
  try {
    return parse();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    switch (code) {
      case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
        throw new UsageError('unknown option');
      case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
        throw new UsageError('an option is missing its value or has a value it does not take');
      case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
        throw new UsageError('too many arguments');
      default:
        throw new UsageError('invalid arguments');
    }
  }
}

const helpOption = { help: { type: 'boolean', short: 'h' } } as const;

/** The published schema a name means: its own name, or the document type it is stored as. */
function schemaName(name: string): PublishedSchemaName | undefined {
  if (isPublishedSchemaName(name)) return name;
  return publishedSchemaNames.find((each) => publishedSchemas[each].document === name);
}

/** One line per published schema: name, version, title, and the document type it is stored as. */
function schemaList(): string[] {
  const width = Math.max(...publishedSchemaNames.map((name) => name.length)) + 2;
  return publishedSchemaNames.map((name) => {
    const { version, title, document } = publishedSchemas[name];
    const stored = document === undefined ? '' : ` (stored as ${document})`;
    return `${name.padEnd(width)}version ${version}  ${title}${stored}`;
  });
}

/**
 * Runs the `iptkit` command with its arguments (without `node` and the script).
 * @returns The exit code.
 */
export async function run(argv: readonly string[], output: Output): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      output.out(usage);
      return command === undefined ? 2 : 0;
    }
    switch (command) {
      case 'validate': {
        const { values, positionals } = parsed(() =>
          parseArgs({ args: rest, options: helpOption, allowPositionals: true, strict: true }),
        );
        if (values.help === true) return (output.out(help.validate ?? ''), 0);
        const [file, ...extra] = positionals;
        if (file === undefined || extra.length > 0)
          throw new UsageError('validate needs exactly one file');
        return await validateFile(file, output);
      }
      case 'summarize': {
        const { values, positionals } = parsed(() =>
          parseArgs({
            args: rest,
            options: {
              ...helpOption,
              format: { type: 'string', default: 'table' },
              instrument: { type: 'string', default: 'phq-9' },
              long: { type: 'string' },
            },
            allowPositionals: true,
            strict: true,
          }),
        );
        if (values.help === true) return (output.out(help.summarize ?? ''), 0);
        const [file, ...extra] = positionals;
        if (file === undefined || extra.length > 0)
          throw new UsageError('summarize needs exactly one file');
        return await summarizeCommand(file, values, output);
      }
      case 'schema': {
        const { values, positionals } = parsed(() =>
          parseArgs({
            args: rest,
            options: { ...helpOption, input: { type: 'boolean' } },
            allowPositionals: true,
            strict: true,
          }),
        );
        if (values.help === true) return (output.out(help.schema ?? ''), 0);
        const [name, ...extra] = positionals;
        if (extra.length > 0) throw new UsageError('schema takes at most one name');
        if (name === undefined) {
          for (const line of schemaList()) output.out(line);
          return 0;
        }
        const published = schemaName(name);
        if (published === undefined) {
          throw new UsageError(`unknown schema; known: ${publishedSchemaNames.join(', ')}`);
        }
        const generated = generateJsonSchema(published);
        const schema =
          values.input === true ? (generated.input ?? generated.output) : generated.output;
        output.out(JSON.stringify(schema, null, 2));
        return 0;
      }
      case 'demo': {
        const { values } = parsed(() =>
          parseArgs({
            args: rest,
            options: {
              ...helpOption,
              size: { type: 'string', default: '200' },
              seed: { type: 'string', default: '2026' },
            },
            strict: true,
          }),
        );
        if (values.help === true) return (output.out(help.demo ?? ''), 0);
        const size = Number(values.size);
        const seed = Number(values.seed);
        if (!Number.isInteger(size) || size < 1 || size > 100_000)
          throw new UsageError('--size must be a whole number from 1 to 100000');
        if (!Number.isInteger(seed)) throw new UsageError('--seed must be a whole number');
        for (const line of demoCourseLines()) output.out(line);
        output.out('');
        for (const line of summarizeDemoCohort(size, seed)) output.out(line);
        return 0;
      }
      default:
        throw new UsageError('unknown command');
    }
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`iptkit: ${error.message}`);
      output.err('Run "iptkit --help" for usage.');
      return 2;
    }
    output.err('iptkit: unexpected failure');
    return 1;
  }
}
