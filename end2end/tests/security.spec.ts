// The payment page's defences in the browser: a card purchase runs under the
// page's Content-Security-Policy with no violation, and the page loads only
// the scripts on its inventory (PCI DSS 4.0 requirements 6.4.3 and 11.6.1).
import { expect, test, type Page } from "@playwright/test";
import { CheckoutPage } from "./fixtures/pages";

const sandbox = process.env.E2E_SANDBOX_URL ?? "http://127.0.0.1:8081";

/** Every script the page may run: our hashed module, Trunk's inline bootstrap, Yamato's token script. */
const INVENTORY = [
  { name: "checkout module", test: (url: string, origin: string) => new RegExp(`^${origin}/zerostep-[0-9a-f]{12,16}\\.js$`).test(url) },
  { name: "Yamato token script", test: (url: string) => url === `${sandbox}/api/token/js/embeddedTokenLib.js` },
];

async function purchaseByCard(page: Page) {
  await page.goto("/");
  await page.evaluate(() => localStorage.clear());
  const checkout = new CheckoutPage(page);
  await checkout.fromShop("有田焼 湯呑み");
  await checkout.fillBuyer();
  await checkout.paymentOption("card").check();
  await page.locator("#card-number").fill("4111111111111111");
  await page.locator("#card-expiry").fill("12/30");
  await page.locator("#card-cvc").fill("737");
  await page.locator("#card-holder").fill("taro yamada");
  await checkout.submit.click();
  await page.getByRole("dialog").getByRole("button", { name: "注文する" }).click();
  await expect(page.getByRole("heading", { name: "ご注文ありがとうございました" })).toBeVisible();
}

test("a card purchase runs under the checkout's CSP with no violation", async ({ page, baseURL }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto("/checkout");
  const csp = response?.headers()["content-security-policy"] ?? "";
  expect(csp).toContain(`script-src 'self' ${sandbox} 'wasm-unsafe-eval' 'sha256-`);
  expect(csp).toContain(`connect-src 'self' ${sandbox};`);
  expect(csp).toContain("object-src 'none'");
  expect(csp).toMatch(/frame-ancestors 'self' http:\/\/127\.0\.0\.1:\d+$/);
  expect(csp).not.toContain("unsafe-inline");
  expect(response?.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(response?.headers()["x-content-type-options"]).toBe("nosniff");

  await purchaseByCard(page);
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  expect(new URL(page.url()).origin).toBe(new URL(baseURL ?? "").origin);
});

test("the payment page loads only the scripts on its inventory", async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? "").origin;
  const loaded: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script") loaded.push(r.url());
  });
  await purchaseByCard(page);
  // Script elements too: anything inline besides Trunk's bootstrap would show here.
  const elements = await page.evaluate(() =>
    Array.from(document.scripts).map((s) => s.src || `inline:${(s.textContent ?? "").trim().slice(0, 80)}`),
  );
  const unknown = [...new Set([...loaded, ...elements])].filter(
    (url) => !(url.startsWith("inline:import init, * as bindings from '/zerostep-") || INVENTORY.some((i) => i.test(url, origin))),
  );
  expect(unknown).toEqual([]);
  // Both inventoried scripts did load (the list is not vacuous).
  for (const item of INVENTORY) {
    expect(loaded.some((url) => item.test(url, origin)), item.name).toBe(true);
  }
});
