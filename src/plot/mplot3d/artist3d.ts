/**
 * @file Base class of the 3-D artists (surface, wireframe, line, scatter): the Artist contract's bookkeeping
 * (revision bumped on every change, visible, animated, label) and what an Axes3D needs to draw one.
 */
import type { LegendEntry } from '../legend.js';
import type { Artist } from '../types.js';
import type { Camera, Limits3D, ToPixel } from './proj3d.js';

/** What a 3-D artist gets when drawn: the camera, the projected → pixel map and pixels per point. */
export interface Draw3DContext {
  cam: Camera;
  toPx: ToPixel;
  ptToPx: number;
}

/** Shared state of every 3-D artist. */
export abstract class Artist3DBase implements Artist {
  animated = false;
  label?: string;
  private _visible = true;
  private _rev = 0;

  /** Bumped by every mutation, so animations can tell static artists from dynamic ones. */
  get revision(): number {
    return this._rev;
  }
  get visible(): boolean {
    return this._visible;
  }
  set visible(v: boolean) {
    if (v !== this._visible) {
      this._visible = v;
      this.touch();
    }
  }

  /** Record a mutation. */
  protected touch(): void {
    this._rev++;
  }

  /**
   * Record that the view changed (camera, limits): the artist's picture changes with it, so its revision moves and
   * an animation that turns the camera redraws it. Called by Axes3D.
   */
  viewChanged(): void {
    this.touch();
  }

  /** Show or hide the artist. @example surf.setVisible(false) */
  setVisible(v: boolean): this {
    this.visible = v;
    return this;
  }
  /** Set the legend label. @example line.setLabel('path') */
  setLabel(label: string): this {
    this.label = label;
    this.touch();
    return this;
  }
  /** Mark as animated (drawn only in the 'animated' layer). @example line.setAnimated(true) */
  setAnimated(a: boolean): this {
    this.animated = a;
    this.touch();
    return this;
  }

  /** SVG markup in pixel space for this view. */
  abstract draw(ctx: Draw3DContext): string;
  /** Finite data extent, or null when there is no finite data (it then does not affect limits). */
  abstract extent(): Limits3D | null;
  /** How the legend shows this artist (null: not shown). */
  legendEntry(): Omit<LegendEntry, 'label'> | null {
    return null;
  }
  /** Painter's key of the whole artist among collections (larger = farther), NaN when empty. */
  depth(cam: Camera): number {
    void cam;
    return NaN;
  }
}

/**
 * Finite extent of aligned coordinate arrays (points with any non-finite coordinate are ignored).
 * @example extent3d([0, 2, NaN], [1, 1, 5], [0, 3, 0]) // { x: [0, 2], y: [1, 1], z: [0, 3] }
 */
export function extent3d(xs: ArrayLike<number>, ys: ArrayLike<number>, zs: ArrayLike<number>): Limits3D | null {
  const lo = [Infinity, Infinity, Infinity],
    hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < xs.length; i++) {
    const p = [xs[i], ys[i], zs[i]];
    if (!p.every(Number.isFinite)) continue;
    for (let k = 0; k < 3; k++) {
      if (p[k] < lo[k]) lo[k] = p[k];
      if (p[k] > hi[k]) hi[k] = p[k];
    }
  }
  return lo[0] <= hi[0] ? { x: [lo[0], hi[0]], y: [lo[1], hi[1]], z: [lo[2], hi[2]] } : null;
}
