/**
 * @file The whole tutorial, "Computing Derivatives and Gradients Automatically with TensorFlow", in gradtape:
 * every cell in order, printing what the notebook prints and writing every figure to `out/` (or the folder
 * given as the first argument). `npm run demo` runs this file.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { derivativeCell } from './01-derivative.js';
import { sineCell } from './02-sine.js';
import { partialsCell } from './03-partials.js';
import { surfaceCell } from './04-surface.js';
import { contourCell } from './05-contour.js';
import { sgdStepCell } from './06-sgd-step.js';
import { descentCell } from './07-descent.js';
import { runIfMain, type Cell, type CellContext } from './_cell.js';

const CELLS: [string, Cell][] = [
  ['Derivative of x² + 1', derivativeCell],
  ['Derivative of 5 sin(2x) + x²', sineCell],
  ['Partial derivatives of (sin 4x − cos 5y)/5', partialsCell],
  ['Surface plot', surfaceCell],
  ['Contour plot', contourCell],
  ['One SGD step', sgdStepCell],
  ['Gradient descent animation', descentCell],
];

export interface TutorialOptions {
  out?: string;
  log?: (line: string) => void;
  progress?: boolean;
}

/** Runs every cell; returns the files written. */
export async function runTutorial(opts: TutorialOptions = {}): Promise<string[]> {
  const out = resolve(opts.out ?? 'out');
  mkdirSync(out, { recursive: true });
  const log = opts.log ?? ((s: string) => console.log(s));
  const files: string[] = [];
  for (const [i, [title, cell]] of CELLS.entries()) {
    log(`\n[${i + 1}/${CELLS.length}] ${title}`);
    const ctx: CellContext = { out, log, onProgress: opts.progress === false ? undefined : progressBar() };
    const t0 = performance.now();
    files.push(...(await cell(ctx)));
    log(`    (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  return files;
}

/** A one-line progress bar on stderr (only on a terminal). */
function progressBar(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (done, total) => {
    const width = 30,
      filled = Math.round((done / total) * width);
    process.stderr.write(`\r    frames [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    if (done === total) process.stderr.write('\n');
  };
}

runIfMain(import.meta.url, async (ctx) => {
  const t0 = performance.now();
  const files = await runTutorial({ out: ctx.out, log: ctx.log });
  ctx.log(`\nDone in ${((performance.now() - t0) / 1000).toFixed(1)} s. Figures in ${ctx.out}:`);
  return files.map((f) => f.slice(ctx.out.length + 1));
});
