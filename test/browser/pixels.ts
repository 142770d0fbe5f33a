/**
 * Reads a PNG screenshot and measures how much was drawn on it, so the browser test can tell a
 * rendered picture from a blank (or single-colour) box.
 */
import { PNG } from 'pngjs';

/** What a screenshot holds, as counts. */
export interface InkStats {
  readonly width: number;
  readonly height: number;
  /** The most frequent colour (taken as the background), `#rrggbb`. */
  readonly background: string;
  /** Pixels that differ clearly from the background. */
  readonly inked: number;
  /** `inked` as a share of all pixels (0-1). */
  readonly inkedShare: number;
  /**
   * Distinct colours (the background included), each rounded to 16 levels per channel and counted
   * only when it covers at least `minPixelsPerColour` pixels, so anti-aliasing fringes do not count.
   */
  readonly colours: number;
}

/** A pixel counts as ink when one channel differs from the background by more than this. */
const INK_THRESHOLD = 24;

/**
 * Measures a PNG screenshot (transparent pixels are read as composited on white).
 * @param png - The PNG bytes.
 * @param minPixelsPerColour - How many pixels a colour must cover to be counted.
 * @returns The counts.
 */
export function inkStats(png: Buffer, minPixelsPerColour = 20): InkStats {
  const image = PNG.sync.read(png);
  const { width, height, data } = image;
  const pixels = width * height;
  const rgb = new Uint8Array(pixels * 3);
  const exact = new Map<number, number>();
  const rounded = new Map<number, number>();
  for (let index = 0; index < pixels; index += 1) {
    const alpha = (data[index * 4 + 3] ?? 255) / 255;
    const channel = (offset: number) =>
      Math.round((data[index * 4 + offset] ?? 0) * alpha + 255 * (1 - alpha));
    const red = channel(0);
    const green = channel(1);
    const blue = channel(2);
    rgb[index * 3] = red;
    rgb[index * 3 + 1] = green;
    rgb[index * 3 + 2] = blue;
    const key = (red << 16) | (green << 8) | blue;
    exact.set(key, (exact.get(key) ?? 0) + 1);
    const coarse = ((red >> 4) << 8) | ((green >> 4) << 4) | (blue >> 4);
    rounded.set(coarse, (rounded.get(coarse) ?? 0) + 1);
  }
  let backgroundKey = 0;
  let backgroundCount = -1;
  for (const [key, count] of exact) {
    if (count > backgroundCount) {
      backgroundKey = key;
      backgroundCount = count;
    }
  }
  const background = [(backgroundKey >> 16) & 255, (backgroundKey >> 8) & 255, backgroundKey & 255];
  let inked = 0;
  for (let index = 0; index < pixels; index += 1) {
    for (let channel = 0; channel < 3; channel += 1) {
      if (Math.abs((rgb[index * 3 + channel] ?? 0) - (background[channel] ?? 0)) > INK_THRESHOLD) {
        inked += 1;
        break;
      }
    }
  }
  const colours = [...rounded.values()].filter((count) => count >= minPixelsPerColour).length;
  return {
    width,
    height,
    background: `#${backgroundKey.toString(16).padStart(6, '0')}`,
    inked,
    inkedShare: pixels === 0 ? 0 : inked / pixels,
    colours,
  };
}
