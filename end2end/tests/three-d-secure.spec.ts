// EMV 3-D Secure with the sandbox's issuer pages, on the three surfaces a
// shopper pays on: the purchase page (in the dialog that takes the
// confirmation modal's place), the 3-step cart (after STEP3's 注文する) and
// the widget on another origin. Every ACS outcome completes the order
// exactly when it should, with one A08 and at most one A09 (the sandbox's
// call log); then the challenge by keyboard, reloads, the whole-window and
// separate-window fallbacks, a tampered return, 360 px, and no card data at
// our origin.
import { expect, test, type APIRequestContext, type FrameLocator, type Page } from "@playwright/test";
import { expectNoCardData } from "./fixtures/card-data";
import {
  ADMIN_PASSWORD,
  ADMIN_URL,
  changeBasicSettings,
  CheckoutPage,
  fillCard,
  logIn,
  openOrder,
  readyForCard,
  SANDBOX_URL,
  setThreeDSecure,
  toStep3,
} from "./fixtures/pages";

const host = process.env.E2E_HOST_URL ?? "http://127.0.0.1:8082";
const CHALLENGE = "4000000000003220";
const THANKS = "ご注文ありがとうございました";

type Surface = "purchase page" | "3-step cart" | "widget";

/** Up to the order's 注文する, on each surface, paying with `card`. */
async function payOn(surface: Surface, page: Page, card: string) {
  if (surface === "purchase page") {
    const checkout = await readyForCard(page);
    await fillCard(page, card);
    await checkout.submit.click();
    await page.getByRole("dialog").getByRole("button", { name: "注文する" }).click();
  } else if (surface === "3-step cart") {
    await toStep3(page);
    await fillCard(page, card);
    await page.getByRole("button", { name: "注文する" }).click();
  } else {
    await page.goto(`${host}/`);
    await page.evaluate(() => localStorage.clear());
    const checkout = new CheckoutPage(page);
    await expect(checkout.total).toHaveText(/¥[\d,]+/);
    await checkout.fillBuyer();
    await checkout.paymentOption("card").check();
    await fillCard(page, card);
    await checkout.submit.click();
    await page.getByRole("dialog").getByRole("button", { name: "注文する" }).click();
  }
}

function dialog(page: Page) {
  return page.getByRole("dialog", { name: "本人認証（3Dセキュア）" });
}

/** The issuer's page: in our frame page, inside the dialog's frame. */
function issuer(page: Page): FrameLocator {
  return page.frameLocator("[data-testid=authentication] iframe").frameLocator("iframe");
}

/** Calls of `fd` in the sandbox's log, whatever their result. */
async function calls(request: APIRequestContext) {
  const stats = await (await request.get(`${SANDBOX_URL}/__sandbox/stats`)).json();
  const count = (fd: string) =>
    Object.values((stats.calls[fd] ?? {}) as Record<string, number>).reduce((a, b) => a + b, 0);
  return { a08: count("A08"), a09: count("A09"), authorizations: stats.authorizations as number };
}

async function hostEvents(page: Page, type: string): Promise<Record<string, unknown>[]> {
  const all = await page.evaluate(
    () => (window as unknown as { zerostepEvents: { type: string; detail: Record<string, unknown> }[] }).zerostepEvents,
  );
  return all.filter((e) => e.type === type).map((e) => e.detail);
}

/** Types the one-time code by keyboard: the frame has the focus, Tab reaches the code. */
async function typeCode(page: Page, code: string) {
  const input = issuer(page).getByLabel("ワンタイムパスワード");
  await expect(input).toBeVisible();
  for (let i = 0; i < 4; i++) {
    if (await input.evaluate((el) => el === document.activeElement && document.hasFocus())) break;
    await page.keyboard.press("Tab");
  }
  await expect(input).toBeFocused();
  await input.fill("");
  await page.keyboard.type(code);
  await page.keyboard.press("Enter");
}

type Outcome = {
  name: string;
  card: string;
  /** What the shopper does on the challenge page. */
  challenge?: (page: Page) => Promise<void>;
  completes: boolean;
  /** What the refusal beside the card says. */
  reason?: RegExp;
};

const OUTCOMES: Outcome[] = [
  { name: "frictionless", card: "4111111111111111", completes: true },
  {
    name: "challenge passed",
    card: CHALLENGE,
    challenge: (page) => typeCode(page, "123456"),
    completes: true,
  },
  {
    name: "challenge failed (three wrong codes)",
    card: CHALLENGE,
    challenge: async (page) => {
      for (let i = 0; i < 3; i++) await typeCode(page, "000000");
    },
    completes: false,
    reason: /本人認証.*A092000004/,
  },
  {
    name: "challenge cancelled",
    card: CHALLENGE,
    challenge: async (page) => {
      await expect(issuer(page).getByLabel("ワンタイムパスワード")).toBeVisible();
      await issuer(page).getByRole("button", { name: /キャンセル/ }).click();
    },
    completes: false,
    reason: /本人認証.*A092000004/,
  },
  { name: "attempt (0003)", card: "4000000000003238", completes: true },
  { name: "not enrolled (0006)", card: "4000000000003246", completes: true },
  { name: "out of scope (0005)", card: "4000000000003279", completes: true },
  { name: "refused by the issuer (0002)", card: "4000000000003261", completes: false, reason: /本人認証.*A092000004/ },
  { name: "ACS error (0007)", card: "4000000000003253", completes: false, reason: /本人認証.*A092000004/ },
  {
    name: "authenticated, then declined",
    card: "4000000000000002",
    completes: false,
    reason: /カードの承認が得られませんでした/,
  },
];

for (const surface of ["purchase page", "3-step cart", "widget"] as Surface[]) {
  test.describe(`3-D Secure on the ${surface}`, () => {
    test.beforeAll(async ({ request }) => {
      await setThreeDSecure(request, true);
      if (surface === "3-step cart") await changeBasicSettings(request, { cart_type: "three_step" });
    });
    test.afterAll(async ({ request }) => {
      await setThreeDSecure(request, false);
      if (surface === "3-step cart") await changeBasicSettings(request, { cart_type: "zero_step" });
    });

    for (const outcome of OUTCOMES) {
      test(`${outcome.name}: ${outcome.completes ? "the order completes" : "nothing is charged"}`, async ({
        page,
        request,
      }) => {
        const before = await calls(request);
        await payOn(surface, page, outcome.card);
        if (outcome.challenge) {
          await expect(dialog(page)).toBeVisible();
          await outcome.challenge(page);
        }
        if (outcome.completes) {
          await expect(page.getByRole("heading", { name: THANKS })).toBeVisible();
        } else {
          const error = page.getByTestId("payment-error");
          await expect(error).toHaveText(outcome.reason ?? /./);
          await expect(page.locator("#card-number")).toBeFocused();
          await expect(page.getByRole("heading", { name: THANKS })).toHaveCount(0);
        }
        await expect(dialog(page)).toHaveCount(0);
        const after = await calls(request);
        expect(after.a08 - before.a08, "one A08").toBe(1);
        expect(after.a09 - before.a09, "one A09").toBe(1);
        expect(after.authorizations - before.authorizations).toBe(outcome.completes ? 1 : 0);
        if (surface === "widget") {
          expect(await hostEvents(page, "zerostep:authentication-started")).toHaveLength(1);
          expect(await hostEvents(page, "zerostep:authentication-ended")).toEqual([{ completed: outcome.completes }]);
          expect(await hostEvents(page, "zerostep:order-completed")).toHaveLength(outcome.completes ? 1 : 0);
          // The host's policy (EMBEDDING.md: frame-src for our origin only) was enough.
          const inPage = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
          const reported = await (await request.get(`${host}/csp-reports`)).json();
          expect([...inPage, ...reported]).toEqual([]);
        }
      });
    }
  });
}

test.describe("3-D Secure, around the challenge", () => {
  test.beforeEach(async ({ request }) => setThreeDSecure(request, true));
  test.afterEach(async ({ request }) => setThreeDSecure(request, false));

  test("a reload during and after the challenge neither loses nor duplicates the order", async ({ page, request }) => {
    const before = await calls(request);
    await payOn("purchase page", page, CHALLENGE);
    await expect(issuer(page).getByLabel("ワンタイムパスワード")).toBeVisible();
    await page.reload();
    // The page asks what became of its order: the issuer's page again.
    await expect(dialog(page)).toBeVisible();
    await typeCode(page, "123456");
    await expect(page.getByRole("heading", { name: THANKS })).toBeVisible();
    await expect(page.getByTestId("order-number")).toHaveText(/^\d{8}-\d{6}$/);
    // After it, a reload and the purchase page place nothing more: the cart
    // is empty and no authentication reopens.
    await page.reload();
    await page.goto("/checkout");
    await expect(page.getByTestId("cart-line")).toHaveCount(0);
    await expect(dialog(page)).toHaveCount(0);
    const after = await calls(request);
    expect([after.a08 - before.a08, after.a09 - before.a09, after.authorizations - before.authorizations]).toEqual([
      1, 1, 1,
    ]);
  });

  test("a challenge the shopper leaves is closed by the reconciler: nothing charged, and the shopper is told", async ({
    page,
    request,
  }) => {
    test.setTimeout(180_000);
    const before = await calls(request);
    await payOn("purchase page", page, CHALLENGE);
    await expect(issuer(page).getByLabel("ワンタイムパスワード")).toBeVisible();
    const { sessions } = await (await request.get(`${SANDBOX_URL}/__sandbox/3ds`)).json();
    const receipt: string = sessions.at(-1).order_no;
    // The shopper goes away; the gateway's 30 minutes pass (the sandbox's
    // clock), and ours (60 s in this suite).
    await page.goto("about:blank");
    await request.post(`${SANDBOX_URL}/__sandbox/clock`, { data: { offset_seconds: 31 * 60 } });
    try {
      const login = await request.post(`${ADMIN_URL}/api/admin/login`, { data: { login: "admin", password: ADMIN_PASSWORD } });
      expect(login.status()).toBe(200);
      const [row] = await (await request.get(`${ADMIN_URL}/api/admin/orders?q=${receipt}`)).json();
      const detail = async () => (await request.get(`${ADMIN_URL}/api/admin/orders/${row.order_number}`)).json();
      await expect
        .poll(async () => (await detail()).three_d_secure?.state, { timeout: 100_000, intervals: [1_000] })
        .toBe("abandoned");
      await expect.poll(async () => (await detail()).status, { timeout: 30_000, intervals: [1_000] }).toBe("failed");
      // Back on the purchase page, the shopper reads that the order did not go through.
      await page.goto("/checkout");
      await expect(page.getByTestId("payment-error")).toBeVisible();
      await expect(dialog(page)).toHaveCount(0);
      await expect(page.getByRole("heading", { name: THANKS })).toHaveCount(0);
    } finally {
      await request.post(`${SANDBOX_URL}/__sandbox/clock`, { data: {} });
    }
    const after = await calls(request);
    expect([after.a08 - before.a08, after.a09 - before.a09, after.authorizations - before.authorizations]).toEqual([
      1, 0, 0,
    ]);
  });

  test("after a refused authentication the shopper tries again with a new token; 受注明細 shows 3Dセキュア and A09", async ({
    page,
  }) => {
    const tokens: string[] = [];
    const keys: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/token/issue")) tokens.push(r.url());
      if (new URL(r.url()).pathname === "/api/orders" && r.method() === "POST") keys.push(r.headers()["idempotency-key"] ?? "");
    });
    await payOn("purchase page", page, "4000000000003261");
    await expect(page.getByTestId("payment-error")).toContainText("A092000004");
    await expect(page.locator("#card-number")).toBeFocused();
    await fillCard(page, "4111111111111111");
    await page.getByRole("button", { name: "注文確認する" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "注文する" }).click();
    await expect(page.getByRole("heading", { name: THANKS })).toBeVisible();
    const number = (await page.getByTestId("order-number").textContent()) ?? "";
    expect(tokens).toHaveLength(2);
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);

    await logIn(page);
    await openOrder(page, number);
    await expect(page.getByTestId("three-d-secure")).toContainText("認証済み・与信完了（0000");
    await expect(page.getByTestId("history")).toContainText("本人認証後の与信（A09）");
  });

  test("where the frame shows nothing, the whole window authenticates and comes back", async ({ page }) => {
    await payOn("purchase page", page, CHALLENGE);
    await dialog(page).getByRole("button", { name: /別の画面で認証する/ }).click();
    const code = page.getByLabel("ワンタイムパスワード");
    await expect(code).toBeVisible();
    await code.fill("123456");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: THANKS })).toBeVisible();
  });

  test("in the 3-step cart the whole window comes back to STEP3, with the reason beside the card", async ({
    page,
    request,
  }) => {
    await changeBasicSettings(request, { cart_type: "three_step" });
    try {
      await payOn("3-step cart", page, CHALLENGE);
      await dialog(page).getByRole("button", { name: /別の画面で認証する/ }).click();
      // Back on STEP3 the settings come after the order's answer: the card
      // section they complete must not take the focus away from the number.
      await page.route("**/api/checkout/config", async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await route.continue();
      });
      await page.getByRole("button", { name: /キャンセル/ }).click();
      await expect(page).toHaveURL(/\/checkout\/step3$/);
      await expect(page.getByTestId("payment-error")).toContainText("A092000004");
      await expect(page.locator("#card-number")).toBeFocused();
    } finally {
      await changeBasicSettings(request, { cart_type: "zero_step" });
    }
  });

  test("the widget authenticates in a window of its own and stays on the host's page", async ({ page }) => {
    await payOn("widget", page, CHALLENGE);
    const [popup] = await Promise.all([
      page.waitForEvent("popup"),
      dialog(page).getByRole("button", { name: /別の画面で認証する/ }).click(),
    ]);
    // The window is our frame page, holding the issuer's page.
    const code = popup.frameLocator("iframe").getByLabel("ワンタイムパスワード");
    await code.fill("123456");
    await code.press("Enter");
    await popup.waitForEvent("close");
    await expect(page.getByRole("heading", { name: THANKS })).toBeVisible();
    await expect(page).toHaveURL(`${host}/`);
    expect(await hostEvents(page, "zerostep:order-completed")).toHaveLength(1);
  });

  test("a tampered return is refused and nothing is charged", async ({ page, request }) => {
    const before = await calls(request);
    await page.route("**/api/3ds/return/**", async (route) => {
      const body = new URLSearchParams(route.request().postData() ?? "");
      // The issuer's signed amount, lowered by ¥1,000.
      body.set("ITEM_PRICE", String(Number(body.get("ITEM_PRICE")) - 1000));
      await route.continue({ postData: body.toString() });
    });
    await payOn("purchase page", page, "4111111111111111");
    await expect(page.getByTestId("payment-error")).toContainText("A092000003");
    const after = await calls(request);
    expect(after.authorizations - before.authorizations).toBe(0);
    expect(after.a09 - before.a09).toBe(1);
  });

  test("an unreadable return starts nothing again: the order waits, the shopper is told, nothing is charged", async ({
    page,
    request,
  }) => {
    const before = await calls(request);
    await page.route("**/api/3ds/return/**", (route) => route.continue({ postData: "COMP_CD=%ZZ" }));
    await payOn("purchase page", page, "4111111111111111");
    await expect(page.getByTestId("confirm-error")).toContainText("本人認証の結果をまだ確認できていません");
    await expect(dialog(page)).toHaveCount(0);
    const after = await calls(request);
    expect([after.a09 - before.a09, after.authorizations - before.authorizations]).toEqual([0, 0]);
  });

  test("at 360 px the issuer's page fits, and no card data reaches our origin", async ({ page, baseURL }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    const ours: string[] = [];
    page.on("request", (r) => {
      if (r.url().startsWith(baseURL ?? "")) ours.push(`${r.url()}\n${r.postData() ?? ""}`);
    });
    await payOn("purchase page", page, CHALLENGE);
    const frame = page.locator("[data-testid=authentication] iframe");
    await expect(issuer(page).getByLabel("ワンタイムパスワード")).toBeVisible();
    const box = await frame.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 360).toBeTruthy();
    const wide = await issuer(page)
      .locator("main")
      .evaluate((m) => m.scrollWidth <= document.documentElement.clientWidth);
    expect(wide).toBe(true);
    await typeCode(page, "123456");
    await expect(page.getByRole("heading", { name: THANKS })).toBeVisible();
    expect(ours.length).toBeGreaterThan(0);
    // The issuer's return carries the expiry as CARD_EXP (the gateway's
    // protocol: A09 is sent it back); nothing else of the card comes here.
    const texts = ours.map((r) => (r.includes("/api/3ds/return/") ? r.replace("CARD_EXP=1230&", "") : r));
    expectNoCardData(texts, CHALLENGE);
  });
});
