use super::*;

#[test]
fn the_table_marks_each_budget_met_or_not() {
    let json = serde_json::json!({
        "lighthouse": {"median": {"score": 99.0, "lcp_ms": 1100.0, "tbt_ms": 120.0, "cls": 0.0, "tti_ms": 1100.0}, "runs": []},
        "interaction": {"orders": 50, "median_ms": 16.0, "p95_ms": 24.0, "max_ms": 30.0},
        "responsiveness": {"throttle": 4, "loads": 50, "typing_delay_ms": 150, "inp_p75_ms": 120.0, "inp_median_ms": 80.0,
                           "inp_max_ms": 200.0, "reported_interactions": 70, "wasm_loads": 50,
                           "wasm_start_p75_ms": 90.0, "wasm_start_median_ms": 80.0},
        "load": {"health": {"throughput_rps": 20000.0, "p99_ms": 1.0},
                 "quotes": {"throughput_rps": 5500.0, "p99_ms": 4.0, "vs_baseline": {"throughput": 0.275, "p99": 4.0}},
                 "orders": {"throughput_rps": 300.0, "p99_ms": 200.0, "peak_rss_mb": 40.0, "vs_baseline": {"throughput": 0.015, "p99": 200.0}}},
        "bulk": {"orders": 10000, "seconds": 12.5, "succeeded": 10000, "failed": 0, "admin_progress_seen": ["処理中：10 / 10000 "]},
        "slips": {"rows": 10000, "seconds": 70.5, "succeeded": 10000, "failed": 0}
    });
    let first = FirstLoads {
        checkout: 240_000,
        widget: 160_000,
    };
    let md = figures(&json, first, &[("stack", 100_000), ("fetch", 60_000)]);
    assert!(
        md.contains("| checkout first load, brotli | 240.0 KB (240000 B) | — |  |"),
        "{md}"
    );
    assert!(
        md.contains("| checkout first load over the `stack` floor, brotli | 140.0 KB (140000 B) | ≤ 108 KB (aim ≤ 80 KB) | **not met** |"),
        "{md}"
    );
    assert!(
        md.contains("| widget first load over the `fetch` floor, brotli | 100.0 KB (100000 B) | ≤ 108 KB (aim ≤ 80 KB) | met |"),
        "{md}"
    );
    assert!(
        md.contains("| Lighthouse mobile performance score | 99 | ≥ 95 | met |"),
        "{md}"
    );
    assert!(
        md.contains("| TBT (Lighthouse mobile, median of 5) | 120 ms | ≤ 50 ms (aim ≤ 20 ms) | **not met** |"),
        "{md}"
    );
    assert!(
        md.contains("| INP typing the form and pressing 注文確認する, 4× CPU throttling, p75 of the loads | 120 ms | ≤ 100 ms (aim ≤ 50 ms) | **not met** |"),
        "{md}"
    );
    // A figure only reported is shown with nothing to meet.
    assert!(
        md.contains("| wasm compile + instantiate, 4× CPU throttling, p75 of the loads | 90 ms | report |  |"),
        "{md}"
    );
    assert!(
        md.contains("key by key (150 ms a key)")
            && md.contains("p75 120 ms, median 80 ms, max 200 ms"),
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
    let md = figures(&failing, first, &[]);
    assert!(
        md.contains(
            "| bulk re-authorization of 10,000 orders | 12.5 s (10000 failed) | ≤ 60 s | **not met** |"
        ),
        "{md}"
    );
    let empty = figures(&serde_json::json!({}), FirstLoads::default(), &[]);
    assert!(
        empty.contains(
            "| TBT (Lighthouse mobile, median of 5) | — | ≤ 50 ms (aim ≤ 20 ms) | not measured |"
        ),
        "{empty}"
    );
    // Without the floors (their build failed), the figure is not measured.
    assert!(
        empty.contains("| checkout first load over the `stack` floor, brotli | — | ≤ 108 KB (aim ≤ 80 KB) | not measured |"),
        "{empty}"
    );
}

#[test]
fn the_size_shortfall_says_by_how_much_each_first_load_misses_its_floor_budget() {
    let floors = [
        ("leptos", 45_000),
        ("fetch", 61_000),
        ("router", 88_000),
        ("stack", 103_000),
    ];
    let first = FirstLoads {
        checkout: 247_000,
        widget: 160_000,
    };
    let md = figures(&serde_json::json!({}), first, &floors);
    assert!(
        md.contains("The checkout adds 144000 B to the `stack` floor: 36000 B over the budget's 108000 B, 64000 B over the aim's 80000 B."),
        "{md}"
    );
    // The widget is within its budget: not among the shortfalls.
    assert!(!md.contains("The widget adds"), "{md}");
    let table = floor_table(&floors, 247_000, 160_000);
    assert!(
        table.contains("| `stack` | the form on two routes of leptos_router, posting the order through gloo-net: the mandated stack | 103000 | 144000 | 57000 |"),
        "{table}"
    );
    assert!(table.contains("| `fetch` | "), "{table}");
    // Both within: no shortfall at all.
    let small = FirstLoads {
        checkout: 200_000,
        widget: 150_000,
    };
    let md = figures(&serde_json::json!({}), small, &floors);
    assert!(!md.contains("**First load.**"), "{md}");
}

#[test]
fn each_lighthouse_run_lists_the_long_tasks_its_tbt_can_count() {
    let run = |tasks: serde_json::Value| serde_json::json!({"score": 100, "fcp_ms": 700.0, "lcp_ms": 1100.0, "tbt_ms": 40.0, "cls": 0.0, "tti_ms": 1150.0, "long_tasks": tasks});
    let json = serde_json::json!({"lighthouse": {"runs": [
        // Before the first paint (it ends at 690), then two after it, listed
        // by their start whatever the order Lighthouse gave them in.
        run(serde_json::json!([
            {"url": "https://shop.example/app.js", "start_ms": 850.4, "duration_ms": 63.0},
            {"url": "Unattributable", "start_ms": 600.0, "duration_ms": 90.0},
            {"url": "https://shop.example/app.js", "start_ms": 760.0, "duration_ms": 81.6},
        ])),
        run(serde_json::json!([])),
        serde_json::json!({"score": 100, "fcp_ms": 700.0, "tbt_ms": 0.0}),
    ]}});
    let md = figures(&json, FirstLoads::default(), &[]);
    assert!(
        md.contains("| 1 | 100 | 700 | 1100 | 40 | 0.000 | 1150 | 82 @760, 63 @850 |"),
        "{md}"
    );
    assert!(
        md.contains("| 2 | 100 | 700 | 1100 | 40 | 0.000 | 1150 | none |"),
        "{md}"
    );
    // A run recorded before the bench kept its tasks.
    assert!(md.contains("| 3 | 100 | 700 | — | 0 | — | — | — |"), "{md}");
}
