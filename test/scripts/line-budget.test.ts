/** @file The line budget counts code, not comments or blank lines, and every budgeted folder exists. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeLines, count } from '../../scripts/line-budget.js';

describe('line budget', () => {
  it('counts code lines only', () => {
    const src = [
      '/**',
      ' * @file doc',
      ' */',
      'import { a } from "a";',
      '',
      '// a comment',
      'const x = 1; // trailing',
      '/* one */ const y = 2;',
      'const z = /* inline */ 3;',
      '/* open',
      'still comment */',
      'export { x, y, z };',
    ].join('\n');
    expect(codeLines(src)).toBe(5);
  });

  it('counts every budgeted folder of the repository', () => {
    const lines = count();
    for (const [folder, n] of Object.entries(lines)) {
      expect(existsSync(join(fileURLToPath(new URL('../../', import.meta.url)), folder)), folder).toBe(true);
      expect(n, folder).toBeGreaterThan(0);
    }
  });
});
