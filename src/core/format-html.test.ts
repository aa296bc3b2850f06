import { describe, expect, it } from 'vitest';
import { tensor, linspace, zeros, Variable } from '../index.js';
import { tensorHtml, tensorMimeBundle, HTML_MAX_COLUMNS, HTML_MAX_ELEMENTS } from './format-html.js';

const bundleOf = (x: object): Record<string, string> =>
  (x as Record<symbol, () => Record<string, string>>)[Symbol.for('Jupyter.display')]();

describe('tensor MIME bundle', () => {
  it('a small matrix is a table of numpy-formatted cells, row by row, with shape and dtype', () => {
    const html = tensorHtml(
      tensor([
        [1, 2.5],
        [-3, 4],
      ]),
    )!;
    const rows = [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) =>
      [...m[1].matchAll(/<td>(.*?)<\/td>/g)].map((c) => c[1]),
    );
    expect(rows).toEqual([
      ['1.', '2.5'],
      ['-3.', '4.'],
    ]);
    expect(html).toContain('shape=[2, 2], dtype=float64');
  });

  it('a vector is one row; ints and bools print as numpy does', () => {
    expect(tensorHtml(tensor([1, 2, 3], { dtype: 'int32' }))).toContain('<tr><td>1</td><td>2</td><td>3</td></tr>');
    expect(tensorHtml(tensor([true, false], { dtype: 'bool' }))).toContain('<td>true</td><td>false</td>');
    expect(tensorHtml(tensor(7))).toContain('<td>7.</td>');
  });

  it('large or high-rank tensors show as text only', () => {
    expect(tensorHtml(zeros([HTML_MAX_ELEMENTS / 4, 4]))).not.toBeNull();
    expect(tensorHtml(zeros([HTML_MAX_ELEMENTS / 4 + 1, 4]))).toBeNull();
    expect(tensorHtml(zeros([HTML_MAX_COLUMNS]))).not.toBeNull();
    expect(tensorHtml(zeros([HTML_MAX_COLUMNS + 1]))).toBeNull();
    expect(tensorHtml(zeros([2, 2, 2]))).toBeNull();
    expect(tensorMimeBundle(zeros([2, 2, 2]))).toEqual({ 'text/plain': zeros([2, 2, 2]).toString() });
  });

  it('Tensor and Variable answer the Jupyter display protocol with that bundle', () => {
    const x = linspace(0, 1, 3);
    expect(bundleOf(x)).toEqual({ 'text/plain': x.toString(), 'text/html': tensorHtml(x) });
    const v = new Variable([1, 2], { name: 'w' });
    const b = bundleOf(v);
    expect(b['text/plain']).toBe(v.toString());
    expect(b['text/html']).toContain('<td>1.</td><td>2.</td>');
  });
});
