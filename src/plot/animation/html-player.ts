/**
 * @file Self-contained HTML animation player (pure strings: works in Node, Deno and the browser).
 *
 * One classic inline script and one scoped style block, no external URL, so the file plays from `file://` and in
 * notebook outputs. Every instance gets a random id and looks up its controls inside its own root, so several
 * players coexist on one page. Frames are stored compactly: each distinct background (the static layer's SVG, or a
 * PNG data URL for whole frames) once, plus each frame's overlay (the animated layer's SVG) as a delta against
 * the previous overlay (copies of earlier text plus the new text) — a growing descent path costs ~100 bytes a frame.
 */

/** A frame background: SVG markup, or a `data:image/png;base64,…` URL. */
export interface PlayerBackground {
  kind: 'svg' | 'png';
  data: string;
}

/** One frame: a background and the SVG drawn over it ('' for none). */
export interface PlayerFrame {
  background: PlayerBackground;
  overlay: string;
}

/** Player settings. */
export interface PlayerOptions {
  width: number;
  height: number;
  /** Milliseconds per frame at 1× speed. */
  interval: number;
  /** Loop when the end is reached (the "loop" checkbox starts in this state). Default true. */
  repeat?: boolean;
  /** Start playing as soon as the page loads. Default true. */
  autoplay?: boolean;
  /** Document title for {@link playerDocument}. */
  title?: string;
}

/** The data a player carries, in the shape its script reads. */
interface PlayerData {
  w: number;
  h: number;
  iv: number;
  g: [string, string][];
  b: number[];
  f: (string | Delta)[];
}

/** A string rebuilt from the previous one: literal strings, and (start, length) pairs copying from the previous. */
type Delta = (string | number)[];

/**
 * The player markup (a `<div>` with its `<style>` and `<script>`) — what a notebook output or a web page embeds.
 * @example const html = playerHtml([{ background: { kind: 'svg', data: svg }, overlay: '' }], { width: 640, height: 480, interval: 20 });
 */
export function playerHtml(frames: readonly PlayerFrame[] | PlayerEncoder, opts: PlayerOptions): string {
  const data = encodeFrames(frames, opts);
  const id = 'gtplayer-' + Math.random().toString(36).slice(2, 10);
  const repeat = opts.repeat ?? true,
    autoplay = opts.autoplay ?? true;
  const n = data.b.length;
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  const btn = (role: string, label: string, text: string) =>
    `<button type="button" data-gt="${role}" title="${label}" aria-label="${label}">${text}</button>`;
  return `<div id="${id}" class="gtplayer" tabindex="0" role="group" aria-label="Animation, ${n} frames">
<style>
#${id}{display:inline-block;font:13px/1.4 'DejaVu Sans',Verdana,sans-serif;color:#222;outline:none}
#${id}:focus-visible{box-shadow:0 0 0 2px #7aa7e0}
#${id} .gt-stage{position:relative;width:${data.w}px;height:${data.h}px;background:#fff}
#${id} .gt-layer{position:absolute;left:0;top:0;width:${data.w}px;height:${data.h}px;pointer-events:none}
#${id} .gt-layer>svg,#${id} .gt-layer>img{display:block}
#${id} .gt-bar{display:flex;align-items:center;gap:4px;margin-top:4px;flex-wrap:wrap}
#${id} .gt-bar button{min-width:30px;padding:2px 6px;cursor:pointer}
#${id} .gt-bar input[type=range]{flex:1;min-width:120px}
#${id} .gt-count{font-variant-numeric:tabular-nums;min-width:7em;text-align:center}
</style>
<div class="gt-stage"><div class="gt-layer" data-gt="bg"></div><div class="gt-layer" data-gt="fg"></div></div>
<div class="gt-bar">
${btn('first', 'First frame (Home)', '&#x21E4;')}${btn('prev', 'Previous frame (←)', '&#x25C0;&#x2759;')}${btn('play', 'Play/pause (space)', '&#x25B6;')}${btn('next', 'Next frame (→)', '&#x2759;&#x25B6;')}${btn('last', 'Last frame (End)', '&#x21E5;')}
<input type="range" data-gt="slider" min="0" max="${n - 1}" step="1" value="0" aria-label="Frame">
<span class="gt-count" data-gt="count">1 / ${n}</span>
<label>speed <select data-gt="speed" aria-label="Speed">${[0.25, 0.5, 1, 2, 4]
    .map((s) => `<option value="${s}"${s === 1 ? ' selected' : ''}>${s}&#xD7;</option>`)
    .join('')}</select></label>
<label><input type="checkbox" data-gt="loop"${repeat ? ' checked' : ''}> loop</label>
</div>
<script>
(function () {
  var root = document.getElementById(${JSON.stringify(id)});
  if (!root) return;
  var D = ${json};
  function q(r) { return root.querySelector('[data-gt="' + r + '"]'); }
  var fg = [], prev = '';
  for (var i = 0; i < D.f.length; i++) {
    var e = D.f[i];
    var s = e;
    if (typeof e !== 'string') {
      s = '';
      for (var j = 0; j < e.length; j++) s += typeof e[j] === 'string' ? e[j] : prev.substr(e[j], e[++j]);
    }
    fg.push(s);
    prev = s;
  }
  var n = fg.length, cur = -1, curBg = -1, curFg = null, playing = false, last = 0, acc = 0;
  var bgEl = q('bg'), fgEl = q('fg'), slider = q('slider'), count = q('count');
  var playBtn = q('play'), speed = q('speed'), loop = q('loop');
  function show(i) {
    i = Math.max(0, Math.min(n - 1, i));
    var b = D.b[i];
    if (b !== curBg) {
      var g = D.g[b];
      bgEl.innerHTML = g[0] === 'svg' ? g[1] : '<img alt="" width="' + D.w + '" height="' + D.h + '" src="' + g[1] + '">';
      curBg = b;
    }
    if (fg[i] !== curFg) { fgEl.innerHTML = fg[i]; curFg = fg[i]; }
    cur = i;
    slider.value = String(i);
    count.textContent = (i + 1) + ' / ' + n;
  }
  function tick(t) {
    if (!playing) return;
    if (last) acc += (t - last) * parseFloat(speed.value);
    last = t;
    var steps = Math.floor(acc / D.iv);
    if (steps > 0) {
      acc -= steps * D.iv;
      var next = cur + steps;
      if (next >= n) {
        if (!loop.checked) { show(n - 1); pause(); return; }
        next = next % n;
      }
      show(next);
    }
    requestAnimationFrame(tick);
  }
  function play() {
    if (playing) return;
    if (cur >= n - 1) show(0);
    playing = true; last = 0; acc = 0;
    playBtn.innerHTML = '&#x2759;&#x2759;';
    requestAnimationFrame(tick);
  }
  function pause() { playing = false; playBtn.innerHTML = '&#x25B6;'; }
  function step(d) { pause(); show(cur + d); }
  function nudgeSpeed(d) {
    var k = Math.max(0, Math.min(speed.options.length - 1, speed.selectedIndex + d));
    speed.selectedIndex = k;
  }
  playBtn.addEventListener('click', function () { playing ? pause() : play(); });
  q('prev').addEventListener('click', function () { step(-1); });
  q('next').addEventListener('click', function () { step(1); });
  q('first').addEventListener('click', function () { pause(); show(0); });
  q('last').addEventListener('click', function () { pause(); show(n - 1); });
  slider.addEventListener('input', function () { pause(); show(parseInt(slider.value, 10)); });
  root.addEventListener('keydown', function (ev) {
    var tag = ev.target && ev.target.tagName;
    // Let form controls keep their own keys (a focused button turns space into a click, a slider uses arrows).
    if (tag === 'INPUT' || tag === 'SELECT' || (tag === 'BUTTON' && (ev.key === ' ' || ev.key === 'Enter'))) return;
    var k = ev.key;
    if (k === ' ' || k === 'Spacebar') { playing ? pause() : play(); }
    else if (k === 'ArrowRight') step(1);
    else if (k === 'ArrowLeft') step(-1);
    else if (k === 'Home') { pause(); show(0); }
    else if (k === 'End') { pause(); show(n - 1); }
    else if (k === 'ArrowUp' || k === '+') nudgeSpeed(1);
    else if (k === 'ArrowDown' || k === '-') nudgeSpeed(-1);
    else return;
    ev.preventDefault();
  });
  show(0);
  ${autoplay ? 'play();' : ''}
})();
</script>
</div>`;
}

/**
 * A complete HTML document around {@link playerHtml} — what `FuncAnimation.save('x.html')` writes.
 * @example await fs.writeFile('descent.html', playerDocument(frames, { width: 640, height: 480, interval: 20 }));
 */
export function playerDocument(frames: readonly PlayerFrame[] | PlayerEncoder, opts: PlayerOptions): string {
  const title = (opts.title ?? 'Animation').replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!,
  );
  return (
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n</head>\n<body style="margin:16px">\n` +
    `${playerHtml(frames, opts)}\n</body>\n</html>\n`
  );
}

/**
 * Packs a player's frames one at a time: each distinct background once, each overlay as a delta against the
 * previous one. It keeps only the packed data and the previous overlay, so a long animation costs the player's
 * own size while it renders — never frames × overlay, as a list of whole frames would (a growing descent path's
 * overlays alone add up quadratically).
 * @example const enc = new PlayerEncoder(); enc.add({ background: { kind: 'svg', data: svg }, overlay: '' });
 */
export class PlayerEncoder {
  private readonly g: [string, string][] = [];
  private readonly b: number[] = [];
  private readonly f: PlayerData['f'] = [];
  private prevBg: PlayerBackground | null = null;
  private prevFg = '';

  /** Frames added so far. */
  get length(): number {
    return this.b.length;
  }

  /** Validate and pack one frame. @example enc.add({ background: bg, overlay: '<svg>…</svg>' }) */
  add(fr: PlayerFrame): void {
    const i = this.b.length,
      bg = fr?.background;
    if (
      !bg ||
      (bg.kind !== 'svg' && bg.kind !== 'png') ||
      typeof bg.data !== 'string' ||
      typeof fr.overlay !== 'string'
    ) {
      throw new Error(
        `playerHtml: frame ${i} must be { background: { kind: 'svg' | 'png', data: string }, overlay: string }`,
      );
    }
    if (bg.kind === 'png' && !bg.data.startsWith('data:image/png;base64,')) {
      throw new Error(
        `playerHtml: frame ${i} PNG background must be a data:image/png;base64 URL (the player works offline)`,
      );
    }
    const prev = this.prevBg;
    if (!prev || prev.kind !== bg.kind || prev.data !== bg.data) this.g.push([bg.kind, bg.data]);
    this.prevBg = bg;
    this.b.push(this.g.length - 1);
    this.f.push(delta(this.prevFg, fr.overlay));
    this.prevFg = fr.overlay;
  }

  /** The packed data with the player settings (validated). */
  data(opts: PlayerOptions): PlayerData {
    if (this.b.length === 0) throw new Error('playerHtml: frames must be a non-empty array');
    for (const [name, v] of [
      ['width', opts.width],
      ['height', opts.height],
      ['interval', opts.interval],
    ] as const) {
      if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) {
        throw new Error(`playerHtml: opts.${name} must be a positive number (got ${v})`);
      }
    }
    return { w: opts.width, h: opts.height, iv: opts.interval, g: this.g, b: this.b, f: this.f };
  }
}

/** Validate the input and pack it (an encoder's frames are packed already). */
function encodeFrames(frames: readonly PlayerFrame[] | PlayerEncoder, opts: PlayerOptions): PlayerData {
  if (frames instanceof PlayerEncoder) return frames.data(opts);
  if (!Array.isArray(frames) || frames.length === 0) throw new Error('playerHtml: frames must be a non-empty array');
  const enc = new PlayerEncoder();
  for (const fr of frames) enc.add(fr);
  return enc.data(opts);
}

/** Shortest text worth copying instead of repeating: a copy costs ~10 characters of JSON. */
const MIN_COPY = 20;

/**
 * `next` as a {@link Delta} against `prev`, or `next` itself when that is not shorter. Greedy: at each position
 * first try to continue the previous copy (the usual case: old text resumes right after an insertion), else
 * look the next MIN_COPY characters up among all positions of `prev`, else emit a literal character.
 */
function delta(prev: string, next: string): string | Delta {
  if (prev.length < MIN_COPY || next.length < MIN_COPY) return next;
  const index = new Map<string, number>();
  for (let j = prev.length - MIN_COPY; j >= 0; j--) index.set(prev.substr(j, MIN_COPY), j);
  const ops: Delta = [];
  let lit = '',
    cont = 0,
    i = 0,
    size = 2;
  const matchLen = (i: number, j: number) => {
    let n = 0;
    while (i + n < next.length && j + n < prev.length && next.charCodeAt(i + n) === prev.charCodeAt(j + n)) n++;
    return n;
  };
  while (i < next.length) {
    let j = -1,
      n = matchLen(i, cont);
    if (n >= MIN_COPY) j = cont;
    else if (i + MIN_COPY <= next.length) {
      const at = index.get(next.substr(i, MIN_COPY));
      if (at !== undefined) {
        j = at;
        n = matchLen(i, at);
      }
    }
    if (j < 0) {
      lit += next[i++];
      continue;
    }
    if (lit) {
      ops.push(lit);
      size += lit.length + 3;
      lit = '';
    }
    ops.push(j, n);
    size += String(j).length + String(n).length + 2;
    i += n;
    cont = j + n;
  }
  if (lit) {
    ops.push(lit);
    size += lit.length + 3;
  }
  return size < next.length ? ops : next;
}
