/**
 * @file Output files: check the path before any work (directory exists, extension supported)
 * and write atomically (to a temporary sibling, then rename), so a failure never leaves a
 * partial file behind.
 */
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
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
    throw new UsageError(`-o ${file}: unsupported file type ${got}; use ${formats.map((f) => `.${f}`).join(', ')}`, command);
  }
  const dir = dirname(path);
  if (!existsSync(dir)) throw new UsageError(`-o ${file}: the directory '${dirname(file)}' does not exist`, command);
  if (!statSync(dir).isDirectory()) throw new UsageError(`-o ${file}: '${dirname(file)}' is not a directory`, command);
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`-o ${file}: is a directory`, command);
  return { path, format: ext };
}

/**
 * Run `write(tempPath)` (which must create the file at `tempPath`, with the same extension as
 * the target, since writers pick the format from it) and rename the result into place. On any
 * failure the temporary file is removed and the target is left untouched.
 *
 * @example
 * await writeAtomically(target, (tmp) => fig.save(tmp));
 */
export async function writeAtomically(target: OutputTarget, write: (tempPath: string) => Promise<void> | void): Promise<void> {
  const temp = join(dirname(target.path), `.${basename(target.path, `.${target.format}`)}.${process.pid}-${Date.now()}.tmp.${target.format}`);
  try {
    await write(temp);
    if (!existsSync(temp)) throw new Error(`writing ${target.path} produced no file`);
    renameSync(temp, target.path);
  } finally {
    rmSync(temp, { force: true });
  }
}
