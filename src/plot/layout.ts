/** @file Subplot geometry: matplotlib's SubplotParams/GridSpec in pixels, and fraction rects → pixel rects. */
import type { Rect } from './types.js';
import { rc } from './style.js';

/**
 * Pixel rect of cell `index` (1-based, row-major) of a rows×cols grid in a width×height figure, with matplotlib's
 * default subplot parameters (left .125, right .9, bottom .11, top .88, wspace = hspace = .2).
 * @example subplotRect(640, 480, 1, 1, 1) // { x: 80, y: 57.6, width: 496, height: 369.6 }
 */
export function subplotRect(
  width: number,
  height: number,
  rows: number,
  cols: number,
  index: number,
  fn = 'subplots',
): Rect {
  for (const [k, v] of [
    ['rows', rows],
    ['cols', cols],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`${fn}: ${k} must be a positive integer, got ${String(v)}`);
  }
  if (!Number.isInteger(index) || index < 1 || index > rows * cols) {
    throw new Error(`${fn}: index must be an integer in 1..${rows * cols} for a ${rows}x${cols} grid, got ${index}`);
  }
  const totW = (rc.right - rc.left) * width,
    totH = (rc.top - rc.bottom) * height;
  const cellW = totW / (cols + rc.wspace * (cols - 1)),
    cellH = totH / (rows + rc.hspace * (rows - 1));
  const r = Math.floor((index - 1) / cols),
    c = (index - 1) % cols;
  return {
    x: rc.left * width + c * cellW * (1 + rc.wspace),
    y: (1 - rc.top) * height + r * cellH * (1 + rc.hspace),
    width: cellW,
    height: cellH,
  };
}

/**
 * Accept a pixel Rect or matplotlib's [left, bottom, width, height] figure fractions (origin bottom-left).
 * @example toPixelRect([0.1, 0.1, 0.8, 0.8], 640, 480) // { x: 64, y: 48, width: 512, height: 384 }
 */
export function toPixelRect(r: Rect | readonly number[] | undefined, width: number, height: number, fn: string): Rect {
  if (r === undefined) return subplotRect(width, height, 1, 1, 1, fn);
  if (Array.isArray(r)) {
    if (r.length !== 4 || !r.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new Error(`${fn}: rect must be [left, bottom, width, height] figure fractions, got [${r.join(', ')}]`);
    }
    const [l, b, w, h] = r as number[];
    return { x: l * width, y: (1 - b - h) * height, width: w * width, height: h * height };
  }
  const p = r as Rect;
  if (![p.x, p.y, p.width, p.height].every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new Error(`${fn}: rect must be {x, y, width, height} in pixels with finite numbers`);
  }
  return { ...p };
}
