/**
 * @file Gradient accumulation with Keras 3's arithmetic (`base_optimizer._backend_apply_gradients`): the gradients
 * of k calls are summed per variable, and every k-th call applies (g + accumulated) / k and resets the sum.
 */
import type { FloatArray, Round } from './clip.js';
import { add, div } from '../ops/index.js';
import { constant, hostCopy, slotTensor, Tensor, type FloatDType, type Variable } from './bridge.js';

/** Per-variable running sums of gradients, in each variable's dtype: arrays on the host path, tensors on the other. */
export class GradientAccumulator {
  // Weak: a discarded variable takes its accumulator with it.
  private readonly sums = new WeakMap<Variable, FloatArray | Tensor>();

  constructor(readonly steps: number) {}

  /**
   * Folds this call's gradients in. On the k-th call (`call` is the 0-based count of calls so far) it replaces
   * `grads` in place by the averages, resets the sums and returns true; otherwise it returns false.
   * @example if (acc.add(vars, grads, rounds, calls)) applyUpdate(vars, grads);
   */
  add(vars: Variable[], grads: FloatArray[], rounds: Round[], call: number): boolean {
    const k = this.steps;
    const update = (call + 1) % k === 0;
    vars.forEach((v, i) => {
      const g = grads[i]!;
      const r = rounds[i]!;
      let sum = this.sums.get(v);
      if (sum instanceof Tensor) this.sums.set(v, (sum = hostCopy(sum)));
      if (sum === undefined)
        this.sums.set(v, (sum = g instanceof Float32Array ? new Float32Array(g.length) : new Float64Array(g.length)));
      for (let j = 0; j < g.length; j++) {
        if (update) g[j] = r(r(g[j]! + sum[j]!) / k);
        else sum[j] = r(g[j]! + sum[j]!);
      }
      if (update) sum.fill(0);
    });
    return update;
  }

  /**
   * `add` on tensors: returns the averaged gradients on the k-th call (and resets the sums), else undefined.
   * @example const g = acc.addTensors(vars, grads, calls); if (g !== undefined) applyUpdate(vars, g);
   */
  addTensors(vars: Variable[], grads: Tensor[], call: number): Tensor[] | undefined {
    const update = (call + 1) % this.steps === 0;
    const out = vars.map((v, i) => {
      const g = grads[i]!;
      const held = this.sums.get(v);
      const total = held === undefined ? g : add(g, held instanceof Tensor ? held : slotTensor(held, v.shape));
      if (!update) {
        this.sums.set(v, total);
        return g;
      }
      this.sums.delete(v);
      return div(total, constant(this.steps, g.dtype as FloatDType));
    });
    return update ? out : undefined;
  }
}
