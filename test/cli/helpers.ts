/**
 * @file Helpers for the CLI end-to-end tests: spawn the `gradtape` binary, decode what it wrote.
 *
 * By default the CLI runs from source (`node --import tsx src/cli/main.ts`), so the tests need no
 * build step; set GRADTAPE_CLI=dist/cli/main.js to run the same tests against the built binary.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `gradtape <args>` in `cwd` and collect its exit code and output. */
export function runCli(args: readonly string[], opts: { cwd?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  const built = process.env.GRADTAPE_CLI;
  const argv = built ? [join(ROOT, built), ...args] : ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      argv,
      { cwd: opts.cwd ?? ROOT, timeout: opts.timeoutMs ?? 60_000, env: { ...process.env, GRADTAPE_DEBUG: '' } },
      (err, stdout, stderr) => {
        const code = err ? (((err as { code?: number | string }).code as number | null) ?? 1) : 0;
        resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
      },
    );
  });
}

/** A fresh temporary directory, and a function that removes it. */
export function tempDir(prefix = 'gradtape-cli-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Files in `dir` (names only), for checking that nothing partial was left behind. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir).sort();
}

/**
 * Decode a PNG far enough to prove it is whole: signature, IHDR, chunk CRCs skipped, IDAT
 * inflated to exactly height × (1 + width × bytesPerPixel) bytes, IEND present.
 */
export function decodePng(path: string): { width: number; height: number } {
  const b = readFileSync(path);
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((v, i) => b[i] === v)) throw new Error(`${path}: not a PNG (bad signature)`);
  let pos = 8;
  let width = 0,
    height = 0,
    channels = 0;
  const idat: Buffer[] = [];
  let ended = false;
  while (pos < b.length) {
    const len = b.readUInt32BE(pos);
    const type = b.toString('latin1', pos + 4, pos + 8);
    const data = b.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8) throw new Error(`${path}: expected 8-bit channels`);
      channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[data[9]!] ?? 0;
      if (!channels) throw new Error(`${path}: unsupported color type ${data[9]}`);
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    pos += 12 + len;
  }
  if (!ended) throw new Error(`${path}: truncated PNG (no IEND)`);
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length !== height * (1 + width * channels))
    throw new Error(`${path}: pixel data has ${raw.length} bytes, expected ${height * (1 + width * channels)}`);
  return { width, height };
}

/** Check an SVG file is one complete `<svg>` document; returns its width and height attributes. */
export function readSvg(path: string): { width: number; height: number; text: string } {
  const text = readFileSync(path, 'utf8').trim();
  const root = /^(?:<\?xml[^>]*>\s*)?<svg\b([^>]*)>/.exec(text);
  if (!root || !text.endsWith('</svg>')) throw new Error(`${path}: not a complete SVG document`);
  const attr = (name: string) => Number(new RegExp(`\\b${name}="([\\d.]+)"`).exec(root[1]!)?.[1]);
  return { width: attr('width'), height: attr('height'), text };
}

/** Parse the JSON document a `--json` run printed. */
export function parseJson(result: CliResult): any {
  try {
    return JSON.parse(result.stdout);
  } catch {
    throw new Error(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\n--- stderr ---\n${result.stderr}`);
  }
}
