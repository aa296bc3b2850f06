/**
 * @file Figure output: save to .svg/.png (Node, atomically: see atomic-write.ts) and notebook display (Deno Jupyter, tslab, or a temp file).
 * Node modules are imported lazily so browser bundles of the plot package stay free of them.
 */
import { nodeBuiltin } from './node-builtins.js';
import { svgToPng } from './raster.js';
import { figureBundle } from './display.js';
import { writeAtomic } from './atomic-write.js';

/** The parts of a Figure that output needs. */
export interface Renderable {
  toSVG(): string;
  /** Resolves once plot data coming from a GPU are here (Figure.ready). */
  ready?(): Promise<void>;
  toString(): string;
  width: number;
  height: number;
}

const SUPPORTED = ['.svg', '.png'];

/**
 * Write a figure to disk by extension, atomically; the path is checked before the figure is rendered.
 * @example await saveFigure(fig, 'f.svg')
 */
export async function saveFigure(fig: Renderable, path: string, opts: { scale?: number } = {}): Promise<void> {
  if (typeof path !== 'string' || path === '') throw new Error('Figure.save: path must be a non-empty string');
  const m = /\.([^./\\]+)$/.exec(path);
  const ext = m ? '.' + m[1].toLowerCase() : '';
  if (!SUPPORTED.includes(ext)) {
    throw new Error(
      `Figure.save: unsupported file extension '${ext || '(none)'}' in '${path}'; supported: ` +
        `${SUPPORTED.join(', ')} (animations: FuncAnimation.save for .gif/.mp4/.html)`,
    );
  }
  const { writeFile } = await nodeBuiltin('node:fs/promises');
  // writeAtomic checks the folder (and that a file can be created there) before the figure is rendered.
  await fig.ready?.();
  await writeAtomic(path, 'Figure.save', async (tmp) => {
    const svg = fig.toSVG();
    await writeFile(tmp, ext === '.svg' ? svg : await svgToPng(svg, { scale: opts.scale }));
  });
}

/**
 * Show a figure: Deno Jupyter → display_data; tslab → tslab.display.svg; browser → append to document.body;
 * otherwise write a temporary SVG and print its path.
 * @example await showFigure(fig)
 */
export async function showFigure(fig: Renderable): Promise<void> {
  const g = globalThis as {
    Deno?: { jupyter?: { display?: (b: unknown, o?: unknown) => Promise<void> } };
    document?: { body: { insertAdjacentHTML(p: string, s: string): void } };
  };
  await fig.ready?.();
  const svg = fig.toSVG();
  if (g.Deno?.jupyter?.display) {
    await g.Deno.jupyter.display(await figureBundle(fig), { raw: true });
    return;
  }
  try {
    const id = 'tslab'; // a variable, so bundlers do not try to resolve this optional dependency
    const tslab = (await import(/* @vite-ignore */ id)) as { display?: { svg(s: string): void } };
    if (tslab?.display?.svg) {
      tslab.display.svg(svg);
      return;
    }
  } catch {
    /* tslab not installed: fall through */
  }
  if (g.document?.body) {
    g.document.body.insertAdjacentHTML('beforeend', svg);
    return;
  }
  const { tmpdir } = await nodeBuiltin('node:os');
  const { join } = await nodeBuiltin('node:path');
  const { writeFile } = await nodeBuiltin('node:fs/promises');
  const file = join(
    tmpdir(),
    `gradtape-figure-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}.svg`,
  );
  await writeFile(file, svg);
  console.log(`${fig.toString()} written to ${file}`);
}
