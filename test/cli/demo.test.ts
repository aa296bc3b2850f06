/** @file `gradtape demo --json` end to end: runs the tutorial through the CLI and checks every file it reports. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeGif } from '../helpers/anim-gif-decode.js';
import { decodePng, parseJson, readSvg, runCli, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(tmp.cleanup);

describe('gradtape demo', () => {
  it('writes every tutorial figure into --out and lists them as JSON (cell prints go to stderr)', async () => {
    const out = join(tmp.dir, 'nested', 'out');
    const r = await runCli(['demo', '--out', out, '--json'], { timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    const j = parseJson(r);
    expect(j.outDir).toBe(out);
    expect(r.stderr).toContain('after one SGD step');
    const files: string[] = j.files;
    expect(files.length).toBeGreaterThanOrEqual(8);
    const byExt = (ext: string) => files.filter((f) => f.endsWith(ext));
    expect(byExt('.png').length).toBeGreaterThan(0);
    expect(byExt('.svg').length).toBeGreaterThan(0);
    expect(byExt('.gif')).toHaveLength(1);
    expect(byExt('.html')).toHaveLength(1);
    for (const f of files) {
      const path = f.startsWith('/') ? f : join(out, f);
      expect(existsSync(path), path).toBe(true);
      expect(statSync(path).size).toBeGreaterThan(0);
      if (f.endsWith('.png')) expect(decodePng(path).width).toBeGreaterThan(0);
      if (f.endsWith('.svg')) expect(readSvg(path).width).toBeGreaterThan(0);
      if (f.endsWith('.gif')) expect(decodeGif(new Uint8Array(readFileSync(path))).frames.length).toBeGreaterThan(100);
    }
  }, 150_000);
});
