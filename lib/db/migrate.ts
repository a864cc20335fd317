// Apply pending migrations with the offline schema engine.
import { applyMigrations, openEngine } from "./schema-engine";

/** Apply pending migrations to `url`; logs what it applied. */
export async function migrate(url: string, log: (line: string) => void = console.log): Promise<void> {
  const engine = await openEngine(url);
  try {
    const applied = await applyMigrations(engine);
    log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.");
  } finally {
    engine.free();
  }
}
