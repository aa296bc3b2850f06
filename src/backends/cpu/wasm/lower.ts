/**
 * @file `lowerToWasm`: the WebAssembly SIMD lowering of a fused elementwise kernel (see README.md beside this
 * file for the design). The spec is put in canonical form, emitted as a module (codegen.ts), compiled once per
 * canonical form and cached; the returned kernel streams its arrays through one shared scratch memory in
 * chunks of CHUNK elements: copy the chunk's inputs in, run, copy its outputs out, add its partial sums.
 * Chunks keep the working set in cache and the memory small and fixed however long the arrays are; the memory
 * is grown once, to the largest layout any kernel has needed, and reused by every kernel and call.
 */
import type { DType, TypedArray } from '../../../core/dtype.js';
import type { Kernel, KernelSpec } from '../../../ir/kernel.js';
import { simdSupported } from '../../wasm/encoder.js';
import { canonicalize, checkSpec, type Canonical } from './canonical.js';
import { CHUNK, emitKernel, type Layout } from './codegen.js';
import { fallbackFunction } from './fallback.js';

const ARRAY: Record<DType, { new (b: ArrayBuffer, o: number, n: number): TypedArray; name: string }> = {
  float64: Float64Array,
  float32: Float32Array,
  int32: Int32Array,
  bool: Uint8Array,
} as const;

let scratch: WebAssembly.Memory | null = null;
/** The scratch memory shared by every kernel, at least `bytes` long. */
function memoryOf(bytes: number): WebAssembly.Memory {
  scratch ??= new WebAssembly.Memory({ initial: 1 });
  const have = scratch.buffer.byteLength;
  if (have < bytes) scratch.grow(Math.ceil((bytes - have) / 65536));
  return scratch;
}

const MAX_CACHED = 256;
const cache = new Map<string, Kernel | null>();
let simd: boolean | undefined;

/**
 * The WebAssembly SIMD kernel for `spec`, or null when this engine lacks WebAssembly SIMD (or
 * `GRADTAPE_NO_WASM` is set), the spec uses something the lowering does not accept (see canonical.ts), or the
 * kernel is beyond what the engine compiles (tens of thousands of nodes).
 * @example
 * const x = input(0, 'float32'), two = konst(2, 'float32');
 * const k = lowerToWasm({ inputs: ['float32'], outputs: [{ exp: unary('sin', binary('mul', two, x)) }] });
 * k?.(3, [new Float32Array([0, 1, 2])], [new Float32Array(3)]);
 */
export function lowerToWasm(spec: KernelSpec): Kernel | null {
  checkSpec(spec);
  simd ??= simdSupported() && !(typeof process === 'object' && process?.env?.GRADTAPE_NO_WASM);
  if (!simd) return null;
  const c = canonicalize(spec);
  if (c === null) return null;
  let k = cache.get(c.key);
  if (k === undefined) {
    k = compile(c);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(c.key, k);
  }
  return k;
}

/** The kernel, or null when the engine refuses the module (a kernel beyond its limits, e.g. 50,000 locals). */
function compile(c: Canonical): Kernel | null {
  try {
    return instantiate(c);
  } catch (e) {
    if (e instanceof WebAssembly.CompileError || e instanceof RangeError) return null;
    throw e;
  }
}

function instantiate(c: Canonical): Kernel {
  const { bytes, imports, layout } = emitKernel(c);
  const env: WebAssembly.ModuleImports = { memory: memoryOf(layout.bytes) };
  for (const im of imports) {
    const [op, dtype, ...args] = im.name.split('.');
    env[im.name] = fallbackFunction(op, dtype as DType, args as DType[]);
  }
  const run = new WebAssembly.Instance(new WebAssembly.Module(bytes), { m: env }).exports.run as Run;
  return makeRunner(c, layout, run);
}

/**
 * The module's kernel: computes a chunk of n elements starting at tier `start` (codegen.ts); returns the tier
 * to start the next chunk at.
 */
type Run = (n: number, start: number) => number;

function makeRunner(c: Canonical, layout: Layout, run: Run): Kernel {
  const outTypes = c.outputs.map((o) => c.nodes[o.node].dtype);
  const arrayTypes = [...c.inputs, ...c.outputs.filter((o) => !o.sum).map((o) => c.nodes[o.node].dtype)];
  const nIn = c.inputs.length;
  let views: TypedArray[] = [],
    sumView: Float64Array | null = null,
    poolView: Uint8Array | null = null,
    buffer: ArrayBuffer | null = null;
  const partial = new Float64Array(c.outputs.length);

  return function wasmKernel(n: number, ins: TypedArray[], outs: TypedArray[]): void {
    check(n, ins, outs, c, outTypes);
    const memory = memoryOf(layout.bytes);
    if (memory.buffer !== buffer) {
      buffer = memory.buffer;
      views = arrayTypes.map((d, a) => new ARRAY[d](buffer!, layout.arrays[a], CHUNK));
      sumView = new Float64Array(buffer, 0, c.outputs.length);
      poolView = new Uint8Array(buffer, layout.poolBase, layout.pool.length);
    }
    poolView!.set(layout.pool); // other kernels share this memory
    // a broadcast input fills its chunk buffer once
    for (let k = 0; k < nIn; k++) if (ins[k].length !== n) views[k].fill(ins[k][0], 0, Math.min(n, CHUNK));
    partial.fill(0);
    let tier = 0;
    for (let start = 0; start < n; start += CHUNK) {
      const m = Math.min(CHUNK, n - start),
        end = start + m;
      for (let k = 0; k < nIn; k++) {
        const src = ins[k];
        if (src.length === n) views[k].set(m === n ? src : (src.subarray(start, end) as never));
      }
      tier = run(m, tier);
      let w = nIn;
      for (let j = 0; j < outs.length; j++) {
        if (c.outputs[j].sum) partial[j] += sumView![j];
        else outs[j].set(views[w++].subarray(0, m) as never, start);
      }
    }
    for (let j = 0; j < outs.length; j++) if (c.outputs[j].sum) outs[j][0] = partial[j];
  };
}

function check(n: number, ins: TypedArray[], outs: TypedArray[], c: Canonical, outTypes: DType[]): void {
  const fn = 'lowerToWasm kernel';
  if (!Number.isInteger(n) || n < 0) throw new TypeError(`${fn}: n must be a non-negative integer; got ${n}`);
  if (!Array.isArray(ins) || ins.length !== c.inputs.length)
    throw new TypeError(`${fn}: ins must be an array of ${c.inputs.length} typed arrays`);
  if (!Array.isArray(outs) || outs.length !== c.outputs.length)
    throw new TypeError(`${fn}: outs must be an array of ${c.outputs.length} typed arrays`);
  ins.forEach((a, k) => {
    const T = ARRAY[c.inputs[k]];
    if (!(a instanceof T) || (a.length !== n && a.length !== 1)) {
      throw new TypeError(`${fn}: ins[${k}] must be a ${T.name} of length ${n} or 1; got ${describe(a)}`);
    }
  });
  outs.forEach((a, j) => {
    const T = ARRAY[outTypes[j]],
      sum = c.outputs[j].sum;
    if (!(a instanceof T) || (sum ? a.length < 1 : a.length !== n)) {
      throw new TypeError(
        `${fn}: outs[${j}] must be a ${T.name} of length ${sum ? 'at least 1' : n}; got ${describe(a)}`,
      );
    }
  });
}

const describe = (a: unknown): string =>
  ArrayBuffer.isView(a) ? `a ${a.constructor.name} of length ${(a as TypedArray).length}` : String(a);
