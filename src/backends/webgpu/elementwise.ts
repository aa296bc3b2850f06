/// <reference types="@webgpu/types" />
/**
 * @file Elementwise programs: an IR expression over inputs (wgsl.ts lowers it) in a loop over the output's
 * elements. Each input is read one of three ways, fixed in the source: `same` (it has the output's shape: element
 * i), `scalar` (one element: element 0) or `strided` (numpy broadcasting: element i's coordinates times the
 * input's strides, 0 along broadcast dims). Sizes and strides travel in the uniform buffer, so one pipeline serves
 * every size; only the rank of a strided kernel is in its source.
 *
 * Uniform words (u32): [0] = n, then for a strided kernel the output shape (rank words) and each strided input's
 * strides (rank words each), packed four to a `vec4u`.
 */
import type { DType } from '../../core/dtype.js';
import { broadcastStrides, sizeOf } from '../../core/shape.js';
import type { Exp } from '../../ir/exp.js';
import { FLAT_INDEX, MAIN_1D, workgroupsFor, type Program } from './runner.js';
import { WGSL_PRELUDE, lowerWgsl, wgslType } from './wgsl.js';

/** How a kernel reads one input (see the file comment). */
export type Access = 'same' | 'scalar' | 'strided';

/** An elementwise input: its dtype, and its shape when it may broadcast. */
export interface ElementInput {
  readonly dtype: DType;
  readonly shape: readonly number[];
}

/** A storage binding of `@group(0)`, read-only unless `write`. @example binding(0, 'in0', 'f32', false) */
export const binding = (k: number, name: string, type: string, write: boolean): string =>
  `@group(0) @binding(${k}) var<storage, ${write ? 'read_write' : 'read'}> ${name}: array<${type}>;`;

/**
 * The uniform declaration for `words` u32 words, and the accessor `uw(j)`. An elementwise program has as many
 * strided inputs as its expression, so its uniforms are one flat word list whose offsets the generator computes;
 * the fixed kernels (kernels/common.ts) know their fields and declare a named struct instead.
 */
export function uniformDecl(at: number, words: number): string {
  const vecs = Math.max(1, Math.ceil(words / 4));
  return `struct U { v: array<vec4u, ${vecs}> }
@group(0) @binding(${at}) var<uniform> u: U;
fn uw(j: u32) -> u32 { return u.v[j / 4u][j % 4u]; }`;
}

/** Uniform bytes for `words` (padded to whole vec4s). */
export const uniformBytes = (words: readonly number[]): Uint32Array => {
  const out = new Uint32Array(Math.max(4, Math.ceil(words.length / 4) * 4));
  out.set(words);
  return out;
};

/** Generated sources by op, dtypes, access pattern and rank: the IR is lowered once per kind of call. */
const sources = new Map<string, string>();

/**
 * A program writing `roots()[k]` (of dtype `outDtypes[k]`) for every element of `outShape`; `key` names the
 * expression (with its dtypes) so its source is generated once.
 * @example elementwiseProgram('add/f32', () => [binary('add', input(0, 'float32'), input(1, 'float32'))], ['float32'], [a, b], [3])
 */
export function elementwiseProgram(
  key: string,
  roots: () => readonly Exp[],
  outDtypes: readonly DType[],
  inputs: readonly ElementInput[],
  outShape: readonly number[],
): Program {
  const n = sizeOf(outShape);
  const access: Access[] = inputs.map((x) => {
    const size = sizeOf(x.shape);
    return size === n ? 'same' : size === 1 ? 'scalar' : 'strided';
  });
  const rank = outShape.length;
  const words = [n];
  const strided = access.some((a) => a === 'strided');
  if (strided) {
    words.push(...outShape);
    inputs.forEach((x, k) => {
      if (access[k] === 'strided') words.push(...broadcastStrides(x.shape, outShape));
    });
  }
  const fullKey = `${key}|${access.join(',')}|${strided ? rank : 0}`;
  let code = sources.get(fullKey);
  if (code === undefined) {
    code = elementwiseCode(roots(), outDtypes, inputs, access, rank, words.length);
    sources.set(fullKey, code);
  }
  return { code, workgroups: workgroupsFor(n), uniforms: uniformBytes(words) };
}

function elementwiseCode(
  roots: readonly Exp[],
  outDtypes: readonly DType[],
  inputs: readonly ElementInput[],
  access: readonly Access[],
  rank: number,
  uniformWords: number,
): string {
  const strided = access.includes('strided');
  const decls = inputs.map((x, k) => binding(k, `in${k}`, wgslType(x.dtype), false));
  outDtypes.forEach((d, k) => decls.push(binding(inputs.length + k, `out${k}`, wgslType(d), true)));
  // coordinates of element i, innermost dim first, and each strided input's offset
  const index: string[] = [];
  if (strided) {
    index.push('var rem = i;');
    const bases: Array<[number, number]> = [];
    let base = 1 + rank;
    access.forEach((a, k) => {
      if (a !== 'strided') return;
      index.push(`var off${k} = 0u;`);
      bases.push([k, base]);
      base += rank;
    });
    for (let d = rank - 1; d >= 0; d--) {
      const adds = bases.map(([k, b]) => `off${k} += c * uw(${b + d}u);`).join(' ');
      index.push(`{ let s = uw(${1 + d}u); let c = rem % s; rem = rem / s; ${adds} }`);
    }
  }
  const load = (k: number): string =>
    access[k] === 'same' ? `in${k}[i]` : access[k] === 'scalar' ? `in${k}[0]` : `in${k}[off${k}]`;
  const body = lowerWgsl(roots, load);
  const stores = body.values.map((v, k) => `out${k}[i] = ${v};`).join(' ');
  return `${WGSL_PRELUDE}
${decls.join('\n')}
${uniformDecl(inputs.length + outDtypes.length, uniformWords)}
${MAIN_1D} {
  ${FLAT_INDEX}
  if (i >= uw(0u)) { return; }
  ${index.join('\n  ')}
  ${body.stmts}
  ${stores}
}`;
}

/** A program setting `n` elements of `dtype` to `value`. */
export function fillProgram(value: number, dtype: DType, n: number): Program {
  const t = wgslType(dtype);
  const bits = new Uint32Array(1);
  if (t === 'f32') new Float32Array(bits.buffer)[0] = value;
  else if (t === 'i32') new Int32Array(bits.buffer)[0] = value;
  else bits[0] = value !== 0 ? 1 : 0;
  const code = `${binding(0, 'out0', t, true)}
${uniformDecl(1, 2)}
${MAIN_1D} {
  ${FLAT_INDEX}
  if (i < uw(0u)) { out0[i] = bitcast<${t}>(uw(1u)); }
}`;
  return { code, workgroups: workgroupsFor(n), uniforms: uniformBytes([n, bits[0]]) };
}
