/** @file The CLI in-process (fast): every usage/formula error exits 2 with a message naming the problem; help texts; internal errors exit 1. */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from './commands.js';
import { main } from './main.js';

const dir = mkdtempSync(join(tmpdir(), 'gradtape-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const out = (name: string) => join(dir, name);

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: {
      write: (s: string) => {
        stdout += s;
      },
    },
    stderr: {
      write: (s: string) => {
        stderr += s;
      },
    },
  });
  return { code, stdout, stderr };
}

/** [case, argv, message fragments] — every one must exit 2. */
const USAGE_ERRORS: ReadonlyArray<readonly [string, string[], string[]]> = [
  [
    'reversed range',
    ['plot', 'x^2', '--range', '5:-5', '-o', out('a.png')],
    ['--range', 'start must be less than the end', 'got 5:-5'],
  ],
  ['malformed range', ['surface', 'x*y', '--x', '-1..1', '-o', out('a.png')], ['--x', 'expected a range like -5:5']],
  [
    'unknown optimizer',
    ['descend', 'x^2 + y^2', '--optimizer', 'sgdd:lr=0.1', '-o', out('a.gif')],
    ["unknown optimizer 'sgdd'", "did you mean 'sgd'?"],
  ],
  [
    'unknown optimizer option',
    ['descend', 'x^2 + y^2', '--optimizer', 'adam:lrate=0.1', '-o', out('a.gif')],
    ['--optimizer adam:lrate=0.1', "unknown option 'lrate'"],
  ],
  [
    'bad formula',
    ['plot', '5*sin(2*x)) + x^2', '-o', out('a.png')],
    ["unexpected ')' at column 11", '5*sin(2*x)) + x^2', '           ^'],
  ],
  [
    'unknown function',
    ['grad', 'sinn(x)', '--at', 'x=1'],
    ["unknown function 'sinn' at column 1", "did you mean 'sin'?"],
  ],
  [
    'implicit multiplication',
    ['grad', '2x', '--at', 'x=1'],
    ["missing operator between '2' and 'x' at column 2", 'write 2*x'],
  ],
  ['wrong variable for plot', ['plot', 'x + y', '-o', out('a.png')], ["unknown variable 'y' at column 5"]],
  [
    'unknown backend',
    ['grad', 'x^2', '--at', 'x=1', '--backend', 'tpu'],
    ["--backend: unknown backend 'tpu'", 'cpu, webgpu'],
  ],
  ['missing -o directory', ['plot', 'x^2', '-o', out('no/such/dir/f.png')], ['does not exist', 'no/such/dir']],
  ['unsupported extension', ['plot', 'x^2', '-o', out('f.jpg')], ["unsupported file type '.jpg'", '.png, .svg']],
  [
    'unsupported animation extension',
    ['descend', 'x^2 + y^2', '-o', out('race.avi')],
    ["unsupported file type '.avi'", '.gif'],
  ],
  ['missing --at value', ['grad', 'x^2*y', '--at', 'x=1'], ["no value for 'y'"]],
  ['unknown --at name', ['grad', 'x^2*y', '--at', 'x=1,y=2,z=3'], ["'z' is not a variable of the formula"]],
  ['unknown command', ['plott', 'x'], ["unknown command 'plott'", "did you mean 'plot'?"]],
  ['unknown option', ['plot', 'x', '--rang', '0:1'], ["unknown option '--rang'", "did you mean '--range'?"]],
  ['missing formula', ['plot', '-o', out('a.png')], ['missing the formula']],
  ['bad count', ['plot', 'x', '--points', '1.5', '-o', out('a.png')], ['--points', 'whole number']],
  [
    'bad start',
    ['descend', 'x*y', '--start', '1', '-o', out('a.gif')],
    ['--start', 'expected 2 comma-separated numbers'],
  ],
  [
    'descend with mp4 and html are accepted extensions, .webm is not',
    ['descend', 'x*y', '-o', out('a.webm')],
    ["unsupported file type '.webm'", '.gif, .mp4, .html, .png, .svg'],
  ],
  ['-o names a directory', ['plot', 'x', '-o', `${dir}/`], ['unsupported file type']],
  [
    'reversed --ylim',
    ['plot', '1/x', '--ylim', '10:-10', '-o', out('a.png')],
    ['--ylim', 'start must be less than the end'],
  ],
  [
    'reversed surface range',
    ['surface', 'x*y', '--y', '1:1', '-o', out('a.png')],
    ['--y', 'start must be less than the end'],
  ],
  [
    'bad view',
    ['surface', 'x*y', '--view', '30', '-o', out('a.png')],
    ['--view', 'expected 2 comma-separated numbers'],
  ],
  ['bad levels', ['contour', 'x*y', '--levels', '0', '-o', out('a.png')], ['--levels', 'whole number from 1 to 200']],
  ['grad without --at', ['grad', 'x*y'], ['--at is required', 'x, y']],
  ['two formulas', ['grad', 'x', 'y', '--at', 'x=1'], ['expected one formula, got 2 arguments']],
  ['boolean option with a value', ['grad', 'x', '--at', 'x=1', '--hessian=yes'], ["option '--hessian' takes no value"]],
  ['option without a value', ['plot', 'x', '--range'], ["option '--range' needs a value"]],
  ['serve without a web build', ['serve', '--dir', dir], ['no built web page', "run 'npm run build:web'"]],
];

describe('usage and formula errors exit 2 and name the problem', () => {
  it.each(USAGE_ERRORS)('%s', async (_name, argv, fragments) => {
    const r = await run(argv);
    expect(r.code, r.stderr).toBe(2);
    for (const f of fragments) expect(r.stderr).toContain(f);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('accepts dash-leading values and formulas without --opt=value', async () => {
    const r = await run(['grad', '-x^2', '--at', 'x=-3', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ value: -9, gradient: { x: 6 } });
  });

  it('anything else exits 1 with a one-line message', async () => {
    const web = mkdtempSync(join(tmpdir(), 'gradtape-web-'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>t</title>');
    try {
      // A host name that cannot resolve: not a usage error, a runtime failure.
      const r = await run(['serve', '--dir', web, '--port', '0', '--host', 'no-such-host.invalid']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^gradtape serve: error: .*no-such-host\.invalid/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      rmSync(web, { recursive: true, force: true });
    }
  });
});

describe('in-process runs', () => {
  it('--backend cpu computes as the default does', async () => {
    const plain = await run(['grad', 'x^2*y', '--at', 'x=1,y=2', '--hessian', '--json']);
    const cpu = await run(['grad', 'x^2*y', '--at', 'x=1,y=2', '--hessian', '--json', '--backend', 'cpu']);
    expect(cpu.code).toBe(0);
    expect(cpu.stdout).toBe(plain.stdout);
    expect(JSON.parse(cpu.stdout).gradient).toEqual({ x: 4, y: 1 });
  });

  it('--backend webgpu: grad agrees with the CPU to float32, and descend draws its grid there (or says why not)', async () => {
    const gpu = await run(['grad', 'x^2*sin(y)', '--at', 'x=1.5,y=0.5', '--json', '--backend', 'webgpu']);
    const { setBackend, disposeBackend } = await import('../index.js');
    if (gpu.code !== 0) {
      // no adapter here: the command fails with setBackend's reason, never falls back silently
      expect(gpu.stderr).toMatch(/setBackend\('webgpu'\)/);
      console.warn(`[skip] --backend webgpu: ${gpu.stderr.trim()}`);
      return;
    }
    try {
      const cpu = JSON.parse(
        (await run(['grad', 'x^2*sin(y)', '--at', 'x=1.5,y=0.5', '--json', '--backend', 'cpu'])).stdout,
      );
      await setBackend('webgpu');
      const got = JSON.parse(gpu.stdout);
      expect(got.gradient.x).toBeCloseTo(cpu.gradient.x, 5);
      expect(got.gradient.y).toBeCloseTo(cpu.gradient.y, 5);
      const where = mkdtempSync(join(tmpdir(), 'gradtape-gpu-'));
      try {
        const d = await run([
          'descend',
          'x^2 + y^2',
          '--steps',
          '5',
          '--points',
          '20',
          '-o',
          join(where, 'd.svg'),
          '--backend',
          'webgpu',
        ]);
        expect(d.code, d.stderr).toBe(0);
        expect(readdirSync(where)).toEqual(['d.svg']);
        const { getBackend } = await import('../index.js');
        expect(getBackend()).toBe('webgpu'); // the paths ran on the CPU, and the active backend was restored
      } finally {
        rmSync(where, { recursive: true, force: true });
      }
    } finally {
      await setBackend('cpu');
      await disposeBackend('webgpu');
    }
  });

  it('contour --filled writes an SVG with filled bands and reports it', async () => {
    const where = mkdtempSync(join(tmpdir(), 'gradtape-cf-'));
    try {
      const r = await run([
        'contour',
        'x^2 + y^2',
        '--filled',
        '--levels',
        '4',
        '--points',
        '20',
        '-o',
        join(where, 'cf.svg'),
        '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      const j = JSON.parse(r.stdout);
      expect(j.filled).toBe(true);
      expect(j.levels.length).toBeGreaterThan(1);
      expect(readdirSync(where)).toEqual(['cf.svg']);
    } finally {
      rmSync(where, { recursive: true, force: true });
    }
  });
});

describe('fuzzed formulas', () => {
  it('grad on random formula text exits 0 or 2, never 1 (no crash besides a formula error)', async () => {
    const alphabet = fc.constantFrom(
      ...'0123456789.+-*/^(),xy '.split(''),
      '**',
      'sin',
      'log',
      'sqrt',
      'atan2',
      'max',
      'pi',
      'e',
      'acosh',
      'mod',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(alphabet, { maxLength: 16 }).map((a) => a.join('')),
        async (formula) => {
          const r = await run(['grad', formula, '--at', 'x=0.5,y=0.25', '--hessian', '--json']);
          expect([0, 2], `${formula}: ${r.stderr}`).toContain(r.code);
          if (r.code === 0) expect(() => JSON.parse(r.stdout)).not.toThrow();
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('help', () => {
  it.each(COMMANDS.map((c) => c.name))('%s --help prints usage and exits 0', async (name) => {
    const r = await run([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: gradtape ${name}`);
  });

  it('help <command> and --version', async () => {
    expect((await run(['help', 'grad'])).stdout).toContain('Usage: gradtape grad');
    expect((await run(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
