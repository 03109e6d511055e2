// 売上確定一括処理 (issue 23): a day's slips from B2クラウド's issued-slip
// export (Shift_JIS, found by its header names) — good rows, a wrong check
// digit, an unknown order, a duplicate and an order confirmed already —
// previewed row by row, then run: the gateway confirms exactly the good ones,
// every row keeps its outcome, and the result downloads as UTF-8 with a BOM.
import { test, expect, type APIRequestContext } from "@playwright/test";
import { ADMIN_PASSWORD, ADMIN_URL, SANDBOX_URL, logIn, placeOrder, watchErrors } from "./fixtures/pages";

/** A valid Yamato slip number (the last digit is the first eleven's remainder by 7). */
function slip(n: number): string {
  return `${String(n).padStart(11, "0")}${n % 7}`;
}

/** Shift_JIS bytes of the export's Japanese parts (Node has no Shift_JIS encoder). */
const SJIS = {
  header: "82a893cd82af90e696bc2c9360955b94d48d862c8f6f89d7975c92e893fa2c82a88b71976c8ac7979d94d48d862c956996bc",
  name: "8e5293632091be9859",
  item: "974c93638fc420939293db82dd",
};

/** B2クラウド's issued-slip export: お届け先名, 伝票番号, 出荷予定日, お客様管理番号, 品名. */
function b2Export(rows: [string, string][]): Buffer {
  const parts = [Buffer.from(SJIS.header, "hex"), Buffer.from("\r\n")];
  for (const [order, slipNo] of rows) {
    parts.push(Buffer.from(SJIS.name, "hex"), Buffer.from(`,${slipNo},2026/12/06,${order},`), Buffer.from(SJIS.item, "hex"), Buffer.from("\r\n"));
  }
  return Buffer.concat(parts);
}

/** The admin API, logged in as the e2e admin. */
async function adminApi(request: APIRequestContext) {
  const login = await request.post(`${ADMIN_URL}/api/admin/login`, { data: { login: "admin", password: ADMIN_PASSWORD } });
  expect(login.status()).toBe(200);
  const headers = { "X-CSRF-Token": (await login.json()).csrf_token };
  return {
    receipt: async (order: string) => (await (await request.get(`${ADMIN_URL}/api/admin/orders/${order}`, { headers })).json()).receipt_no as string,
    ship: async (order: string, slipNo: string) => {
      const shipped = await request.post(`${ADMIN_URL}/api/admin/orders/${order}/shipment`, { headers, data: { slip_no: slipNo } });
      expect(shipped.status()).toBe(204);
    },
  };
}

/** The sandbox's statusInfo for an order (30: slip registered, awaiting the scan). */
async function gatewayStatus(request: APIRequestContext, receipt: string): Promise<number> {
  return (await (await request.get(`${SANDBOX_URL}/__sandbox/transactions/${receipt}`)).json()).status;
}

test("a Shift_JIS B2クラウド export is previewed row by row, then run: exactly the good rows are confirmed", async ({ page, request }) => {
  const seed = Date.now() % 1_000_000;
  const [good1, good2, wrongDigit, confirmed] = [
    await placeOrder(request),
    await placeOrder(request),
    await placeOrder(request),
    await placeOrder(request),
  ];
  const api = await adminApi(request);
  await api.ship(confirmed, slip(seed + 9));
  const file = b2Export([
    [good1, slip(seed + 1)],
    [good2, slip(seed + 2)],
    [wrongDigit, "123456789010"],
    ["ZS-20990101-NOSUCH", slip(seed + 4)],
    [good1, slip(seed + 5)],
    [confirmed, slip(seed + 6)],
  ]);

  await logIn(page);
  const errors = watchErrors(page);
  await page.getByRole("link", { name: "売上確定一括処理" }).click();
  await expect(page.getByTestId("slips-how-to")).toContainText("お客様管理番号");
  await page.getByLabel("CSVファイル").setInputFiles({ name: "b2-issued.csv", mimeType: "text/csv", buffer: file });
  await page.getByRole("button", { name: "アップロードして確認" }).click();
  await expect(page.getByTestId("slips-counts")).toHaveText("売上確定（E01）を送信：2 件　対象外：4 件");
  const preview = page.getByTestId("slips-preview").locator("tbody tr");
  await expect(preview).toHaveCount(6);
  await expect(preview.nth(0)).toContainText("売上確定（E01）を送信");
  await expect(preview.nth(2)).toContainText("ヤマト運輸の問い合わせ番号ではありません");
  await expect(preview.nth(3)).toContainText("ZS-20990101-NOSUCH");
  await expect(preview.nth(4)).toContainText("同じ注文が2行目にあります");
  await expect(preview.nth(5)).toContainText("売上確定済みです");
  // Nothing was sent by the preview.
  expect(await gatewayStatus(request, await api.receipt(good1))).not.toBe(30);

  await page.getByRole("button", { name: "処理内容を確定し次へ" }).click();
  await expect(page).toHaveURL(/\/admin\/slips\?run=\d+$/);
  await expect(page.getByTestId("slips-progress")).toContainText("一括処理が完了しました");
  await expect(page.getByTestId("slips-progress")).toContainText("6 / 6 行（売上確定 2 件、失敗・対象外 4 件）");
  const results = page.getByTestId("slips-results").locator("tbody tr");
  await expect(results).toHaveCount(6);
  const outcome = (text: string) => results.filter({ has: page.getByRole("cell", { name: text, exact: true }) });
  await expect(outcome("売上確定")).toHaveCount(2);
  await expect(outcome("対象外")).toHaveCount(4);

  // The gateway holds exactly the good slips.
  expect(await gatewayStatus(request, await api.receipt(good1))).toBe(30);
  expect(await gatewayStatus(request, await api.receipt(good2))).toBe(30);
  expect(await gatewayStatus(request, await api.receipt(wrongDigit))).not.toBe(30);

  // The result file, as a spreadsheet opens it: UTF-8 with a byte-order mark.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "結果をCSVでダウンロード" }).click()]);
  const path = await download.path();
  const bytes = await import("node:fs/promises").then((fs) => fs.readFile(path));
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString("utf8");
  expect(text.split("\r\n").filter(Boolean)).toHaveLength(7);
  expect(text).toContain(`${good1},${slip(seed + 1)},ヤマト運輸,売上確定`);

  // 操作ログ lists the run beside the re-authorizations.
  await page.getByRole("link", { name: "外部決済一括処理" }).click();
  await page.getByRole("tab", { name: "操作ログ" }).click();
  await expect(page.getByTestId("bulk-log")).toContainText("売上確定（E01）");
  expect(errors).toEqual([]);
});

test("at 360 px and by keyboard, a plain file is checked and run, the page reflowing in its own box", async ({ page, request }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const order = await placeOrder(request);
  const seed = (Date.now() % 1_000_000) + 500_000;
  await logIn(page);
  await page.getByRole("link", { name: "売上確定一括処理" }).click();
  await page.getByLabel("CSVファイル").setInputFiles({ name: "slips.csv", mimeType: "text/csv", buffer: Buffer.from(`${order},${slip(seed)}\n`) });
  // From the file input on, the keyboard alone: the carrier, then the upload.
  await page.getByLabel("CSVファイル").focus();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("radio", { name: "支払方法設定のとおり" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "アップロードして確認" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("slips-counts")).toHaveText("売上確定（E01）を送信：1 件　対象外：0 件");
  // The preview's table scrolls in its own box at this width, so it takes a Tab of its own.
  const run = page.getByRole("button", { name: "処理内容を確定し次へ" });
  for (let i = 0; i < 3 && !(await run.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(run).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("slips-progress")).toContainText("一括処理が完了しました");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
