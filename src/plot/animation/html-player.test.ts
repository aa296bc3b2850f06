import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { PlayerEncoder, playerDocument, playerHtml, type PlayerFrame } from './html-player.js';

/** Overlays like a growing descent path: each frame adds a segment. */
function pathFrames(n: number, bgEvery = 0): PlayerFrame[] {
  let d = 'M10 10';
  const statics = [
    { kind: 'svg' as const, data: '<svg id="s0"><rect width="5" height="5"/></svg>' },
    { kind: 'svg' as const, data: '<svg id="s1"><rect width="9" height="9"/></svg>' },
  ];
  return Array.from({ length: n }, (_, i) => {
    d += ` L${10 + i * 3} ${10 + ((i * 7) % 50)}`;
    return {
      background: statics[bgEvery && Math.floor(i / bgEvery) % 2 ? 1 : 0],
      overlay: `<svg width="80" height="60"><path d="${d}" stroke="red" fill="none"/></svg>`,
    };
  });
}

interface FakeEl {
  innerHTML: string;
  textContent: string;
  value: string;
  checked: boolean;
  selectedIndex: number;
  options: unknown[];
  sets: number;
  on: Record<string, (ev: unknown) => void>;
  addEventListener(t: string, f: (ev: unknown) => void): void;
}

/** Run a player's script against a minimal DOM: its controls, a manual requestAnimationFrame clock. */
function mount(html: string) {
  const id = /<div id="(gtplayer-[a-z0-9]+)"/.exec(html)![1];
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
  const make = (role: string): FakeEl => {
    let inner = '';
    const el = {
      textContent: '',
      value: '0',
      checked: new RegExp(`data-gt="${role}" checked`).test(html),
      selectedIndex: 2,
      options: [0.25, 0.5, 1, 2, 4],
      sets: 0,
      on: {} as FakeEl['on'],
      get innerHTML() {
        return inner;
      },
      set innerHTML(v: string) {
        inner = v;
        el.sets++;
      },
      addEventListener(t: string, f: (ev: unknown) => void) {
        el.on[t] = f;
      },
    };
    if (role === 'speed') Object.defineProperty(el, 'value', { get: () => String(el.options[el.selectedIndex]) });
    return el;
  };
  const els: Record<string, FakeEl> = {};
  const root = make('root');
  const rootEl = Object.assign(root, {
    querySelector: (sel: string) => (els[/data-gt="(\w+)"/.exec(sel)![1]] ??= make(/data-gt="(\w+)"/.exec(sel)![1])),
  });
  const raf: ((t: number) => void)[] = [];
  runInNewContext(script, {
    document: { getElementById: (x: string) => (x === id ? rootEl : null) },
    requestAnimationFrame: (f: (t: number) => void) => raf.push(f),
    parseFloat,
    parseInt,
    Math,
    String,
  });
  const key = (k: string) => root.on.keydown({ key: k, target: { tagName: 'DIV' }, preventDefault() {} });
  /** Advance the clock: run the pending animation-frame callback at time t. */
  const at = (t: number) => {
    const f = raf.splice(0);
    f.forEach((cb) => cb(t));
  };
  return { id, els, key, at, count: () => els.count.textContent, fg: () => els.fg.innerHTML };
}

describe('playerHtml', () => {
  it('rebuilds every overlay from the compact deltas and steps with the keyboard', () => {
    const frames = pathFrames(40);
    const p = mount(playerHtml(frames, { width: 80, height: 60, interval: 20, autoplay: false }));
    expect(p.count()).toBe('1 / 40');
    expect(p.fg()).toBe(frames[0].overlay);
    p.key('ArrowRight');
    expect(p.count()).toBe('2 / 40');
    expect(p.fg()).toBe(frames[1].overlay);
    p.key('End');
    expect(p.fg()).toBe(frames[39].overlay);
    p.key('ArrowRight'); // clamps at the end
    expect(p.count()).toBe('40 / 40');
    p.key('Home');
    expect(p.fg()).toBe(frames[0].overlay);
    p.els.slider.value = '17';
    p.els.slider.on.input({});
    expect(p.fg()).toBe(frames[17].overlay);
  });

  it('plays on the animation-frame clock, honours speed and loop, pauses with space', () => {
    const p = mount(playerHtml(pathFrames(10), { width: 80, height: 60, interval: 20 })); // autoplay
    p.at(1000);
    p.at(1070); // 70 ms at 1× = 3 frames
    expect(p.count()).toBe('4 / 10');
    p.els.speed.selectedIndex = 3; // 2×
    p.at(1100); // 30 ms · 2 + 10 ms carried = 70 → 3 more
    expect(p.count()).toBe('7 / 10');
    p.at(1160); // wraps around (loop is on)
    expect(p.count()).toBe('3 / 10');
    p.key(' ');
    p.at(2000);
    expect(p.count()).toBe('3 / 10'); // paused
    p.els.loop.checked = false;
    p.key(' ');
    p.at(3000);
    p.at(9000);
    expect(p.count()).toBe('10 / 10'); // stops at the end without loop
    expect(p.els.play.innerHTML).toBe('&#x25B6;');
  });

  it('swaps the background only when it changes, and shows PNG backgrounds as images', () => {
    const p = mount(playerHtml(pathFrames(12, 4), { width: 80, height: 60, interval: 20, autoplay: false }));
    for (let i = 0; i < 11; i++) p.key('ArrowRight');
    expect(p.els.bg.sets).toBe(3); // frames 0, 4 and 8 start a new background
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const q = mount(
      playerHtml([{ background: { kind: 'png', data: png }, overlay: '' }], { width: 8, height: 6, interval: 20 }),
    );
    expect(q.els.bg.innerHTML).toBe(`<img alt="" width="8" height="6" src="${png}">`);
  });

  it('is compact, self-contained and uses a fresh id per instance', () => {
    const frames = pathFrames(120);
    const a = playerHtml(frames, { width: 80, height: 60, interval: 20 });
    const b = playerHtml(frames, { width: 80, height: 60, interval: 20 });
    const fixed = playerHtml(frames.slice(0, 1), { width: 80, height: 60, interval: 20 }).length;
    // 120 overlays of ~530 characters each cost ~20 characters a frame (the new path segment + bookkeeping).
    expect(a.length - fixed).toBeLessThan(frames.reduce((s, f) => s + f.overlay.length, 0) / 15);
    expect(mount(a).id).not.toBe(mount(b).id);
    expect(a).toContain('max="119"');
    expect(a).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    const doc = playerDocument(frames, { width: 80, height: 60, interval: 20, title: 'Descent <1>' });
    expect(doc).toMatch(/^<!DOCTYPE html>[\s\S]*<title>Descent &lt;1&gt;<\/title>/);
  });

  it('packs the same player from a PlayerEncoder fed frame by frame as from an array', () => {
    const frames = pathFrames(30, 10),
      enc = new PlayerEncoder();
    for (const f of frames) enc.add(f);
    expect(enc.length).toBe(30);
    const strip = (h: string) => h.replace(/gtplayer-[a-z0-9]+/g, 'ID');
    expect(strip(playerHtml(enc, { width: 80, height: 60, interval: 20 }))).toBe(
      strip(playerHtml(frames, { width: 80, height: 60, interval: 20 })),
    );
    expect(() => new PlayerEncoder().add({ overlay: '' } as never)).toThrow(/frame 0 must be/);
    expect(() => playerHtml(new PlayerEncoder(), { width: 8, height: 6, interval: 20 })).toThrow(
      /frames must be a non-empty array/,
    );
  });

  it('keeps "</script>" inside frame data from ending the script', () => {
    const frames: PlayerFrame[] = [
      {
        background: { kind: 'svg', data: '<svg><text>&lt;/script&gt;</text></svg>' },
        overlay: '<svg><!-- </script><script>alert(1)</script> --></svg>',
      },
    ];
    const html = playerHtml(frames, { width: 8, height: 6, interval: 20 });
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(mount(html).fg()).toBe(frames[0].overlay);
  });

  it('rejects bad input', () => {
    const ok = pathFrames(2);
    expect(() => playerHtml([], { width: 8, height: 6, interval: 20 })).toThrow(/frames must be a non-empty array/);
    expect(() => playerHtml(ok, { width: 0, height: 6, interval: 20 })).toThrow(
      /opts.width must be a positive number \(got 0\)/,
    );
    expect(() => playerHtml(ok, { width: 8, height: 6, interval: NaN })).toThrow(/opts.interval/);
    expect(() =>
      playerHtml([{ background: { kind: 'png', data: 'http://x/y.png' }, overlay: '' }], {
        width: 8,
        height: 6,
        interval: 20,
      }),
    ).toThrow(/frame 0 PNG background must be a data:image\/png;base64 URL/);
    expect(() => playerHtml([{ overlay: '' } as never], { width: 8, height: 6, interval: 20 })).toThrow(
      /frame 0 must be/,
    );
  });
});
