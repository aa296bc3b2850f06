/**
 * @file GradientTape, as the spec reads (autodidax's `ct_env`, jax-js's `linearize`).
 *
 * Recording: while `record(fn)` runs, the engine shows the tape every primitive applied (`consider`). The tape
 * keeps a node when one of its inputs is *connected* — watched, or the output of a node it kept. A trainable
 * Variable read while recording is watched (unless `watchAccessedVariables` is false).
 *
 * Backward: cotangents live in a Map keyed by tensor, seeded at the targets. The kept nodes are walked newest
 * first; a node whose output has a cotangent runs its rule (`vjp`) and adds each input's share to that input's
 * entry. What a source holds at the end is its gradient; a Variable's sums over the values of it the tape saw.
 * Rules are library ops, so a tape recording while another runs backward records that work too: nesting tapes
 * gives derivatives of any order. Nothing is stored on tensors.
 *
 * TF's rules for which inputs want a cotangent: a float one that is connected or is itself a source (a value
 * watched after an op used it, or a source never watched, still gets its gradient through a kept op); and when
 * some watched value is not a source, only what the sources reach.
 */
import { state, pausing, checkBackward, type Recorder } from '../core/engine.js';
import type { TapeNode } from '../core/primitive.js';
import { Tensor, describe } from '../core/tensor.js';
import { Variable } from '../core/variable.js';
import { isFloat } from '../core/dtype.js';
import { fmtShape, sameShape } from '../core/shape.js';
import { flatten, findForeign, type Leaf } from '../core/structure.js';
import type { GradientsOf, Sources } from '../core/gradient-types.js';
import * as args from './tape-args.js';
import { add } from '../primitives/binary.js';
import { cast } from '../primitives/shape-ops.js';
import { full, zerosLike } from '../primitives/creation-internal.js';
import { batchJacobianOf, jacobianOf, type BackwardPass } from './tape-jacobian.js';
import { isSharedSeed } from '../core/seed.js';

export interface TapeOptions {
  persistent?: boolean;
  watchAccessedVariables?: boolean;
}
export interface GradientOptions {
  /** Cotangents for the targets (same structure and shapes); default: ones. */
  outputGradients?: Sources | null;
  /** What an unconnected source gets: `null` (default) or zeros. */
  unconnectedGradients?: 'none' | 'zero';
}
/** Options of `jacobian` and `batchJacobian`: what an unconnected source gets, `null` (default) or zeros. */
export type JacobianOptions = Pick<GradientOptions, 'unconnectedGradients'>;

/**
 * Records operations for automatic differentiation, like `tf.GradientTape`.
 * @example
 * const x = linspace(-5, 5, 100);
 * const tape = new GradientTape();
 * const y = tape.record(() => { tape.watch(x); return add(square(x), 1); });
 * const dydx = tape.gradient(y, x); // 2x
 */
export class GradientTape implements Recorder {
  readonly persistent: boolean;
  readonly watchAccessedVariables: boolean;
  /** The kept nodes, in the order they ran. */
  #nodes: TapeNode[] = [];
  /** Every tensor the tape is connected to: the watched values (`#watched`) and the kept nodes' outputs. */
  #connected = new Set<Tensor>();
  #watched: Tensor[] = [];
  /** Each watched Variable and the values of it the tape saw (one, unless it was assigned meanwhile). */
  #vars: Map<Variable, Tensor[]> | null = null;
  /** A non-persistent tape that has answered its one gradient. */
  #used = false;

  constructor(opts?: TapeOptions) {
    args.checkTapeOptions(opts);
    this.persistent = opts?.persistent ?? false;
    this.watchAccessedVariables = opts?.watchAccessedVariables ?? true;
  }

  /** Records the ops run inside `fn` (may be called again to record more) and returns what `fn` returns. */
  record<T>(fn: () => T): T {
    args.checkRecordFn(fn);
    const saved = state.recorders;
    if (saved.includes(this)) return fn();
    // lists are replaced, never changed: putting `saved` back removes this tape
    state.recorders = saved.length === 0 ? [this] : [...saved, this];
    let out: T;
    try {
      out = fn();
    } finally {
      state.recorders = saved;
    }
    return args.notAPromise(out); // ops after an `await` would go unrecorded and their gradients be silently null
  }

  /** Watches tensors or Variables (or arrays/objects of them) so gradients can be taken with respect to them. */
  watch(x: unknown): void {
    if (x instanceof Tensor) return this.#watch(x);
    const bad = findForeign(x);
    if (bad.length) throw new TypeError(`GradientTape.watch: expected tensors or Variables; got ${describe(bad[0])}`);
    for (const l of flatten(x).leaves) this.#watch(l instanceof Variable ? this.#sawVar(l, args.peek(l)) : l);
  }

  #watch(t: Tensor): void {
    args.checkWatchable(t);
    if (this.#connected.has(t)) return;
    this.#connected.add(t);
    this.#watched.push(t);
  }

  #sawVar(v: Variable, value: Tensor): Tensor {
    const seen = (this.#vars ??= new Map()).get(v);
    if (seen === undefined) this.#vars.set(v, [value]);
    else if (!seen.includes(value)) seen.push(value);
    return value;
  }

  /** @internal Keeps `node` when one of its inputs is connected. */
  consider(node: TapeNode): void {
    for (const x of node.inputs)
      if (this.#connected.has(x)) {
        this.#nodes.push(node);
        this.#connected.add(node.out);
        return;
      }
  }

  /** @internal */
  variableRead(v: object, value: Tensor, trainable: boolean): void {
    if (this.watchAccessedVariables && trainable && isFloat(value.dtype))
      this.#watch(this.#sawVar(v as Variable, value));
  }

  /** The Variables this tape has watched, in first-watched order. */
  watchedVariables(): Variable[] {
    return this.#vars === null ? [] : [...this.#vars.keys()];
  }

  /** Whether this tape has watched `v` (explicitly, or because it was read while recording). */
  isWatching(v: Variable): boolean {
    return this.#vars?.has(v) ?? false;
  }

  /** Runs `fn` without recording on this tape. */
  stopRecording<T>(fn: () => T): T {
    return pausing([this], fn);
  }

  /** Forgets everything recorded and watched. */
  reset(): void {
    this.#forget();
    this.#vars = null;
    this.#used = false;
  }

  #forget(): void {
    this.#nodes = [];
    this.#connected.clear();
    this.#watched = [];
  }

  /**
   * Gradients of `target` (summed if not scalar; may be an array of targets) with respect to `sources`
   * (a tensor, Variable, or any nesting of arrays/objects of them); the result has the same structure, with
   * `null` for a source the target does not depend on (zeros with `unconnectedGradients: 'zero'`).
   * @example const [dw, db] = tape.gradient(loss, [w, b]); // Tensor | null each
   */
  gradient<const S extends Sources>(
    target: Sources,
    sources: S,
    opts: GradientOptions & { unconnectedGradients: 'zero' },
  ): GradientsOf<S, Tensor>;
  gradient<const S extends Sources>(target: Sources, sources: S, opts?: GradientOptions): GradientsOf<S>;
  gradient(target: Sources, sources: Sources, opts?: GradientOptions): unknown {
    this.#checkUsable('gradient', opts);
    const targets = args.targetsOf(target, 'gradient');
    const seeds = args.seedsFor(targets, opts?.outputGradients);
    const { leaves, rebuild } = args.sourcesOf(sources, 'gradient');
    const grads = this.#gradients(targets, seeds, leaves, true, opts);
    this.#release();
    return rebuild(grads);
  }

  /**
   * The Jacobian of `target` with respect to each source: shape `[...target.shape, ...source.shape]`.
   * @example tape.jacobian(y, x)
   */
  jacobian<const S extends Sources>(
    target: Tensor,
    sources: S,
    opts: { unconnectedGradients: 'zero' },
  ): GradientsOf<S, Tensor>;
  jacobian<const S extends Sources>(target: Tensor, sources: S, opts?: JacobianOptions): GradientsOf<S>;
  jacobian(target: Tensor, sources: Sources, opts: JacobianOptions = {}): unknown {
    this.#checkUsable('jacobian', opts);
    const out = jacobianOf(this.#backwardFor(), target, sources, opts);
    this.#release();
    return out;
  }

  /**
   * Per-example Jacobian for targets `[batch, ...]` with respect to a source `[batch, ...]` whose examples are
   * independent: shape `[batch, ...target.shape.slice(1), ...source.shape.slice(1)]`.
   */
  batchJacobian(target: Tensor, source: Tensor | Variable, opts: JacobianOptions = {}): Tensor | null {
    this.#checkUsable('batchJacobian', opts);
    const out = batchJacobianOf(this.#backwardFor(), target, source, opts);
    this.#release();
    return out;
  }

  /** The backward pass, for the Jacobians (tape-jacobian.ts), which run it once per seed. */
  #backwardFor(): BackwardPass {
    return (targets, seeds, leaves, warn) => this.#gradients(targets, seeds, leaves, warn);
  }

  /** A non-persistent tape drops its recording after one use, so memory is freed early. */
  #release(): void {
    if (!this.persistent) {
      this.#used = true;
      this.#forget();
    }
  }

  #checkUsable(what: string, opts?: JacobianOptions): void {
    args.checkOptions(what, opts);
    if (this.#used)
      throw new Error(
        `GradientTape.${what}: this tape is not persistent and its resources were released by the first gradient() call. ` +
          'Create it with new GradientTape({ persistent: true }) to compute several gradients from one recording.',
      );
  }

  /**
   * The gradient of each source leaf, in its dtype: null where nothing reached it (zeros on request), and a fresh
   * copy where it is the shared default seed, which reaches a source unchanged through identity-like rules (x + 1).
   */
  #gradients(
    targets: Tensor[],
    seeds: Tensor[],
    leaves: Leaf[],
    warn: boolean,
    opts?: JacobianOptions,
  ): (Tensor | null)[] {
    const sources = new Set<Tensor>();
    for (const l of leaves) for (const t of this.#tensorsOf(l)) sources.add(t);
    // the rules' ops are not recorded on this tape (other tapes do record them: higher orders)
    const ct = pausing([this], () => this.#backward(targets, seeds, sources));
    return leaves.map((leaf) => {
      let g: Tensor | null = null;
      for (const t of this.#tensorsOf(leaf)) {
        const c = ct.get(t);
        if (c !== undefined) g = g === null ? c : add(g, c);
      }
      const v = args.valueOf(leaf);
      if (g === null && warn)
        args.warnNullGradient(
          leaf,
          leaf instanceof Variable ? this.isWatching(leaf) : this.#connected.has(leaf),
          this.watchAccessedVariables,
        );
      if (g === null) return opts?.unconnectedGradients === 'zero' ? zerosLike(v) : null;
      if (isSharedSeed(g)) return full(g.shape, 1, v.dtype);
      return g.dtype === v.dtype ? g : cast(g, v.dtype);
    });
  }

  /** The tensors a source stands for: itself, or the values of a Variable this tape saw. */
  #tensorsOf(l: Leaf): readonly Tensor[] {
    return l instanceof Tensor ? [l] : (this.#vars?.get(l) ?? []);
  }

  /** The backward pass: cotangents keyed by tensor, from the targets' seeds back through the kept nodes. */
  #backward(targets: Tensor[], seeds: Tensor[], sources: Set<Tensor>): Map<Tensor, Tensor | undefined> {
    const nodes = this.#nodes,
      connected = this.#connected;
    let reach: Set<Tensor> | null = null;
    if (this.#watched.some((w) => !sources.has(w))) {
      // some watched value is not a source: follow only what the sources reach
      reach = new Set(sources);
      for (const n of nodes) if (n.inputs.some((x) => reach!.has(x))) reach.add(n.out);
    }
    const wants = (x: Tensor): boolean =>
      isFloat(x.dtype) && (connected.has(x) || sources.has(x)) && (reach === null || reach.has(x));
    const ct = new Map<Tensor, Tensor | undefined>();
    const addTo = (x: Tensor, dx: Tensor): void => {
      const prev = ct.get(x);
      ct.set(x, prev === undefined ? dx : add(prev, dx));
    };
    for (let i = 0; i < targets.length; i++) if (wants(targets[i])) addTo(targets[i], seeds[i]);
    for (let p = nodes.length - 1; p >= 0; p--) {
      const node = nodes[p],
        g = ct.get(node.out);
      if (g === undefined) continue;
      // frees the memory of long chains (setting, not deleting: a delete may shrink, so reallocate, the Map)
      if (!sources.has(node.out)) ct.set(node.out, undefined);
      const needs = node.inputs.map(wants);
      if (!needs.includes(true)) continue;
      const grads = vjpOf(node, g, needs);
      for (let k = 0; k < needs.length; k++) {
        const dx = grads[k];
        if (needs[k] && dx) addTo(node.inputs[k], dx);
      }
    }
    return ct;
  }
}

/** A node's rule, its results checked; under detectAnomaly, judged by them and blamed on the primitive. */
function vjpOf({ def, inputs, out, params }: TapeNode, g: Tensor, needs: boolean[]): (Tensor | null)[] {
  const saved = state.anomaly;
  state.anomaly = 0; // a rule's intermediates may be Inf (sqrt'(0)) and still give a finite gradient
  let grads: (Tensor | null)[];
  try {
    grads = def.vjp(g, inputs, out, params, needs);
  } finally {
    state.anomaly = saved;
  }
  if (saved !== 0) checkBackward(def.name, g, grads, inputs);
  for (let k = 0; k < needs.length; k++) {
    const dx = grads[k];
    if (needs[k] && dx && !sameShape(dx.shape, inputs[k].shape))
      throw new Error(
        `GradientTape: the gradient rule of '${def.name}' returned shape ${fmtShape(dx.shape)} for input ${k} of shape ${fmtShape(inputs[k].shape)} (a bug in that rule)`,
      );
  }
  return grads;
}
