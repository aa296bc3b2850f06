import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FuncAnimation } from './animation.js';
import { testFigure } from '../../../test/helpers/anim-testing.js';
import { findFfmpeg, writeVideo } from './video.js';

const ffmpeg = await findFfmpeg();
const hasProbe =
  ffmpeg !== null &&
  (() => {
    try {
      execFileSync('ffprobe', ['-version']);
      return true;
    } catch {
      return false;
    }
  })();
if (!ffmpeg)
  console.warn('video.test.ts: MP4/WebM tests skipped: ffmpeg is not on PATH (apt-get install ffmpeg to run them)');
else if (!hasProbe) console.warn('video.test.ts: MP4/WebM tests skipped: ffprobe is not on PATH');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gradtape-video-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** An odd-sized figure (libx264 needs even sizes) whose dot walks right. */
function walk(frames = 8) {
  const fig = testFigure(81, 61);
  return new FuncAnimation(fig, (i) => fig.dot.moveTo(10 + i * 8, 30), { frames, interval: 40 });
}

function probe(file: string) {
  const out = execFileSync(
    'ffprobe',
    [
      '-v',
      'error',
      '-count_frames',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=codec_name,width,height,pix_fmt,nb_read_frames,avg_frame_rate',
      '-of',
      'json',
      file,
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(out).streams[0] as Record<string, string | number>;
}

/** Frame n of a video as RGBA, decoded by ffmpeg. */
function frameRGBA(file: string, n: number): Uint8Array {
  return new Uint8Array(
    execFileSync(
      ffmpeg!,
      [
        '-v',
        'error',
        '-i',
        file,
        '-vf',
        `select=eq(n\\,${n})`,
        '-frames:v',
        '1',
        '-f',
        'rawvideo',
        '-pix_fmt',
        'rgba',
        '-',
      ],
      { maxBuffer: 1 << 24 },
    ),
  );
}

describe.skipIf(!ffmpeg || !hasProbe)('video through ffmpeg', () => {
  it('writes H.264 MP4: every frame, yuv420p, padded to even size, moov before mdat, right content', async () => {
    const path = join(dir, 'walk.mp4');
    let calls = 0;
    await walk().save(path, { onProgress: () => calls++ });
    expect(probe(path)).toMatchObject({
      codec_name: 'h264',
      width: 82,
      height: 62,
      pix_fmt: 'yuv420p',
      nb_read_frames: '8',
      avg_frame_rate: '25/1',
    });
    expect(calls).toBe(8);
    const bytes = await readFile(path);
    expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat')); // +faststart
    const f5 = frameRGBA(path, 5),
      o = (30 * 82 + 50) * 4; // the dot at x = 10 + 5·8
    expect(f5[o]).toBeGreaterThan(160);
    expect(f5[o + 1]).toBeLessThan(80);
  });

  it('writes VP9 WebM at the requested fps', async () => {
    const path = join(dir, 'walk.webm');
    await walk(6).save(path, { fps: 10 });
    expect(probe(path)).toMatchObject({ codec_name: 'vp9', nb_read_frames: '6', avg_frame_rate: '10/1' });
  });

  it('toHtml5Video embeds the MP4 in a <video> tag like matplotlib', async () => {
    const tag = await walk(4).toHtml5Video();
    expect(tag).toMatch(
      /^<video width="81" height="61" controls autoplay loop>\n {2}<source type="video\/mp4" src="data:video\/mp4;base64,/,
    );
    const b64 = /base64,([^"]+)"/.exec(tag)![1];
    const mp4 = Buffer.from(b64, 'base64');
    expect(mp4.subarray(4, 8).toString('latin1')).toBe('ftyp');
    await expect(walk(4).toHtml5Video({ embedLimitMB: 0.0001 })).rejects.toThrow(/over embedLimitMB = 0.0001/);
  });
});

describe('video errors', () => {
  it('reports ffmpeg failures with its message and leaves no partial file', async () => {
    // A stand-in ffmpeg that fails the way a real one does: message on stderr, non-zero exit.
    const bin = await mkdtemp(join(dir, 'bin-'));
    await writeFile(join(bin, 'ffmpeg'), '#!/bin/sh\necho "Unknown encoder libx264 (fake)" >&2\nexit 1\n');
    await chmod(join(bin, 'ffmpeg'), 0o755);
    const out = await mkdtemp(join(dir, 'out-'));
    const saved = process.env.PATH;
    process.env.PATH = bin;
    try {
      await expect(walk(30).save(join(out, 'x.mp4'))).rejects.toThrow(
        /ffmpeg exited with code 1 while writing mp4: Unknown encoder libx264 \(fake\)/,
      );
    } finally {
      process.env.PATH = saved;
    }
    expect(await readdir(out)).toEqual([]);
  });

  it('validates its arguments', async () => {
    const none = (async function* () {})();
    await expect(writeVideo('x.mp4', none, { width: 0, height: 2, fps: 10, format: 'mp4' })).rejects.toThrow(
      /width and height/,
    );
    await expect(writeVideo('x.mp4', none, { width: 2, height: 2, fps: -1, format: 'mp4' })).rejects.toThrow(
      /fps must be/,
    );
    await expect(writeVideo('x.avi', none, { width: 2, height: 2, fps: 1, format: 'avi' as never })).rejects.toThrow(
      /format must be/,
    );
  });
});
