/**
 * @file The elementwise IR lowered to WGSL: one `let` per IR node (shared subtrees are computed once), in the
 * storage type of its dtype — float32 and float64 nodes as `f32` (a GPU computes floats in single precision, so
 * the IR's float64 intermediates are f32 here), int32 as `i32`, bool as `u32` 0/1.
 *
 * WGSL's built-ins differ from the IR's semantics (exp.ts) in places, and the helpers in {@link WGSL_PRELUDE}
 * close the gaps: `pow` of a negative base (WGSL leaves it undefined), NaN tests a compiler may not fold away,
 * numpy's NaN-propagating max/min, floored `mod`, integer division by zero (0, as the CPU gives), `sin`/`cos`/`tan`
 * of large arguments (reduced by 2π first: GPUs evaluate them accurately only near zero), and `erf` (no
 * built-in). WGSL allows the other transcendental built-ins errors of thousands of ulps (atan: 4096; sinh, tanh,
 * asinh… "inherited" from formulas that cancel near 0) and GPU compilers reassociate float math, so rounding
 * tricks (Kahan's log1p) are not safe either: those functions are series and polynomials here, accurate to a few
 * float32 ulps on every GPU (elementwise.test.ts checks each against the CPU).
 */
import { topoSort, type AluBinary, type AluUnary, type Exp } from '../../ir/exp.js';
import type { DType } from '../../core/dtype.js';

/** The WGSL type an element of `dtype` is stored and computed in. */
export const wgslType = (dtype: DType): 'f32' | 'i32' | 'u32' =>
  dtype === 'int32' ? 'i32' : dtype === 'bool' ? 'u32' : 'f32';

/** WGSL `gt_isnan(x: f32) -> bool`, from the bits: a comparison with NaN may be folded away by a GPU compiler. */
export const WGSL_IS_NAN = 'fn gt_isnan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }';

/** Helper functions every generated kernel may call (unused ones cost nothing: the compiler drops them). */
export const WGSL_PRELUDE = `
// WGSL rejects NaN and infinities in constant expressions: a private variable (zero, but not a constant) makes
// the bit pattern a run-time value
var<private> gt_zero: u32;
fn gt_bits(b: u32) -> f32 { return bitcast<f32>(b + gt_zero); }
${WGSL_IS_NAN}
// float32 → int32 as the IR casts (JavaScript's ToInt32 of the truncated value): WGSL's i32() saturates instead
fn gt_toi32(v: f32) -> i32 {
  let bits = bitcast<u32>(v);
  let e = (bits >> 23u) & 0xffu;
  if (e < 158u) { return i32(v); } // |v| < 2^31: in range, i32() truncates
  if (e == 255u) { return 0; } // NaN, ±Infinity
  // |v| = mantissa · 2^(e − 150), an integer: keep its low 32 bits, then the sign
  let mag = select(0u, ((bits & 0x7fffffu) | 0x800000u) << (e - 150u), e - 150u < 32u);
  return bitcast<i32>(select(mag, 0u - mag, (bits >> 31u) != 0u));
}
fn gt_max(a: f32, b: f32) -> f32 { return select(b, a, a >= b || gt_isnan(a)); }
fn gt_min(a: f32, b: f32) -> f32 { return select(b, a, a <= b || gt_isnan(a)); }
fn gt_mod(a: f32, b: f32) -> f32 {
  // a finite a modulo ±Infinity is a itself (fmod), before the floored adjustment
  let r = select(a - b * trunc(a / b), a, abs(b) > 3.4028234e38 && abs(a) <= 3.4028234e38);
  return select(r, r + b, r != 0.0 && ((r < 0.0) != (b < 0.0)));
}
fn gt_imod(a: i32, b: i32) -> i32 {
  if (b == 0) { return 0; }
  let r = a % b;
  return select(r, r + b, r != 0 && ((r < 0) != (b < 0)));
}
fn gt_idiv(a: i32, b: i32) -> i32 { return select(a / b, 0, b == 0); }
fn gt_pow(a: f32, b: f32) -> f32 {
  if (b == 0.0) { return 1.0; }
  if (gt_isnan(a) || gt_isnan(b)) { return gt_bits(0x7fc00000u); }
  if (a == 0.0) { return select(0.0, gt_bits(0x7f800000u), b < 0.0); }
  let m = exp2(b * log2(abs(a)));
  if (a > 0.0) { return m; }
  if (trunc(b) != b) { return gt_bits(0x7fc00000u); }
  return select(m, -m, abs(b) < 16777216.0 && (i32(abs(b)) & 1) == 1);
}
fn gt_ipow(a: i32, b: i32) -> i32 {
  if (b < 0) { return select(0, select(-1, 1, (b & 1) == 0), a == -1) + select(0, 1, a == 1); }
  var r = 1; var base = a; var e = b;
  loop { if (e == 0) { break; } if ((e & 1) == 1) { r = r * base; } base = base * base; e = e >> 1u; }
  return r;
}
fn gt_reduce(x: f32) -> f32 {
  // x - 2πk in two steps (Cody–Waite): the high part of 2π has few bits, so k·C1 is exact for |k| < 2^12
  let k = round(x * 0.15915494309189535);
  return (x - k * 6.28125) - k * 0.0019353071795864769;
}
fn gt_sin(x: f32) -> f32 { return select(sin(gt_reduce(x)), sin(x), abs(x) <= 3.2); }
fn gt_cos(x: f32) -> f32 { return select(cos(gt_reduce(x)), cos(x), abs(x) <= 3.2); }
fn gt_tan(x: f32) -> f32 { let r = select(gt_reduce(x), x, abs(x) <= 3.2); return sin(r) / cos(r); }
fn gt_sign(x: f32) -> f32 { return select(sign(x), x, gt_isnan(x)); }
fn gt_expm1(x: f32) -> f32 {
  if (abs(x) >= 0.5) { return exp(x) - 1.0; }
  // Taylor to x^10 (the remainder is below 2^-24 relative for |x| < 0.5)
  var p = 1.0 + x / 10.0;
  p = 1.0 + x / 9.0 * p; p = 1.0 + x / 8.0 * p; p = 1.0 + x / 7.0 * p; p = 1.0 + x / 6.0 * p;
  p = 1.0 + x / 5.0 * p; p = 1.0 + x / 4.0 * p; p = 1.0 + x / 3.0 * p; p = 1.0 + x / 2.0 * p;
  return x * p;
}
fn gt_log1p(x: f32) -> f32 {
  if (abs(x) >= 0.5 || gt_isnan(x)) { return log(1.0 + x); }
  // log1p(x) = 2 atanh(s), s = x / (2 + x), |s| ≤ 1/3: an odd series in s
  let s = x / (2.0 + x);
  let z = s * s;
  let q = 1.0 + z * (1.0 / 3.0 + z * (0.2 + z * (1.0 / 7.0 + z * (1.0 / 9.0 + z * (1.0 / 11.0 + z * (1.0 / 13.0 + z / 15.0))))));
  return 2.0 * s * q;
}
fn gt_sinh(x: f32) -> f32 {
  if (abs(x) >= 0.5) { return (exp(x) - exp(-x)) * 0.5; }
  let z = x * x;
  return x * (1.0 + z / 6.0 * (1.0 + z / 20.0 * (1.0 + z / 42.0 * (1.0 + z / 72.0))));
}
fn gt_tanh(x: f32) -> f32 {
  if (gt_isnan(x)) { return x; }
  if (abs(x) < 0.55) { let e = gt_expm1(2.0 * x); return e / (e + 2.0); }
  let t = 1.0 - 2.0 / (exp(2.0 * min(abs(x), 15.0)) + 1.0);
  return select(t, -t, x < 0.0);
}
fn gt_asinh(x: f32) -> f32 {
  let a = abs(x);
  let r = select(gt_log1p(a + a * a / (1.0 + sqrt(1.0 + a * a))), log(a) + 0.6931471805599453, a > 1e4);
  return select(r, -r, x < 0.0);
}
fn gt_acosh(x: f32) -> f32 {
  if (x < 1.0) { return gt_bits(0x7fc00000u); }
  let t = x - 1.0;
  return select(gt_log1p(t + sqrt(t * (x + 1.0))), log(x) + 0.6931471805599453, x > 1e4);
}
fn gt_atanh(x: f32) -> f32 { return 0.5 * gt_log1p(2.0 * x / (1.0 - x)); }
fn gt_atan(x: f32) -> f32 {
  // Cephes atanf: reduce to |t| ≤ tan(π/8), then a degree-9 odd polynomial (about 1 ulp)
  let a = abs(x);
  var y = 0.0;
  var t = a;
  if (a > 2.414213562373095) { y = 1.5707963267948966; t = -1.0 / a; }
  else if (a > 0.4142135623730950) { y = 0.7853981633974483; t = (a - 1.0) / (a + 1.0); }
  let z = t * t;
  let r = y + ((((0.0805374449538 * z - 0.138776856032) * z + 0.199777106478) * z - 0.333329491539) * z * t + t);
  return select(select(r, -r, x < 0.0), x, gt_isnan(x));
}
fn gt_atan2(y: f32, x: f32) -> f32 {
  if (gt_isnan(x) || gt_isnan(y)) { return gt_bits(0x7fc00000u); }
  let ax = abs(x);
  let ay = abs(y);
  var a: f32;
  if (ax == 0.0 && ay == 0.0) { a = 0.0; }
  else if (ax == ay) { a = 0.7853981633974483; }
  else if (ay > ax) { a = 1.5707963267948966 - gt_atan(ax / ay); }
  else { a = gt_atan(ay / ax); }
  // the signs decide the quadrant, including those of zeros (atan2(0, -0) = π, as Math.atan2)
  if ((bitcast<u32>(x) >> 31u) == 1u) { a = 3.141592653589793 - a; }
  return select(a, -a, (bitcast<u32>(y) >> 31u) == 1u);
}
fn gt_asin(x: f32) -> f32 { return gt_atan2(x, sqrt((1.0 - x) * (1.0 + x))); }
fn gt_acos(x: f32) -> f32 { return gt_atan2(sqrt((1.0 - x) * (1.0 + x)), x); }
fn gt_erf(x: f32) -> f32 {
  // Abramowitz & Stegun 7.1.26 (|error| ≤ 1.5e-7, about float32 rounding)
  let t = 1.0 / (1.0 + 0.3275911 * abs(x));
  let y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * exp(-x * x);
  return select(-y, y, x >= 0.0);
}
`;

/** A constant as a WGSL expression of its dtype's type. */
export function wgslConst(value: number, dtype: DType): string {
  if (dtype === 'bool') return value !== 0 ? '1u' : '0u';
  if (dtype === 'int32') {
    const v = Number.isNaN(value) ? 0 : Math.trunc(value) | 0;
    return v === -2147483648 ? 'i32(-2147483647 - 1)' : `i32(${v})`;
  }
  const f = Math.fround(value);
  if (!Number.isFinite(f)) {
    const bits = Number.isNaN(f) ? 0x7fc00000 : f > 0 ? 0x7f800000 : 0xff800000;
    return `gt_bits(0x${bits.toString(16)}u)`;
  }
  if (Object.is(f, -0)) return 'f32(-0.0)';
  const s = String(f);
  return `f32(${/[.e]/.test(s) ? s : `${s}.0`})`;
}

const zeroOf = (t: string): string => (t === 'f32' ? '0.0' : t === 'i32' ? '0' : '0u');

/** A unary op on an operand of WGSL type `t` (the node's own type is the operand's, except `isnan`/`not`). */
function unaryCode(op: AluUnary, a: string, t: string): string {
  const f = t === 'f32';
  switch (op) {
    case 'neg':
      return t === 'u32' ? `(0u - ${a})` : `(-${a})`;
    case 'abs':
      return t === 'u32' ? a : `abs(${a})`;
    case 'sign':
      return t === 'u32' ? a : f ? `gt_sign(${a})` : `sign(${a})`;
    case 'floor':
    case 'ceil':
      return f ? `${op}(${a})` : a;
    case 'roundEven':
      return f ? `round(${a})` : a; // WGSL's round() rounds half to even
    case 'isnan':
      return f ? `u32(gt_isnan(${a}))` : '0u';
    case 'not':
      return `u32(${a} == ${zeroOf(t)})`;
    case 'sqrt':
    case 'exp':
    case 'log':
    case 'cosh':
      return `${op}(${a})`; // WGSL built-ins of the same name, accurate enough
    default:
      return `gt_${op}(${a})`;
  }
}

function binaryCode(op: AluBinary, a: string, b: string, t: string): string {
  const z = zeroOf(t);
  switch (op) {
    case 'add':
      return `(${a} + ${b})`;
    case 'sub':
      return `(${a} - ${b})`;
    case 'mul':
      return `(${a} * ${b})`;
    case 'div':
      return t === 'i32' ? `gt_idiv(${a}, ${b})` : `(${a} / ${b})`;
    case 'pow':
      return t === 'i32' ? `gt_ipow(${a}, ${b})` : `gt_pow(${a}, ${b})`;
    case 'atan2':
      return `gt_atan2(${a}, ${b})`;
    case 'mod':
      return t === 'i32' ? `gt_imod(${a}, ${b})` : t === 'u32' ? `(${a} % max(${b}, 1u))` : `gt_mod(${a}, ${b})`;
    case 'max':
    case 'min':
      return t === 'f32' ? `gt_${op}(${a}, ${b})` : `${op}(${a}, ${b})`;
    case 'lt':
      return `u32(${a} < ${b})`;
    case 'le':
      return `u32(${a} <= ${b})`;
    case 'eq':
      return `u32(${a} == ${b})`;
    case 'ne':
      return `u32(${a} != ${b})`;
    case 'and':
      return `u32(${a} != ${z} && ${b} != ${z})`;
    case 'or':
      return `u32(${a} != ${z} || ${b} != ${z})`;
  }
}

function castCode(a: string, from: string, to: DType): string {
  const t = wgslType(to);
  if (from === t) return a;
  // from f32 on the bits: NaN is true, and no compiler folds a comparison with NaN away
  if (to === 'bool')
    return from === 'f32' ? `u32((bitcast<u32>(${a}) & 0x7fffffffu) != 0u)` : `u32(${a} != ${zeroOf(from)})`;
  if (t === 'i32' && from === 'f32') return `gt_toi32(${a})`;
  return `${t}(${a})`;
}

/**
 * WGSL statements computing `roots`: `load(k)` is the expression reading input k for the current element.
 * Returns the statements and one expression per root.
 * @example lowerWgsl([binary('add', input(0), konst(1, 'float32'))], (k) => `in${k}[i]`)
 */
export function lowerWgsl(
  roots: readonly Exp[],
  load: (index: number, dtype: DType) => string,
): { stmts: string; values: string[] } {
  const names = new Map<Exp, string>();
  const lines: string[] = [];
  const ref = (e: Exp): string => names.get(e)!;
  for (const e of topoSort(roots)) {
    let code: string;
    switch (e.op) {
      case 'const':
        names.set(e, wgslConst(e.value, e.dtype));
        continue;
      case 'input':
        code = load(e.index, e.dtype);
        break;
      case 'where':
        code = `select(${ref(e.b)}, ${ref(e.a)}, ${ref(e.cond)} != ${zeroOf(wgslType(e.cond.dtype))})`;
        break;
      case 'cast':
        code = castCode(ref(e.a), wgslType(e.a.dtype), e.dtype);
        break;
      default:
        code =
          'b' in e
            ? binaryCode(e.op as AluBinary, ref(e.a), ref(e.b), wgslType(e.a.dtype))
            : unaryCode(e.op as AluUnary, ref((e as { a: Exp }).a), wgslType((e as { a: Exp }).a.dtype));
    }
    const name = `v${names.size}`;
    lines.push(`let ${name}: ${wgslType(e.dtype)} = ${code};`);
    names.set(e, name);
  }
  return { stmts: lines.join('\n  '), values: roots.map(ref) };
}
