/**
 * @file Base class for 2-D artists: the Artist contract (animated, visible, label, revision), zorder, and what an
 * axes needs to draw it and to compute auto limits.
 */
import type { Artist, Rect } from './types.js';
import type { Scale } from './scale.js';
import type { LegendEntry, LegendObstacle } from './legend.js';

/** What a 2-D artist gets when drawn: the data→pixel maps of its axes and the axes rectangle. */
export interface DrawContext {
  sx: Scale;
  sy: Scale;
  rect: Rect;
  ptToPx: number;
}

/** Data extent for auto limits; `sticky` edges are never padded by margins (contour, images). */
export interface Extent {
  x: [number, number];
  y: [number, number];
  /** true: both data ends are sticky; an array: just these values (e.g. a bar chart's baseline 0). */
  stickyX?: boolean | number[];
  stickyY?: boolean | number[];
  /** Images with origin 'upper' turn the auto y axis upside down (row 0 at the top), as matplotlib's imshow. */
  invertY?: boolean;
  /** Smallest positive x / y (for log axes), when known. */
  posX?: number;
  posY?: number;
}

/** Shared state and bookkeeping of every 2-D artist. */
export abstract class ArtistBase implements Artist {
  animated = false;
  private _visible = true;
  private _rev = 0;
  label?: string;
  /** Drawing order, matplotlib's defaults: filled contours 1, lines 2, text 3. */
  zorder = 2;

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

  /** Show or hide the artist. @example line.setVisible(false) */
  setVisible(v: boolean): this {
    this.visible = v;
    return this;
  }
  /** Set the legend label. @example line.setLabel('$f(x)$') */
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
  /** Change the drawing order. @example cs.setZorder(0.5) */
  setZorder(z: number): this {
    this.zorder = z;
    this.touch();
    return this;
  }

  /** The axes holding this artist (set when added). */
  owner?: { removeArtist(a: ArtistBase): boolean };
  /** Take the artist off its axes (matplotlib's Artist.remove). @example line.remove() */
  remove(): void {
    if (!this.owner?.removeArtist(this)) throw new Error('remove: the artist is not in an axes');
    this.owner = undefined;
  }

  /** SVG markup in pixel space. */
  abstract draw(ctx: DrawContext): string;
  /** Finite data extent, or null when the artist has no data (it then does not affect limits). */
  abstract extent(): Extent | null;
  /** The legend row for this artist, or null (no label, or a label starting with '_'). */
  legendEntry(): LegendEntry | null {
    return null;
  }
  /** What the legend's 'best' location should avoid, in pixels (none: matplotlib ignores images, text, fills). */
  obstacles(ctx: DrawContext): LegendObstacle[] {
    void ctx;
    return [];
  }
  /** Whether the artist is clipped to the axes rectangle (text is not, as in matplotlib). */
  clipped = true;
}
