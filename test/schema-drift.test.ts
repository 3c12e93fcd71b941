// The Drizzle schema (server/db/schema.ts) must describe the tables the SQL migrations make:
// every column Drizzle knows must exist with a compatible type.
import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as schema from '../server/db/schema.ts';
import { createTestContext, type TestContext } from './context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

it('matches the migrated database column for column', async () => {
  const rows = await ctx.database.query<{ table_name: string; column_name: string; udt_name: string; is_nullable: string }>(
    `SELECT table_name, column_name, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  const actual = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r]));
  const problems: string[] = [];
  let checked = 0;
  for (const table of Object.values(schema)) {
    if (!is(table, PgTable)) continue;
    const name = getTableName(table);
    for (const column of Object.values(getTableColumns(table))) {
      checked++;
      const found = actual.get(`${name}.${column.name}`);
      if (!found) {
        problems.push(`${name}.${column.name} is in schema.ts but not in the database`);
        continue;
      }
      const sqlType = column.getSQLType().replace(/\(.*\)/, '').replace('[]', '');
      const udt = found.udt_name.replace(/^_/, '');
      const same: Record<string, string[]> = {
        text: ['text'], uuid: ['uuid'], boolean: ['bool'], integer: ['int4'], serial: ['int4'], bigserial: ['int8'], bigint: ['int8'],
        'double precision': ['float8'], 'timestamp with time zone': ['timestamptz'], date: ['date'], bytea: ['bytea'], jsonb: ['jsonb'], real: ['float4'], smallint: ['int2'],
      };
      if (!(same[sqlType] ?? [sqlType]).includes(udt)) problems.push(`${name}.${column.name}: schema.ts says ${sqlType}, database has ${found.udt_name}`);
      if (column.notNull !== (found.is_nullable === 'NO')) problems.push(`${name}.${column.name}: nullability differs`);
    }
  }
  expect(checked).toBeGreaterThan(100);
  expect(problems).toEqual([]);
});
