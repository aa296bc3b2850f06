/**
 * @file A minimal WebAssembly binary encoder: just enough (LEB128 numbers, sections, the instructions the
 * matmul kernels use) to emit a module from TypeScript at load time. Building the bytes here, instead of
 * committing a .wasm file, keeps the kernel reviewable as code and needs no toolchain at install time.
 */

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (for i32.const). */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/** A vector: its length, then the items. */
export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
/** A section: its id, its byte size, then the body. */
export const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
/** A name: its UTF-8 byte length, then the bytes. */
export const name = (s: string): number[] => {
  const b = [...new TextEncoder().encode(s)];
  return [...uleb(b.length), ...b];
};
/** The magic number and version every module starts with. */
export const HEADER: readonly number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** One code-section entry: the locals (run-length groups of equal types), the body, `end`, sized. */
export function codeEntry(locals: readonly number[], body: readonly number[]): number[] {
  const groups: number[][] = [];
  for (const t of locals) {
    const last = groups[groups.length - 1];
    if (last && last[1] === t) last[0]++;
    else groups.push([1, t]);
  }
  const entry = [...vec(groups.map(([n, t]) => [...uleb(n), t])), ...body, 0x0b];
  return [...uleb(entry.length), ...entry];
}

export const T = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b } as const;

/** Instruction helpers: each returns the bytes of one instruction. */
export const op = {
  block: (): number[] => [0x02, 0x40],
  loop: (): number[] => [0x03, 0x40],
  if: (): number[] => [0x04, 0x40],
  else: (): number[] => [0x05],
  end: (): number[] => [0x0b],
  br: (depth: number): number[] => [0x0c, ...uleb(depth)],
  brIf: (depth: number): number[] => [0x0d, ...uleb(depth)],
  get: (i: number): number[] => [0x20, ...uleb(i)],
  set: (i: number): number[] => [0x21, ...uleb(i)],
  tee: (i: number): number[] => [0x22, ...uleb(i)],
  i32: (v: number): number[] => [0x41, ...sleb(v)],
  i32Add: (): number[] => [0x6a],
  i32Sub: (): number[] => [0x6b],
  i32Mul: (): number[] => [0x6c],
  i32LtU: (): number[] => [0x49],
  i32Eqz: (): number[] => [0x45],
  /** A SIMD instruction: the 0xfd prefix, then its LEB128 opcode and immediates. */
  simd: (code: number, ...imm: number[]): number[] => [0xfd, ...uleb(code), ...imm],
  /** A memory immediate: log2 alignment and a constant byte offset. */
  mem: (align: number, offset: number): number[] => [...uleb(align), ...uleb(offset)],
};

/** SIMD opcodes used by the kernels (WebAssembly SIMD, the final 128-bit proposal). */
export const SIMD = {
  load: 0x00,
  load32Splat: 0x09,
  load64Splat: 0x0a,
  store: 0x0b,
  const: 0x0c,
  i8x16Splat: 0x0f,
  f32x4Add: 0xe4,
  f32x4Mul: 0xe6,
  f64x2Add: 0xf0,
  f64x2Mul: 0xf2,
} as const;

export interface FuncSpec {
  name: string;
  params: number[];
  results: number[];
  /** Extra locals, by type (declared after the params, in this order). */
  locals: number[];
  body: number[];
}

/** Encodes a module with one exported memory (`memory`, `pages` initial pages) and the given exported functions. */
export function encodeModule(funcs: FuncSpec[], pages: number): Uint8Array<ArrayBuffer> {
  const types = funcs.map((f) => [0x60, ...vec(f.params.map((t) => [t])), ...vec(f.results.map((t) => [t]))]);
  const code = funcs.map((f) => codeEntry(f.locals, f.body));
  const bytes = [
    ...HEADER,
    ...section(1, vec(types)),
    ...section(3, vec(funcs.map((_, i) => uleb(i)))),
    ...section(5, vec([[0x00, ...uleb(pages)]])),
    ...section(7, vec([[...name('memory'), 0x02, 0x00], ...funcs.map((f, i) => [...name(f.name), 0x00, ...uleb(i)])])),
    ...section(10, vec(code)),
  ];
  return new Uint8Array(bytes);
}

/** Whether this engine supports WebAssembly SIMD (validates a module that splats a v128). */
export function simdSupported(): boolean {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.validate !== 'function') return false;
  const probe = encodeModule(
    [{ name: 'p', params: [], results: [T.v128], locals: [], body: [...op.i32(0), ...op.simd(SIMD.i8x16Splat)] }],
    0,
  );
  try {
    return WebAssembly.validate(probe);
  } catch {
    return false;
  }
}
