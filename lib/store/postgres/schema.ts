/**
 * The PostgreSQL schema is rendered from prisma/schema.prisma (the one place models are written):
 * same models, fields and indexes; only the datasource provider and the generated client's folder
 * differ. `npm run db:postgres` (regenerate.ts) writes it to prisma/postgresql/schema.prisma with
 * the migration that brings the previous rendering up to date; migrate.test.ts fails when either is
 * stale.
 */
export const POSTGRES_SCHEMA_FILE = "prisma/postgresql/schema.prisma";
export const POSTGRES_MIGRATIONS_DIRECTORY = "prisma/postgresql/migrations";

const HEADER = `// GENERATED from prisma/schema.prisma by \`npm run db:postgres\`: do not edit. Edit the SQLite schema,
// add its migration, then run the command (it writes this file and the PostgreSQL migration).
`;

export function renderPostgresSchema(sqliteSchema: string): string {
  const datasource = /datasource\s+db\s*\{[^}]*\}/;
  const generator = /generator\s+client\s*\{[^}]*\}/;
  if (!datasource.test(sqliteSchema) || !generator.test(sqliteSchema)) {
    throw new Error("prisma/schema.prisma: expected `generator client` and `datasource db` blocks");
  }
  const rendered = sqliteSchema
    .replace(datasource, (block) => block.replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"'))
    .replace(generator, (block) => block.replace(/output\s*=\s*"[^"]*"/, 'output     = "../../generated/prisma-postgresql"'));
  return HEADER + rendered;
}
