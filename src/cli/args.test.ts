/** @file Unit tests: option parsing, value syntaxes, output checks, progress bar. */
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAssignments, parseCommandLine, parseCount, parseNumbers, parseRange } from './args.js';
import { UsageError, describeError, exitCodeOf } from './errors.js';
import { fmt, jsonReplacer, toJson } from './io.js';
import { checkOutput, checkOutputWritable } from './output.js';
import { unwritableDir } from '../../test/unwritable-dir.js';
import { progressBar } from './progress.js';
import { ExprError } from '../expr/index.js';
import { WriteError } from '../plot/export/atomic-write.js';

const opts = {
  range: { type: 'string' },
  json: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  opt: { type: 'string', multiple: true },
} as const;

describe('parseCommandLine', () => {
  it('takes dash-leading values and formulas as they are', () => {
    const p = parseCommandLine(['-x^2', '--range', '-5:5', '-o', 'f.png', '--json'], opts, 'plot');
    expect(p.positionals).toEqual(['-x^2']);
    expect(p.values).toMatchObject({ range: '-5:5', output: 'f.png', json: true });
  });
  it('supports --name=value, repeats, and -- for positionals', () => {
    const p = parseCommandLine(['--opt=sgd:lr=0.1', '--opt', 'adam', '--', '--weird'], opts, 'descend');
    expect(p.values.opt).toEqual(['sgd:lr=0.1', 'adam']);
    expect(p.positionals).toEqual(['--weird']);
  });
  it('rejects unknown options with a suggestion, and missing values', () => {
    expect(() => parseCommandLine(['--rnage', '1:2'], opts, 'plot')).toThrow(
      "unknown option '--rnage' — did you mean '--range'?",
    );
    expect(() => parseCommandLine(['--range'], opts, 'plot')).toThrow("option '--range' needs a value");
    expect(() => parseCommandLine(['--range', '--json'], opts, 'plot')).toThrow("option '--range' needs a value");
    expect(() => parseCommandLine(['--json=1'], opts, 'plot')).toThrow("option '--json' takes no value");
  });
});

describe('value syntaxes', () => {
  it('ranges', () => {
    expect(parseRange('-5:5', '--range', 'plot')).toEqual([-5, 5]);
    expect(parseRange('-pi:pi', '--range', 'plot')).toEqual([-Math.PI, Math.PI]);
    expect(parseRange('0:1e-3', '--range', 'plot')).toEqual([0, 1e-3]);
    expect(() => parseRange('5:-5', '--range', 'plot')).toThrow(
      '--range: the start must be less than the end (got 5:-5; did you mean -5:5?)',
    );
    expect(() => parseRange('1:1', '--range', 'plot')).toThrow(UsageError);
    expect(() => parseRange('1', '--range', 'plot')).toThrow("expected a range like -5:5 (got '1')");
    expect(() => parseRange('a:2', '--range', 'plot')).toThrow("--range: expected a number (got 'a')");
    expect(() => parseRange(':2', '--range', 'plot')).toThrow('expected a number');
    expect(() => parseRange('0x1:2', '--range', 'plot')).toThrow("expected a number (got '0x1')");
    expect(() => parseRange('1e999:2', '--range', 'plot')).toThrow("expected a number (got '1e999')");
    expect(parseRange('+.5:5.', '--range', 'plot')).toEqual([0.5, 5]);
  });
  it('points, assignments, counts', () => {
    expect(parseNumbers('0.25,-0.5', 2, '--start', 'descend')).toEqual([0.25, -0.5]);
    expect(() => parseNumbers('1,2,3', 2, '--start', 'descend')).toThrow('expected 2 comma-separated numbers');
    expect(parseAssignments('x=1, y = -2', '--at', 'grad')).toEqual([
      ['x', 1],
      ['y', -2],
    ]);
    expect(() => parseAssignments('x=1,x=2', '--at', 'grad')).toThrow("'x' is given twice");
    expect(() => parseAssignments('x:1', '--at', 'grad')).toThrow('expected name=value pairs');
    expect(() => parseAssignments('x=inf', '--at', 'grad')).toThrow("--at x: expected a number (got 'inf')");
    expect(parseCount('100', '--points', 2, 1000, 'plot')).toBe(100);
    for (const bad of ['1', '1001', '2.5', '-3', '', '1e2'])
      expect(() => parseCount(bad, '--points', 2, 1000, 'plot')).toThrow(UsageError);
  });
});

describe('errors and formatting', () => {
  it('maps errors to exit codes and one-paragraph messages', () => {
    const formula = new ExprError("unexpected ')'", 'x)', { start: 1, end: 2 });
    expect(exitCodeOf(formula)).toBe(2);
    expect(exitCodeOf(new UsageError('bad'))).toBe(2);
    expect(exitCodeOf(new Error('boom'))).toBe(1);
    // An output path that cannot be written is the user's to fix (2); a full disk is not (1).
    expect(
      exitCodeOf(new WriteError('Figure.save: cannot write "f.png": permission denied (EACCES)', 'f.png', 'EACCES')),
    ).toBe(2);
    expect(
      exitCodeOf(
        new WriteError('Figure.save: cannot write "f.png": the file system is read-only (EROFS)', 'f.png', 'EROFS'),
      ),
    ).toBe(2);
    expect(
      exitCodeOf(
        new WriteError('Figure.save: cannot write "f.png": no space left on the device (ENOSPC)', 'f.png', 'ENOSPC'),
      ),
    ).toBe(1);
    expect(describeError(formula, 'plot')).toBe("gradtape plot: formula error: unexpected ')' at column 2\n  x)\n   ^");
    expect(describeError(new Error('boom'), 'plot')).toBe('gradtape plot: error: boom');
  });
  it('formats numbers for people and JSON', () => {
    expect(fmt(0.1 + 0.2)).toBe('0.3');
    expect(fmt(-0)).toBe('0');
    expect(fmt(NaN)).toBe('NaN');
    // null would make Infinity and NaN look alike: the strings keep them apart, in arrays, objects and typed arrays
    expect(
      JSON.stringify({ a: [1, NaN, Infinity, -Infinity], b: new Float64Array([2, -Infinity]) }, jsonReplacer),
    ).toBe('{"a":[1,"NaN","Infinity","-Infinity"],"b":[2,"-Infinity"]}');
    expect(toJson({ v: NaN })).toBe('{\n  "v": "NaN"\n}\n');
    expect(toJson(-Infinity)).toBe('"-Infinity"\n');
  });
});

describe('output files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gradtape-out-'));
  const readOnly = unwritableDir(dir);
  afterAll(() => {
    if (readOnly?.startsWith(dir)) chmodSync(readOnly, 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  it('checks the directory and the extension', () => {
    expect(checkOutput(join(dir, 'a.PNG'), ['png'], 'plot').format).toBe('png');
    expect(() => checkOutput(join(dir, 'x', 'a.png'), ['png'], 'plot')).toThrow('does not exist');
    expect(() => checkOutput(join(dir, 'a'), ['png', 'svg'], 'plot')).toThrow(
      'unsupported file type no extension; use .png, .svg',
    );
    writeFileSync(join(dir, 'file'), '');
    expect(() => checkOutput(join(dir, 'file', 'a.png'), ['png'], 'plot')).toThrow('is not a directory');
    rmSync(join(dir, 'file'));
  });

  it.skipIf(!readOnly)(
    'an unwritable directory is a usage error naming the path, and nothing is left behind',
    async () => {
      const file = join(readOnly!, 'f.png');
      await expect(checkOutputWritable(file, ['png'], 'plot')).rejects.toThrow(UsageError);
      await expect(checkOutputWritable(file, ['png'], 'plot')).rejects.toThrow(
        new RegExp(`^-o: cannot write "${file}": (permission denied|the file system is read-only)`),
      );
      expect(readdirSync(readOnly!).filter((f) => f.includes('.tmp'))).toEqual([]);
      expect((await checkOutputWritable(join(dir, 'ok.svg'), ['svg'], 'plot')).format).toBe('svg');
      expect(existsSync(join(dir, 'ok.svg'))).toBe(false);
    },
  );
});

describe('progress bar', () => {
  it('draws on a terminal, growing to 100%, and stays silent in pipes', () => {
    let text = '';
    const bar = progressBar(4, 'frames', {
      isTTY: true,
      columns: 60,
      write: (s) => {
        text += s;
      },
    });
    for (let i = 0; i < 4; i++) bar.tick();
    bar.done();
    const frames = text.split('\r').filter(Boolean);
    expect(frames[0]).toContain('1/4 frames');
    expect(frames.at(-1)).toMatch(/^\[#+\] 100% 4\/4 frames\n$/);
    let piped = '';
    const quiet = progressBar(4, 'frames', {
      isTTY: false,
      write: (s) => {
        piped += s;
      },
    });
    quiet.tick();
    quiet.done();
    expect(piped).toBe('');
  });
});
