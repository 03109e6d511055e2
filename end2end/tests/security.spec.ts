// The payment page's defences in the browser: a card purchase runs under the
// page's Content-Security-Policy with no violation, and the page loads only
// the scripts on its inventory (PCI DSS 4.0 requirements 6.4.3 and 11.6.1).
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { CheckoutPage, logIn } from "./fixtures/pages";

const sandbox = process.env.E2E_SANDBOX_URL ?? "http://127.0.0.1:8081";

/** A row of SCRIPTS.md's inventory. */
type Row = { page: string; name: string; matches: RegExp };

/** SCRIPTS.md's inventory, `{token}` read as the sandbox's token script URL. */
function inventory(): Row[] {
  const text = fs.readFileSync(new URL("../../SCRIPTS.md", import.meta.url), "utf8");
  const table = text.slice(text.indexOf("## Inventory"));
  const token = `${sandbox}/api/token/js/embeddedTokenLib.js`.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return table
    .split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("| page") && line.includes("`"))
    .map((line) => {
      const cells = line.split(" | ").map((c) => c.replace(/^\| |\s*\|$/g, "").trim());
      const pattern = cells[2].replace(/^`|`$/g, "").replace("{token}", token);
      return { page: cells[0], name: cells[1], matches: new RegExp(pattern) };
    });
}

/** How a script is matched: its path on our origin, its whole URL elsewhere. */
function key(url: string, origin: string): string {
  return url.startsWith(`${origin}/`) ? new URL(url).pathname : url;
}

/** The scripts of a built page: each `<script>` (its src, or `inline:` and its text) and each module preload. */
function builtScripts(file: string): string[] {
  const html = fs.readFileSync(new URL(`../../${file}`, import.meta.url), "utf8");
  const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map(([, attrs, body]) => {
    const src = /src="([^"]+)"/.exec(attrs);
    return src ? src[1] : `inline:${body.trim()}`;
  });
  const preloads = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map(([, href]) => href);
  return [...scripts, ...preloads];
}

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
  // Yamato's token script by its one URL, not its whole host.
  expect(csp).toContain(`script-src 'self' ${sandbox}/api/token/js/embeddedTokenLib.js 'wasm-unsafe-eval' 'sha256-`);
  expect(csp).toContain(`connect-src 'self' ${sandbox};`);
  expect(csp).toContain("object-src 'none'");
  expect(csp).toMatch(/frame-ancestors 'self' http:\/\/127\.0\.0\.1:\d+; report-uri \/api\/csp-reports$/);
  expect(csp).not.toContain("unsafe-inline");
  expect(response?.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(response?.headers()["x-content-type-options"]).toBe("nosniff");

  await purchaseByCard(page);
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  expect(new URL(page.url()).origin).toBe(new URL(baseURL ?? "").origin);
});

test("the payment page loads only the scripts on its written inventory (SCRIPTS.md)", async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? "").origin;
  const rows = inventory().filter((r) => r.page.startsWith("checkout"));
  const loaded: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script") loaded.push(r.url());
  });
  await purchaseByCard(page);
  // Script elements too: anything inline besides Trunk's bootstrap would show here.
  const elements = await page.evaluate(() =>
    Array.from(document.scripts).map((s) => s.src || `inline:${(s.textContent ?? "").trim()}`),
  );
  const unknown = [...new Set([...loaded, ...elements])].filter((url) => !rows.some((r) => r.matches.test(key(url, origin))));
  expect(unknown).toEqual([]);
  // Each script of the checkout's inventory did load (the list is not vacuous).
  for (const row of rows.filter((r) => !r.name.includes("inline"))) {
    expect(loaded.some((url) => row.matches.test(key(url, origin))), row.name).toBe(true);
  }
});

test("every script of the built pages is on the written inventory, and every row of a built page is there", () => {
  const rows = inventory();
  expect(rows.length).toBeGreaterThanOrEqual(5);
  for (const [page, file] of [["checkout", "dist/index.html"], ["admin", "admin/dist/index.html"]]) {
    const scripts = builtScripts(file);
    const own = rows.filter((r) => r.page === page);
    expect(scripts.filter((s) => !own.some((r) => r.matches.test(s))), file).toEqual([]);
    for (const row of own) {
      expect(scripts.some((s) => row.matches.test(s)), `${page}: ${row.name}`).toBe(true);
    }
  }
});

test("a script injected into the payment page is blocked and reported, and the merchant sees it in 改ざん検知, at 360 px by keyboard", async ({ page, browser }) => {
  await page.goto("/checkout");
  const skimmer = `https://skimmer.invalid/collect-${Date.now()}.js`;
  const ran = await page.evaluate(
    (src) =>
      new Promise<string>((resolve) => {
        const script = document.createElement("script");
        script.src = src;
        script.onload = () => resolve("loaded");
        script.onerror = () => resolve("blocked");
        document.head.append(script);
      }),
    skimmer,
  );
  expect(ran).toBe("blocked");
  // The merchant, in a browser of their own.
  const admin = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await logIn(admin);
  await admin.getByRole("link", { name: "改ざん検知" }).focus();
  await admin.keyboard.press("Enter");
  await expect(admin.getByRole("heading", { name: /^改ざん検知/ })).toBeVisible();
  // The browser sends the report on its own time: look again until it is there.
  await expect(async () => {
    await admin.reload();
    const table = admin.getByTestId("csp-reports");
    await expect(table).toContainText(skimmer, { timeout: 1000 });
    await expect(table).toContainText("script-src-elem");
    await expect(table).toContainText("/checkout");
  }).toPass({ timeout: 15_000 });
  expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await admin.close();
});
