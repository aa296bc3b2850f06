/** @file A folder the test process cannot create files in, for the "unwritable output" tests. */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A read-only folder made under `parent` (mode 0555) — or, for root, whom file modes do not stop, sysfs's
 * `/sys/kernel`, which refuses new files to everyone. null where neither works (tests then skip and say so).
 * Call `chmodSync(dir, 0o755)` before removing `parent`.
 * @example const ro = unwritableDir(tmp.dir); it.skipIf(!ro)('…', …)
 */
export function unwritableDir(parent: string): string | null {
  if (process.getuid?.() !== 0) {
    const ro = join(parent, 'read-only');
    mkdirSync(ro, { recursive: true });
    chmodSync(ro, 0o555);
    return ro;
  }
  return process.platform === 'linux' && existsSync('/sys/kernel') ? '/sys/kernel' : null;
}
