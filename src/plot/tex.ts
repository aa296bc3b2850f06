/**
 * @file TeX → SVG paths with MathJax 3 (mathjax-full, TeX input, SVG output, `fontCache: 'local'`).
 * Lazy: MathJax (~50 MB on disk) is loaded only when a string contains `$`. In Node it is loaded synchronously on
 * first use (its CommonJS build, through `createRequire`), so `toSVG()` can stay synchronous; in the browser call
 * `await loadTeX()` once before rendering math.
 */
import { uid } from './svg.js';

/** One typeset formula, positioned with its baseline at y = 0 and its left edge at x = 0, in 1/1000 em units. */
export interface TexBox { body: string; width: number; height: number; depth: number }

interface MathJaxParts {
  convert(tex: string): string;
}

let engine: MathJaxParts | null = null;
const cache = new Map<string, TexBox>();

type Req = (id: string) => any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Build the converter from the five MathJax modules (same code for require() and import()). */
function build(m: Record<string, any>): MathJaxParts { // eslint-disable-line @typescript-eslint/no-explicit-any
  const { mathjax } = m.mathjax, { TeX } = m.tex, { SVG } = m.svg, { liteAdaptor } = m.lite;
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
  mathjax: 'mathjax-full/js/mathjax.js', tex: 'mathjax-full/js/input/tex.js', svg: 'mathjax-full/js/output/svg.js',
  lite: 'mathjax-full/js/adaptors/liteAdaptor.js', html: 'mathjax-full/js/handlers/html.js',
  base: 'mathjax-full/js/input/tex/base/BaseConfiguration.js', ams: 'mathjax-full/js/input/tex/ams/AmsConfiguration.js',
} as const;

/** Synchronous load in Node (process.getBuiltinModule exists since Node 20.16). */
function loadSync(): MathJaxParts | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = proc?.getBuiltinModule?.('node:module') as { createRequire(u: string): Req } | undefined;
  if (!mod) return null;
  const req = mod.createRequire(import.meta.url);
  const m: Record<string, unknown> = {};
  for (const [k, id] of Object.entries(modules)) m[k] = req(id);
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
  m.mathjax = await import('mathjax-full/js/mathjax.js');
  m.tex = await import('mathjax-full/js/input/tex.js');
  m.svg = await import('mathjax-full/js/output/svg.js');
  m.lite = await import('mathjax-full/js/adaptors/liteAdaptor.js');
  m.html = await import('mathjax-full/js/handlers/html.js');
  await import('mathjax-full/js/input/tex/base/BaseConfiguration.js');
  await import('mathjax-full/js/input/tex/ams/AmsConfiguration.js');
  engine = build(m);
}

function ensure(): MathJaxParts {
  if (!engine) engine = loadSync();
  if (!engine) {
    throw new Error('TeX: MathJax is not loaded; in the browser call `await loadTeX()` (from gradtape/plot) ' +
      'before rendering text with $…$');
  }
  return engine;
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
