/**
 * @file The project-local Jupyter setup behind `npm run notebook` and the notebook test: a kernelspec named
 * `deno` that starts the pinned Deno (the `deno` devDependency) as a Jupyter kernel, written under `.jupyter/`
 * in the project (gitignored), and the environment that makes Jupyter use that folder for its data, config and
 * runtime files — nothing is written to the user's home, and a Deno kernel installed globally is shadowed, not
 * touched. Deno's own cache goes to `.jupyter/deno`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (this file lives in scripts/). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where Jupyter keeps its files for this project. */
export const JUPYTER_DIR = join(ROOT, '.jupyter');
/** The kernelspec's name; the same as `deno jupyter --install` uses, so the notebook opens with either. */
export const KERNEL_NAME = 'deno';

/** Path of the Deno executable from the `deno` npm package (its install API only links the platform binary). */
export function denoExecutable(): string {
  const require = createRequire(join(ROOT, 'package.json'));
  try {
    return (require('deno/install_api.cjs') as { runInstall(): string }).runInstall();
  } catch (e) {
    throw new Error(`notebook: the deno devDependency is not installed (run npm install): ${(e as Error).message}`);
  }
}

/** Environment for Jupyter: every Jupyter folder inside the project. */
export function jupyterEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...base,
    JUPYTER_DATA_DIR: join(JUPYTER_DIR, 'data'),
    JUPYTER_CONFIG_DIR: join(JUPYTER_DIR, 'config'),
    JUPYTER_RUNTIME_DIR: join(JUPYTER_DIR, 'runtime'),
    IPYTHONDIR: join(JUPYTER_DIR, 'ipython'),
    // the kernelspec is found first here; system kernels (python3) stay visible after it
    JUPYTER_PATH: join(JUPYTER_DIR, 'data'),
  };
}

/**
 * Writes `.jupyter/data/kernels/deno/kernel.json` for this checkout's Deno; returns its path.
 * @example installKernel() // '<project>/.jupyter/data/kernels/deno/kernel.json'
 */
export function installKernel(): string {
  const deno = denoExecutable();
  const dir = join(JUPYTER_DIR, 'data', 'kernels', KERNEL_NAME);
  mkdirSync(dir, { recursive: true });
  for (const sub of ['config', 'runtime', 'ipython', 'deno']) mkdirSync(join(JUPYTER_DIR, sub), { recursive: true });
  const spec = {
    argv: [deno, 'jupyter', '--kernel', '--conn', '{connection_file}'],
    display_name: 'Deno (gradtape)',
    language: 'typescript',
    env: { DENO_DIR: join(JUPYTER_DIR, 'deno'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
  };
  const file = join(dir, 'kernel.json');
  writeFileSync(file, JSON.stringify(spec, null, 2) + '\n');
  return file;
}

/** What Debian calls the pieces: the classic Notebook to work in, nbconvert/nbclient to execute headless. */
export const INSTALL_HINT =
  'sudo apt-get install jupyter-notebook      # or, to execute headless only: sudo apt-get install jupyter-nbconvert python3-nbclient';

/** A Python 3 that has jupyter_client and nbformat (Debian's python3-nbclient), or null. */
export function pythonWithJupyter(): string | null {
  for (const py of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(py, ['-c', 'import jupyter_client, nbformat'], { stdio: 'ignore' });
    if (r.status === 0) return py;
  }
  return null;
}
