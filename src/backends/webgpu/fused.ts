/// <reference types="@webgpu/types" />
/**
 * @file `jit`'s fused kernels on the GPU: a `KernelSpec` (the IR of a chain of elementwise ops, forward and
 * backward) lowered to one WGSL program. Elementwise outputs are stored per element; a `sum` output is reduced
 * in the same pass to one partial sum per workgroup (a tree in workgroup memory), and those partials are summed
 * by the reduction kernel — so a loss and its gradient come out of one dispatch plus a short reduction.
 */
import type { DType } from '../../core/dtype.js';
import { sizeOf } from '../../core/shape.js';
import type { Handle } from '../../core/device.js';
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
 * Bindings: the inputs, then one buffer per output (a sum output's holds the workgroups' partial sums).
 */
function fusedCode(spec: KernelSpec, scalar: readonly boolean[]): string {
  const outDtypes = spec.outputs.map((o) => gpuDtype(o.exp.dtype, 'jit'));
  const roots: Exp[] = spec.outputs.map((o, k) => cast(o.exp, outDtypes[k]));
  const decls = spec.inputs.map((d, k) => binding(k, `in${k}`, wgslType(gpuDtype(d, 'jit')), false));
  outDtypes.forEach((d, k) => decls.push(binding(spec.inputs.length + k, `out${k}`, wgslType(d), true)));
  const body = lowerWgsl(roots, (k) => (scalar[k] ? `in${k}[0]` : `in${k}[i]`));
  const sums = spec.outputs.flatMap((o, k) => (o.sum ? [k] : []));
  const shared = sums.map((k) => `var<workgroup> sh${k}: array<${wgslType(outDtypes[k])}, ${WORKGROUP}>;`);
  const init = sums.map((k) => `var s${k}: ${wgslType(outDtypes[k])} = ${wgslType(outDtypes[k])}(0);`);
  const stores = spec.outputs.map((o, k) => (o.sum ? `s${k} = ${body.values[k]};` : `out${k}[i] = ${body.values[k]};`));
  // the tree runs in uniform control flow (every thread reaches each barrier), so no early return above it
  const tree = sums.length
    ? `${sums.map((k) => `sh${k}[li] = s${k};`).join(' ')}
  workgroupBarrier();
  for (var w = ${WORKGROUP / 2}u; w > 0u; w = w >> 1u) {
    if (li < w) { ${sums.map((k) => `sh${k}[li] = sh${k}[li] + sh${k}[li + w];`).join(' ')} }
    workgroupBarrier();
  }
  if (li == 0u) { ${sums.map((k) => `out${k}[wid.x + wid.y * nwg.x] = sh${k}[0];`).join(' ')} }`
    : '';
  return `${WGSL_PRELUDE}
${decls.join('\n')}
${shared.join('\n')}
${uniformDecl(spec.inputs.length + spec.outputs.length, 1)}
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
  const codes = new Map<string, string>();
  const codeFor = (scalar: boolean[]): string => {
    const key = scalar.map(Number).join('');
    let code = codes.get(key);
    if (code === undefined) codes.set(key, (code = fusedCode(spec, scalar)));
    return code;
  };
  return {
    source: codeFor(spec.inputs.map(() => false)),
    run(n: number, ins: readonly Buf[], outs: ReadonlyArray<{ readonly dtype: DType; readonly size: number }>) {
      const r = store.runner;
      const scalar = ins.map((x) => n !== 1 && sizeOf(x.shape) === 1);
      const workgroups = workgroupsFor(n);
      const groups = workgroups[0] * workgroups[1];
      const buffers = outs.map((o, k) => r.buffer((spec.outputs[k].sum ? groups : o.size) * 4));
      r.run(
        { code: codeFor(scalar), workgroups, uniforms: uniformBytes([n]) },
        ins.map((x) => store.buffer(x._buf)),
        buffers,
      );
      return outs.map((o, k): Handle => {
        if (!spec.outputs[k].sum) return store.wrap(buffers[k]);
        const dtype = gpuDtype(o.dtype, 'jit');
        const total = reduceGpu(r, 'sum', { buffer: buffers[k], shape: [groups], dtype }, [0]);
        r.release(buffers[k]);
        return store.wrap(total);
      });
    },
  };
}
