/** @file Cell 4: the surface z = f(x, y) over a meshgrid, seen from viewInit(-140, 120) as in the tutorial. */
import { linspace, meshgrid, div, sub, sin, cos, mul } from 'gradtape';
import { Figure } from 'gradtape/plot';
import { runIfMain, saveFigure, type CellContext } from './_cell.js';

export const f = (x: Parameters<typeof mul>[1], y: Parameters<typeof mul>[1]) =>
  div(sub(sin(mul(4, x)), cos(mul(5, y))), 5);

export async function surfaceCell(ctx: CellContext): Promise<string[]> {
  const [X, Y] = meshgrid(linspace(-1, 1, 50), linspace(-1, 1, 50));
  const Z = f(X, Y);
  const fig = new Figure({ width: 640, height: 480 });
  const ax = fig.addAxes3d();
  ax.plotSurface(X, Y, Z, { cmap: 'viridis' });
  ax.viewInit(-140, 120);
  ax.xlabel('x');
  ax.ylabel('y');
  ax.zlabel('z');
  return saveFigure(ctx, fig, 'surface');
}

runIfMain(import.meta.url, surfaceCell);
