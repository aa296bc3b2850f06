/**
 * @file Vitest config for the package test (test/package): slow (it packs and installs), so the default
 * config leaves it out and CI runs it on its own with `npm run test:package`.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
