//! What the server tells its operator: Prometheus metrics (served on a
//! listener of their own when `ZEROSTEP_METRICS_LISTEN` is set, off by
//! default) and how the log is written. Every metric the server records is
//! named here; the gateway client records its calls itself
//! (`zerostep_gateway_*`), as it alone sees each one.
//!
//! Counters and histograms are recorded where things happen; the gauges of
//! what waits in the database (unknown outcomes, the reconciler's backlog,
//! bulk runs, the mail outbox) and the pool are sampled when Prometheus
//! scrapes, so they are never stale.

use std::sync::OnceLock;
use std::time::Duration;

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

/// Latency buckets, in seconds: a quick API answer to a gateway call near
/// its timeout.
const SECONDS_BUCKETS: [f64; 12] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

static RECORDER: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Installs the process's metrics recorder (once; later calls return the
/// same handle), or `None` if another recorder is installed.
pub fn install() -> Option<PrometheusHandle> {
    RECORDER
        .get_or_init(|| {
            let built = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Suffix("_seconds".to_owned()), &SECONDS_BUCKETS)
                .and_then(PrometheusBuilder::install_recorder);
            match built {
                Ok(handle) => {
                    describe();
                    Some(handle)
                }
                Err(err) => {
                    tracing::warn!(%err, "metrics recorder not installed");
                    None
                }
            }
        })
        .clone()
}

fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram, Unit};
    describe_counter!(
        "zerostep_orders_total",
        "Orders answered, by outcome: complete, pending_review (outcome unknown), authenticate (3-D Secure started), or the refusal's error code"
    );
    describe_counter!(
        "zerostep_card_attempts_refused_total",
        "Card orders refused by the card-testing defence, by reason"
    );
    describe_counter!(
        "zerostep_http_requests_total",
        "HTTP requests answered, by listener, method and status class"
    );
    describe_histogram!(
        "zerostep_http_request_duration_seconds",
        Unit::Seconds,
        "Time to answer an HTTP request, by listener"
    );
    describe_counter!(
        "zerostep_gateway_requests_total",
        "Web Collect calls, by function (A08, E01…) and result (0, Yamato's error code, or a transport failure)"
    );
    describe_histogram!(
        "zerostep_gateway_request_duration_seconds",
        Unit::Seconds,
        "Time a Web Collect call took, by function"
    );
    describe_gauge!(
        "zerostep_orders_outcome_unknown",
        "Orders whose authorization outcome is not known yet (authorizing, or 確認中)"
    );
    describe_gauge!(
        "zerostep_gateway_operations_unsettled",
        "Merchant operations sent to the gateway and not settled yet: the reconciler's backlog"
    );
    describe_gauge!(
        "zerostep_bulk_job_items",
        "Items of running bulk jobs, by kind (reauth, slips) and status (pending, ok, failed)"
    );
    describe_gauge!(
        "zerostep_mail_outbox_unsent",
        "Mails queued and not sent yet"
    );
    describe_gauge!(
        "zerostep_db_pool_connections",
        "Database pool connections, by state (in_use, idle)"
    );
}

/// An order answered with `status` and `body`: counted by its `outcome`
/// (2xx) or its error `code`.
pub fn order_answered(status: u16, body: &str) {
    let json: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
    let field = if (200..300).contains(&status) {
        "outcome"
    } else {
        "code"
    };
    let outcome = json[field]
        .as_str()
        .filter(|o| o.len() <= 40 && o.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
        .unwrap_or("other")
        .to_owned();
    metrics::counter!("zerostep_orders_total", "outcome" => outcome).increment(1);
}

/// A card order refused by the card-testing defence for `reason`.
pub fn card_attempt_refused(reason: &'static str) {
    metrics::counter!("zerostep_card_attempts_refused_total", "reason" => reason).increment(1);
}

/// An HTTP request on `listener` answered with `status` after `elapsed`.
pub fn http_request(listener: &'static str, method: &str, status: u16, elapsed: Duration) {
    let class = match status {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    };
    // Static names: no allocation on every request.
    let method = match method {
        "GET" => "GET",
        "HEAD" => "HEAD",
        "POST" => "POST",
        "PUT" => "PUT",
        "PATCH" => "PATCH",
        "DELETE" => "DELETE",
        "OPTIONS" => "OPTIONS",
        _ => "other",
    };
    metrics::counter!("zerostep_http_requests_total", "listener" => listener, "method" => method, "status" => class)
        .increment(1);
    metrics::histogram!("zerostep_http_request_duration_seconds", "listener" => listener)
        .record(elapsed.as_secs_f64());
}

/// What waits in the database, sampled when metrics are scraped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Backlog {
    /// Orders whose outcome is not known yet.
    pub outcome_unknown: i64,
    /// Gateway operations not settled.
    pub unsettled_operations: i64,
    /// Mails not sent.
    pub unsent_mails: i64,
    /// Items of running bulk jobs: kind, status, count.
    pub bulk_items: Vec<(String, String, i64)>,
}

/// Sets the gauges from `backlog` and the pool's `in_use` and `idle`
/// connections.
#[allow(clippy::cast_precision_loss)]
pub fn set_gauges(backlog: &Backlog, in_use: u32, idle: u32) {
    metrics::gauge!("zerostep_orders_outcome_unknown").set(backlog.outcome_unknown as f64);
    metrics::gauge!("zerostep_gateway_operations_unsettled")
        .set(backlog.unsettled_operations as f64);
    metrics::gauge!("zerostep_mail_outbox_unsent").set(backlog.unsent_mails as f64);
    // Every kind and status is set, so a finished run's items go to 0.
    for kind in ["reauth", "slips"] {
        for status in ["pending", "ok", "failed"] {
            let count = backlog
                .bulk_items
                .iter()
                .find(|(k, s, _)| k == kind && s == status)
                .map_or(0, |(_, _, n)| *n);
            metrics::gauge!("zerostep_bulk_job_items", "kind" => kind, "status" => status)
                .set(count as f64);
        }
    }
    metrics::gauge!("zerostep_db_pool_connections", "state" => "in_use").set(f64::from(in_use));
    metrics::gauge!("zerostep_db_pool_connections", "state" => "idle").set(f64::from(idle));
}

/// How log lines are written (`ZEROSTEP_LOG_FORMAT`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Lines for people (the default).
    #[default]
    Text,
    /// One JSON object a line, for a log collector: the request's id among
    /// its fields.
    Json,
}

impl std::str::FromStr for LogFormat {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        match s.trim().to_ascii_lowercase().as_str() {
            "text" => Ok(LogFormat::Text),
            "json" => Ok(LogFormat::Json),
            _ => Err(()),
        }
    }
}
