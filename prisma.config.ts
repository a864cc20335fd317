// Prisma CLI configuration. Migrations are applied offline by scripts/migrate.ts;
// `prisma migrate deploy` reads the same folder on a machine with internet.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/sib" },
});
