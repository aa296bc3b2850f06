/**
 * @file Exhaustive accuracy check of the WebAssembly lowering's float32 sin and cos over the range its float32
 * range reduction serves (src/backends/cpu/wasm/vmath32.ts): every float32 x with lo ≤ |x| ≤ hi, both signs,
 * run through the real kernels (`lowerToWasm` of sin(x) and of cos(x), whose chunks stay in the fast tier
 * here), each result compared with Math.sin/Math.cos of x: the distance from the exact value in float32 ulps,
 * as in vmath.test.ts (0.5 is correctly rounded). Prints the worst error per function and where, and fails if it
 * is over 2 ulp. Defaults: lo = π/4 (below it j = 0 and r = x exactly), hi = 99.75 (past SINCOS_FAST_32);
 * a range past 99 checks the wide tier (the float64 reduction), which those chunks run instead.
 * Run: `npx tsx bench/sincos32-exhaustive.ts [lo] [hi]` (about 10⁸ points; a minute or two).
 */
import { lowerToWasm } from '../src/backends/cpu/wasm/lower.js';
import { SINCOS_FAST_32 } from '../src/backends/cpu/wasm/vmath32.js';
import { input, unary } from '../src/ir/exp.js';
import { ulps32 } from '../test/ulp.js';

const lo = Math.fround(Number(process.argv[2] ?? Math.PI / 4)),
  hi = Math.fround(Number(process.argv[3] ?? SINCOS_FAST_32 + 0.75));
const bitsOf = (v: number): number => new Uint32Array(new Float32Array([v]).buffer)[0];
const kernels = (['sin', 'cos'] as const).map((op) => ({
  op,
  ref: op === 'sin' ? Math.sin : Math.cos,
  run: lowerToWasm({ inputs: ['float32'], outputs: [{ exp: unary(op, input(0, 'float32')) }] })!,
  worst: 0,
  at: NaN,
}));
const BATCH = 1 << 20;
const x = new Float32Array(BATCH),
  xBits = new Uint32Array(x.buffer),
  out = new Float32Array(BATCH);
const first = bitsOf(lo),
  last = bitsOf(hi);
const t0 = performance.now();
let count = 0;
for (const sign of [0, 0x80000000]) {
  for (let b = first; b <= last; b += BATCH) {
    const m = Math.min(BATCH, last - b + 1);
    for (let i = 0; i < m; i++) xBits[i] = (b + i) | sign;
    for (const k of kernels) {
      k.run(m, [x.subarray(0, m)], [out.subarray(0, m)]);
      for (let i = 0; i < m; i++) {
        const e = ulps32(out[i], k.ref(x[i]));
        if (e > k.worst) {
          k.worst = e;
          k.at = x[i];
        }
      }
    }
    count += m;
  }
}
console.log(
  `float32 sin/cos of the WebAssembly lowering, every float32 with ${lo} ≤ |x| ≤ ${hi} (${count.toLocaleString('en')} points, ${((performance.now() - t0) / 1000).toFixed(0)} s):`,
);
for (const k of kernels) console.log(`  ${k.op}: max ${k.worst.toFixed(3)} ulp at x = ${k.at}`);
if (kernels.some((k) => k.worst > 2)) {
  console.error('over 2 ulp');
  process.exit(1);
}
