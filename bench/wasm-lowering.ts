/**
 * @file W2 through the WebAssembly SIMD lowering: value and gradient of sum(5·sin 2x + x²) on n points as one
 * fused kernel with outputs { sum of 5·sin(2x) + x², and 10·cos(2x) + 2x elementwise }, float32 and float64,
 * timed three ways side by side, in rounds (so load that comes and goes on a shared machine hits all alike):
 *
 * - `lowerToWasm` of the IR;
 * - a small JavaScript lowering of the same IR (one generated loop, every node a `const`, float32 nodes
 *   rounded with Math.fround as the IR's semantics say — the shape of the CPU backend's JS lowering);
 * - the hand-written fused typed-array loop of bench/peers/hand.ts (float64 math).
 *
 * Every variant allocates its output array per call, as a library must. Before timing, the outputs are checked
 * against each other. Run: `npx tsx bench/wasm-lowering.ts [n] [rounds]`.
 */
import type { TypedArray } from '../src/core/dtype.js';
import { lowerToWasm } from '../src/backends/cpu/wasm/lower.js';
import { binary, input, konst, topoSort, unary, type Exp } from '../src/ir/exp.js';
import type { Kernel, KernelSpec } from '../src/ir/kernel.js';
import { fmtTime, measure, type Budget } from './harness.js';
import { w2X } from './workloads.js';

type F = 'float32' | 'float64';

/** W2 as IR, the way a fused value-and-gradient kernel is built from the op table's rows. */
function w2Spec(dt: F): KernelSpec {
  const x = input(0, dt), k = (v: number): Exp => konst(v, dt);
  const t = binary('mul', k(2), x);
  const value = binary('add', binary('mul', k(5), unary('sin', t)), binary('mul', x, x));
  // d/dx: 5·cos(t)·2 + 2x, as the chain rule writes it
  const grad = binary('add', binary('mul', binary('mul', k(5), unary('cos', t)), k(2)), binary('mul', k(2), x));
  return { inputs: [dt], outputs: [{ exp: value, sum: true }, { exp: grad }] };
}

const MATH: Record<string, string> = { sin: 'Math.sin', cos: 'Math.cos', exp: 'Math.exp', log: 'Math.log', tanh: 'Math.tanh', sqrt: 'Math.sqrt' };
const BIN: Record<string, string> = { add: '+', sub: '-', mul: '*', div: '/' };

/** A minimal JavaScript lowering (the ops W2 needs): one loop, nodes as consts, float32 rounded per node. */
function lowerToJs(spec: KernelSpec): Kernel {
  const nodes = topoSort(spec.outputs.map((o) => o.exp)), id = new Map(nodes.map((n, i) => [n, `v${i}`]));
  const body: string[] = [];
  for (const n of nodes) {
    let e: string;
    if (n.op === 'const') e = String(n.value);
    else if (n.op === 'input') e = `I${n.index}[i]`;
    else if (n.op in BIN) { const b = n as { a: Exp; b: Exp }; e = `${id.get(b.a)} ${BIN[n.op]} ${id.get(b.b)}`; }
    else if (n.op in MATH) e = `${MATH[n.op]}(${id.get((n as { a: Exp }).a)})`;
    else throw new Error(`lowerToJs: ${n.op} is not in this small lowering`);
    body.push(`const ${id.get(n)} = ${n.dtype === 'float32' && n.op !== 'input' ? `Math.fround(${e})` : e};`);
  }
  const pre: string[] = [], post: string[] = [];
  spec.outputs.forEach((o, j) => {
    if (o.sum) { pre.push(`let s${j} = 0;`); body.push(`s${j} += ${id.get(o.exp)};`); post.push(`O${j}[0] = s${j};`); }
    else body.push(`O${j}[i] = ${id.get(o.exp)};`);
  });
  const args = [...spec.inputs.map((_, k) => `I${k}`), ...spec.outputs.map((_, j) => `O${j}`)];
  const src = `${pre.join('\n')}\nfor (let i = 0; i < n; i++) {\n${body.join('\n')}\n}\n${post.join('\n')}`;
  const fn = new Function('n', ...args, src) as (n: number, ...a: TypedArray[]) => void;
  return (n, ins, outs) => fn(n, ...ins, ...outs);
}

function hand(dt: F, x: TypedArray): () => [number, TypedArray] {
  const n = x.length;
  if (dt === 'float32') {
    const xs = x as Float32Array;
    return () => {
      const g = new Float32Array(n);
      let s = 0;
      for (let i = 0; i < n; i++) { const v = xs[i], t = 2 * v; s += 5 * Math.sin(t) + v * v; g[i] = 10 * Math.cos(t) + 2 * v; }
      return [s, g];
    };
  }
  const xs = x as Float64Array;
  return () => {
    const g = new Float64Array(n);
    let s = 0;
    for (let i = 0; i < n; i++) { const v = xs[i], t = 2 * v; s += 5 * Math.sin(t) + v * v; g[i] = 10 * Math.cos(t) + 2 * v; }
    return [s, g];
  };
}

function viaKernel(dt: F, k: Kernel, x: TypedArray): () => [number, TypedArray] {
  const n = x.length, A = dt === 'float32' ? Float32Array : Float64Array;
  return () => {
    const s = new A(1), g = new A(n);
    k(n, [x], [s, g]);
    return [s[0], g];
  };
}

function main(): void {
  const n = Number(process.argv[2] ?? 1_000_000), rounds = Number(process.argv[3] ?? 5);
  const budget: Budget = { quick: false, blockMs: 40, blocks: 5, warmupMs: 100 };
  const results = new Map<string, number[]>();
  const variants: Array<{ name: string; dt: F; fn: () => [number, TypedArray] }> = [];
  for (const dt of ['float32', 'float64'] as const) {
    const x = dt === 'float32' ? Float32Array.from(w2X(n)) : w2X(n);
    const wasm = lowerToWasm(w2Spec(dt));
    if (!wasm) throw new Error('lowerToWasm gave null: no WebAssembly SIMD here?');
    variants.push({ name: 'lowerToWasm', dt, fn: viaKernel(dt, wasm, x) }, { name: 'JS lowering', dt, fn: viaKernel(dt, lowerToJs(w2Spec(dt)), x) }, { name: 'hand loop', dt, fn: hand(dt, x) });
  }
  // agreement first: the same value (to float32 accuracy) and gradient from every variant
  for (const dt of ['float32', 'float64'] as const) {
    const [ref, ...rest] = variants.filter((v) => v.dt === dt).map((v) => v.fn());
    for (const [s, g] of rest) {
      let worst = 0;
      for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(g[i] - ref[1][i]));
      if (Math.abs(s - ref[0]) > 1e-4 * Math.abs(ref[0]) || worst > 1e-4) throw new Error(`W2 ${dt}: variants disagree (sum ${s} vs ${ref[0]}, gradient by ${worst})`);
    }
  }
  for (let r = 0; r < rounds; r++) {
    for (const v of variants) {
      const key = `${v.dt} ${v.name}`;
      results.set(key, [...(results.get(key) ?? []), measure(v.fn, budget).median]);
    }
  }
  console.log(`W2, n = ${n.toLocaleString('en')}, median of ${rounds} rounds (each the median of ${budget.blocks} blocks)\n`);
  console.log('| dtype | variant | median | min–max of rounds | vs hand loop |\n| --- | --- | --- | --- | --- |');
  for (const dt of ['float32', 'float64'] as const) {
    const med = (name: string): number => { const s = results.get(`${dt} ${name}`)!.slice().sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
    for (const name of ['lowerToWasm', 'JS lowering', 'hand loop']) {
      const s = results.get(`${dt} ${name}`)!;
      console.log(`| ${dt} | ${name} | ${fmtTime(med(name))} | ${fmtTime(Math.min(...s))}–${fmtTime(Math.max(...s))} | ${(med('hand loop') / med(name)).toFixed(2)}× |`);
    }
  }
}

main();
