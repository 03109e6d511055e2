// English all the way (issue 22, item 8): a shopper who chose English reads
// the shop's own texts — product, payment and delivery names, notes — in
// English where the merchant gave them and in Japanese where it did not, and
// English examples in the inputs. The merchant gives them in the admin, each
// optional. On a phone, where most shoppers are.
import { test, expect, type APIRequestContext } from "@playwright/test";
import { ADMIN_PASSWORD, ADMIN_URL, CheckoutPage, ShopPage, logIn, openCardSettings, watchErrors } from "./fixtures/pages";

test.use({ viewport: { width: 360, height: 740 } });

/** Puts the demo's English names back: the card's and 宅配便's. */
async function restoreEnglishNames(request: APIRequestContext) {
  const login = await request.post(`${ADMIN_URL}/api/admin/login`, { data: { login: "admin", password: ADMIN_PASSWORD } });
  expect(login.status()).toBe(200);
  const headers = { "X-CSRF-Token": (await login.json()).csrf_token };
  const card = await (await request.get(`${ADMIN_URL}/api/admin/settings/card`, { headers })).json();
  delete card.trader_code;
  delete card.access_key_set;
  card.en.name = "Credit card";
  expect((await request.put(`${ADMIN_URL}/api/admin/settings/card`, { headers, data: card })).status()).toBe(204);
  const [takkyubin] = await (await request.get(`${ADMIN_URL}/api/admin/settings/delivery`, { headers })).json();
  takkyubin.name_en = "Home delivery";
  expect((await request.put(`${ADMIN_URL}/api/admin/settings/delivery/takkyubin`, { headers, data: takkyubin })).status()).toBe(204);
}

/** The shop in English, from a clean cart, with `product` in the cart. */
async function inEnglishWith(page: import("@playwright/test").Page, product: string) {
  await page.goto("/");
  await page.evaluate(() => localStorage.clear());
  const shop = new ShopPage(page);
  await shop.goto();
  await shop.languageSwitch.click();
  await expect(shop.heading).toHaveText("Products");
  await shop.addToCart(product);
  await expect(page).toHaveURL(/\/checkout$/);
  return new CheckoutPage(page);
}

test("a shopper who chose English reads the shop's own texts in English, with English examples", async ({ page }) => {
  const errors = watchErrors(page);
  const checkout = await inEnglishWith(page, "Arita porcelain teacup");
  await expect(checkout.cartLines).toContainText("Arita porcelain teacup");
  // Examples a shopper abroad recognises; the reading stays katakana, as the field asks.
  await expect(checkout.field("buyer-family")).toHaveAttribute("placeholder", "Smith");
  await expect(checkout.field("buyer-given")).toHaveAttribute("placeholder", "Anna");
  await expect(checkout.field("buyer-family-kana")).toHaveAttribute("placeholder", "スミス");
  await expect(checkout.field("buyer-email")).toHaveAttribute("placeholder", "anna@example.com");
  await expect(page.locator("#delivery-method option:checked")).toHaveText("Home delivery");
  await expect(page.locator('label[for="payment-card"]')).toHaveText("Credit card");
  await expect(page.locator('label[for="payment-bank_transfer"]')).toHaveText("Bank transfer");
  await expect(page.getByTestId("payment-option-bank_transfer")).toContainText("Please pay within 7 days");
  await checkout.fillBuyer();
  await checkout.paymentOption("card").check();
  await expect(page.getByTestId("card-notice")).toHaveText(
    "Your card details go straight to Yamato Transport's payment system, never through our servers.",
  );
  await checkout.paymentOption("bank_transfer").check();
  await checkout.submit.click();
  const modal = page.getByRole("dialog");
  await expect(modal).toContainText("Arita porcelain teacup × 1");
  await expect(modal).toContainText("Bank transfer");
  await expect(modal).toContainText("Home delivery");
  await expect(modal).not.toContainText(/有田焼|銀行振込|宅配便/);
  await page.keyboard.press("Escape");
  await expect(modal).toBeHidden();

  // Back in Japanese, the same texts follow at once.
  await page.getByRole("button", { name: "日本語" }).click();
  await expect(checkout.cartLines).toContainText("有田焼 湯呑み");
  await expect(page.locator('label[for="payment-card"]')).toHaveText("クレジットカード決済");
  await expect(page.locator("#delivery-method option:checked")).toHaveText("宅配便");
  await expect(checkout.field("buyer-family")).toHaveAttribute("placeholder", "山田");
  expect(errors).toEqual([]);
});

test("the merchant's English texts are optional: one given in the admin is shown, one left empty falls back to Japanese", async ({ page, request }) => {
  try {
    // (The login screen's own session check answers 401: watched from after it.)
    await logIn(page);
    const errors = watchErrors(page);
    await openCardSettings(page);
    const nameEn = page.getByLabel("支払方法の名称（英語・任意）");
    await expect(nameEn).toHaveValue("Credit card");
    await nameEn.fill("Card (Visa, Mastercard, JCB)");
    await page.getByRole("button", { name: "確認画面へ" }).click();
    await expect(page.getByTestId("confirm-name-en")).toHaveText("Card (Visa, Mastercard, JCB)");
    await page.getByRole("button", { name: "設定する" }).click();
    await expect(page.getByTestId("settings-message")).toContainText("設定しました");

    await page.getByRole("link", { name: "宅配便・送料計算" }).click();
    await page.getByRole("button", { name: "宅配便を編集" }).click();
    const takkyubin = page.getByRole("region", { name: "宅配便基本設定" });
    await expect(takkyubin.getByLabel("配送方法の名称（英語・任意）")).toHaveValue("Home delivery");
    await takkyubin.getByLabel("配送方法の名称（英語・任意）").fill("");
    await takkyubin.getByRole("button", { name: "確認画面へ" }).click();
    await expect(page.getByTestId("delivery-confirm")).toContainText("なし（日本語を表示）");
    await page.getByRole("button", { name: "設定する" }).click();
    await expect(page.getByTestId("delivery-message")).toContainText("設定しました");

    await inEnglishWith(page, "Tokoname teapot, 300 ml");
    await expect(page.locator('label[for="payment-card"]')).toHaveText("Card (Visa, Mastercard, JCB)");
    await expect(page.locator("#delivery-method option:checked")).toHaveText("宅配便");
    expect(errors).toEqual([]);
  } finally {
    await restoreEnglishNames(request);
  }
});
