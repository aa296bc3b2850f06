/**
 * @file Vite config for the web playground: the page lives in web/, builds to dist-web/ with relative asset URLs
 * (so it works from any folder of any static server, and from `gradtape serve`), and imports the library from
 * its sources under the package's own names.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./web'),
  base: './',
  resolve: {
    alias: [
      { find: /^gradtape\/plot$/, replacement: here('./src/plot/index.ts') },
      { find: /^gradtape$/, replacement: here('./src/index.ts') },
    ],
  },
  // The optimizer worker imports the library too; ES workers share its code-split chunks.
  worker: { format: 'es' },
  build: {
    outDir: here('./dist-web'),
    emptyOutDir: true,
    target: 'es2022',
    // MathJax (lazy-loaded for the TeX legends) is one large chunk by nature; it is fetched once and cached.
    chunkSizeWarningLimit: 1600,
    // No aliases or externals for Node-only code: gradtape/plot loads resvg, tslab and node:* built-ins through
    // non-literal specifiers, so bundlers never see them (src/plot/bundle.test.ts).
  },
});
