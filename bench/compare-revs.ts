/**
 * @file Eager speed of two versions of gradtape side by side, to find when a change made it slower or to weigh one:
 * `npx tsx bench/compare-revs.ts <rev> [<rev> | work] [--pairs=N] [--only=w1,w4] [--quick]`.
 *
 * Each version's `src/` (a git revision, or `work` for the working tree, the default second) is bundled by esbuild
 * as the published package runs, and timed on W1 (the tutorial's first cell) and W4 (one `SGD.minimize` step),
 * through the public API only, so that old revisions run too. Each measurement is a fresh Node process (two
 * versions in one process slowed each other), in alternated pairs, with glibc's heap trimming off in the children:
 * after the GC frees slabs in bulk, glibc hands the memory back and the next slabs fault it in again (see
 * bench/README.md), which decided single runs more than the code did. This is how the readable tape's cost was
 * found (ARCHITECTURE.md): `npx tsx bench/compare-revs.ts 880f010 4b63b24`.
 */
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLED, ROOT, relaunchBundled } from './bundle.js';
import { alternate, fmtTime, fullBudget, measureAlone, median, optList, quickBudget, untrimmedEnv } from './harness.js';
import { LR, START, w1X } from './workloads.js';
import { cell1Of, sinCosOf } from './peers/gradtape-cells.js';

type Gt = typeof import('../src/index.js');

/** The workloads, written against the API every revision since the first tape has. */
const WORKLOADS: Record<string, { title: string; make: (gt: Gt) => () => unknown }> = {
  w1: {
    title: 'W1 — tutorial cell 1: fresh tape, x² + 1 over 100 points, gradient',
    make: (gt) => {
      const cell1 = cell1Of(gt),
        x = gt.tensor(w1X());
      return () => cell1(x);
    },
  },
  w4: {
    title: 'W4 — one SGD(0.01).minimize step on scalar (sin 4x − cos 5y)/5',
    make: (gt) => {
      const x = new gt.Variable(START[0], { name: 'x' }),
        y = new gt.Variable(START[1], { name: 'y' });
      const opt = new gt.SGD({ learningRate: LR });
      const f = sinCosOf(gt),
        loss = () => f(x, y);
      return () => opt.minimize(loss, [x, y]);
    },
  },
};

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const child = argv.find((a) => a.startsWith('--child='))?.slice(8);

if (child !== undefined) {
  // a child: time one workload on one bundle and print the median per-call time in ms
  const w = argv.find((a) => a.startsWith('--w='))!.slice(4);
  const gt = (await import(pathToFileURL(child).href)) as Gt;
  process.stdout.write(String(measureAlone(WORKLOADS[w].make(gt), quick ? quickBudget : fullBudget)));
} else {
  if (!BUNDLED) {
    const why = await relaunchBundled('compare-revs');
    console.error(`compare-revs: running under tsx (${why})`);
  }
  const revs = argv.filter((a) => !a.startsWith('--'));
  if (revs.length < 1 || revs.length > 2)
    fail('usage: npx tsx bench/compare-revs.ts <rev> [<rev> | work] [--pairs=N] [--only=w1,w4] [--quick]');
  const [a, b = 'work'] = revs;
  const pairsArg = argv.find((x) => x.startsWith('--pairs='))?.slice(8) ?? '6';
  const pairs = quick ? 1 : Number(pairsArg);
  if (!Number.isInteger(pairs) || pairs < 1) fail(`--pairs must be a positive integer, got '${pairsArg}'`);
  const only = optList(argv, 'only') ?? Object.keys(WORKLOADS);
  for (const w of only) if (!Object.hasOwn(WORKLOADS, w)) fail(`unknown workload '${w}' in --only (w1, w4)`);

  const bundles = new Map([
    [a, await bundleOf(a)],
    [b, await bundleOf(b)],
  ]);
  const script = process.argv[1];
  console.log(
    `${pairs} alternated pair(s) of processes per workload; each number is one process's median per-call time` +
      `${quick ? ' (quick: not meaningful)' : ' over 25 blocks of ≈20 ms after a two-second warm-up'}\n`,
  );
  for (const w of only) {
    const run = (rev: string): number => {
      const args = [
        ...process.execArgv,
        script,
        `--child=${bundles.get(rev)}`,
        `--w=${w}`,
        ...(quick ? ['--quick'] : []),
      ];
      try {
        return Number(execFileSync(process.execPath, args, { encoding: 'utf8', env: untrimmedEnv(), stdio: 'pipe' }));
      } catch (e) {
        const why = String((e as { stderr?: string }).stderr ?? e).match(/^\w*Error: .*$/m)?.[0] ?? 'see its output';
        return fail(`${w} failed on ${rev}: ${why}`);
      }
    };
    const t = alternate(run, a, b, pairs);
    const list = (v: number[]): string => v.map(fmtTime).join(', ');
    console.log(`### ${WORKLOADS[w].title}\n\n| version | median | runs |\n| --- | --- | --- |`);
    console.log(`| ${a} | ${fmtTime(median(t.a))} | ${list(t.a)} |`);
    console.log(`| ${b} | ${fmtTime(median(t.b))} | ${list(t.b)} |`);
    console.log(`\n${b} / ${a}, median of the pairs' ratios: ${t.ratio.toFixed(3)}×\n`);
  }
}

/** Bundles `rev`'s src/ (or the working tree's) into the bench cache and returns the bundle's path. */
async function bundleOf(rev: string): Promise<string> {
  const cache = path.join(ROOT, 'node_modules', '.cache', 'gradtape-bench', 'revs');
  let entry = path.join(ROOT, 'src', 'index.ts'),
    name = 'work';
  if (rev !== 'work') {
    // a revision git knows, as a full hash (which also keeps anything else out of the shell command below)
    let sha = '';
    try {
      sha = execFileSync('git', ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], {
        cwd: ROOT,
        encoding: 'utf8',
      }).trim();
    } catch {
      fail(`'${rev}' is not a commit of this repository (nor 'work', the working tree)`);
    }
    name = sha.slice(0, 12);
    const dir = path.join(cache, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    execSync(`git archive ${sha} src | tar -x -C "${dir}"`, { cwd: ROOT });
    entry = path.join(dir, 'src', 'index.ts');
  }
  const outfile = path.join(cache, `${name}.mjs`);
  // esbuild is tsx's compiler, so it is installed wherever this script can run
  if (!existsSync(entry)) fail(`${rev} has no src/index.ts`);
  const { build } = await import('esbuild');
  try {
    await build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      outfile,
      logLevel: 'silent',
    });
  } catch (e) {
    fail(`could not bundle ${rev}: ${(e as Error).message.split('\n').slice(0, 2).join(' ')}`);
  }
  return outfile;
}

/** Says what is wrong, without a stack trace, and exits. */
function fail(message: string): never {
  console.error(`compare-revs: ${message}`);
  process.exit(2);
}
