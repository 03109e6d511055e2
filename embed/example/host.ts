// A host page's script, type-checked against index.d.ts (`npm run check`):
// the <zerostep-checkout> element with its attributes and typed events, and
// the JS API. It is never run; it shows the types in use.
import type {
  ZerostepChangeDetail,
  ZerostepCheckoutElement,
  ZerostepErrorCode,
  ZerostepHandle,
  ZerostepItem,
  ZerostepMountOptions,
  ZerostepPart,
} from "@zerostep/embed";

const API = "https://pay.example.jp";
const items: ZerostepItem[] = [{ sku: "SENCHA-100", qty: 2 }];

// The element: attributes only, no reflecting properties.
const checkout: ZerostepCheckoutElement = document.createElement("zerostep-checkout");
checkout.setAttribute("api", API);
checkout.setAttribute("items", JSON.stringify(items));
checkout.setAttribute("locale", "ja");
checkout.setAttribute("theme", "dark");

// Every event, with its typed detail.
checkout.addEventListener("zerostep:ready", (e) => {
  const detail: {} = e.detail;
  console.log("ready", detail, e.target === checkout);
});

let lastChange: ZerostepChangeDetail | null = null;
checkout.addEventListener("zerostep:change", (e) => {
  lastChange = e.detail;
  const total: number | null = e.detail.total;
  const currency: "JPY" = e.detail.currency;
  const count: number = e.detail.items;
  const label = total === null ? "計算中" : `¥${total.toLocaleString("ja-JP")}`;
  console.log(label, currency, count, e.detail.valid ? "注文確認する" : "入力してください");
});

checkout.addEventListener("zerostep:order-completed", (e) => {
  const { orderNumber, total, paymentMethod, pending } = e.detail;
  const method: "card" | "bank_transfer" = paymentMethod;
  console.log(`注文番号 ${orderNumber}: ¥${total}`, method, pending ? "確認中" : "完了");
});

function isDecline(code: ZerostepErrorCode): boolean {
  return code === "card_declined" || code === "authentication_failed";
}
checkout.addEventListener("zerostep:error", (e) => {
  const { code, message } = e.detail;
  const text: string = document.documentElement.lang === "en" ? message.en : message.ja;
  console.warn(code, text, isDecline(code));
});

checkout.addEventListener("zerostep:authentication-started", function (e) {
  // `this` is the element.
  const detail: {} = e.detail;
  this.setAttribute("aria-busy", "true");
  console.log("3-D Secure started", detail);
});

checkout.addEventListener("zerostep:authentication-ended", function (e) {
  this.removeAttribute("aria-busy");
  const completed: boolean = e.detail.completed;
  console.log(completed ? "authenticated, order placed" : "authentication not completed");
});

// The events bubble and are composed: the document receives them too.
document.addEventListener("zerostep:order-completed", (e) => {
  console.log("purchase", { order: e.detail.orderNumber, value: e.detail.total });
});

// Listeners can be removed with the same types.
const onError = (e: CustomEvent<{ code: string }>): void => console.log(e.detail.code);
checkout.addEventListener("zerostep:error", onError);
checkout.removeEventListener("zerostep:error", onError);

// An ordinary DOM event still has its own type.
checkout.addEventListener("click", (e) => console.log(e.clientX, e.clientY));

document.body.append(checkout);

// CSS parts, for styles built in code.
const parts: ZerostepPart[] = ["submit", "place-order", "modal"];
const sheet = new CSSStyleSheet();
sheet.replaceSync(parts.map((p) => `zerostep-checkout::part(${p}) { letter-spacing: 0.1em; }`).join("\n"));
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

// The JS API, on any element that can host a shadow root.
async function mountInto(target: HTMLElement): Promise<ZerostepHandle> {
  const options: ZerostepMountOptions = {
    api: Zerostep.origin,
    items, // or the same as a JSON string
    locale: "en",
    theme: "",
  };
  const handle = window.Zerostep.mount(target, options);
  target.addEventListener("zerostep:change", (e) => console.log(e.detail.valid));
  await handle.ready; // the checkout is on screen
  handle.update({ items: JSON.stringify([{ sku: "SENCHA-100", qty: 3 }]) });
  handle.update({ locale: "ja", theme: "dark" });
  return handle;
}

const slot = document.createElement("div");
document.body.append(slot);
mountInto(slot)
  .then((handle) => {
    console.log(lastChange?.items);
    handle.destroy();
  })
  .catch((error: unknown) => {
    // zerostep:error with code load_failed was dispatched first.
    console.error(error);
  });

// What the types refuse (each line must fail to compile).
checkout.addEventListener("zerostep:ready", (e) => {
  // @ts-expect-error: zerostep:ready's detail is always {}
  console.log(e.detail.total);
});
checkout.addEventListener("zerostep:change", (e) => {
  // @ts-expect-error: items is a count, not the lines
  console.log(e.detail.items.length);
});
checkout.addEventListener("zerostep:order-completed", (e) => {
  // @ts-expect-error: the field is orderNumber
  console.log(e.detail.order_number);
});
// @ts-expect-error: the locale is ja or en
window.Zerostep.mount(slot, { locale: "fr" });
