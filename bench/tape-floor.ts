/**
 * @file How close gradtape's eager W1 (the tutorial's first cell: a fresh tape records x² + 1 over 100 points, then
 * `gradient`) is to the floor of its design in JavaScript. The floor is the same iteration on the leanest tape that
 * still works the way gradtape's does:
 *
 * - tensors hold Float64Array views carved from 64 KiB slabs that are not zeroed (core/storage.ts);
 * - each op runs one loop, makes its output tensor and shows it to the recording tapes;
 * - the tape numbers the tensors it sees (newest-first search), keeps a node when an input is connected, and
 *   keys cotangents by number on the way back.
 *
 * It leaves out everything else: argument checks, dtypes and promotion, the backend layer, nesting, Variables,
 * options, the shared seed. TF.js CPU's W1 is in bench/RESULTS.md; a ratio target over it that the floor cannot
 * reach is out of reach for any tape of this design, and the gap between the two rows is what gradtape's features
 * cost. Each tape is measured in a Node process of its own (sharing one, each slowed the other; glibc's heap
 * trimming off, as in bench/compare-revs.ts), in alternated
 * pairs, so that load that comes and goes hits both alike. Run: `npx tsx bench/tape-floor.ts [pairs]`.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { GradientTape, type Tensor, add, square, tensor } from '../src/index.js';
import { cell1Of } from './peers/gradtape-cells.js';
import { alternate, fmtTime, measureAlone, median, untrimmedEnv } from './harness.js';
import { w1X } from './workloads.js';

// ---- the lean tape ----

const SLAB = 1 << 16;
let slab = new ArrayBuffer(0),
  used = 0;
/** Not zeroed where Node can (Buffer.allocUnsafeSlow), as gradtape's kernel outputs. */
const fresh = (): ArrayBuffer =>
  typeof Buffer === 'function' ? (Buffer.allocUnsafeSlow(SLAB).buffer as ArrayBuffer) : new ArrayBuffer(SLAB);

function alloc(n: number): Float64Array {
  const bytes = n * 8;
  if (used + bytes > slab.byteLength) {
    slab = fresh();
    used = 0;
  }
  const v = new Float64Array(slab, used, n);
  used += bytes;
  return v;
}

class LeanTensor {
  constructor(
    readonly data: Float64Array,
    readonly shape: number[],
  ) {}
}

interface Rule {
  /** The cotangent of each input given the output's (null: ones). */
  vjp(g: LeanTensor | null, inputs: LeanTensor[]): (LeanTensor | null)[];
}

let recording: LeanTape[] = [];

function emit(rule: Rule, inputs: LeanTensor[], out: LeanTensor): LeanTensor {
  for (const t of recording) t.consider(rule, inputs, out);
  return out;
}

const SQUARE: Rule = {
  vjp(g, [x]) {
    const X = x.data,
      out = alloc(X.length);
    if (g === null) for (let i = 0; i < X.length; i++) out[i] = 2 * X[i];
    else for (let i = 0; i < X.length; i++) out[i] = 2 * X[i] * g.data[i];
    return [new LeanTensor(out, x.shape)];
  },
};
const ADD_SCALAR: Rule = { vjp: (g) => [g] };

function leanSquare(x: LeanTensor): LeanTensor {
  const X = x.data,
    out = alloc(X.length);
  for (let i = 0; i < X.length; i++) out[i] = X[i] * X[i];
  return emit(SQUARE, [x], new LeanTensor(out, x.shape));
}

function leanAddScalar(a: LeanTensor, s: number): LeanTensor {
  const A = a.data,
    out = alloc(A.length);
  for (let i = 0; i < A.length; i++) out[i] = A[i] + s;
  return emit(ADD_SCALAR, [a], new LeanTensor(out, a.shape));
}

interface LeanNode {
  rule: Rule;
  inputs: LeanTensor[];
  ins: number[];
  out: number;
}

class LeanTape {
  #known: LeanTensor[] = [];
  #connected: boolean[] = [];
  #nodes: LeanNode[] = [];

  #indexOf(t: LeanTensor): number {
    const k = this.#known;
    for (let i = k.length - 1; i >= 0; i--) if (k[i] === t) return i;
    return -1;
  }

  #add(t: LeanTensor, connected: boolean): number {
    this.#connected.push(connected);
    return this.#known.push(t) - 1;
  }

  record<T>(fn: () => T): T {
    const saved = recording;
    recording = [...saved, this];
    try {
      return fn();
    } finally {
      recording = saved;
    }
  }

  watch(t: LeanTensor): void {
    this.#add(t, true);
  }

  consider(rule: Rule, inputs: LeanTensor[], out: LeanTensor): void {
    const ins = new Array<number>(inputs.length);
    let connected = false;
    for (let k = 0; k < inputs.length; k++) {
      const i = (ins[k] = this.#indexOf(inputs[k]));
      if (i >= 0 && this.#connected[i]) connected = true;
    }
    if (!connected) return;
    for (let k = 0; k < ins.length; k++) if (ins[k] < 0) ins[k] = this.#add(inputs[k], false);
    this.#nodes.push({ rule, inputs, ins, out: this.#add(out, true) });
  }

  /** d(sum y)/dx; a cotangent of ones is `null` until a rule makes it concrete. */
  gradient(y: LeanTensor, x: LeanTensor): LeanTensor | null {
    const ct = new Array<LeanTensor | null | undefined>(this.#known.length);
    ct[this.#indexOf(y)] = null;
    const saved = recording;
    recording = [];
    try {
      for (let p = this.#nodes.length - 1; p >= 0; p--) {
        const { rule, inputs, ins, out } = this.#nodes[p],
          g = ct[out];
        if (g === undefined) continue;
        const grads = rule.vjp(g, inputs);
        for (let k = 0; k < ins.length; k++) if (this.#connected[ins[k]]) ct[ins[k]] ??= grads[k]; // one use each in W1
      }
    } finally {
      recording = saved;
    }
    return ct[this.#indexOf(x)] ?? null;
  }
}

// ---- W1 on both ----

const xs = w1X();
const leanX = new LeanTensor(xs, [xs.length]);
function leanCell1(): [LeanTensor, LeanTensor | null] {
  const tape = new LeanTape();
  const y = tape.record(() => {
    tape.watch(leanX);
    return leanAddScalar(leanSquare(leanX), 1);
  });
  return [y, tape.gradient(y, leanX)];
}

const x = tensor(xs);
const gradtapeCell1 = cell1Of({ GradientTape, add, square });
const cell1 = (): [Tensor, Tensor] => gradtapeCell1(x);

// both compute 2x (the lean tape's shared `null` seed is made concrete by square's rule)
const [, gl] = leanCell1();
const g = cell1()[1].toArray() as number[];
for (let i = 0; i < xs.length; i++)
  if (gl!.data[i] !== 2 * xs[i] || g[i] !== 2 * xs[i]) throw new Error(`tape-floor: the gradients differ at ${i}`);

const child = process.argv.find((a) => a.startsWith('--child='))?.slice(8);
if (child !== undefined) {
  process.stdout.write(String(measureAlone(child === 'lean' ? leanCell1 : cell1)));
} else {
  const pairs = Number(process.argv[2] ?? 6);
  const script = fileURLToPath(import.meta.url);
  const run = (which: string): number =>
    Number(
      execFileSync(process.execPath, [...process.execArgv, script, `--child=${which}`], {
        encoding: 'utf8',
        env: untrimmedEnv(),
      }),
    );
  const { a: lean, b: ours, ratio } = alternate(run, 'lean', 'gradtape', pairs);
  const list = (v: number[]): string => v.map(fmtTime).join(', ');
  console.log(`W1 (tutorial cell 1): ${pairs} alternated pairs of processes, each the median of 25 blocks of ≈20 ms\n`);
  console.log('| tape | median of the runs | runs |\n| --- | --- | --- |');
  console.log(`| gradtape eager | ${fmtTime(median(ours))} | ${list(ours)} |`);
  console.log(`| lean tape (the floor) | ${fmtTime(median(lean))} | ${list(lean)} |`);
  console.log(`\ngradtape / lean tape, median of the pairs' ratios: ${ratio.toFixed(2)}×`);
}
