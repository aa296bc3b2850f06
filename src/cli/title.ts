/**
 * @file The figure commands' formula titles: TeX where MathJax can typeset it, the formula's own text where it
 * nests too deeply for MathJax (`x^x^…^x`, long chains of `/`), rather than a plain rendering of unreadable TeX.
 */
import type { ExprFunction } from '../expr/expr.js';
import { MAX_TEX_DEPTH, texDepth } from '../plot/tex.js';

/**
 * `$lhs = tex$`, or `lhs = formula` where the TeX is too deep to typeset.
 * @example formulaTitle('f(x, y)', expr('x^2 + y^2', { variables: ['x', 'y'] })) // '$f(x, y) = x^{2} + y^{2}$'
 */
export function formulaTitle(lhs: string, f: Pick<ExprFunction, 'toTeX' | 'toString'>): string {
  const tex = f.toTeX();
  return texDepth(tex) <= MAX_TEX_DEPTH ? `$${lhs} = ${tex}$` : `${lhs} = ${f.toString()}`;
}
