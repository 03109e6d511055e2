// What a shopper on a 360 × 740 phone must not trip over (issue 22): a
// decline seen where the shopper is sent, nothing stale left on screen, the
// total before 「注文確認する」, error counts that match what is red, and
// labels whose accessible names are the labels.
import { expect, test } from "@playwright/test";
import { fillCard, readyForCard } from "./fixtures/pages";

const DECLINED = "4000000000000002";
const APPROVED = "4111111111111111";

test.use({ viewport: { width: 360, height: 740 } });

test("a decline on a phone is seen beside the emptied card number, and read with it", async ({ page }) => {
  const checkout = await readyForCard(page);
  await fillCard(page, DECLINED);
  await checkout.submit.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "注文する" }).focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();

  const number = page.locator("#card-number");
  const error = page.getByTestId("payment-error");
  await expect(number).toBeFocused();
  await expect(number).toHaveValue("");
  await expect(error).toContainText("カードの承認が得られませんでした");
  // Both on screen at once: the reason sits right above the card inputs.
  await expect(number).toBeInViewport();
  await expect(error).toBeInViewport();
  const [errorBox, numberBox] = [await error.boundingBox(), await number.boundingBox()];
  expect(errorBox!.y).toBeLessThan(numberBox!.y);
  expect(numberBox!.y - (errorBox!.y + errorBox!.height)).toBeLessThan(120);
  // A screen reader hears the reason on arriving at the card number.
  await expect(number).toHaveAccessibleDescription(/カードの承認が得られませんでした/);
});

test("nothing stale stays on screen: the live region is for screen readers, and a completed order shows no earlier decline", async ({ page }) => {
  const checkout = await readyForCard(page);
  const announcer = page.getByTestId("announcer");
  // Said to assistive technology, not left as visible text.
  const box = await announcer.boundingBox();
  expect(box!.width).toBeLessThanOrEqual(1);
  expect(box!.height).toBeLessThanOrEqual(1);

  await fillCard(page, DECLINED);
  await checkout.submit.click();
  await page.getByRole("dialog").getByRole("button", { name: "注文する" }).click();
  await expect(announcer).toContainText("カードの承認が得られませんでした");
  await fillCard(page, APPROVED);
  await checkout.submit.click();
  await page.getByRole("dialog").getByRole("button", { name: "注文する" }).click();
  await expect(page.getByRole("heading", { name: "ご注文ありがとうございました" })).toBeVisible();
  await expect(page.getByText(/承認が得られませんでした/)).toHaveCount(0);
  await expect(announcer).toHaveText("");
});

test("the total is shown before 「注文確認する」 on a phone, and left to the summary beside the form at a desk", async ({ page }) => {
  const checkout = await readyForCard(page);
  const total = page.getByTestId("submit-total");
  await expect(total).toContainText("合計（税込）");
  await expect(total).toContainText("¥4,180");
  await checkout.submit.scrollIntoViewIfNeeded();
  await expect(total).toBeInViewport();
  const [totalBox, submitBox, summaryBox] = [
    await total.boundingBox(),
    await checkout.submit.boundingBox(),
    await checkout.total.boundingBox(),
  ];
  expect(totalBox!.y + totalBox!.height).toBeLessThanOrEqual(submitBox!.y);
  expect(summaryBox!.y, "the summary itself comes after the button").toBeGreaterThan(submitBox!.y);

  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(total).toBeHidden();
  await expect(checkout.total).toBeInViewport();
});

test("the error count matches the fields shown red, and a label's accessible name is the label without 必須", async ({ page }) => {
  const checkout = await readyForCard(page);
  await checkout.submit.focus();
  await page.keyboard.press("Enter");
  const red = page.locator('[aria-invalid="true"]');
  await expect(red).toHaveCount(4);
  await expect(page.getByTestId("announcer")).toHaveText("入力内容に4件の誤りがあります。");
  await expect(page.locator("#card-number")).toBeFocused();

  // The names are the labels: 「姓」, not 「姓必須」.
  for (const name of ["姓", "名", "メールアドレス", "カード番号", "有効期限（月/年）"]) {
    await expect(page.getByRole("textbox", { name, exact: true })).toHaveCount(1);
  }
  await expect(page.getByRole("textbox", { name: /必須/ })).toHaveCount(0);
  await expect(page.locator(".zs-mark-required").first()).toBeVisible();
});

test("the modal's final confirmation, down to the cancellation policy, is readable in full with nothing over it", async ({ page }) => {
  const checkout = await readyForCard(page);
  await fillCard(page, APPROVED);
  await checkout.submit.click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  const blocks = dialog.locator("section");
  const count = await blocks.count();
  expect(count).toBeGreaterThan(3);
  for (let i = 0; i < count; i++) {
    const block = blocks.nth(i);
    await block.scrollIntoViewIfNeeded();
    // What is drawn at the block's corners and centre is the block itself.
    const covered = await block.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const points = [[r.left + 4, r.top + 4], [r.left + r.width / 2, r.top + r.height / 2], [r.right - 4, r.bottom - 4]];
      return points.filter(([x, y]) => {
        const top = (el.getRootNode() as Document).elementFromPoint(x, y);
        return !top || !el.contains(top);
      }).length;
    });
    expect(covered, `section ${i} is covered`).toBe(0);
  }
  // The buttons come after it all, and place the order.
  await dialog.getByRole("button", { name: "注文する" }).click();
  await expect(page.getByRole("heading", { name: "ご注文ありがとうございました" })).toBeVisible();
});

test("the header stays on one line and the card inputs share one width at 360 px", async ({ page }) => {
  await readyForCard(page);
  const header = page.locator("header.zs-header");
  const parts = [page.getByTestId("shop-name"), page.getByTestId("cart-count"), header.getByRole("button")];
  // In either language: every part on one line, and no part broken over two.
  for (const language of ["ja", "en"]) {
    if (language === "en") await header.getByRole("button").click();
    const boxes = await Promise.all(parts.map((p) => p.boundingBox()));
    const middles = boxes.map((b) => b!.y + b!.height / 2);
    for (const m of middles) expect(Math.abs(m - middles[0]), language).toBeLessThanOrEqual(4);
    for (const b of boxes) expect(b!.height, language).toBeLessThanOrEqual(48);
    expect((await header.boundingBox())!.height, language).toBeLessThanOrEqual(72);
  }
  await header.getByRole("button").click();
  const widths = await Promise.all(
    ["#card-number", "#card-expiry", "#card-cvc", "#card-holder", "#card-pay-way"].map(async (id) => (await page.locator(id).boundingBox())!.width),
  );
  for (const w of widths) expect(Math.abs(w - widths[0]), `${widths}`).toBeLessThanOrEqual(1);
});

test("back from the modal keeps the shopper's details and says plainly why the card must be entered again", async ({ page }) => {
  const checkout = await readyForCard(page);
  await fillCard(page, APPROVED);
  await checkout.submit.click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "戻る" }).click();
  await expect(dialog).toBeHidden();
  // What the shopper typed is all there, but the card (its token serves one order).
  await expect(checkout.field("buyer-family")).toHaveValue("山田");
  await expect(checkout.field("buyer-line1")).toHaveValue("1-2-3");
  await expect(page.locator("#card-number")).toHaveValue("");
  const said = page.getByTestId("payment-error");
  await expect(said).toContainText("もう一度ご入力ください");
  // Fixing the address and entering the card again completes the order.
  await checkout.field("buyer-line1").fill("1-2-4");
  await fillCard(page, APPROVED);
  await checkout.submit.click();
  await dialog.getByRole("button", { name: "注文する" }).click();
  await expect(page.getByRole("heading", { name: "ご注文ありがとうございました" })).toBeVisible();
  await expect(page.getByText("もう一度ご入力ください")).toHaveCount(0);
});
