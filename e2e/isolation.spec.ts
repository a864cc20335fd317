// Another user's key id in a URL, an API or a form: 404 or "not found", never their data.
import OpenAI from "openai";
import { createKey, expect, query, signUp, test } from "./support/fixtures";

test("a key id of another account is not found anywhere", async ({ page, baseURL }) => {
  await signUp(page);
  const secretA = await createKey(page, "Alice private key");
  const [{ id: aliceKeyId }] = await query<{ id: string }>(`SELECT id FROM "ApiKey" WHERE name = 'Alice private key' ORDER BY "createdAt" DESC LIMIT 1`);

  await page.context().clearCookies();
  await signUp(page);
  await createKey(page, "Bob key");
  await page.keyboard.press("Escape");

  // Detail page and usage filter: 404, without the key's name.
  for (const path of [`/dashboard/keys/${aliceKeyId}`, `/dashboard/usage?key=${aliceKeyId}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByText("Alice private key")).toHaveCount(0);
  }

  // CSV export API.
  const csv = await page.request.get(`/api/usage/export?key=${aliceKeyId}`);
  expect(csv.status()).toBe(404);
  expect(await csv.text()).not.toContain("Alice");

  // Rotate and revoke forms with Alice's id swapped in: refused, her key untouched.
  await page.goto("/dashboard/keys");
  for (const action of ["Rotate", "Revoke"]) {
    await page.getByRole("button", { name: `${action} Bob key` }).click();
    const dialog = page.getByRole("dialog");
    await dialog.locator('input[name="id"]').evaluate((el, id) => ((el as HTMLInputElement).value = id), aliceKeyId);
    await dialog.getByRole("button", { name: `${action} key` }).click();
    await expect(dialog.getByRole("alert")).toHaveText("That key does not exist or was already revoked.");
    await dialog.getByRole("button", { name: "Cancel" }).click();
  }
  const alice = new OpenAI({ apiKey: secretA, baseURL: `${baseURL}/v1`, maxRetries: 0 });
  expect((await alice.models.list()).data.length).toBeGreaterThan(0);
  await expect(page.getByRole("row", { name: /Bob key/ })).toBeVisible();
});

test("the CSV export needs a session", async ({ request }) => {
  const response = await request.get("/api/usage/export");
  expect(response.status()).toBe(401);
});
