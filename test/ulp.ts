/**
 * @file Distances in units in the last place, for the accuracy tests of the vector math (test support; not
 * exported by the package).
 */

const f64 = new Float64Array(1),
  i64 = new BigInt64Array(f64.buffer);

/** Float64 bits as integers ordered like the values (−0 and +0 both 0). */
function ordered(x: number): bigint {
  f64[0] = x;
  const b = i64[0];
  return b < 0n ? -(b & 0x7fffffffffffffffn) : b;
}

/** How many float64 values lie between a and b (0 when equal; both NaN counts as equal; one NaN is Infinity). */
export function ulps64(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  const d = ordered(a) - ordered(b);
  return Number(d < 0n ? -d : d);
}

/**
 * The error of a float32 result `v` against the exact (float64) value `ref`, in float32 ulps of `ref`
 * (fractional: 0.5 is a correctly rounded result). Both NaN is 0; infinities must match.
 */
export function ulps32(v: number, ref: number): number {
  if (Number.isNaN(v) || Number.isNaN(ref)) return Number.isNaN(v) && Number.isNaN(ref) ? 0 : Infinity;
  if (v === ref) return 0;
  const r = Math.abs(Math.fround(ref));
  if (!Number.isFinite(r) || !Number.isFinite(v)) return v === Math.fround(ref) ? 0 : Infinity;
  const e = r === 0 ? -149 : Math.max(Math.floor(Math.log2(r)) - 23, -149);
  return Math.abs(v - ref) / 2 ** e;
}
