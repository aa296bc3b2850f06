/**
 * @file TeX → SVG paths with MathJax 3 (mathjax-full, TeX input, SVG output, `fontCache: 'local'`).
 * Lazy: MathJax (~43 MB on disk, an optional peer dependency) is loaded only when a string contains `$…$`. In Node
 * it is loaded synchronously on first use (its CommonJS build, through `createRequire`), so `toSVG()` can stay
 * synchronous; in the browser call `await loadTeX()` once before rendering math. Where MathJax is not installed
 * (or not loaded in the browser), or a formula nests deeper than its recursive parser survives, `typeset` returns
 * null and the text is drawn plain (`texToPlain`), with a one-line warning for the missing MathJax.
 */
import { uid } from './svg.js';

/** One typeset formula, positioned with its baseline at y = 0 and its left edge at x = 0, in 1/1000 em units. */
export interface TexBox {
  body: string;
  width: number;
  height: number;
  depth: number;
}

interface MathJaxParts {
  convert(tex: string): string;
}

let engine: MathJaxParts | null = null;
/** Why MathJax could not be loaded synchronously ('absent': not installed), once known. */
let unavailable: 'absent' | 'browser' | null = null;
let warned = false;
const cache = new Map<string, TexBox>();

// MathJax's modules are untyped CommonJS: `any` stays inside this file.
type Req = (id: string) => any;

/** Build the converter from the five MathJax modules (same code for require() and import()). */
function build(m: Record<string, any>): MathJaxParts {
  const { mathjax } = m.mathjax,
    { TeX } = m.tex,
    { SVG } = m.svg,
    { liteAdaptor } = m.lite;
  const { RegisterHTMLHandler } = m.html;
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const doc = mathjax.document('', {
    InputJax: new TeX({ packages: ['base', 'ams'] }),
    OutputJax: new SVG({ fontCache: 'local' }),
  });
  return {
    convert(tex: string): string {
      const node = doc.convert(tex, { display: false, em: 16, ex: 8, containerWidth: 1e5 });
      return adaptor.outerHTML(adaptor.firstChild(node));
    },
  };
}

const modules = {
  mathjax: 'mathjax-full/js/mathjax.js',
  tex: 'mathjax-full/js/input/tex.js',
  svg: 'mathjax-full/js/output/svg.js',
  lite: 'mathjax-full/js/adaptors/liteAdaptor.js',
  html: 'mathjax-full/js/handlers/html.js',
  base: 'mathjax-full/js/input/tex/base/BaseConfiguration.js',
  ams: 'mathjax-full/js/input/tex/ams/AmsConfiguration.js',
} as const;

/** Synchronous load in Node (process.getBuiltinModule exists since Node 20.16); null where it cannot be. */
function loadSync(): MathJaxParts | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = proc?.getBuiltinModule?.('node:module') as { createRequire(u: string): Req } | undefined;
  if (!mod) {
    unavailable = 'browser';
    return null;
  }
  const req = mod.createRequire(import.meta.url);
  const m: Record<string, unknown> = {};
  try {
    for (const [k, id] of Object.entries(modules)) m[k] = req(id);
  } catch (e) {
    if ((e as { code?: string }).code !== 'MODULE_NOT_FOUND') throw e;
    unavailable = 'absent';
    return null;
  }
  unavailable = null;
  return build(m);
}

/**
 * Preload MathJax so later synchronous renders can typeset `$…$`. Needed in the browser; optional in Node.
 * @example await loadTeX(); fig.mount(document.body);
 */
export async function loadTeX(): Promise<void> {
  if (engine) return;
  engine = loadSync();
  if (engine) return;
  const m: Record<string, unknown> = {};
  // Dynamic imports keep MathJax out of the main bundle; bundlers (vite) turn the CommonJS modules into ESM.
  try {
    m.mathjax = await import('mathjax-full/js/mathjax.js');
    m.tex = await import('mathjax-full/js/input/tex.js');
    m.svg = await import('mathjax-full/js/output/svg.js');
    m.lite = await import('mathjax-full/js/adaptors/liteAdaptor.js');
    m.html = await import('mathjax-full/js/handlers/html.js');
    await import('mathjax-full/js/input/tex/base/BaseConfiguration.js');
    await import('mathjax-full/js/input/tex/ams/AmsConfiguration.js');
  } catch (e) {
    // the no-bundler browser build (dist/browser) leaves MathJax out: a page cannot import a CommonJS package
    throw new Error(
      `loadTeX: cannot load MathJax (mathjax-full): ${(e as Error).message}. Bundle gradtape/plot ` +
        'with mathjax-full installed to typeset $…$; without it such text is drawn as plain text.',
    );
  }
  engine = build(m);
}

function ensure(): MathJaxParts {
  if (!engine) engine = loadSync();
  if (!engine) {
    throw new Error(
      unavailable === 'absent'
        ? 'TeX: mathjax-full is not installed; `npm install mathjax-full` to typeset text with $…$'
        : 'TeX: MathJax is not loaded; in the browser call `await loadTeX()` (from gradtape/plot) before rendering text with $…$',
    );
  }
  return engine;
}

/**
 * Deepest `{…}` nesting handed to MathJax. Its parser and layout recurse per level and overflow V8's default stack
 * near 200 levels (`x^x^…^x` 200 deep, `x/x/…/x` as nested `\frac`s), which the formula parser accepts (it allows
 * 256); 100 leaves room for a caller's own stack and is past any formula a person reads.
 */
export const MAX_TEX_DEPTH = 100;

/**
 * How deeply `{…}` groups nest in a TeX string (escaped `\{` `\}` do not count).
 * @example texDepth('x^{y^{2}}') // 2
 */
export function texDepth(tex: string): number {
  let depth = 0,
    max = 0;
  for (let i = 0; i < tex.length; i++) {
    const c = tex[i];
    if (c === '\\') i++;
    else if (c === '{') max = Math.max(max, ++depth);
    else if (c === '}') depth--;
  }
  return max;
}

/**
 * Typesets TeX like {@link texBox}, or returns null where it cannot: MathJax is not installed (or, in the browser,
 * not loaded; one warning says so) or the formula nests deeper than {@link MAX_TEX_DEPTH}. A TeX syntax error
 * still throws. Text layout falls back to {@link texToPlain} on null.
 * @example typeset('x^2')?.width // ≈ 1 000-ish; null without MathJax
 */
export function typeset(tex: string): TexBox | null {
  if (texDepth(tex) > MAX_TEX_DEPTH) return null;
  if (!engine) engine = loadSync();
  if (!engine) {
    if (!warned) {
      warned = true;
      console.warn(
        unavailable === 'absent'
          ? 'gradtape: mathjax-full is not installed, so $…$ text is drawn as plain text (npm install mathjax-full to typeset it)'
          : 'gradtape: MathJax is not loaded, so $…$ text is drawn as plain text (call `await loadTeX()` first to typeset it)',
      );
    }
    return null;
  }
  try {
    return texBox(tex);
  } catch (e) {
    // a stack overflow inside MathJax (a deep formula called from deep in the caller's stack): drop the
    // converter, whose state it may have left half-built, and draw this one plain
    if (e instanceof RangeError) {
      engine = null;
      return null;
    }
    throw e;
  }
}

const PLAIN: Record<string, string> = {
  cdot: '·',
  times: '×',
  pi: 'π',
  sigma: 'σ',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  theta: 'θ',
  lambda: 'λ',
  mu: 'μ',
  partial: '∂',
  infty: '∞',
  le: '≤',
  ge: '≥',
  ne: '≠',
  pm: '±',
  square: '□',
  lfloor: '⌊',
  rfloor: '⌋',
  lceil: '⌈',
  rceil: '⌉',
  left: '',
  right: '',
  quad: ' ',
  ',': ' ',
};

/** Replaces `re` (which matches an innermost group) until none is left: nesting of any depth, no recursion. */
function unwind(s: string, re: RegExp, to: (...groups: string[]) => string): string {
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(re, (_m, ...g: string[]) => to(...g));
  }
  return s;
}

/**
 * A readable plain-text rendering of TeX, for where it cannot be typeset: `\frac{a}{b}` → `a/b` (parenthesised
 * where needed), `x^{2}` → `x^2`, `\sin` → `sin`, `\cdot` → `·`.
 * @example texToPlain('\\frac{\\sin(4x)}{5} + x^{2}') // '(sin(4x))/5 + x^2'
 */
export function texToPlain(tex: string): string {
  const group = (body: string) => (/^[\w.]+$/.test(body) ? body : `(${body})`);
  let s = tex.replace(/\\(?:mathrm|operatorname)\{([^{}]*)\}/g, '$1').replace(/\\_/g, '_');
  // innermost groups first (no braces inside), repeated until none is left
  s = unwind(s, /\\frac\{([^{}]*)\}\{([^{}]*)\}|\\sqrt\{([^{}]*)\}|([\^_])\{([^{}]*)\}/g, (a, b, root, op, body) =>
    root !== undefined ? `√${group(root)}` : op !== undefined ? op + group(body) : `${group(a)}/${group(b)}`,
  );
  s = s.replace(/\\([a-zA-Z]+|[,|{}])/g, (_m, name: string) => PLAIN[name] ?? name);
  return s.replace(/[{}]/g, (c) => (c === '{' ? '(' : ')'));
}

/**
 * Typeset TeX (without the dollars). Returns the inner SVG markup with ids re-prefixed (unique per call), and the
 * box in 1/1000 em: scale by fontSize/1000 to place it.
 * @example const b = texBox('x^2'); // b.width ≈ 1 000-ish, b.body = '<defs>…</defs><g …>…</g>'
 */
export function texBox(tex: string): TexBox {
  let hit = cache.get(tex);
  if (!hit) {
    const svg = ensure().convert(tex);
    const err = /data-mjx-error="([^"]*)"/.exec(svg);
    if (err) throw new Error(`TeX: cannot typeset $${tex}$: ${err[1]}`);
    const vb = /viewBox="([^"]+)"/.exec(svg)![1].split(/\s+/).map(Number);
    const body = svg.replace(/^<svg[^>]*>/, '').replace(/<\/svg>$/, '');
    hit = { body, width: vb[2], height: -vb[1], depth: vb[3] + vb[1] };
    cache.set(tex, hit);
  }
  // MathJax numbers ids per process ("MJX-3-…"); re-prefix randomly so many figures can share one notebook DOM.
  const p = uid('mjx');
  return { ...hit, body: hit.body.replace(/(id="|href="#)MJX-/g, `$1${p}-`) };
}
