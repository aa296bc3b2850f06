/**
 * @file The CLI's `--json` contract end to end: NaN and ±Infinity stay apart (as the strings "NaN", "Infinity",
 * "-Infinity") in every command's document, a reader that closes the pipe early ends the command quietly, and
 * a diverging `descend` says so and exits 3.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, parseJson, runCli, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(tmp.cleanup);

describe('--json writes non-finite numbers as strings', () => {
  it("grad: sqrt'(0) = Infinity and log(-1) = NaN are told apart", async () => {
    const j = parseJson(await runCli(['grad', 'sqrt(x) + log(y)', '--at', 'x=0,y=-1', '--json']));
    expect(j.value).toBe('NaN');
    expect(j.gradient).toEqual({ x: 'Infinity', y: -1 });
    const k = parseJson(await runCli(['grad', '-1/x^2', '--at', 'x=0', '--json']));
    expect(k.value).toBe('-Infinity');
    expect(k.gradient.x).toBe('NaN'); // 2/x^3 at 0 from the tape: 0·∞ terms
  });
  it('descend: a path that starts where f is undefined keeps its NaN loss, and exits 3', async () => {
    const r = await runCli([
      'descend',
      'log(x) + y^2',
      '--start',
      '-1,0.5',
      '--points',
      '10',
      '--width',
      '200',
      '--height',
      '150',
      '-o',
      join(tmp.dir, 'nan.png'),
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(3);
    const res = parseJson(r).results[0];
    expect(res.losses).toEqual(['NaN']);
    expect(res.stopReason).toBe('diverged');
    expect(res.ending).toBe('stopped at step 0: f is undefined (NaN) there');
    expect(r.stderr).toMatch(
      /^gradtape descend: sgd:lr=0\.01 stopped at step 0: f is undefined \(NaN\) there \(exit status 3\)$/m,
    );
  });
});

describe('gradtape descend with a diverging learning rate', () => {
  it('says "diverged at step N" in the words the playground uses, still writes the figure, and exits 3', async () => {
    const out = join(tmp.dir, 'div.png');
    const r = await runCli([
      'descend',
      'x^2+y^2',
      '--optimizer',
      'sgd:lr=10',
      '--optimizer',
      'sgd:lr=0.1',
      '--points',
      '10',
      '--width',
      '200',
      '--height',
      '150',
      '-o',
      out,
    ]);
    expect(r.code, r.stderr).toBe(3);
    // x ← x − 10·2x = −19x: f grows 361-fold per step and passes 1e12 × f(start) at step 5
    expect(r.stdout).toMatch(
      /sgd:lr=10 +final \[-619024\.75, 1238049\.5\] +loss 1915958206000 +— diverged at step 5 \(f went from 0\.3125 to 1\.916e\+12\)/,
    );
    expect(r.stdout).toMatch(/sgd:lr=0\.1 +final .* — 120 steps \(the step budget\)/);
    expect(r.stdout).toContain(`wrote ${out}`);
    expect(r.stderr).toBe(
      'gradtape descend: sgd:lr=10 diverged at step 5 (f went from 0.3125 to 1.916e+12) (exit status 3)\n',
    );
  });
  it('an unknown optimizer or option, even a name of Object.prototype, is a usage error (exit 2) listing the valid names', async () => {
    for (const [spec, msg] of [
      ['constructor', /--optimizer constructor: unknown optimizer 'constructor'; known: sgd, rmsprop, adam, .*lbfgs/],
      [
        'sgd:toString=1',
        /--optimizer sgd:toString=1: SGD: unknown option 'toString'; known options: learningRate, .*momentum/,
      ],
      [
        'lbfgs:maxLineSearch=1000000000',
        /--optimizer lbfgs:maxLineSearch=1000000000: LBFGS: maxLineSearch must be at most 1000/,
      ],
    ] as const) {
      const r = await runCli(['descend', 'x^2+y^2', '--optimizer', spec, '-o', join(tmp.dir, 'never.png')]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toMatch(/internal|\n\s+at /);
    }
  });
});

describe('a reader that closes the pipe early', () => {
  it('ends the command quietly: exit 141 (as SIGPIPE), no stack trace', async () => {
    // The document (~1.4 MB) is larger than any pipe buffer, so the CLI is still writing when the reader leaves
    // after its first chunk: the rest of the write must fail with EPIPE, whatever the timing.
    const built = process.env.GRADTAPE_CLI;
    const argv = [
      ...(built ? [join(ROOT, built)] : ['--import', 'tsx', join(ROOT, 'src/cli/main.ts')]),
      'descend',
      'x^2+y^2',
      '--optimizer',
      'sgd:lr=0.0001',
      '--steps',
      '12000',
      '--points',
      '2',
      '--width',
      '100',
      '--height',
      '100',
      '-o',
      join(tmp.dir, 'long.svg'),
      '--json',
    ];
    const child = spawn(process.execPath, argv, { cwd: ROOT, env: { ...process.env, GRADTAPE_DEBUG: '' } });
    let stderr = '',
      received = 0;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout.once('data', (d: Buffer) => {
      received = d.length;
      child.stdout.destroy();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(received).toBeGreaterThan(0);
    expect(stderr).toBe('');
    expect(code).toBe(141);
  });
});
