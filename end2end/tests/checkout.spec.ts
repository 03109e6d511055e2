// The zero-step purchase page: cart, details with postal autofill,
// server-priced totals, validation, and when card payment is unavailable.
import { expect, test } from "@playwright/test";
import { CheckoutPage, watchErrors } from "./fixtures/pages";

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await page.evaluate(() => localStorage.clear());
});

test("add products → cart → details with postal autofill → totals follow the prefecture", async ({ page }) => {
  const errors = watchErrors(page);
  const checkout = new CheckoutPage(page);
  await checkout.fromShop("静岡煎茶 深蒸し 100g", "手ぬぐい 富士山柄");

  await expect(checkout.shipping).toHaveText("住所入力後に表示");
  await expect(checkout.total).toHaveText("¥2,290");

  await checkout.fillBuyer();
  await expect(checkout.field("buyer-prefecture")).toHaveValue("13");
  await expect(checkout.field("buyer-city")).toHaveValue("千代田区千代田");
  await expect(page.getByTestId("buyer-postal-hint")).toContainText("自動入力");
  await expect(checkout.field("buyer-family-kana")).toHaveValue("ヤマダ");
  await expect(checkout.shipping).toHaveText("¥880");
  await expect(checkout.total).toHaveText("¥3,170");
  // 1,210 + 880 at 10% → tax 190; 1,080 at 8% → tax 80.
  await expect(page.getByTestId("summary-rate-10")).toContainText("¥2,090（内消費税 ¥190）");
  await expect(page.getByTestId("summary-rate-8")).toContainText("¥1,080（内消費税 ¥80）");

  // Another delivery address in Hokkaido: the fee follows it.
  await page.getByLabel("別の住所に届ける").check();
  await checkout.field("ship-postal").fill("060-0000");
  await expect(checkout.field("ship-prefecture")).toHaveValue("1");
  await expect(checkout.shipping).toHaveText("¥1,320");
  await page.getByLabel("ご注文者と同じ").check();
  await expect(checkout.shipping).toHaveText("¥880");

  // Quantity change to reach free shipping, removal, and the cart survives a reload.
  const tea = checkout.cartLines.filter({ hasText: "静岡煎茶" });
  for (let i = 0; i < 3; i++) await tea.getByRole("button", { name: "数量を増やす" }).click();
  await expect(tea.getByTestId("quantity")).toHaveText("4");
  await expect(checkout.shipping).toHaveText("送料無料");
  await expect(checkout.total).toHaveText("¥5,530");
  await page.reload();
  await expect(checkout.cartLines).toHaveCount(2);
  await expect(checkout.cartLines.filter({ hasText: "静岡煎茶" }).getByTestId("quantity")).toHaveText("4");
  await checkout.cartLines.filter({ hasText: "手ぬぐい" }).getByRole("button", { name: "削除" }).click();
  await expect(checkout.cartLines).toHaveCount(1);
  await checkout.cartLines.getByRole("button", { name: "削除" }).click();
  await expect(page.getByTestId("empty-cart")).toContainText("買い物カゴに商品がありません。");
  await page.getByRole("link", { name: "ショップに戻る" }).click();
  await expect(page.getByRole("heading", { name: "商品一覧" })).toBeVisible();
  expect(errors).toEqual([]);
});

test("a postal code shared by several towns offers a choice", async ({ page }) => {
  const checkout = new CheckoutPage(page);
  await checkout.fromShop("有田焼 湯呑み");
  await checkout.field("buyer-postal").fill("4520961");
  await page.getByLabel("地域を選択").selectOption({ label: "愛知県清須市春日一番割" });
  await expect(checkout.field("buyer-city")).toHaveValue("清須市春日一番割");
  await expect(checkout.field("buyer-prefecture")).toHaveValue("23");
  await checkout.field("buyer-postal").fill("9999999");
  await expect(page.getByTestId("buyer-postal-hint")).toContainText("見つかりませんでした");
  await expect(checkout.field("buyer-city")).toBeEditable();
});

test("invalid inputs show the rule beside the field, and submit focuses the first", async ({ page }) => {
  const checkout = new CheckoutPage(page);
  await checkout.fromShop("有田焼 湯呑み");

  await checkout.submit.click();
  await expect(checkout.field("buyer-family")).toBeFocused();
  await expect(checkout.error("buyer-family")).toHaveText("姓を入力してください。");
  await expect(checkout.error("payment-method")).toHaveText("お支払い方法を選択してください。");
  await expect(page.getByTestId("announcer")).toContainText("入力内容に");

  const cases: [string, string, string][] = [
    ["buyer-family", "ﾔﾏﾀﾞ", "半角カナは使えません。全角で入力してください。"],
    ["buyer-given", "髙", "「髙」は使用できない文字です"],
    ["buyer-family-kana", "山田", "セイ（フリガナ）はカタカナで入力してください。"],
    ["buyer-email", "taro.example.jp", "メールアドレスの形式が正しくありません"],
    ["buyer-phone", "03-1234-567", "電話番号は10桁または11桁で入力してください。"],
    ["buyer-postal", "12345", "郵便番号は7桁の数字で入力してください"],
  ];
  for (const [id, value, message] of cases) {
    await checkout.field(id).fill(value);
    await checkout.field(id).blur();
    await expect(checkout.error(id)).toContainText(message);
    await expect(checkout.field(id)).toHaveAttribute("aria-invalid", "true");
  }
  // Fixing a field clears its message.
  await checkout.field("buyer-phone").fill("03-1234-5678");
  await checkout.field("buyer-phone").blur();
  await expect(checkout.error("buyer-phone")).toHaveText("");
  await expect(checkout.field("buyer-phone")).toHaveAttribute("aria-invalid", "false");
});

test("over 300,000 yen, card payment is unselectable with the reason", async ({ page }) => {
  const checkout = new CheckoutPage(page);
  await checkout.fromShop("九谷焼 大皿 作家物");
  await checkout.field("buyer-postal").fill("100-0001");
  await expect(checkout.total).toHaveText("¥330,000");
  await expect(checkout.paymentOption("card")).toBeDisabled();
  await expect(checkout.paymentReason("card")).toHaveText(
    "クレジットカード決済は1回のお支払いが30万円（税込）までのため、ご利用いただけません。",
  );
  await expect(checkout.paymentOption("bank_transfer")).toBeEnabled();
});

test("別途連絡 shipping leaves the amount undetermined and the card unselectable", async ({ page }) => {
  const checkout = new CheckoutPage(page);
  await checkout.fromShop("業務用 煎茶 10kg（送料別途連絡）");
  await checkout.field("buyer-postal").fill("100-0001");
  await expect(checkout.shipping).toHaveText("別途連絡");
  await expect(page.getByTestId("summary-undetermined")).toBeVisible();
  await expect(checkout.paymentOption("card")).toBeDisabled();
  await expect(checkout.paymentReason("card")).toContainText("送料が「別途連絡」となりお支払い金額が確定しないため");

  // A remote destination (Okinawa) does the same for ordinary goods, and choosing the card first is undone.
  await page.goto("/");
  await page.evaluate(() => localStorage.clear());
  await checkout.fromShop("有田焼 湯呑み");
  await checkout.paymentOption("card").check();
  await expect(page.getByTestId("card-notice")).toContainText("ヤマト運輸の決済システムへ直接送信");
  await checkout.field("buyer-postal").fill("907-1801");
  await expect(checkout.shipping).toHaveText("別途連絡");
  await expect(checkout.paymentOption("card")).toBeDisabled();
  await expect(checkout.paymentOption("card")).not.toBeChecked();
});

test("the English switch translates the purchase page", async ({ page }) => {
  const checkout = new CheckoutPage(page);
  await checkout.fromShop("有田焼 湯呑み");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible();
  await expect(page.getByText("Your details")).toBeVisible();
  await expect(page.getByRole("button", { name: "Review order" })).toBeVisible();
  await checkout.submit.click();
  await expect(checkout.error("buyer-family")).toHaveText("Please enter your family name.");
  await expect(checkout.shipping).toHaveText("Shown after the address");
});

for (const viewport of [{ width: 360, height: 740 }]) {
  test(`the journey works at ${viewport.width}×${viewport.height}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const checkout = new CheckoutPage(page);
    await checkout.fromShop("静岡煎茶 深蒸し 100g");
    await checkout.fillBuyer();
    await expect(checkout.shipping).toHaveText("¥880");
    await checkout.paymentOption("bank_transfer").check();
    await checkout.submit.click();
    await expect(page.getByRole("dialog", { name: "ご注文内容の確認" })).toBeVisible();
    await page.keyboard.press("Escape");
    // Nothing overflows the narrow screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
}

test("the whole page works with the keyboard alone", async ({ page }) => {
  const checkout = new CheckoutPage(page);
  await checkout.fromShop("静岡煎茶 深蒸し 100g");
  const tabTo = async (id: string) => {
    for (let i = 0; i < 60; i++) {
      if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
      await page.keyboard.press("Tab");
    }
    throw new Error(`Tab never reached #${id}`);
  };
  const typeInto = async (id: string, text: string) => {
    await tabTo(id);
    await page.keyboard.type(text);
  };
  await page.locator("body").focus();
  await typeInto("buyer-family", "山田");
  await typeInto("buyer-given", "太郎");
  await typeInto("buyer-family-kana", "ヤマダ");
  await typeInto("buyer-given-kana", "タロウ");
  await typeInto("buyer-email", "taro@example.jp");
  await typeInto("buyer-phone", "09012345678");
  await typeInto("buyer-postal", "1000001");
  await expect(checkout.field("buyer-city")).toHaveValue("千代田区千代田");
  await typeInto("buyer-line1", "1-2-3");
  await tabTo("payment-card");
  await page.keyboard.press("ArrowDown");
  await expect(checkout.paymentOption("bank_transfer")).toBeChecked();
  for (let i = 0; i < 5 && !(await checkout.submit.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(checkout.submit).toBeFocused();
  await page.keyboard.press("Enter");
  const modal = page.getByRole("dialog", { name: "ご注文内容の確認" });
  await expect(modal).toBeVisible();
  await expect(modal.getByRole("button", { name: "戻る" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(modal).toBeHidden();
  await expect(checkout.submit).toBeFocused();
});

test("the purchase page loads in stages on a phone without shifting what is on screen", async ({ page }) => {
  await page.setViewportSize({ width: 412, height: 823 });
  await page.evaluate(() =>
    localStorage.setItem("zerostep.cart.v1", JSON.stringify([{ sku: "SENCHA-100", quantity: 2 }, { sku: "YUNOMI-ARITA", quantity: 1 }])),
  );
  // Layout shifts are recorded from the first paint of the page on.
  await page.addInitScript(() => {
    const w = window as unknown as { __shifts: number[] };
    w.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
        if (!entry.hadRecentInput) w.__shifts.push(entry.value);
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
  await page.goto("/checkout");
  // Every stage arrives: buyer, delivery and payment, the submit button and the summary.
  await expect(page.locator("#checkout-submit")).toBeVisible();
  await expect(page.getByTestId("summary-total")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // Let the prices settle, then read what moved.
  await expect(page.getByTestId("summary-total")).toHaveText(/¥/);
  await page.waitForTimeout(300);
  const shifts = await page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts);
  const total = shifts.reduce((a, b) => a + b, 0);
  expect(total, `layout shifts: ${JSON.stringify(shifts)}`).toBeLessThanOrEqual(0.02);
});

test("the purchase page asks for one quote on load, and another when the prefecture changes the price", async ({ page }) => {
  const quotes: { delivery_method?: string | null; prefecture?: number | null }[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/api/quotes") {
      quotes.push(JSON.parse(request.postData() ?? "{}"));
    }
  });
  await page.evaluate(() => localStorage.setItem("zerostep.cart.v1", JSON.stringify([{ sku: "SENCHA-100", quantity: 2 }])));
  await page.goto("/checkout");
  const checkout = new CheckoutPage(page);
  await expect(checkout.total).toHaveText(/¥/);
  // The settings have arrived and filled in the first delivery method.
  await expect(page.locator("#delivery-method")).toHaveValue("takkyubin");
  await page.waitForTimeout(500);
  // The first method is the one the server applies to a quote without one:
  // filling it in asks for nothing more.
  expect(quotes, JSON.stringify(quotes)).toHaveLength(1);
  expect(quotes[0].delivery_method ?? null).toBeNull();

  await checkout.field("buyer-prefecture").selectOption("1");
  await expect(checkout.shipping).not.toHaveText("住所入力後に表示");
  expect(quotes.length, JSON.stringify(quotes)).toBe(2);
  expect(quotes[1].prefecture).toBe(1);
  // Still the first method, so still left to the server.
  expect(quotes[1].delivery_method ?? null).toBeNull();
});
