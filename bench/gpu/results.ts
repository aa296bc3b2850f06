/**
 * @file The part of bench/RESULTS.md that a run here cannot make: the table from a lent GPU machine
 * (bench/gpu/device-run.sh), pasted under the heading below. A full `npm run bench` rewrites the file and keeps
 * that part as it is.
 */
import { existsSync, readFileSync } from 'node:fs';

/** The heading of the pasted part; from it to the end of the file is kept. */
export const DEVICE_HEADING = '## GPU on a lent device';

/** The kept part of the results file at `file` (with its heading), or '' when there is none. */
export function keptDevicePart(file: string): string {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf(`\n${DEVICE_HEADING}`);
  return at < 0 ? '' : `${text.slice(at + 1).trimEnd()}\n`;
}
