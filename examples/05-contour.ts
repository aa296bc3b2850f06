/** @file Cell 5: the contour plot of f(x, y) with 10 levels, labelled inline (`clabel`). */
import { linspace, meshgrid } from 'gradtape';
import { Figure } from 'gradtape/plot';
import { f } from './04-surface.js';
import { runIfMain, saveFigure, type CellContext } from './_cell.js';

/** The tutorial's contour figure; the descent animation draws on top of it. */
export function contourFigure() {
  const [X, Y] = meshgrid(linspace(-1, 1, 100), linspace(-1, 1, 100));
  const fig = new Figure({ width: 640, height: 480 });
  const ax = fig.addAxes();
  const cs = ax.contour(X, Y, f(X, Y), { levels: 10 });
  ax.clabel(cs, { inline: true, fontSize: 10 });
  ax.xlabel('x');
  ax.ylabel('y');
  return { fig, ax };
}

export async function contourCell(ctx: CellContext): Promise<string[]> {
  const { fig } = contourFigure();
  return saveFigure(ctx, fig, 'contour');
}

runIfMain(import.meta.url, contourCell);
