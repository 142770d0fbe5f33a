/**
 * The browser test of issue 8: bundles the iptkit core and `iptkit/svg` for the browser with
 * esbuild (no Node built-ins allowed, nothing external), loads the bundle into headless Debian
 * Chromium through playwright-core, runs a short course in the page and checks its answer, then
 * shows the three pictures and checks from screenshots that they are not blank.
 *
 * Nothing is fetched: the page is set with `page.setContent` and the bundle is inlined; the
 * context is offline and every request is aborted and recorded (and must not happen).
 * Chromium is the Debian package `chromium` at /usr/bin/chromium (`IPTKIT_CHROMIUM` overrides the
 * path); when it is missing the test fails and says what to install.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PageGlobals, PictureCheck } from './page-entry.js';
import { renderScenarioPictures, type ScenarioPictures } from './pictures.js';
import { inkStats } from './pixels.js';
import { RISKY_MEASURE, runScenario, type ScenarioSummary } from './scenario.js';

const here = dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.IPTKIT_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** The options the core must bundle with: a browser target, nothing external, no polyfills. */
const browserBundle = {
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  write: false,
  metafile: true,
  logLevel: 'silent',
} as const;

interface Bundle {
  readonly code: string;
  readonly metafile: Metafile;
}

async function bundleEntry(entry: string): Promise<Bundle> {
  const result = await build({ ...browserBundle, entryPoints: [entry] }).catch((error: unknown) => {
    throw new Error(
      'The browser bundle of the core and iptkit/svg did not build (does src/ import a Node ' +
        `built-in?): ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error('esbuild wrote no output');
  return { code: output.text, metafile: result.metafile };
}

/** The page: a white body and the bundle inlined (a `</script` inside it is escaped for HTML). */
function pageHtml(code: string): string {
  const inlined = code.replace(/<\/(script)/gi, '<\\/$1');
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>iptkit in the browser</title>',
    '<style>html,body{margin:0;padding:0;background:#fff}',
    'main,figure{margin:0;padding:0;display:block;width:max-content}figure>svg{display:block}</style>',
    '</head><body><main id="stage"></main>',
    `<script>${inlined}</script>`,
    '</body></html>',
  ].join('');
}

let bundle: Bundle;
let browser: Browser | undefined;
let page: Page;
const consoleErrors: string[] = [];
const pageErrors: string[] = [];
const requests: string[] = [];

/** What the page saw go wrong so far: console errors, uncaught errors, requests it tried. */
function troubles() {
  return { consoleErrors, pageErrors, requests };
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM}. Install the Debian package "chromium" ` +
        '(apt-get install chromium), or set IPTKIT_CHROMIUM to its path.',
    );
  }
  bundle = await bundleEntry(join(here, 'page-entry.ts'));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    offline: true,
    viewport: { width: 1400, height: 1000 },
    deviceScaleFactor: 1,
    colorScheme: 'light',
    reducedMotion: 'reduce',
  });
  await context.route('**/*', async (route) => {
    requests.push(route.request().url());
    await route.abort();
  });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => {
    pageErrors.push(error.message);
  });
  await page.setContent(pageHtml(bundle.code), { waitUntil: 'load' });
}, 45_000);

afterAll(async () => {
  await browser?.close();
});

describe('iptkit in headless Chromium (issue 8)', () => {
  test('the core and iptkit/svg bundle for the browser without any Node built-in', async () => {
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs.some((input) => input.endsWith('src/index.ts'))).toBe(true);
    expect(inputs.some((input) => input.endsWith('src/svg/index.ts'))).toBe(true);
    expect(inputs.filter((input) => input.startsWith('node:'))).toEqual([]);
    // The control: the same options refuse an entry that needs a Node built-in, so the check
    // above would catch the core importing one.
    await expect(
      build({
        ...browserBundle,
        stdin: { contents: "import { readFileSync } from 'node:fs'; readFileSync('x');" },
      }),
    ).rejects.toThrow(/node:fs/);
  });

  test('the bundle loaded into the page and put its functions on the page', async () => {
    const kinds = await page.evaluate(() => {
      const api = (globalThis as unknown as PageGlobals).iptkitPage;
      return [typeof api.runCourse, typeof api.renderPictures, typeof api.showPicture];
    });
    expect(kinds).toEqual(['function', 'function', 'function']);
    expect(troubles()).toEqual({ consoleErrors: [], pageErrors: [], requests: [] });
  });

  test('a short course runs in the page: risk flag raised, illegal steps refused with rule codes', async () => {
    const summary: ScenarioSummary = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).iptkitPage.runCourse(),
    );
    const refused = summary.steps.filter((step) => !step.ok);
    // No middle phase before a focus: IPT reference 11.2 [ALPF]. No ending while a risk flag is
    // open: 11.10 [CALC]. Nothing after the end: DESIGN 3.
    expect(refused.map((step) => [step.type, step.code, step.reference])).toEqual([
      ['advance-phase', 'focus-required', '11.2 [ALPF]'],
      ['end-course', 'risk-unacknowledged', '11.10 [CALC]'],
      ['record-session', 'course-ended', 'DESIGN 3'],
    ]);
    // PHQ-9 item 9 above 0 opens a risk flag (IPT reference 7.1 [CALC], items per [KROENKE01]).
    const measured = summary.steps.findIndex(
      (step) => step.type === 'record-measure' && step.warnings.includes('risk-flag-opened'),
    );
    expect(measured).toBeGreaterThan(0);
    expect(summary.steps[measured]?.openFlags).toBe(1);
    expect(summary.steps[measured - 1]?.openFlags).toBe(0);
    expect(summary.riskFlags).toEqual([`${RISKY_MEASURE}:suicidalIdeation`]);
    // Acknowledged before the course could end, so none is open at the end.
    expect(summary.openRiskFlags).toEqual([]);
    expect(summary.phase).toBe('middle');
    expect(summary.outcome).toBe('dropped-out');
    expect(summary.sessionCount).toBe(4);
    expect(summary.phq9Totals).toEqual([19, 15, 11, 7]);
    expect(summary.eventCount).toBe(summary.steps.filter((step) => step.ok).length);
    expect(summary.eventTypes.at(-1)).toBe('course-ended');
    expect(summary.replayedSame).toBe(true);
    // The browser and Node give the very same answer.
    expect(summary).toEqual(runScenario().summary);
    expect(troubles()).toEqual({ consoleErrors: [], pageErrors: [], requests: [] });
  });

  describe('the three pictures', () => {
    let pictures: ScenarioPictures;

    beforeAll(async () => {
      pictures = await page.evaluate(() =>
        (globalThis as unknown as PageGlobals).iptkitPage.renderPictures(),
      );
    });

    test('rendered in the page, they are the same text as rendered in Node (deterministic)', () => {
      expect(pictures).toEqual(renderScenarioPictures(runScenario()));
    });

    test.each(['circle', 'timeline', 'trajectory'] as const)(
      'the %s shows in the page as a well-formed SVG and its screenshot is not blank',
      async (kind) => {
        const svg = pictures[kind];
        const check: PictureCheck = await page.evaluate(
          ([id, text]) => (globalThis as unknown as PageGlobals).iptkitPage.showPicture(id, text),
          [kind, svg] as const,
        );
        expect(check.wellFormed).toBe(true);
        expect(check.root).toBe('svg');
        expect(check.namespace).toBe('http://www.w3.org/2000/svg');
        const width = Number(/\swidth="(\d+)"/.exec(svg)?.[1]);
        const height = Number(/\sheight="(\d+)"/.exec(svg)?.[1]);
        expect(check.width).toBe(width);
        expect(check.height).toBe(height);

        const shot = await page.locator(`#${kind} > svg`).screenshot({ animations: 'disabled' });
        const stats = inkStats(shot);
        expect({ width: stats.width, height: stats.height }).toEqual({ width, height });
        // Drawn, not blank: a meaningful share of pixels differs from the background, in
        // several distinct colours (marks, text, rings or bands).
        expect(stats.inkedShare).toBeGreaterThan(0.01);
        expect(stats.inked).toBeGreaterThan(500);
        expect(stats.colours).toBeGreaterThanOrEqual(4);
        expect(troubles()).toEqual({ consoleErrors: [], pageErrors: [], requests: [] });
      },
    );

    test('the blank check itself tells an empty box from a picture (control)', async () => {
      await page.evaluate(() => {
        const dom = globalThis as unknown as {
          document: {
            body: { insertAdjacentHTML(where: string, html: string): void };
          };
        };
        dom.document.body.insertAdjacentHTML(
          'afterbegin',
          '<figure id="blank"><div style="width:320px;height:200px;background:#fff"></div></figure>',
        );
      });
      const stats = inkStats(await page.locator('#blank > div').screenshot());
      expect(stats.inked).toBe(0);
      expect(stats.colours).toBe(1);
    });
  });

  test('the page logged no console error, threw nothing and requested nothing', () => {
    expect(troubles()).toEqual({ consoleErrors: [], pageErrors: [], requests: [] });
  });
});
