// The shop-wide velocity guard in a real browser (security review H1): after
// a burst of declined cards across the shop, a script without a proof of
// work is refused, and a shopper still completes an order: the page solves
// the proof by itself, with nothing more to do.
import { expect, test } from "@playwright/test";
import { SUITE_CHALLENGE_AFTER } from "../global-setup";
import { fillCard, readyForCard, setChallengeAfter, tryOrder } from "./fixtures/pages";

test.afterEach(async ({ request }) => {
  await setChallengeAfter(request, SUITE_CHALLENGE_AFTER);
});

for (const width of [1280, 360]) {
  test(`a shop-wide burst of declines asks for a proof of work, and a shopper still pays (${width} px)`, async ({ page, request }) => {
    await page.setViewportSize({ width, height: 800 });
    await setChallengeAfter(request, 3);
    // Three declines across the shop (earlier specs may have declined some
    // already: then the guard is on sooner, and asks these for a proof too).
    for (let i = 0; i < 3; i++) {
      const status = (await tryOrder(request, "4000000000000002", `tester-${width}-${i}@example.jp`)).status();
      expect([402, 428]).toContain(status);
    }
    const refused = await tryOrder(request, "4111111111111111", `script-${width}@example.jp`);
    expect(refused.status()).toBe(428);
    expect((await refused.json()).code).toBe("proof_required");

    const orders: { status: number; proof: boolean }[] = [];
    page.on("response", (r) => {
      if (r.request().method() === "POST" && new URL(r.url()).pathname === "/api/orders") {
        orders.push({ status: r.status(), proof: Boolean(r.request().headers()["x-zerostep-proof"]) });
      }
    });
    const checkout = await readyForCard(page);
    await fillCard(page, "4111111111111111");
    await checkout.submit.click();
    await page.getByRole("dialog").getByRole("button", { name: "注文する" }).click();
    await expect(page.getByRole("heading", { name: "ご注文ありがとうございました" })).toBeVisible();
    expect(orders).toEqual([
      { status: 428, proof: false },
      { status: 201, proof: true },
    ]);
  });
}
