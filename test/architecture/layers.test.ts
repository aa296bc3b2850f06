/**
 * @file The import layering of src/ (ARCHITECTURE.md, "Layers"), checked on every import.
 *
 * Every static `import`/`export … from` and every `import()` of a relative path in a non-test file of src/ is
 * parsed with the TypeScript parser. A file's layer is its top folder under src/ (subfolders such as
 * `backends/cpu/wasm` or anything under `plot/` belong to it), except the op tables, which are their own layer.
 * A file may import its own layer or a lower one; two layers of the same rank (compile and optim, expr and plot)
 * may not import each other. Because ranks strictly decrease along every import between folders, no cycle
 * between folders is possible; the cycle check below says so explicitly and names one if the rule is relaxed.
 *
 * Type-only imports count like any other: a layer whose types name a higher layer's types cannot be compiled
 * or understood without it, and type cycles are how the layering decays first.
 *
 * Test files (`*.test.ts`) are not checked: a test exercises its layer through the ones above it (a core test
 * builds its inputs with ops), and nothing ships them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Layer ranks, lowest first. A file imports only ranks below its own, or its own layer. */
const RANK: Record<string, number> = {
  core: 0, // dtype, shape, Tensor, Variable, storage, the engine and its state
  ir: 1, // the elementwise IR (its nodes carry core's dtypes)
  optable: 2, // the op tables and the algebra their rules are written over: data over the IR
  backends: 3, // implement core's Backend interface, lowering the op tables' IR
  primitives: 4,
  ops: 5,
  autodiff: 6, // tape, forward mode, transforms, customGradient
  compile: 7,
  optim: 7,
  testing: 7, // gradcheck: uses autodiff, used by nothing in src/
  expr: 8,
  plot: 8,
  index: 9, // src/index.ts, the package entry point
  cli: 10,
};

/**
 * The op tables are engine-free (they import only `ir/`), so the backends, the formula parser and the web page's
 * syntax checker can read them without loading the tensor engine; they live beside the primitives they define.
 */
const OPTABLE = new Set(['primitives/unary-table.ts', 'primitives/binary-table.ts', 'primitives/algebra.ts']);

function layerOf(file: string): string {
  const rel = relative(SRC, file).split(sep).join('/');
  if (OPTABLE.has(rel)) return 'optable';
  if (!rel.includes('/')) return rel === 'index.ts' ? 'index' : `(unknown root file ${rel})`;
  return rel.slice(0, rel.indexOf('/'));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

interface Import {
  file: string;
  spec: string;
  target: string;
  typeOnly: boolean;
}

/** Every relative import of `file`: static imports, re-exports and `import('…')` with a literal path. */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Import[] = [];
  const add = (spec: string, typeOnly: boolean) => {
    if (spec.startsWith('.'))
      out.push({ file, spec, target: join(dirname(file), spec).replace(/\.js$/, '.ts'), typeOnly });
  };
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) {
      add(n.moduleSpecifier.text, !!n.importClause?.isTypeOnly);
    } else if (ts.isExportDeclaration(n) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      add(n.moduleSpecifier.text, n.isTypeOnly);
    } else if (
      ts.isCallExpression(n) &&
      n.expression.kind === ts.SyntaxKind.ImportKeyword &&
      n.arguments[0] &&
      ts.isStringLiteralLike(n.arguments[0])
    ) {
      add(n.arguments[0].text, false);
    } else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) {
      add(n.argument.literal.text, true);
    } else if (ts.isModuleDeclaration(n) && ts.isStringLiteral(n.name)) {
      add(n.name.text, true); // `declare module './x.js'` augments x: a dependency on it
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

const imports = sourceFiles(SRC).flatMap(importsOf);
const show = (i: Import) =>
  `${relative(SRC, i.file).split(sep).join('/')} imports '${i.spec}'${i.typeOnly ? ' (type-only)' : ''}: ${layerOf(i.file)} → ${layerOf(i.target)}`;

describe('import layering of src/', () => {
  it('finds the imports it checks', () => {
    // guards against a parser or path change that silently checks nothing
    expect(imports.length).toBeGreaterThan(300);
    expect(imports.some((i) => i.spec.includes('import(') || !i.typeOnly)).toBe(true);
  });

  it('puts every file in a known layer', () => {
    const unknown = [...new Set(imports.flatMap((i) => [i.file, i.target]).map(layerOf))].filter((l) => !(l in RANK));
    expect(unknown).toEqual([]);
  });

  it('imports only downwards', () => {
    const bad = imports
      .filter((i) => {
        const a = layerOf(i.file);
        const b = layerOf(i.target);
        return a !== b && !(RANK[b] < RANK[a]);
      })
      .map(show);
    expect(bad).toEqual([]);
  });

  it('has no import cycle between folders', () => {
    const edges = new Map<string, Set<string>>();
    for (const i of imports) {
      const a = layerOf(i.file);
      const b = layerOf(i.target);
      if (a !== b) {
        if (!edges.has(a)) edges.set(a, new Set());
        edges.get(a)?.add(b);
      }
    }
    const cycles: string[] = [];
    const visiting: string[] = [];
    const done = new Set<string>();
    const dfs = (n: string) => {
      if (done.has(n)) return;
      const at = visiting.indexOf(n);
      if (at >= 0) {
        cycles.push([...visiting.slice(at), n].join(' → '));
        return;
      }
      visiting.push(n);
      for (const m of edges.get(n) ?? []) dfs(m);
      visiting.pop();
      done.add(n);
    };
    for (const n of edges.keys()) dfs(n);
    expect(cycles).toEqual([]);
  });

  it('keeps the op tables engine-free: they import only the IR and each other', () => {
    const bad = imports
      .filter((i) => layerOf(i.file) === 'optable' && !['ir', 'optable'].includes(layerOf(i.target)))
      .map(show);
    expect(bad).toEqual([]);
  });

  it('has no setter hooks in core through which a higher layer wires itself in by import order', () => {
    // a higher layer adds behaviour to core's classes as methods (ops/methods.ts), never through a core setter
    const hooks = sourceFiles(join(SRC, 'core')).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/export (?:function|const|let) (set[A-Z]\w*)/g)].map(
        (m) => `${relative(SRC, f).split(sep).join('/')}: ${m[1]}`,
      ),
    );
    expect(hooks).toEqual([]);
  });
});
