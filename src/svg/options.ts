/*
 * What every picture shares: the size, labels on or off, the colours, the title and description,
 * and the frame of the SVG document (root element, title, desc, ids).
 */
import * as z from 'zod';
import { issue, validationError, type Issue, type ValidationError } from '../internal/issues.js';
import { err, type Result } from '../internal/result.js';
import { parseAt } from '../internal/model.js';
import { SVG_NAMESPACE, element, fingerprint, formatNumber, type Markup } from './xml.js';

/**
 * A CSS colour as SVG accepts it in a presentation attribute: `#rgb`, `#rgba`, `#rrggbb`,
 * `#rrggbbaa`, a named colour (`teal`, `transparent`, `currentColor`) or an `rgb()` / `rgba()` /
 * `hsl()` / `hsla()` function of plain numbers. Anything else (URLs, `var()`, quotes) is refused
 * with code `invalid-format`.
 * @category Pictures
 */
export const Colour = z
  .string()
  .max(80)
  .regex(
    /^(?:#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|[a-zA-Z]{1,30}|(?:rgba?|hsla?)\([0-9.,%/ +-]{1,60}\))$/,
    { error: 'must be a hex colour, a colour name, or rgb()/hsl() of numbers' },
  );

/**
 * The colours of the pictures. Each picture uses the keys that concern it; {@link defaultPalette}
 * holds the defaults (Okabe-Ito colours, distinguishable with the common colour-vision
 * deficiencies). Colour never carries meaning alone: every mark also differs by shape, line
 * pattern or text.
 * @category Pictures
 */
export const Palette = z.strictObject({
  /** The picture's background. */
  background: Colour,
  /** Titles, labels and axis text. */
  text: Colour,
  /** Axes, grid lines and ring outlines. */
  muted: Colour,
  /** The fill of the client's disc at the centre of a circle. */
  client: Colour,
  /** The fill of the even rings of a circle (ring 1, 3, ...). */
  ring: Colour,
  /** The fill of the odd rings of a circle (ring 2, 4, ...). */
  ringAlternate: Colour,
  /** A living person's mark. */
  person: Colour,
  /** A deceased person's mark. */
  deceased: Colour,
  /** Life-event marks on a timeline. */
  event: Colour,
  /** Mood ratings and the mood line on a timeline. */
  mood: Colour,
  /** Score marks and the score line of a trajectory. */
  score: Colour,
  /** Band shading of a trajectory, from the lowest band up (reused in turn when there are more bands). */
  bands: z.array(Colour).min(1).max(20),
  /** The remission line. */
  remission: Colour,
  /** The response line. */
  response: Colour,
});
/** @category Pictures */
export type Palette = z.infer<typeof Palette>;

/**
 * The default colours of every picture.
 * @category Pictures
 */
export const defaultPalette: Readonly<Omit<Palette, 'bands'> & { bands: readonly string[] }> =
  Object.freeze({
    background: '#ffffff',
    text: '#1a1a1a',
    muted: '#6b6b6b',
    client: '#0072b2',
    ring: '#eef4fa',
    ringAlternate: '#fbf6ea',
    person: '#0072b2',
    deceased: '#5a5a5a',
    event: '#d55e00',
    mood: '#0072b2',
    score: '#0072b2',
    bands: Object.freeze(['#009e73', '#56b4e9', '#f0e442', '#e69f00', '#d55e00']),
    remission: '#007a56',
    response: '#8a3ffc',
  });

/** The options every renderer takes (each adds its own). */
export const commonOptionShape = {
  /** Width of the picture in user units (and in pixels when shown at its natural size). */
  width: z.int().min(120).max(4000).optional(),
  /** Height of the picture. */
  height: z.int().min(120).max(4000).optional(),
  /** Text labels on marks (default `true`). `false` gives de-identified output: no names or free text. */
  labels: z.boolean().optional(),
  /** Colours to change; the others keep their defaults. */
  colors: Palette.partial().optional(),
  /** The picture's title (its accessible name); a default one describes the picture. */
  title: z.string().trim().min(1).max(200).optional(),
  /** The picture's description (read by screen readers); a default one summarises the data. */
  description: z.string().trim().min(1).max(4000).optional(),
  /**
   * Start of the ids of the title and desc elements (`<idPrefix>-title`, `<idPrefix>-desc`).
   * By default the ids come from a fingerprint of the picture, so two different pictures inlined
   * in one page do not clash.
   */
  idPrefix: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, {
      error: 'must be a letter followed by up to 63 letters, digits, _ or -',
    })
    .optional(),
} as const;

/** The common options after validation. */
export interface CommonOptions {
  readonly width?: number | undefined;
  readonly height?: number | undefined;
  readonly labels?: boolean | undefined;
  readonly colors?: Partial<Palette> | undefined;
  readonly title?: string | undefined;
  readonly description?: string | undefined;
  readonly idPrefix?: string | undefined;
}

/** The palette of a picture: the defaults with the caller's colours on top. */
export function paletteOf(options: CommonOptions): Readonly<Palette> {
  const colours = options.colors ?? {};
  const merged: Palette = { ...defaultPalette, bands: [...defaultPalette.bands] };
  for (const key of Object.keys(colours) as (keyof Palette)[]) {
    const value = colours[key];
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/**
 * Validates the options of a renderer. Absent options (`undefined`) are the empty object.
 * Issues are reported under `['options', ...]`.
 */
export function parseOptions<TSchema extends z.ZodType>(
  schema: TSchema,
  options: unknown,
): Result<z.output<TSchema>, ValidationError> {
  return parseAt(schema, options ?? {}, ['options']);
}

/** Joins the issues of the failed checks among several into one error. */
export function mergeErrors(
  ...results: readonly Result<unknown, ValidationError>[]
): ValidationError {
  const issues: Issue[] = [];
  for (const result of results) if (!result.ok) issues.push(...result.error.issues);
  return validationError(issues);
}

/** A failed result with one issue. */
export function failure(
  code: string,
  path: readonly (string | number)[],
  message: string,
): Result<never, ValidationError> {
  return err(validationError([issue(code, path, message)]));
}

/**
 * Runs a renderer's body, turning any unexpected exception (an input object with a throwing
 * getter that slipped past validation, say) into an `unreadable-input` issue, so that no public
 * entry throws.
 */
export function guard(
  path: readonly (string | number)[],
  body: () => Result<string, ValidationError>,
): Result<string, ValidationError> {
  try {
    return body();
  } catch {
    return failure('unreadable-input', path, 'the input could not be read');
  }
}

/** What {@link frame} needs to wrap a picture's body. */
export interface Frame {
  /** Kind of picture (`circle`, `timeline`, `trajectory`): class and default id start. */
  readonly kind: string;
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly description: string;
  readonly palette: Readonly<Palette>;
  readonly idPrefix?: string | undefined;
  /** The picture's elements, already built. */
  readonly body: readonly Markup[];
}

/** Fonts every picture uses: installed system fonts only, so nothing is fetched. */
export const FONT_FAMILY =
  'system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif';

/**
 * Wraps a picture's body in the SVG root with its title, description and background, and returns
 * the whole document as text. The ids of title and desc are the caller's prefix or a fingerprint
 * of everything else in the picture, so the same picture always gets the same ids.
 */
export function frame(picture: Frame): string {
  const inner = [
    element('rect', [
      ['class', 'iptkit-background'],
      ['x', 0],
      ['y', 0],
      ['width', picture.width],
      ['height', picture.height],
      ['fill', picture.palette.background],
    ]),
    ...picture.body,
  ];
  const content = element('g', [], [picture.title, '|', picture.description, ...inner]).text;
  const prefix =
    picture.idPrefix ??
    `iptkit-${picture.kind}-${fingerprint(`${picture.width}x${picture.height}|${content}`)}`;
  const titleId = `${prefix}-title`;
  const descriptionId = `${prefix}-desc`;
  return element(
    'svg',
    [
      ['xmlns', SVG_NAMESPACE],
      ['viewBox', `0 0 ${formatNumber(picture.width)} ${formatNumber(picture.height)}`],
      ['width', picture.width],
      ['height', picture.height],
      ['role', 'img'],
      ['aria-labelledby', `${titleId} ${descriptionId}`],
      ['class', `iptkit-picture iptkit-${picture.kind}`],
      ['font-family', FONT_FAMILY],
    ],
    [
      element('title', [['id', titleId]], [picture.title]),
      element('desc', [['id', descriptionId]], [picture.description]),
      ...inner,
    ],
  ).text;
}

/** Writes a count with its noun (`1 person`, `2 people`). */
export function count(value: number, singular: string, plural: string): string {
  return `${value} ${value === 1 ? singular : plural}`;
}

/** Lists words in English (`a`, `a and b`, `a, b and c`). */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}
