/**
 * @file Stand-in for Node-only packages (the resvg PNG rasteriser) in the browser bundle. The plot package loads
 * them lazily and the page never calls the code paths that need them (PNG/GIF/MP4 export); without this alias the
 * bundler would still try to load resvg's native `.node` binary and fail. See web/NOTES.md.
 */

const message = 'gradtape playground: PNG rasterising (@resvg/resvg-js) is Node-only; the page renders SVG';

/** Throws: constructing the rasteriser in the browser is a bug in the caller. */
export class Resvg {
  constructor() {
    throw new Error(message);
  }
}

export default { Resvg };
