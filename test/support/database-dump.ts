import { DataSource } from 'typeorm';

/** Every row of every table, in a stable order: compare two dumps to prove nothing was written. */
export async function dumpDatabase(dataSource: DataSource): Promise<string> {
  const out: string[] = [];
  for (const meta of [...dataSource.entityMetadatas].sort((a, b) => a.tableName.localeCompare(b.tableName))) {
    const order = meta.primaryColumns.map((c) => c.databaseName).join(', ');
    const rows = await dataSource.query(`SELECT * FROM ${meta.tableName} ORDER BY ${order}`);
    out.push(`${meta.tableName}: ${JSON.stringify(rows)}`);
  }
  return out.join('\n');
}
