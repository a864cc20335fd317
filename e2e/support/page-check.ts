// One page's accessibility and look: axe at two widths, console errors, full-page screenshots.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

const WIDTHS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "mobile", width: 390, height: 844 },
];

function fileName(path: string): string {
  return path.replace(/^\/$/, "/home").replace(/\/keys\/\w+$/, "/key-detail").replace(/\/requests\/\w+$/, "/request-detail").slice(1).replace(/[/?=&]/g, "-");
}

/** Open `path` at desktop and mobile widths: under 400, no serious axe violations, no console errors; a full-page screenshot of each. */
export async function check(page: Page, path: string): Promise<void> {
  const errors: string[] = [];
  const onConsole = (msg: { type(): string; text(): string }) => {
    if (msg.type() === "error") errors.push(msg.text());
  };
  const onError = (err: Error) => errors.push(err.message);
  page.on("console", onConsole);
  page.on("pageerror", onError);
  for (const size of WIDTHS) {
    await page.setViewportSize({ width: size.width, height: size.height });
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(400);
    await page.waitForLoadState("networkidle");
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`), `${path} at ${size.name}`).toEqual([]);
    await page.screenshot({ path: `test-results/screens/${size.name}/${fileName(path)}.png`, fullPage: true });
  }
  page.off("console", onConsole);
  page.off("pageerror", onError);
  expect(errors, `console errors on ${path} (hydration mismatches included)`).toEqual([]);
}
