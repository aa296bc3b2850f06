/** @file Colormaps (matplotlib names, d3-scale-chromatic ramps) and the tab10 colour cycle. */
import * as chroma from 'd3-scale-chromatic';
import { rgb as d3rgb } from 'd3-color';

/** An sRGB colour, channels 0..255. */
export type RGB = [number, number, number];

/** matplotlib's default line colours (the `tab10` cycle), in order. */
export const tab10: string[] = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

/** Piecewise-linear ramp through evenly spaced hex stops. */
function ramp(stops: string[]): (t: number) => string {
  const cs = stops.map((s) => d3rgb(s));
  return (t) => {
    const x = t * (cs.length - 1),
      i = Math.min(cs.length - 2, Math.floor(x)),
      f = x - i;
    const a = cs[i],
      b = cs[i + 1];
    return `rgb(${Math.round(a.r + (b.r - a.r) * f)},${Math.round(a.g + (b.g - a.g) * f)},${Math.round(a.b + (b.b - a.b) * f)})`;
  };
}

// Ramps d3 lacks, sampled from matplotlib (coolwarm: Moreland's diverging map; jet: the classic MATLAB map).
const extra: Record<string, (t: number) => string> = {
  coolwarm: ramp(['#3b4cc0', '#6788ee', '#9abbff', '#c9d7f0', '#edd1c2', '#f7a889', '#e26952', '#b40426']),
  jet: ramp(['#000080', '#0000ff', '#0080ff', '#00ffff', '#80ff80', '#ffff00', '#ff8000', '#ff0000', '#800000']),
  gray: ramp(['#000000', '#ffffff']),
  hot: ramp(['#0b0000', '#ff0000', '#ffff00', '#ffffff']),
  bwr: ramp(['#0000ff', '#ffffff', '#ff0000']),
};

const base: Record<string, (t: number) => string> = {
  viridis: chroma.interpolateViridis,
  plasma: chroma.interpolatePlasma,
  inferno: chroma.interpolateInferno,
  magma: chroma.interpolateMagma,
  cividis: chroma.interpolateCividis,
  turbo: chroma.interpolateTurbo,
  ...extra,
  Greys: chroma.interpolateGreys,
  Blues: chroma.interpolateBlues,
  Greens: chroma.interpolateGreens,
  Reds: chroma.interpolateReds,
  Oranges: chroma.interpolateOranges,
  Purples: chroma.interpolatePurples,
  RdBu: chroma.interpolateRdBu,
  RdYlBu: chroma.interpolateRdYlBu,
  Spectral: chroma.interpolateSpectral,
  PiYG: chroma.interpolatePiYG,
  YlOrRd: chroma.interpolateYlOrRd,
  YlGnBu: chroma.interpolateYlGnBu,
  rainbow: chroma.interpolateSinebow,
};

/** Every accepted colormap name; each also exists reversed with the `_r` suffix, as in matplotlib. */
export const colormapNames: string[] = Object.keys(base);

/**
 * Look up a colormap by its matplotlib name (`viridis`, `coolwarm`, `RdBu_r`, …); t in [0, 1] is clamped.
 * @example getColormap('viridis')(0) // [68, 1, 84]
 */
export function getColormap(name: string): (t: number) => RGB {
  return colormap(name, 'getColormap');
}

/** `getColormap` for a caller whose name (`fn`, as 'contourf') errors give. */
export function colormap(name: string, fn: string): (t: number) => RGB {
  const rev = typeof name === 'string' && name.endsWith('_r');
  const f = typeof name === 'string' ? base[rev ? name.slice(0, -2) : name] : undefined;
  if (!f) {
    throw new Error(
      `${fn}: unknown colormap '${String(name)}'; expected one of ${colormapNames.join(', ')} ` +
        `(append _r to reverse)`,
    );
  }
  return (t) => {
    const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
    const c = d3rgb(f(rev ? 1 - u : u));
    return [Math.round(c.r), Math.round(c.g), Math.round(c.b)];
  };
}

/**
 * CSS colour for an RGB triple, with optional alpha.
 * @example rgbToCss([255, 0, 0]) // '#ff0000'
 */
export function rgbToCss(c: RGB, alpha?: number): string {
  if (!Array.isArray(c) || c.length !== 3 || c.some((v) => typeof v !== 'number' || Number.isNaN(v)))
    throw new TypeError(`rgbToCss: c must be an [r, g, b] array of numbers in [0, 255]; got ${JSON.stringify(c)}`);
  if (alpha !== undefined && (typeof alpha !== 'number' || !(alpha >= 0 && alpha <= 1)))
    throw new RangeError(`rgbToCss: alpha must be a number in [0, 1]; got ${String(alpha)}`);
  if (alpha !== undefined && alpha < 1) return `rgba(${c[0]},${c[1]},${c[2]},${+alpha.toFixed(3)})`;
  return (
    '#' +
    c
      .map((v) =>
        Math.max(0, Math.min(255, Math.round(v)))
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')
  );
}
