/**
 * @file Writing an output file atomically (Node only), the one way Figure.save, FuncAnimation.save and the CLI
 * write: the path is checked and a temporary sibling is created BEFORE any rendering (so an unwritable folder fails
 * at once, not after the frames are drawn), the writer fills the temporary file, and only a complete file is
 * renamed over the target. On any failure (a full disk, a writer that throws) the temporary file is removed and an
 * older file at the target is left untouched. File-system errors are reported against the caller's path, never the
 * temporary name, and keep their `code` (EACCES, ENOSPC, …) so callers can classify them.
 */
import { nodeBuiltin } from './node-builtins.js';

/** A file-system failure while writing `path`: the message names `path`; `code` is Node's (EACCES, ENOSPC, …). */
export class WriteError extends Error {
  override readonly name = 'WriteError';
  readonly code: string | undefined;
  readonly path: string;
  constructor(message: string, path: string, code?: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.path = path;
    this.code = code;
  }
}

/** Why a write failed, in words, for the error codes a user can act on. */
const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  ENAMETOOLONG: 'the file name is too long',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENOENT: 'the directory does not exist',
};

/**
 * Write `path` atomically: check it and create the temporary sibling first, then `write(tempPath)` fills that
 * file (it may replace it, e.g. ffmpeg), then rename. `who` prefixes the messages ('Figure.save').
 *
 * @throws WriteError naming `path` (with the errno `code`) when the folder is missing, unwritable or full;
 *   errors thrown by `write` itself (not file-system errors) pass through unchanged.
 * @example
 * await writeAtomic('out/f.png', 'Figure.save', (tmp) => writeFile(tmp, bytes));
 */
export async function writeAtomic(
  path: string,
  who: string,
  write: (tempPath: string) => Promise<void>,
): Promise<void> {
  const temp = await createTemp(path, who);
  const fs = await nodeBuiltin('node:fs/promises');
  try {
    await write(temp);
    await fs.rename(temp, path);
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw failure(who, path, e, temp);
  }
}

/**
 * Check, before any work, that `path` could be written: the same checks and the same temporary-file probe as
 * {@link writeAtomic}, leaving nothing behind.
 *
 * @throws WriteError as writeAtomic would.
 * @example
 * await checkWritable('out/anim.gif', 'FuncAnimation.save'); // throws at once if out/ is read-only
 */
export async function checkWritable(path: string, who: string): Promise<void> {
  const temp = await createTemp(path, who);
  await (await nodeBuiltin('node:fs/promises')).rm(temp, { force: true });
}

/** Validate `path` and create (empty) the temporary sibling it will be written through; returns its name. */
async function createTemp(path: string, who: string): Promise<string> {
  if (typeof path !== 'string' || path.trim() === '')
    throw new Error(`${who}: path must be a non-empty file name (got ${JSON.stringify(path)})`);
  const fs = await nodeBuiltin('node:fs/promises');
  const { basename, dirname, join, resolve } = await nodeBuiltin('node:path');
  const dir = dirname(resolve(path));
  let st: Awaited<ReturnType<typeof fs.stat>>;
  try {
    st = await fs.stat(dir);
  } catch (e) {
    throw failure(who, path, e, undefined, `the directory "${dir}" does not exist (create it first)`);
  }
  if (!st.isDirectory())
    throw new WriteError(`${who}: cannot write "${path}": "${dir}" is not a directory`, path, 'ENOTDIR');
  const target = await fs.stat(path).catch(() => null);
  if (target?.isDirectory()) throw new WriteError(`${who}: cannot write "${path}": it is a directory`, path, 'EISDIR');
  // Replacing a read-only file by rename would succeed; refuse it as writing into it would.
  if (target)
    await fs.access(path, 2 /* W_OK */).catch((e: unknown) => {
      throw failure(who, path, e);
    });
  const temp = join(dir, `.${basename(path)}.${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`);
  // Creating the file is the real test of the folder (access() says yes to root on read-only mounts).
  try {
    await (await fs.open(temp, 'wx')).close();
  } catch (e) {
    throw failure(who, path, e, temp);
  }
  return temp;
}

/** A file-system error (it has an errno code) as a WriteError about `path`; anything else unchanged. */
function failure(who: string, path: string, e: unknown, temp?: string, reason?: string): unknown {
  if (e instanceof WriteError) return e;
  const code = (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  // Errors from writers that are not about the file system (an update function throwing) pass through, but a
  // message that quotes the temporary file (ffmpeg's) is rewritten to the caller's path.
  if (typeof code !== 'string') {
    if (temp && e instanceof Error && message.includes(temp)) e.message = message.split(temp).join(path);
    return e;
  }
  const why = reason ?? REASONS[code] ?? (temp ? message.split(temp).join(path) : message);
  return new WriteError(`${who}: cannot write "${path}": ${why} (${code})`, path, code, e);
}
