/**
 * @file Formulas the parser accepts but too deep for MathJax (`x^x^…` 200 deep, `x/x/…` 600 terms) used to crash
 * the figure commands with "Maximum call stack size exceeded"; their titles and legends are now the formula text.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readSvg, runCli, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(tmp.cleanup);

describe('figure commands with formulas too deep to typeset', () => {
  it('plot: x/x/…/x (600 terms) gets a plain-text legend, cut to fit', async () => {
    const out = join(tmp.dir, 'div.svg');
    const formula = Array(600).fill('x').join('/');
    const r = await runCli(['plot', formula, '--range', '0.5:2', '--points', '20', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readSvg(out).text).toMatch(/f\(x\) = (x\/){30,}x?…/); // cut short with an ellipsis
  });

  it('contour: x^x^…^x (200 deep) gets a plain-text title', async () => {
    const out = join(tmp.dir, 'pow.svg');
    const formula = Array(200).fill('x').join('^');
    const r = await runCli(['contour', formula, '--x', '0.5:1.4', '--y', '0:1', '--points', '20', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readSvg(out).text).toContain('f(x, y) = x^x^x^x');
  });
});
