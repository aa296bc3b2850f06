/**
 * @file The package as a user gets it: `npm pack` (its `prepack` builds everything), the tarball's contents, and
 * the tarball installed into a scratch ES-module project and a scratch CommonJS project (without the optional
 * MathJax), where the README's first example runs and type-checks (strict, NodeNext), the CLI draws a figure
 * (TeX falls back to plain text with one warning) and `gradtape serve` answers one request.
 *
 * The browser build (`dist/browser/`) is loaded by a page's `<script type="module">` in headless Chromium.
 * The same example runs in Deno and in Bun (the pinned `deno` and `bun` devDependencies) from the ES-module
 * project's node_modules, and Bun runs the installed CLI (a gradient, and a PNG through resvg's native addon).
 *
 * Slow (a full build, two installs): CI packs once before the tests and passes the tarball in GRADTAPE_TARBALL;
 * without it this file packs the working tree itself. Installs use npm's cache first (`--prefer-offline`).
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  readdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const work = mkdtempSync(join(tmpdir(), 'gradtape-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The README's first example ("A first derivative"), as the README shows it. */
function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const m = /## A first derivative\s+```ts\n([\s\S]*?)```/.exec(readme);
  if (!m) throw new Error('README.md: no ```ts block under "## A first derivative"');
  return m[1];
}

/** TypeScript → JavaScript (ES module or CommonJS), types stripped, as a user's build would. */
const toJs = (src: string, module: ts.ModuleKind) =>
  ts.transpileModule(src, { compilerOptions: { module, target: ts.ScriptTarget.ES2022 } }).outputText;

/** Total size of a folder tree in bytes. */
function sizeOf(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) n += sizeOf(p);
    else if (e.isFile()) n += statSync(p).size;
  }
  return n;
}

let tarball = '';
let files: string[] = [];

async function scratchProject(name: string, type: 'module' | 'commonjs'): Promise<string> {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type }));
  await run(NPM, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: dir });
  return dir;
}

let esm = '',
  cjs = '';

/** The pinned Deno binary, or why there is none (then the Deno test skips and says so). */
const deno = (() => {
  const bin = join(ROOT, 'node_modules/.bin/deno');
  try {
    execFileSync(bin, ['--version'], { stdio: 'ignore', timeout: 30_000 });
    return { bin, why: '' };
  } catch (e) {
    return { bin, why: `no runnable deno at ${relative(ROOT, bin)} (${(e as Error).message.split('\n')[0]})` };
  }
})();
/**
 * The pinned Bun binary, or why there is none (then the Bun tests skip and say so). Bun's postinstall moves
 * the binary from its platform package (`@oven/bun-<os>-<arch>`) over the `bin/bun.exe` placeholder; where
 * install scripts were blocked the placeholder stays, and the binary is still in the platform package.
 */
const bun = (() => {
  const candidates = [
    join(ROOT, 'node_modules/.bin/bun'),
    join(
      ROOT,
      `node_modules/@oven/bun-${process.platform}-${process.arch === 'arm64' ? 'aarch64' : process.arch}/bin/bun`,
    ),
  ];
  const why: string[] = [];
  for (const bin of candidates) {
    try {
      execFileSync(bin, ['--version'], { stdio: 'ignore', timeout: 30_000 });
      return { bin, why: '' };
    } catch (e) {
      why.push(`${relative(ROOT, bin)}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return { bin: '', why: `no runnable bun (${why.join('; ')})` };
})();
const bunEnv = { ...process.env, NO_COLOR: '1', BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0' };

/** The README example's printed gradient must be 2x at each of linspace(-5, 5, 100), to the 8 digits shown. */
function expectTwoX(stdout: string): void {
  expect(stdout).toMatch(/^Tensor\(\[/);
  const body = stdout.slice(stdout.indexOf('[') + 1, stdout.indexOf(']'));
  const printed = body.split(',').map(Number);
  expect(printed).toHaveLength(100);
  printed.forEach((v, i) => expect(v, `dy[${i}]`).toBeCloseTo(2 * (-5 + (10 * i) / 99), 7));
}

const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) =>
  existsSync(p),
);
if (!chromiumPath) console.log('package test: skipping the browser-module test: no Chromium installed');
if (deno.why) console.log(`package test: skipping the Deno smoke test: ${deno.why}`);
if (bun.why) console.log(`package test: skipping the Bun smoke tests: ${bun.why}`);

beforeAll(async () => {
  if (process.env.GRADTAPE_TARBALL) {
    tarball = resolve(process.env.GRADTAPE_TARBALL);
  } else {
    const { stdout } = await run(NPM, ['pack', '--json', '--pack-destination', work], {
      cwd: ROOT,
      maxBuffer: 64 << 20,
    });
    tarball = join(work, JSON.parse(stdout.slice(stdout.indexOf('[')))[0].filename);
  }
  const { stdout } = await run('tar', ['-tzf', tarball], { maxBuffer: 64 << 20 });
  files = stdout
    .split('\n')
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ''));
  [esm, cjs] = await Promise.all([scratchProject('esm-user', 'module'), scratchProject('cjs-user', 'commonjs')]);
}, 300_000);

describe('npm pack', () => {
  it('ships the build, the playground, the license and the fonts', () => {
    for (const f of [
      'LICENSE',
      'README.md',
      'CHANGELOG.md',
      'package.json',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/plot/index.js',
      'dist/cli/main.js',
      'dist/browser/gradtape.js',
      'dist/browser/gradtape-plot.js',
      'dist-web/index.html',
      'assets/fonts/DejaVuSans.ttf',
      'assets/fonts/DejaVu-LICENSE.txt',
    ]) {
      expect(files, f).toContain(f);
    }
    expect(readFileSync(join(esm, 'node_modules/gradtape/LICENSE'), 'utf8')).toMatch(
      /MIT License[\s\S]*the gradtape authors/,
    );
  });

  it('ships no tests, fixtures, test helpers or examples', () => {
    const testOnly = files.filter((f) =>
      /\.test\.|\.fixture\.|helpers\/|fixtures\/|^dist\/examples\/|^(src|test|bench|web|examples)\//.test(f),
    );
    expect(testOnly).toEqual([]);
  });

  it('source maps carry their sources (the .ts files are not shipped)', () => {
    const maps = files.filter((f) => f.endsWith('.js.map'));
    expect(maps.length).toBeGreaterThan(0);
    for (const m of maps.slice(0, 20)) {
      const map = JSON.parse(readFileSync(join(esm, 'node_modules/gradtape', m), 'utf8'));
      expect(map.sourcesContent?.length, m).toBe(map.sources.length);
      expect(
        map.sourcesContent.every((s: unknown) => typeof s === 'string' && s.length > 0),
        m,
      ).toBe(true);
    }
  });

  it('installs small: MathJax is an optional peer, not installed by default', () => {
    expect(existsSync(join(esm, 'node_modules/mathjax-full'))).toBe(false);
    const mb = sizeOf(join(esm, 'node_modules')) / 2 ** 20;
    console.log(`package test: node_modules of a fresh install is ${mb.toFixed(1)} MiB`);
    expect(mb).toBeLessThan(25);
  });
});

describe('the installed package', () => {
  const example = readmeExample();

  it("installs no GPU code: 'webgpu' is an optional peer, and setBackend('webgpu') then says what to install", async () => {
    expect(existsSync(join(esm, 'node_modules/webgpu'))).toBe(false);
    const script =
      "import { setBackend, getBackend } from 'gradtape'; await setBackend('webgpu').catch((e) => console.log(e.message)); console.log(getBackend());";
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: esm });
    expect(stdout).toMatch(/^setBackend\('webgpu'\): the package 'webgpu' could not be loaded .*npm install webgpu/);
    expect(stdout.trim().split('\n').at(-1)).toBe('cpu');
  });

  it('runs the README example from an ES module', async () => {
    writeFileSync(join(esm, 'example.js'), toJs(example, ts.ModuleKind.ESNext));
    const { stdout } = await run(process.execPath, ['example.js'], { cwd: esm });
    expect(stdout).toMatch(/^Tensor\b[\s\S]*-10/); // 2x at x = -5
  });

  it('runs the README example from CommonJS (require)', async () => {
    const js = toJs(example, ts.ModuleKind.CommonJS);
    expect(js).toContain('require("gradtape")');
    writeFileSync(join(cjs, 'example.js'), js);
    const { stdout, stderr } = await run(process.execPath, ['example.js'], { cwd: cjs });
    expect(stdout).toMatch(/-10/);
    expect(stderr).not.toMatch(/Error/);
    const { stdout: plot } = await run(
      process.execPath,
      ['-e', "console.log(typeof require('gradtape/plot').Figure)"],
      { cwd: cjs },
    );
    expect(plot.trim()).toBe('function');
  });

  it.skipIf(Boolean(deno.why))('runs the README example in Deno', async () => {
    writeFileSync(join(esm, 'deno-example.ts'), example);
    const env = { ...process.env, DENO_DIR: join(work, 'deno-cache'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
    const { stdout } = await run(deno.bin, ['run', '--allow-read', '--allow-env', 'deno-example.ts'], {
      cwd: esm,
      env,
    });
    expectTwoX(stdout);
  });

  it.skipIf(Boolean(bun.why))('runs the README example in Bun', async () => {
    writeFileSync(join(esm, 'bun-example.ts'), example);
    const { stdout, stderr } = await run(bun.bin, ['bun-example.ts'], { cwd: esm, env: bunEnv });
    expectTwoX(stdout);
    expect(stderr).toBe('');
  });

  it.skipIf(Boolean(bun.why))(
    'runs the CLI in Bun: a gradient, and a PNG drawn by the native resvg addon',
    async () => {
      const cli = join(esm, 'node_modules/gradtape/dist/cli/main.js');
      const g = await run(bun.bin, [cli, 'grad', 'x^2 + 1', '--at', 'x=3', '--json'], { cwd: esm, env: bunEnv });
      expect(JSON.parse(g.stdout)).toMatchObject({ value: 10, gradient: { x: 6 } });
      await run(bun.bin, [cli, 'plot', 'x^2 + 1', '-o', 'bun.png'], { cwd: esm, env: bunEnv });
      const png = readFileSync(join(esm, 'bun.png'));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(640); // IHDR width: the default 6.4 in at 100 dpi
    },
  );

  it('type-checks the README example in strict TypeScript (NodeNext), ES module and CommonJS', async () => {
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    for (const dir of [esm, cjs]) {
      writeFileSync(join(dir, 'example.ts'), example);
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            module: 'nodenext',
            moduleResolution: 'nodenext',
            target: 'es2022',
            noEmit: true,
            skipLibCheck: true,
            types: [],
          },
          files: ['example.ts'],
        }),
      );
      const r = await run(process.execPath, [tsc, '-p', dir], { cwd: dir }).catch((e) => e);
      expect(`${r.stdout}${r.stderr}`, dir).toBe('');
    }
  });

  it('runs the CLI: a gradient, and a figure whose TeX falls back to plain text without MathJax', async () => {
    const bin = join(esm, 'node_modules/.bin/gradtape');
    const g = await run(bin, ['grad', 'x^2 + 1', '--at', 'x=3', '--json'], { cwd: esm });
    expect(JSON.parse(g.stdout)).toMatchObject({ value: 10, gradient: { x: 6 } });
    const f = await run(bin, ['plot', 'x^2 + 1', '-o', 'f.svg'], { cwd: esm });
    const svg = readFileSync(join(esm, 'f.svg'), 'utf8');
    expect(svg).toContain('f(x) = x^2 + 1');
    expect(f.stderr.match(/mathjax-full is not installed/g)).toHaveLength(1);
  });

  it('serves the playground on 127.0.0.1 (one request, then stops)', async () => {
    const server = spawn(
      join(esm, 'node_modules/.bin/gradtape'),
      ['serve', '--port', '0', '--host', '127.0.0.1', '--json'],
      { cwd: esm, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await new Promise<string>((ok, fail) => {
        let out = '';
        server.stdout.on('data', (d) => {
          out += d;
          const m = /"url":\s*"([^"]+)"/.exec(out);
          if (m) ok(m[1]);
        });
        server.on('exit', (code) => fail(new Error(`serve exited (${code}) before listening: ${out}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/?$/);
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/<script type="module"[^>]*src="\.\/assets\//);
    } finally {
      server.kill();
    }
  });
});

describe.skipIf(!chromiumPath)('the browser build', () => {
  it('computes a gradient and draws a figure from <script type="module">, no bundler', async () => {
    const dir = join(esm, 'node_modules/gradtape/dist/browser');
    const page = `<!doctype html><html><body><div id="root"></div><script type="module">
      import { GradientTape, linspace, add, pow } from './gradtape.js';
      import { Figure, loadTeX } from './gradtape-plot.js';
      const texError = await loadTeX().then(() => '', (e) => e.message);
      const x = linspace(-5, 5, 11);
      const tape = new GradientTape();
      const y = tape.record(() => { tape.watch(x); return add(pow(x, 2), 1); });
      const dy = tape.gradient(y, x);
      const fig = new Figure({ width: 320, height: 240 });
      const ax = fig.addAxes();
      ax.plot(x, dy, { label: "$f'(x)$" }); ax.legend();
      fig.mount(document.getElementById('root'));
      window.result = { dy: Array.from(dy.toArray()), svg: document.querySelectorAll('#root svg').length, texError };
    </script></body></html>`;
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    try {
      const tab = await browser.newPage();
      const errors: string[] = [],
        warnings: string[] = [];
      tab.on('pageerror', (e) => errors.push(e.message));
      tab.on('console', (m) => {
        if (m.type() === 'warning') warnings.push(m.text());
      });
      await tab.route('http://local/**', (route) => {
        const p = new URL(route.request().url()).pathname;
        if (p === '/') return route.fulfill({ body: page, contentType: 'text/html' });
        const file = join(dir, p);
        if (!existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
        return route.fulfill({ body: readFileSync(file), contentType: 'text/javascript' });
      });
      await tab.goto('http://local/');
      await tab.waitForFunction(() => 'result' in window || false, null, { timeout: 30_000 }).catch(() => undefined);
      expect(errors).toEqual([]);
      const result = await tab.evaluate(
        () => (window as unknown as { result: { dy: number[]; svg: number; texError: string } }).result,
      );
      expect(result.dy).toEqual([-10, -8, -6, -4, -2, 0, 2, 4, 6, 8, 10]);
      expect(result.svg).toBeGreaterThan(0);
      // TeX without MathJax (not bundled): loadTeX says why, the text is plain, with one warning
      expect(result.texError).toMatch(/^loadTeX: cannot load MathJax \(mathjax-full\)/);
      expect(warnings.filter((w) => /MathJax is not loaded/.test(w))).toHaveLength(1);
    } finally {
      await browser.close();
    }
  });
});
