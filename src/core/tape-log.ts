/**
 * @file The bookkeeping format of a GradientTape (`tape.ts`): its log of watched values and recorded nodes, how
 * a tape refers to a tensor, the claims tapes put on tensors, and the walks over a log that backpropagation
 * needs (what the sources reach, which inputs want a cotangent).
 */
import type { TapeNode } from './primitive.js';
import type { Tensor } from './tensor.js';
import { isFloat } from './dtype.js';

/**
 * A tape's log, in recording order: a watched value (leaf) is one LEAF entry; a recorded node is the
 * references of its inputs followed by the node. A tape refers to a tensor it knows by the log position of
 * its LEAF entry or of the node that made it, and to any other tensor as UNCONNECTED. One array keeps a
 * small tape's bookkeeping to one allocation.
 */
export const UNCONNECTED = -1;
export const LEAF = Object.freeze({ leaf: true });
export type LogEntry = TapeNode | number | typeof LEAF;

/**
 * One tape's claim on tensors. A tensor carries the marks of the tape that claimed it and that tape's reference
 * to it (`Tensor._mark`, `_ref`), so recording and backpropagation read a field instead of hashing ids. A tape
 * claims what it watches or records unless another tape still in use (nested tapes, a persistent one) holds the
 * claim; then it keeps its reference in `far`. Marks hold no tensors or nodes: a tensor kept by the user keeps
 * no recording alive.
 */
export class Marks {
  /** False once the tape is done with its recording (released or reset): its tensors may be claimed anew. */
  live = true;
  far: Map<number, number> | null = null;
}

/** Whether a tensor whose claim is `owner` may be claimed by another tape: unclaimed, or its tape is done. */
export const claimable = (owner: Marks | null): boolean => owner === null || !owner.live;

/** The inputs of the node at log position `p` (their references sit just before it), or null if no node is there. */
export const inputsAt = (log: LogEntry[], p: number): Tensor[] | null => {
  const e = log[p];
  return e === LEAF || typeof e === 'number' ? null : (e as TapeNode).inputs;
};

/** Rewrites, in place, each input reference recorded as UNCONNECTED to what `resolve` says of that input now. */
export function linkUnconnected(log: LogEntry[], resolve: (x: Tensor) => number): void {
  for (let p = 0; p < log.length; p++) {
    const ins = inputsAt(log, p);
    if (ins === null) continue;
    for (let k = 0, off = p - ins.length; k < ins.length; k++) if (log[off + k] === UNCONNECTED) log[off + k] = resolve(ins[k]);
  }
}

/**
 * A copy of the log whose UNCONNECTED input references to `extras[j]` (sources the tape never connected) point
 * at slot log.length + j instead.
 */
export function withExtras(log: LogEntry[], extras: Tensor[]): LogEntry[] {
  const out = log.slice();
  linkUnconnected(out, (x) => { const j = extras.indexOf(x); return j < 0 ? UNCONNECTED : log.length + j; });
  return out;
}

/** Whether the source references include every one of the log's `count` LEAF entries. */
export function coversAll(srcRefs: number[], log: LogEntry[], count: number): boolean {
  if (count === 0) return true;
  const seen = srcRefs.length > 32 ? new Set<number>() : null;
  let c = 0;
  for (let i = 0; i < srcRefs.length; i++) {
    const r = srcRefs[i];
    if (r < 0 || log[r] !== LEAF) continue;
    // count each leaf once (the same source may be asked for twice)
    if (seen === null ? srcRefs.indexOf(r) === i : !seen.has(r)) { c++; seen?.add(r); }
  }
  return c === count;
}

/** Slots (of `size`) reached from the sources: the sources, then each node with a reached input (1 = reached). */
export function reachFrom(srcRefs: number[], log: LogEntry[], size: number): Uint8Array {
  const reach = new Uint8Array(size);
  for (let i = 0; i < srcRefs.length; i++) if (srcRefs[i] !== UNCONNECTED) reach[srcRefs[i]] = 1;
  for (let p = 0; p < log.length; p++) {
    const ins = inputsAt(log, p);
    if (ins === null) continue;
    for (let q = p - ins.length; q < p && reach[p] === 0; q++) { const r = log[q] as number; if (r !== UNCONNECTED && reach[r] === 1) reach[p] = 1; }
  }
  return reach;
}

// the usual needs, shared (rules read them, never change them)
const NEED_1 = [true];
const NEED_2 = [[false, false], [true, false], [false, true], [true, true]];

/** Which inputs of a node want a cotangent (connected, float, reached), or null when none does. */
export function needsOf(ins: Tensor[], log: LogEntry[], off: number, reach: Uint8Array | null): boolean[] | null {
  if (ins.length === 1) return wants(ins[0], log[off] as number, reach) ? NEED_1 : null;
  if (ins.length === 2) {
    const m = (wants(ins[0], log[off] as number, reach) ? 1 : 0) | (wants(ins[1], log[off + 1] as number, reach) ? 2 : 0);
    return m === 0 ? null : NEED_2[m];
  }
  const needs = ins.map((x, k) => wants(x, log[off + k] as number, reach));
  return needs.includes(true) ? needs : null;
}

/** Whether input `x`, referred to as `r`, wants a cotangent. */
const wants = (x: Tensor, r: number, reach: Uint8Array | null): boolean =>
  r !== UNCONNECTED && isFloat(x.dtype) && (reach === null || reach[r] === 1);

