/**
 * @file TeX typesetting limits: formulas the parser accepts but MathJax's recursion cannot survive (issue: `x^x^…`
 * 200 deep and `x/x/…` 600 terms crashed with "Maximum call stack size exceeded") are drawn as plain text.
 */
import { describe, expect, it } from 'vitest';
import { expr } from '../expr/index.js';
import { MAX_TEX_DEPTH, texDepth, texToPlain, typeset } from './tex.js';
import { measureText, renderText } from './text.js';
import { Figure } from './figure.js';

const chain = (op: string, n: number) => expr(Array(n).fill('x').join(op), { variables: ['x'] }).toTeX();

describe('deep formulas', () => {
  it('measures brace depth (escaped braces do not count)', () => {
    expect(texDepth('x')).toBe(0);
    expect(texDepth('x^{y^{2}}')).toBe(2);
    expect(texDepth('\\{x\\}')).toBe(0);
    expect(texDepth(chain('^', 200))).toBe(199);
  });

  it('typesets up to the limit and returns null past it, for the formulas that overflowed MathJax', () => {
    expect(typeset(chain('^', 50))).not.toBeNull();
    expect(texDepth(chain('^', MAX_TEX_DEPTH + 1))).toBe(MAX_TEX_DEPTH);
    expect(typeset(chain('^', MAX_TEX_DEPTH + 1))).not.toBeNull();
    expect(typeset(chain('^', 200))).toBeNull();
    expect(typeset(chain('/', 600))).toBeNull();
  });

  it('draws a deep formula as plain text in a figure instead of crashing', async () => {
    const tex = chain('/', 600);
    const svg = renderText(`$${tex}$`, 0, 0, { fontSize: 12 });
    expect(svg).toContain('<text');
    expect(svg).toContain('x/x');
    expect(measureText(`$${chain('^', 200)}$`, 12).width).toBeGreaterThan(0);
    const fig = new Figure({ width: 200, height: 150 });
    const ax = fig.addAxes();
    ax.plot([0, 1], [0, 1], { label: `$${chain('^', 200)}$` });
    ax.title(`$${tex}$`);
    ax.legend();
    expect(fig.toSVG()).toContain('x^(x^(x^');
  });

  it('writes TeX as readable plain text', () => {
    expect(texToPlain('5\\sin(2x) + x^{2}')).toBe('5sin(2x) + x^2');
    expect(texToPlain('\\frac{\\sin(4x) - \\cos(5y)}{5}')).toBe('(sin(4x) - cos(5y))/5');
    expect(texToPlain('\\frac{\\sqrt{x}}{1 + \\left|y\\right|}')).toBe('(√x)/(1 + |y|)');
    expect(texToPlain('\\operatorname{ReLU}(x)e^{-x}')).toBe('ReLU(x)e^(-x)');
    expect(texToPlain('\\frac{\\frac{x}{y}}{z}')).toBe('(x/y)/z');
    expect(texToPlain('a \\cdot \\pi_{1}')).toBe('a · π_1');
  });
});
