/*! Zerostep embeddable checkout: defines <zerostep-checkout> and
 * window.Zerostep. Load it with
 *   <script src="https://YOUR-ZEROSTEP-BACKEND/embed.js" async></script>
 * and see EMBEDDING.md for attributes, events, theming and the CSP lines. */
(function () {
  "use strict";
  if (window.Zerostep) return;

  // The hashed file names of this release, filled in by the server.
  var ASSETS = __ZEROSTEP_ASSETS__;
  var script = document.currentScript;
  var ORIGIN = script && script.src ? new URL(script.src, location.href).origin : location.origin;
  var LOAD_FAILED = {
    ja: "決済画面を読み込めませんでした。時間をおいて再読み込みしてください。",
    en: "The checkout could not be loaded; please reload later."
  };

  // Each file is checked against the hash its build recorded
  // (ASSETS.integrity, from Trunk): a file changed on the way, or on the
  // server, does not run. The module through a modulepreload with its
  // integrity (an import() cannot carry one), the WebAssembly through a
  // fetch with its own, the stylesheets through their links.
  function integrity(path) {
    return (ASSETS.integrity && ASSETS.integrity[path]) || "";
  }

  function preloadModule(href, hash) {
    return new Promise(function (resolve, reject) {
      var link = document.createElement("link");
      link.rel = "modulepreload";
      link.href = href;
      link.crossOrigin = "anonymous";
      if (hash) link.integrity = hash;
      link.onload = resolve;
      link.onerror = function () {
        reject(new Error("module " + href));
      };
      document.head.appendChild(link);
    });
  }

  var loading = null;
  function load() {
    if (!loading) {
      var js = new URL(ASSETS.js, ORIGIN).href;
      var wasm = new URL(ASSETS.wasm, ORIGIN).href;
      loading = preloadModule(js, integrity(ASSETS.js))
        .then(function () {
          return import(js);
        })
        .then(function (m) {
          var fetched = fetch(wasm, { mode: "cors", credentials: "omit", integrity: integrity(ASSETS.wasm) });
          return m.default({ module_or_path: fetched }).then(function () {
            return m;
          });
        });
      // A failed load is retried by the next mount.
      loading.catch(function () {
        loading = null;
      });
    }
    return loading;
  }

  function emit(el, type, detail) {
    el.dispatchEvent(new CustomEvent(type, { detail: detail, bubbles: true, composed: true }));
  }

  function itemsJson(items) {
    if (items === undefined || items === null) return "[]";
    return typeof items === "string" ? items : JSON.stringify(items);
  }

  function stylesheet(shadow, href) {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.crossOrigin = "anonymous";
    var hash = integrity(href);
    if (hash) link.integrity = hash;
    link.href = new URL(href, ORIGIN).href;
    var loaded = new Promise(function (resolve, reject) {
      link.onload = resolve;
      link.onerror = function () {
        reject(new Error("stylesheet " + link.href));
      };
    });
    shadow.appendChild(link);
    return loaded;
  }

  // One checkout per element: mounting again replaces the previous one.
  var mounted = new WeakMap();

  /** Renders the checkout into `element`'s shadow root. */
  function mount(element, options) {
    if (!(element instanceof HTMLElement)) {
      throw new TypeError("Zerostep.mount(element, options): element must be an HTMLElement");
    }
    var previous = mounted.get(element);
    if (previous) previous.destroy();
    options = options || {};
    var shadow = element.shadowRoot || element.attachShadow({ mode: "open" });
    shadow.replaceChildren();
    var styled = ASSETS.css.map(function (href) {
      return stylesheet(shadow, href);
    });
    var root = document.createElement("div");
    root.className = "zs-widget-root";
    root.setAttribute("part", "root");
    if (options.theme) root.setAttribute("data-theme", options.theme);
    shadow.appendChild(root);

    var widget = null;
    var destroyed = false;
    var queued = {};
    function apply(opts) {
      if ("theme" in opts) {
        if (opts.theme) root.setAttribute("data-theme", opts.theme);
        else root.removeAttribute("data-theme");
      }
      var items = "items" in opts ? itemsJson(opts.items) : undefined;
      var locale = "locale" in opts ? String(opts.locale || "ja") : undefined;
      if (items === undefined && locale === undefined) return;
      if (widget) widget.update(items, locale);
      else {
        if (items !== undefined) queued.items = items;
        if (locale !== undefined) queued.locale = locale;
      }
    }

    var handle = {
      /** Resolves once the checkout is on screen (after `zerostep:ready`). */
      ready: Promise.all([load()].concat(styled))
        .then(function (loaded) {
          if (destroyed) return handle;
          var created = loaded[0].mount(
            root,
            element,
            String(options.api || ORIGIN),
            itemsJson(options.items),
            String(options.locale || "ja")
          );
          if (destroyed) {
            // A zerostep:ready or zerostep:error listener destroyed it meanwhile.
            created.destroy();
            created.free();
            return handle;
          }
          widget = created;
          if ("items" in queued || "locale" in queued) widget.update(queued.items, queued.locale);
          return handle;
        })
        .catch(function (error) {
          if (!destroyed) {
            root.className = "zs-widget-failed";
            root.setAttribute("role", "alert");
            // The widget never started, so it shows both languages.
            root.textContent = LOAD_FAILED.ja + " / " + LOAD_FAILED.en;
            emit(element, "zerostep:error", {
              code: "load_failed",
              message: { ja: LOAD_FAILED.ja + "（" + error + "）", en: LOAD_FAILED.en + " (" + error + ")" }
            });
          }
          throw error;
        }),
      /** Changes `items` ([{sku, qty}] or its JSON), `locale` or `theme`. */
      update: function (opts) {
        if (!destroyed && opts) apply(opts);
      },
      /** Unmounts the checkout and empties the shadow root. */
      destroy: function () {
        if (destroyed) return;
        destroyed = true;
        if (mounted.get(element) === handle) mounted.delete(element);
        if (widget) {
          widget.destroy();
          widget.free();
          widget = null;
        }
        shadow.replaceChildren();
      },
    };
    // Failures reach the host as a `zerostep:error` event.
    handle.ready.catch(function () {});
    mounted.set(element, handle);
    return handle;
  }

  function attributes(el) {
    return {
      api: el.getAttribute("api") || undefined,
      items: el.getAttribute("items") || "[]",
      locale: el.getAttribute("locale") || "ja",
      theme: el.getAttribute("theme") || "",
    };
  }

  class ZerostepCheckout extends HTMLElement {
    static get observedAttributes() {
      return ["api", "items", "locale", "theme"];
    }
    connectedCallback() {
      if (!this._zerostep) this._zerostep = mount(this, attributes(this));
    }
    disconnectedCallback() {
      // A move within the page reconnects at once: keep what was typed then.
      var self = this;
      queueMicrotask(function () {
        if (!self.isConnected && self._zerostep) {
          self._zerostep.destroy();
          self._zerostep = null;
        }
      });
    }
    attributeChangedCallback(name, previous, value) {
      if (!this._zerostep || previous === value) return;
      if (name === "api") {
        this._zerostep.destroy();
        this._zerostep = mount(this, attributes(this));
      } else {
        var change = {};
        change[name] = value || (name === "items" ? "[]" : "");
        this._zerostep.update(change);
      }
    }
  }

  window.Zerostep = { mount: mount, origin: ORIGIN };
  if (!customElements.get("zerostep-checkout")) {
    customElements.define("zerostep-checkout", ZerostepCheckout);
  }
})();
