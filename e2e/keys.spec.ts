// API keys by keyboard, and the plan's cap on live keys.
import { expect, signUp, test } from "./support/fixtures";

test("create keys with the keyboard until the Free plan's cap says no", async ({ page }) => {
  await signUp(page);
  await page.goto("/dashboard/keys");
  await expect(page.getByText("No API keys yet")).toBeVisible();
  for (let i = 1; i <= 5; i++) {
    await page.getByRole("button", { name: "Create key" }).first().focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Create an API key" });
    await expect(dialog.getByLabel("Name")).toBeFocused();
    await page.keyboard.type(`Service ${i}`);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("dialog", { name: "Your new API key" }).getByTestId("new-key")).toHaveText(/^sib-/);
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(page.getByTestId("key-count")).toHaveText(String(i));
  }
  await expect(page.getByText("You have reached your plan's key limit")).toBeVisible();

  await page.getByRole("button", { name: "Create key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create an API key" });
  await dialog.getByLabel("Name").fill("One too many");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Your plan allows 5 live API keys. Revoke one or upgrade your plan to create more.");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("key-count")).toHaveText("5");
});
