// A merchant opens the admin shell under /admin/.
import { expect, test } from "@playwright/test";
import { AdminPage, watchErrors } from "./fixtures/pages";

test("/admin/ loads the admin shell and shows the server's health", async ({ page }) => {
  const errors = watchErrors(page);
  const admin = new AdminPage(page);
  await admin.goto();
  await expect(admin.heading).toHaveText("Zerostep 管理画面");
  await expect(admin.health).toContainText("サーバー: 正常 (ok)");
  await expect(admin.health).toContainText("データベース: 正常 (ok)");
  expect(errors).toEqual([]);
});

test("the sandbox gateway answers on its own origin", async ({ request }) => {
  const sandbox = process.env.E2E_SANDBOX_URL;
  test.skip(!sandbox, "E2E_SANDBOX_URL is set by cargo xtask test");
  const response = await request.get(`${sandbox}/`);
  expect(response.ok()).toBeTruthy();
  expect(await response.json()).toMatchObject({ service: "zerostep-sandbox", traders: ["888888709"] });
});
