use super::*;

#[test]
fn the_table_marks_each_budget_met_or_not() {
    let json = serde_json::json!({
        "lighthouse": {"median": {"score": 99.0, "lcp_ms": 1100.0, "tbt_ms": 120.0, "cls": 0.0, "tti_ms": 1100.0}, "runs": []},
        "interaction": {"orders": 50, "median_ms": 16.0, "p95_ms": 24.0, "max_ms": 30.0},
        "load": {"health": {"throughput_rps": 20000.0, "p99_ms": 1.0},
                 "quotes": {"throughput_rps": 5500.0, "p99_ms": 4.0, "vs_baseline": {"throughput": 0.275, "p99": 4.0}},
                 "orders": {"throughput_rps": 300.0, "p99_ms": 200.0, "peak_rss_mb": 40.0, "vs_baseline": {"throughput": 0.015, "p99": 200.0}}},
        "bulk": {"orders": 10000, "seconds": 12.5, "succeeded": 10000, "failed": 0, "admin_progress_seen": ["処理中：10 / 10000 "]},
        "slips": {"rows": 10000, "seconds": 70.5, "succeeded": 10000, "failed": 0}
    });
    let md = figures(&json, 240_000, &[]);
    assert!(
        md.contains(
            "| checkout first load, brotli | 234.4 KB (240000 B) | ≤ 64 KB | **not met** |"
        ),
        "{md}"
    );
    assert!(
        md.contains("| Lighthouse mobile performance score | 99 | ≥ 95 | met |"),
        "{md}"
    );
    assert!(
        md.contains("| TBT | 120 ms | ≤ 100 ms | **not met** |"),
        "{md}"
    );
    assert!(
        md.contains("| `POST /api/orders` throughput | 300 /s | ≥ 1,000 /s | **not met** |"),
        "{md}"
    );
    assert!(
        md.contains("| bulk re-authorization of 10,000 orders | 12.5 s | ≤ 60 s | met |"),
        "{md}"
    );
    assert!(md.contains("「処理中：10 / 10000」"), "{md}");
    assert!(
        md.contains("| bulk 売上確定 of 10,000 rows (slip CSV) | 70.5 s | ≤ 60 s | **not met** |"),
        "{md}"
    );
    // A bulk run that failed orders is not met, however fast.
    let mut failing = json.clone();
    failing["bulk"]["succeeded"] = serde_json::json!(0);
    failing["bulk"]["failed"] = serde_json::json!(10000);
    let md = figures(&failing, 240_000, &[]);
    assert!(
        md.contains(
            "| bulk re-authorization of 10,000 orders | 12.5 s (10000 failed) | ≤ 60 s | **not met** |"
        ),
        "{md}"
    );
    let empty = figures(&serde_json::json!({}), 1000, &[]);
    assert!(
        empty.contains("| TBT | — | ≤ 100 ms | not measured |"),
        "{empty}"
    );
}

#[test]
fn the_size_shortfall_cites_the_floor_built_in_the_same_run() {
    let floors = [
        ("leptos", 45_000),
        ("fetch", 61_000),
        ("router", 88_000),
        ("stack", 103_000),
    ];
    let md = figures(&serde_json::json!({}), 247_000, &floors);
    assert!(md.contains("takes 103000 B (1.57× the budget)"), "{md}");
    assert!(
        md.contains("Leptos alone takes 45000 B, and leptos_router adds 43000 B to it"),
        "{md}"
    );
    assert!(
        md.contains("Leptos and gloo-net take 61000 B, which leaves 4536 B of the budget"),
        "{md}"
    );
    assert!(
        md.contains("The checkout adds 144000 B to the stack's floor"),
        "{md}"
    );
    let table = floor_table(&floors, 247_000);
    assert!(
        table.contains("| `stack` | the form on two routes of leptos_router, posting the order through gloo-net: the mandated stack | 103000 | 1.57 | 2.40 |"),
        "{table}"
    );
    // Without the floor (its build failed), the shortfall still says by how much.
    let md = figures(&serde_json::json!({}), 247_000, &[]);
    assert!(
        md.contains("- **First load** is 3.8× the 64 KB budget. The wasm"),
        "{md}"
    );
}
