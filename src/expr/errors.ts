/**
 * @file ExprError: the one error type the formula language throws for bad input.
 *
 * Every lexing, parsing and call-time binding problem becomes an `ExprError` that carries the
 * formula, a 1-based column and a short hint, so a CLI or a web page can show a caret under the
 * offending character instead of a stack trace.
 */

/** Where an error points: a half-open range of 0-based UTF-16 offsets into the formula. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * A formula could not be parsed, or a parsed formula could not be bound to values.
 *
 * `message` reads like "unexpected ')' at column 11"; `hint` (when present) follows it after an
 * em dash, e.g. "did you mean 'sin'?". `format()` adds the formula and a caret line.
 *
 * @example
 * try { expr('5*sin(2*x)) + x^2'); } catch (err) {
 *   if (err instanceof ExprError) console.error(err.format());
 *   // unexpected ')' at column 11
 *   //   5*sin(2*x)) + x^2
 *   //             ^
 * }
 */
export class ExprError extends Error {
  override readonly name = 'ExprError';
  /** The formula text the error refers to. */
  readonly source: string;
  /** 1-based column of the first offending character (one past the end for "unexpected end"). */
  readonly column: number;
  /** Number of characters the error covers (at least 1), used for the caret line. */
  readonly length: number;
  /** The problem without position, e.g. "unexpected ')'". */
  readonly reason: string;
  /** Optional advice, e.g. "did you mean 'sin'?". */
  readonly hint: string | undefined;

  constructor(reason: string, source: string, span: Span, hint?: string) {
    const column = span.start + 1;
    super(`${reason} at column ${column}${hint ? ` — ${hint}` : ''}`);
    this.source = source;
    this.column = column;
    this.length = Math.max(1, span.end - span.start);
    this.reason = reason;
    this.hint = hint;
  }

  /**
   * The message, then the formula and a caret line under the offending characters.
   *
   * @example
   * new ExprError('unexpected \')\'', '5*sin(2*x)) + x^2', { start: 10, end: 11 }).format();
   * // "unexpected ')' at column 11\n  5*sin(2*x)) + x^2\n            ^"
   */
  format(indent = '  '): string {
    // Tabs and newlines would shift the caret; show them as single spaces so columns line up.
    const line = this.source.replace(/[\t\r\n]/g, ' ');
    const caretWidth = Math.min(this.length, Math.max(1, line.length - this.column + 1));
    const caret = ' '.repeat(this.column - 1) + '^'.repeat(caretWidth);
    return `${this.message}\n${indent}${line}\n${indent}${caret}`;
  }
}

/**
 * True when `err` is an {@link ExprError} (also across duplicated module instances).
 *
 * @example
 * try { expr('2x'); } catch (e) { if (isExprError(e)) console.log(e.column); } // 2
 */
export function isExprError(err: unknown): err is ExprError {
  return err instanceof ExprError || (err instanceof Error && err.name === 'ExprError' && 'column' in err);
}
