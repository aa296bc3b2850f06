/**
 * @file Figure.save and FuncAnimation.save are atomic: a disk that fills up half-way through the write (simulated by
 * a file system whose writeFile writes a few bytes and then fails with ENOSPC) leaves the old file whole, and the
 * error names the user's path. Before, Figure.save wrote straight into the target and left a truncated PNG.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const full = async (file: unknown, data: string | Uint8Array) => {
    await real.writeFile(file as string, typeof data === 'string' ? data.slice(0, 10) : data.subarray(0, 10));
    throw Object.assign(new Error(`ENOSPC: no space left on device, write '${String(file)}'`), {
      code: 'ENOSPC',
      errno: -28,
    });
  };
  return { ...real, default: { ...real, writeFile: full }, writeFile: full };
});

const { Figure } = await import('./figure.js');
const { FuncAnimation } = await import('./animation/animation.js');

const dir = mkdtempSync(join(tmpdir(), 'gradtape-enospc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('saving on a full disk', () => {
  it.each(['png', 'svg'])('Figure.save(.%s) keeps the old file and names the path', async (ext) => {
    const path = join(dir, `f.${ext}`);
    writeFileSync(path, 'old complete file');
    const fig = new Figure({ width: 120, height: 90 });
    fig.addAxes().plot([0, 1], [0, 1]);
    await expect(fig.save(path)).rejects.toThrow(
      `Figure.save: cannot write "${path}": no space left on the device (ENOSPC)`,
    );
    expect(readFileSync(path, 'utf8')).toBe('old complete file');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('FuncAnimation.save(.gif) keeps the old file and names the path once (no nested temp name)', async () => {
    const path = join(dir, 'a.gif');
    writeFileSync(path, 'old gif');
    const fig = new Figure({ width: 60, height: 40 });
    const line = fig.addAxes().plot([0], [0], { animated: true });
    const anim = new FuncAnimation(
      fig,
      (i: number) => {
        line.setData([0, i], [0, i]);
      },
      { frames: 2 },
    );
    const err = (await anim.save(path).catch((e: unknown) => e)) as Error;
    expect(err.message).toBe(`FuncAnimation.save: cannot write "${path}": no space left on the device (ENOSPC)`);
    expect(readFileSync(path, 'utf8')).toBe('old gif');
    expect(existsSync(path)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });
});
