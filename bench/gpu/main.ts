/**
 * @file The GPU workloads alone (G2, G6, G8 of BENCH.md), for a GPU machine where the CPU peers are beside the
 * point: `tsx bench/gpu/main.ts [--quick] [--gpu=full|small] [--only=G2] [--peers=tf] [--out=FILE] [--partial=FILE]` prints the
 * section `npm run bench` appends to its tables and, with `--out`, writes it to FILE with the date and machine
 * (`--partial`: each table as soon as it is done).
 * bench/gpu/device-run.sh runs the bundled form of this file on a lent GPU machine.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { gpuFlag, gpuSection, serveGpuChild } from './stage.js';
import { optList } from '../harness.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const child = argv.find((a) => a.startsWith('--gpu-peer='))?.slice('--gpu-peer='.length);

if (child !== undefined) await serveGpuChild(child, quick);
else {
  const started = new Date();
  const partial = argv.find((a) => a.startsWith('--partial='))?.slice('--partial='.length);
  if (partial) writeFileSync(partial, '');
  const only = optList(argv, 'only');
  const size = gpuFlag(argv);
  const section = await gpuSection({
    script: fileURLToPath(import.meta.url),
    quick,
    size: size === 'off' ? undefined : size,
    peerFilter: optList(argv, 'peers'),
    wanted: (t) => !only || only.some((w) => t.toLowerCase().startsWith(w)),
    log: (l) => console.error(l),
    onTable: (md) => {
      if (partial) appendFileSync(partial, `${md}\n\n`);
    },
  });
  const machine =
    `Run of \`bench/gpu/main.ts ${argv.join(' ')}\` started ${started.toISOString()}; ` +
    `${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, Node ${process.version}.`;
  const text = `${machine}\n\n${section}\n`;
  console.log(text);
  const out = argv.find((a) => a.startsWith('--out='))?.slice('--out='.length);
  if (out) writeFileSync(out, text);
}
