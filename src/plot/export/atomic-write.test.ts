/** @file writeAtomic / checkWritable: complete files or nothing, checks before work, errors about the user's path. */
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unwritableDir } from '../../../test/unwritable-dir.js';
import { checkWritable, writeAtomic, WriteError } from './atomic-write.js';

const dir = mkdtempSync(join(tmpdir(), 'gradtape-atomic-'));
afterAll(() => {
  if (readOnly?.startsWith(dir)) chmodSync(readOnly, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

const readOnly = unwritableDir(dir);

describe('writeAtomic', () => {
  it('writes a new file and replaces an old one, leaving no temporary file', async () => {
    const path = join(dir, 'a.txt');
    await writeAtomic(path, 'test', async (tmp) => writeFileSync(tmp, 'first'));
    await writeAtomic(path, 'test', async (tmp) => writeFileSync(tmp, 'second'));
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it("a write that fails half-way (ENOSPC) leaves the old file whole and names the user's path, not the temp file", async () => {
    const path = join(dir, 'keep.txt');
    writeFileSync(path, 'the old, complete file');
    let tempSeen = '';
    const err = await writeAtomic(path, 'test', async (tmp) => {
      tempSeen = tmp;
      writeFileSync(tmp, 'trunc');
      throw Object.assign(new Error(`ENOSPC: no space left on device, write '${tmp}'`), { code: 'ENOSPC' });
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WriteError);
    expect((err as WriteError).code).toBe('ENOSPC');
    expect((err as Error).message).toBe(`test: cannot write "${path}": no space left on the device (ENOSPC)`);
    expect((err as Error).message).not.toContain(tempSeen);
    expect(readFileSync(path, 'utf8')).toBe('the old, complete file');
    expect(existsSync(tempSeen)).toBe(false);
  });

  it('errors that are not about files (a writer that throws) pass through unchanged', async () => {
    const boom = new Error('boom at frame 4');
    await expect(
      writeAtomic(join(dir, 'b.txt'), 'test', async () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(existsSync(join(dir, 'b.txt'))).toBe(false);
  });

  it('refuses a missing folder, a folder that is a file, and a target that is a folder, before writing', async () => {
    let called = false;
    const write = async () => {
      called = true;
    };
    await expect(writeAtomic(join(dir, 'no', 'x.png'), 'Figure.save', write)).rejects.toThrow(
      /^Figure.save: cannot write ".*x.png": the directory ".*no" does not exist \(create it first\)/,
    );
    writeFileSync(join(dir, 'file'), '');
    await expect(writeAtomic(join(dir, 'file', 'x.png'), 'Figure.save', write)).rejects.toThrow(/is not a directory/);
    await expect(writeAtomic(dir, 'Figure.save', write)).rejects.toThrow(/it is a directory/);
    await expect(writeAtomic('', 'Figure.save', write)).rejects.toThrow(
      /Figure.save: path must be a non-empty file name/,
    );
    expect(called).toBe(false);
  });

  it.skipIf(!readOnly)(
    "an unwritable folder fails before the writer runs, with the permission error's code",
    async () => {
      let called = false;
      const err = await writeAtomic(join(readOnly!, 'f.png'), 'Figure.save', async () => {
        called = true;
      }).catch((e: unknown) => e);
      expect(called).toBe(false);
      expect(err).toBeInstanceOf(WriteError);
      expect(['EACCES', 'EPERM', 'EROFS']).toContain((err as WriteError).code);
      expect((err as Error).message).toMatch(new RegExp(`^Figure.save: cannot write "${join(readOnly!, 'f.png')}": `));
      expect((err as Error).message).not.toMatch(/\.tmp/);
    },
  );
});

describe('checkWritable', () => {
  it('passes for a writable folder and leaves nothing behind', async () => {
    const before = readdirSync(dir);
    await checkWritable(join(dir, 'c.png'), 'test');
    expect(readdirSync(dir)).toEqual(before);
  });

  it.skipIf(!readOnly)('throws a WriteError for an unwritable folder', async () => {
    await expect(checkWritable(join(readOnly!, 'c.png'), 'test')).rejects.toBeInstanceOf(WriteError);
  });
});
