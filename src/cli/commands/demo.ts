/**
 * @file `gradtape demo`: runs the tutorial walkthrough (examples/tutorial.ts) by importing its
 * module and calling its exported `runTutorial({ out, log })`. The module is looked for where each way of running the CLI
 * puts it: compiled next to the CLI (dist/examples/tutorial.js) or as source (examples/tutorial.ts,
 * when the CLI itself runs from source under tsx).
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Parsed } from '../args.js';
import { UsageError } from '../errors.js';
import type { CommandIO } from '../io.js';

/** What the tutorial module must export (examples/tutorial.ts). */
export interface TutorialModule {
  runTutorial(opts: { out?: string; log?: (line: string) => void; progress?: boolean }): Promise<string[]>;
}

/**
 * Candidate locations of the tutorial module, most specific first.
 *
 * @example
 * tutorialCandidates(); // ['/…/dist/examples/tutorial.js'] when running the built CLI
 */
export function tutorialCandidates(): string[] {
  const here = import.meta.url;
  const compiled = fileURLToPath(new URL('../../examples/tutorial.js', here));
  const source = fileURLToPath(new URL('../../../examples/tutorial.ts', here));
  // Source .ts can only be imported when this file is itself running as source (tsx).
  return here.endsWith('.ts') ? [source, compiled] : [compiled];
}

async function loadTutorial(): Promise<TutorialModule> {
  const candidates = tutorialCandidates();
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `the tutorial module is not available (looked for ${candidates.join(', ')}); ` +
        "from a checkout, run 'npm run build' or 'npm run demo'",
    );
  }
  const mod = (await import(pathToFileURL(found).href)) as Partial<TutorialModule>;
  if (typeof mod.runTutorial !== 'function') throw new Error(`${found} does not export runTutorial({ out })`);
  return mod as TutorialModule;
}

/**
 * Run `gradtape demo` with parsed arguments.
 *
 * @example
 * await run(parseCommandLine(['--out', 'out'], options, 'demo'), processIO(false));
 */
export async function run(args: Parsed, io: CommandIO): Promise<void> {
  if (args.positionals.length > 0)
    throw new UsageError(`demo takes no arguments (got '${args.positionals[0]}'); use --out DIR`, 'demo');
  const outDir = resolve(typeof args.values.out === 'string' ? args.values.out : 'out');
  if (existsSync(outDir) && !statSync(outDir).isDirectory())
    throw new UsageError(`--out ${outDir}: exists and is not a directory`, 'demo');
  const tutorial = await loadTutorial();
  mkdirSync(outDir, { recursive: true });
  // Under --json, stdout carries only the JSON document: the cells' prints go to stderr.
  const log = io.json
    ? (line: string) => {
        io.stderr.write(`${line}\n`);
      }
    : (line: string) => io.print(line);
  const files = await tutorial.runTutorial({ out: outDir, log });
  io.print(`demo finished: ${files.length} files in ${outDir}`);
  io.result({ command: 'demo', outDir, files });
}
