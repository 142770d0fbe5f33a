/**
 * The entry of the browser bundle the browser test loads into headless Chromium. esbuild bundles
 * it for `platform: 'browser'` with nothing external, so the bundle only builds if the iptkit core
 * and `iptkit/svg` import no Node built-in. It puts {@link PageApi} on `globalThis.iptkitPage`.
 *
 * The project compiles without the DOM library, so the few DOM members used here are declared
 * locally ({@link BrowserGlobals}) instead of pulling DOM types into every file.
 */
import { renderScenarioPictures, type ScenarioPictures } from './pictures.js';
import { runScenario, type ScenarioSummary } from './scenario.js';

/** What showing one picture in the page found. */
export interface PictureCheck {
  /** Whether the browser's XML parser read the SVG without a `parsererror`. */
  readonly wellFormed: boolean;
  /** The root element's local name and namespace as the browser parsed them. */
  readonly root: string;
  readonly namespace: string | null;
  /** The laid-out size of the picture in CSS pixels. */
  readonly width: number;
  readonly height: number;
}

/** The functions the test calls in the page. */
export interface PageApi {
  /** Runs the scenario course with the bundled core and returns its plain JSON summary. */
  runCourse(): ScenarioSummary;
  /** Runs the scenario and renders its three pictures with the bundled `iptkit/svg`. */
  renderPictures(): ScenarioPictures;
  /**
   * Parses an SVG text as XML and shows it on the page's stage (`<main id="stage">`) inside
   * `<figure id="{id}">`, in place of the picture shown before.
   * @param id - The figure's id.
   * @param svg - The SVG text.
   */
  showPicture(id: string, svg: string): PictureCheck;
}

/** The page's global scope as the test reaches it. */
export interface PageGlobals {
  iptkitPage: PageApi;
}

interface MiniRect {
  readonly width: number;
  readonly height: number;
}

interface MiniElement {
  id: string;
  readonly localName: string;
  readonly namespaceURI: string | null;
  append(...nodes: MiniElement[]): void;
  getBoundingClientRect(): MiniRect;
}

interface MiniXmlDocument {
  readonly documentElement: MiniElement;
  getElementsByTagName(name: string): { readonly length: number };
}

interface BrowserGlobals {
  readonly document: {
    getElementById(
      id: string,
    ): (MiniElement & { replaceChildren(...nodes: MiniElement[]): void }) | null;
    createElement(tag: string): MiniElement;
    importNode(node: MiniElement, deep: boolean): MiniElement;
  };
  readonly DOMParser: new () => {
    parseFromString(text: string, type: 'image/svg+xml'): MiniXmlDocument;
  };
}

const browser = globalThis as unknown as BrowserGlobals;

const api: PageApi = {
  runCourse: () => runScenario().summary,
  renderPictures: () => renderScenarioPictures(runScenario()),
  showPicture(id, svg) {
    const parsed = new browser.DOMParser().parseFromString(svg, 'image/svg+xml');
    const root = parsed.documentElement;
    const wellFormed = parsed.getElementsByTagName('parsererror').length === 0;
    const figure = browser.document.createElement('figure');
    figure.id = id;
    const shown = browser.document.importNode(root, true);
    figure.append(shown);
    // One picture on the stage at a time, at the page's top left corner (whole-pixel position).
    const stage = browser.document.getElementById('stage');
    if (stage === null) throw new Error('the page has no stage');
    stage.replaceChildren(figure);
    const { width, height } = shown.getBoundingClientRect();
    return { wellFormed, root: root.localName, namespace: root.namespaceURI, width, height };
  },
};

(globalThis as unknown as PageGlobals).iptkitPage = api;
