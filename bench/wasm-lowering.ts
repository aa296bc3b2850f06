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
 * Every variant allocates its output array per call, as a library must (on Linux a fresh 4–8 MB array costs its
 * page faults, ~1 ms here); one more row runs the WebAssembly kernel into reused outputs to show the kernel
 * alone. Before timing, the outputs are checked against each other. Run: `npx tsx bench/wasm-lowering.ts [n] [rounds]`.
 */
import type { TypedArray } from '../src/core/dtype.js';
import { lowerToWasm } from '../src/backends/cpu/wasm/lower.js';
import { binary, input, konst, topoSort, unary, type Exp } from '../src/ir/exp.js';
import type { Kernel, KernelSpec } from '../src/ir/kernel.js';
import { fmtTime } from './harness.js';
import { w2X } from './workloads.js';

type F = 'float32' | 'float64';

/** W2 as IR, the way a fused value-and-gradient kernel is built from the op table's rows. */
function w2Spec(dt: F): KernelSpec {
  const x = input(0, dt),
    k = (v: number): Exp => konst(v, dt);
  const t = binary('mul', k(2), x);
  const value = binary('add', binary('mul', k(5), unary('sin', t)), binary('mul', x, x));
  // d/dx: 5·cos(t)·2 + 2x, as the chain rule writes it
  const grad = binary('add', binary('mul', binary('mul', k(5), unary('cos', t)), k(2)), binary('mul', k(2), x));
  return { inputs: [dt], outputs: [{ exp: value, sum: true }, { exp: grad }] };
}

const MATH: Record<string, string> = {
  sin: 'Math.sin',
  cos: 'Math.cos',
  exp: 'Math.exp',
  log: 'Math.log',
  tanh: 'Math.tanh',
  sqrt: 'Math.sqrt',
};
const BIN: Record<string, string> = { add: '+', sub: '-', mul: '*', div: '/' };

/** A minimal JavaScript lowering (the ops W2 needs): one loop, nodes as consts, float32 rounded per node. */
function lowerToJs(spec: KernelSpec): Kernel {
  const nodes = topoSort(spec.outputs.map((o) => o.exp)),
    id = new Map(nodes.map((n, i) => [n, `v${i}`]));
  const body: string[] = [];
  for (const n of nodes) {
    let e: string;
    if (n.op === 'const') e = String(n.value);
    else if (n.op === 'input') e = `I${n.index}[i]`;
    else if (n.op in BIN) {
      const b = n as { a: Exp; b: Exp };
      e = `${id.get(b.a)} ${BIN[n.op]} ${id.get(b.b)}`;
    } else if (n.op in MATH) e = `${MATH[n.op]}(${id.get((n as { a: Exp }).a)})`;
    else throw new Error(`lowerToJs: ${n.op} is not in this small lowering`);
    body.push(`const ${id.get(n)} = ${n.dtype === 'float32' && n.op !== 'input' ? `Math.fround(${e})` : e};`);
  }
  const pre: string[] = [],
    post: string[] = [];
  spec.outputs.forEach((o, j) => {
    if (o.sum) {
      pre.push(`let s${j} = 0;`);
      body.push(`s${j} += ${id.get(o.exp)};`);
      post.push(`O${j}[0] = s${j};`);
    } else body.push(`O${j}[i] = ${id.get(o.exp)};`);
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
      for (let i = 0; i < n; i++) {
        const v = xs[i],
          t = 2 * v;
        s += 5 * Math.sin(t) + v * v;
        g[i] = 10 * Math.cos(t) + 2 * v;
      }
      return [s, g];
    };
  }
  const xs = x as Float64Array;
  return () => {
    const g = new Float64Array(n);
    let s = 0;
    for (let i = 0; i < n; i++) {
      const v = xs[i],
        t = 2 * v;
      s += 5 * Math.sin(t) + v * v;
      g[i] = 10 * Math.cos(t) + 2 * v;
    }
    return [s, g];
  };
}

function viaKernel(dt: F, k: Kernel, x: TypedArray): () => [number, TypedArray] {
  const n = x.length,
    A = dt === 'float32' ? Float32Array : Float64Array;
  return () => {
    const s = new A(1),
      g = new A(n);
    k(n, [x], [s, g]);
    return [s[0], g];
  };
}

/** The kernel alone: outputs allocated once (what a caller that reuses buffers pays; no fresh pages to fault in). */
function viaKernelReused(dt: F, k: Kernel, x: TypedArray): () => [number, TypedArray] {
  const n = x.length,
    A = dt === 'float32' ? Float32Array : Float64Array;
  const s = new A(1),
    g = new A(n);
  return () => {
    k(n, [x], [s, g]);
    return [s[0], g];
  };
}

function main(): void {
  const n = Number(process.argv[2] ?? 1_000_000),
    rounds = Number(process.argv[3] ?? 5);
  const results = new Map<string, number[]>();
  const variants: Array<{ name: string; dt: F; fn: () => [number, TypedArray] }> = [];
  for (const dt of ['float32', 'float64'] as const) {
    const x = dt === 'float32' ? Float32Array.from(w2X(n)) : w2X(n);
    const wasm = lowerToWasm(w2Spec(dt));
    if (!wasm) throw new Error('lowerToWasm gave null: no WebAssembly SIMD here?');
    variants.push(
      { name: 'lowerToWasm', dt, fn: viaKernel(dt, wasm, x) },
      { name: 'lowerToWasm, outputs reused', dt, fn: viaKernelReused(dt, wasm, x) },
      { name: 'JS lowering', dt, fn: viaKernel(dt, lowerToJs(w2Spec(dt)), x) },
      { name: 'hand loop', dt, fn: hand(dt, x) },
    );
  }
  // agreement first: the same value (to float32 accuracy) and gradient from every variant
  for (const dt of ['float32', 'float64'] as const) {
    const [ref, ...rest] = variants.filter((v) => v.dt === dt).map((v) => v.fn());
    for (const [s, g] of rest) {
      let worst = 0;
      for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(g[i] - ref[1][i]));
      if (Math.abs(s - ref[0]) > 1e-4 * Math.abs(ref[0]) || worst > 1e-4)
        throw new Error(`W2 ${dt}: variants disagree (sum ${s} vs ${ref[0]}, gradient by ${worst})`);
    }
  }
  for (let r = 0; r < rounds; r++) {
    for (const v of variants) {
      const key = `${v.dt} ${v.name}`,
        [wall, cpu] = time(v.fn);
      results.set(key, [...(results.get(key) ?? []), wall]);
      results.set(`${key} cpu`, [...(results.get(`${key} cpu`) ?? []), cpu]);
    }
  }
  const med = (key: string): number => {
    const s = results
      .get(key)!
      .slice()
      .sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)];
  };
  console.log(
    `W2, n = ${n.toLocaleString('en')}: median over ${rounds} rounds of each round's median block (${BLOCKS} blocks of ~${BLOCK_MS} ms).`,
  );
  console.log(
    "CPU time is this process's user+system time per call: on a shared, loaded machine it is steadier than wall time.\n",
  );
  console.log(
    '| dtype | variant | wall median | wall min–max of rounds | CPU median | vs hand loop (wall) | vs hand loop (CPU) |\n| --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const dt of ['float32', 'float64'] as const) {
    for (const name of ['lowerToWasm', 'lowerToWasm, outputs reused', 'JS lowering', 'hand loop']) {
      const key = `${dt} ${name}`,
        s = results.get(key)!;
      console.log(
        `| ${dt} | ${name} | ${fmtTime(med(key))} | ${fmtTime(Math.min(...s))}–${fmtTime(Math.max(...s))} | ${fmtTime(med(`${key} cpu`))} | ${(med(`${dt} hand loop`) / med(key)).toFixed(2)}× | ${(med(`${dt} hand loop cpu`) / med(`${key} cpu`)).toFixed(2)}× |`,
      );
    }
  }
}

const BLOCKS = 7,
  BLOCK_MS = 40;
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** Warms fn up, then times BLOCKS blocks of about BLOCK_MS; returns the median per-call wall and CPU times (ms). */
function time(fn: () => unknown): [number, number] {
  const t0 = performance.now();
  let calls = 0;
  do {
    fn();
    calls++;
  } while (performance.now() - t0 < 100 || calls < 3);
  const k = Math.max(1, Math.round(BLOCK_MS / ((performance.now() - t0) / calls)));
  const wall: number[] = [],
    cpu: number[] = [];
  for (let b = 0; b < BLOCKS; b++) {
    const w0 = performance.now(),
      c0 = cpuMs();
    for (let i = 0; i < k; i++) fn();
    wall.push((performance.now() - w0) / k);
    cpu.push((cpuMs() - c0) / k);
  }
  const mid = (a: number[]): number => a.sort((x, y) => x - y)[a.length >> 1];
  return [mid(wall), mid(cpu)];
}

main();
