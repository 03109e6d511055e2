// 基本設定 ＞ 支払方法設定 and 宅配便・送料計算, walked as the guide's §3 has them:
// 「他社連携」 adds クレジットカード決済（クロネコwebコレクト(トークン方式)） to the list,
// 「使用決済」 shows it 未設定 until its settings — 加盟店コード and アクセスキー
// included — go through 「確認画面へ」 → 「設定する」; 宅配便基本設定 links it to a
// delivery method by its configured name, and the admin warns while none does.
import { expect, test, type Page } from "@playwright/test";
import { SUITE_CHALLENGE_AFTER } from "../global-setup";
import { ADMIN_PASSWORD, ADMIN_URL, logIn, openCardSettings, setChallengeAfter, watchErrors } from "./fixtures/pages";

/** Whether a shopper's purchase page offers the card. */
async function shopperSeesCard(page: Page): Promise<boolean> {
  const shopper = await page.context().browser()!.newPage();
  await shopper.goto("/");
  await shopper.getByRole("article", { name: "有田焼 湯呑み" }).getByRole("button", { name: "カゴに入れる" }).click();
  await expect(shopper.getByTestId("payment-option-bank_transfer")).toBeVisible();
  const seen = await shopper.locator("#payment-card").isVisible();
  await shopper.close();
  return seen;
}

test("他社連携 adds the card, 使用決済 shows it 未設定 until 設定する saves it with the 加盟店コード", async ({ page }) => {
  await logIn(page);
  const errors = watchErrors(page);
  page.on("dialog", (d) => void d.accept());
  await page.getByRole("link", { name: "支払方法設定" }).click();
  const linkedTab = page.getByRole("tab", { name: "他社連携" });
  const inUseTab = page.getByRole("tab", { name: "使用決済" });
  await expect(inUseTab).toHaveAttribute("aria-selected", "true");
  // The tabs by keyboard: one Tab stop, the arrow keys move between them.
  await inUseTab.focus();
  await page.keyboard.press("ArrowLeft");
  await expect(linkedTab).toBeFocused();
  await expect(linkedTab).toHaveAttribute("aria-selected", "true");
  const row = page.getByTestId("linked-card");
  await expect(row).toContainText("クレジットカード決済（クロネコwebコレクト(トークン方式)）");
  await expect(row).toContainText("リストに追加済み");

  // Off the list: the shopper no longer sees the card.
  await row.getByRole("button", { name: "リストから外す" }).click();
  await expect(page.getByTestId("methods-message")).toContainText("リストから外しました");
  await expect(row).toContainText("未追加");
  expect(await shopperSeesCard(page)).toBe(false);

  // Added again, it waits in 使用決済 as 未設定.
  await row.getByRole("button", { name: "リストに追加" }).click();
  await expect(page.getByTestId("methods-message")).toContainText("リストに追加しました");
  await inUseTab.click();
  const inUse = page.getByTestId("in-use-card");
  await inUse.getByRole("button", { name: "未設定" }).click();
  const form = page.getByRole("region", { name: /^決済設定：/ });
  await expect(page.getByTestId("access-key-hint")).toContainText("クロネコwebコレクト専用の管理画面よりご取得可能です");
  await page.getByLabel(/^加盟店コード/).fill("888888709");
  await form.getByRole("group", { name: "クレジットカード決済の利用" }).getByRole("radio", { name: "利用する" }).check();
  await form.getByRole("button", { name: "確認画面へ" }).click();
  const confirmation = page.getByTestId("settings-confirm");
  await expect(confirmation).toContainText("888888709（変更する）");
  await expect(confirmation).toContainText("変更しない");
  // Nothing is saved before 設定する.
  expect(await shopperSeesCard(page)).toBe(false);
  // A new 加盟店コード asks for the password again.
  await page.getByRole("button", { name: "設定する" }).click();
  await expect(page.getByTestId("settings-message")).toContainText("現在のパスワードが正しくありません");
  expect(await shopperSeesCard(page)).toBe(false);
  await page.getByRole("button", { name: "確認画面へ" }).click();
  await page.getByLabel(/^現在のパスワード/).fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "設定する" }).click();
  await expect(page.getByTestId("settings-message")).toContainText("設定しました");
  await expect(inUse.getByRole("button", { name: "設定" })).toBeVisible();
  await expect(inUse).toContainText("利用する");
  expect(await shopperSeesCard(page)).toBe(true);
  // The one refusal asked for above (403, the password), and nothing else.
  expect(errors.filter((e) => !e.includes("status of 403"))).toEqual([]);
  expect(errors).toHaveLength(1);
});

test("宅配便基本設定: a delivery method is added with the card's configured name, and a card no method accepts is warned of", async ({ page }) => {
  await logIn(page);
  page.on("dialog", (d) => void d.accept());
  await page.getByRole("link", { name: "宅配便・送料計算" }).click();
  await page.getByRole("button", { name: "配送方法を追加" }).click();
  const form = page.getByRole("region", { name: "宅配便基本設定（新しい配送方法）" });
  await form.getByLabel("配送方法の名称", { exact: true }).fill("クール便");
  await form.getByLabel("お届け日の最短日数（注文日から）").fill("3");
  await form.getByRole("checkbox", { name: "クレジットカード決済" }).check();
  await form.getByRole("button", { name: "確認画面へ" }).click();
  await expect(page.getByTestId("delivery-confirm")).toContainText("クレジットカード決済");
  await page.getByRole("button", { name: "設定する" }).click();
  const list = page.getByTestId("delivery-list");
  await expect(list).toContainText("クール便");
  await expect(list.getByRole("row", { name: /クール便/ })).toContainText("3日");

  // 宅配便 stops accepting the card, but クール便 still does: no warning.
  await page.getByRole("button", { name: "宅配便を編集" }).click();
  const takkyubin = page.getByRole("region", { name: "宅配便基本設定" });
  const save = async () => {
    await takkyubin.getByRole("button", { name: "確認画面へ" }).click();
    await page.getByRole("button", { name: "設定する" }).click();
    await expect(page.getByTestId("delivery-message")).toContainText("設定しました");
  };
  await takkyubin.getByRole("checkbox", { name: "クレジットカード決済" }).uncheck();
  await save();
  await expect(page.getByTestId("card-unreachable")).toHaveCount(0);
  // Without クール便 nothing accepts it: both pages say so.
  await page.getByRole("button", { name: "クール便を削除" }).click();
  await expect(page.getByTestId("delivery-list-message")).toContainText("削除しました");
  await expect(page.getByTestId("card-unreachable")).toContainText("購入画面に表示されません");
  await page.getByRole("link", { name: "支払方法設定" }).click();
  await expect(page.getByTestId("card-unreachable")).toBeVisible();
  // Linked again, the warning goes.
  await page.getByRole("link", { name: "宅配便・送料計算" }).click();
  await page.getByRole("region", { name: "宅配便基本設定" }).getByRole("checkbox", { name: "クレジットカード決済" }).check();
  await page.getByRole("region", { name: "宅配便基本設定" }).getByRole("button", { name: "確認画面へ" }).click();
  await page.getByRole("button", { name: "設定する" }).click();
  await expect(page.getByTestId("delivery-message")).toContainText("設定しました");
  await expect(page.getByTestId("card-unreachable")).toHaveCount(0);
});

test("支払方法設定 and 宅配便・送料計算 fit 360 px", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await logIn(page);
  const fits = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await openCardSettings(page);
  await fits();
  await page.getByRole("link", { name: "宅配便・送料計算" }).click();
  await expect(page.getByTestId("delivery-list")).toBeVisible();
  await fits();
});

test("3Dセキュア is chosen in the card's settings, by keyboard, and the purchase page's tokens follow", async ({ page, request }) => {
  await logIn(page);
  await openCardSettings(page);
  const section = page.getByRole("region", { name: /^決済設定：/ });
  const off = section.getByRole("group", { name: /^3Dセキュア/ }).getByLabel("利用しない");
  const on = section.getByRole("group", { name: /^3Dセキュア/ }).getByLabel("利用する");
  const authDiv = section.getByLabel("認証区分");
  try {
    // 利用する, then 本人認証のみ, with the keyboard alone.
    await off.check();
    await expect(authDiv).toBeDisabled();
    await off.focus();
    await page.keyboard.press("ArrowUp");
    await expect(on).toBeChecked();
    await expect(authDiv).toBeEnabled();
    await authDiv.focus();
    await page.keyboard.press("ArrowDown");
    await expect(authDiv).toHaveValue("1");
    await section.getByRole("button", { name: "確認画面へ" }).click();
    await expect(page.getByTestId("confirm-three-d")).toHaveText("利用する（本人認証のみ）");
    await page.getByRole("button", { name: "設定する" }).click();
    await expect(page.getByTestId("settings-message")).toContainText("設定しました");
    const config = await (await request.get("/api/checkout/config")).json();
    expect(config.token.auth_div).toBe("1");
  } finally {
    await page.goto(`${ADMIN_URL}/admin/`);
    await openCardSettings(page);
    await page.getByRole("region", { name: /^決済設定：/ }).getByRole("group", { name: /^3Dセキュア/ }).getByLabel("利用しない").check();
    await page.getByRole("region", { name: /^決済設定：/ }).getByRole("button", { name: "確認画面へ" }).click();
    await expect(page.getByTestId("confirm-three-d")).toHaveText("利用しない");
    await page.getByRole("button", { name: "設定する" }).click();
    await expect(page.getByTestId("settings-message")).toContainText("設定しました");
  }
  expect((await (await request.get("/api/checkout/config")).json()).token.auth_div).toBe("2");
});

test("不正利用対策's threshold is set in the card's settings by keyboard, and a wrong one is answered with its rule", async ({ page, request }) => {
  await logIn(page);
  await openCardSettings(page);
  const section = page.getByRole("region", { name: /^決済設定：/ });
  const threshold = section.getByLabel(/^不正利用対策/);
  try {
    await expect(threshold).toHaveValue(String(SUITE_CHALLENGE_AFTER));
    await threshold.focus();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("0");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("confirm-challenge-after")).toHaveText("失敗0件から確認計算を求める");
    await page.getByRole("button", { name: "設定する" }).click();
    // The form comes back with the rule above it.
    await expect(page.getByTestId("settings-message")).toContainText("不正利用対策の件数は1〜100000の整数");
    await threshold.focus();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("30");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("confirm-challenge-after")).toHaveText("失敗30件から確認計算を求める");
    await page.getByRole("button", { name: "設定する" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("settings-message")).toContainText("設定しました");
    expect((await (await page.request.get(`${ADMIN_URL}/api/admin/settings/card`)).json()).challenge_after).toBe(30);
  } finally {
    await setChallengeAfter(request, SUITE_CHALLENGE_AFTER);
  }
});
