// SIB_ROLE=api: the production server answers /v1 and the ops endpoints without loading Next —
// it starts with no production build present, and web paths get a 404 that says why.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnect } from "../../lib/db";
import { seedCatalog } from "../../lib/gateway/catalog";
import { freePort } from "../../scripts/free-port";
import { newAccount } from "../gateway/harness";
import { processEnv } from "../support/processes";

beforeAll(seedCatalog);
afterAll(disconnect);

describe("API-only process", () => {
  it("serves /v1 and health without Next, names its role on web paths, and exits 0 on SIGTERM with Redis configured", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
      env: { ...process.env, ...processEnv({ SIB_ROLE: "api", LOG_LEVEL: "info", PORT: String(port), HOST: "127.0.0.1", NEXTAUTH_SECRET: "x".repeat(32), NEXT_DIST_DIR: ".no-such-build" }) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    try {
      const base = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 60_000;
      while (!output.includes("listening")) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(output).toContain("API only");
      const { key } = await newAccount();
      const chat = await fetch(`${base}/v1/chat/completions`, {
        method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "deepseek-chat", messages: [{ role: "user", content: "hi" }] }),
      });
      expect(chat.status).toBe(200);
      expect(((await chat.json()) as { object: string }).object).toBe("chat.completion");
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const page = await fetch(`${base}/login`);
      expect(page.status).toBe(404);
      expect(await page.text()).toContain("SIB_ROLE=api");
    } catch (err) {
      child.kill("SIGKILL");
      throw new Error(`${(err as Error).message}\nserver output:\n${output}`);
    }
    child.kill("SIGTERM");
    expect(await exited, output).toBe(0);
  }, 120_000);
});
