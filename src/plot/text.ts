/**
 * @file Text: plain runs measured with DejaVu Sans metrics and drawn as SVG <text>; `$…$` runs typeset by MathJax
 * (see tex.ts) and drawn as paths. Mixed strings ("loss $L(w)$") are laid out run by run on one baseline, so plain
 * words keep the sans font as in matplotlib.
 */
import { ASCENT, DEFAULT_WIDTH, WIDTHS } from './font-metrics.js';
import { el, escapeXml, fmt } from './svg.js';
import { texToPlain, typeset, type TexBox } from './tex.js';

/** How to place text. `fontSize` is in px; `rotate` is degrees counter-clockwise (matplotlib's sense). */
export interface TextStyle {
  fontSize?: number;
  color?: string;
  anchor?: 'start' | 'middle' | 'end';
  baseline?: 'alphabetic' | 'middle' | 'top' | 'bottom';
  rotate?: number;
  weight?: 'normal' | 'bold';
}

/** CSS font stack: DejaVu Sans is what resvg gets (shipped TTF) and what matplotlib uses. */
export const FONT_FAMILY = 'DejaVu Sans, Bitstream Vera Sans, Verdana, sans-serif';

// Ink extents used for alignment, as fractions of the font size: digits/capitals reach ~0.73 em, ascenders 0.76 em,
// descenders go 0.236 em below the baseline (DejaVu Sans metrics).
const CAP = 0.729,
  ASC = 0.76,
  DESC = 0.236;
const DESCENDERS = /[gjpqy(),;[\]{}|_@$]/;

type Run = { kind: 'text'; s: string; w: number } | { kind: 'math'; box: TexBox; w: number };

/**
 * Split on unescaped `$`; an unmatched `$` stays literal.
 * @example splitMath('loss $L$') // [{ math: false, s: 'loss ' }, { math: true, s: 'L' }]
 */
export function splitMath(text: string): { math: boolean; s: string }[] {
  const parts: { math: boolean; s: string }[] = [];
  const re = /(?<!\\)\$/g;
  const idx: number[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) idx.push(m.index);
  if (idx.length < 2) return [{ math: false, s: text.replace(/\\\$/g, '$') }];
  let pos = 0;
  for (let i = 0; i + 1 < idx.length; i += 2) {
    if (idx[i] > pos) parts.push({ math: false, s: text.slice(pos, idx[i]).replace(/\\\$/g, '$') });
    parts.push({ math: true, s: text.slice(idx[i] + 1, idx[i + 1]) });
    pos = idx[i + 1] + 1;
  }
  if (pos < text.length) parts.push({ math: false, s: text.slice(pos).replace(/\\\$/g, '$') });
  return parts;
}

function plainWidth(s: string, fontSize: number, bold = false): number {
  let w = 0;
  for (const ch of s) w += WIDTHS[ch.codePointAt(0)!] ?? DEFAULT_WIDTH;
  return (w / 1000) * fontSize * (bold ? 1.1 : 1);
}

function layout(
  text: string,
  fontSize: number,
  bold: boolean,
): { runs: Run[]; width: number; height: number; depth: number } {
  const runs: Run[] = [];
  let width = 0,
    height = 0,
    depth = 0;
  for (const p of splitMath(text)) {
    // math that cannot be typeset (no MathJax, or nested too deeply for it) is drawn as plain text
    const box = p.math ? typeset(p.s) : null;
    if (box) {
      const k = fontSize / 1000;
      runs.push({ kind: 'math', box, w: box.width * k });
      width += box.width * k;
      height = Math.max(height, box.height * k);
      depth = Math.max(depth, box.depth * k);
    } else if (p.s) {
      const s = p.math ? texToPlain(p.s) : p.s;
      const w = plainWidth(s, fontSize, bold);
      runs.push({ kind: 'text', s, w });
      width += w;
      height = Math.max(height, (/[a-zA-Z(){}[\]|/\\!?'"#%&@]/.test(s) ? ASC : CAP) * fontSize);
      if (DESCENDERS.test(s)) depth = Math.max(depth, DESC * fontSize);
    }
  }
  return { runs, width, height, depth };
}

/**
 * Size of a string: width, height above the baseline and depth below it (px), ink-based like matplotlib's layout.
 * @example measureText('0.5', 10).width // ≈ 15.9
 */
export function measureText(text: string, fontSize: number): { width: number; height: number; depth: number } {
  if (typeof text !== 'string') throw new Error(`measureText: text must be a string, got ${typeof text}`);
  const { width, height, depth } = block(text, fontSize, false);
  return { width, height, depth };
}

/** matplotlib's line spacing for multi-line text, in font sizes. */
const LINE_SPACING = 1.2;

/**
 * Lines of a (possibly multi-line) string, each laid out, with the block's size measured from the LAST line's
 * baseline (so 'alphabetic' alignment puts the last line on y and the block grows upwards, as matplotlib's titles).
 */
function block(text: string, fontSize: number, bold: boolean) {
  const lines = text.split('\n').map((t) => layout(t, fontSize, bold));
  const step = LINE_SPACING * fontSize,
    n = lines.length;
  return {
    lines,
    step,
    width: Math.max(...lines.map((l) => l.width)),
    height: lines[0].height + (n - 1) * step,
    depth: lines[n - 1].depth,
  };
}

/**
 * Full line box (for legend rows): the font's ascent, so rows do not jump with the glyphs they hold.
 * @example lineAscent(10) // 9.28
 */
export function lineAscent(fontSize: number): number {
  return ASCENT * fontSize;
}

/**
 * SVG markup for a string anchored at (x, y). `$…$` parts are typeset with MathJax.
 * @example renderText('$f(x) = x^2$', 100, 50, { fontSize: 14, anchor: 'middle', baseline: 'middle' })
 */
export function renderText(text: string, x: number, y: number, style: TextStyle = {}): string {
  if (typeof text !== 'string') throw new Error(`renderText: text must be a string, got ${typeof text}`);
  if (text === '') return '';
  const size = style.fontSize ?? 13.89,
    color = style.color ?? '#000000';
  const bold = style.weight === 'bold';
  const { lines, step, height, depth } = block(text, size, bold);
  const b = style.baseline ?? 'alphabetic';
  // Offset of the last line's baseline from y.
  const dyLast = b === 'top' ? height : b === 'bottom' ? -depth : b === 'middle' ? (height - depth) / 2 : 0;
  const parts: string[] = [];
  lines.forEach(({ runs, width }, li) => {
    const dy = dyLast - (lines.length - 1 - li) * step;
    // Each line is aligned on its own, like matplotlib's multialignment (which follows ha by default).
    let cx = style.anchor === 'middle' ? -width / 2 : style.anchor === 'end' ? -width : 0;
    for (const r of runs) {
      if (r.kind === 'text') {
        // xml:space keeps leading/trailing blanks so runs join exactly where measured.
        parts.push(
          el(
            'text',
            { x: cx, y: dy, 'font-size': size, 'xml:space': 'preserve', 'font-weight': bold ? 'bold' : undefined },
            escapeXml(r.s),
          ),
        );
      } else {
        const k = size / 1000;
        parts.push(`<g transform="translate(${fmt(cx)} ${fmt(dy)}) scale(${+k.toFixed(5)})">${r.box.body}</g>`);
      }
      cx += r.w;
    }
  });
  const rot = style.rotate ? ` rotate(${fmt(-style.rotate)})` : '';
  return (
    `<g transform="translate(${fmt(x)} ${fmt(y)})${rot}" fill="${escapeXml(color)}" color="${escapeXml(color)}" ` +
    `stroke="none" font-family="${FONT_FAMILY}">${parts.join('')}</g>`
  );
}
