/** @file gradtape/plot: matplotlib-style figures as SVG (and PNG in Node). Re-exports only. */
export { Figure, type FigureOptions } from './figure.js';
export { Axes } from './axes.js';
export { Axes3D } from './axes3d.js';
export { Line, type LineOptions } from './line.js';
export { Scatter, type ScatterOptions } from './scatter.js';
export { ContourSet, type ContourOptions } from './contour.js';
export { Colorbar, type ColorbarOptions } from './colorbar.js';
export { TextArtist, RefLine, type TextOptions, type RefLineOptions } from './annot.js';
export { ImageArtist, type ImshowOptions } from './image.js';
export type { ClabelOptions, LabelPlacement } from './clabel.js';
export type { LegendOptions, LegendLoc } from './legend.js';
export { FuncAnimation } from './animation.js';
export { getColormap, colormapNames, rgbToCss, tab10, type RGB } from './colormap.js';
export { loadTeX } from './tex.js';
export { renderText, measureText, type TextStyle } from './text.js';
export { maxNLocator, autoTicks } from './ticks.js';
export { svgToPng, svgToRGBA } from './raster.js';
export type { Artist, AxesLike, Rect, NumbersInput, GridInput, TensorLikeInput } from './types.js';
