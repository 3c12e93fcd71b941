import { readCsvRecords } from './csv-records.ts';
import { InputError } from './errors.ts';

/** A member's group as read from the groups file, with the line it was given on. */
export interface GroupEntry {
  group: string;
  line: number;
}

/**
 * Reads a `member,group` CSV (columns found by header name, in any order, other columns
 * ignored): which group (street, estate, club…) each member belongs to. A member with an empty
 * group is left without one; a member given two different groups is an error naming the line.
 */
export async function readGroups(path: string): Promise<Map<string, GroupEntry>> {
  let columns: { member: number; group: number } | undefined;
  const groups = new Map<string, GroupEntry>();
  await readCsvRecords(path, (fields, line) => {
    if (!columns) {
      const names = fields.map((f) => f.trim().toLowerCase());
      const member = names.indexOf('member');
      const group = names.indexOf('group');
      if (member < 0 || group < 0) throw new InputError(path, line, `the header must name a member and a group column (found: ${fields.join(', ')})`);
      columns = { member, group };
      return;
    }
    const width = Math.max(columns.member, columns.group) + 1;
    if (fields.length < width) throw new InputError(path, line, `expected at least ${width} fields, found ${fields.length}`);
    const member = fields[columns.member];
    if (member === '') throw new InputError(path, line, 'empty member id');
    const group = fields[columns.group].trim();
    if (group === '') return;
    const earlier = groups.get(member);
    if (earlier && earlier.group !== group) {
      throw new InputError(path, line, `member '${member}' is already in group '${earlier.group}' (line ${earlier.line}); a member can be in one group only`);
    }
    if (!earlier) groups.set(member, { group, line });
  });
  if (!columns) throw new InputError(path, 0, 'the file is empty; expected a header line `member,group`');
  if (groups.size === 0) throw new InputError(path, 0, 'the file gives no member a group');
  return groups;
}
