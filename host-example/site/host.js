// The example host page's own script: it mounts the checkout the way the
// query string asks, mirrors the page's controls into the widget, and lists
// the zerostep:* events it receives (tests read window.zerostepEvents).
"use strict";

window.zerostepEvents = [];
window.cspViolations = [];

const params = new URLSearchParams(location.search);
const slot = document.getElementById("checkout-slot");
const api = slot.dataset.api;
let checkout = document.getElementById("checkout");
let handle = null;

document.addEventListener("securitypolicyviolation", (e) => {
  window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
});

if (params.has("hostile")) {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = "/hostile.css";
  document.head.appendChild(link);
}

if (params.has("shadow")) {
  // The host's own component, with the checkout inside its shadow root.
  checkout.remove();
  const wrapper = document.createElement("div");
  wrapper.id = "host-component";
  slot.appendChild(wrapper);
  const shadow = wrapper.attachShadow({ mode: "open" });
  checkout = document.createElement("zerostep-checkout");
  checkout.id = "checkout";
  checkout.setAttribute("api", api);
  checkout.setAttribute("items", JSON.stringify([{ sku: "SENCHA-100", qty: 2 }]));
  shadow.appendChild(checkout);
} else if (params.has("mount")) {
  // The JS API instead of the element.
  checkout.remove();
  checkout = document.createElement("div");
  checkout.id = "checkout";
  slot.appendChild(checkout);
  const start = () => {
    handle = window.Zerostep.mount(checkout, {
      api,
      items: [{ sku: "SENCHA-100", qty: 2 }],
      locale: "ja",
    });
  };
  // embed.js comes after this script and loads asynchronously.
  document.addEventListener("DOMContentLoaded", () => {
    if (window.Zerostep) start();
    else document.querySelector('script[src$="/embed.js"]').addEventListener("load", start);
  });
}

function log(event) {
  window.zerostepEvents.push({ type: event.type, detail: event.detail });
  const item = document.createElement("li");
  item.textContent = `${event.type} ${JSON.stringify(event.detail)}`;
  document.getElementById("events").appendChild(item);
}
for (const type of [
  "zerostep:ready",
  "zerostep:change",
  "zerostep:order-completed",
  "zerostep:error",
  "zerostep:authentication-started",
  "zerostep:authentication-ended",
]) {
  // The events are composed: they reach the document even from inside the
  // host's own shadow root.
  document.addEventListener(type, log);
}

function items() {
  return [{ sku: "SENCHA-100", qty: Number(document.getElementById("qty").value) }];
}
document.getElementById("qty").addEventListener("change", () => {
  if (handle) handle.update({ items: items() });
  else checkout.setAttribute("items", JSON.stringify(items()));
});
document.getElementById("locale").addEventListener("change", (e) => {
  if (handle) handle.update({ locale: e.target.value });
  else checkout.setAttribute("locale", e.target.value);
});
document.getElementById("theme").addEventListener("change", (e) => {
  if (handle) handle.update({ theme: e.target.value });
  else checkout.setAttribute("theme", e.target.value);
});
