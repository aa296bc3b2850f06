/**
 * @file Anomaly detection: with `detectAnomaly` on, the first op whose forward pass, tangent or backward pass
 * turns finite values into NaN/Inf throws an `AnomalyError` naming it and the shapes involved.
 */
import type { Tensor } from './tensor.js';
import { fmtShape } from './shape.js';
import { state } from './state.js';

/** Raised by anomaly detection: names the op and the shapes involved. */
export class AnomalyError extends Error {
  override name = 'AnomalyError';
}

const hasNonFinite = (t: Tensor): boolean => {
  if (t.dtype !== 'float64' && t.dtype !== 'float32') return false;
  const d = t._read('detectAnomaly');
  for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i])) return true;
  return false;
};

export function checkForward(name: string, inputs: Tensor[], out: Tensor): void {
  if (!hasNonFinite(out) || inputs.some(hasNonFinite)) return;
  throw new AnomalyError(
    `detectAnomaly: the forward pass of '${name}' produced NaN or Inf from finite inputs ` +
      `(inputs ${inputs.map((t) => fmtShape(t.shape)).join(', ')} → output ${fmtShape(out.shape)})`,
  );
}

export function checkTangent(name: string, tangents: (Tensor | null)[], dt: Tensor, inputs: Tensor[]): void {
  if (!hasNonFinite(dt) || inputs.some(hasNonFinite) || tangents.some((t) => t !== null && hasNonFinite(t))) return;
  throw new AnomalyError(
    `detectAnomaly: the forward-mode tangent of '${name}' is NaN or Inf from finite inputs and tangents ` +
      `(inputs ${inputs.map((t) => fmtShape(t.shape)).join(', ')} → tangent ${fmtShape(dt.shape)})`,
  );
}

/** Checks one backward step; used by the tape when anomaly detection is on. */
export function checkBackward(name: string, g: Tensor, grads: (Tensor | null)[], inputs: Tensor[]): void {
  if (hasNonFinite(g)) return;
  grads.forEach((dx, i) => {
    if (dx && hasNonFinite(dx)) {
      throw new AnomalyError(
        `detectAnomaly: the backward pass of '${name}' produced NaN or Inf in the gradient of input ${i} ` +
          `(shape ${fmtShape(inputs[i].shape)}) from a finite output gradient (shape ${fmtShape(g.shape)})`,
      );
    }
  });
}

/**
 * Runs `fn` with anomaly detection on: the first op whose forward or backward pass turns finite values
 * into NaN/Inf throws an `AnomalyError` naming it.
 * @example detectAnomaly(() => tape.gradient(loss, x));
 */
export function detectAnomaly<T>(fn: () => T): T {
  if (typeof fn !== 'function')
    throw new TypeError(`detectAnomaly: fn must be a function to run with anomaly detection; got ${typeof fn}`);
  state.anomaly++;
  try {
    return fn();
  } finally {
    state.anomaly--;
  }
}
