// The sandbox's embeddedTokenLib.js in a real Chromium, loaded cross-origin
// into the shop's page exactly as the checkout will load Yamato's.
import { expect, test, type Page } from "@playwright/test";

const sandbox = process.env.E2E_SANDBOX_URL ?? "http://127.0.0.1:8081";

type TokenResult = { ok: true; token: string } | { ok: false; errorInfo: { errorCode: string; errorMsg: string; errorItem: string }[] };

async function loadTokenLib(page: Page) {
  await page.goto("/");
  await page.addScriptTag({ url: `${sandbox}/api/token/js/embeddedTokenLib.js` });
  await expect.poll(() => page.evaluate(() => typeof (window as any).WebcollectTokenLib?.createToken)).toBe("function");
}

async function createToken(page: Page, overrides: Record<string, string>): Promise<TokenResult> {
  return page.evaluate(async (overrides) => {
    const sha256 = async (text: string) => {
      const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
      return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
    };
    const info: Record<string, string> = {
      traderCode: "888888709",
      authDiv: "2",
      optServDiv: "00",
      memberId: "",
      authKey: "",
      cardNo: "4111111111111111",
      cardOwner: "TARO YAMADA",
      cardExp: "1240",
      securityCode: "123",
      ...overrides,
    };
    if (info.checkSum === undefined) info.checkSum = await sha256(`1111111${info.authDiv}`);
    return new Promise<TokenResult>((resolve) =>
      (window as any).WebcollectTokenLib.createToken(
        info,
        (res: { token: string }) => resolve({ ok: true, token: res.token }),
        (res: { errorInfo: any[] }) => resolve({ ok: false, errorInfo: res.errorInfo }),
      ),
    );
  }, overrides);
}

test("createToken returns a 16-character token for a test card, cross-origin", async ({ page }) => {
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  await loadTokenLib(page);
  const result = await createToken(page, {});
  expect(result.ok).toBe(true);
  if (result.ok) expect(result.token).toMatch(/^[A-Za-z0-9]{16}$/);
  // The card number went to the sandbox's origin, never to the shop's.
  const cardRequests = requests.filter((u) => u.includes("/token/issue"));
  expect(cardRequests.length).toBe(1);
  expect(cardRequests[0].startsWith(sandbox)).toBe(true);
});

test("each card field error comes back with its errorItem", async ({ page }) => {
  await loadTokenLib(page);
  const cases: [Record<string, string>, string, string][] = [
    [{ cardNo: "" }, "cardNo", "Y021010901"],
    [{ cardNo: "4111-1111" }, "cardNo", "Y021010904"],
    [{ cardNo: "4111111111111112" }, "cardNo", "Y021010971"],
    [{ cardOwner: "" }, "cardOwner", "Y021011001"],
    [{ cardOwner: "山田太郎" }, "cardOwner", "Y021011004"],
    [{ cardExp: "" }, "cardExp", "Y021011101"],
    [{ cardExp: "1340" }, "cardExp", "Y021011105"],
    [{ cardExp: "0120" }, "cardExp", "Y021011171"],
    [{ securityCode: "" }, "securityCode", "Y021011301"],
    [{ securityCode: "12" }, "securityCode", "Y021011302"],
    [{ securityCode: "12a" }, "securityCode", "Y021011304"],
  ];
  for (const [overrides, item, code] of cases) {
    const result = await createToken(page, overrides);
    expect(result.ok, JSON.stringify(overrides)).toBe(false);
    if (!result.ok) {
      expect(result.errorInfo).toHaveLength(1);
      expect(result.errorInfo[0]).toMatchObject({ errorItem: item, errorCode: code });
      expect(result.errorInfo[0].errorMsg.length).toBeGreaterThan(0);
    }
  }
});

test("settings errors name traderCode, authDiv, optServDiv and checkSum", async ({ page }) => {
  await loadTokenLib(page);
  const cases: [Record<string, string>, string, string][] = [
    [{ traderCode: "999999999" }, "traderCode", "Y021010106"],
    [{ authDiv: "9" }, "authDiv", "Y021010206"],
    // The checkSum covers authDiv: one made for 2 does not fit a 3-D Secure token.
    [{ authDiv: "3", checkSum: "d7a758fb53aa076f4c56e51ef789368943b60b44f66dbe853d554775f56a8096" }, "checkSum", "Y021010606"],
    [{ optServDiv: "01" }, "optServDiv", "Y021010371"],
    [{ checkSum: "0".repeat(64) }, "checkSum", "Y021010606"],
  ];
  for (const [overrides, item, code] of cases) {
    const result = await createToken(page, overrides);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errorInfo[0]).toMatchObject({ errorItem: item, errorCode: code });
  }
});

test("3-D Secure tokens (authDiv 3 and 1) are issued with their own checkSum", async ({ page }) => {
  await loadTokenLib(page);
  const three = await createToken(page, { authDiv: "3" });
  expect(three.ok).toBe(true);
  // 1 is 3-D Secure without the security code.
  const one = await createToken(page, { authDiv: "1", securityCode: "" });
  expect(one.ok).toBe(true);
  const noCode = await createToken(page, { authDiv: "3", securityCode: "" });
  expect(noCode.ok).toBe(false);
  if (!noCode.ok) expect(noCode.errorInfo[0]).toMatchObject({ errorItem: "securityCode", errorCode: "Y021011301" });
});

test("several bad card fields are reported together", async ({ page }) => {
  await loadTokenLib(page);
  const result = await createToken(page, { cardNo: "1234", cardOwner: "太郎", securityCode: "" });
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.errorInfo.map((e) => e.errorItem)).toEqual(["cardNo", "cardOwner", "securityCode"]);
});
