// Per worker: point the app's config at the run's test database before anything reads it.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.NODE_ENV = "test";
process.env.LOG_LEVEL ??= "warn";
