/**
 * @file Formula boxes: compile the text with gradtape's `expr` for a fixed set of variables, and show an
 * `ExprError` inline — the message, then the formula with a caret under the offending column — the same
 * wording the CLI prints. Non-ExprError failures (which would be library bugs) are shown too, never thrown.
 */
import { expr, isExprError, type ExprFunction } from './lib.js';

export type Compiled = { ok: true; f: ExprFunction } | { ok: false; message: string; column?: number; length?: number };

/**
 * Compile `source` as a function of exactly `variables` (other names are errors with a suggestion).
 * @example compileFormula('sin(x', ['x']) // { ok: false, message: "expected ')' …", column: 6 }
 */
export function compileFormula(source: string, variables: readonly string[]): Compiled {
  try {
    return { ok: true, f: expr(source, { variables }) };
  } catch (e) {
    if (isExprError(e)) return { ok: false, message: e.message, column: e.column, length: e.length };
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * Show (or clear, with `null`) an error under a formula input: message, formula, caret line.
 * @example showFormulaError(input, box, compileFormula(input.value, ['x']))
 */
export function showFormulaError(input: HTMLInputElement, box: HTMLElement, result: Compiled | null): void {
  if (result === null || result.ok) {
    box.hidden = true;
    box.replaceChildren();
    input.removeAttribute('aria-invalid');
    return;
  }
  input.setAttribute('aria-invalid', 'true');
  const message = document.createElement('div');
  message.className = 'error-message';
  message.textContent = result.message;
  box.replaceChildren(message);
  const picture = caretPicture(input.value, result);
  if (picture && result.column !== undefined) {
    const pre = document.createElement('pre');
    pre.className = 'error-caret';
    pre.setAttribute('aria-hidden', 'true');
    pre.textContent = picture;
    box.append(pre);
    box.dataset.column = String(result.column);
  } else {
    delete box.dataset.column;
  }
  box.hidden = false;
}

/**
 * The formula with a caret line under the error's columns (as the CLI prints it), or '' when the error has no column.
 * @example caretPicture('sin(x', compileFormula('sin(x', ['x'])) // 'sin(x\n     ^'
 */
export function caretPicture(source: string, result: Compiled): string {
  if (result.ok || result.column === undefined) return '';
  // Tabs/newlines would shift the caret, as in ExprError.format: show them as spaces.
  const text = source.replace(/[\t\r\n]/g, ' ');
  const width = Math.max(1, Math.min(result.length ?? 1, text.length - result.column + 1));
  return `${text}\n${' '.repeat(result.column - 1)}${'^'.repeat(width)}`;
}

/**
 * Move the caret of the input to the error column (used when the visitor clicks the error).
 * @example focusColumn(input, 6)
 */
export function focusColumn(input: HTMLInputElement, column: number): void {
  input.focus();
  const i = Math.max(0, Math.min(input.value.length, column - 1));
  input.setSelectionRange(i, i + 1 <= input.value.length ? i + 1 : i);
}
