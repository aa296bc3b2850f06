/**
 * @file The figure commands' formula titles: TeX where MathJax can typeset it, the formula's own text where it
 * nests too deeply for MathJax (`x^x^…^x`, long chains of `/`), rather than a plain rendering of unreadable TeX.
 */
import type { ExprFunction } from '../expr/expr.js';
import { MAX_TEX_DEPTH, texDepth } from '../plot/tex.js';

/** Longest plain title drawn: a formula that deep runs far past any figure's width. */
const MAX_PLAIN = 80;

/**
 * `$lhs = tex$`, or `lhs = formula` (cut to {@link MAX_PLAIN} characters with an ellipsis) where the TeX is too
 * deep to typeset.
 * @example formulaTitle('f(x, y)', expr('x^2 + y^2', { variables: ['x', 'y'] })) // '$f(x, y) = x^{2} + y^{2}$'
 */
export function formulaTitle(lhs: string, f: Pick<ExprFunction, 'toTeX' | 'toString'>): string {
  const tex = f.toTeX();
  if (texDepth(tex) <= MAX_TEX_DEPTH) return `$${lhs} = ${tex}$`;
  const plain = `${lhs} = ${f.toString()}`;
  return plain.length <= MAX_PLAIN ? plain : `${plain.slice(0, MAX_PLAIN - 1)}…`;
}
