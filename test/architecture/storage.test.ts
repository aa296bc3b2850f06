/**
 * @file Storage behind the backend (ARCHITECTURE.md, "Storage"): only `src/backends/` looks at a tensor's
 * elements. Everything else reads them through the device (`Tensor._read`, which is the device's `readSync`;
 * `data()`, `toArray()`, `item()`) and makes tensors from host values with `fromHost` or the device's `full`.
 *
 * A `Handle` is an opaque type, so the type checker already refuses to index one; what it cannot see is a cast.
 * This check therefore parses every TypeScript file of src/ (tests included) outside `src/backends/` and fails on:
 * - any `._data` (the old field: storage read as a typed array);
 * - any `._buf` outside the files listed below, each of which only passes the handle along or compares it;
 * - any import of the CPU backend's handle casts (`backends/cpu/storage.ts`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Files outside the backends that may name `_buf`, and why. */
const MAY_NAME_HANDLE: Record<string, string> = {
  'core/tensor.ts': 'defines the field, hands it to its device (readSync) and to aliases over the same storage',
  'compile/graph.ts': 'keys slots by storage identity (a Map key, never read)',
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return p === join(SRC, 'backends') ? [] : files(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

interface Touch {
  file: string;
  line: number;
  what: string;
}

/** Every place in `text` (the file `rel`, relative to src/) that touches storage. */
function touches(rel: string, text: string): Touch[] {
  const sf = ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true);
  const out: Touch[] = [];
  const at = (n: ts.Node, what: string) =>
    out.push({ file: rel, line: sf.getLineAndCharacterOfPosition(n.getStart()).line + 1, what });
  const visit = (n: ts.Node): void => {
    if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
      const name = ts.isPropertyAccessExpression(n)
        ? n.name.text
        : ts.isStringLiteralLike(n.argumentExpression)
          ? n.argumentExpression.text
          : '';
      if (name === '_data') at(n, 'reads ._data');
      if (name === '_buf' && !(rel in MAY_NAME_HANDLE)) at(n, 'names ._buf');
    }
    if (
      (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) &&
      n.moduleSpecifier &&
      ts.isStringLiteral(n.moduleSpecifier) &&
      /backends\/cpu\/storage(\.js)?$/.test(n.moduleSpecifier.text)
    )
      at(n, "imports the CPU backend's handle casts");
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

const all = files(SRC);

describe('storage behind the backend', () => {
  it('checks the files it should', () => {
    // guards against a path change that silently checks nothing
    expect(all.length).toBeGreaterThan(150);
    expect(all.some((f) => f.endsWith(join('core', 'tensor.ts')))).toBe(true);
    expect(all.some((f) => f.includes(`${sep}backends${sep}`))).toBe(false);
  });

  it('finds a touch where there is one (the check can fail)', () => {
    const probe = [
      'const v = t._data[0];',
      'const h = (x as any)._buf;',
      "const k = t['_buf'];",
      "import { arr } from '../backends/cpu/storage.js';",
    ].join('\n');
    expect(touches('ops/probe.ts', probe).map((t) => `${t.line} ${t.what}`)).toEqual([
      '1 reads ._data',
      '2 names ._buf',
      '3 names ._buf',
      "4 imports the CPU backend's handle casts",
    ]);
    expect(touches('compile/graph.ts', 'm.set(t._buf, 1);')).toEqual([]);
  });

  it('has no code outside src/backends/ that looks at element storage', () => {
    const bad = all
      .flatMap((f) => touches(relative(SRC, f).split(sep).join('/'), readFileSync(f, 'utf8')))
      .map((t) => `${t.file}:${t.line} ${t.what}`);
    expect(bad).toEqual([]);
  });
});
