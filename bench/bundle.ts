/**
 * @file Reruns a benchmark as plain compiled JavaScript. Started through tsx, a runner bundles itself
 * (gradtape's sources and the peers' workload code) with esbuild — installed as tsx's compiler — into
 * `node_modules/.cache/gradtape-bench/` and reruns the bundle: tsx compiles with keepNames, which wraps every
 * closure created per call (`tape.record(() => …)`, `opt.minimize(() => loss)`, `tf.tidy(() => …)`) in a
 * `__name` call, a cost no published package has.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root (the bundle lives elsewhere, so it is passed on in the environment). */
export const ROOT = process.env.GRADTAPE_BENCH_ROOT ?? fileURLToPath(new URL('..', import.meta.url));
/** Whether this process is the bundled rerun. */
export const BUNDLED = process.env.GRADTAPE_BENCH_BUNDLED === '1';

/**
 * A module-resolution hook for the rerun: tfjs-core's ESM files import siblings without the `.js`
 * extension (bundlers and tsx accept that, plain Node does not), so a failed relative specifier is retried
 * with `.js` and `/index.js`.
 */
const RESOLVE_HOOK = `export async function resolve(specifier, context, next) {
  try { return await next(specifier, context); } catch (e) {
    if ((e?.code !== 'ERR_MODULE_NOT_FOUND' && e?.code !== 'ERR_UNSUPPORTED_DIR_IMPORT') || !/^\\.\\.?\\//.test(specifier) || specifier.endsWith('.js')) throw e;
    try { return await next(specifier + '.js', context); } catch { return next(specifier + '/index.js', context); }
  }
}`;

/**
 * Bundles `bench/<name>.ts` and reruns it with the same arguments (and `nodeFlags`), then exits with its status.
 * Returns the reason when bundling is not possible, so the caller can run as it is and say so.
 * @example if (!BUNDLED) { const why = await relaunchBundled('optim', ['--expose-gc']); console.error(why); }
 */
export async function relaunchBundled(name: string, nodeFlags: string[] = []): Promise<string> {
  try {
    const { build } = await import('esbuild');
    const dir = path.join(ROOT, 'node_modules', '.cache', 'gradtape-bench');
    const outfile = path.join(dir, `${name}.mjs`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'resolve-hook.mjs'), RESOLVE_HOOK);
    writeFileSync(
      path.join(dir, 'register.mjs'),
      "import { register } from 'node:module';\nregister('./resolve-hook.mjs', import.meta.url);\n",
    );
    await build({
      entryPoints: [path.join(ROOT, 'bench', `${name}.ts`)],
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outfile,
      packages: 'external',
      keepNames: false,
      logLevel: 'error',
    });
    const r = spawnSync(
      process.execPath,
      [...nodeFlags, '--import', pathToFileURL(path.join(dir, 'register.mjs')).href, outfile, ...process.argv.slice(2)],
      {
        stdio: 'inherit',
        env: { ...process.env, GRADTAPE_BENCH_BUNDLED: '1', GRADTAPE_BENCH_ROOT: ROOT },
      },
    );
    process.exit(r.status ?? 1);
  } catch (e) {
    return `bundling failed (${(e as Error).message.split('\n')[0]})`;
  }
}
