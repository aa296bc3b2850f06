/**
 * @file The default seed of a gradient: ones shaped like the target. Small seeds are shared per dtype and shape
 * (a fresh 100-element array cost a tenth of the tutorial's first cell): tensors are immutable, so only identity
 * could tell. The tape hands out a copy wherever the seed itself would reach the user as a gradient, and the
 * first-order unary rules recognise it (a cotangent of ones needs no multiplication).
 */
import { Tensor, fromHost } from './tensor.js';
import { allocData } from './dtype.js';
import { sameShape } from './shape.js';
import { currentDevice } from './device.js';

/** Larger seeds are made fresh: the fill is small next to the work, and a shared one would stay alive. */
const MAX_SHARED_SEED = 4096;
let seed64: Tensor | null = null,
  seed32: Tensor | null = null;

/**
 * Ones like `t`, shared while `t`'s dtype and shape stay the same.
 * @example onesSeed(y) // ones of y's shape and dtype
 */
export function onesSeed(t: Tensor): Tensor {
  const dev = currentDevice();
  if (t.size > MAX_SHARED_SEED) return new Tensor(dev.full(1, t.dtype, t.size), t.shape, t.dtype, dev);
  const cached = t.dtype === 'float64' ? seed64 : t.dtype === 'float32' ? seed32 : null;
  if (cached !== null && cached._device === dev && sameShape(cached.shape, t.shape)) return cached;
  // its own allocation, not the pool's: a shared seed lives long and would keep a whole slab alive
  const s = fromHost(allocData(t.dtype, t.size).fill(1), t.shape.slice(), t.dtype);
  if (t.dtype === 'float64') seed64 = s;
  else if (t.dtype === 'float32') seed32 = s;
  return s;
}

/** Whether `g` is a shared seed (all ones, never to be handed to the user as it is). @example isSharedSeed(g) */
export const isSharedSeed = (g: Tensor): boolean => g === seed64 || g === seed32;
