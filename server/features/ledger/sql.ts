import { createHash } from 'node:crypto';
import { getTableColumns, type Column, type SQL } from 'drizzle-orm';
import { PgDialect, type PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';

/**
 * Runs hand-written SQL and returns its rows. Both drivers (PGlite, node-postgres) answer with
 * `{ rows }`, but the shared Db type cannot say so, hence the one cast here.
 */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

const dialect = new PgDialect();
const statementNames = new Map<string, string>();
/** Shapes beyond this many run unprepared, so that an unforeseen variety cannot fill each connection with statements. */
const MAX_PREPARED = 200;

/**
 * Runs a statement of a hot path (the confirmation of an exchange, a posting) and returns its
 * rows, like queryRows. On PostgreSQL it is a named prepared statement, so each connection
 * parses and plans it once rather than on every call; the name comes from the text, so each
 * shape of a statement (say, with one notification or two) is its own. PGlite has one
 * connection and runs it as any other query.
 */
export async function queryPrepared<T>(db: Db, query: SQL): Promise<T[]> {
  const built = dialect.sqlToQuery(query);
  let name = statementNames.get(built.sql);
  if (!name && statementNames.size < MAX_PREPARED) {
    name = `kith_${createHash('sha1').update(built.sql).digest('hex').slice(0, 24)}`;
    statementNames.set(built.sql, name);
  }
  const result = await db._.session.prepareQuery(built, undefined, name, false).execute();
  return (result as { rows: T[] }).rows;
}

type ColumnList = { key: string; column: Column }[];
const columnLists = new WeakMap<PgTable, ColumnList>();

function columnsOf(table: PgTable): ColumnList {
  let list = columnLists.get(table);
  if (!list) {
    list = Object.entries(getTableColumns(table)).map(([key, column]) => ({ key, column }));
    columnLists.set(table, list);
  }
  return list;
}

/**
 * A row of `table` from its `to_jsonb(row)` (keys are the column names), mapped as the query
 * builder maps rows (timestamps to Dates). A hot-path statement that reads several tables'
 * rows as JSON is far cheaper to plan than one that lists every column.
 */
export function fromJsonRow<T extends PgTable>(table: T, json: Record<string, unknown>): T['$inferSelect'] {
  const out: Record<string, unknown> = {};
  for (const { key, column } of columnsOf(table)) {
    const value = json[column.name];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as T['$inferSelect'];
}
