/**
 * matplotlib-style plotting: figures with 2-D and 3-D axes, contours, colorbars and animations, rendered as SVG
 * (and PNG, GIF, MP4 or an HTML player in Node).
 *
 * @file gradtape/plot: matplotlib-style figures as SVG (and PNG in Node). Re-exports only.
 * @module gradtape/plot
 */
export { Figure, type FigureOptions, type SubplotOptions } from './figure.js';
export { Axes } from './axes.js';
export { Axes3D, type Axes3DOptions } from './mplot3d/axes3d.js';
export { Surface3D, type SurfaceOptions, type LightSource, type Face } from './mplot3d/surface3d.js';
export {
  Line3D,
  Scatter3D,
  Wireframe3D,
  type Line3DOptions,
  type Scatter3DOptions,
  type WireframeOptions,
} from './mplot3d/line3d.js';
export { Camera, type Limits3D, type CameraOptions, type Vec3, type Mat4, type ToPixel } from './mplot3d/proj3d.js';
export { Line, type LineOptions } from './line.js';
export { Scatter, type ScatterOptions } from './scatter.js';
export { ContourSet, type ContourOptions } from './contour.js';
export { Colorbar, type ColorbarOptions, type Mappable, type ScalarMappable } from './colorbar.js';
export { TextArtist, RefLine, type TextOptions, type RefLineOptions } from './annot.js';
export { ImageArtist, type ImshowOptions } from './image.js';
export { FillBetween, type FillOptions } from './fill.js';
export { BarSet, histogram, type BarOptions, type HistOptions } from './bars.js';
export type { ClabelOptions, LabelPlacement } from './clabel.js';
export type { LegendOptions, LegendLoc, LegendEntry, LegendObstacle } from './legend.js';
export { findFfmpeg } from './animation/video.js';
export { HTML, HtmlMarkup, figureBundle, animationBundle, type MimeBundle } from './export/display.js';
export {
  FuncAnimation,
  type FuncAnimationOptions,
  type SaveOptions,
  type AnimatableFigure,
} from './animation/animation.js';
export { getColormap, colormapNames, rgbToCss, tab10, type RGB } from './colormap.js';
export { loadTeX } from './tex.js';
export { renderText, measureText, type TextStyle } from './text.js';
export { maxNLocator, autoTicks, type MaxNOptions } from './ticks.js';
export { svgToPng, svgToRGBA, type RasterOptions } from './export/raster.js';
export type { Artist, AxesLike, Rect, NumbersInput, GridInput, TensorLikeInput, Layer } from './types.js';
// The artist protocol behind the public artists' draw/extent/legendEntry members and the grids they keep.
export type { ArtistBase, DrawContext, Extent } from './artist.js';
export type { Artist3DBase, Draw3DContext } from './mplot3d/artist3d.js';
export type { ContourGrid } from './grid.js';
export type { Scale } from './scale.js';
export type { XYZGrid } from './mplot3d/grid3d.js';
export type { Polyline } from './isolines.js';
