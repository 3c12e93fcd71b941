import { createReadStream } from 'node:fs';
import { InputError, reasonOf, UnreadableFile } from './errors.ts';

/**
 * Reads an RFC 4180 CSV file record by record: fields may be quoted, quotes inside quoted
 * fields are doubled, quoted fields may hold commas and line breaks; CRLF or LF line ends; a
 * UTF-8 byte-order mark is skipped; blank lines are skipped. `onRecord` gets the fields and
 * the line the record starts on. The file is streamed, so size is bounded by disk, not memory.
 */
export async function readCsvRecords(path: string, onRecord: (fields: string[], line: number) => void): Promise<void> {
  let pending = '';
  let line = 1;
  let first = true;
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  // Opening or reading the file can fail (it was removed, it is a directory): say so plainly.
  const chunks = (async function* () {
    try {
      yield* stream as AsyncIterable<string>;
    } catch (error) {
      throw new UnreadableFile(path, reasonOf(error));
    }
  })();
  for await (const chunk of chunks) {
    let text = pending + chunk;
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const done = parseRecords(path, text, false, line, onRecord);
    pending = text.slice(done.consumed);
    line = done.line;
  }
  if (pending.length > 0) parseRecords(path, pending, true, line, onRecord);
}

function parseRecords(
  path: string,
  text: string,
  final: boolean,
  startLine: number,
  onRecord: (fields: string[], line: number) => void,
): { consumed: number; line: number } {
  let i = 0;
  let line = startLine;
  const n = text.length;
  records: while (i < n) {
    const recordStart = i;
    const recordLine = line;
    const fields: string[] = [];
    for (;;) {
      if (text.charCodeAt(i) === 34 /* " */) {
        let value = '';
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0 || (q === n - 1 && !final)) {
            if (final) throw new InputError(path, recordLine, 'a quoted field is never closed');
            return { consumed: recordStart, line: recordLine };
          }
          value += text.slice(j, q);
          if (text.charCodeAt(q + 1) === 34) {
            value += '"';
            j = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        for (let k = value.indexOf('\n'); k >= 0; k = value.indexOf('\n', k + 1)) line++;
        fields.push(value);
        const c = text.charCodeAt(i);
        if (c === 44 /* , */) {
          i++;
          continue;
        }
        if (i >= n) {
          if (!final) return { consumed: recordStart, line: recordLine };
          onRecord(fields, recordLine);
          return { consumed: n, line };
        }
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        if (text.charCodeAt(i) !== 10) throw new InputError(path, line, 'unexpected text after a closing quote');
        i++;
        line++;
        onRecord(fields, recordLine);
        continue records;
      }
      const comma = text.indexOf(',', i);
      let newline = text.indexOf('\n', i);
      if (newline < 0) {
        if (!final) return { consumed: recordStart, line: recordLine };
        newline = n;
      }
      if (comma >= 0 && comma < newline) {
        fields.push(text.slice(i, comma));
        i = comma + 1;
        continue;
      }
      const end = newline > i && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      fields.push(text.slice(i, end));
      i = newline + 1;
      line++;
      // A blank line is one empty unquoted field: skip it.
      if (!(fields.length === 1 && fields[0] === '')) onRecord(fields, recordLine);
      continue records;
    }
  }
  return { consumed: n, line };
}
