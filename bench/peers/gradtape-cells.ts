/**
 * @file The tutorial's computations written once against a gradtape API handed in: the current sources (the
 * gradtape peers, tape-floor.ts) or an older revision's bundle (compare-revs.ts), so that every tool times the very
 * same iteration. Only gradtape's types are imported here, never its code: a child timing an old revision must
 * not load the current library beside it.
 */
import type * as gt from '../../src/index.js';

type Tensor = gt.Tensor;

/**
 * W1, one full iteration of the tutorial's first cell: a fresh tape records x² + 1, then the gradient (2x). The
 * functions are taken from `api` once, so the iteration itself reads no module properties.
 */
export function cell1Of({ GradientTape, add, square }: Pick<typeof gt, 'GradientTape' | 'add' | 'square'>) {
  return (x: Tensor): [Tensor, Tensor] => {
    const tape = new GradientTape();
    const y = tape.record(() => {
      tape.watch(x);
      return add(square(x), 1);
    });
    return [y, tape.gradient(y, x)!];
  };
}

/** The function of W3–W5, f(x, y) = (sin 4x − cos 5y)/5 (x and y tensors or Variables). */
export function sinCosOf({ div, sub, sin, cos, mul }: Pick<typeof gt, 'div' | 'sub' | 'sin' | 'cos' | 'mul'>) {
  return (x: unknown, y: unknown): Tensor => div(sub(sin(mul(4, x as Tensor)), cos(mul(5, y as Tensor))), 5);
}
