//! 3-D Secure on the API (webcollect-3ds.md §4, §6–§9, §12): an A08 with a
//! 3-D Secure token starts a session and answers the start page; A09 checks
//! the return the ACS posted and authorizes, or says why not.

use zerostep_webcollect::rules::A09_RETURN_ITEMS;
use zerostep_webcollect::three_d::ThreeDReturn;

use super::*;

/// The A08 reply that starts an authentication: `threeDAuthHtml` wrapped in
/// literal CDATA markers (escaped as text in the XML, §4.2) and `threeDToken`.
pub(super) fn start(
    shared: &Shared,
    memory: &mut Memory,
    form: &Form,
    key: (String, String),
    token: &str,
    origin: &str,
    now: DateTime<Utc>,
) -> ReturnDoc {
    let Some(record) = memory.tokens.get(token).cloned() else {
        return failed(now, "A082000004", "");
    };
    let outcome = memory
        .forced_outcomes
        .pop_front()
        .unwrap_or_else(|| acs_outcome(&record.card_no));
    let mut rng = rand::rng();
    let id = Alphanumeric.sample_string(&mut rng, 32);
    let three_d_token = Alphanumeric.sample_string(&mut rng, 32);
    let amount = amount_of(form);
    let txn = new_txn(shared, form, &key, &record.card_no, 21, String::new(), now);
    memory.txns.insert(key.clone(), txn);
    let risk = form
        .0
        .iter()
        .filter(|(k, _)| k.starts_with("x3ds2_"))
        .cloned()
        .collect();
    memory.sessions.insert(
        id.clone(),
        ThreeDSession {
            id: id.clone(),
            trader: key.0,
            order_no: key.1,
            token: token.to_owned(),
            three_d_token: three_d_token.clone(),
            trader_ec_url: form.get("trader_ec_url").unwrap_or_default().to_owned(),
            card_no: record.card_no,
            card_exp: record.card_exp,
            amount,
            outcome,
            risk,
            created_at: now,
            stage: Stage::Started,
        },
    );
    let mut doc = base(now, "");
    add_credit_fields(&mut doc, "", "");
    doc.push(
        "threeDAuthHtml",
        format!("<![CDATA[{}]]>", crate::acs::start_page(origin, &id)),
    );
    doc.push("threeDToken", three_d_token);
    doc
}

/// A09 `creditToken3D`, after its field checks.
pub(super) fn credit_token_3d(
    shared: &Shared,
    memory: &mut Memory,
    form: &Form,
    key: &(String, String),
    now: DateTime<Utc>,
) -> ReturnDoc {
    let raw = |name: &str| {
        form.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    let received =
        ThreeDReturn::from_pairs(A09_RETURN_ITEMS.iter().map(|f| (f.post, raw(f.param))));
    let Some(session) = memory
        .session_by_three_d_token(raw("three_d_token"))
        .filter(|s| s.trader == key.0 && s.order_no == key.1)
    else {
        return failed(now, "A092000003", "");
    };
    match &session.stage {
        Stage::Settled { code, .. } if code.is_empty() => return failed(now, "A092000001", ""),
        Stage::Settled { code, credit } => return failed(now, code, credit),
        Stage::Started | Stage::Challenging { .. } | Stage::Abandoned => {
            return failed(now, "A092000003", "")
        }
        Stage::Returned(stored) => {
            if !crate::acs::hash_ok(&shared.acs_key, &received) || *stored != received {
                return failed(now, "A092000003", "");
            }
        }
    }
    let result = received.result_code().to_owned();
    let (code, credit) = if !result_authorizes(&result) {
        ("A092000004", "")
    } else if let Scenario::Decline(credit) = scenario(&session.card_no) {
        ("A092000005", credit)
    } else {
        ("", "")
    };
    session.stage = Stage::Settled {
        code: code.to_owned(),
        credit: credit.to_owned(),
    };
    let Some(txn) = memory.txns.get_mut(key) else {
        return failed(now, "A092000003", "");
    };
    txn.three_d_code = Some(result);
    if !code.is_empty() {
        txn.status = 20;
        return failed(now, code, credit);
    }
    let crd_c_res_cd = approval_number();
    let stamp = gateway_time(now);
    txn.status = 4;
    txn.crd_c_res_cd.clone_from(&crd_c_res_cd);
    txn.crd_c_res_date.clone_from(&stamp);
    txn.settle_date = stamp;
    txn.authorized_until = now + chrono::Duration::days(i64::from(shared.config.hold_days));
    let mut doc = base(now, "");
    add_credit_fields(&mut doc, &crd_c_res_cd, "");
    doc
}
