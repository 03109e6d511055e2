// 3ステップカート, as the guide's §4 walks it: the merchant chooses the cart type
// in 基本設定, and the shopper goes ショップページ 「カゴに入れる」 → カゴの中身
// 「購入手続きへ」 → STEP1 購入者情報入力 「次へ」 → STEP2 支払い方法・配送指定 「次へ」
// → STEP3 確認画面 (the card at the bottom) 「注文する」 → 完了. Each step is its own
// address: back, forward and a reload keep every input but the card; a deep
// link to a later step lands on the first incomplete one. The widget follows
// the same setting.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN_URL, changeBasicSettings, CheckoutPage, fillCard, ShopPage, toStep3, watchErrors } from "./fixtures/pages";

const password = process.env.E2E_ADMIN_PASSWORD ?? "e2e-admin-password";
const host = process.env.E2E_HOST_URL ?? "http://127.0.0.1:8082";
const CARD = "4111111111111111";

/** Sets カートタイプ through the admin API (the UI's own path is tested below). */
async function setCartType(request: APIRequestContext, cartType: "zero_step" | "three_step") {
  await changeBasicSettings(request, { cart_type: cartType });
}

test.afterEach(async ({ request }) => {
  // Every other spec runs against the zero-step page.
  await setCartType(request, "zero_step");
});

/** Where the step indicator says the shopper is. */
function currentStep(page: Page) {
  return page.locator("[data-testid=step][aria-current=step]");
}


test("the merchant chooses 3ステップカート in 基本設定 through 確認画面へ and 設定する", async ({ page, request }) => {
  await page.goto(`${ADMIN_URL}/admin/`);
  await page.getByLabel("ログインID").fill("admin");
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await page.getByRole("link", { name: "基本設定" }).click();
  await expect(page.getByRole("heading", { name: "基本設定" })).toBeVisible();
  await expect(page.getByLabel("ゼロステップカート")).toBeChecked();
  await page.getByLabel("3ステップカート").check();
  await page.getByRole("button", { name: "確認画面へ" }).click();
  // Nothing is saved before 設定する.
  expect((await (await request.get("/api/checkout/config")).json()).cart_type).toBe("zero_step");
  await expect(page.getByTestId("basic-confirm")).toContainText("3ステップカート（変更前：ゼロステップカート）");
  await page.getByRole("button", { name: "設定する" }).click();
  await expect(page.getByTestId("basic-message")).toContainText("設定しました");
  expect((await (await request.get("/api/checkout/config")).json()).cart_type).toBe("three_step");

  // The shopper's 「カゴに入れる」 now lands on カゴの中身.
  const shop = new ShopPage(page);
  await shop.goto();
  await shop.addToCart("有田焼 湯呑み");
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("カゴの中身");
});

for (const [label, size] of [
  ["desktop", { width: 1280, height: 900 }],
  ["360 px", { width: 360, height: 740 }],
] as const) {
  test(`the 3-step cart from カゴに入れる to 完了 at ${label}: steps, back, forward, reload`, async ({ page, request }) => {
    await setCartType(request, "three_step");
    await page.setViewportSize(size);
    const errors = watchErrors(page);
    const tokens: number[] = [];
    page.on("request", (r) => r.url().includes("/token/issue") && tokens.push(Date.now()));
    const checkout = new CheckoutPage(page);
    const heading = page.getByRole("heading", { level: 1 });
    const fits = async () =>
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);

    // ショップページ 「カゴに入れる」 → カゴの中身: lines, quantities, subtotal.
    const shop = new ShopPage(page);
    await shop.goto();
    await page.evaluate(() => localStorage.clear());
    await shop.addToCart("有田焼 湯呑み");
    await expect(page).toHaveURL(/\/checkout$/);
    await expect(heading).toHaveText("カゴの中身");
    await expect(currentStep(page)).toHaveText("カゴの中身");
    await expect(page.getByTestId("step")).toHaveText([
      "カゴの中身",
      "STEP1 購入者情報入力",
      "STEP2 支払い方法・配送指定",
      "STEP3 確認画面",
    ]);
    await expect(checkout.cartLines).toHaveCount(1);
    await page.getByRole("button", { name: "数量を増やす" }).click();
    await expect(page.getByTestId("quantity")).toHaveText("2");
    await expect(page.getByTestId("summary-goods")).toHaveText("¥6,600");
    await fits();

    // 「購入手続きへ」 → STEP1 購入者情報入力. 「次へ」 with nothing typed names what is missing and stays.
    await page.getByRole("button", { name: "購入手続きへ" }).click();
    await expect(page).toHaveURL(/\/checkout\/step1$/);
    await expect(heading).toHaveText("購入者情報入力");
    await expect(heading).toBeFocused();
    await expect(currentStep(page)).toHaveText("STEP1 購入者情報入力");
    await page.getByRole("button", { name: "次へ" }).click();
    await expect(page).toHaveURL(/\/checkout\/step1$/);
    await expect(checkout.error("buyer-family")).toBeVisible();
    await expect(checkout.field("buyer-family")).toBeFocused();
    await checkout.fillBuyer();
    await expect(checkout.field("buyer-city")).toHaveValue("千代田区千代田");
    await fits();
    await page.getByRole("button", { name: "次へ" }).click();

    // STEP2 支払い方法・配送指定: no card inputs here; they come at STEP3's bottom.
    await expect(page).toHaveURL(/\/checkout\/step2$/);
    await expect(heading).toHaveText("支払い方法・配送指定");
    await expect(page.locator("#delivery-method, #delivery-date").first()).toBeVisible();
    await page.getByRole("button", { name: "次へ" }).click();
    await expect(page).toHaveURL(/\/checkout\/step2$/);
    await expect(checkout.error("payment-method")).toBeVisible();
    await checkout.paymentOption("card").check();
    await expect(page.getByTestId("card-fields")).toHaveCount(0);
    await page.locator("#delivery-time").selectOption("from14_to16");
    await fits();

    // The browser's back returns to STEP1 with every input; forward to STEP2 with the choice.
    await page.goBack();
    await expect(page).toHaveURL(/\/checkout\/step1$/);
    await expect(checkout.field("buyer-family")).toHaveValue("山田");
    await page.goForward();
    await expect(page).toHaveURL(/\/checkout\/step2$/);
    await expect(checkout.paymentOption("card")).toBeChecked();
    // A reload keeps them too.
    await page.reload();
    await expect(heading).toHaveText("支払い方法・配送指定");
    await expect(checkout.paymentOption("card")).toBeChecked();
    await expect(page.locator("#delivery-time")).toHaveValue("from14_to16");
    await page.getByRole("button", { name: "次へ" }).click();

    // STEP3 確認画面: everything to confirm, then the card at the bottom.
    await expect(page).toHaveURL(/\/checkout\/step3$/);
    await expect(heading).toHaveText("確認画面");
    const review = page.getByTestId("review");
    await expect(review.getByTestId("review-buyer")).toContainText("山田 太郎");
    await expect(review.getByTestId("review-buyer")).toContainText("taro@example.jp");
    await expect(review).toContainText("有田焼 湯呑み × 2");
    await expect(review).toContainText("東京都千代田区千代田1-2-3");
    await expect(review).toContainText("14〜16時");
    await expect(review).toContainText("クレジットカード決済");
    await expect(review.getByTestId("confirm-total")).toHaveText("¥6,600");
    await expect(review).toContainText("キャンセル・返品について");
    const cardBox = await page.getByTestId("card-fields").boundingBox();
    const reviewBox = await review.boundingBox();
    expect(cardBox && reviewBox && cardBox.y > reviewBox.y + reviewBox.height - 1).toBeTruthy();
    await fits();

    // 「戻る」 keeps the card typed so far; a reload never does.
    await fillCard(page, CARD);
    await page.getByRole("button", { name: "戻る" }).click();
    await expect(page).toHaveURL(/\/checkout\/step2$/);
    await page.getByRole("button", { name: "次へ" }).click();
    await expect(page.locator("#card-number")).toHaveValue(/4111/);
    await page.reload();
    await expect(heading).toHaveText("確認画面");
    await expect(page.locator("#card-number")).toHaveValue("");
    expect(tokens).toHaveLength(0);

    // 「注文する」 makes the token and authorizes at that click.
    await fillCard(page, CARD);
    await page.getByRole("button", { name: "注文する" }).click();
    await expect(page.getByRole("heading", { name: "ご注文ありがとうございました" })).toBeVisible();
    await expect(page).toHaveURL(/\/complete$/);
    expect(tokens).toHaveLength(1);
    await expect(page.getByTestId("order-number")).toHaveText(/^\d{8}-\d{6}$/);
    await fits();
    expect(errors).toEqual([]);
  });
}

test("a deep link to a later step lands on the first incomplete one", async ({ page, request }) => {
  await setCartType(request, "three_step");
  await page.goto("/");
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  const heading = page.getByRole("heading", { level: 1 });
  // An empty cart: カゴの中身.
  await page.goto("/checkout/step3");
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(heading).toHaveText("カゴの中身");
  await expect(page.getByTestId("empty-cart")).toBeVisible();
  // Something in the cart, nobody named yet: STEP1.
  await page.evaluate(() => localStorage.setItem("zerostep.cart.v1", JSON.stringify([{ sku: "SENCHA-100", quantity: 1 }])));
  await page.goto("/checkout/step3");
  await expect(page).toHaveURL(/\/checkout\/step1$/);
  await expect(heading).toHaveText("購入者情報入力");
  // The buyer given, no payment chosen: STEP2.
  const checkout = new CheckoutPage(page);
  await checkout.fillBuyer();
  await page.goto("/checkout/step3");
  await expect(page).toHaveURL(/\/checkout\/step2$/);
  // An unknown step is the cart.
  await page.goto("/checkout/step9");
  await expect(heading).toHaveText("カゴの中身");

  // Back to the zero-step page, a step's address is the one page.
  await setCartType(request, "zero_step");
  await page.goto("/checkout/step2");
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(heading).toHaveText("ご購入手続き");
  await expect(page.getByTestId("step")).toHaveCount(0);
});

test("the 3-step cart by keyboard alone: from カゴに入れる to 完了 by bank transfer", async ({ page, request }) => {
  await setCartType(request, "three_step");
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/");
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  await page.reload();
  const tabTo = async (target: ReturnType<Page["locator"]>) => {
    for (let i = 0; i < 80 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
    await expect(target).toBeFocused();
  };
  const heading = page.getByRole("heading", { level: 1 });
  await tabTo(page.getByRole("article", { name: "有田焼 湯呑み" }).getByRole("button", { name: "カゴに入れる" }));
  await page.keyboard.press("Enter");
  await expect(heading).toHaveText("カゴの中身");
  await tabTo(page.getByRole("button", { name: "購入手続きへ" }));
  await page.keyboard.press("Enter");
  await expect(heading).toHaveText("購入者情報入力");
  for (const [id, text] of [
    ["buyer-family", "山田"],
    ["buyer-given", "太郎"],
    ["buyer-family-kana", "ヤマダ"],
    ["buyer-given-kana", "タロウ"],
    ["buyer-email", "taro@example.jp"],
    ["buyer-phone", "09012345678"],
    ["buyer-postal", "1000001"],
  ]) {
    await tabTo(page.locator(`#${id}`));
    await page.keyboard.type(text);
  }
  await expect(page.locator("#buyer-city")).toHaveValue("千代田区千代田");
  await tabTo(page.locator("#buyer-line1"));
  await page.keyboard.type("1-2-3");
  // Enter in a field submits the step: 次へ.
  await page.keyboard.press("Enter");
  await expect(heading).toHaveText("支払い方法・配送指定");
  await tabTo(page.locator("#payment-card"));
  await page.keyboard.press("ArrowDown");
  await expect(page.locator("#payment-bank_transfer")).toBeChecked();
  await tabTo(page.getByRole("button", { name: "次へ" }));
  await page.keyboard.press("Enter");
  await expect(heading).toHaveText("確認画面");
  await expect(page.getByTestId("card-fields")).toHaveCount(0);
  await expect(page.getByTestId("review")).toContainText("銀行振込");
  await tabTo(page.getByRole("button", { name: "注文する" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "ご注文ありがとうございました" })).toBeVisible();
});

test("the widget follows the cart type: its steps stay inside it and the host's address is untouched", async ({ page, request }) => {
  await setCartType(request, "three_step");
  const errors = watchErrors(page);
  await page.goto(`${host}/`);
  const checkout = new CheckoutPage(page);
  const heading = page.locator("zerostep-checkout").getByRole("heading", { level: 1 });
  await expect(heading).toHaveText("カゴの中身");
  await expect(checkout.cartLines).toHaveCount(1);
  await page.getByRole("button", { name: "購入手続きへ" }).click();
  await expect(heading).toHaveText("購入者情報入力");
  await expect(page).toHaveURL(`${host}/`);
  await checkout.fillBuyer();
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(heading).toHaveText("支払い方法・配送指定");
  await checkout.paymentOption("card").check();
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(heading).toHaveText("確認画面");
  await fillCard(page, CARD);
  await page.getByRole("button", { name: "注文する" }).click();
  await expect(page.getByRole("heading", { name: "ご注文ありがとうございました" })).toBeVisible();
  await expect(page).toHaveURL(`${host}/`);
  const completed = await page.evaluate(() =>
    (window as unknown as { zerostepEvents: { type: string }[] }).zerostepEvents.filter((e) => e.type === "zerostep:order-completed"),
  );
  expect(completed).toHaveLength(1);
  expect(errors).toEqual([]);
});


test("a declined card on STEP3 is said beside the card, which is asked for again; then the order completes once", async ({ page, request }) => {
  await setCartType(request, "three_step");
  await toStep3(page);
  await fillCard(page, "4000000000000002");
  await page.getByRole("button", { name: "注文する" }).click();
  await expect(page.getByTestId("payment-error")).toBeVisible();
  await expect(page).toHaveURL(/\/checkout\/step3$/);
  await expect(page.locator("#card-number")).toBeFocused();
  await expect(page.locator("#card-number")).toHaveValue("");
  await fillCard(page, CARD);
  await page.getByRole("button", { name: "注文する" }).click();
  await expect(page.getByRole("heading", { name: "ご注文ありがとうございました" })).toBeVisible();
});

test("an answer lost on STEP3 is asked for again under the same key: one order, one token", async ({ page, request }) => {
  await setCartType(request, "three_step");
  await toStep3(page);
  const tokens: string[] = [];
  page.on("request", (r) => r.url().includes("/token/issue") && tokens.push(r.url()));
  const keys: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === "/api/orders" && r.method() === "POST") keys.push(r.headers()["idempotency-key"] ?? "");
  });
  // The order reaches the server, but its answer never reaches the page.
  const placeOnly = (url: URL) => url.pathname === "/api/orders";
  await page.route(placeOnly, async (route) => {
    await route.fetch();
    await route.abort("connectionreset");
  });
  await fillCard(page, CARD);
  await page.getByRole("button", { name: "注文する" }).click();
  await expect(page.getByTestId("confirm-error")).toBeVisible();
  await expect(page).toHaveURL(/\/checkout\/step3$/);
  await page.unroute(placeOnly);
  // 「注文する」 again: the same attempt, answered with the first one's result.
  await page.getByRole("button", { name: "注文する" }).click();
  await expect(page.getByRole("heading", { name: "ご注文ありがとうございました" })).toBeVisible();
  expect(tokens).toHaveLength(1);
  expect(keys).toHaveLength(2);
  expect(keys[0]).not.toBe("");
  expect(keys[1]).toBe(keys[0]);
});
