/**
 * @file Writing an animation to disk (Node only): picks the writer for the extension, checks the output directory
 * and ffmpeg before any frame is rendered, and writes through atomic-write.ts (a temporary file in the target directory
 * renamed into place only on success), so a failure (an update function that throws, ffmpeg dying) leaves nothing partial.
 */
import type { FrameJob } from './anim-frames.js';
import { playerFrames } from './anim-html.js';
import { rasterFrames, type RasterFrame } from './anim-raster.js';
import { GifWriter } from './gif.js';
import { playerDocument } from './html-player.js';
import { FFMPEG_MISSING, findFfmpeg, writeVideo } from './video.js';
import { nodeBuiltin } from '../export/node-builtins.js';
import { writeAtomic } from '../export/atomic-write.js';

/** Settings shared by the writers. `interval` is the per-frame delay in ms the file gets (1000 / fps). */
export interface WriteSettings {
  fps: number;
  repeat: boolean;
  interval: number;
  title?: string;
}

/**
 * Render `job` into `path` with the writer for `ext`, atomically.
 * @example await atomicWrite('out/descent.gif', '.gif', job, { fps: 50, repeat: true, interval: 20 });
 */
export async function atomicWrite(path: string, ext: string, job: FrameJob, s: WriteSettings): Promise<void> {
  const { basename } = await nodeBuiltin('node:path');
  // ffmpeg first, then the folder (writeAtomic creates the temporary file before the first frame is rendered).
  if ((ext === '.mp4' || ext === '.webm') && !(await findFfmpeg()))
    throw new Error(FFMPEG_MISSING.replace('.mp4', ext));
  await writeAtomic(path, 'FuncAnimation.save', (tmp) =>
    writeWith(tmp, ext, job, { ...s, title: s.title ?? basename(path) }),
  );
}

/**
 * Render `job` with the writer for `ext` and return the file's bytes (used for the inline `<video>`).
 * @example const mp4 = await renderToBuffer('.mp4', job, { fps: 50, repeat: true, interval: 20 });
 */
export async function renderToBuffer(ext: string, job: FrameJob, s: WriteSettings): Promise<Uint8Array> {
  if ((ext === '.mp4' || ext === '.webm') && !(await findFfmpeg())) {
    throw new Error(
      'FuncAnimation.toHtml5Video: needs ffmpeg on PATH (install it, e.g. apt-get install ffmpeg), ' +
        'or use toJsHtml() for an HTML player, or save as .gif',
    );
  }
  const { mkdtemp, readFile, rm } = await nodeBuiltin('node:fs/promises');
  const { tmpdir } = await nodeBuiltin('node:os');
  const { join } = await nodeBuiltin('node:path');
  const dir = await mkdtemp(join(tmpdir(), 'gradtape-anim-'));
  try {
    const file = join(dir, 'animation' + ext);
    await writeWith(file, ext, job, s);
    return new Uint8Array(await readFile(file));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function writeWith(file: string, ext: string, job: FrameJob, s: WriteSettings): Promise<void> {
  const { writeFile } = await nodeBuiltin('node:fs/promises');
  if (ext === '.gif') {
    let gif: GifWriter | null = null;
    for await (const f of rasterFrames(job)) {
      gif ??= new GifWriter(f.width, f.height, { loop: s.repeat });
      gif.addFrame(f.rgba, s.interval);
    }
    await writeFile(file, gif!.finish());
  } else if (ext === '.html') {
    const frames = await playerFrames(job);
    const { width, height } = job.fig;
    await writeFile(
      file,
      playerDocument(frames, {
        width: Math.round(width),
        height: Math.round(height),
        interval: s.interval,
        repeat: s.repeat,
        title: s.title,
      }),
    );
  } else if (ext === '.mp4' || ext === '.webm') {
    // ffmpeg needs the frame size up front: take it from the first rendered frame.
    const it = rasterFrames(job);
    try {
      const first = await it.next();
      if (first.done) throw new Error('FuncAnimation.save: the animation produced no frames');
      await writeVideo(file, pixels(first.value, it), {
        width: first.value.width,
        height: first.value.height,
        fps: s.fps,
        format: ext === '.mp4' ? 'mp4' : 'webm',
      });
    } finally {
      await it.return(undefined); // finishes the run (restores the artists' animated flags) if it stopped early
    }
  } else {
    throw new Error(`FuncAnimation.save: no writer for "${ext}"`);
  }
}

async function* pixels(first: RasterFrame, rest: AsyncIterator<RasterFrame>): AsyncGenerator<Uint8Array> {
  yield first.rgba;
  for (;;) {
    const r = await rest.next();
    if (r.done) return;
    yield r.value.rgba;
  }
}
