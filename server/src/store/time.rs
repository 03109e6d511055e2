//! Time, in one place: the two forms times are stored in, and the day and
//! clock as Japan reads them (the gateway's dates and the shop's days are
//! JST).
//!
//! Orders, operations, sessions, jobs and attempts store RFC 3339 text
//! ([`now`], [`seconds_ago`]); the outbox, the idempotency keys and the
//! postal import store `YYYY-MM-DD HH:MM:SS` UTC ([`now_text`]). Each column
//! keeps one form, so text order is time order within it.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// Japan Standard Time (UTC+9, no daylight saving).
pub const JST: FixedOffset = match FixedOffset::east_opt(9 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+9 is a valid offset"),
};

/// Now, as RFC 3339 UTC: the stored form of most times.
pub fn now() -> String {
    Utc::now().to_rfc3339()
}

/// Now in Japan.
pub fn jst_now() -> DateTime<FixedOffset> {
    Utc::now().with_timezone(&JST)
}

/// Now, as `YYYY-MM-DD HH:MM:SS` UTC: the form of the outbox's and the keys'
/// times (what SQLite's `datetime('now')` wrote), bound from Rust so that
/// every engine stores the same text.
pub fn now_text() -> String {
    chrono::Utc::now().format(TEXT_FORM).to_string()
}

/// The form of [`now_text`].
const TEXT_FORM: &str = "%Y-%m-%d %H:%M:%S";

/// The instant `secs` seconds ago; a span too long for the calendar is the
/// earliest instant, before every stored time.
fn instant_ago(secs: u64) -> DateTime<Utc> {
    i64::try_from(secs)
        .ok()
        .and_then(chrono::TimeDelta::try_seconds)
        .and_then(|span| Utc::now().checked_sub_signed(span))
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// The instant `secs` seconds ago, as stored (RFC 3339), for comparing with
/// the times in the tables.
pub fn seconds_ago(secs: u64) -> String {
    instant_ago(secs).to_rfc3339()
}

/// The instant `secs` seconds ago in the `YYYY-MM-DD HH:MM:SS` form
/// ([`now_text`]'s), for the columns stored that way.
pub fn text_seconds_ago(secs: u64) -> String {
    instant_ago(secs).format(TEXT_FORM).to_string()
}

/// Today in Japan.
pub fn today_jst() -> NaiveDate {
    jst_now().date_naive()
}

/// A gateway date (`yyyyMMddHHmmss`, JST).
pub fn gateway_time(value: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    chrono::NaiveDateTime::parse_from_str(value, "%Y%m%d%H%M%S")
        .ok()?
        .and_local_timezone(JST)
        .single()
}

/// The instant (as stored, RFC 3339 UTC) at which the JST day `day`, plus
/// `days`, begins.
pub fn jst_day_start(day: NaiveDate, days: i64) -> Option<String> {
    (day + chrono::Duration::days(days))
        .and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(JST).single())
        .map(|t| t.with_timezone(&Utc).to_rfc3339())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jst_day_begins_at_15_00_utc_the_day_before() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 4).expect("a date");
        assert_eq!(
            jst_day_start(day, 0).as_deref(),
            Some("2026-12-03T15:00:00+00:00")
        );
        assert_eq!(
            jst_day_start(day, 1).as_deref(),
            Some("2026-12-04T15:00:00+00:00")
        );
    }

    #[test]
    fn gateway_times_are_read_as_jst() {
        let t = gateway_time("20261204093000").expect("a time");
        assert_eq!(
            t.with_timezone(&Utc).to_rfc3339(),
            "2026-12-04T00:30:00+00:00"
        );
        assert_eq!(gateway_time("2026-12-04"), None);
    }
}
