/**
 * @file Emits the WebAssembly module of one canonical kernel: `run(n, start)` computes n elements of a chunk
 * whose inputs the caller has copied to fixed places in memory, writing elementwise outputs beside them and each
 * sum's partial total (float64) to its slot, and returns the tier to start the next chunk at (see the tiers
 * near the end).
 *
 * A step of the loop handles L lanes (2 to 16, chosen per kernel: see `L`): a value is held as L/2 f64x2
 * vectors (float64) or L/4 v128s of 32-bit lanes (float32 as f32x4; int32 and bool as i32x4, bool as 0 or 1;
 * a float comparison feeding only `where` stays a lane mask of its operands' width, so it does not count).
 * The main loop runs over whole steps; the last partial step runs the same code once more on the stale lanes
 * past n (harmless: the caller copies back only n elements) with those lanes masked out of the sums. Nodes are
 * emitted operand-first into locals, each once; sin and cos of one operand share one range reduction; each
 * constant is loaded once per step. The loop makes no calls (unless the kernel has ops computed per lane): it
 * keeps the largest x² of each sin/cos operand, and a chunk with one beyond the range of the reduction used is
 * recomputed by another copy of the loop (float32: float64 reduction; beyond the vector range: Math.sin/Math.cos
 * per lane).
 */
import type { DType } from '../../../core/dtype.js';
import {
  EVENS,
  f32x4,
  f64x2,
  Fn,
  HIGH_TO_LOW,
  i32x4,
  i64x2,
  LOWS,
  narrowToBytes,
  op,
  sc,
  T,
  v128,
  type C,
  type ImportSpec,
  encodeKernelModule,
} from './asm.js';
import type { Canonical, Node } from './canonical.js';
import { fallbackName } from './fallback.js';
import { exp64, expm1_64, log64, SINCOS_LIMIT_64, sinCos64, tanh64 } from './vmath64.js';
import { reduceFast32, reduceWide32, SINCOS_FAST_32, SINCOS_LIMIT_32, sinCos32 } from './vmath32.js';

/** Elements per chunk: every array of a chunk gets CHUNK·8 bytes of memory. */
export const CHUNK = 8192;

export interface Layout {
  /** Byte offset of array a (inputs first, then the elementwise outputs in order). */
  arrays: number[];
  /** Byte offset of each output's sum slot (float64). */
  sums: number[];
  /** Where the constant pool goes, and its bytes. */
  poolBase: number;
  pool: Uint8Array;
  bytes: number;
}

export interface Emitted {
  bytes: Uint8Array<ArrayBuffer>;
  imports: ImportSpec[];
  layout: Layout;
}

const lanesOf = (d: DType): number => (d === 'float64' ? 2 : 4);
const isF = (d: DType): boolean => d === 'float64' || d === 'float32';
const COMPARE: ReadonlySet<string> = new Set(['lt', 'le', 'eq', 'ne']);
/** The heavy routines besides sin/cos, all on float64 vectors (float32 ones on widened halves). */
const WIDENED: ReadonlySet<string> = new Set(['exp', 'expm1', 'log', 'tanh']);
/** Kernels of at most this many operations get several vectors per value and step (see `L` below)… */
const SMALL_KERNEL = 64;
/** …and at most this many vectors of heavy routines per step. */
const HEAVY_VECTORS = 4;

export function emitKernel(c: Canonical): Emitted {
  // A float comparison used only as where's condition stays a lane mask of its operands' width (no 0/1 bools,
  // no width changes): mulNoNan's where(g == 0, 0, d·g) then costs a compare and an and, and keeps float64
  // kernels at two lanes.
  // (Folding can leave nodes no output needs: they are skipped.)
  const condOnly = c.nodes.map(() => true),
    used = c.nodes.map(() => false);
  c.outputs.forEach((o) => {
    condOnly[o.node] = false;
    used[o.node] = true;
  });
  for (let i = c.nodes.length - 1; i >= 0; i--) {
    const n = c.nodes[i];
    if (!used[i]) continue;
    n.args.forEach((a, k) => {
      used[a] = true;
      if (n.op !== 'where' || k > 0) condOnly[a] = false;
    });
  }
  const maskOf = c.nodes.map((n, i): DType | null =>
    condOnly[i] && COMPARE.has(n.op) && isF(c.nodes[n.args[0]].dtype) ? c.nodes[n.args[0]].dtype : null,
  );
  const allF64 =
    c.nodes.every((n, i) => !used[i] || n.dtype === 'float64' || maskOf[i] === 'float64') &&
    c.inputs.every((d) => d === 'float64');
  // Lanes per step (README.md, "Lanes"). A sin/cos is a chain of ~25 dependent operations, longer than the CPU
  // overlaps across steps, so a small kernel does several vectors' worth of independent work per step, which
  // beats V8's spills of the extra registers (W2, 10⁶ points: float32 2.33 ms at 4 lanes, 1.65 at 16; float64
  // 7.85 at 2, 5.7 at 8) — up to about four vectors of the heavy routines (sin/cos of one operand, exp, expm1,
  // log, tanh; float64 or widened ones count two lanes a vector) per step: past that the spills win (two
  // reductions per step: 3.8 ms at 16 lanes against 2.8 at 8). Large kernels keep one vector per value: ILP
  // enough, and locals (V8 allows 50,000) and compile time grow with the lanes.
  const small = c.nodes.filter((n, i) => used[i] && n.op !== 'const' && n.op !== 'input').length <= SMALL_KERNEL;
  const heavyLanes: number[] = [],
    trigArgs = new Set<number>();
  c.nodes.forEach((n, i) => {
    if (!used[i] || !isF(n.dtype)) return;
    const trig = n.op === 'sin' || n.op === 'cos';
    // float32 sin/cos: f32x4 in the fast tier, float64 halves in the wide one (-4)
    if (trig && !trigArgs.has(n.args[0])) heavyLanes.push(n.dtype === 'float64' ? 2 : -4);
    else if (WIDENED.has(n.op)) heavyLanes.push(2);
    if (trig) trigArgs.add(n.args[0]);
  });
  const heavyVectors = (l: number, wide: boolean): number =>
    heavyLanes.reduce((s, lanes) => s + l / (lanes > 0 ? lanes : wide ? 2 : 4), 0);
  // a float32 kernel with float64 values holds L/2 vectors of each: at most 8 lanes
  const has64 = c.nodes.some((n, i) => used[i] && (n.dtype === 'float64' || maskOf[i] === 'float64'));
  const choices = allF64 ? [8, 4, 2] : has64 ? [8, 4] : [16, 8, 4];
  const baseL = choices[choices.length - 1];
  const lanesFor = (wide: boolean): number =>
    (small && choices.find((l) => heavyVectors(l, wide) <= HEAVY_VECTORS && (!wide || l <= 8))) || baseL;
  const fastL = lanesFor(false),
    wideL = lanesFor(true);
  /** Lanes of the copy of the loop being emitted (the per-lane tier, rarely run, keeps baseL: less code). */
  let L = fastL;
  const parts = (d: DType): number => L / lanesOf(d);
  const elementwise = c.outputs.filter((o) => !o.sum);
  const sums = c.outputs.map((_, k) => 8 * k);
  const base = Math.ceil((8 * c.outputs.length) / 16) * 16 + 16;
  const arrays = [...c.inputs, ...elementwise].map((_, a) => base + a * CHUNK * 8);
  const poolBase = base + arrays.length * CHUNK * 8;

  const imports: ImportSpec[] = [],
    importIndex = new Map<string, number>();
  const importFn = (name: string, arity: number): number => {
    let i = importIndex.get(name);
    if (i === undefined) {
      i = imports.length;
      imports.push({ name, params: new Array(arity).fill(T.f64), results: [T.f64] });
      importIndex.set(name, i);
    }
    return i;
  };
  const f = new Fn('run', [T.i32, T.i32], poolBase);
  const N = 0,
    E = f.local(T.i32),
    NFULL = f.local(T.i32),
    A8 = f.local(T.i32),
    A4 = f.local(T.i32);
  const addr = (d: DType): C => (d === 'bool' ? op.get(E) : op.get(d === 'float64' ? A8 : A4));

  // ---- representation changes ----
  const rep = (k: number, v: C): C[] => new Array(k).fill(v);
  /** Values of dtype d as float64 parts. */
  const toF64 = (v: C[], d: DType): C[] => {
    if (d === 'float64') return v;
    const widen = d === 'float32' ? f64x2.promoteLow : f64x2.convertLowI32;
    return v.flatMap((x) => [widen(x), widen(v128.shuffle(x, x, HIGH_TO_LOW))]);
  };
  const f64ToF32 = (v: C[]): C[] =>
    Array.from({ length: v.length / 2 }, (_, q) =>
      v128.shuffle(f32x4.demoteZero(v[2 * q]), f32x4.demoteZero(v[2 * q + 1]), LOWS),
    );
  const mask64to32 = (m: C[]): C[] =>
    Array.from({ length: m.length / 2 }, (_, q) => v128.shuffle(m[2 * q], m[2 * q + 1], EVENS));
  const mask32to64 = (m: C[]): C[] => m.flatMap((x) => [i64x2.extendLowI32(x), i64x2.extendHighI32(x)]);
  /** Lanes that are nonzero (NaN counts), as masks in the lane width of dtype `to`. */
  const truth = (v: C[], d: DType, to: DType): C[] => {
    const m = v.map((x) =>
      d === 'float64' ? f64x2.ne(x, f64x2.k(0)) : d === 'float32' ? f32x4.ne(x, f32x4.k(0)) : i32x4.ne(x, i32x4.k(0)),
    );
    return widthOf(m, d, to);
  };
  /** Lane masks of dtype d's width in the width of dtype `to`. */
  const widthOf = (m: C[], d: DType, to: DType): C[] =>
    (d === 'float64') === (to === 'float64') ? m : d === 'float64' ? mask64to32(m) : mask32to64(m);
  const maskToBool = (m: C[], from: DType): C[] =>
    (from === 'float64' ? mask64to32(m) : m).map((x) => v128.and(x, i32x4.k(1)));

  /** The node computed per lane by an imported scalar function. */
  const perLane = (n: Node, args: C[][]): C[] => {
    const argTypes = n.args.map((a) => c.nodes[a].dtype);
    const fn = importFn(fallbackName(n.op, n.dtype, argTypes), args.length);
    const extract = (v: C[], d: DType, lane: number): C => {
      const reg = v[Math.floor(lane / lanesOf(d))],
        l = lane % lanesOf(d);
      if (d === 'float64') return f64x2.extract(reg, l);
      if (d === 'float32') return sc.f64PromoteF32(f32x4.extract(reg, l));
      return sc.f64ConvertI32(i32x4.extract(reg, l));
    };
    const out: C[] = [];
    for (let p = 0; p < parts(n.dtype); p++) {
      let r = v128.zero();
      for (let l = 0; l < lanesOf(n.dtype); l++) {
        const lane = p * lanesOf(n.dtype) + l;
        const y = sc.call(fn, ...args.map((a, i) => extract(a, argTypes[i], lane)));
        r =
          n.dtype === 'float64'
            ? f64x2.replace(r, l, y)
            : n.dtype === 'float32'
              ? f32x4.replace(r, l, sc.f32DemoteF64(y))
              : i32x4.replace(r, l, sc.i32TruncSatF64(y));
      }
      out.push(f.let(r));
    }
    return out;
  };

  /**
   * Which copy of the loop is being emitted (see the tiers below): float32 sin/cos reduce in float32 ('fast') or
   * in float64 ('wide'), or every sin/cos calls Math.sin/Math.cos per lane ('safe').
   */
  let mode: 'fast' | 'wide' | 'safe' = 'fast';
  /**
   * Per sin/cos operand, the greatest x² seen in this pass (NaN lanes ignored: pmax keeps the accumulator,
   * which is always its first operand; ±∞ gives ∞): a multiply and a pmax per vector, all parts into one
   * accumulator (one loop-carried register, not one per part), checked against the ranges once after the loop.
   * Locals start at zero on every call.
   */
  let ranges = new Map<string, { hi: number; d: DType }>();
  const track = (x: C, d: DType, key: string): void => {
    let r = ranges.get(key);
    if (r === undefined) ranges.set(key, (r = { hi: f.local(), d }));
    const F = d === 'float64' ? f64x2 : f32x4;
    f.emit(F.pmax(op.get(r.hi), F.mul(x, x)), op.set(r.hi));
  };
  const viaF64 = (v: C[], d: DType, g: (x: C) => C): C[] => {
    const r = toF64(v, d).map((x) => f.let(g(x)));
    return d === 'float64' ? r : f64ToF32(r).map((x) => f.let(x));
  };

  /** Emits node i given its operands' values; returns its value (one expression per part, each a local). */
  const lower = (n: Node, args: C[][], vals: C[][], i: number): C[] => {
    const D = n.dtype,
      a = args[0],
      b = args[1],
      A = n.args.length ? c.nodes[n.args[0]].dtype : D;
    const F = D === 'float64' ? f64x2 : f32x4;
    const each = (g: (...xs: C[]) => C): C[] => a.map((_, p) => f.let(g(...args.map((v) => v[p]))));
    switch (n.op) {
      case 'input': {
        const base = arrays[n.index];
        return Array.from({ length: parts(D) }, (_, p) =>
          f.let(
            D === 'bool' ? i32x4.fromBytes(v128.load32Zero(addr(D), base + 4 * p)) : v128.load(addr(D), base + 16 * p),
          ),
        );
      }
      case 'cast':
        if (A === D) return a;
        if (D === 'float64' || (D === 'float32' && A === 'float64'))
          return (D === 'float64' ? toF64(a, A) : f64ToF32(a)).map((x) => f.let(x));
        if (D === 'float32') return a.map((x) => f.let(f32x4.convertI32(x)));
        if (D === 'bool') return maskToBool(truth(a, A, A), A).map((x) => f.let(x));
        if (A === 'bool') return a; // bool (0/1) → int32
        return perLane(n, args);
      case 'where': {
        const mw = maskOf[n.args[0]];
        const m = mw ? widthOf(args[0], mw, D) : truth(args[0], A, D);
        // a +0 branch (mulNoNan's where(g == 0, 0, d·g)) is a mask: one instruction instead of a select
        const zero = (k: number): boolean =>
          c.nodes[n.args[k]].op === 'const' && Object.is(c.nodes[n.args[k]].value, 0);
        if (zero(2)) return args[1].map((x, p) => f.let(v128.and(x, m[p])));
        if (zero(1)) return args[2].map((x, p) => f.let(v128.andnot(x, m[p])));
        return args[1].map((x, p) => f.let(v128.select(x, args[2][p], m[p])));
      }
      case 'isnan':
        return isF(A)
          ? maskToBool(
              a.map((x) => (A === 'float64' ? f64x2.ne(x, x) : f32x4.ne(x, x))),
              A,
            ).map((x) => f.let(x))
          : rep(parts(D), i32x4.k(0));
      case 'not':
        return maskToBool(
          truth(a, A, A).map((m) => v128.not(m)),
          A,
        ).map((x) => f.let(x));
      case 'and':
      case 'or': {
        const ma = truth(a, A, A),
          mb = truth(b, A, A);
        return maskToBool(
          ma.map((x, p) => (n.op === 'and' ? v128.and : v128.or)(x, mb[p])),
          A,
        ).map((x) => f.let(x));
      }
      case 'lt':
      case 'le':
      case 'eq':
      case 'ne': {
        const cmp =
          A === 'float64'
            ? { lt: f64x2.lt, le: f64x2.le, eq: f64x2.eq, ne: f64x2.ne }[n.op]
            : A === 'float32'
              ? { lt: f32x4.lt, le: f32x4.le, eq: f32x4.eq, ne: f32x4.ne }[n.op]
              : { lt: i32x4.ltS, le: i32x4.leS, eq: i32x4.eq, ne: i32x4.ne }[n.op];
        const m = a.map((x, p) => cmp(x, b[p]));
        return (maskOf[i] ? m : maskToBool(m, A)).map((x) => f.let(x));
      }
    }
    if (isF(D)) {
      switch (n.op) {
        case 'neg':
          return each(F.neg);
        case 'abs':
          return each(F.abs);
        case 'sqrt':
          return each(F.sqrt);
        case 'floor':
          return each(F.floor);
        case 'ceil':
          return each(F.ceil);
        case 'roundEven':
          return each(F.nearest);
        case 'sign':
          return each((x) => v128.select(F.k(1), v128.select(F.k(-1), x, F.lt(x, F.k(0))), F.gt(x, F.k(0))));
        case 'add':
          return each(F.add);
        case 'sub':
          return each(F.sub);
        case 'mul': {
          // 2·x is x + x bit for bit (one rounding of the same value; signs, NaN and overflow alike): no constant
          // to load and hold, and an add pipe instead of a multiply one (the chain rule is full of 2·)
          const two = n.args.findIndex((a) => c.nodes[a].op === 'const' && c.nodes[a].value === 2);
          if (two >= 0) return args[1 - two].map((x) => f.let(F.add(x, x)));
          return each(F.mul);
        }
        case 'div':
          return each(F.div);
        case 'max':
          return each((x, y) => v128.select(x, y, v128.or(F.ge(x, y), F.ne(x, x))));
        case 'min':
          return each((x, y) => v128.select(x, y, v128.or(F.le(x, y), F.ne(x, x))));
        case 'exp':
          return viaF64(a, D, (x) => exp64(f, x));
        case 'expm1':
          return viaF64(a, D, (x) => expm1_64(f, x));
        case 'log':
          return viaF64(a, D, (x) => log64(f, x));
        case 'tanh':
          return viaF64(a, D, (x) => tanh64(f, x));
        case 'sin':
        case 'cos': {
          // one reduction for sin and cos of the same operand: fill in the partner's value too
          const partner = c.nodes.findIndex(
            (m, j) => j > i && m.op === (n.op === 'sin' ? 'cos' : 'sin') && m.args[0] === n.args[0],
          );
          let sin: C[], cos: C[];
          if (mode === 'safe') {
            sin = perLane({ ...n, op: 'sin' }, args);
            cos = perLane({ ...n, op: 'cos' }, args);
          } else {
            const r = a.map((x) =>
              D === 'float64' ? sinCos64(f, x) : sinCos32(f, mode === 'fast' ? reduceFast32(f, x) : reduceWide32(f, x)),
            );
            sin = r.map((x) => x.sin);
            cos = r.map((x) => x.cos);
            for (const x of a) track(x, D, String(n.args[0]));
          }
          if (partner >= 0) vals[partner] = n.op === 'sin' ? cos : sin;
          return n.op === 'sin' ? sin : cos;
        }
      }
    } else if (D === 'int32') {
      switch (n.op) {
        case 'neg':
          return each(i32x4.neg);
        case 'abs':
          return each(i32x4.abs);
        case 'floor':
        case 'ceil':
        case 'roundEven':
          return a;
        case 'sign':
          return each((x) =>
            v128.select(i32x4.k(1), v128.select(i32x4.k(-1), x, i32x4.ltS(x, i32x4.k(0))), i32x4.gtS(x, i32x4.k(0))),
          );
        case 'add':
          return each(i32x4.add);
        case 'sub':
          return each(i32x4.sub);
        case 'max':
          return each(i32x4.maxS);
        case 'min':
          return each(i32x4.minS);
      }
    }
    return perLane(n, args);
  };

  /** Lane masks (64-bit lanes, one per float64 part) of the lanes below the remainder `rem` (a local). */
  const tailMasks = (rem: number): C[] => {
    const m32 = Array.from({ length: Math.ceil(L / 4) }, (_, q) =>
      f.let(i32x4.gtS(i32x4.splat(op.get(rem)), i32x4.k4(4 * q, 4 * q + 1, 4 * q + 2, 4 * q + 3))),
    );
    return mask32to64(m32)
      .slice(0, L / 2)
      .map((x) => f.let(x));
  };

  // constants are loads from the pool (asm.ts); the sum accumulators live across the loop
  const consts = (): C[][] =>
    c.nodes.map((n, i) =>
      n.op === 'const' && used[i]
        ? rep(
            parts(n.dtype),
            n.dtype === 'float64' ? f64x2.k(n.value) : n.dtype === 'float32' ? f32x4.k(n.value) : i32x4.k(n.value),
          )
        : [],
    );
  const acc: number[] = c.outputs.map((o) => (o.sum ? f.local() : -1));

  const body = (rem: number | null): void => {
    f.shareConstants(true);
    f.emit(sc.shl(op.get(E), 3), op.set(A8), sc.shl(op.get(E), 2), op.set(A4));
    const vals: C[][] = consts();
    c.nodes.forEach((n, i) => {
      if (used[i] && n.op !== 'const' && vals[i].length === 0)
        vals[i] = lower(
          n,
          n.args.map((a) => vals[a]),
          vals,
          i,
        );
    });
    const masks = rem === null ? null : tailMasks(rem);
    let w = c.inputs.length;
    c.outputs.forEach((o, k) => {
      const d = c.nodes[o.node].dtype,
        v = vals[o.node];
      if (o.sum) {
        // the parts added first: one loop-carried accumulator (V8 keeps each in a stack slot)
        const xs = toF64(v, d).map((x, p) => (masks ? v128.and(x, masks[p]) : x));
        f.emit(
          f64x2.add(
            op.get(acc[k]),
            xs.reduce((x, y) => f64x2.add(x, y)),
          ),
          op.set(acc[k]),
        );
        return;
      }
      const base = arrays[w++];
      v.forEach((x, p) =>
        f.emit(
          d === 'bool'
            ? v128.store32Lane(addr(d), base + 4 * p, narrowToBytes(x), 0)
            : v128.store(addr(d), base + 16 * p, x),
        ),
      );
    });
    f.shareConstants(false);
  };

  const REM = f.local(T.i32);
  const pass = (m: typeof mode): void => {
    mode = m;
    L = m === 'fast' ? fastL : m === 'wide' ? wideL : baseL;
    ranges = new Map();
    for (const l of acc) if (l >= 0) f.emit(f64x2.k(0), op.set(l));
    f.emit(op.get(N), op.i32(-L), [0x71], op.set(NFULL), op.i32(0), op.set(E));
    f.emit(op.block(), op.get(NFULL), op.i32Eqz(), op.brIf(0), op.loop());
    body(null);
    f.emit(op.get(E), op.i32(L), op.i32Add(), op.tee(E), op.get(NFULL), op.i32LtU(), op.brIf(0), op.end(), op.end());
    f.emit(op.get(N), op.get(E), op.i32Sub(), op.tee(REM), op.if());
    body(REM);
    f.emit(op.end());
  };
  /**
   * Whether this pass saw an operand beyond its dtype's `limit` (null: not checked), as an i32. x² > limit² is
   * |x| > limit up to the rounding of the squares (a hair either side of limits that are not sharp).
   */
  const beyond = (limit: (d: DType) => number | null): C => {
    const out = [...ranges.values()].flatMap(({ hi, d }) => {
      const l = limit(d),
        F = d === 'float64' ? f64x2 : f32x4;
      return l === null ? [] : [F.gt(op.get(hi), F.k(l * l))];
    });
    return out.length ? v128.anyTrue(out.reduce(v128.or)) : op.i32(0);
  };
  const vectorRange = (d: DType): number => (d === 'float64' ? SINCOS_LIMIT_64 : SINCOS_LIMIT_32);
  const fastRange = (d: DType): number | null => (d === 'float32' ? SINCOS_FAST_32 : null);
  const trig = (d: DType): boolean =>
    c.nodes.some((n, i) => used[i] && (n.op === 'sin' || n.op === 'cos') && n.dtype === d);
  const wide = trig('float32');
  // Tiers, each a copy of the loop over the whole chunk. The fast and wide copies make no calls in their loops
  // (a call there makes V8 keep every constant in memory around it); each keeps the largest x² of every sin/cos
  // operand. Tier 0 (fast): float32 sin/cos reduce in float32. Tier 1 (wide), if a float32 operand went beyond
  // SINCOS_FAST_32: they reduce in float64. Tier 2 (safe), if an operand was beyond the vector range (or
  // infinite): Math.sin/Math.cos per lane — rare, and exact. `start` (the second parameter) is the tier to begin
  // with, and the result says whether this chunk needed the wide tier, so that the caller starts the next chunk
  // there instead of running both copies on every chunk of an array of large arguments.
  const START = 1,
    HINT = f.local(T.i32);
  const SELECT = [0x1b],
    I32_EQ = [0x46],
    I32_LT_S = [0x48];
  if (!trig('float32') && !trig('float64')) pass('fast');
  else {
    f.emit(op.get(START), op.i32(wide ? 1 : 2), I32_LT_S, op.if());
    pass('fast');
    if (wide) f.emit(beyond(fastRange), op.set(HINT));
    f.emit(op.i32(2), op.get(HINT), beyond(vectorRange), SELECT, op.set(START), op.end());
    if (wide) {
      f.emit(op.get(START), op.i32(1), I32_EQ, op.if());
      pass('wide');
      f.emit(beyond(fastRange), op.set(HINT));
      f.emit(op.i32(2), op.i32(1), beyond(vectorRange), SELECT, op.set(START), op.end());
    }
    f.emit(op.get(START), op.i32(2), I32_EQ, op.if());
    pass('safe');
    f.emit(op.end());
  }
  c.outputs.forEach((o, k) => {
    if (!o.sum) return;
    const s = f.let(op.get(acc[k]));
    f.emit(sc.f64Store(op.i32(0), sums[k], sc.f64Add(f64x2.extract(s, 0), f64x2.extract(s, 1))));
  });
  f.emit(op.get(HINT));
  const pool = f.pool();
  return {
    bytes: encodeKernelModule(imports, [f], [[T.i32]]),
    imports,
    layout: { arrays, sums, poolBase, pool, bytes: poolBase + pool.length },
  };
}
