/**
 * @file Cell 1: the derivative of f(x) = x² + 1 with a GradientTape, plotted with its derivative.
 * TensorFlow: `with tf.GradientTape() as tape: tape.watch(x); y = x**2 + 1` then `tape.gradient(y, x)`.
 */
import { GradientTape, linspace, add, pow } from 'gradtape';
import { Figure } from 'gradtape/plot';
import { outFile, runIfMain, type CellContext } from './_cell.js';

export async function derivativeCell(ctx: CellContext): Promise<string[]> {
  const x = linspace(-5, 5, 100);
  const tape = new GradientTape();
  const y = tape.record(() => {
    tape.watch(x);
    return add(pow(x, 2), 1);
  });
  const dy = tape.gradient(y, x);
  ctx.log(dy.toString());

  const fig = new Figure({ width: 640, height: 480 });
  const ax = fig.addAxes();
  ax.plot(x, y, { label: '$f(x) = x^2 + 1$' });
  ax.plot(x, dy, { label: "$f'(x)$" });
  ax.xlabel('x');
  ax.legend();
  const files = [outFile(ctx, 'derivative.png'), outFile(ctx, 'derivative.svg')];
  for (const f of files) await fig.save(f);
  return files;
}

runIfMain(import.meta.url, derivativeCell);
