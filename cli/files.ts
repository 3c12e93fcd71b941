import { constants, type Stats } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { CliError, reasonOf, UnreadableFile } from './errors.ts';

/** Fails with a clear message unless `path` is a file this process can read. */
export async function checkReadable(path: string): Promise<void> {
  try {
    if ((await stat(path)).isDirectory()) throw new UnreadableFile(path, 'it is a directory');
    await access(path, constants.R_OK);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new UnreadableFile(path, reasonOf(error));
  }
}

/**
 * Checks, before any work, that the results can be written to `dir`: it is a writable
 * directory, or it does not exist yet and its nearest existing parent is one (it is created
 * when the results are written, so bad input leaves nothing behind), and none of `files`
 * inside it is a directory. A long analysis then never ends in a failed write.
 */
export async function checkOutputDir(dir: string, files: readonly string[]): Promise<void> {
  const fail = (reason: string) => new CliError(`cannot write to --out ${dir}: ${reason}`);
  let existing = await statOrNull(dir, fail);
  if (existing && !existing.isDirectory()) throw fail('it is a file, not a directory');
  let writable = dir;
  if (!existing) {
    // The nearest part of the path that exists must be a directory we may create things in.
    for (let parent = dirname(resolve(dir)); ; parent = dirname(parent)) {
      existing = await statOrNull(parent, fail);
      if (existing) {
        if (!existing.isDirectory()) throw fail(`${parent} is a file, not a directory`);
        writable = parent;
        break;
      }
      if (parent === dirname(parent)) throw fail('no such directory');
    }
  }
  try {
    await access(writable, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw fail(reasonOf(error));
  }
  if (writable !== dir) return;
  for (const name of files) {
    const path = join(dir, name);
    if ((await statOrNull(path, fail))?.isDirectory()) throw new CliError(`cannot write ${path}: it is a directory`);
  }
}

async function statOrNull(path: string, fail: (reason: string) => Error): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw fail(reasonOf(error));
  }
}
