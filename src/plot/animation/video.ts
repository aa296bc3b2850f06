/**
 * @file MP4 / WebM through the `ffmpeg` executable found on PATH (Node only). Raw RGBA frames are piped to
 * ffmpeg's stdin; H.264 gets `-pix_fmt yuv420p -movflags +faststart` (plays everywhere, starts before it has
 * fully downloaded) and odd sizes are padded to even ones, which libx264 requires.
 */
import { nodeBuiltin } from '../export/node-builtins.js';

/** The error thrown when no ffmpeg is installed. */
export const FFMPEG_MISSING =
  'FuncAnimation.save: writing .mp4 needs ffmpeg on PATH (install it, e.g. apt-get install ffmpeg), or save as .gif or .html';

/** Video containers this module writes. */
export type VideoFormat = 'mp4' | 'webm';

/**
 * Full path of the ffmpeg executable on PATH, or null when there is none.
 * @example if (!(await findFfmpeg())) console.warn('no ffmpeg: MP4 export disabled');
 */
export async function findFfmpeg(): Promise<string | null> {
  const { access, constants } = await nodeBuiltin('node:fs/promises');
  const { delimiter, join } = await nodeBuiltin('node:path');
  const names = process.platform === 'win32' ? ['ffmpeg.exe'] : ['ffmpeg'];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const p = join(dir, name);
      try {
        await access(p, constants.X_OK);
        return p;
      } catch {
        /* not here */
      }
    }
  }
  return null;
}

/** Options of {@link writeVideo}. */
export interface VideoOptions {
  width: number;
  height: number;
  fps: number;
  format: VideoFormat;
  /** Constant-quality factor (lower is better; default 20 for H.264, 32 for VP9). */
  crf?: number;
}

/**
 * Encode RGBA frames (straight alpha, flattened over white) into an MP4 or WebM file at `path`.
 * The caller owns `path` (FuncAnimation passes a temporary file and renames it on success).
 * @example await writeVideo('out.mp4', frames, { width: 640, height: 480, fps: 50, format: 'mp4' });
 */
export async function writeVideo(path: string, frames: AsyncIterable<Uint8Array>, opts: VideoOptions): Promise<void> {
  const { width, height, fps, format } = opts;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`writeVideo: width and height must be positive integers (got ${width}×${height})`);
  }
  if (!(fps > 0) || !Number.isFinite(fps)) throw new Error(`writeVideo: fps must be a positive number (got ${fps})`);
  if (format !== 'mp4' && format !== 'webm')
    throw new Error(`writeVideo: format must be 'mp4' or 'webm' (got ${format})`);
  const ffmpeg = await findFfmpeg();
  if (!ffmpeg) throw new Error(FFMPEG_MISSING.replace('.mp4', `.${format}`));

  const codec =
    format === 'mp4'
      ? [
          '-c:v',
          'libx264',
          '-preset',
          'medium',
          '-crf',
          String(opts.crf ?? 20),
          '-pix_fmt',
          'yuv420p',
          '-movflags',
          '+faststart',
        ]
      : ['-c:v', 'libvpx-vp9', '-b:v', '0', '-crf', String(opts.crf ?? 32), '-pix_fmt', 'yuv420p', '-row-mt', '1'];
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgba',
    '-s',
    `${width}x${height}`,
    '-r',
    fps.toFixed(6).replace(/\.?0+$/, ''),
    '-i',
    'pipe:0',
    '-vf',
    'pad=ceil(iw/2)*2:ceil(ih/2)*2:color=white',
    '-an',
    ...codec,
    '-f',
    format,
    path,
  ];
  const { spawn } = await nodeBuiltin('node:child_process');
  const child = spawn(ffmpeg, args, { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    stderr = (stderr + d).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  exited.catch(() => {}); // awaited below; this only stops a spawn failure from counting as unhandled meanwhile
  // A write to a pipe whose reader died fails with EPIPE; the exit code and stderr explain why, so keep those.
  child.stdin.on('error', () => {});
  const failure = (code: number | null) =>
    new Error(
      `writeVideo: ffmpeg exited with code ${code} while writing ${format}: ${stderr.trim() || '(no message)'}`,
    );

  let count = 0;
  try {
    for await (const rgba of frames) {
      if (rgba.length !== width * height * 4) {
        throw new Error(
          `writeVideo: frame ${count} has ${rgba.length} bytes, expected ${width * height * 4} (${width}×${height} RGBA)`,
        );
      }
      if (child.exitCode !== null) throw failure(child.exitCode);
      if (!child.stdin.write(flattenOverWhite(rgba))) {
        const code = await Promise.race([
          new Promise<'drain'>((r) => child.stdin.once('drain', () => r('drain'))),
          exited,
        ]);
        if (code !== 'drain') throw failure(code);
      }
      count++;
    }
    if (count === 0) throw new Error('writeVideo: no frames to encode');
    child.stdin.end();
    const code = await exited;
    if (code !== 0) throw failure(code);
  } catch (e) {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited.catch(() => {});
    throw e;
  }
}

/** Video has no alpha: blend translucent pixels over white (opaque frames pass through untouched, uncopied). */
function flattenOverWhite(rgba: Uint8Array): Uint8Array {
  let out: Uint8Array | null = null;
  for (let i = 3; i < rgba.length; i += 4) {
    const a = rgba[i];
    if (a === 255) continue;
    out ??= rgba.slice();
    for (let c = 3; c >= 1; c--) out[i - c] = Math.round((rgba[i - c] * a + 255 * (255 - a)) / 255);
    out[i] = 255;
  }
  return out ?? rgba;
}
