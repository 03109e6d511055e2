//! The accessibility audits the benchmark's Lighthouse runs failed.

/// The accessibility audits a page failed, named, so a score under 100
/// says what to fix.
pub(super) fn accessibility_failures(json: &serde_json::Value) -> String {
    let failed = |path: &[&str]| -> Vec<String> {
        path.iter()
            .try_fold(json, |v, k| v.get(k))
            .and_then(serde_json::Value::as_array)
            .map(|ids| {
                ids.iter()
                    .filter_map(|id| id.as_str().map(|id| format!("`{id}`")))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut out = String::new();
    for (page, path) in [
        (
            "the purchase page",
            &["lighthouse", "accessibility", "failed"][..],
        ),
        ("受注明細", &["admin_accessibility", "failed"][..]),
    ] {
        let ids = failed(path);
        if !ids.is_empty() {
            out.push_str(&format!(
                "\nAccessibility audits failed on {page}: {}.\n",
                ids.join(", ")
            ));
        }
    }
    out
}
