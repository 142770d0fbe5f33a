/**
 * The guides say true things: the README's example runs and prints what the README says it
 * prints, every TypeScript snippet of the guides typechecks against the real API, every relative
 * link points at a file that exists, the rule table of the concepts guide is `courseRules`, and
 * the layer table of the architecture guide holds for every import in `src/`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, test } from 'vitest';
import { courseRules, sources } from '../src/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The guides these checks cover. */
const guides = [
  'README.md',
  'CONTRIBUTING.md',
  'docs/README.md',
  'docs/getting-started.md',
  'docs/concepts.md',
  'docs/storage.md',
  'docs/safety.md',
  'docs/architecture.md',
  'docs/pictures.md',
  'docs/privacy.md',
  'SECURITY.md',
  'docs/testing.md',
];

/** Guides that other work adds; links to them are allowed before they exist. */
const announced = new Set<string>([]);

function read(path: string): string {
  return readFileSync(join(root, path), 'utf8');
}

interface Block {
  readonly language: string;
  readonly code: string;
  /** Where the block ends in the text. */
  readonly end: number;
}

/** The fenced code blocks of a markdown text, in order. */
function blocks(markdown: string): Block[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((found) => ({
    language: found[1] ?? '',
    code: found[2] ?? '',
    end: found.index + found[0].length,
  }));
}

/** The text of a section: from its heading to the next heading of the same or a higher level. */
function section(markdown: string, heading: string): string {
  const level = /^#+/.exec(heading)?.[0].length ?? 2;
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start === -1) return '';
  const rest = markdown.slice(start + heading.length + 2);
  const next = new RegExp(`^#{1,${level}} `, 'm').exec(rest);
  return next === null ? rest : rest.slice(0, next.index);
}

/** The body rows of the markdown tables in a text, as trimmed cells. */
function tableRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[\s|:-]+\|$/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
}

const unquote = (cell: string | undefined) => (cell ?? '').replace(/^`|`$/g, '');

describe('the README example', () => {
  const readme = read('README.md');
  const all = blocks(readme);
  const example = all.find((block) => block.language === 'ts');
  const printed = all.find((block) => block.language === 'text' && block.end > (example?.end ?? 0));
  const folder = mkdtempSync(join(tmpdir(), 'iptkit-readme-'));
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  test('runs and prints exactly what the README says it prints', () => {
    expect(example?.code).toContain("from 'iptkit'");
    const entry = JSON.stringify(join(root, 'src', 'index.ts'));
    const file = join(folder, 'readme-example.ts');
    writeFileSync(file, (example?.code ?? '').replace("from 'iptkit'", `from ${entry}`));
    const run = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [file], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(printed?.code);
    // The example shows a refused step and a risk flag [ALPF][CALC].
    expect(printed?.code).toContain('refused focus-required (11.2 [ALPF])');
    expect(printed?.code).toContain('m-1:suicidalIdeation');
  }, 30_000);

  test('stays short', () => {
    expect((example?.code ?? '').trimEnd().split('\n').length).toBeLessThanOrEqual(20);
  });
});

describe('the TypeScript snippets of the guides', () => {
  test('typecheck against the real API (iptkit = src/index.ts, iptkit/fhir = src/fhir/index.ts)', () => {
    const snippets = new Map<string, string>();
    for (const guide of guides) {
      blocks(read(guide))
        .filter((block) => block.language === 'ts')
        .forEach((block, index) => {
          const name = `${guide.replace(/[/.]/g, '-')}-${index + 1}.ts`;
          snippets.set(join(root, '__snippets__', name), block.code);
        });
    }
    expect(snippets.size).toBeGreaterThanOrEqual(6);

    const config = ts.readConfigFile(join(root, 'tsconfig.json'), (path) => ts.sys.readFile(path));
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
    const options: ts.CompilerOptions = {
      ...parsed.options,
      noEmit: true,
      moduleDetection: ts.ModuleDetectionKind.Force,
      paths: {
        iptkit: [join(root, 'src', 'index.ts')],
        'iptkit/fhir': [join(root, 'src', 'fhir', 'index.ts')],
        'iptkit/svg': [join(root, 'src', 'svg', 'index.ts')],
        'iptkit/testing': [join(root, 'src', 'testing', 'index.ts')],
      },
    };
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    const readFile = host.readFile.bind(host);
    host.getSourceFile = (path, language, onError, create) => {
      const text = snippets.get(path);
      return text === undefined
        ? getSourceFile(path, language, onError, create)
        : ts.createSourceFile(path, text, language);
    };
    host.fileExists = (path) => snippets.has(path) || fileExists(path);
    host.readFile = (path) => snippets.get(path) ?? readFile(path);

    const program = ts.createProgram([...snippets.keys()], options, host);
    const problems = [...snippets.keys()].flatMap((path) => {
      const source = program.getSourceFile(path);
      if (source === undefined) return [`${path}: not loaded`];
      return [
        ...program.getSyntacticDiagnostics(source),
        ...program.getSemanticDiagnostics(source),
      ].map((diagnostic) => {
        const line =
          diagnostic.start === undefined
            ? 0
            : source.getLineAndCharacterOfPosition(diagnostic.start).line + 1;
        return `${relative(root, path)}:${line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
      });
    });
    expect(problems).toEqual([]);
  }, 60_000);
});

/** GitHub's anchor for a heading. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

describe('the links of the guides', () => {
  test.each(guides)(
    'every relative link in %s points at a file (and heading) that exists',
    (guide) => {
      const text = read(guide).replace(/^```[\s\S]*?^```$/gm, '');
      const targets = [
        ...[...text.matchAll(/\]\(([^)\s]+)\)/g)].map((found) => found[1] ?? ''),
        ...[...text.matchAll(/^\[[^\]]+\]:\s*(\S+)/gm)].map((found) => found[1] ?? ''),
      ].filter((target) => !/^[a-z]+:/i.test(target));
      const broken: string[] = [];
      for (const target of targets) {
        const [path = '', hash] = target.split('#');
        const file = path === '' ? guide : relative(root, resolve(root, dirname(guide), path));
        const name = file.split(sep).join('/');
        if (announced.has(name) && !existsSync(join(root, file))) continue;
        if (!existsSync(join(root, file))) {
          broken.push(`${target}: no such file`);
          continue;
        }
        if (hash !== undefined && file.endsWith('.md')) {
          const headings = [...read(file).matchAll(/^#+ (.+)$/gm)].map((found) =>
            anchor(found[1] ?? ''),
          );
          if (!headings.includes(hash)) broken.push(`${target}: no such heading`);
        }
      }
      expect(broken).toEqual([]);
    },
  );
});

describe('the concepts guide', () => {
  const concepts = read('docs/concepts.md');

  test('its rule table is courseRules: every code, its rule and its reference, in order', () => {
    const rows = tableRows(
      section(concepts, '## The rules and their sources').split('\n### ')[0] ?? '',
    );
    const table = rows.slice(1).map(([code, rule, reference]) => [unquote(code), rule, reference]);
    const catalog = Object.entries(courseRules).map(([code, entry]) => [
      code,
      entry.rule,
      entry.reference,
    ]);
    expect(table).toEqual(catalog);
  });

  test('its warning table names each warning with the reference the code gives it', () => {
    const rules = read('src/course/rules.ts');
    const inCode = [...rules.matchAll(/code: '([a-z-]+)',\s*message:[\s\S]*?reference: '([^']+)'/g)]
      .map((found) => [found[1], found[2]])
      .filter(([code]) => code !== undefined && !(code in courseRules));
    const rows = tableRows(section(concepts, '### Warnings'));
    const table = rows.slice(1).map(([code, , reference]) => [unquote(code), reference]);
    expect(table.sort()).toEqual(inCode.sort());
    expect(table.length).toBeGreaterThanOrEqual(6);
  });

  test('its source table cites, from `sources`, every key the rules refer to', () => {
    const keys = new Set(
      Object.values(courseRules).flatMap((entry) =>
        [...entry.reference.matchAll(/\[([A-Z0-9-]+)\]/g)].map((found) => found[1] ?? ''),
      ),
    );
    const rows = tableRows(section(concepts, '### The sources behind the rules'));
    const table = rows.slice(1).map(([key, citation]) => [unquote(key), citation]);
    const expected = [...keys]
      .sort()
      .map((key) => [
        key,
        (sources as Readonly<Record<string, { citation: string }>>)[key]?.citation,
      ]);
    expect(table).toEqual(expected);
  });
});

/** Every TypeScript file under a folder, as paths relative to the repository. */
function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the layers of the architecture guide', () => {
  const rows = tableRows(section(read('docs/architecture.md'), '## Layers')).filter((row) =>
    /^\d+$/.test(row[0] ?? ''),
  );
  const layerOf = new Map<string, number>();
  const allowed = new Set<string>();
  for (const [layer, , folders, sameLayer] of rows) {
    for (const folder of (folders ?? '').matchAll(/`([a-z-]+)`/g)) {
      layerOf.set(folder[1] ?? '', Number(layer));
    }
    for (const pair of (sameLayer ?? '').matchAll(/`([a-z-]+)` -> `([a-z-]+)`/g)) {
      allowed.add(`${pair[1] ?? ''} -> ${pair[2] ?? ''}`);
    }
  }

  test('the table places the kernel lowest and the command line highest', () => {
    expect(layerOf.get('internal')).toBe(0);
    expect(Math.max(...layerOf.values())).toBe(layerOf.get('cli'));
    expect(layerOf.get('course')).toBeGreaterThan(layerOf.get('protocol') ?? Infinity);
  });

  test('every import in src/ follows it', () => {
    const problems: string[] = [];
    for (const file of sourceFiles('src')) {
      // Tests and their support code may import anything.
      if (/\.test[.-]/.test(file)) continue;
      const parts = file.split('/');
      const from = parts.length > 2 ? (parts[1] ?? '') : '.';
      const text = read(file);
      const imports = [...text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)];
      for (const found of imports) {
        const target = relative(join(root, 'src'), resolve(root, dirname(file), found[1] ?? ''));
        const targetParts = target.split(sep);
        const to = targetParts.length > 1 ? (targetParts[0] ?? '') : '.';
        const where = `${file} -> ${found[1] ?? ''}`;
        if (to === '..') problems.push(`${where}: outside src/`);
        else if (to === '.') {
          if (from !== '.') problems.push(`${where}: only entries re-export the entry`);
        } else if (to === from) continue;
        else if (to === 'cli') problems.push(`${where}: nothing imports cli`);
        else if (from === '.') continue;
        else if (!layerOf.has(from) || !layerOf.has(to)) {
          problems.push(`${where}: ${layerOf.has(from) ? to : from} is not in the layer table`);
        } else {
          const fromLayer = layerOf.get(from) ?? 0;
          const toLayer = layerOf.get(to) ?? 0;
          if (toLayer > fromLayer) problems.push(`${where}: imports a higher layer`);
          if (toLayer === fromLayer && !allowed.has(`${from} -> ${to}`)) {
            problems.push(`${where}: same layer, not listed`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
