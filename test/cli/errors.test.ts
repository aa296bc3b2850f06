/**
 * @file The CLI's failure contract, through the real process: exit 2 for usage and formula errors
 * with a message naming the problem (no stack trace), nothing written on failure, --json error
 * documents. The full table of usage errors runs in-process in src/cli/main.test.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { chmodSync, readdirSync } from 'node:fs';
import { listFiles, parseJson, runCli, tempDir } from './helpers.js';
import { unwritableDir } from '../unwritable-dir.js';

const tmp = tempDir();
const roParent = tempDir();
const readOnly = unwritableDir(roParent.dir);
afterAll(() => {
  tmp.cleanup();
  if (readOnly?.startsWith(roParent.dir)) chmodSync(readOnly, 0o755);
  roParent.cleanup();
});
const out = (name: string) => join(tmp.dir, name);

/** [case, argv, message fragments]: the failures the issue names, each must exit 2. */
const USAGE_ERRORS: ReadonlyArray<readonly [string, string[], string[]]> = [
  [
    'reversed range',
    ['plot', 'x^2', '--range', '5:-5', '-o', out('a.png')],
    ['--range', 'start must be less than the end', 'got 5:-5'],
  ],
  [
    'unknown optimizer',
    ['descend', 'x^2 + y^2', '--optimizer', 'sgdd:lr=0.1', '-o', out('a.gif')],
    ["unknown optimizer 'sgdd'", "did you mean 'sgd'?"],
  ],
  [
    'bad formula',
    ['plot', '5*sin(2*x)) + x^2', '-o', out('a.png')],
    ["unexpected ')' at column 11", '5*sin(2*x)) + x^2', '           ^'],
  ],
  ['missing -o directory', ['plot', 'x^2', '-o', out('no/such/dir/f.png')], ['does not exist', 'no/such/dir']],
  ['unsupported extension', ['plot', 'x^2', '-o', out('f.jpg')], ["unsupported file type '.jpg'", '.png, .svg']],
];

describe('usage and formula errors exit 2 and name the problem', () => {
  it.each(USAGE_ERRORS)('%s', async (_name, argv, fragments) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    for (const f of fragments) expect(r.stderr).toContain(f);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.stdout).toBe('');
    expect(listFiles(tmp.dir)).toEqual([]); // nothing written, not even a temp file
  });

  // Checked before anything is computed; before, this failed after rendering, with exit 1 and the temp file's name.
  it.skipIf(!readOnly).each([
    ['plot', ['x^2'], 'f.png'],
    ['descend', ['x^2 + y^2', '--steps', '5'], 'd.gif'],
  ])('%s into an unwritable directory: exit 2 naming the path, no temp file', async (cmd, rest, name) => {
    const file = join(readOnly!, name);
    const r = await runCli([cmd, ...rest, '-o', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^gradtape ${cmd}: -o: cannot write "${file}": (permission denied|the file system is read-only)`),
    );
    expect(r.stderr).not.toMatch(/\.tmp/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(readOnly!).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('--json adds a machine-readable error document on stdout', async () => {
    const r = await runCli(['grad', 'x^2 +', '--at', 'x=1', '--json']);
    expect(r.code).toBe(2);
    const j = parseJson(r);
    expect(j.error).toMatchObject({ kind: 'formula', column: 6, formula: 'x^2 +' });
    expect(j.error.message).toContain('unexpected end of formula at column 6');
  });
});

describe('help', () => {
  it('top-level help lists every command', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['plot', 'surface', 'contour', 'descend', 'grad', 'demo', 'serve'])
      expect(r.stdout).toContain(`  ${cmd} `);
  });
});
