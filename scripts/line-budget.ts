/**
 * @file Per-folder line budgets (tinygrad's habit): the lines of code in each folder of src/ and in web/, tests
 * and comments left out, against a budget. Exits 1 when a folder is over, so CI notices growth that nobody
 * chose; raising a budget is a deliberate edit here, in the same change that needs it.
 *
 * Usage: tsx scripts/line-budget.ts [--json]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * Lines of code per folder (subfolders included unless budgeted themselves), as Biome formats them (about half
 * again the hand-wrapped count: it opens every one-line block). Set with room above today's count.
 */
const BUDGETS: Record<string, number> = {
  'src/core': 1250,
  'src/primitives': 1150,
  'src/ops': 480, // with each op's options checked (ops/options.ts)
  'src/ir': 600,
  'src/autodiff': 890, // the tape (its tensors numbered by identity-index.ts, for speed) and the functional transforms, their arguments and options checked
  'src/compile': 900,
  'src/backends': 2700, // the CPU: JavaScript and WebAssembly SIMD lowerings, vector math
  'src/backends/webgpu': 1700, // WGSL lowering and its accurate functions, kernels, batching runner
  'src/optim': 2400,
  'src/expr': 2100, // symbolic derivatives and their simplifier
  'src/plot': 8200,
  'src/cli': 1600,
  'src/testing': 250,
  web: 1900,
};

/** Test-only files: not counted (they are not the library). */
const isTestOnly = (f: string) => /\.test\.ts$|\.d\.ts$/.test(f);

/**
 * Lines of code in a TypeScript source: blank lines and comment-only lines (`//`, and the lines of block
 * comments) are not counted; a line with code and a trailing comment is.
 */
export function codeLines(text: string): number {
  let n = 0,
    inBlock = false;
  for (const raw of text.split('\n')) {
    let line = raw.trim();
    if (inBlock) {
      const end = line.indexOf('*/');
      if (end < 0) continue;
      inBlock = false;
      line = line.slice(end + 2).trim();
    }
    while (line.startsWith('/*')) {
      const end = line.indexOf('*/', 2);
      if (end < 0) {
        inBlock = true;
        line = '';
        break;
      }
      line = line.slice(end + 2).trim();
    }
    if (line && !line.startsWith('//')) n++;
  }
  return n;
}

function* tsFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* tsFiles(p);
    else if (e.name.endsWith('.ts')) yield p;
  }
}

/** Each budgeted folder's line count. A file belongs to the deepest budgeted folder holding it. */
export function count(root = ROOT): Record<string, number> {
  const folders = Object.keys(BUDGETS).sort((a, b) => b.length - a.length);
  const lines: Record<string, number> = Object.fromEntries(Object.keys(BUDGETS).map((k) => [k, 0]));
  for (const top of new Set(Object.keys(BUDGETS).map((k) => k.split('/')[0]))) {
    for (const file of tsFiles(join(root, top))) {
      const rel = relative(root, file).split('\\').join('/');
      if (isTestOnly(rel)) continue;
      const owner = folders.find((f) => rel.startsWith(`${f}/`));
      if (owner) lines[owner] += codeLines(readFileSync(file, 'utf8'));
    }
  }
  return lines;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const lines = count();
  const over = Object.keys(BUDGETS).filter((k) => lines[k] > BUDGETS[k]);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ lines, budgets: BUDGETS, over }, null, 2));
  } else {
    for (const k of Object.keys(BUDGETS)) {
      const flag = lines[k] > BUDGETS[k] ? '  OVER' : '';
      console.log(`${k.padEnd(16)} ${String(lines[k]).padStart(6)} / ${String(BUDGETS[k]).padStart(6)}${flag}`);
    }
    const total = Object.values(lines).reduce((a, b) => a + b, 0);
    console.log(`${'total'.padEnd(16)} ${String(total).padStart(6)}`);
  }
  if (over.length) {
    console.error(
      `line budget: ${over.join(', ')} over budget; simplify, or raise the budget in scripts/line-budget.ts on purpose`,
    );
    process.exitCode = 1;
  }
}
