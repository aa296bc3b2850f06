import { afterEach, describe, expect, it } from 'vitest';
import { Figure, FuncAnimation, HTML, findFfmpeg } from '../index.js';
import { animationBundle, figureBundle, type MimeBundle } from './display.js';

const display = (x: object): Promise<MimeBundle> | MimeBundle =>
  (x as Record<symbol, () => Promise<MimeBundle> | MimeBundle>)[Symbol.for('Jupyter.display')]();

function smallAnimation(): FuncAnimation {
  const fig = new Figure({ width: 160, height: 120 });
  const ax = fig.addAxes();
  ax.setXlim(0, 4);
  ax.setYlim(0, 4);
  const line = ax.plot([], [], { color: 'red' });
  return new FuncAnimation(fig, (i) => line.setData([0, i], [0, i]), { frames: 4, interval: 50 });
}

const path0 = process.env.PATH;
afterEach(() => {
  process.env.PATH = path0;
});

describe('notebook display', () => {
  it('a figure shows as SVG with a PNG of its size alongside', async () => {
    const fig = new Figure({ width: 200, height: 150 });
    fig.addAxes().plot([0, 1], [1, 0]);
    const b = await display(fig);
    expect(b).toEqual(await figureBundle(fig));
    expect(b['image/svg+xml']).toMatch(/^<svg /);
    const png = Buffer.from(b['image/png'], 'base64');
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([200, 150]);
    expect(b['text/plain']).toBe('<Figure 200x150 with 1 Axes>');
  });

  it('an animation shows as an HTML5 video with ffmpeg', async (ctx) => {
    if (!(await findFfmpeg())) ctx.skip('ffmpeg is not installed');
    const anim = smallAnimation();
    const b = await display(anim);
    expect(b['text/html']).toMatch(
      /^<video width="160" height="120" controls autoplay loop>[\s\S]*data:video\/mp4;base64,/,
    );
    expect(b['text/plain']).toBe('<FuncAnimation 4 frames, 50 ms apart>');
    expect(typeof (await anim.toHtml5Video())).toBe('string'); // still a string, as matplotlib's to_html5_video
  });

  it('without ffmpeg the animation shows as the offline player, and toHtml5Video still is a string method', async () => {
    process.env.PATH = '';
    const b = await animationBundle(smallAnimation());
    expect(b['text/html']).not.toContain('<video');
    expect(b['text/html']).toContain('<script');
    expect(typeof (await smallAnimation().toJsHtml())).toBe('string');
  });

  it('HTML(markup) displays as HTML; anything but a string is an error naming HTML', () => {
    const h = HTML('<b>hi</b>');
    expect(display(h)).toEqual({ 'text/html': '<b>hi</b>', 'text/plain': '<HTML>' });
    expect(String(h)).toBe('<b>hi</b>');
    expect(() => HTML(42 as never)).toThrow(/HTML: markup must be a string of HTML \(got number\)/);
  });
});
