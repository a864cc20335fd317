// The real services tests run against. Defaults match the CI machine; override with
// TEST_DATABASE_URL / TEST_REDIS_URL.
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
