/** @file What every tutorial cell shares: where to write, how to print, and running a cell file on its own. */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface CellContext {
  /** Output folder (created if missing). */
  out: string;
  /** Where the cell prints what the notebook cell would print. */
  log: (line: string) => void;
  /** Progress of long renders (animation frames). */
  onProgress?: (done: number, total: number) => void;
}

export type Cell = (ctx: CellContext) => Promise<string[]>;

/** Path of a file in the output folder. */
export const outFile = (ctx: CellContext, name: string): string => join(ctx.out, name);

/** Saves `fig` as `<name>.png` and `<name>.svg` in the output folder; returns the two paths. */
export async function saveFigure(
  ctx: CellContext,
  fig: { save(path: string): Promise<void> },
  name: string,
): Promise<string[]> {
  const files = [outFile(ctx, `${name}.png`), outFile(ctx, `${name}.svg`)];
  for (const f of files) await fig.save(f);
  return files;
}

/** Runs `cell` when its file is executed directly (`node dist/examples/01-derivative.js [outDir]`). */
export function runIfMain(metaUrl: string, cell: Cell): void {
  const entry = process.argv[1];
  if (!entry || pathToFileURL(resolve(entry)).href !== metaUrl) return;
  const out = resolve(process.argv[2] ?? 'out');
  mkdirSync(out, { recursive: true });
  cell({ out, log: (s) => console.log(s) })
    .then((files) => console.log(`wrote ${files.join(', ')}`))
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    });
}
