/**
 * Input and output helpers of the `iptkit` command: reading a file as whole text or as lines,
 * telling JSON from NDJSON, and a progress line that only appears on a terminal.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';

/** A failure the command reports as a usage error (exit code 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Whether a path names an NDJSON file by its extension. */
export function isNdjsonPath(path: string): boolean {
  return /\.(?:nd)?jsonl?$/i.test(path) && !/\.json$/i.test(path);
}

/** Reads a whole file as UTF-8 text, turning "not found" and friends into usage errors. */
export async function readText(path: string): Promise<string> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UsageError(`not a file: ${path}`);
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${path}`);
  }
}

/** Streams a file's text in chunks, for NDJSON that may not fit in memory. */
export async function* readChunks(path: string): AsyncGenerator<string> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UsageError(`not a file: ${path}`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${path}`);
  }
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream) yield chunk as string;
}

/** A progress reporter that writes a self-overwriting line to stderr only when it is a terminal. */
export function progress(stream: NodeJS.WriteStream = process.stderr): {
  update(text: string): void;
  done(): void;
} {
  const enabled = stream.isTTY;
  let last = 0;
  let shown = false;
  return {
    update(text: string) {
      if (!enabled) return;
      const now = performance.now();
      if (now - last < 200) return;
      last = now;
      shown = true;
      stream.write(`\r${text}\u001b[K`);
    },
    done() {
      if (enabled && shown) stream.write('\r\u001b[K');
    },
  };
}
