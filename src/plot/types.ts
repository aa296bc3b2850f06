/** @file Shared plot types: pixel rectangles, duck-typed tensor inputs, the Artist and AxesLike contracts. */

/** A rectangle in pixels, origin top-left, y down. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Anything tensor-like: the plot package never imports the engine, it only needs `shape` and `data()`. */
export interface TensorLikeInput {
  shape: readonly number[];
  data(): ArrayLike<number>;
}

/** 1-D data: plain arrays, typed arrays or a 1-D tensor. */
export type NumbersInput = ArrayLike<number> | readonly number[] | TensorLikeInput;

/** 2-D data (ny rows × nx cols): nested arrays or a 2-D tensor (a flat array is accepted where the shape is known). */
export type GridInput = readonly (readonly number[])[] | TensorLikeInput | ArrayLike<number>;

/** Every drawable thing. `revision` increases on every mutation (setData, setColor, …). */
export interface Artist {
  animated: boolean;
  readonly revision: number;
  visible: boolean;
  label?: string;
}

/** What a figure needs from any axes (2-D or 3-D). */
export interface AxesLike {
  readonly rect: Rect;
  artists(): Artist[];
  /** SVG markup (a <g>) for this axes; `layer` 'static' skips artists with animated=true, 'animated' draws only those
   *  (no background, no ticks — transparent elsewhere), 'all' draws everything. */
  render(layer: 'all' | 'static' | 'animated'): string;
  /** What of this axes may wait for values from a GPU (plot calls given GPU tensors; see `Figure.ready`). */
  waitables?(): object[];
}

/** Which artists a render pass draws. */
export type Layer = 'all' | 'static' | 'animated';

/**
 * Whether an artist belongs in the given layer (invisible artists never do).
 * @example inLayer(line, 'static') // true unless line.animated
 */
export function inLayer(a: Artist, layer: Layer): boolean {
  if (!a.visible) return false;
  return layer === 'all' || (layer === 'animated') === a.animated;
}
