// The embeddable widget on a merchant's page of another origin (the example
// host site), under the strict CSP that EMBEDDING.md documents: purchases,
// declines, events, theming, the host's own Shadow DOM, hostile host CSS,
// and the JS API.
import { expect, test, type Page } from "@playwright/test";
import { CheckoutPage, watchErrors } from "./fixtures/pages";

const host = process.env.E2E_HOST_URL ?? "http://127.0.0.1:8082";
const CARD = "4111111111111111";
const DECLINED = "4000000000000002";

type HostEvent = { type: string; detail: Record<string, unknown> };

async function events(page: Page): Promise<HostEvent[]> {
  return page.evaluate(() => (window as unknown as { zerostepEvents: HostEvent[] }).zerostepEvents);
}

async function eventsOf(page: Page, type: string): Promise<HostEvent[]> {
  return (await events(page)).filter((e) => e.type === type);
}

async function open(page: Page, query = "") {
  await page.goto(`${host}/${query}`);
  await expect.poll(async () => (await eventsOf(page, "zerostep:ready")).length).toBe(1);
  const checkout = new CheckoutPage(page);
  await expect(checkout.cartLines).toHaveCount(1);
  await expect(checkout.total).toHaveText(/¥[\d,]+/);
  return checkout;
}

async function fillCard(page: Page, number: string) {
  await page.locator("#card-number").fill(number);
  await page.locator("#card-expiry").fill("12/30");
  await page.locator("#card-cvc").fill("737");
  await page.locator("#card-holder").fill("hanako sato");
}

/** Pays by card through the modal; returns the total the modal confirmed. */
async function payByCard(page: Page, checkout: CheckoutPage, number: string): Promise<string> {
  await checkout.paymentOption("card").check();
  await fillCard(page, number);
  await checkout.submit.click();
  const modal = page.getByRole("dialog", { name: "ご注文内容の確認" });
  await expect(modal).toBeVisible();
  const total = (await modal.getByTestId("confirm-total").textContent()) ?? "";
  await modal.getByRole("button", { name: "注文する" }).click();
  return total;
}

/** Both ways a browser reports CSP violations: the DOM event and the report endpoint. */
async function cspViolations(page: Page): Promise<unknown[]> {
  const inPage = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  const reported = await (await page.request.get(`${host}/csp-reports`)).json();
  return [...inPage, ...reported];
}

test.afterEach(async ({ page }) => {
  expect(await cspViolations(page)).toEqual([]);
});

test("a card purchase on another origin completes and the host hears zerostep:order-completed", async ({ page }) => {
  const errors = watchErrors(page);
  const checkout = await open(page);
  await checkout.fillBuyer();
  const total = await payByCard(page, checkout, CARD);

  const heading = page.getByRole("heading", { name: "ご注文ありがとうございました" });
  await expect(heading).toBeVisible();
  await expect(page).toHaveURL(`${host}/`);
  const orderNumber = (await page.getByTestId("order-number").textContent()) ?? "";
  expect(orderNumber).toMatch(/^\d{8}-\d{6}$/);
  const completed = await eventsOf(page, "zerostep:order-completed");
  expect(completed).toHaveLength(1);
  expect(completed[0].detail.orderNumber).toBe(orderNumber);
  expect(`¥${Number(completed[0].detail.total).toLocaleString("en")}`).toBe(total);

  // zerostep:change told the host when the form became valid, with the total.
  const changes = (await eventsOf(page, "zerostep:change")).map((e) => e.detail);
  expect(changes[0]).toMatchObject({ valid: false });
  expect(changes).toContainEqual(expect.objectContaining({ valid: true, currency: "JPY" }));
  expect(changes.some((c) => c.total === completed[0].detail.total)).toBe(true);
  expect(await eventsOf(page, "zerostep:error")).toEqual([]);
  expect(errors).toEqual([]);
  // The host's page saw the events too (its own log).
  await expect(page.getByTestId("host-events")).toContainText("zerostep:order-completed");
});

test("a decline raises zerostep:error and the widget stays usable", async ({ page }) => {
  const checkout = await open(page);
  await checkout.fillBuyer();
  await page.locator("#buyer-email").fill("decline-embed@example.jp");
  await payByCard(page, checkout, DECLINED);

  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(page.getByTestId("payment-error")).toContainText("カードの承認が得られませんでした");
  await expect.poll(async () => (await eventsOf(page, "zerostep:error")).length).toBe(1);
  const [error] = await eventsOf(page, "zerostep:error");
  expect(error.detail.code).toBe("card_declined");
  // The message comes in both languages, as the API gives it.
  expect(error.detail.message.ja).toContain("G12");
  expect(error.detail.message.en).toContain("declined");
  await expect(page.locator("#card-number")).toBeFocused();

  // Still usable: another card goes through.
  await fillCard(page, CARD);
  await checkout.submit.click();
  await page.getByRole("dialog").getByRole("button", { name: "注文する" }).click();
  await expect(page.getByRole("heading", { name: "ご注文ありがとうございました" })).toBeVisible();
  expect(await eventsOf(page, "zerostep:order-completed")).toHaveLength(1);
});

test("theme variables, the theme attribute and ::part() style the widget", async ({ page }) => {
  await open(page);
  const submit = page.locator("zerostep-checkout [part~=submit]");
  // host.css sets --zs-color-primary: #6b3e26 and letter-spacing through ::part(submit).
  await expect(submit).toHaveCSS("background-color", "rgb(107, 62, 38)");
  await expect(submit).not.toHaveCSS("letter-spacing", "normal");

  await page.evaluate(() =>
    document.querySelector<HTMLElement>("zerostep-checkout")!.style.setProperty("--zs-color-primary", "rgb(0, 90, 200)"),
  );
  await expect(submit).toHaveCSS("background-color", "rgb(0, 90, 200)");

  const app = page.locator("zerostep-checkout .zs-app");
  await expect(app).toHaveCSS("background-color", "rgb(250, 248, 245)");
  await page.locator("#theme").selectOption("dark");
  await expect(app).toHaveCSS("background-color", "rgb(22, 26, 23)");
  // The host's own value still wins over the dark preset.
  await expect(submit).toHaveCSS("background-color", "rgb(0, 90, 200)");

  // And the language follows the host's control.
  await page.locator("#locale").selectOption("en");
  await expect(page.getByRole("button", { name: "Review order" })).toBeVisible();
});

test("inside the host's own Shadow DOM a purchase completes", async ({ page }) => {
  const checkout = await open(page, "?shadow");
  expect(await page.evaluate(() => document.querySelector("zerostep-checkout"))).toBeNull();
  await checkout.fillBuyer();
  // The postal autofill and focus work across both shadow roots.
  await expect(page.locator("#buyer-city")).toHaveValue(/^千代田区/);
  await payByCard(page, checkout, CARD);
  await expect(page.getByRole("heading", { name: "ご注文ありがとうございました" })).toBeVisible();
  expect(await eventsOf(page, "zerostep:order-completed")).toHaveLength(1);
});

/** Sizes and offsets of the widget's blocks, relative to the element, and its text style. */
async function layout(page: Page) {
  await expect(page.locator("#payment-card")).toBeVisible();
  return page.evaluate(() => {
    const el = document.querySelector("zerostep-checkout")!;
    const origin = el.getBoundingClientRect();
    const boxes: Record<string, number[]> = {};
    for (const part of ["cart", "buyer", "shipping", "delivery", "payment", "summary", "submit"]) {
      const r = el.shadowRoot!.querySelector(`[part~="${part}"]`)!.getBoundingClientRect();
      boxes[part] = [r.x - origin.x, r.y - origin.y, r.width, r.height].map(Math.round);
    }
    const label = getComputedStyle(el.shadowRoot!.querySelector("label")!);
    const input = getComputedStyle(el.shadowRoot!.querySelector("#buyer-family")!);
    return {
      width: Math.round(origin.width),
      boxes,
      text: [label.fontSize, label.fontFamily, label.lineHeight, label.letterSpacing, label.color, label.textTransform, label.fontStyle],
      input: [input.fontSize, input.height, input.backgroundColor, input.borderTopWidth],
    };
  });
}

test("the host page's CSS does not change the widget's layout", async ({ page }) => {
  await open(page);
  const plain = await layout(page);
  await open(page, "?hostile");
  // The hostile styles did apply to the host's own page...
  await expect(page.locator("body")).toHaveCSS("text-transform", "uppercase");
  const hostile = await layout(page);
  // ...but not to the widget.
  expect(hostile).toEqual(plain);
  expect(plain.width).toBe(960);
});

test("the JS API mounts, updates items, reports bad items and destroys", async ({ page }) => {
  await open(page, "?mount");
  await expect(page.getByTestId("quantity")).toHaveText("2");
  await page.locator("#qty").selectOption("5");
  await expect(page.getByTestId("quantity")).toHaveText("5");

  await page.evaluate(() => {
    const w = window as unknown as { Zerostep: { mount: Function }; badHandle: unknown };
    const el = document.createElement("div");
    el.id = "second";
    document.body.appendChild(el);
    w.badHandle = w.Zerostep.mount(el, { items: [{ sku: "SENCHA-100", qty: 100 }] });
  });
  await expect.poll(async () => (await eventsOf(page, "zerostep:error")).length).toBe(1);
  const [bad] = await eventsOf(page, "zerostep:error");
  expect(bad.detail.code).toBe("invalid_items");
  expect(bad.detail.message.ja).toContain("items[0].qty");
  expect(bad.detail.message.en).toContain("items[0].qty must be");

  await page.evaluate(() => (window as unknown as { badHandle: { destroy(): void } }).badHandle.destroy());
  expect(await page.evaluate(() => document.getElementById("second")!.shadowRoot!.childNodes.length)).toBe(0);

  // Destroyed from its own zerostep:ready listener: it stays destroyed and quiet.
  await page.evaluate(async () => {
    const w = window as unknown as { Zerostep: { mount: Function }; thirdChanges: number };
    w.thirdChanges = 0;
    const el = document.createElement("div");
    el.id = "third";
    document.body.appendChild(el);
    let handle: { destroy(): void; ready: Promise<unknown> } | undefined;
    el.addEventListener("zerostep:ready", () => handle?.destroy());
    el.addEventListener("zerostep:change", () => w.thirdChanges++);
    handle = w.Zerostep.mount(el, { items: [{ sku: "SENCHA-100", qty: 1 }] });
    await handle!.ready;
  });
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => document.getElementById("third")!.shadowRoot!.childNodes.length)).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { thirdChanges: number }).thirdChanges)).toBe(0);
});

test("under the documented strict CSP the widget, the token JS and the API raise no violation", async ({ page }) => {
  const response = await page.goto(`${host}/`);
  const csp = response?.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("script-src 'self' http://127.0.0.1:");
  expect(csp).toContain("'wasm-unsafe-eval'");
  expect(csp).not.toContain("unsafe-inline");
  const checkout = await open(page, "?mount");
  await checkout.fillBuyer();
  await payByCard(page, checkout, CARD);
  await expect(page.getByRole("heading", { name: "ご注文ありがとうございました" })).toBeVisible();
  // Give any late report time to arrive; afterEach requires none.
  await page.waitForTimeout(500);
  expect(await cspViolations(page)).toEqual([]);
});

test("a merchant pins the widget by the URL and integrity /embed.json publishes: it loads and takes an order, and a wrong hash is refused", async ({ page, request }) => {
  const manifest = await (await request.get("/embed.json")).json();
  expect(manifest.src).toMatch(/^\/embed\/v1\/embed-[0-9a-f]{16}\.js$/);
  expect(manifest.integrity).toMatch(/^sha384-[A-Za-z0-9+/]{64}$/);
  const pinned = `?src=${encodeURIComponent(manifest.src)}&integrity=${encodeURIComponent(manifest.integrity)}`;
  const checkout = await open(page, pinned);
  expect(await page.evaluate(() => Array.from(document.scripts).map((s) => s.integrity).filter(Boolean))).toEqual([manifest.integrity]);
  await checkout.fillBuyer();
  await payByCard(page, checkout, CARD);
  await expect(page.getByRole("heading", { name: "ご注文ありがとうございました" })).toBeVisible();

  // One character off: the browser does not run it.
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  // (A sha384 in base64 has no padding: the last character is a whole digit.)
  const wrong = `${manifest.integrity.slice(0, -1)}${manifest.integrity.endsWith("A") ? "B" : "A"}`;
  await page.goto(`${host}/?src=${encodeURIComponent(manifest.src)}&integrity=${encodeURIComponent(wrong)}`);
  await expect.poll(() => errors.some((e) => e.includes("integrity"))).toBe(true);
  expect(await page.evaluate(() => "Zerostep" in window)).toBe(false);
});
