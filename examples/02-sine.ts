/** @file Cell 2: f(x) = 5 sin(2x) + x² and its derivative 10 cos(2x) + 2x, from the tape. */
import { GradientTape, linspace, add, mul, sin, pow } from 'gradtape';
import { Figure } from 'gradtape/plot';
import { runIfMain, saveFigure, type CellContext } from './_cell.js';

export async function sineCell(ctx: CellContext): Promise<string[]> {
  const x = linspace(-5, 5, 100);
  const tape = new GradientTape();
  const y = tape.record(() => {
    tape.watch(x);
    return add(mul(5, sin(mul(2, x))), pow(x, 2));
  });
  const dy = tape.gradient(y, x)!;
  // 100 points from -5 to 5 have no point at 0: name the true coordinates of the points printed
  const at = [0, 49, 99],
    xs = x.toArray() as number[],
    ds = dy.toArray() as number[];
  ctx.log(`f'(x) at x = ${at.map((i) => +xs[i].toFixed(4)).join(', ')}: ${at.map((i) => ds[i].toFixed(4)).join(', ')}`);

  const fig = new Figure({ width: 640, height: 480 });
  const ax = fig.addAxes();
  ax.plot(x, y, { label: '$f(x) = 5\\sin(2x) + x^2$' });
  ax.plot(x, dy, { label: "$f'(x)$" });
  ax.xlabel('x');
  ax.legend();
  return saveFigure(ctx, fig, 'sine');
}

runIfMain(import.meta.url, sineCell);
