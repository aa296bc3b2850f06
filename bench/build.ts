/**
 * @file Loads gradtape for the benchmark the way users run it: compiled JavaScript. Running `src/` through
 * tsx would wrap every closure in esbuild's `__name` helper (keepNames), a per-call cost the published
 * package does not have; so the sources are bundled with esbuild (already installed as tsx's compiler) into
 * node_modules/.cache, where the package's own dependencies still resolve. Falls back to the sources.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

export type Gradtape = typeof import('../src/index.js');

/** The compiled library and how it was loaded (for the report). */
export async function loadGradtape(): Promise<{ gt: Gradtape; how: string }> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  try {
    const { build } = await import('esbuild');
    const outfile = path.join(root, 'node_modules', '.cache', 'gradtape-bench', 'index.js');
    await build({
      entryPoints: [path.join(root, 'src', 'index.ts')], bundle: true, format: 'esm', platform: 'node', target: 'node20',
      outfile, packages: 'external', logLevel: 'error', keepNames: false,
    });
    const gt = (await import(pathToFileURL(outfile).href)) as Gradtape;
    return { gt, how: 'src bundled by esbuild (as compiled JS, like the published package)' };
  } catch (e) {
    const gt = await import('../src/index.js');
    return { gt, how: `src through tsx (esbuild bundle failed: ${(e as Error).message.split('\n')[0]})` };
  }
}
