/**
 * @file AdamW, Keras 3 (`adamw.py`): Adam's update plus decoupled weight decay `w ← w − w·weightDecay·lr`,
 * applied by the base class before the update, with Keras's default `weightDecay = 0.004`.
 */
import { Adam, type AdamOptions } from './adam.js';

export interface AdamWOptions extends AdamOptions {}

/**
 * Adam with decoupled weight decay. Defaults: Adam's, plus `weightDecay = 0.004`.
 * @example const opt = new AdamW({ learningRate: 0.01, weightDecay: 0.01 });
 */
export class AdamW extends Adam {
  constructor(options: AdamWOptions = {}) {
    if (
      options !== null &&
      typeof options === 'object' &&
      'weightDecay' in options &&
      typeof options.weightDecay !== 'number'
    ) {
      throw new Error(`AdamW: weightDecay must be a number >= 0 (got ${String(options.weightDecay)})`);
    }
    super(options, 'AdamW', [], { weightDecay: 0.004 });
  }
}
