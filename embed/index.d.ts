/**
 * Types for the Zerostep embeddable checkout (ゼロステップカート): the
 * `<zerostep-checkout>` element, its `zerostep:*` events and CSS parts, and
 * `window.Zerostep` — everything the backend's `/embed.js` defines. See
 * EMBEDDING.md for the attributes, events, theming and CSP lines.
 *
 * Use it with `/// <reference types="@zerostep/embed" />` (the global
 * declarations only) or `import type { … } from "@zerostep/embed"`.
 *
 * @packageDocumentation
 */

// ---------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------

/** The widget's language: `ja` (日本語, the default) or `en`. */
export type ZerostepLocale = "ja" | "en";

/** `dark` for the dark preset; empty (or absent) for the light one. */
export type ZerostepTheme = "dark" | "";

/** A payment method's code, as `zerostep:order-completed` reports it. */
export type ZerostepPaymentMethod =
  /** クレジットカード決済. */
  | "card"
  /** 銀行振込. */
  | "bank_transfer";

/** One cart line of `items`. */
export interface ZerostepItem {
  /** The product's SKU, e.g. `SENCHA-100`. */
  sku: string;
  /** How many: an integer from 1 to 99. Omitted or `null`: 1. */
  qty?: number | null;
}

/** A text in both languages; the widget shows the one its locale chose. */
export interface ZerostepText {
  /** 日本語. */
  readonly ja: string;
  /** English. */
  readonly en: string;
}

/**
 * `zerostep:error`'s code: the API's (the ones a shopper can meet are
 * listed) plus the ones the widget raises itself. A newer backend may send
 * others: branch on the codes you handle and treat the rest alike.
 */
export type ZerostepErrorCode =
  // Raised by the widget or embed.js, never answered by the API.
  /** The backend could not be reached. */
  | "network"
  /** The backend's answer could not be read. */
  | "bad_response"
  /** Yamato's token library refused a card field. */
  | "card_invalid"
  /** Yamato's token script did not load. */
  | "token_unavailable"
  /** Yamato's token script did not answer in time. */
  | "token_timeout"
  /** The page passed invalid `items`; the cart stays as it was. */
  | "invalid_items"
  /** The widget's own files did not load (raised by `embed.js`). */
  | "load_failed"
  // Placing an order.
  /** The card was declined; the shopper may enter another card. */
  | "card_declined"
  /** The cardholder's 3-D Secure authentication failed or was cancelled. */
  | "authentication_failed"
  /** The card token expired before the authorization. */
  | "token_expired"
  /** The total changed since the shopper confirmed it. */
  | "price_changed"
  /** Too many failed card attempts from this shopper. */
  | "too_many_attempts"
  /** Too many orders from this address or session in a minute. */
  | "rate_limited"
  /** A card order needs a solved proof of work (card-testing defence). */
  | "proof_required"
  /** The proof of work is wrong, expired or used already. */
  | "proof_invalid"
  /** The same order request is still at work. */
  | "request_in_progress"
  /** The order request was withdrawn: no order, no charge. */
  | "order_withdrawn"
  /** The order request's key is missing or malformed. */
  | "invalid_idempotency_key"
  /** The order request's key was used with another body. */
  | "idempotency_key_reused"
  /** The payment gateway did not answer. */
  | "gateway_unavailable"
  /** The payment gateway is in maintenance. */
  | "gateway_maintenance"
  /** The payment gateway answered with an error that is not a decline. */
  | "gateway_error"
  // The purchase page.
  /** The postal code is not 7 digits. */
  | "invalid_postal_code"
  /** No address is known for the postal code. */
  | "postal_code_not_found"
  /** The cart has no lines. */
  | "empty_cart"
  /** The cart has more lines than allowed. */
  | "too_many_lines"
  /** A quantity is out of range. */
  | "invalid_quantity"
  /** A product is not on sale. */
  | "unknown_sku"
  /** No such delivery method. */
  | "unknown_delivery_method"
  /** The total cannot be represented. */
  | "amount_too_large"
  /** The delivery date is not one of the choices offered. */
  | "invalid_delivery_date"
  /** The number of instalments is not offered. */
  | "pay_way_not_offered"
  /** The payment method cannot be used for this order. */
  | "payment_method_unavailable"
  // The request itself.
  /** A field is missing or breaks its rule (the message names both). */
  | "invalid_field"
  /** Something failed on the backend. */
  | "internal_error"
  /** No such resource. */
  | "not_found"
  /** A code this version of the types does not know. */
  | (string & {});

// ---------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------

/** `zerostep:ready`'s detail: always `{}`. */
export interface ZerostepReadyDetail {}

/** `zerostep:change`'s detail. */
export interface ZerostepChangeDetail {
  /**
   * Whether the order could be submitted now: the cart is not empty and
   * every field, the payment method and (for cards) the card inputs are valid.
   */
  readonly valid: boolean;
  /** The tax-included total in yen, as the server priced it; `null` until priced. */
  readonly total: number | null;
  /** Always `JPY`. */
  readonly currency: "JPY";
  /** How many items the cart holds: the sum of the lines' quantities (a number, not the lines). */
  readonly items: number;
}

/** `zerostep:order-completed`'s detail. */
export interface ZerostepOrderCompletedDetail {
  /** The order's number (注文番号). */
  readonly orderNumber: string;
  /** The total charged, tax included, in yen. */
  readonly total: number;
  /** How it is paid. */
  readonly paymentMethod: ZerostepPaymentMethod;
  /**
   * `true` when the card authorization is still being confirmed (確認中);
   * the shop confirms the order later.
   */
  readonly pending: boolean;
}

/** `zerostep:error`'s detail. */
export interface ZerostepErrorDetail {
  /** The stable, machine-readable reason, e.g. `card_declined`. */
  readonly code: ZerostepErrorCode;
  /** What went wrong, in both languages. */
  readonly message: ZerostepText;
}

/** `zerostep:authentication-started`'s detail: always `{}`. */
export interface ZerostepAuthenticationStartedDetail {}

/** `zerostep:authentication-ended`'s detail. */
export interface ZerostepAuthenticationEndedDetail {
  /**
   * `true` when the order was placed (`zerostep:order-completed` follows at
   * once); `false` when it was not (`zerostep:error` carries the reason).
   */
  readonly completed: boolean;
}

/**
 * The events the checkout dispatches on its element (the
 * `<zerostep-checkout>`, or the element given to `Zerostep.mount`). All
 * bubble and are `composed`, so they also reach the document and leave the
 * host's own shadow roots.
 */
export interface ZerostepCheckoutEventMap {
  /** The checkout is rendered; once per mount. */
  "zerostep:ready": CustomEvent<ZerostepReadyDetail>;
  /** Validity, the cart's item count or the server-priced total changed. */
  "zerostep:change": CustomEvent<ZerostepChangeDetail>;
  /** The order was placed. */
  "zerostep:order-completed": CustomEvent<ZerostepOrderCompletedDetail>;
  /** An error: one the shopper was shown, invalid `items`, or the widget's files did not load. */
  "zerostep:error": CustomEvent<ZerostepErrorDetail>;
  /** The card's issuer authenticates the shopper (EMV 3-D Secure): its page opened in the widget's dialog. */
  "zerostep:authentication-started": CustomEvent<ZerostepAuthenticationStartedDetail>;
  /** The EMV 3-D Secure authentication is over. */
  "zerostep:authentication-ended": CustomEvent<ZerostepAuthenticationEndedDetail>;
}

/** A `zerostep:*` event's name. */
export type ZerostepEventName = keyof ZerostepCheckoutEventMap;

// ---------------------------------------------------------------------------
// Styling
// ---------------------------------------------------------------------------

/** A name for `zerostep-checkout::part(…)`. */
export type ZerostepPart =
  /** The widget's root. */
  | "root"
  /** The cart (カゴの中身). */
  | "cart"
  /** The buyer's details (購入者情報). */
  | "buyer"
  /** The delivery address. */
  | "shipping"
  /** The delivery method and date. */
  | "delivery"
  /** The payment method; in the 3-step cart's STEP3 確認画面, the card section. */
  | "payment"
  /** The card inputs. */
  | "card-fields"
  /** Every text input, the card's included. */
  | "input"
  /** The order summary. */
  | "summary"
  /** 「注文確認する」; in the 3-step cart each step's 「購入手続きへ」, 「次へ」 and 「注文する」. */
  | "submit"
  /** The 3-step cart's step indicator. */
  | "steps"
  /** The backdrop of a dialog (the confirmation modal, the 3-D Secure dialog). */
  | "modal-backdrop"
  /** A dialog: the confirmation modal, or the 3-D Secure dialog. */
  | "modal"
  /** The confirmation modal's 「注文する」. */
  | "place-order"
  /** The completion (注文完了). */
  | "complete"
  /** The screen readers' live region. */
  | "status";

// ---------------------------------------------------------------------------
// The element
// ---------------------------------------------------------------------------

/**
 * The attributes of `<zerostep-checkout>`, with the values they take. They
 * are attributes only (no property reflects them): set them in HTML or with
 * `setAttribute`.
 */
export interface ZerostepCheckoutAttributes {
  /**
   * The backend's base URL (its origin). Default: the origin `embed.js`
   * came from (`Zerostep.origin`). Changing it mounts a new checkout.
   */
  api?: string;
  /**
   * The cart as JSON: a list of {@link ZerostepItem}, at most 50 lines.
   * Default `[]` (an empty cart). Invalid items keep the cart as it was and
   * raise `zerostep:error` with code `invalid_items`.
   */
  items?: string;
  /** The language. Default `ja`. */
  locale?: ZerostepLocale;
  /** The theme. Default: light. */
  theme?: ZerostepTheme;
}

/**
 * `<zerostep-checkout>`: the checkout, rendered in the element's open
 * shadow root when it is connected. Removing it from the page destroys the
 * checkout; moving it keeps its state.
 *
 * Attributes (attributes only; no property reflects them, see
 * {@link ZerostepCheckoutAttributes}):
 * - `api`: the backend's base URL; default the origin `embed.js` came from.
 * - `items`: JSON list of `{"sku": string, "qty": 1–99}`; default `[]`.
 * - `locale`: `ja` or `en`; default `ja`.
 * - `theme`: `dark`, or empty for light.
 *
 * Changing `items`, `locale` or `theme` updates the checkout in place;
 * what the shopper typed stays.
 */
export interface ZerostepCheckoutElement extends HTMLElement {
  addEventListener<K extends keyof ZerostepCheckoutEventMap>(
    type: K,
    listener: (this: ZerostepCheckoutElement, ev: ZerostepCheckoutEventMap[K]) => any,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: ZerostepCheckoutElement, ev: HTMLElementEventMap[K]) => any,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof ZerostepCheckoutEventMap>(
    type: K,
    listener: (this: ZerostepCheckoutElement, ev: ZerostepCheckoutEventMap[K]) => any,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(
    type: K,
    listener: (this: ZerostepCheckoutElement, ev: HTMLElementEventMap[K]) => any,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}

// ---------------------------------------------------------------------------
// The JS API
// ---------------------------------------------------------------------------

/**
 * What `Zerostep.mount` takes; every field is optional. In
 * {@link ZerostepHandle.update}, a field present with `undefined` (or
 * `null` for `items`) sets its default.
 */
export interface ZerostepMountOptions {
  /** The backend's base URL (its origin). Default: `Zerostep.origin`. */
  api?: string;
  /**
   * The cart: a list of {@link ZerostepItem} (at most 50 lines) or the same
   * as a JSON string. Default: an empty cart. Invalid items raise
   * `zerostep:error` with code `invalid_items`.
   */
  items?: readonly ZerostepItem[] | string | null;
  /** The language. Default `ja`. */
  locale?: ZerostepLocale;
  /** The theme. Default: light. */
  theme?: ZerostepTheme;
}

/** What {@link ZerostepHandle.update} changes: the options but `api`. */
export type ZerostepUpdateOptions = Pick<ZerostepMountOptions, "items" | "locale" | "theme">;

/** A mounted checkout, as `Zerostep.mount` returns it. */
export interface ZerostepHandle {
  /**
   * Resolves with this handle once the checkout is on screen (after
   * `zerostep:ready`); if it was destroyed meanwhile, once the files loaded,
   * with nothing on screen. Rejects when the widget's files did not load,
   * after `zerostep:error` with code `load_failed`.
   */
  readonly ready: Promise<ZerostepHandle>;
  /** Changes the items, locale or theme in place; what the shopper typed stays. Ignored once destroyed. */
  update(options: ZerostepUpdateOptions): void;
  /** Unmounts the checkout and empties the shadow root. Calling it again does nothing. */
  destroy(): void;
}

/** `window.Zerostep`, defined by `embed.js`. */
export interface ZerostepApi {
  /**
   * Renders the checkout into `element`'s open shadow root (attached if it
   * has none): any element that can host one, such as a `div`, a `section`
   * or your own custom element. Mounting again on the same element replaces
   * the previous checkout. The events are dispatched on `element`.
   *
   * @throws TypeError when `element` is not an `HTMLElement`.
   */
  mount(element: HTMLElement, options?: ZerostepMountOptions): ZerostepHandle;
  /** The origin `embed.js` was loaded from: the default `api`. */
  readonly origin: string;
}

declare global {
  interface HTMLElementTagNameMap {
    /** The Zerostep checkout (ゼロステップカート). */
    "zerostep-checkout": ZerostepCheckoutElement;
  }

  /**
   * The `zerostep:*` events bubble and are composed, so any ancestor, the
   * document and the window receive them: listeners there are typed too.
   */
  interface GlobalEventHandlersEventMap extends ZerostepCheckoutEventMap {}

  interface Window {
    /**
     * The Zerostep JS API. It exists once `embed.js` has run: with `async`,
     * wait for the script's `load` event.
     */
    Zerostep: ZerostepApi;
  }

  /**
   * The Zerostep JS API (`window.Zerostep`). It exists once `embed.js` has
   * run: with `async`, wait for the script's `load` event.
   */
  var Zerostep: ZerostepApi;
}
