//! The long tasks of a Lighthouse run that its TBT can count.

/// The run's tasks that Lighthouse simulates at over 50 ms and that end after
/// its first paint, in the order they start, each as `length @start` (ms on
/// the simulated timeline); "none" if there are none, "—" for a run that did
/// not record them.
pub(super) fn after_first_paint(run: &serde_json::Value, fcp_ms: Option<f64>) -> String {
    let Some(tasks) = run.get("long_tasks").and_then(serde_json::Value::as_array) else {
        return "—".to_owned();
    };
    let fcp = fcp_ms.unwrap_or(0.0);
    let mut counted: Vec<(f64, f64)> = tasks
        .iter()
        .filter_map(|t| {
            Some((
                t.get("start_ms")?.as_f64()?,
                t.get("duration_ms")?.as_f64()?,
            ))
        })
        .filter(|(start, length)| start + length > fcp)
        .collect();
    counted.sort_by(|a, b| a.0.total_cmp(&b.0));
    if counted.is_empty() {
        return "none".to_owned();
    }
    counted
        .iter()
        .map(|(start, length)| format!("{length:.0} @{start:.0}"))
        .collect::<Vec<_>>()
        .join(", ")
}
