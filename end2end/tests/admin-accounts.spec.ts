/**
 * Admin accounts (security review M4, M6), in Chromium: a new admin chooses
 * their own password, turns two-factor authentication on with an app's code,
 * logs in with a code and with a recovery code; sessions are seen and ended;
 * admins are added and removed. At 360 px and by keyboard.
 */
import { expect, test, type APIRequestContext, type Page, type Request } from "@playwright/test";
import { ADMIN_PASSWORD, ADMIN_URL, logIn } from "./fixtures/pages";
import { totpCode } from "./fixtures/totp";

const INITIAL = "shokai-no-aikotoba-2026";
const CHOSEN = "jibun-de-kimeta-kotoba-7";

/** Adds an admin through the API (as the e2e admin); returns their login. */
async function addAdmin(request: APIRequestContext, prefix: string): Promise<string> {
  const login = `${prefix}-${Date.now() % 1_000_000}`;
  const session = await request.post(`${ADMIN_URL}/api/admin/login`, { data: { login: "admin", password: ADMIN_PASSWORD } });
  expect(session.status()).toBe(200);
  const { csrf_token } = await session.json();
  const added = await request.post(`${ADMIN_URL}/api/admin/users`, {
    headers: { "X-CSRF-Token": csrf_token },
    data: { login, password: INITIAL, current_password: ADMIN_PASSWORD },
  });
  expect(added.status()).toBe(201);
  return login;
}

/** The admin's login form, filled and sent. */
async function submitLogin(page: Page, login: string, password: string) {
  await page.goto(`${ADMIN_URL}/admin/`);
  await page.getByLabel("ログインID").fill(login);
  await page.getByLabel("パスワード", { exact: true }).fill(password);
  await page.getByRole("button", { name: "ログイン" }).click();
}

async function logOut(page: Page) {
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page.getByRole("heading", { name: /^ログイン/ })).toBeVisible();
}

const ordersHeading = (page: Page) => page.getByRole("heading", { name: "受注一覧 / Orders" });

test("a new admin chooses their password, turns on two-factor authentication, and logs in with a code or a recovery code", async ({ page, request }) => {
  const login = await addAdmin(request, "totp");
  await submitLogin(page, login, INITIAL);
  // Nothing but the password change until they chose their own.
  await expect(page.getByRole("heading", { name: "はじめにパスワードを設定してください" })).toBeVisible();
  await expect(page.getByRole("link", { name: "受注一覧" })).toHaveCount(0);
  await page.getByLabel("現在のパスワード").fill(INITIAL);
  await page.getByLabel("新しいパスワード", { exact: true }).fill("password1234");
  await page.getByLabel("新しいパスワード（確認）").fill("password1234");
  await page.getByRole("button", { name: "パスワードを変更する" }).click();
  await expect(page.getByTestId("password-message")).toContainText("推測されやすい");
  await page.getByLabel("新しいパスワード", { exact: true }).fill(CHOSEN);
  await page.getByLabel("新しいパスワード（確認）").fill(CHOSEN);
  await page.getByRole("button", { name: "パスワードを変更する" }).click();
  await expect(ordersHeading(page)).toBeVisible();

  await page.getByRole("link", { name: "アカウント設定" }).click();
  await expect(page.getByTestId("totp-status")).toContainText("無効");
  const twoFactor = page.getByRole("region", { name: "二要素認証（確認コード）" });
  await twoFactor.getByLabel("現在のパスワード").fill(CHOSEN);
  await twoFactor.getByRole("button", { name: "設定を始める" }).click();
  await expect(twoFactor.getByRole("img", { name: /QRコード/ })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent()) ?? "";
  await expect(page.getByLabel("アプリに表示された確認コード（6桁）")).toBeFocused();
  await page.keyboard.type("000000");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("totp-message")).toContainText("確認コードが正しくない");
  await page.getByLabel("アプリに表示された確認コード（6桁）").fill(totpCode(secret));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("totp-message")).toContainText("二要素認証を有効にしました");
  const codes = await page.getByTestId("recovery-codes").locator("li").allTextContents();
  expect(codes).toHaveLength(10);
  await expect(page.getByTestId("totp-status")).toContainText("有効（リカバリーコード残り10個）");
  await logOut(page);

  // The password alone is not enough now; the code field appears, focused.
  await submitLogin(page, login, CHOSEN);
  await expect(page.getByTestId("login-error")).toContainText("確認コード");
  await expect(page.getByLabel("確認コード")).toBeFocused();
  // The confirmation used this step's code: the app's next one.
  await page.keyboard.type(totpCode(secret, 1));
  await page.keyboard.press("Enter");
  await expect(ordersHeading(page)).toBeVisible();
  await logOut(page);

  // A recovery code, once.
  await submitLogin(page, login, CHOSEN);
  await page.getByLabel("確認コード").fill(codes[0]);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(ordersHeading(page)).toBeVisible();
  await logOut(page);
  await submitLogin(page, login, CHOSEN);
  await page.getByLabel("確認コード").fill(codes[0]);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByTestId("login-error")).toContainText("すでに使われています");
});

test("at 360 px and by keyboard, an admin sees their sessions and ends another browser's", async ({ page, browser }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  // Another browser, logged in as the same admin.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await logIn(otherPage);
  await logIn(page);
  await page.getByRole("link", { name: "アカウント設定" }).click();
  const table = page.getByTestId("sessions");
  await expect(table.getByText("この端末")).toBeVisible();
  const ends = table.getByRole("button", { name: /のセッションを終了$/ });
  expect(await ends.count()).toBeGreaterThanOrEqual(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  // By keyboard: all other sessions, the other browser's included.
  await page.getByRole("button", { name: "ほかのセッションをすべて終了" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("sessions-message")).toContainText(/ほかのセッションを\d+件終了しました/);
  await expect(ends).toHaveCount(0);
  // The other browser's next request brings its login back, without a reload.
  await otherPage.getByRole("link", { name: "決済エラー履歴" }).click();
  await expect(otherPage.getByRole("heading", { name: /^ログイン/ })).toBeVisible();
  await other.close();
});

test("at 360 px and by keyboard, an admin adds another admin and removes them, the password asked again", async ({ page, request }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await logIn(page);
  await page.getByRole("link", { name: "管理者ユーザー" }).click();
  await expect(page.getByTestId("users")).toContainText("あなた");
  const login = `staff-${Date.now() % 1_000_000}`;
  await page.getByLabel("ログインID").focus();
  await page.keyboard.type(login);
  await page.keyboard.press("Tab");
  await page.keyboard.type(INITIAL);
  await page.keyboard.press("Tab");
  await page.keyboard.type("not-my-password");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("users-message")).toContainText("現在のパスワードが正しくありません");
  await page.getByLabel("あなたの現在のパスワード").fill(ADMIN_PASSWORD);
  await page.getByLabel("あなたの現在のパスワード").press("Enter");
  await expect(page.getByTestId("users-message")).toContainText(`${login} を追加しました`);
  await expect(page.getByTestId("users")).toContainText("初回パスワード未変更");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // The new admin can log in (to the password change) until removed.
  const theirs = await request.post(`${ADMIN_URL}/api/admin/login`, { data: { login, password: INITIAL } });
  expect(theirs.status()).toBe(200);
  await page.getByRole("button", { name: `${login} を削除` }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("あなたの現在のパスワード").first()).toBeFocused();
  await page.keyboard.type(ADMIN_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("users-message")).toContainText(`${login} を削除しました`);
  await expect(page.getByTestId("users")).not.toContainText(login);
  const refused = await request.get(`${ADMIN_URL}/api/admin/session`);
  expect(refused.status()).toBe(401);
});

test("the admin lives on an origin of its own: its cookie never reaches the shop, and the shop answers nothing of the admin", async ({ page }) => {
  await logIn(page);
  const session = (await page.context().cookies()).find((c) => c.name === "zs_admin");
  expect(session?.domain).toBe(new URL(ADMIN_URL).hostname);
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Strict");
  // Every request the shop's pages make, and the cookies each carries.
  // Read until the purchase page is idle, then no more: a request still
  // being read when the test ends would fail it for nothing.
  const sent: Promise<string>[] = [];
  const seen = (request: Request) => {
    if (!request.url().startsWith(ADMIN_URL)) sent.push(request.allHeaders().then((h) => h.cookie ?? ""));
  };
  page.on("request", seen);
  await page.goto("/");
  await page.getByRole("button", { name: /カゴに入れる/ }).first().click();
  await expect(page).toHaveURL(/\/checkout/);
  await page.waitForLoadState("networkidle");
  page.off("request", seen);
  const cookies = await Promise.all(sent);
  expect(cookies.length).toBeGreaterThan(2);
  expect(cookies.filter((c) => c.includes("zs_admin"))).toEqual([]);
  // A script on the shop's pages finds no admin API on their origin…
  expect(await page.evaluate(async () => (await fetch("/api/admin/session")).status)).toBe(404);
  // …and cannot reach the admin's.
  const cross = await page.evaluate(async (admin) => {
    try {
      const response = await fetch(`${admin}/api/admin/session`, { credentials: "include" });
      return `read ${response.status}`;
    } catch {
      return "blocked";
    }
  }, ADMIN_URL);
  expect(cross).toBe("blocked");
});
