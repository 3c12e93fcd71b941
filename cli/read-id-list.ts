import { readFile } from 'node:fs/promises';
import { InputError, reasonOf, UnreadableFile } from './errors.ts';

/** Reads one member id per line (blank lines skipped, surrounding spaces trimmed), with each id's line number. */
export async function readIdList(path: string): Promise<{ id: string; line: number }[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UnreadableFile(path, reasonOf(error));
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const ids: { id: string; line: number }[] = [];
  text.split('\n').forEach((raw, i) => {
    let id = raw.replace(/\r$/, '').trim();
    if (id.startsWith('"') && id.endsWith('"') && id.length >= 2) id = id.slice(1, -1).replace(/""/g, '"');
    if (id !== '') ids.push({ id, line: i + 1 });
  });
  if (ids.length === 0) throw new InputError(path, 0, 'the file lists no member ids');
  return ids;
}
