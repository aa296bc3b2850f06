/**
 * @file Cell 1: the derivative of f(x) = x² + 1 with a GradientTape, plotted with its derivative.
 * TensorFlow: `with tf.GradientTape() as tape: tape.watch(x); y = x**2 + 1` then `tape.gradient(y, x)`.
 */
import { GradientTape, linspace, add, pow } from 'gradtape';
import { Figure } from 'gradtape/plot';
import { runIfMain, saveFigure, type CellContext } from './_cell.js';

export async function derivativeCell(ctx: CellContext): Promise<string[]> {
  const x = linspace(-5, 5, 100);
  const tape = new GradientTape();
  const y = tape.record(() => {
    tape.watch(x);
    return add(pow(x, 2), 1);
  });
  const dy = tape.gradient(y, x)!; // `!`: null only where y does not depend on x
  ctx.log(dy.toString());

  const fig = new Figure({ width: 640, height: 480 });
  const ax = fig.addAxes();
  ax.plot(x, y, { label: '$f(x) = x^2 + 1$' });
  ax.plot(x, dy, { label: "$f'(x)$" });
  ax.xlabel('x');
  ax.legend();
  return saveFigure(ctx, fig, 'derivative');
}

runIfMain(import.meta.url, derivativeCell);
