/**
 * @file PLACEHOLDER by engineer A (plot-2d) so figure.ts compiles — engineer B (plot-3d) replaces this file wholesale.
 */
import type { AxesLike, Artist, Layer, Rect } from './types.js';

/** 3-D axes (placeholder: draws nothing until plot-3d lands). */
export class Axes3D implements AxesLike {
  constructor(readonly figure: { readonly dpi: number }, readonly rect: Rect) {}
  artists(): Artist[] { return []; }
  render(layer: Layer): string { void layer; return '<g class="axes3d"></g>'; }
}
