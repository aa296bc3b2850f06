/**
 * @file A compiled plan: the traced graph, its fused schedule, and the executor that replays it on new
 * inputs. Replays call kernels directly (no `bind`), so nothing is recorded; `jit.ts` records the whole call
 * on tapes as one node instead.
 */
import { Tensor } from '../core/tensor.js';
import type { Graph } from './graph.js';
import { schedule, type Step, type FuseOptions } from './fuse.js';

export interface Plan {
  graph: Graph;
  steps: Step[];
  /** Slot values known before any call: the constants. */
  template: (Tensor | undefined)[];
}

export function makePlan(graph: Graph, opts: FuseOptions): Plan {
  const template: (Tensor | undefined)[] = new Array(graph.slots.length);
  graph.slots.forEach((s, i) => {
    if (s.kind === 'const') template[i] = s.value;
  });
  return { graph, steps: schedule(graph, opts), template };
}

/** The tensor of slot `s` (a view gets a fresh tensor over its root's storage). */
export function valueOf(plan: Plan, env: (Tensor | undefined)[], s: number): Tensor {
  const slot = plan.graph.slots[s];
  if (slot.kind !== 'view') return env[s]!;
  const base = env[slot.root]!;
  return base._alias(slot.shape);
}

/** Runs the plan on argument leaves and Variable values; returns every slot's value. */
export function execute(plan: Plan, leaves: readonly Tensor[], varValues: readonly Tensor[]): (Tensor | undefined)[] {
  const { graph, steps } = plan;
  const env = plan.template.slice();
  for (let k = 0; k < graph.inputs.length; k++) env[graph.inputs[k]] = leaves[k];
  for (let j = 0; j < graph.vars.length; j++) env[graph.vars[j].slot] = varValues[j];
  for (let i = 0; i < steps.length; i++) {
    const st = steps[i];
    if (st.kind === 'eager') {
      const node = st.node;
      const ins = new Array<Tensor>(node.ins.length);
      for (let k = 0; k < ins.length; k++) ins[k] = valueOf(plan, env, node.ins[k]);
      env[node.out] = node.def.impl(ins, node.params);
      continue;
    }
    const ins = new Array<Tensor>(st.ins.length);
    for (let k = 0; k < ins.length; k++) ins[k] = env[st.ins[k]]!;
    const outSlots = st.outSlots;
    const outs = st.kernel.run(st.n, ins, outSlots);
    for (let k = 0; k < outs.length; k++) {
      const s = outSlots[k];
      env[st.outs[k]] = new Tensor(outs[k], s.shape, s.dtype);
    }
  }
  return env;
}

/** What a plan does, for tests and curious users: its fused loops' sources and the primitives left eager. */
export function describePlan(plan: Plan): { groups: number; eager: string[]; sources: string[]; nodes: number } {
  const groups = plan.steps.filter((s) => s.kind === 'group');
  return {
    groups: groups.length,
    eager: plan.steps.flatMap((s) => (s.kind === 'eager' ? [s.node.def.name] : [])),
    sources: groups.map((g) => (g.kind === 'group' ? g.source : '')),
    nodes: plan.graph.nodes.length,
  };
}
