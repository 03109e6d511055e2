// EMV 3-D Secure on the purchase page, with the sandbox's issuer pages. The
// shop turns it on in the admin; after 「注文する」 the whole window goes to our
// page that starts the authentication (the frame inside the modal comes
// next), the issuer's page answers, and the purchase page the shopper comes
// back to shows the completion or, in words, why the card was not accepted.
// (The 3-step cart's STEP3 is in three-step.spec.ts.)
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { fillCard, readyForCard, SANDBOX_URL, setThreeDSecure } from "./fixtures/pages";

test.beforeEach(async ({ request }) => setThreeDSecure(request, true));
test.afterEach(async ({ request }) => setThreeDSecure(request, false));

async function payWith(page: Page, card: string) {
  const checkout = await readyForCard(page);
  await fillCard(page, card);
  await checkout.submit.click();
  await page.getByRole("dialog").getByRole("button", { name: "注文する" }).click();
}

async function stats(request: APIRequestContext) {
  return (await request.get(`${SANDBOX_URL}/__sandbox/stats`)).json();
}

test("a frictionless authentication completes the order with one A09", async ({ page, request }) => {
  const before = await stats(request);
  await payWith(page, "4111111111111111");
  await expect(page.getByRole("heading", { name: "ご注文ありがとうございました" })).toBeVisible();
  await expect(page).toHaveURL(/\/complete$/);
  const after = await stats(request);
  expect((after.calls.A09?.ok ?? 0) - (before.calls.A09?.ok ?? 0)).toBe(1);
  expect(after.authorizations - before.authorizations).toBe(1);
});

test("the challenge takes the one-time code, by keyboard", async ({ page }) => {
  await payWith(page, "4000000000003220");
  const code = page.getByLabel("ワンタイムパスワード");
  await expect(code).toBeVisible();
  await expect(code).toBeFocused();
  await code.fill("123456");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "ご注文ありがとうございました" })).toBeVisible();
});

test("a cancelled authentication brings the shopper back with the reason and nothing charged", async ({ page, request }) => {
  const before = await stats(request);
  await payWith(page, "4000000000003220");
  await page.getByRole("button", { name: /キャンセル/ }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  const error = page.getByTestId("payment-error");
  await expect(error).toContainText("本人認証");
  await expect(error).toContainText("A092000004");
  await expect(page.locator("#card-number")).toBeFocused();
  const after = await stats(request);
  expect(after.authorizations - before.authorizations).toBe(0);
});
