/**
 * @file CLI error classes and the exit-code policy: 2 for anything the user can fix by changing
 * the command line (usage, formula, output path, unknown optimizer or option), 3 when `descend`
 * finished but an optimizer diverged, 1 for everything else.
 */
import { isExprError, type ExprError } from '../expr/index.js';
import { WriteError } from '../plot/export/atomic-write.js';

/** Write failures the user fixes by choosing another output path (a full disk is not one of them). */
const PATH_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOENT', 'ENOTDIR', 'EISDIR', 'ENAMETOOLONG']);

/**
 * A problem with the command line itself; exits with code 2 and no stack trace.
 *
 * @example
 * throw new UsageError('--points: expected a whole number from 2 to 100000 (got \'x\')', 'plot');
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** The subcommand whose help the user should read, when known. */
  readonly command: string | undefined;
  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}

/**
 * Exit code for `err`: 2 for usage and formula errors and for an output path that cannot be
 * written (permission denied, read-only file system, folder gone), 1 otherwise.
 *
 * @example
 * exitCodeOf(new Error('disk full')); // 1
 */
export function exitCodeOf(err: unknown): 1 | 2 {
  const pathError = err instanceof WriteError && err.code !== undefined && PATH_CODES.has(err.code);
  return err instanceof UsageError || isExprError(err) || pathError ? 2 : 1;
}

/**
 * One paragraph for the user, without a stack trace. Formula errors get the caret picture.
 *
 * @example
 * describeError(new UsageError('--range: expected a:b with a < b (got 5:-5)', 'plot'));
 * // "gradtape plot: --range: expected a:b with a < b (got 5:-5)\nRun 'gradtape plot --help' for usage."
 */
export function describeError(err: unknown, command?: string): string {
  const prefix = command ? `gradtape ${command}` : 'gradtape';
  if (isExprError(err)) {
    return `${prefix}: formula error: ${(err as ExprError).format()}`;
  }
  if (err instanceof UsageError) {
    const helpFor = err.command ?? command;
    return `${prefix}: ${err.message}\nRun 'gradtape${helpFor ? ` ${helpFor}` : ''} --help' for usage.`;
  }
  const message = err instanceof Error ? err.message : String(err);
  return `${prefix}: error: ${message}`;
}

/** Exit status of `gradtape descend` when it wrote its figure but at least one path diverged. */
export const EXIT_DIVERGED = 3;
