// 基本設定 as the guide's procedure has it (「確認画面へ」 → 「設定する」): the shop's own
// name on its pages and in its mails, its mail texts, and when the 配送通知メール
// goes out — on 「登録」 or from 受注明細's button, as the merchant chooses.
import { expect, test } from "@playwright/test";
import { ADMIN_URL, changeBasicSettings, DEMO_BASIC_SETTINGS, logIn, openOrder, placeOrder, watchErrors } from "./fixtures/pages";

test.afterEach(async ({ request }) => {
  await changeBasicSettings(request, DEMO_BASIC_SETTINGS);
});

/** A 問い合わせ番号 that passes the check-digit rule (the last digit is the rest mod 7). */
function slipNumber(seed: number): string {
  const body = String((Date.now() + seed) % 100_000_000_000).padStart(11, "0");
  return body + (BigInt(body) % 7n).toString();
}

test("the shop's name and mail texts are set in 基本設定 and used by its pages and mails", async ({ page, request }) => {
  await logIn(page);
  // (Before the login, the session check's 401 is logged by the browser.)
  const errors = watchErrors(page);
  await page.getByRole("link", { name: "基本設定" }).click();
  const name = page.getByLabel("ショップ名（必須・50文字以内）");
  await expect(name).toHaveValue("Zerostep 茶舗");
  // A name is required, and the rule is said beside the form.
  await name.fill("");
  await page.getByRole("button", { name: "確認画面へ" }).click();
  await expect(page.getByTestId("basic-message")).toContainText("ショップ名は改行を含まない1〜50文字");
  await expect(name).toBeFocused();
  await name.fill("山田製茶");
  await page.getByLabel("メール署名（空欄はショップ名）").fill("山田製茶\nhttps://yamada-seicha.example.jp");
  await page.getByLabel("サンクスメールの冒頭文（空欄は標準の文面）").fill("山田製茶をご利用いただきありがとうございます。");
  await page.getByRole("button", { name: "確認画面へ" }).click();
  const confirmation = page.getByTestId("basic-confirm");
  await expect(confirmation).toContainText("山田製茶をご利用いただきありがとうございます。");
  await expect(confirmation).toContainText("（標準の文面）ご注文の商品を発送いたしました。");
  await page.getByRole("button", { name: "設定する" }).click();
  await expect(page.getByTestId("basic-message")).toContainText("設定しました");

  // The shop's pages carry the name.
  await page.goto("/");
  await expect(page.getByTestId("shop-name")).toHaveText("山田製茶");
  await expect(page).toHaveTitle("山田製茶");

  // So do its mails: the サンクスメール in メール送信履歴.
  const orderNumber = await placeOrder(request);
  await page.goto(`${ADMIN_URL}/admin/outbox`);
  const subject = `【山田製茶】ご注文ありがとうございます（注文番号 ${orderNumber}）`;
  await page.getByText(subject).click();
  await expect(page.getByText("山田製茶をご利用いただきありがとうございます。").first()).toBeVisible();
  expect(errors).toEqual([]);
});

test("配送通知メール from 受注明細's button, when the shop sends it by hand", async ({ page, request }) => {
  await changeBasicSettings(request, { shipping_notice: "manual" });
  const orderNumber = await placeOrder(request);
  await logIn(page);
  await openOrder(page, orderNumber);
  page.on("dialog", (d) => void d.accept());
  const slip = slipNumber(29);
  await page.getByLabel("問い合わせ番号").fill(slip);
  await page.getByRole("button", { name: "登録" }).click();
  await expect(page.getByTestId("slip-no")).toHaveText(slip);
  // 「登録」 sent nothing: the shop sends it from here.
  await expect(page.getByTestId("shipping-notice")).toContainText("未送信");
  await page.getByRole("button", { name: "配送通知メールを送信" }).click();
  await expect(page.getByTestId("shipping-notice")).toContainText("送信済み");
  await expect(page.getByRole("button", { name: "配送通知メールを送信" })).toHaveCount(0);

  await page.getByRole("link", { name: "メール送信履歴" }).click();
  await page.getByText(`【Zerostep 茶舗】商品を発送しました（注文番号 ${orderNumber}）`).click();
  await expect(page.getByText(`問合番号: ${slip}`).first()).toBeVisible();
});

test("配送通知メール on 「登録」, the default: 受注明細 says it was sent", async ({ page, request }) => {
  const orderNumber = await placeOrder(request);
  await logIn(page);
  await openOrder(page, orderNumber);
  const slip = slipNumber(31);
  await page.getByLabel("問い合わせ番号").fill(slip);
  await page.getByRole("button", { name: "登録" }).click();
  await expect(page.getByTestId("slip-no")).toHaveText(slip);
  await expect(page.getByTestId("shipping-notice")).toContainText("送信済み");
});

test("基本設定 works at 360 px and by keyboard alone", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await logIn(page);
  const tabTo = async (target: ReturnType<typeof page.getByRole>) => {
    for (let i = 0; i < 60 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
    await expect(target).toBeFocused();
  };
  const fits = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await tabTo(page.getByRole("link", { name: "基本設定" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "基本設定" })).toBeVisible();
  await fits();
  // A radio group is one Tab stop; the arrow keys choose within it.
  await tabTo(page.getByRole("radio", { name: "問い合わせ番号の「登録」時に自動で送信する" }));
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("radio", { name: "受注明細の「配送通知メールを送信」から送信する" })).toBeChecked();
  await tabTo(page.getByRole("button", { name: "確認画面へ" }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("basic-confirm")).toContainText("受注明細の「配送通知メールを送信」から送信する");
  await fits();
  await tabTo(page.getByRole("button", { name: "設定する" }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("basic-message")).toContainText("設定しました");
  await fits();
});
