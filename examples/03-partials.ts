/**
 * @file Cell 3: partial derivatives of f(x, y) = (sin 4x − cos 5y)/5 with Variables and a persistent tape
 * (one recording, several gradient calls).
 */
import { GradientTape, Variable, linspace, div, sub, sin, cos, mul } from 'gradtape';
import { Figure } from 'gradtape/plot';
import { runIfMain, saveFigure, type CellContext } from './_cell.js';

export async function partialsCell(ctx: CellContext): Promise<string[]> {
  const x = new Variable(linspace(-1, 1, 100), { name: 'x' });
  const y = new Variable(linspace(-1, 1, 100), { name: 'y' });
  const tape = new GradientTape({ persistent: true }); // Variables are watched automatically
  const f = tape.record(() => div(sub(sin(mul(4, x)), cos(mul(5, y))), 5));
  const [dfdx, dfdy] = tape.gradient(f, [x, y], { unconnectedGradients: 'zero' });
  // 100 points from -1 to 1 have no point at 0: print the grid point nearest 0 with its true coordinate
  const i = 50,
    xi = (x.value().toArray() as number[])[i]!,
    yi = (y.value().toArray() as number[])[i]!;
  ctx.log(
    `df/dx at x = ${xi.toFixed(6)}: ${(tape.gradient(f, x)!.toArray() as number[])[i].toFixed(6)} (closed form 0.8·cos(4x) = ${(0.8 * Math.cos(4 * xi)).toFixed(6)})`,
  );
  ctx.log(
    `df/dy at y = ${yi.toFixed(6)}: ${(dfdy.toArray() as number[])[i].toFixed(6)} (closed form sin(5y) = ${Math.sin(5 * yi).toFixed(6)})`,
  );

  const fig = new Figure({ width: 800, height: 360 });
  const [ax1, ax2] = fig.subplots(1, 2);
  ax1.plot(x.value(), dfdx, { label: '$\\partial f/\\partial x$' });
  ax1.xlabel('x');
  ax1.legend();
  ax2.plot(y.value(), dfdy, { label: '$\\partial f/\\partial y$', color: 'tab:orange' });
  ax2.xlabel('y');
  ax2.legend();
  return saveFigure(ctx, fig, 'partials');
}

runIfMain(import.meta.url, partialsCell);
