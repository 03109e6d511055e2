// A shopper opens the shop: the seeded products with tax-included prices,
// 「カゴに入れる」, and the English switch.
import { expect, test } from "@playwright/test";
import { ShopPage, watchErrors } from "./fixtures/pages";

const SEEDED = [
  { name: "静岡煎茶 深蒸し 100g", price: "¥1,080", reduced: true },
  { name: "ほうじ茶 ティーバッグ 20袋", price: "¥864", reduced: true },
  { name: "本練り羊羹 1本", price: "¥1,620", reduced: true },
  { name: "有田焼 湯呑み", price: "¥3,300", reduced: false },
  { name: "常滑焼 急須 300ml", price: "¥5,500", reduced: false },
  { name: "手ぬぐい 富士山柄", price: "¥1,210", reduced: false },
  { name: "業務用 煎茶 10kg（送料別途連絡）", price: "¥48,600", reduced: true },
  { name: "九谷焼 大皿 作家物", price: "¥330,000", reduced: false },
];

test("the shop page lists the seeded products with tax-included prices", async ({ page }) => {
  const errors = watchErrors(page);
  const shop = new ShopPage(page);
  await shop.goto();

  await expect(shop.heading).toHaveText("商品一覧");
  await expect(shop.products).toHaveCount(SEEDED.length);
  for (const item of SEEDED) {
    const card = shop.product(item.name);
    await expect(card.getByTestId("price")).toHaveText(item.price);
    await expect(card).toContainText("（税込）");
    await expect(card.getByText("※軽減税率対象")).toHaveCount(item.reduced ? 1 : 0);
    await expect(card.getByRole("button", { name: "カゴに入れる" })).toBeEnabled();
  }
  expect(errors).toEqual([]);
});

// The guide's §4, ゼロステップカート: 1. ショップページで「カゴに入れる」 → 2. 購入手続き画面
// (商品が買い物カゴに入ります). 「買い物を続ける」 goes back to the shop with the cart kept.
test("ゼロステップカート: カゴに入れる lands on the purchase page, 買い物を続ける goes back with the cart kept", async ({ page }) => {
  const errors = watchErrors(page);
  const shop = new ShopPage(page);
  await shop.goto();
  await expect(shop.cartCount).toContainText("0");
  // The header's links say which of them is the page shown.
  await expect(page.getByTestId("shop-name")).toHaveAttribute("aria-current", "page");
  await expect(shop.cartCount).not.toHaveAttribute("aria-current");

  await shop.addToCart("静岡煎茶 深蒸し 100g");
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByRole("heading", { level: 1, name: "ご購入手続き" })).toBeFocused();
  await expect(shop.cartCount).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("shop-name")).not.toHaveAttribute("aria-current");
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await expect(shop.cartCount).toContainText("1");
  await expect(shop.announcer).toHaveText("「静岡煎茶 深蒸し 100g」をカゴに入れました");

  await page.getByRole("link", { name: "買い物を続ける" }).click();
  await expect(shop.heading).toHaveText("商品一覧");
  await expect(shop.cartCount).toContainText("1");
  await shop.addToCart("静岡煎茶 深蒸し 100g");
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByTestId("quantity")).toHaveText("2");

  await page.getByRole("link", { name: "買い物を続ける" }).click();
  await shop.addToCart("有田焼 湯呑み");
  await expect(page.getByTestId("cart-line")).toHaveCount(2);
  await expect(shop.cartCount).toContainText("3");
  expect(errors).toEqual([]);
});

test("ゼロステップカート by keyboard alone at 360 px: Enter on カゴに入れる, then on 買い物を続ける", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const shop = new ShopPage(page);
  await shop.goto();
  await shop.product("有田焼 湯呑み").getByRole("button", { name: "カゴに入れる" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/checkout$/);
  // The focus starts from the page's heading, not from the top of the document.
  await expect(page.getByRole("heading", { level: 1, name: "ご購入手続き" })).toBeFocused();
  const back = page.getByRole("link", { name: "買い物を続ける" });
  for (let i = 0; i < 30 && !(await back.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(back).toBeFocused();
  const box = await back.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(360);
  await page.keyboard.press("Enter");
  await expect(shop.heading).toHaveText("商品一覧");
  await expect(shop.cartCount).toContainText("1");
});

test("the language switch shows the page in English and back", async ({ page }) => {
  const shop = new ShopPage(page);
  await shop.goto();
  await shop.languageSwitch.click();
  await expect(shop.heading).toHaveText("Products");
  // The shop's own texts follow where it gave them in English (the demo's products have English names).
  await expect(shop.product("Arita porcelain teacup").getByRole("button", { name: "Add to cart" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  // The choice is kept: a reload stays in English.
  await page.reload();
  await expect(shop.heading).toHaveText("Products");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await shop.languageSwitch.click();
  await expect(shop.heading).toHaveText("商品一覧");
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
});

test("an unknown route shows a not-found page with a way back", async ({ page }) => {
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { name: "ページが見つかりません" })).toBeVisible();
  await page.getByRole("link", { name: "ショップに戻る" }).click();
  await expect(page.getByRole("heading", { name: "商品一覧" })).toBeVisible();
});

test("a failed catalogue load says so and can be retried", async ({ page }) => {
  let fail = true;
  await page.route("**/api/products", async (route) => {
    if (fail) {
      await route.fulfill({
        status: 500,
        contentType: "application/json",
        body: JSON.stringify({
          code: "internal_error",
          message: { ja: "サーバーで問題が発生しました。", en: "Something went wrong on our side." },
        }),
      });
    } else {
      await route.continue();
    }
  });
  await page.goto("/");
  const error = page.getByTestId("load-error");
  await expect(error).toContainText("読み込めませんでした。");
  await expect(error).toContainText("internal_error");
  // In the chosen language only.
  await expect(error).toContainText("サーバーで問題が発生しました。");
  await expect(error).not.toContainText("Something went wrong");
  fail = false;
  await error.getByRole("button", { name: "再読み込み" }).click();
  await expect(page.getByTestId("product")).toHaveCount(SEEDED.length);
});
