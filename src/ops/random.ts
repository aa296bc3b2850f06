/** @file Seeded random tensors: the same seed gives the same numbers on every machine. */
import { checkShape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { generated, type DTypeOptions } from './creation.js';
import { dtypeOf } from './options.js';
import { optionsOf } from '../core/suggest.js';
import { defaultFloat } from '../core/device.js';

/** splitmix32-style generator over 32-bit ints; two draws make one 53-bit uniform double in [0, 1). */
function generator(seed: number): () => number {
  let s = seed >>> 0;
  const next32 = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  return () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
}

let globalSeed = (Math.random() * 2 ** 32) >>> 0;
const seeded = (seed: number | undefined, fn: string): (() => number) => {
  if (seed === undefined) return generator(globalSeed++);
  if (!Number.isInteger(seed)) throw new TypeError(`${fn}: seed must be an integer; got ${seed}`);
  return generator(seed);
};

/** Options of `random.normal`: seed (reproducible draws), mean, stddev and dtype. */
export interface NormalOptions extends DTypeOptions {
  seed?: number;
  mean?: number;
  stddev?: number;
}
/** Options of `random.uniform`: seed (reproducible draws), the range [min, max) and dtype. */
export interface UniformOptions extends DTypeOptions {
  seed?: number;
  min?: number;
  max?: number;
}

/** Normal samples (Box–Muller). @example random.normal([3], { seed: 0 }) */
function normal(shape: number[], options?: NormalOptions): Tensor {
  const s = checkShape(shape, 'random.normal');
  const opts = optionsOf(options, 'random.normal', ['mean', 'stddev', 'seed', 'dtype']);
  const { mean = 0, stddev = 1 } = opts;
  if (!(stddev >= 0)) throw new RangeError(`random.normal: stddev must be ≥ 0; got ${stddev}`);
  const rand = seeded(opts.seed, 'random.normal');
  // Box–Muller makes samples in pairs: an even index draws both, its odd neighbour takes the second
  let second = 0;
  return generated(s, dtypeOf(opts, 'random.normal') ?? defaultFloat(), (i) => {
    if (i % 2 === 1) return second;
    const u1 = 1 - rand(),
      u2 = rand();
    const r = Math.sqrt(-2 * Math.log(u1));
    second = mean + stddev * r * Math.sin(2 * Math.PI * u2);
    return mean + stddev * r * Math.cos(2 * Math.PI * u2);
  });
}

/** Uniform samples in [min, max). @example random.uniform([2, 2], { seed: 1, min: -1, max: 1 }) */
function uniform(shape: number[], options?: UniformOptions): Tensor {
  const s = checkShape(shape, 'random.uniform');
  const opts = optionsOf(options, 'random.uniform', ['min', 'max', 'seed', 'dtype']);
  const { min = 0, max = 1 } = opts;
  if (!(max >= min)) throw new RangeError(`random.uniform: max (${max}) must be ≥ min (${min})`);
  const rand = seeded(opts.seed, 'random.uniform');
  return generated(s, dtypeOf(opts, 'random.uniform') ?? defaultFloat(), () => min + (max - min) * rand());
}

/** Sets the seed used when a call gives none. @example random.setSeed(42) */
function setSeed(seed: number): void {
  if (!Number.isInteger(seed)) throw new TypeError(`random.setSeed: seed must be an integer; got ${seed}`);
  globalSeed = seed >>> 0;
}

export const random = { normal, uniform, setSeed };
