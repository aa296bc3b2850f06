/**
 * @file Output files: check the path before any work (extension supported, directory exists and a
 * file can be created in it). Writing itself is the library's: Figure.save and FuncAnimation.save
 * write atomically through src/plot/export/atomic-write.ts, so the CLI adds no second temporary file.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { checkWritable, WriteError } from '../plot/export/atomic-write.js';
import { UsageError } from './errors.js';

/** A checked output path. */
export interface OutputTarget {
  /** Absolute path of the final file. */
  readonly path: string;
  /** Lower-case extension without the dot: 'png', 'svg', 'gif', 'mp4', 'html'. */
  readonly format: string;
}

/**
 * Validate `-o`: the extension must be one of `formats` and the directory must exist.
 *
 * @throws UsageError naming the problem.
 * @example
 * checkOutput('out/f.png', ['png', 'svg'], 'plot'); // { path: '/…/out/f.png', format: 'png' }
 */
export function checkOutput(file: string, formats: readonly string[], command: string): OutputTarget {
  if (file.trim() === '') throw new UsageError('-o: the output file name is empty', command);
  const path = resolve(file);
  const ext = extname(path).slice(1).toLowerCase();
  if (!formats.includes(ext)) {
    const got = ext ? `'.${ext}'` : 'no extension';
    throw new UsageError(
      `-o ${file}: unsupported file type ${got}; use ${formats.map((f) => `.${f}`).join(', ')}`,
      command,
    );
  }
  const dir = dirname(path);
  if (!existsSync(dir)) throw new UsageError(`-o ${file}: the directory '${dirname(file)}' does not exist`, command);
  if (!statSync(dir).isDirectory()) throw new UsageError(`-o ${file}: '${dirname(file)}' is not a directory`, command);
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`-o ${file}: is a directory`, command);
  return { path, format: ext };
}

/**
 * {@link checkOutput}, then prove a file can be created in the directory (and an existing target is
 * writable), so a read-only folder fails in milliseconds, before any sampling or rendering.
 *
 * @throws UsageError naming `file` and the reason (permission denied, read-only file system, …).
 * @example
 * await checkOutputWritable('out/f.png', ['png', 'svg'], 'plot');
 */
export async function checkOutputWritable(
  file: string,
  formats: readonly string[],
  command: string,
): Promise<OutputTarget> {
  const target = checkOutput(file, formats, command);
  try {
    await checkWritable(file, '-o'); // the path as the user typed it, in the message
  } catch (e) {
    if (e instanceof WriteError) throw new UsageError(e.message, command);
    throw e;
  }
  return target;
}
