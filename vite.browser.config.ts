/**
 * @file Vite config for the browser build: `dist/browser/gradtape.js` and `dist/browser/gradtape-plot.js`, plain ES
 * modules a page imports from `<script type="module">` with no bundler (d3 and the rest bundled in, minified).
 * MathJax stays out (it is an optional peer dependency, and CommonJS): without a bundler, `$…$` text is drawn
 * plain, as where MathJax is not installed.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  publicDir: false,
  build: {
    outDir: here('./dist/browser'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    minify: true,
    lib: {
      entry: { gradtape: here('./src/index.ts'), 'gradtape-plot': here('./src/plot/index.ts') },
      formats: ['es'],
    },
    rollupOptions: {
      external: [/^mathjax-full\//],
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
