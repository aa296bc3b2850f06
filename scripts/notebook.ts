/**
 * @file `npm run notebook`: sets up everything the tutorial notebook needs inside the project and opens it.
 * Builds the package when dist/ is older than src/ (the notebook imports the built `gradtape`, see
 * notebooks/deno.json), writes the project-local Deno kernelspec (scripts/notebook-kernel.ts), then starts
 * JupyterLab or the classic Notebook on notebooks/tutorial.ipynb if one is installed, else prints the one command
 * that installs it. `npm run notebook -- --execute` runs the notebook headless instead (scripts/notebook_run.py)
 * and writes the executed copy and its HTML to test-output/.
 */
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { INSTALL_HINT, ROOT, installKernel, jupyterEnv, pythonWithJupyter } from './notebook-kernel.js';

const NOTEBOOK = join(ROOT, 'notebooks', 'tutorial.ipynb');
/** Newest modification time of the TypeScript sources under `dir` that the build compiles (ms). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

/** Runs `npm run build` when dist/ is missing or older than any source file. */
function ensureBuilt(): void {
  const entry = join(ROOT, 'dist', 'index.js');
  if (existsSync(entry) && statSync(entry).mtimeMs >= newest(join(ROOT, 'src'))) return;
  console.log('notebook: building the package (dist/ is missing or older than a source file) …');
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('notebook: npm run build failed');
}

/** The first of `names` found on PATH, or null. */
function onPath(names: string[]): string | null {
  for (const name of names) {
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
      if (dir && existsSync(join(dir, name))) return join(dir, name);
    }
  }
  return null;
}

function main(): void {
  const execute = process.argv.includes('--execute');
  ensureBuilt();
  const spec = installKernel();
  console.log(`notebook: Deno kernel '${spec}'`);
  const env = jupyterEnv();
  if (execute) {
    const py = pythonWithJupyter();
    if (!py) {
      console.log(`notebook: executing needs nbclient; install it with:\n  ${INSTALL_HINT}`);
      process.exitCode = 1;
      return;
    }
    mkdirSync(join(ROOT, 'test-output'), { recursive: true });
    const out = join(ROOT, 'test-output', 'tutorial.ipynb');
    const r = spawnSync(
      py,
      [join(ROOT, 'scripts', 'notebook_run.py'), NOTEBOOK, out, '--html', out.replace(/ipynb$/, 'html')],
      { env, stdio: 'inherit' },
    );
    process.exitCode = r.status ?? 1;
    return;
  }
  const app = onPath(['jupyter-lab', 'jupyter-notebook']);
  if (!app) {
    console.log(
      `notebook: Jupyter is not installed. Install it with:\n  ${INSTALL_HINT}\nthen run npm run notebook again.`,
    );
    return;
  }
  console.log(`notebook: opening ${NOTEBOOK} with ${app}`);
  // Jupyter refuses to run as root unless told; containers often are root
  const args = process.getuid?.() === 0 ? [NOTEBOOK, '--allow-root'] : [NOTEBOOK];
  spawn(app, args, { env, stdio: 'inherit', cwd: ROOT }).on('exit', (code) => {
    process.exitCode = code ?? 0;
  });
}

main();
