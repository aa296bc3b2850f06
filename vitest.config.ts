import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(`./src/${p}`, import.meta.url));

export default defineConfig({
  resolve: {
    // examples import the package by name, as users do; tests run them against the sources
    alias: [
      { find: /^gradtape\/plot$/, replacement: src('plot/index.ts') },
      { find: /^gradtape$/, replacement: src('index.ts') },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
    // the package test packs and installs the tarball: vitest.package.config.ts runs it (npm run test:package)
    exclude: ['**/node_modules/**', 'test/package/**'],
    // storage that kernels must overwrite starts as NaN bytes (core/storage.ts), so an unwritten element shows
    env: { GRADTAPE_POISON: '1' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
