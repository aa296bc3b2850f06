/**
 * @file Frame production for FuncAnimation: runs the user's update function frame by frame and yields SVG for
 * each frame, split into a static layer (drawn once, re-drawn only when it really changes) and an animated layer
 * (the artists whose `revision` changed during `update`), or the full figure when no such split holds.
 */
import type { Artist } from '../types.js';

/** What FuncAnimation needs from a figure: size, layered SVG and the list of artists (a 2-D or 3-D Figure fits). */
export interface AnimatableFigure {
  readonly width: number;
  readonly height: number;
  /** 'static' skips artists with `animated = true`, 'animated' draws only them on a transparent background. */
  toSVG(opts?: { layer?: 'all' | 'static' | 'animated' }): string;
  artists(): Artist[];
  /** Resolves once plot data coming from a GPU are here (Figure.ready). */
  ready?(): Promise<void>;
}

/** Everything needed to run an animation once. */
export interface FrameJob {
  fig: AnimatableFigure;
  update: (frame: number, index: number) => unknown;
  initFunc?: () => unknown;
  frames: readonly number[];
  /** false: full frames; 'auto': layered while the static layer is verified unchanged; true: always layered. */
  blit: boolean | 'auto';
  onProgress?: (done: number, total: number) => void;
}

/** One frame as SVG: either a static layer + animated layer pair, or the whole figure. */
export type SvgFrame =
  | { kind: 'layered'; index: number; staticSvg: string; staticChanged: boolean; animatedSvg: string | null }
  | { kind: 'full'; index: number; svg: string };

/**
 * Frames over which the static layer is re-rendered and compared every frame; after them only a revision change
 * of a not-yet-animated artist (or a removed artist) triggers a re-render of the static layer.
 */
export const VERIFY_FRAMES = 3;

/**
 * Run the animation and yield each frame's SVG. Artists that `update` changes are marked `animated` while the
 * generator runs and restored when it finishes (or is abandoned), so the figure looks as before afterwards.
 * Synchronous: an `update` that returns a Promise, or gives a plot GPU tensors, needs {@link svgFramesAwaiting}.
 * @example for (const f of svgFrames({ fig, update, frames: [0, 1, 2], blit: 'auto' })) console.log(f.kind);
 */
export function* svgFrames(job: FrameJob): Generator<SvgFrame, void, undefined> {
  for (const step of steps(job)) {
    if (step.kind !== 'updated') yield step;
    else if (isThenable(step.result))
      throw new Error(
        'svgFrames: update returned a Promise; FuncAnimation.save, toJsHtml and toHtml5Video wait for it (svgFramesAwaiting)',
      );
  }
}

/**
 * `svgFrames` for writers that can wait: after each `update`, waits for what it returned (an async update) and
 * for the figure's plot data still coming from a GPU (`fig.ready()`, e.g. after `line.setData(gpuX, gpuY)`).
 * @example for await (const f of svgFramesAwaiting(job)) console.log(f.index);
 */
export async function* svgFramesAwaiting(job: FrameJob): AsyncGenerator<SvgFrame, void, undefined> {
  for (const step of steps(job)) {
    if (step.kind !== 'updated') yield step;
    else {
      await step.result;
      await job.fig.ready?.();
    }
  }
}

/** Whether an update returned a Promise (an async update). */
export const isThenable = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';

/** A run, step by step: each frame's `update` done (with what it returned), then that frame. */
function* steps(job: FrameJob): Generator<SvgFrame | { kind: 'updated'; result: unknown }, void, undefined> {
  const { fig, frames } = job;
  const restore = new Map<Artist, boolean>();
  const unmark = () => {
    for (const [a, was] of restore) a.animated = was;
    restore.clear();
  };
  let layered = job.blit !== false;
  let staticKey: string | null = null,
    staticSvg: string | null = null;
  try {
    job.initFunc?.();
    for (let k = 0; k < frames.length; k++) {
      const before = new Map<Artist, number>();
      for (const a of fig.artists()) before.set(a, a.revision);
      yield { kind: 'updated', result: job.update(frames[k], k) };
      let frame: SvgFrame | null = null;
      if (layered) {
        let anyAnimated = false,
          marked = false,
          kept = 0;
        const now = fig.artists();
        for (const a of now) {
          if (before.has(a)) kept++;
          // New artists and artists whose revision moved belong to the animated layer from now on.
          if (before.get(a) !== a.revision && !a.animated) {
            if (!restore.has(a)) restore.set(a, a.animated);
            a.animated = true;
            marked = true;
          }
          anyAnimated ||= a.animated && a.visible;
        }
        // Moving an artist to the animated layer, or removing one, changes the static layer for a known reason.
        const explained = marked || kept < before.size;
        const verifying = k <= VERIFY_FRAMES;
        let changed = false;
        if (staticKey === null || verifying || explained) {
          const s = fig.toSVG({ layer: 'static' });
          // Ids may be freshly generated on every render (clip paths, MathJax glyphs): compare with ids renamed.
          const key = canonicalIds(s, 'i');
          changed = staticKey === null || key !== staticKey;
          if (changed && staticKey !== null && !explained && job.blit === 'auto') {
            // The static layer changes with no artist to blame (limits, a title, …): render whole frames.
            layered = false;
            unmark();
          }
          staticSvg = s;
          staticKey = key;
        }
        if (layered) {
          frame = {
            kind: 'layered',
            index: k,
            staticSvg: staticSvg!,
            staticChanged: changed,
            animatedSvg: anyAnimated ? fig.toSVG({ layer: 'animated' }) : null,
          };
        }
      }
      yield frame ?? { kind: 'full', index: k, svg: fig.toSVG() };
      job.onProgress?.(k + 1, frames.length);
    }
  } finally {
    unmark();
  }
}

/**
 * Rename every `id` in an SVG document to `prefix0`, `prefix1`, … in order of appearance, with all references
 * (`url(#…)`, `href="#…"`) following. Two renders of the same picture then give the same string even when each
 * render draws fresh random ids, and a player can give its frames ids no other output on the page uses.
 * @example canonicalIds('<clipPath id="clip-x7-3"/><g clip-path="url(#clip-x7-3)"/>', 'p') // ids become "p0"
 */
export function canonicalIds(svg: string, prefix: string): string {
  const map = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) if (!map.has(m[1])) map.set(m[1], prefix + map.size.toString(36));
  if (map.size === 0) return svg;
  return svg.replace(/(\sid="|url\(['"]?#|href="#)([^"')\s]+)/g, (all, head: string, id: string) => {
    const to = map.get(id);
    return to === undefined ? all : head + to;
  });
}
