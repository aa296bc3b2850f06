/**
 * @file Lexer: formula text -> tokens with source spans.
 *
 * Numbers follow JavaScript/Python float syntax (`2`, `.5`, `1e-3`, `2.5E+4`); identifiers are
 * ASCII letters, digits and `_` (plus `π`); `**` is a synonym of `^`. In template mode
 * (``expr`…${v}…` ``) the placeholders `${0}`, `${1}` … become `slot` tokens.
 */
import { ExprError } from './errors.js';

export type TokenKind = 'number' | 'ident' | 'op' | 'lparen' | 'rparen' | 'comma' | 'slot' | 'eof';

/** One token. `text` is the exact source slice; `value` is set for numbers and slots. */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Numeric value of a `number` token, or the index of a `slot` token. */
  readonly value?: number;
}

export interface LexOptions {
  /** Accept `${n}` placeholders (used by the tagged-template form). */
  readonly slots?: boolean;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isIdentStart = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === 'π');
const isIdentPart = (c: string | undefined): boolean => isIdentStart(c) || isDigit(c);

/**
 * Split a formula into tokens, ending with one `eof` token.
 *
 * @throws ExprError on a character that cannot start a token or a malformed number.
 * @example
 * tokenize('5*sin(2*x)').map((t) => t.text); // ['5', '*', 'sin', '(', '2', '*', 'x', ')', '']
 */
export function tokenize(source: string, options: LexOptions = {}): Token[] {
  if (typeof source !== 'string') {
    throw new TypeError(`expr: the formula must be a string (got ${source === null ? 'null' : typeof source})`);
  }
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number, value?: number): void => {
    tokens.push(
      value === undefined
        ? { kind, text: source.slice(start, end), start, end }
        : { kind, text: source.slice(start, end), start, end, value },
    );
  };
  while (i < source.length) {
    const c = source[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === '.' && isDigit(source[i + 1]))) {
      i = scanNumber(source, i);
      push('number', start, i, Number(source.slice(start, i)));
    } else if (isIdentStart(c)) {
      while (isIdentPart(source[i])) i++;
      push('ident', start, i);
    } else if (c === '*' && source[i + 1] === '*') {
      i += 2;
      push('op', start, i);
    } else if (c === '+' || c === '-' || c === '*' || c === '/' || c === '^') {
      i++;
      push('op', start, i);
    } else if (c === '(') {
      i++;
      push('lparen', start, i);
    } else if (c === ')') {
      i++;
      push('rparen', start, i);
    } else if (c === ',') {
      i++;
      push('comma', start, i);
    } else if (c === '$' && options.slots && source[i + 1] === '{') {
      let j = i + 2;
      while (isDigit(source[j])) j++;
      if (j === i + 2 || source[j] !== '}') {
        throw new ExprError('malformed placeholder', source, { start, end: j + 1 });
      }
      i = j + 1;
      push('slot', start, i, Number(source.slice(start + 2, j)));
    } else {
      throw unexpectedCharacter(source, i);
    }
  }
  push('eof', source.length, source.length);
  return tokens;
}

/** Scan `digits [. digits] [e [+-] digits]` from `i`; returns the end offset. */
function scanNumber(source: string, i: number): number {
  while (isDigit(source[i])) i++;
  if (source[i] === '.') {
    i++;
    while (isDigit(source[i])) i++;
  }
  if (source[i] === 'e' || source[i] === 'E') {
    const sign = source[i + 1] === '+' || source[i + 1] === '-' ? 1 : 0;
    if (isDigit(source[i + 1 + sign])) {
      i += 1 + sign;
      while (isDigit(source[i])) i++;
    } else if (sign === 1) {
      // "1e+" / "1e-x": an exponent was clearly started but has no digits.
      throw new ExprError(
        'malformed number',
        source,
        { start: i, end: i + 2 },
        `an exponent needs digits, e.g. ${source.slice(0, i).match(/[\d.]+$/)?.[0] ?? '1'}e-3`,
      );
    }
    // A bare "2e" is left as the number 2 followed by the identifier e; the parser reports the
    // missing operator, which is the more useful message ("write 2*e").
  }
  if (source[i] === '.') {
    throw new ExprError('malformed number', source, { start: i, end: i + 1 }, 'a number has at most one decimal point');
  }
  return i;
}

function unexpectedCharacter(source: string, i: number): ExprError {
  const c = source[i]!;
  const code = c.codePointAt(0)!;
  const shown = code < 32 || code === 127 ? `\\u${code.toString(16).padStart(4, '0')}` : String.fromCodePoint(code);
  const width = code > 0xffff ? 2 : 1;
  const hints: Record<string, string> = {
    '%': 'use mod(a, b) for the remainder',
    '|': 'use abs(x) for the absolute value',
    '[': 'use parentheses ( ) for grouping',
    ']': 'use parentheses ( ) for grouping',
    '{': 'use parentheses ( ) for grouping',
    '}': 'use parentheses ( ) for grouping',
    '=': 'write only the right-hand side of the formula, e.g. x^2 + 1',
    '.': 'a decimal point must be followed by digits, e.g. .5',
    '!': 'factorials are not supported',
    $: 'placeholders ${…} only work in the tagged template form expr`…`',
  };
  return new ExprError(`unexpected character '${shown}'`, source, { start: i, end: i + width }, hints[c]);
}
