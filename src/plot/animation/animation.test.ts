import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FuncAnimation } from './animation.js';
import { decodeGif } from '../../../test/helpers/anim-gif-decode.js';
import { GifWriter } from './gif.js';
import { PlayerEncoder } from './html-player.js';

const addFrame = GifWriter.prototype.addFrame; // the real one, for spies to call through
import { testFigure, type TestFigure } from '../../../test/helpers/anim-testing.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gradtape-anim-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The dot walks right 6 px a frame. */
function walking(fig: TestFigure, frames = 10, extra: object = {}) {
  return new FuncAnimation(fig, (i) => fig.dot.moveTo(10 + i * 6, 30), { frames, interval: 20, ...extra });
}

/** RGBA at (x, y). */
function pixel(rgba: Uint8Array, width: number, x: number, y: number): number[] {
  const o = (y * width + x) * 4;
  return Array.from(rgba.subarray(o, o + 4));
}

describe('FuncAnimation: input validation', () => {
  const fig = testFigure();
  it.each([
    [0, /opts.frames must be a positive integer frame count/],
    [-3, /got -3/],
    [2.5, /got 2.5/],
    [[], /opts.frames is empty/],
    ['abc', /must hold finite numbers \(item 0 is the string "a"\)/],
    [{}, /or an iterable of frame values \(got object\)/],
    [[1, NaN], /item 1 is NaN/],
  ])('frames = %j is rejected', (frames, msg) => {
    expect(() => new FuncAnimation(fig, () => {}, { frames: frames as number })).toThrow(msg);
  });

  it('rejects a non-function update, a non-figure, bad interval/blit/callbacks', () => {
    expect(() => new FuncAnimation(fig, 'update' as never, { frames: 3 })).toThrow(
      /FuncAnimation: update must be a function \(frame: number\) => void, got the string "update"/,
    );
    expect(() => new FuncAnimation({} as never, () => {}, { frames: 3 })).toThrow(/fig must be a Figure/);
    expect(() => new FuncAnimation(fig, () => {}, { frames: 3, interval: 0 })).toThrow(
      /opts.interval must be a positive/,
    );
    expect(() => new FuncAnimation(fig, () => {}, { frames: 3, blit: 'yes' as never })).toThrow(/opts.blit must be/);
    expect(() => new FuncAnimation(fig, () => {}, { frames: 3, onProgress: 5 as never })).toThrow(
      /opts.onProgress must be a function/,
    );
    expect(() => new FuncAnimation(fig, () => {}, undefined as never)).toThrow(/opts must be an object/);
  });

  it('passes frame values from an iterable to update, and frameSVG renders one frame', () => {
    const seen: number[] = [];
    const anim = new FuncAnimation(
      fig,
      (v) => {
        seen.push(v);
        fig.dot.moveTo(v, 20);
      },
      { frames: new Set([5, 25, 45]) },
    );
    expect(anim.frames).toEqual([5, 25, 45]);
    expect(anim.frameSVG(2)).toContain('cx="45"');
    expect(seen).toEqual([45]);
    expect(() => anim.frameSVG(3)).toThrow(/i must be an integer frame index in \[0, 2\] \(got 3\)/);
  });
});

describe('FuncAnimation.save', () => {
  it('writes a GIF with the frame count, delays and loop, drawn with the layered fast path', async () => {
    const fig = testFigure();
    const progress: [number, number][] = [];
    const anim = walking(fig, 10, { onProgress: (d: number, n: number) => progress.push([d, n]) });
    const path = join(dir, 'walk.gif');
    await anim.save(path);
    const gif = decodeGif(new Uint8Array(await readFile(path)));
    expect(gif.frames).toHaveLength(10);
    expect(gif.frames.every((f) => f.delayMs === 20)).toBe(true);
    expect(gif.loopCount).toBe(0);
    expect(progress).toEqual(Array.from({ length: 10 }, (_, i) => [i + 1, 10]));
    // The dot is where frame 7 put it (x = 52) and gone from where frame 0 had it.
    const f7 = gif.frames[7].rgba;
    const [r, g, b] = pixel(f7, 80, 52, 30);
    expect(r).toBeGreaterThan(190);
    expect(Math.max(g, b)).toBeLessThan(40);
    expect(pixel(f7, 80, 10, 30)[0]).toBeGreaterThan(150);
    expect(pixel(f7, 80, 10, 30)[2]).toBeGreaterThan(100); // background stripe, not the red dot
    // Static layer: the verification frames plus the one where the dot left it; never once per frame.
    expect(fig.renders.static).toBeLessThanOrEqual(5);
    expect(fig.renders.all).toBe(0);
    expect(fig.dot.animated).toBe(false); // restored after the save
    expect(gif.frames.slice(1).every((f) => f.width < 30)).toBe(true); // only the changed rectangle is stored
  });

  it.each([true, false] as const)(
    'streams frames into the GIF encoder as they are produced (blit %s)',
    async (blit) => {
      // Memory must not grow with the frame count: each frame is encoded before the next one is even drawn, so no
      // list of frames (pixels or SVG) builds up. The order of update calls and encoder calls shows it.
      const events: string[] = [];
      const spy = vi.spyOn(GifWriter.prototype, 'addFrame');
      spy.mockImplementation(function (this: GifWriter, rgba, delayMs) {
        events.push(`encode ${this.stats.frames}`);
        return addFrame.call(this, rgba, delayMs);
      });
      try {
        const fig = testFigure();
        const anim = new FuncAnimation(
          fig,
          (i) => {
            events.push(`update ${i}`);
            fig.dot.moveTo(10 + i * 6, 30);
          },
          { frames: 8, interval: 20, blit },
        );
        await anim.save(join(dir, `stream-${blit}.gif`));
        expect(events).toEqual(Array.from({ length: 8 }, (_, i) => [`update ${i}`, `encode ${i}`]).flat());
        const gif = decodeGif(new Uint8Array(await readFile(join(dir, `stream-${blit}.gif`))));
        expect(gif.frames).toHaveLength(8);
        expect(pixel(gif.frames[7].rgba, 80, 52, 30)[0]).toBeGreaterThan(190); // the dot where frame 7 put it
      } finally {
        spy.mockRestore();
      }
    },
  );

  it('packs frames into the HTML player as they are produced, not from a list of whole frames', async () => {
    const events: string[] = [];
    const add = PlayerEncoder.prototype.add;
    const spy = vi.spyOn(PlayerEncoder.prototype, 'add');
    spy.mockImplementation(function (this: PlayerEncoder, fr) {
      events.push(`pack ${this.length}`);
      add.call(this, fr);
    });
    try {
      const fig = testFigure();
      const anim = new FuncAnimation(
        fig,
        (i) => {
          events.push(`update ${i}`);
          fig.dot.moveTo(10 + i * 6, 30);
        },
        { frames: 6, interval: 20 },
      );
      await anim.save(join(dir, 'stream.html'));
      expect(events).toEqual(Array.from({ length: 6 }, (_, i) => [`update ${i}`, `pack ${i}`]).flat());
      expect(await readFile(join(dir, 'stream.html'), 'utf8')).toContain('aria-label="Animation, 6 frames"');
    } finally {
      spy.mockRestore();
    }
  });

  it('gives the same pixels with and without the fast path', async () => {
    const a = testFigure(),
      b = testFigure();
    await walking(a, 6).save(join(dir, 'fast.gif'));
    await walking(b, 6, { blit: false }).save(join(dir, 'slow.gif'));
    const fast = decodeGif(new Uint8Array(await readFile(join(dir, 'fast.gif'))));
    const slow = decodeGif(new Uint8Array(await readFile(join(dir, 'slow.gif'))));
    expect(b.renders.static).toBe(0);
    expect(b.renders.all).toBe(6);
    for (let i = 0; i < 6; i++) {
      let worst = 0;
      fast.frames[i].rgba.forEach((v, k) => {
        worst = Math.max(worst, Math.abs(v - slow.frames[i].rgba[k]));
      });
      expect(worst).toBeLessThanOrEqual(12); // compositing rounding, then palette
    }
  });

  it("falls back to whole frames when the static layer changes with no artist to blame ('auto')", async () => {
    const fig = testFigure();
    const anim = new FuncAnimation(
      fig,
      (i) => {
        fig.dot.moveTo(10 + i * 6, 30);
        fig.caption.color = i % 2 ? '#00f' : '#0f0';
      },
      { frames: 4, interval: 50 },
    );
    await anim.save(join(dir, 'caption.gif'));
    const gif = decodeGif(new Uint8Array(await readFile(join(dir, 'caption.gif'))));
    expect(fig.renders.all).toBeGreaterThanOrEqual(3);
    expect(pixel(gif.frames[3].rgba, 80, 2, 2).slice(0, 3)).toEqual([0, 0, 255]);
    expect(pixel(gif.frames[2].rgba, 80, 2, 2).slice(0, 3)).toEqual([0, 255, 0]);
  });

  it('stores whole frames as PNG data URLs in the HTML player when there is no layer split', async () => {
    const fig = testFigure();
    const anim = new FuncAnimation(
      fig,
      (i) => {
        fig.caption.color = ['#f00', '#0f0', '#00f'][i % 3];
      },
      { frames: 5 },
    );
    await anim.save(join(dir, 'caption.html'));
    const html = await readFile(join(dir, 'caption.html'), 'utf8');
    const data = JSON.parse(/var D = (\{[\s\S]*?\});\n/.exec(html)![1]) as {
      g: [string, string][];
      b: number[];
      f: string[];
    };
    // Frame 0 is the (verified later) static layer; every later frame is a PNG of the whole figure.
    expect(
      data.g.slice(1).every(([kind, url]) => kind === 'png' && url.startsWith('data:image/png;base64,iVBORw0KGgo')),
    ).toBe(true);
    expect(data.b).toEqual([0, 1, 2, 3, 4]);
    expect(data.f.slice(1)).toEqual(['', '', '', '']);
  });

  it('writes a self-contained HTML player', async () => {
    const fig = testFigure();
    await walking(fig, 12).save(join(dir, 'walk.html'));
    const html = await readFile(join(dir, 'walk.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('1 / 12');
    for (const role of ['play', 'slider', 'speed', 'loop', 'prev', 'next']) expect(html).toContain(`data-gt="${role}"`);
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*['"]?(https?:)?\/\//i);
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(fig.renders.all).toBe(0);
  });

  it('rejects unknown extensions, missing directories and concurrent runs, before rendering anything', async () => {
    const fig = testFigure();
    const anim = walking(fig, 3);
    await expect(anim.save(join(dir, 'walk.png'))).rejects.toThrow(
      /unsupported extension "\.png"; supported: \.gif, \.mp4, \.webm, \.html/,
    );
    await expect(anim.save(join(dir, 'walk'))).rejects.toThrow(/unsupported extension "\(none\)"/);
    await expect(anim.save(join(dir, 'no', 'such', 'dir', 'walk.gif'))).rejects.toThrow(
      /directory ".*dir" does not exist/,
    );
    await expect(anim.save(join(dir, 'walk.gif'), { fps: 0 })).rejects.toThrow(/opts.fps must be a positive number/);
    expect(fig.renders.static + fig.renders.all).toBe(0);
    const first = anim.save(join(dir, 'a.gif'));
    await expect(anim.save(join(dir, 'b.gif'))).rejects.toThrow(/still running/);
    await first;
  });

  it('leaves no file (and no temporary file) when update throws midway, and restores animated flags', async () => {
    const fig = testFigure();
    const sub = await mkdtemp(join(dir, 'fail-'));
    const anim = new FuncAnimation(
      fig,
      (i) => {
        if (i === 4) throw new Error('boom at 4');
        fig.dot.moveTo(i * 5, 20);
      },
      { frames: 8 },
    );
    for (const ext of ['gif', 'html']) await expect(anim.save(join(sub, `x.${ext}`))).rejects.toThrow('boom at 4');
    expect(await readdir(sub)).toEqual([]);
    expect(fig.dot.animated).toBe(false);
  });

  it('explains that MP4 needs ffmpeg when there is none on PATH', async () => {
    const fig = testFigure();
    const saved = process.env.PATH;
    process.env.PATH = '';
    try {
      await expect(walking(fig, 2).save(join(dir, 'x.mp4'))).rejects.toThrow(
        'FuncAnimation.save: writing .mp4 needs ffmpeg on PATH (install it, e.g. apt-get install ffmpeg), or save as .gif or .html',
      );
      await expect(walking(fig, 2).toHtml5Video()).rejects.toThrow(/toHtml5Video: needs ffmpeg on PATH/);
    } finally {
      process.env.PATH = saved;
    }
    expect(await readdir(dir)).not.toContain('x.mp4');
  });
});
