// What a merchant at a desk reads (issue 22): amounts as merchants read
// them, with thousands separators, and times in Japan time.
import { expect, test } from "@playwright/test";
import { SANDBOX_URL, logIn, openOrder, placeOrder, tryOrder } from "./fixtures/pages";

/** `YYYY-MM-DD` of `ms` in Japan time (UTC+9, no daylight saving). */
function jstDate(ms: number): string {
  return new Date(ms + 9 * 3_600_000).toISOString().slice(0, 10);
}

test("受注一覧 and 受注明細 show every amount as ¥4,180 and the order's time in Japan time", async ({ page, request }) => {
  const before = Date.now();
  const orderNumber = await placeOrder(request);
  const after = Date.now();
  await logIn(page);
  await page.getByLabel("注文番号・受付番号・お名前").fill(orderNumber);
  await page.getByRole("button", { name: "検索" }).click();
  const row = page.getByRole("row", { name: new RegExp(orderNumber) });
  await expect(row).toContainText("¥4,180");
  // The date the order was placed, in Japan (the test may straddle midnight).
  const shown = (await row.textContent()) ?? "";
  const dates = new Set([jstDate(before), jstDate(after)]);
  expect([...dates].some((d) => shown.includes(d)), `${shown} names ${[...dates].join(" or ")}`).toBe(true);

  await openOrder(page, orderNumber);
  await expect(page.getByTestId("charged")).toHaveText("¥4,180");
  const totals = page.getByTestId("totals");
  await expect(totals).toContainText("合計（税込）¥4,180");
  // Every amount, one by one: ¥ and a separator every three digits.
  const amounts = await page.locator('[data-testid="totals"] dd, [data-testid="lines"] td.za-num').allTextContents();
  expect(amounts.length).toBeGreaterThan(3);
  for (const amount of amounts) expect(amount).toMatch(/^¥\d{1,3}(,\d{3})*(（内消費税 ¥\d{1,3}(,\d{3})*）)?$/);
});

test("受注明細 offers 取消 and 金額変更 only where the gateway allows them, and says why not elsewhere", async ({ page, request }) => {
  const orderNumber = await placeOrder(request);
  await logIn(page);
  await openOrder(page, orderNumber);
  const cancel = page.getByRole("button", { name: "取消", exact: true });
  const change = page.getByRole("button", { name: "金額変更" });
  const notOffered = page.getByTestId("operation-unavailable");
  // 与信完了: both.
  await expect(cancel).toBeVisible();
  await expect(change).toBeVisible();
  await expect(notOffered).toHaveCount(0);

  // 精算確定待ち (a slip registered): both still.
  const body = String(Date.now() % 100_000_000_000).padStart(11, "0");
  const slip = body + (BigInt(body) % 7n).toString();
  await page.getByLabel("問い合わせ番号").fill(slip);
  await page.getByRole("button", { name: "登録" }).click();
  await expect(page.getByTestId("payment-status")).toHaveText("精算確定待ち");
  await expect(cancel).toBeVisible();
  await expect(change).toBeVisible();

  // 精算確定: the amount can change, the payment can no longer be cancelled.
  expect((await request.post(`${SANDBOX_URL}/__sandbox/scan/${slip}`)).status()).toBe(200);
  await page.getByRole("button", { name: "状態を更新" }).click();
  await expect(page.getByTestId("payment-status")).toHaveText("精算確定");
  await expect(cancel).toHaveCount(0);
  await expect(change).toBeVisible();
  await expect(notOffered).toHaveCount(1);
  await expect(notOffered).toContainText("取消");
  await expect(notOffered).toContainText("精算確定");

  // A refusal the gateway gives reads as Yamato's words and code, never an internal code.
  await page.getByLabel("金額変更（円）").fill("4180");
  page.once("dialog", (d) => void d.accept());
  await change.click();
  const said = page.getByTestId("operation-message");
  await expect(said).toContainText("A074000001");
  await expect(said).not.toContainText("gateway_refused");

  // 取消 of another order: neither is offered, and the page says why.
  const other = await placeOrder(request);
  await page.getByRole("link", { name: "← 受注一覧へ" }).click();
  await openOrder(page, other);
  page.once("dialog", (d) => void d.accept());
  await cancel.click();
  await expect(page.getByTestId("payment-status")).toHaveText("取消");
  await expect(cancel).toHaveCount(0);
  await expect(change).toHaveCount(0);
  await expect(notOffered).toContainText("取り消されています");
  await expect(page.getByRole("button", { name: "取消を取り消して再与信" })).toBeVisible();
});

test("受注一覧's search finds the buyer as the merchant types them: spaces of either width or none, kana, e-mail, phone", async ({ page, request }) => {
  const email = `search-${Date.now()}@example.jp`;
  const placed = await tryOrder(request, "4111111111111111", email);
  expect(placed.status()).toBe(201);
  const orderNumber: string = (await placed.json()).order_number;
  await logIn(page);
  const search = page.getByLabel("注文番号・受付番号・お名前");
  for (const q of ["管理 花子", "管理　花子", "管理花子", "かんり はなこ", "カンリ", email.toUpperCase(), "０９０ー１１１１ー２２２２", orderNumber.replace("-", "")]) {
    await search.fill(q);
    await search.press("Enter");
    await expect(page.getByRole("link", { name: orderNumber }), q).toBeVisible();
  }
  await search.fill("管理 次郎");
  await search.press("Enter");
  await expect(page.getByText("該当する注文はありません")).toBeVisible();
});

test("every admin page fits 360 and 768 px without sideways scrolling, and the keyboard's place is always visible", async ({ page, request }) => {
  const orderNumber = await placeOrder(request);
  await logIn(page);
  const nav = page.getByRole("navigation", { name: "管理メニュー" });
  const names = (await nav.getByRole("link").allTextContents()).map((n) => n.trim());
  expect(names.length).toBeGreaterThan(5);
  const scrollWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
  for (const width of [360, 768]) {
    await page.setViewportSize({ width, height: 900 });
    for (const name of names) {
      await nav.getByRole("link", { name, exact: true }).click();
      await page.waitForLoadState("networkidle");
      expect(await scrollWidth(), `${name} at ${width} px`).toBeLessThanOrEqual(width);
    }
    await page.getByRole("link", { name: "受注一覧" }).click();
    await openOrder(page, orderNumber);
    expect(await scrollWidth(), `受注明細 at ${width} px`).toBeLessThanOrEqual(width);
  }
  // Tab through 受注明細 to its end: every stop shows a focus ring.
  let stops = 0;
  for (;;) {
    await page.keyboard.press("Tab");
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return "end";
      const s = getComputedStyle(el);
      const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
      return outline || s.boxShadow !== "none" ? "shown" : `${el.tagName} ${el.textContent?.slice(0, 20)}`;
    });
    if (ring === "end" || stops > 60) break;
    expect(ring, `tab stop ${stops}`).toBe("shown");
    stops += 1;
  }
  expect(stops).toBeGreaterThan(10);
});
