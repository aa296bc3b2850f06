/**
 * @file FuncAnimation: matplotlib's `animation.FuncAnimation` for gradtape figures. `update(frame)` mutates
 * artists (e.g. `line.setData(...)`); `save()` writes GIF, MP4/WebM (ffmpeg) or a self-contained HTML player,
 * `toHtml5Video()` / `toJsHtml()` give notebook markup. Artists whose `revision` changes during `update` form the
 * animated layer; the rest is rendered once (see anim-frames.ts). Node-only pieces (resvg, fs, ffmpeg) are
 * imported lazily so the class itself is safe in browser bundles.
 */
import type { AnimatableFigure, FrameJob } from './anim-frames.js';
import { keysOf, optionsOf } from '../data.js';
import { isThenable, svgFrames } from './anim-frames.js';
import { playerFrames } from './anim-html.js';
import { playerHtml } from './html-player.js';
import { nodeBuiltin } from '../export/node-builtins.js';
import { animationBundle, type MimeBundle } from '../export/display.js';

export type { AnimatableFigure } from './anim-frames.js';

/** Constructor options (matplotlib's names in camelCase). */
export interface FuncAnimationOptions {
  /** Frame count n (frames 0 … n−1 are passed to `update`) or the frame values themselves. */
  frames: number | Iterable<number>;
  /** Delay between frames in milliseconds. Default 200, as matplotlib. */
  interval?: number;
  /** Called once before the first frame of every run (save, toJsHtml, …). */
  initFunc?: () => unknown;
  /**
   * Layered rendering: 'auto' (default) compares the static layer over the first frames and renders whole frames
   * if it changes with no artist to blame; true always layers; false renders whole frames. After those first
   * frames only artist revisions are watched: a static change no artist reveals (autoscaled limits growing with
   * the data, say) is not seen — fix the limits (setXlim/setYlim) or pass blit: false for such animations.
   */
  blit?: boolean | 'auto';
  /** Loop in players (GIF loop forever, HTML loop box, `<video loop>`). Default true. */
  repeat?: boolean;
  /** Called after each rendered frame with (done, total). */
  onProgress?: (done: number, total: number) => void;
}
/** The keys of `FuncAnimationOptions`, checked against it by tsc. */
export const FUNC_ANIMATION_KEYS = keysOf<FuncAnimationOptions>({
  frames: true,
  interval: true,
  initFunc: true,
  blit: true,
  repeat: true,
  onProgress: true,
});

/** Options of {@link FuncAnimation.save}. */
export interface SaveOptions {
  /** Frames per second in the file. Default 1000 / interval. */
  fps?: number;
  /** Progress for this save (overrides the constructor's). */
  onProgress?: (done: number, total: number) => void;
}

/** Writers by file extension. */
const WRITERS = ['.gif', '.mp4', '.webm', '.html'] as const;
type Ext = (typeof WRITERS)[number];
const MAX_FRAMES = 100_000;

/**
 * Animate a figure by calling `update` for each frame. `save`, `toJsHtml` and `toHtml5Video` wait for an async
 * `update` and for plot data it gave as GPU tensors (`line.setData(gpuX, gpuY)`) before drawing the frame.
 * @example
 * const anim = new FuncAnimation(fig, (i) => line.setData(xs.slice(0, i + 1), ys.slice(0, i + 1)), { frames: 120, interval: 20 });
 * await anim.save('descent.gif');
 */
export class FuncAnimation {
  readonly fig: AnimatableFigure;
  /** The frame values passed to `update`, in order. */
  readonly frames: readonly number[];
  readonly interval: number;
  readonly repeat: boolean;
  readonly blit: boolean | 'auto';
  private readonly update: (frame: number, index: number) => unknown;
  private readonly initFunc?: () => unknown;
  private readonly onProgress?: (done: number, total: number) => void;
  private busy = false;

  constructor(fig: AnimatableFigure, update: (frame: number) => unknown, opts: FuncAnimationOptions) {
    const f = fig as Partial<AnimatableFigure> | null;
    if (
      !f ||
      typeof f !== 'object' ||
      typeof f.toSVG !== 'function' ||
      typeof f.artists !== 'function' ||
      !(Number(f.width) > 0) ||
      !(Number(f.height) > 0)
    ) {
      throw new Error(
        `FuncAnimation: fig must be a Figure (an object with width, height, toSVG() and artists()), got ${kind(fig)}`,
      );
    }
    if (typeof update !== 'function') {
      throw new Error(`FuncAnimation: update must be a function (frame: number) => void, got ${kind(update)}`);
    }
    if (!opts || typeof opts !== 'object') {
      throw new Error(
        'FuncAnimation: opts must be an object with at least { frames } (e.g. { frames: 120, interval: 20 })',
      );
    }
    optionsOf(opts, 'FuncAnimation', FUNC_ANIMATION_KEYS);
    const { interval = 200, blit = 'auto', repeat = true, initFunc, onProgress } = opts;
    if (!(typeof interval === 'number' && Number.isFinite(interval) && interval > 0)) {
      throw new Error(
        `FuncAnimation: opts.interval must be a positive number of milliseconds (got ${String(interval)})`,
      );
    }
    if (blit !== true && blit !== false && blit !== 'auto') {
      throw new Error(`FuncAnimation: opts.blit must be true, false or 'auto' (got ${String(blit)})`);
    }
    for (const [name, fn] of [
      ['initFunc', initFunc],
      ['onProgress', onProgress],
    ] as const) {
      if (fn !== undefined && typeof fn !== 'function')
        throw new Error(`FuncAnimation: opts.${name} must be a function (got ${kind(fn)})`);
    }
    this.fig = fig;
    this.update = update;
    this.frames = frameValues(opts.frames);
    this.interval = interval;
    this.blit = blit;
    this.repeat = repeat !== false;
    this.initFunc = initFunc;
    this.onProgress = onProgress;
  }

  /**
   * Render every frame and write the animation; the writer follows the extension: .gif, .mp4 / .webm (ffmpeg on
   * PATH), .html (self-contained player). Written to a temporary file first, so a failure leaves nothing behind.
   * @example await anim.save('descent.gif', { fps: 30, onProgress: (i, n) => console.log(`${i}/${n}`) });
   */
  async save(path: string, options?: SaveOptions): Promise<void> {
    const opts = optionsOf(options, 'FuncAnimation.save', ['fps', 'onProgress']);
    if (typeof path !== 'string' || path.trim() === '')
      throw new Error(`FuncAnimation.save: path must be a file name, got ${kind(path)}`);
    if (typeof process === 'undefined' || !process.versions?.node) {
      throw new Error(
        'FuncAnimation.save: writing files needs Node (or Deno); in a browser use toJsHtml() for a player',
      );
    }
    const { extname } = await nodeBuiltin('node:path');
    const ext = extname(path).toLowerCase();
    if (!(WRITERS as readonly string[]).includes(ext)) {
      throw new Error(
        `FuncAnimation.save: cannot write "${path}": unsupported extension "${ext || '(none)'}"; ` +
          `supported: ${WRITERS.join(', ')}`,
      );
    }
    const fps = this.fps(opts.fps, 'FuncAnimation.save');
    const { atomicWrite } = await import('./anim-save.js');
    const job = this.job(opts.onProgress);
    await this.exclusive('save', () =>
      atomicWrite(path, ext as Ext, job, { fps, repeat: this.repeat, interval: 1000 / fps }),
    );
  }

  /**
   * The animation as an HTML5 `<video>` with the MP4 inline as base64, like matplotlib's `to_html5_video`
   * (needs ffmpeg). Fails with a clear error past `embedLimitMB` (default 20, matplotlib's `animation.embed_limit`).
   * @example const video = await anim.toHtml5Video(); // '<video width="640" height="480" controls autoplay loop>…'
   */
  async toHtml5Video(opts: { embedLimitMB?: number; fps?: number } = {}): Promise<string> {
    const limit = opts.embedLimitMB ?? 20;
    if (!(limit > 0))
      throw new Error(`FuncAnimation.toHtml5Video: opts.embedLimitMB must be a positive number (got ${limit})`);
    const fps = this.fps(opts.fps, 'FuncAnimation.toHtml5Video');
    const { renderToBuffer } = await import('./anim-save.js');
    const job = this.job(undefined);
    const mp4 = await this.exclusive('toHtml5Video', () =>
      renderToBuffer('.mp4', job, { fps, repeat: this.repeat, interval: 1000 / fps }),
    );
    if (mp4.length > limit * 1024 * 1024) {
      throw new Error(
        `FuncAnimation.toHtml5Video: the video is ${(mp4.length / 1048576).toFixed(1)} MB, over embedLimitMB = ${limit}; ` +
          'pass a larger { embedLimitMB }, fewer frames, or save it to a file',
      );
    }
    const { base64 } = await import('./anim-html.js');
    const { width, height } = this.fig;
    return (
      `<video width="${Math.round(width)}" height="${Math.round(height)}" controls autoplay${this.repeat ? ' loop' : ''}>\n` +
      `  <source type="video/mp4" src="data:video/mp4;base64,${base64(mp4)}">\n` +
      '  Your browser does not support the video tag.\n</video>'
    );
  }

  /**
   * The animation as a self-contained interactive player (`<div>` + inline style and script), like matplotlib's
   * `to_jshtml`: play/pause, frame slider, speed, loop, keyboard (space, ←, →, Home, End, ↑, ↓).
   * @example display.html(await anim.toJsHtml());
   */
  async toJsHtml(opts: { autoplay?: boolean } = {}): Promise<string> {
    const job = this.job(undefined);
    const frames = await this.exclusive('toJsHtml', () => playerFrames(job));
    return playerHtml(frames, {
      width: Math.round(this.fig.width),
      height: Math.round(this.fig.height),
      interval: this.interval,
      repeat: this.repeat,
      autoplay: opts.autoplay ?? true,
    });
  }

  /**
   * The SVG of frame `i` alone: runs `initFunc`, then `update(frames[i])`, and renders the whole figure.
   * @example await fs.writeFile('frame-60.svg', anim.frameSVG(60));
   */
  frameSVG(i: number): string {
    if (!Number.isInteger(i) || i < 0 || i >= this.frames.length) {
      throw new Error(
        `FuncAnimation.frameSVG: i must be an integer frame index in [0, ${this.frames.length - 1}] (got ${i})`,
      );
    }
    if (this.busy)
      throw new Error('FuncAnimation.frameSVG: a save/render of this animation is running; await it first');
    this.initFunc?.();
    if (isThenable(this.update(this.frames[i], i)))
      throw new Error('FuncAnimation.frameSVG: update returned a Promise; frameSVG draws at once (save waits for it)');
    return this.fig.toSVG();
  }

  /** Short description, like matplotlib's repr. @example String(anim) // '<FuncAnimation 121 frames, 20 ms apart>' */
  toString(): string {
    return `<FuncAnimation ${this.frames.length} frames, ${this.interval} ms apart>`;
  }

  /**
   * Rich display as a notebook cell's last expression (Deno's Jupyter kernel): an HTML5 video when ffmpeg is
   * installed, else the offline player. `toHtml5Video()` / `toJsHtml()` still return plain strings, as matplotlib's.
   */
  [Symbol.for('Jupyter.display')](): Promise<MimeBundle> {
    return animationBundle(this);
  }

  /** How many frames one run renders. @example new FuncAnimation(fig, f, { frames: 120 }).frameCount // 120 */
  get frameCount(): number {
    return this.frames.length;
  }

  private job(onProgress: SaveOptions['onProgress']): FrameJob {
    if (onProgress !== undefined && typeof onProgress !== 'function') {
      throw new Error(`FuncAnimation.save: opts.onProgress must be a function (got ${kind(onProgress)})`);
    }
    return {
      fig: this.fig,
      update: this.update,
      initFunc: this.initFunc,
      frames: this.frames,
      blit: this.blit,
      onProgress: onProgress ?? this.onProgress,
    };
  }

  private fps(fps: number | undefined, fn: string): number {
    if (fps === undefined) return 1000 / this.interval;
    if (!(typeof fps === 'number' && Number.isFinite(fps) && fps > 0))
      throw new Error(`${fn}: opts.fps must be a positive number (got ${String(fps)})`);
    return fps;
  }

  /** One run at a time: update functions mutate the figure, so two interleaved runs would mix their frames. */
  private async exclusive<T>(what: string, run: () => Promise<T>): Promise<T> {
    if (this.busy)
      throw new Error(`FuncAnimation.${what}: another save/render of this animation is still running; await it first`);
    this.busy = true;
    try {
      await this.fig.ready?.(); // the figure's plot data from a GPU, before frame 0
      return await run();
    } finally {
      this.busy = false;
    }
  }
}

/** Runs the animation's frames for callers that want SVG strings (e.g. custom writers). */
export { svgFrames };

function frameValues(frames: FuncAnimationOptions['frames']): number[] {
  if (typeof frames === 'number') {
    if (!Number.isInteger(frames) || frames <= 0 || frames > MAX_FRAMES) {
      throw new Error(
        `FuncAnimation: opts.frames must be a positive integer frame count (≤ ${MAX_FRAMES}) ` +
          `or an iterable of frame values (got ${frames})`,
      );
    }
    return Array.from({ length: frames }, (_, i) => i);
  }
  if (frames == null || typeof (frames as Iterable<number>)[Symbol.iterator] !== 'function') {
    throw new Error(
      `FuncAnimation: opts.frames must be a positive integer frame count or an iterable of frame values (got ${kind(frames)})`,
    );
  }
  const out: number[] = [];
  for (const v of frames) {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new Error(`FuncAnimation: opts.frames must hold finite numbers (item ${out.length} is ${kind(v)})`);
    }
    if (out.length === MAX_FRAMES)
      throw new Error(`FuncAnimation: opts.frames yields more than ${MAX_FRAMES} frames (an endless generator?)`);
    out.push(v);
  }
  if (out.length === 0) throw new Error('FuncAnimation: opts.frames is empty (need at least one frame)');
  return out;
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  return typeof v;
}
