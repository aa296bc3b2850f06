/**
 * @file The data-plotting half of Axes (scatter, contour, contourf, clabel, colorbar), kept apart from the
 * axes bookkeeping in axes.ts so each file stays small. Axes extends this class.
 */
import type { ArtistBase } from './artist.js';

/** Plot methods shared by Axes; relies on the bookkeeping Axes provides. */
export abstract class AxesPlotMixin {
  abstract addArtist<A extends ArtistBase>(a: A): A;
  abstract nextColor(): string;
}
