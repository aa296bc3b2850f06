/// <reference types="@webgpu/types" />
/**
 * @file `jit`'s fused kernels on the GPU: a `KernelSpec` (the IR of a chain of elementwise ops, forward and
 * backward) lowered to one WGSL program. Elementwise outputs are stored per element; a `sum` output is reduced
 * in the same pass to one partial sum per workgroup (a tree in workgroup memory), and those partials are summed
 * by the reduction kernel — so a loss and its gradient come out of one dispatch plus a short reduction.
 *
 * A device binds only so many storage buffers to one program (`maxStorageBuffersPerShaderStage`: 8 to 16), and
 * the backward kernel of a function of many arguments reads and writes more than that. Such a kernel is *packed*:
 * its inputs are copied into one buffer and its outputs written into another (every element is a 32-bit word, so
 * `bitcast` reads any dtype), at offsets given in the uniforms, then copied out to their own buffers.
 */
import type { DType } from '../../core/dtype.js';
import type { Handle } from '../../core/device.js';
import { sizeOf } from '../../core/shape.js';
import { cast, type Exp } from '../../ir/exp.js';
import type { KernelSpec } from '../../ir/kernel.js';
import type { Buf, FusedKernel } from '../backend.js';
import { reduceGpu } from './kernels/reduce.js';
import { FLAT_INDEX, WORKGROUP, workgroupsFor } from './runner.js';
import { gpuDtype, type GpuStore } from './storage.js';
import { WGSL_PRELUDE, lowerWgsl, wgslType } from './wgsl.js';
import { uniformBytes, uniformDecl } from './elementwise.js';

const binding = (k: number, name: string, type: string, write: boolean): string =>
  `@group(0) @binding(${k}) var<storage, ${write ? 'read_write' : 'read'}> ${name}: array<${type}>;`;

/**
 * The WGSL of a fused kernel whose input k is read at element i (`scalar[k]` false) or element 0 (true).
 * Plain bindings: the inputs, then one buffer per output (a sum output's holds the workgroups' partial sums).
 * Packed: `ins` and `outs`, with each input's and output's word offset in the uniforms after n.
 */
function fusedCode(spec: KernelSpec, scalar: readonly boolean[], packed: boolean): string {
  const nIn = spec.inputs.length;
  const outDtypes = spec.outputs.map((o) => gpuDtype(o.exp.dtype, 'jit'));
  const roots: Exp[] = spec.outputs.map((o, k) => cast(o.exp, outDtypes[k]));
  const t = (d: DType) => wgslType(gpuDtype(d, 'jit'));
  const decls = packed
    ? [binding(0, 'ins', 'u32', false), binding(1, 'outs', 'u32', true)]
    : [
        ...spec.inputs.map((d, k) => binding(k, `in${k}`, t(d), false)),
        ...outDtypes.map((d, k) => binding(nIn + k, `out${k}`, t(d), true)),
      ];
  const at = (k: number) => (scalar[k] ? '' : ' + i');
  const body = lowerWgsl(roots, (k, d) =>
    packed ? `bitcast<${t(d)}>(ins[uw(${1 + k}u)${at(k)}])` : `in${k}[${scalar[k] ? '0' : 'i'}]`,
  );
  const store = (k: number, index: string, v: string) =>
    packed ? `outs[uw(${1 + nIn + k}u) + ${index}] = bitcast<u32>(${v});` : `out${k}[${index}] = ${v};`;
  const sums = spec.outputs.flatMap((o, k) => (o.sum ? [k] : []));
  const shared = sums.map((k) => `var<workgroup> sh${k}: array<${t(outDtypes[k])}, ${WORKGROUP}>;`);
  const init = sums.map((k) => `var s${k}: ${t(outDtypes[k])} = ${t(outDtypes[k])}(0);`);
  const stores = spec.outputs.map((o, k) => (o.sum ? `s${k} = ${body.values[k]};` : store(k, 'i', body.values[k])));
  // the tree runs in uniform control flow (every thread reaches each barrier), so no early return above it
  const tree = sums.length
    ? `${sums.map((k) => `sh${k}[li] = s${k};`).join(' ')}
  workgroupBarrier();
  for (var w = ${WORKGROUP / 2}u; w > 0u; w = w >> 1u) {
    if (li < w) { ${sums.map((k) => `sh${k}[li] = sh${k}[li] + sh${k}[li + w];`).join(' ')} }
    workgroupBarrier();
  }
  if (li == 0u) { ${sums.map((k) => store(k, 'wid.x + wid.y * nwg.x', `sh${k}[0]`)).join(' ')} }`
    : '';
  return `${WGSL_PRELUDE}
${decls.join('\n')}
${shared.join('\n')}
${uniformDecl(decls.length, packed ? 1 + nIn + spec.outputs.length : 1)}
@compute @workgroup_size(${WORKGROUP}) fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u,
    @builtin(local_invocation_index) li: u32, @builtin(workgroup_id) wid: vec3u) {
  ${FLAT_INDEX}
  ${init.join(' ')}
  if (i < uw(0u)) {
  ${body.stmts}
  ${stores.join('\n  ')}
  }
  ${tree}
}`;
}

/** See `Backend.compile`: the spec lowered to WGSL once per pattern of scalar inputs. */
export function compileFusedGpu(store: GpuStore, spec: KernelSpec): FusedKernel {
  const r = store.runner;
  const packed = spec.inputs.length + spec.outputs.length > r.device.limits.maxStorageBuffersPerShaderStage;
  const codes = new Map<string, string>();
  const codeFor = (scalar: boolean[]): string => {
    const key = scalar.map(Number).join('');
    let code = codes.get(key);
    if (code === undefined) codes.set(key, (code = fusedCode(spec, scalar, packed)));
    return code;
  };
  return {
    source: codeFor(spec.inputs.map(() => false)),
    run(n: number, ins: readonly Buf[], outs: ReadonlyArray<{ readonly dtype: DType; readonly size: number }>) {
      const scalar = ins.map((x) => n !== 1 && sizeOf(x.shape) === 1);
      const workgroups = workgroupsFor(n);
      const groups = workgroups[0] * workgroups[1];
      // words each output writes: its elements, or a sum's partials
      const outWords = outs.map((o, k) => (spec.outputs[k].sum ? groups : o.size));
      let results: GPUBuffer[];
      if (!packed) {
        results = outWords.map((w) => r.buffer(w * 4));
        r.run(
          { code: codeFor(scalar), workgroups, uniforms: uniformBytes([n]) },
          ins.map((x) => store.buffer(x._buf)),
          results,
        );
      } else {
        const inOffsets = offsets(ins.map((_, k) => (scalar[k] ? 1 : n)));
        const outOffsets = offsets(outWords);
        const packedIn = r.buffer(Math.max(1, inOffsets.total) * 4);
        const packedOut = r.buffer(Math.max(1, outOffsets.total) * 4);
        ins.forEach((x, k) => r.copy(store.buffer(x._buf), 0, packedIn, inOffsets.at[k] * 4, (scalar[k] ? 1 : n) * 4));
        r.run(
          {
            code: codeFor(scalar),
            workgroups,
            uniforms: uniformBytes([n, ...inOffsets.at, ...outOffsets.at]),
          },
          [packedIn],
          [packedOut],
        );
        results = outWords.map((w, k) => {
          const b = r.buffer(w * 4);
          r.copy(packedOut, outOffsets.at[k] * 4, b, 0, w * 4);
          return b;
        });
        r.release(packedIn);
        r.release(packedOut);
      }
      return outs.map((o, k): Handle => {
        if (!spec.outputs[k].sum) return store.wrap(results[k]);
        const dtype = gpuDtype(o.dtype, 'jit');
        const total = reduceGpu(r, 'sum', { buffer: results[k], shape: [groups], dtype }, [0]);
        r.release(results[k]);
        return store.wrap(total);
      });
    },
  };
}

/** Word offsets of consecutive regions of the given sizes, and their total. */
function offsets(sizes: readonly number[]): { at: number[]; total: number } {
  const at: number[] = [];
  let total = 0;
  for (const s of sizes) {
    at.push(total);
    total += s;
  }
  return { at, total };
}
