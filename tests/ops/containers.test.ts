// The container files, checked as far as this machine allows (no image can be built here):
// compose.yaml parses and is wired together, its app environment is a valid configuration
// for lib/env.ts; the Dockerfile runs the README's own production commands as a non-root
// user; the Grafana dashboard queries only metrics this app exports.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseEnv } from "../../lib/env";
import { metrics } from "../../lib/observability/metrics";

type Service = {
  build?: string; image?: string; ports?: string[]; environment?: Record<string, string>;
  healthcheck?: { test: string[] }; depends_on?: Record<string, { condition: string }>;
};
const compose = parse(readFileSync("compose.yaml", "utf8"), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const dockerfile = readFileSync("Dockerfile", "utf8");
const dockerignore = readFileSync(".dockerignore", "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));

/** Compose's interpolation: ${VAR:-default} and ${VAR:?error}, with `given` as the shell environment. */
function interpolate(value: string, given: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_m, name: string, op?: string, arg?: string) => {
    if (given[name]) return given[name];
    if (op === "?") throw new Error(`compose would stop: ${arg}`);
    return op === "-" ? (arg ?? "") : "";
  });
}

const shell = { POSTGRES_PASSWORD: "pg-pass", NEXTAUTH_SECRET: "a-long-random-secret-for-the-check" };
const apps = Object.entries(compose.services).filter(([, s]) => s.build === ".");

describe("compose.yaml", () => {
  it("runs two app instances over one PostgreSQL and one Redis, each waiting for what it needs", () => {
    expect(apps.map(([name]) => name)).toEqual(["app-1", "app-2"]);
    expect(Object.keys(compose.services).sort()).toEqual(["app-1", "app-2", "postgres", "redis"]);
    const hostPorts = apps.map(([, s]) => s.ports?.[0]?.split(":")[0]);
    expect(new Set(hostPorts).size).toBe(2);
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.healthcheck?.test.length, `${name} healthcheck`).toBeGreaterThan(1);
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(compose.services[dependency], `${name} depends on ${dependency}`).toBeDefined();
        expect(condition).toBe("service_healthy");
      }
    }
    const waitsFor = (name: string): string[] => Object.keys(compose.services[name].depends_on ?? {}).flatMap((d) => [d, ...waitsFor(d)]);
    for (const [name] of apps) expect(waitsFor(name)).toEqual(expect.arrayContaining(["postgres", "redis"]));
    for (const [, service] of apps) expect(service.healthcheck!.test.join(" ")).toContain("/readyz");
    for (const volume of ["pgdata", "redisdata"]) expect(compose.volumes).toHaveProperty(volume);
  });

  it("gives each app an environment lib/env.ts accepts, pointing at the compose services", () => {
    for (const [name, service] of apps) {
      const environment = Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), shell)]));
      const config = parseEnv({ ...environment, NODE_ENV: "production" });
      for (const key of Object.keys(environment)) expect(config, `${name}: ${key} is not a variable of lib/env.ts`).toHaveProperty(key);
      expect(new URL(config.DATABASE_URL!).host).toBe("postgres:5432");
      expect(new URL(config.DATABASE_URL!).password).toBe(interpolate(compose.services.postgres.environment!.POSTGRES_PASSWORD, shell));
      expect(new URL(config.DATABASE_URL!).username).toBe(compose.services.postgres.environment!.POSTGRES_USER);
      expect(new URL(config.REDIS_URL!).host).toBe("redis:6379");
      expect(config.LOG_FORMAT).toBe("json");
    }
  });

  it("refuses to start without the database password and the session secret", () => {
    const env = apps[0][1].environment!;
    expect(() => interpolate(env.DATABASE_URL, { NEXTAUTH_SECRET: "x" })).toThrow(/POSTGRES_PASSWORD/);
    expect(() => interpolate(env.NEXTAUTH_SECRET, { POSTGRES_PASSWORD: "x" })).toThrow(/NEXTAUTH_SECRET/);
  });
});

describe("Dockerfile", () => {
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const final = stages.at(-1)!;

  it("builds with the README's production commands in one stage and runs as a non-root user in another", () => {
    const readme = readFileSync("README.md", "utf8");
    for (const command of ["npm ci", "npm run build", "npm start"]) expect(readme).toContain(command);
    expect(stages.length).toBe(2);
    expect(stages[0]).toMatch(/^RUN npm ci$/m);
    expect(stages[0]).toMatch(/^RUN npm run build\b/m);
    expect(final).toMatch(/^COPY --from=build /m);
    expect(final).toMatch(/^CMD \["npm", "start"\]$/m);
    const user = /^USER (\S+)$/m.exec(final)?.[1];
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user);
    expect(final.indexOf("USER ")).toBeLessThan(final.indexOf("CMD "));
    expect(final).toMatch(/^HEALTHCHECK .*\n?.*\/healthz/m);
  });

  it("keeps the embedded database's data on a volume", () => {
    expect(final).toMatch(/^ENV .*\bDATA_DIR=\/data\b/m);
    expect(final).toMatch(/^VOLUME \/data$/m);
    expect(final).toMatch(/chown node:node \/data/);
  });

  it("copies only files that exist, and its context leaves out dependencies, builds, data and secrets", () => {
    for (const line of dockerfile.split("\n").filter((l) => l.startsWith("COPY ") && !l.includes("--from"))) {
      for (const source of line.split(/\s+/).slice(1, -1)) expect(existsSync(source), source).toBe(true);
    }
    for (const excluded of ["node_modules", ".next", ".data", ".env", ".env.*", "lib/generated", ".git"]) expect(dockerignore).toContain(excluded);
  });
});

describe("ops/grafana-dashboard.json", () => {
  it("queries only metric families this app exports", async () => {
    const dashboard = JSON.parse(readFileSync("ops/grafana-dashboard.json", "utf8")) as { panels: { title: string; targets: { expr: string }[] }[] };
    const families = (await metrics().registry.getMetricsAsJSON()).flatMap((m) => String(m.type) === "histogram" ? [`${m.name}_bucket`, `${m.name}_sum`, `${m.name}_count`] : [m.name]);
    expect(dashboard.panels.length).toBeGreaterThan(10);
    const used = new Set<string>();
    for (const panel of dashboard.panels) {
      expect(panel.targets.length, panel.title).toBeGreaterThan(0);
      for (const { expr } of panel.targets) {
        for (const name of expr.match(/\b(sib|process|nodejs)_[a-z0-9_]+/g) ?? []) {
          expect(families, `${panel.title}: ${name}`).toContain(name);
          used.add(name.replace(/_(bucket|sum|count)$/, ""));
        }
      }
    }
    const ours = (await metrics().registry.getMetricsAsJSON()).map((m) => m.name).filter((n) => n.startsWith("sib_"));
    expect([...used].filter((n) => n.startsWith("sib_")).sort()).toEqual(ours.sort());
  });
});
