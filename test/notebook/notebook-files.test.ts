/**
 * @file The committed notebook and its import map, checked without a kernel: outputs are stripped (CI executes it
 * fresh; see notebooks/README.md), it asks for the `deno` kernel, and notebooks/deno.json maps `gradtape` and
 * `gradtape/plot` to exactly the files package.json exports, so the notebook imports what a user's install gets.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';

const read = (p: string) => JSON.parse(readFileSync(new URL(`../../${p}`, import.meta.url), 'utf8'));

describe('notebooks/', () => {
  it('tutorial.ipynb is committed with outputs stripped, for the deno kernel', () => {
    const nb = read('notebooks/tutorial.ipynb');
    expect(nb.metadata.kernelspec.name).toBe('deno');
    const code = nb.cells.filter((c: { cell_type: string }) => c.cell_type === 'code');
    expect(code.length).toBeGreaterThan(0);
    for (const c of code) {
      expect(c.outputs).toEqual([]);
      expect(c.execution_count).toBeNull();
    }
  });

  it('deno.json maps the package names to the files package.json exports', () => {
    const { imports } = read('notebooks/deno.json');
    const { exports } = read('package.json');
    const expected = Object.fromEntries(
      Object.entries(exports as Record<string, { import?: string }>)
        .filter(([, v]) => typeof v === 'object' && v.import)
        .map(([k, v]) => [posix.join('gradtape', k), posix.join('..', v.import!)]),
    );
    expect(imports).toEqual(expected);
  });
});
