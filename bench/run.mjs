// The browser and load benchmarks of `cargo xtask bench`, against a release
// server that xtask started (with its sandbox) on loopback. Writes one JSON
// file of figures; xtask turns it into BENCHMARKS.md.
//
//   BENCH_BASE_URL, BENCH_SANDBOX_URL   the server and its sandbox
//   BENCH_ADMIN_URL                     the server's admin listener
//   BENCH_SERVER_PID                    for the resident set size
//   BENCH_ADMIN_PASSWORD                the admin login (bulk re-authorization)
//   BENCH_OUT                           where the JSON goes
//   BENCH_ONLY                          optional comma list: lighthouse,responsiveness,interaction,load,bulk,scale
//   BENCH_BASE_URLS                     for scale: the instances sharing one database
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import autocannon from "autocannon";
import lighthouse from "lighthouse";
import puppeteer from "puppeteer-core";

const BASE = process.env.BENCH_BASE_URL ?? "http://127.0.0.1:8080";
const ADMIN = process.env.BENCH_ADMIN_URL ?? "http://127.0.0.1:8083";
const SANDBOX = process.env.BENCH_SANDBOX_URL ?? "http://127.0.0.1:8081";
const PID = process.env.BENCH_SERVER_PID;
const ADMIN_PASSWORD = process.env.BENCH_ADMIN_PASSWORD ?? "";
const OUT = process.env.BENCH_OUT ?? "results.json";
const ONLY = (process.env.BENCH_ONLY ?? "lighthouse,responsiveness,interaction,load,bulk").split(",");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROME_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const CART = [
  { sku: "SENCHA-100", quantity: 2 },
  { sku: "YUNOMI-ARITA", quantity: 1 },
];
const CARD = "4111111111111111";

const results = { started: new Date().toISOString() };
const save = () => fs.writeFileSync(OUT, JSON.stringify(results, null, 2));
const log = (...args) => console.log("bench:", ...args);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

function rssKb(field) {
  if (!PID) return null;
  const status = fs.readFileSync(`/proc/${PID}/status`, "utf8");
  const m = status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
  return m ? Number(m[1]) : null;
}

async function json(method, url, body, headers = {}) {
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return { body: text ? JSON.parse(text) : null, headers: response.headers };
}

async function launch() {
  return puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: CHROME_FLAGS });
}

async function withCart(page) {
  await page.goto(`${BASE}/`, { waitUntil: "domcontentloaded" });
  await page.evaluate((cart) => localStorage.setItem("zerostep.cart.v1", JSON.stringify(cart)), CART);
}

/** The accessibility category's score (0-100) and the audits it failed. */
function accessibility(lhr) {
  const category = lhr.categories.accessibility;
  const failed = category.auditRefs
    .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
    .map((ref) => ref.id);
  return { score: Math.round((category.score ?? 0) * 100), failed };
}

/** Lighthouse's accessibility audit of the admin's 受注明細 (an order
 *  placed through the API, the admin logged in through the API). */
async function adminAccessibility() {
  const { body: priced } = await json("POST", `${BASE}/api/quotes`, { lines: [{ sku: "YUNOMI-ARITA", quantity: 1 }], prefecture: 13, delivery_method: "takkyubin" });
  const [token] = await mintTokens(1);
  const { body: placed } = await json("POST", `${BASE}/api/orders`, order(token, priced.total), { "idempotency-key": randomUUID() });
  const login = await json("POST", `${ADMIN}/api/admin/login`, { login: "admin", password: ADMIN_PASSWORD });
  const [name, value] = (login.headers.get("set-cookie") ?? "").split(";")[0].split("=");
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.setCookie({ name, value, url: ADMIN });
    const { lhr } = await lighthouse(
      `${ADMIN}/admin/orders/${placed.order_number}`,
      { logLevel: "error", output: "json", onlyCategories: ["accessibility"], disableStorageReset: true },
      undefined,
      page,
    );
    return accessibility(lhr);
  } finally {
    await browser.close();
  }
}

// 2. Lighthouse, mobile preset (the default config), on the purchase page
//    with items in the cart; the median of five runs, as the issue asks for
//    TBT (single runs spread by tens of milliseconds on this machine). Its
//    accessibility score, and that of the admin's 受注明細.
const LIGHTHOUSE_RUNS = 5;
async function pageLoad() {
  const browser = await launch();
  const runs = [];
  // A run Lighthouse could not finish (a runtime error, no performance
  // score) is logged and run again, at most three times, so that it does
  // not stand in the medians as a zero.
  const failed = [];
  try {
    while (runs.length < LIGHTHOUSE_RUNS) {
      const i = runs.length;
      const page = await browser.newPage();
      await withCart(page);
      const { lhr } = await lighthouse(
        `${BASE}/checkout`,
        { logLevel: "error", output: "json", onlyCategories: ["performance", "accessibility"], disableStorageReset: true },
        undefined,
        page,
      );
      if (lhr.runtimeError || lhr.categories.performance.score == null) {
        const reason = lhr.runtimeError?.code ?? "no performance score";
        failed.push(reason);
        log("lighthouse run", i + 1, "failed, run again:", reason);
        await page.close();
        if (failed.length > 3) throw new Error(`Lighthouse failed ${failed.length} times: ${failed.join(", ")}`);
        continue;
      }
      const audit = (id) => lhr.audits[id]?.numericValue ?? null;
      const run = {
        score: Math.round((lhr.categories.performance.score ?? 0) * 100),
        lcp_ms: audit("largest-contentful-paint"),
        tbt_ms: audit("total-blocking-time"),
        cls: audit("cumulative-layout-shift"),
        tti_ms: audit("interactive"),
        fcp_ms: audit("first-contentful-paint"),
        // The main-thread tasks Lighthouse simulates at over 50 ms (their
        // start and length on its simulated timeline): those after the
        // first paint are what TBT adds up.
        long_tasks: (lhr.audits["long-tasks"]?.details?.items ?? []).map((t) => ({
          url: t.url,
          start_ms: Math.round(t.startTime),
          duration_ms: Math.round(t.duration),
        })),
        accessibility: accessibility(lhr),
      };
      log("lighthouse run", i + 1, JSON.stringify(run));
      runs.push(run);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  const med = (k) => median(runs.map((r) => r[k]));
  results.lighthouse = {
    runs,
    failed,
    median: { score: med("score"), lcp_ms: med("lcp_ms"), tbt_ms: med("tbt_ms"), cls: med("cls"), tti_ms: med("tti_ms"), fcp_ms: med("fcp_ms") },
    // The page is the same each run: its lowest score, and every audit it failed.
    accessibility: {
      score: Math.min(...runs.map((r) => r.accessibility.score)),
      failed: [...new Set(runs.flatMap((r) => r.accessibility.failed))],
    },
  };
  results.admin_accessibility = await adminAccessibility();
  log("admin accessibility", JSON.stringify(results.admin_accessibility));
  save();
}

// 3. From the 「注文する」 click to the completion page, measured in the page;
// then the same with EMV 3-D Secure on, the issuer authenticating
// frictionlessly (the dialog, our frame page, the issuer's page, the return
// and A09 all inside the figure).
async function interaction() {
  results.interaction = await orderTimes(50);
  log("interaction", JSON.stringify(results.interaction));
  save();
  await threeDSecure(true);
  try {
    results.interaction_3ds = await orderTimes(20);
  } finally {
    await threeDSecure(false);
  }
  log("interaction_3ds", JSON.stringify(results.interaction_3ds));
  save();
}

// 4. Responsiveness on a slow phone: Chromium at 4x CPU throttling, 50 fresh
// loads of the purchase page, each in a new browser context (cold caches). Each load times the main wasm module's compile and
// instantiation (the page's first WebAssembly.instantiateStreaming, from the
// call to its answer), then types the e-mail, phone, postal code, street and card number
// key by key, chooses the card and presses 注文確認する; its INP is the
// longest interaction (Event Timing, the way web-vitals counts fewer than 50
// interactions), its input delay and processing without the wait for the
// frame (see below). The figures are the p75 over the loads.
const THROTTLE = 4;
const RESPONSIVENESS_LOADS = 50;
const TYPING_DELAY_MS = 100;
async function responsiveness() {
  const browser = await launch();
  const inp = [];
  const wasm = [];
  let interactions = 0;
  try {
    for (let i = 0; i < RESPONSIVENESS_LOADS; i++) {
      // A context of its own: an empty cache, so the module is compiled
      // afresh each time (not taken from the compiled-code cache).
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: false });
      await withCart(page);
      await page.evaluateOnNewDocument(() => {
        window.__bench = { events: new Map(), wasm_ms: null };
        // Each interaction's input delay and processing (from the event to
        // the end of its handlers). Event Timing's duration adds the wait
        // for the next frame, which headless Chromium presents only when
        // something asks for one: seconds here, nothing a phone shows.
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            if (!e.interactionId) continue;
            const seen = window.__bench.events.get(e.interactionId) ?? 0;
            window.__bench.events.set(e.interactionId, Math.max(seen, e.processingEnd - e.startTime));
          }
        }).observe({ type: "event", buffered: true, durationThreshold: 16 });
        // The page's first instantiation is the main module's; the parts
        // on demand come through the same function later, and are not timed.
        const streaming = WebAssembly.instantiateStreaming;
        let first = true;
        WebAssembly.instantiateStreaming = async (...args) => {
          const main = first;
          first = false;
          const start = performance.now();
          const out = await streaming.apply(WebAssembly, args);
          if (main) window.__bench.wasm_ms = performance.now() - start;
          return out;
        };
      });
      const cdp = await page.createCDPSession();
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
      await page.goto(`${BASE}/checkout`, { waitUntil: "domcontentloaded" });
      await page.locator("#buyer-family").fill("山田");
      await page.locator("#buyer-given").fill("太郎");
      await page.locator("#buyer-family-kana").fill("ヤマダ");
      await page.locator("#buyer-given-kana").fill("タロウ");
      // A brisk typist's pace (100 ms a key).
      const typeInto = async (selector, text) => {
        await page.focus(selector);
        await page.keyboard.type(text, { delay: TYPING_DELAY_MS });
      };
      await typeInto("#buyer-email", "inp@example.jp");
      await typeInto("#buyer-phone", "09012345678");
      await typeInto("#buyer-postal", "1000001");
      await page.waitForFunction(() => document.querySelector("#buyer-city")?.value);
      await typeInto("#buyer-line1", "1-2-3");
      await page.locator("#payment-card").click();
      await typeInto("#card-number", CARD);
      await page.locator("#card-expiry").fill("12/30");
      await page.locator("#card-cvc").fill("737");
      await page.locator("#card-holder").fill("TARO YAMADA");
      await page.locator("#checkout-submit").click();
      await page.waitForSelector("[data-testid=confirm-modal]");
      // Event Timing reports an interaction after its next paint.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const seen = await page.evaluate(() => ({
        durations: [...window.__bench.events.values()],
        wasm_ms: window.__bench.wasm_ms,
      }));
      // Below Event Timing's 16 ms threshold an interaction is not reported.
      inp.push(Math.max(0, ...seen.durations));
      interactions += seen.durations.length;
      if (seen.wasm_ms !== null) wasm.push(seen.wasm_ms);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  results.responsiveness = {
    throttle: THROTTLE,
    typing_delay_ms: TYPING_DELAY_MS,
    loads: inp.length,
    inp_p75_ms: percentile(inp, 75),
    inp_median_ms: median(inp),
    inp_max_ms: Math.max(...inp),
    reported_interactions: interactions,
    wasm_loads: wasm.length,
    wasm_start_p75_ms: wasm.length ? percentile(wasm, 75) : null,
    wasm_start_median_ms: wasm.length ? median(wasm) : null,
  };
  log("responsiveness", JSON.stringify(results.responsiveness));
  save();
}

async function threeDSecure(enabled) {
  const login = await json("POST", `${ADMIN}/api/admin/login`, { login: "admin", password: ADMIN_PASSWORD });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
  // Throws unless the server took it (204).
  await json(
    "PUT",
    `${ADMIN}/api/admin/settings/three-d-secure`,
    { enabled, auth_div: "3" },
    { cookie, "x-csrf-token": login.body.csrf_token },
  );
}

async function orderTimes(count) {
  const browser = await launch();
  const times = [];
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    for (let i = 0; i < count; i++) {
      await withCart(page);
      await page.goto(`${BASE}/checkout`, { waitUntil: "domcontentloaded" });
      await page.locator("#buyer-family").fill("山田");
      await page.locator("#buyer-given").fill("太郎");
      await page.locator("#buyer-family-kana").fill("ヤマダ");
      await page.locator("#buyer-given-kana").fill("タロウ");
      await page.locator("#buyer-email").fill("bench@example.jp");
      await page.locator("#buyer-phone").fill("090-1234-5678");
      await page.locator("#buyer-postal").fill("1000001");
      await page.waitForFunction(() => document.querySelector("#buyer-city")?.value);
      await page.locator("#buyer-line1").fill("1-2-3");
      await page.locator("#payment-card").click();
      await page.locator("#card-number").fill(CARD);
      await page.locator("#card-expiry").fill("12/30");
      await page.locator("#card-cvc").fill("737");
      await page.locator("#card-holder").fill("TARO YAMADA");
      await page.locator("#checkout-submit").click();
      await page.waitForSelector("[data-testid=confirm-modal] [part~=place-order]:not([disabled])");
      const ms = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const button = document.querySelector("[data-testid=confirm-modal] [part~=place-order]");
            const start = performance.now();
            const done = () => document.querySelector("[data-testid=order-number]");
            const observer = new MutationObserver(() => {
              if (done()) {
                observer.disconnect();
                resolve(performance.now() - start);
              }
            });
            observer.observe(document.body, { childList: true, subtree: true });
            button.click();
          }),
      );
      times.push(ms);
    }
  } finally {
    await browser.close();
  }
  return { orders: times.length, median_ms: median(times), p95_ms: percentile(times, 95), max_ms: Math.max(...times) };
}

const QUOTE = { lines: CART, prefecture: 13, delivery_method: "takkyubin" };
function order(token, total) {
  return {
    lines: [{ sku: "YUNOMI-ARITA", quantity: 1 }],
    buyer: {
      name: { family: "山田", given: "太郎" },
      family_kana: "ヤマダ",
      given_kana: "タロウ",
      email: "load@example.jp",
      phone: "090-1234-5678",
      address: { postal_code: "1000001", prefecture: 13, city: "千代田区千代田", line1: "1-2-3", line2: null },
    },
    recipient: null,
    delivery: { method: "takkyubin", date: null, time_slot: "unspecified" },
    payment: { method: "card", token, pay_way: 1 },
    confirmed_total: total,
  };
}

async function mintTokens(count) {
  const tokens = [];
  while (tokens.length < count) {
    const n = Math.min(10_000, count - tokens.length);
    const { body } = await json("POST", `${SANDBOX}/__sandbox/tokens`, { card_no: CARD, count: n });
    tokens.push(...body.tokens);
  }
  return tokens;
}

/** autocannon requests placing one order per token, each with its own key. */
function orderRequests(prefix, tokens, total) {
  let next = 0;
  return [
    {
      method: "POST",
      path: "/api/orders",
      setupRequest: (req) => {
        const i = next++;
        return {
          ...req,
          headers: { "content-type": "application/json", "idempotency-key": `${prefix}-${i}`.padEnd(32, "-"), "x-zerostep-session": `${prefix}-${i % 64}` },
          body: JSON.stringify(order(tokens[i % tokens.length], total)),
        };
      },
    },
  ];
}

/** Runs autocannon while sampling the server's resident set size. */
async function load(name, options) {
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssKb("VmRSS") ?? 0);
  }, 50);
  const result = await autocannon({ connections: 16, pipelining: 1, ...options });
  clearInterval(sampler);
  const figures = {
    requests: result.requests.total,
    throughput_rps: result.requests.average,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    non_2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    duration_s: result.duration,
    peak_rss_mb: peak / 1024,
  };
  log(name, JSON.stringify(figures));
  return figures;
}

/** The run with the median throughput. */
function medianRun(runs) {
  return [...runs].sort((a, b) => a.throughput_rps - b.throughput_rps)[Math.floor(runs.length / 2)];
}

// 4. Backend load: health (the baseline) and quotes, interleaved three times
//    each (this machine is shared: the median run of each is reported), then
//    orders (unique keys and tokens).
async function backendLoad(orders = 10_000) {
  const healthRuns = [];
  const quoteRuns = [];
  for (let i = 0; i < 3; i++) {
    healthRuns.push(await load("health", { url: `${BASE}/api/health`, duration: 10 }));
    quoteRuns.push(
      await load("quotes", {
        url: `${BASE}/api/quotes`,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(QUOTE),
        duration: 10,
      }),
    );
  }
  const baseline = medianRun(healthRuns);
  const quotes = medianRun(quoteRuns);
  const { body: priced } = await json("POST", `${BASE}/api/quotes`, { lines: [{ sku: "YUNOMI-ARITA", quantity: 1 }], prefecture: 13, delivery_method: "takkyubin" });
  const tokens = await mintTokens(orders);
  const run = Date.now();
  const placed = await load("orders", {
    url: `${BASE}/api/orders`,
    amount: orders,
    requests: orderRequests(`bench-${run}`, tokens, priced.total),
  });
  const ratio = (f) => ({
    throughput: f.throughput_rps / baseline.throughput_rps,
    p50: f.p50_ms / Math.max(baseline.p50_ms, 0.001),
    p99: f.p99_ms / Math.max(baseline.p99_ms, 0.001),
  });
  results.load = {
    connections: 16,
    runs: { health: healthRuns.map((r) => r.throughput_rps), quotes: quoteRuns.map((r) => r.throughput_rps) },
    health: baseline,
    quotes: { ...quotes, vs_baseline: ratio(quotes) },
    orders: { ...placed, vs_baseline: ratio(placed) },
    server_peak_rss_mb_since_start: (rssKb("VmHWM") ?? 0) / 1024,
  };
  save();
}

// 5. Bulk re-authorization of every authorized order (10,000 after the load
//    run), through the admin API; the admin page shows the same progress.
async function bulk() {
  const login = await json("POST", `${ADMIN}/api/admin/login`, { login: "admin", password: ADMIN_PASSWORD });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
  const auth = { cookie, "x-csrf-token": login.body.csrf_token };
  const { body: candidates } = await json("GET", `${ADMIN}/api/admin/bulk/candidates`, undefined, auth);
  const numbers = candidates.slice(0, 10_000).map((c) => c.order_number);
  const started = performance.now();
  const { body: job } = await json("POST", `${ADMIN}/api/admin/bulk/reauth`, { order_numbers: numbers }, auth);

  // The merchant's view of the same run, read while it progresses.
  const browser = await launch();
  const seen = [];
  try {
    const page = await browser.newPage();
    const [name, value] = cookie.split("=");
    await page.setCookie({ name, value, url: ADMIN });
    await page.goto(`${ADMIN}/admin/bulk?job=${job.job_id}`, { waitUntil: "domcontentloaded" });
    let detail;
    for (;;) {
      ({ body: detail } = await json("GET", `${ADMIN}/api/admin/bulk/jobs/${job.job_id}`, undefined, auth));
      const shown = await page.$eval("[data-testid=bulk-progress]", (e) => e.textContent).catch(() => null);
      if (shown && seen[seen.length - 1] !== shown.split("件")[0]) seen.push(shown.split("件")[0]);
      if (detail.status === "done") break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const seconds = (performance.now() - started) / 1000;
    results.bulk = { orders: numbers.length, seconds, succeeded: detail.succeeded, failed: detail.failed, admin_progress_seen: seen.slice(0, 3).concat(seen.slice(-1)) };
  } finally {
    await browser.close();
  }
  log("bulk", JSON.stringify(results.bulk));
  save();
  await slips(auth);
}

// 5b. Bulk 売上確定 of 10,000 rows: the same orders' slips in one CSV file
//     (売上確定一括処理), started through the admin API and followed to the end.
async function slips(auth) {
  const { body: candidates } = await json("GET", `${ADMIN}/api/admin/bulk/candidates`, undefined, auth);
  const numbers = candidates.slice(0, 10_000).map((c) => c.order_number);
  // Valid Yamato slips: the last digit is the first eleven's remainder by 7.
  const file = ["注文番号,問い合わせ番号"]
    .concat(numbers.map((n, i) => `${n},${String(70_000_000_000 + i).padStart(11, "0")}${(70_000_000_000 + i) % 7}`))
    .join("\r\n");
  const started = performance.now();
  const response = await fetch(`${ADMIN}/api/admin/slips/runs`, { method: "POST", headers: { ...auth, "content-type": "text/csv" }, body: file });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`POST /api/admin/slips/runs: ${response.status} ${text}`);
  const { job_id } = JSON.parse(text);
  let job;
  for (;;) {
    const { body: jobs } = await json("GET", `${ADMIN}/api/admin/bulk/jobs`, undefined, auth);
    job = jobs.find((j) => j.id === job_id);
    if (job?.status === "done") break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const seconds = (performance.now() - started) / 1000;
  results.slips = { rows: numbers.length, seconds, succeeded: job.succeeded, failed: job.failed };
  log("slips", JSON.stringify(results.slips));
  save();
}

// 6. Scale-out: the same order load spread over several server instances
//    sharing one database (BENCH_BASE_URLS, comma-separated), one autocannon
//    per instance at once; throughput is all orders over the wall time.
async function scale(orders = 6_000) {
  const bases = (process.env.BENCH_BASE_URLS ?? BASE).split(",");
  const { body: priced } = await json("POST", `${bases[0]}/api/quotes`, { lines: [{ sku: "YUNOMI-ARITA", quantity: 1 }], prefecture: 13, delivery_method: "takkyubin" });
  const tokens = await mintTokens(orders);
  const run = Date.now();
  const share = Math.floor(orders / bases.length);
  const started = Date.now();
  const parts = await Promise.all(
    bases.map((base, b) =>
      autocannon({
        url: `${base}/api/orders`,
        connections: 16,
        pipelining: 1,
        amount: share,
        requests: orderRequests(`scale-${run}-${b}`, tokens.slice(b * share, (b + 1) * share), priced.total),
      }),
    ),
  );
  const seconds = (Date.now() - started) / 1000;
  const requests = parts.reduce((n, r) => n + r.requests.total, 0);
  results.scale = {
    instances: bases.length,
    orders: requests,
    seconds,
    throughput_rps: requests / seconds,
    p50_ms: Math.max(...parts.map((r) => r.latency.p50)),
    p99_ms: Math.max(...parts.map((r) => r.latency.p99)),
    non_2xx: parts.reduce((n, r) => n + r.non2xx, 0),
    errors: parts.reduce((n, r) => n + r.errors + r.timeouts, 0),
  };
  log("scale", JSON.stringify(results.scale));
  save();
}

// A new shop authenticates cards (EMV 3-D Secure); every figure but
// interaction_3ds is of a shop that turned it off.
if (ONLY.includes("interaction") || ONLY.includes("load")) await threeDSecure(false);

const steps = { lighthouse: pageLoad, responsiveness, interaction, load: backendLoad, bulk, scale };
for (const name of ["lighthouse", "responsiveness", "interaction", "load", "bulk", "scale"]) {
  if (!ONLY.includes(name)) continue;
  log("running", name);
  try {
    await steps[name]();
  } catch (error) {
    console.error(`bench: ${name} failed:`, error);
    results[`${name}_error`] = String(error?.stack ?? error);
    save();
    process.exitCode = 1;
  }
}
results.finished = new Date().toISOString();
save();
