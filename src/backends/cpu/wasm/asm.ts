/**
 * @file A small assembler for WebAssembly SIMD kernels, on top of the byte encoder in `backends/wasm/encoder.ts`:
 * instructions as expression builders (each returns the bytes that leave one value on the stack), a function
 * builder that hands out locals, and a module encoder with imported functions and an imported memory.
 *
 * Writing `f64x2.add(a, b)` with `a` and `b` themselves expressions keeps the vector math (vmath64.ts,
 * vmath32.ts) readable as formulas; `Fn.let` names an intermediate by storing it in a fresh local, which V8's
 * optimising compiler turns into a register.
 */
import { codeEntry, HEADER, name, op, section, sleb, T, uleb, vec } from '../../wasm/encoder.js';

export { op, T };

/** The bytes of instructions that together push one value. */
export type C = number[];

const simd = op.simd;
const cat = (...cs: C[]): C => {
  const out: number[] = [];
  for (const c of cs) for (const b of c) out.push(b);
  return out;
};
const un =
  (code: number) =>
  (a: C): C =>
    cat(a, simd(code));
const bin =
  (code: number) =>
  (a: C, b: C): C =>
    cat(a, b, simd(code));
const bytesOf = (arr: Float64Array | Float32Array | Int32Array | BigInt64Array): number[] => [
  ...new Uint8Array(arr.buffer),
];
/**
 * A v128 constant. It is not emitted inline: `Fn.emit` turns the marker (CONST, id) into a load from the
 * function's constant pool in memory, at each use. V8 treats an inline v128.const as free to rematerialise and
 * rebuilds each splat with three instructions inside the loop (a third of the vector math's instructions), and
 * constants hoisted into locals crowd the 16 vector registers and get spilled; a load from the pool (in L1)
 * is one instruction and holds no register across the loop.
 */
const CONST = -1;
const constants: number[][] = [],
  constIds = new Map<string, number>();
const vconst = (bytes: number[]): C => {
  const key = bytes.join(',');
  let id = constIds.get(key);
  if (id === undefined) {
    id = constants.length;
    constants.push(bytes);
    constIds.set(key, id);
  }
  return [CONST, id];
};
/** A memory immediate: log2 alignment and constant byte offset. */
const mem = op.mem;

export const f64x2 = {
  k: (c: number): C => vconst(bytesOf(new Float64Array([c, c]))),
  add: bin(0xf0),
  sub: bin(0xf1),
  mul: bin(0xf2),
  div: bin(0xf3),
  min: bin(0xf4),
  max: bin(0xf5),
  /** b < a ? b : a (one instruction; NaN in b keeps a). */
  pmin: bin(0xf6),
  /** a < b ? b : a. */
  pmax: bin(0xf7),
  abs: un(0xec),
  neg: un(0xed),
  sqrt: un(0xef),
  ceil: un(0x74),
  floor: un(0x75),
  nearest: un(0x94),
  eq: bin(0x47),
  ne: bin(0x48),
  lt: bin(0x49),
  gt: bin(0x4a),
  le: bin(0x4b),
  ge: bin(0x4c),
  /** Lanes 0 and 1 of a f32x4, widened. */
  promoteLow: un(0x5f),
  /** Lanes 0 and 1 of an i32x4, converted. */
  convertLowI32: un(0xfe),
  extract: (a: C, lane: number): C => cat(a, simd(0x21, lane)),
  replace: (a: C, lane: number, x: C): C => cat(a, x, simd(0x22, lane)),
  splat: un(0x14),
};

export const f32x4 = {
  k: (c: number): C => vconst(bytesOf(new Float32Array([c, c, c, c]))),
  add: bin(0xe4),
  sub: bin(0xe5),
  mul: bin(0xe6),
  div: bin(0xe7),
  min: bin(0xe8),
  max: bin(0xe9),
  pmin: bin(0xea),
  pmax: bin(0xeb),
  abs: un(0xe0),
  neg: un(0xe1),
  sqrt: un(0xe3),
  ceil: un(0x67),
  floor: un(0x68),
  nearest: un(0x6a),
  eq: bin(0x41),
  ne: bin(0x42),
  lt: bin(0x43),
  gt: bin(0x44),
  le: bin(0x45),
  ge: bin(0x46),
  /** Two f64 lanes, rounded, into lanes 0 and 1 (lanes 2 and 3 are zero). */
  demoteZero: un(0x5e),
  convertI32: un(0xfa),
  extract: (a: C, lane: number): C => cat(a, simd(0x1f, lane)),
  replace: (a: C, lane: number, x: C): C => cat(a, x, simd(0x20, lane)),
};

export const i64x2 = {
  k: (c: bigint): C => vconst(bytesOf(new BigInt64Array([c, c]))),
  add: bin(0xce),
  sub: bin(0xd1),
  neg: un(0xc1),
  shl: (a: C, n: number): C => cat(a, op.i32(n), simd(0xcb)),
  shrS: (a: C, n: number): C => cat(a, op.i32(n), simd(0xcc)),
  shrU: (a: C, n: number): C => cat(a, op.i32(n), simd(0xcd)),
  eq: bin(0xd6),
  ltS: bin(0xd8),
  gtS: bin(0xd9),
  extendLowI32: un(0xc7),
  extendHighI32: un(0xc8),
  splat: un(0x12),
};

export const i32x4 = {
  k: (c: number): C => vconst(bytesOf(new Int32Array([c, c, c, c]))),
  /** Four different lanes. */
  k4: (a: number, b: number, c: number, d: number): C => vconst(bytesOf(new Int32Array([a, b, c, d]))),
  add: bin(0xae),
  sub: bin(0xb1),
  neg: un(0xa1),
  abs: un(0xa0),
  minS: bin(0xb6),
  maxS: bin(0xb8),
  eq: bin(0x37),
  ne: bin(0x38),
  ltS: bin(0x39),
  gtS: bin(0x3b),
  leS: bin(0x3d),
  shl: (a: C, n: number): C => cat(a, op.i32(n), simd(0xab)),
  shrS: (a: C, n: number): C => cat(a, op.i32(n), simd(0xac)),
  /** Two f64 lanes, truncated (saturating), into lanes 0 and 1. */
  truncSatF64Zero: un(0xfc),
  truncSatF32: un(0xf8),
  splat: un(0x11),
  extract: (a: C, lane: number): C => cat(a, simd(0x1b, lane)),
  replace: (a: C, lane: number, x: C): C => cat(a, x, simd(0x1c, lane)),
  /** Bytes 0..3 zero-extended to four lanes (bool storage → i32 lanes). */
  fromBytes: (a: C): C => cat(a, simd(0x89), simd(0xa9)),
};

export const v128 = {
  and: bin(0x4e),
  andnot: bin(0x4f),
  or: bin(0x50),
  xor: bin(0x51),
  not: un(0x4d),
  /** Lanes of `a` where `mask` bits are set, else of `b`. */
  select: (a: C, b: C, mask: C): C => cat(a, b, mask, simd(0x52)),
  anyTrue: un(0x53),
  /** i8x16.shuffle: byte i of the result is byte lanes[i] of a ++ b. */
  shuffle: (a: C, b: C, lanes: number[]): C => cat(a, b, simd(0x0d, ...lanes)),
  zero: (): C => vconst(new Array(16).fill(0)),
  load: (addr: C, offset: number): C => cat(addr, simd(0x00, ...mem(0, offset))),
  load32Zero: (addr: C, offset: number): C => cat(addr, simd(0x5c, ...mem(0, offset))),
  store: (addr: C, offset: number, v: C): C => cat(addr, v, simd(0x0b, ...mem(0, offset))),
  store32Lane: (addr: C, offset: number, v: C, lane: number): C => cat(addr, v, simd(0x5a, ...mem(0, offset), lane)),
};

/** Bytes of the high half moved to the low half (lanes 2,3 → 0,1 for 32-bit lanes; lane 1 → 0 for 64-bit). */
export const HIGH_TO_LOW = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];
/** The low 64 bits of a, then the low 64 bits of b. */
export const LOWS = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];
/** The even 32-bit lanes of a, then of b (64-bit masks → 32-bit masks). */
export const EVENS = [0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27];

/** i32x4 lanes (0 or 1) to bytes 0..3: two unsigned saturating narrows. */
export const narrowToBytes = (a: C): C => cat(a, a, simd(0x86), a, a, simd(0x86), simd(0x66));

/** Scalar instructions the kernels need beyond encoder.ts's. */
export const sc = {
  f64: (v: number): C => [0x44, ...new Uint8Array(new Float64Array([v]).buffer)],
  i32: op.i32,
  f64Add: (a: C, b: C): C => cat(a, b, [0xa0]),
  f64Store: (addr: C, offset: number, v: C): C => cat(addr, v, [0x39], mem(3, offset)),
  f64PromoteF32: (a: C): C => cat(a, [0xbb]),
  f32DemoteF64: (a: C): C => cat(a, [0xb6]),
  f64ConvertI32: (a: C): C => cat(a, [0xb7]),
  i32TruncSatF64: (a: C): C => cat(a, [0xfc, 0x02]),
  call: (fn: number, ...args: C[]): C => cat(...args, [0x10], uleb(fn)),
  shl: (a: C, n: number): C => cat(a, op.i32(n), [0x74]),
  and: (a: C, b: C): C => cat(a, b, [0x71]),
  add: (a: C, b: C): C => cat(a, b, [0x6a]),
  sub: (a: C, b: C): C => cat(a, b, [0x6b]),
  ltU: (a: C, b: C): C => cat(a, b, [0x49]),
  ltS: (a: C, b: C): C => cat(a, b, [0x48]),
};

export { cat, sleb };

/**
 * A function being built: its parameters, locals handed out on demand, its body, and its constant pool (the
 * v128 constants it uses, loaded from `poolBase` in memory; the caller writes `pool()` there before calling).
 */
export class Fn {
  private readonly body: number[] = [];
  readonly localTypes: number[] = [];
  private readonly poolIndex = new Map<number, number>();
  private readonly poolBytes: number[] = [];
  constructor(
    readonly name: string,
    readonly params: number[],
    readonly poolBase: number,
  ) {}

  /** A fresh local of type `t` (v128 by default). */
  local(t: number = T.v128): number {
    this.localTypes.push(t);
    return this.params.length + this.localTypes.length - 1;
  }

  private shared: Map<number, number> | null = null;
  /** From here until the next call, each constant is loaded once into a local (straight-line code only). */
  shareConstants(on: boolean): void {
    this.shared = on ? new Map() : null;
  }

  emit(...cs: C[]): void {
    for (const c of cs) {
      for (let i = 0; i < c.length; i++) {
        if (c[i] !== CONST) {
          this.body.push(c[i]);
          continue;
        }
        const id = c[++i];
        let at = this.poolIndex.get(id);
        if (at === undefined) {
          at = this.poolBase + this.poolBytes.length;
          this.poolIndex.set(id, at);
          this.poolBytes.push(...constants[id]);
        }
        const l = this.shared?.get(id);
        if (l !== undefined) {
          this.body.push(...op.get(l));
          continue;
        }
        this.body.push(...op.i32(0), ...simd(0x00, ...mem(4, at)));
        if (this.shared) {
          const t = this.local();
          this.shared.set(id, t);
          this.body.push(...op.tee(t));
        }
      }
    }
  }

  /** Evaluates `c` into a fresh local and returns the expression that reads it. */
  let(c: C, t: number = T.v128): C {
    const l = this.local(t);
    this.emit(c, op.set(l));
    return op.get(l);
  }

  code(): number[] {
    return this.body;
  }

  /** The constant pool's bytes, to be written at `poolBase`. */
  pool(): Uint8Array {
    return new Uint8Array(this.poolBytes);
  }
}

export interface ImportSpec {
  name: string;
  params: number[];
  results: number[];
}

/**
 * Encodes a module that imports `memory` and the functions `imports` (all from module "m"; their indices are
 * 0..imports.length-1 in order) and exports `funcs` (indices after the imports).
 */
export function encodeKernelModule(
  imports: ImportSpec[],
  funcs: Fn[],
  results: number[][] = funcs.map(() => []),
): Uint8Array<ArrayBuffer> {
  const sigs: string[] = [],
    types: number[][] = [];
  const typeIndex = (params: number[], res: number[]): number => {
    const key = `${params.join(',')}:${res.join(',')}`;
    let i = sigs.indexOf(key);
    if (i < 0) {
      i = sigs.length;
      sigs.push(key);
      types.push([0x60, ...vec(params.map((t) => [t])), ...vec(res.map((t) => [t]))]);
    }
    return i;
  };
  const importEntries = imports.map((im) => [
    ...name('m'),
    ...name(im.name),
    0x00,
    ...uleb(typeIndex(im.params, im.results)),
  ]);
  importEntries.push([...name('m'), ...name('memory'), 0x02, 0x00, ...uleb(1)]);
  const funcTypes = funcs.map((f, i) => uleb(typeIndex(f.params, results[i])));
  const code = funcs.map((f) => codeEntry(f.localTypes, f.code()));
  const bytes = [
    ...HEADER,
    ...section(1, vec(types)),
    ...section(2, vec(importEntries)),
    ...section(3, vec(funcTypes)),
    ...section(7, vec(funcs.map((f, i) => [...name(f.name), 0x00, ...uleb(imports.length + i)]))),
    ...section(10, vec(code)),
  ];
  return new Uint8Array(bytes);
}
