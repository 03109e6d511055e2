// The parts of the checkout loaded on demand (the confirmation modal, the
// 3-D Secure dialog, the completion page, the shop's page): they are not
// part of the purchase page's first load, the purchase page fetches the
// ones a purchase goes on to once the shopper starts on it, and one that
// cannot be fetched says so, loses nothing, and comes once it can.
import { expect, test } from "@playwright/test";
import { CheckoutPage } from "./fixtures/pages";

const MODAL = /_split_confirm_modal\.wasm$/;

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await page.evaluate(() => localStorage.clear());
});

test("the purchase page's first load leaves the parts out, and fetches the modal's once the shopper starts", async ({ page }) => {
  const checkout = new CheckoutPage(page);
  await checkout.fromShop("有田焼 湯呑み");
  const fetched: string[] = [];
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  await page.reload();
  await expect(checkout.total).toHaveText(/¥[\d,]+/);
  // Loaded and left alone: no part comes, not even once the page is idle.
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => new Promise((done) => requestIdleCallback(() => done(null))));
  expect(fetched.filter((p) => /_split_\w+\.wasm$/.test(p))).toEqual([]);
  // The shopper types a first key: the modal's part comes before 注文確認する
  // is pressed, and the shop's does not.
  await checkout.field("buyer-family").press("Shift");
  await expect.poll(() => fetched.some((p) => MODAL.test(p))).toBe(true);
  await expect.poll(() => fetched.some((p) => /_split_complete_page\.wasm$/.test(p))).toBe(true);
  expect(fetched.filter((p) => p.includes("_split_shop_page"))).toEqual([]);
  expect(fetched.filter((p) => /_split\.js$/.test(p))).toHaveLength(1);
});

test("a part that cannot be fetched says so, and the order goes on once it can", async ({ page }) => {
  const checkout = new CheckoutPage(page);
  await checkout.fromShop("有田焼 湯呑み");
  await page.route(MODAL, (route) => route.abort("internetdisconnected"));
  await page.reload();
  await checkout.fillBuyer();
  await checkout.paymentOption("bank_transfer").check();
  await checkout.submit.click();
  await expect(page.getByTestId("part-unavailable")).toContainText("この部分を読み込めませんでした");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // The connection is back: 注文確認する again opens the modal, with what
  // was filled in still there.
  await page.unroute(MODAL);
  await checkout.submit.click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("山田");
  await dialog.getByRole("button", { name: "注文する" }).click();
  await expect(page.getByRole("heading", { name: "ご注文ありがとうございました" })).toBeVisible();
});
