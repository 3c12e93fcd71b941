import { TieBuffer } from '../trust/tie-buffer.ts';
import { readCsvRecords } from './csv-records.ts';
import { InputError } from './errors.ts';

/** An edge list read from CSV. */
export interface EdgeList {
  ties: TieBuffer;
  /** Data rows read (not counting the header). */
  rows: number;
  /** Rows whose source and target are the same member (kept as members, ignored as ties). */
  selfTies: number;
}

/**
 * Reads a `source,target[,weight]` CSV (columns found by header name, in any order, other
 * columns ignored; ids are any non-empty strings). A repeated pair adds weight. Weights must
 * be non-negative numbers; a missing weight column means 1 per row. Pass `ties` to add the
 * rows to an existing buffer (and its member numbering).
 */
export async function readEdgeList(path: string, ties: TieBuffer = new TieBuffer()): Promise<EdgeList> {
  let columns: { source: number; target: number; weight: number } | undefined;
  let rows = 0;
  let selfTies = 0;
  await readCsvRecords(path, (fields, line) => {
    if (!columns) {
      const names = fields.map((f) => f.trim().toLowerCase());
      const source = names.indexOf('source');
      const target = names.indexOf('target');
      if (source < 0 || target < 0) {
        throw new InputError(path, line, `the header must name a source and a target column (found: ${fields.join(', ')})`);
      }
      columns = { source, target, weight: names.indexOf('weight') };
      return;
    }
    const width = Math.max(columns.source, columns.target, columns.weight) + 1;
    if (fields.length < width) throw new InputError(path, line, `expected at least ${width} fields, found ${fields.length}`);
    const a = fields[columns.source];
    const b = fields[columns.target];
    if (a === '' || b === '') throw new InputError(path, line, `empty ${a === '' ? 'source' : 'target'} id`);
    let weight = 1;
    if (columns.weight >= 0) {
      const text = fields[columns.weight].trim();
      weight = text === '' ? Number.NaN : Number(text);
      if (!Number.isFinite(weight)) throw new InputError(path, line, `weight '${fields[columns.weight]}' is not a number`);
      if (weight < 0) throw new InputError(path, line, `weight ${text} is negative; weights must be 0 or more`);
    }
    rows++;
    if (a === b) selfTies++;
    ties.add(a, b, weight);
  });
  if (!columns) throw new InputError(path, 0, 'the file is empty; expected a header line `source,target[,weight]`');
  if (rows === 0) throw new InputError(path, 0, 'the file has a header but no edges');
  return { ties, rows, selfTies };
}
