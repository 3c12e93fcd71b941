import { getTableColumns, sql, type Column, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';

/**
 * Runs hand-written SQL and returns its rows. Both drivers (PGlite, node-postgres) answer with
 * `{ rows }`, but the shared Db type cannot say so, hence the one cast here.
 */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
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
 * A table's columns as `alias.column AS "<prefix>key"`, for a hand-written SELECT on a hot path
 * (one statement instead of several, and none of the query builder's work per call). Map the
 * rows back with `readColumns`.
 */
export function selectColumns(table: PgTable, alias: string, prefix = ''): string {
  return columnsOf(table).map(({ key, column }) => `${alias}.${column.name} AS "${prefix}${key}"`).join(', ');
}

/** A row of `table` from the columns `selectColumns` named, mapped as the query builder maps them (timestamps to Dates). */
export function readColumns<T extends PgTable>(table: T, row: Record<string, unknown>, prefix = ''): T['$inferSelect'] {
  const out: Record<string, unknown> = {};
  for (const { key, column } of columnsOf(table)) {
    const value = row[`${prefix}${key}`];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as T['$inferSelect'];
}
