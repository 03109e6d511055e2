//! The budgets a bench run missed: by how much, and why.

use super::*;

/// For each budget this run missed: by how much, and what stands in the way.
pub(super) fn shortfalls(
    json: &serde_json::Value,
    first: FirstLoads,
    floors: &[(&str, usize)],
) -> String {
    let f = |path: &[&str]| num(json, path);
    let mut out = String::new();
    let floor = |app: &str| floors.iter().find(|(a, _)| *a == app).map(|(_, b)| *b);
    let over = |brotli: usize, app: &str| floor(app).map(|f| brotli.saturating_sub(f));
    let checkout = over(first.checkout, "stack").filter(|o| *o > OVER_FLOOR_MUST_BYTES);
    let widget = over(first.widget, "fetch").filter(|o| *o > OVER_FLOOR_MUST_BYTES);
    if checkout.is_some() || widget.is_some() {
        out.push_str("- **First load.**");
        for (what, added, app) in [("checkout", checkout, "stack"), ("widget", widget, "fetch")] {
            if let Some(added) = added {
                out.push_str(&format!(
                    " The {what} adds {added} B to the `{app}` floor: {} B over the budget's {OVER_FLOOR_MUST_BYTES} B, {} B over the aim's {OVER_FLOOR_AIM_BYTES} B.",
                    added - OVER_FLOOR_MUST_BYTES,
                    added.saturating_sub(OVER_FLOOR_AIM_BYTES),
                ));
            }
        }
        out.push_str(" Where it goes is in the breakdown above: Leptos's renderer and reactive graph (`tachys`, `reactive_graph`) monomorphised for every view, with the closures' `core` shims and drops, our own components (the purchase flow most), the asynchronous state machines of the API calls, and read-only data (the messages in two languages, panic messages and their source locations). The build settings are spent (the table above); what remains is code, lever by lever (the levers measured above), and none of those left is worth the gap: the largest, loading four parts of the checkout on demand, is taken, and took 4.8 KB off it; it does not pay for the widget.\n");
    }
    if let Some(tbt) = f(&["lighthouse", "median", "tbt_ms"]).filter(|t| *t > 50.0) {
        out.push_str(&format!(
            "- **TBT** is {tbt:.0} ms against 50 ms. Lighthouse's mobile preset simulates a CPU four times slower, and its simulated first paint waits only for the HTML and the stylesheets, so every task of the module that runs longer than 12.5 ms here counts (25 ms for a task that lays the page out, which the simulation slows only twice). The checkout starts in tasks of its own: the module loads, the app provides its contexts, then mounts its router, its header, then the page under it, then the purchase form is set up, then the form renders the heading, the cart, the buyer, the buyer's address, the shipping address, the delivery, the payment and the rest, one task each; the parts shown after 注文確認する are fetched once the shopper first acts on the page, not at load. The first call of each WebAssembly function compiles it on the main thread (V8 compiles lazily: about 1,000–1,500 functions, 47–66 ms at load here), in whichever task calls it first. Without a Japanese font, Chromium lays out Japanese three to four times slower than a shopper's browser does (`cargo xtask setup` installs Noto Sans CJK). Single runs on this shared machine spread by ±40 ms; what remains is the longest of those tasks, the form's set-up, which shrinks with the code it runs.\n"
        ));
    }
    if let Some(inp) = f(&["responsiveness", "inp_p75_ms"]).filter(|i| *i > 100.0) {
        out.push_str(&format!(
            "- **INP** is {inp:.0} ms (p75 of the loads) against 100 ms at 4× CPU throttling. It is measured, not yet profiled: the next step is a performance trace of one key typed into the form at that throttling, to see which of the work each input does (its field's check, the tab's saved copy of the form, the status the host is told, the prices when the address changes) holds the main thread.\n"
        ));
    }
    let orders = (
        f(&["load", "orders", "throughput_rps"]),
        f(&["load", "orders", "p99_ms"]),
    );
    if let Some((rps, p99)) = orders
        .0
        .zip(orders.1)
        .filter(|(r, p)| *r < 1000.0 || *p > 25.0)
    {
        out.push_str(&format!(
            "- **Orders** reach {rps:.0}/s ({:.0}% of 1,000/s) with p99 {p99:.0} ms (budget 25 ms). Profiled at this load (perf): the server no longer waits on SQLite; the largest costs left are the kernel creating the `.eml` copies of the mails (two files per order; inode allocation grows slow in a folder of a file system where many files were just deleted) and the load generator on the same two cores. Done: the shop's settings are held in memory (quotes went from about 5,000/s to over 16,000/s); the order path's writes run on a thread of their own that owns one SQLite connection and runs each transaction in one synchronous call (with one pooled sqlx connection instead, each statement was a round trip to its worker thread and the connection sat idle until its task was polled again: 12 ms waited per transaction, the machine half idle, about 400 orders/s); an authorized order's state, card attempt, mails and stored answer are one transaction instead of four; the `.eml` copies are written by one thread instead of concurrent blocking tasks, which spun on the folder's lock for a sixth of the CPU. The next steps would be writing the mail files after the answer (the outbox table is the record), or not at all when an SMTP relay is configured.\n",
            rps / 10.0
        ));
    }
    if out.is_empty() {
        return out;
    }
    format!("\n### Budgets not met, by how much, and why\n\n{out}")
}
