//! One function per gateway action: A08, A06, A07, A11, E01, E02 and E04,
//! each checking the transaction's state (protocol §7.2) and answering as
//! Yamato does.

use super::*;

/// The common reply plus `creditErrorCode` (A07, A11).
pub(super) fn with_credit_code(now: DateTime<Utc>, code: &str, credit: &str) -> ReturnDoc {
    let mut doc = base(now, code);
    doc.push("creditErrorCode", credit);
    doc
}

/// A08's reply fields; without 3-D Secure the gateway omits `threeDAuthHtml`
/// and `threeDToken` (webcollect-3ds.md §4.1).
pub(super) fn add_credit_fields(doc: &mut ReturnDoc, crd_c_res_cd: &str, credit_error_code: &str) {
    doc.push("crdCResCd", crd_c_res_cd);
    doc.push("creditErrorCode", credit_error_code);
}

/// A refused A08 or A09: nothing authorized, the card network's code if any.
pub(super) fn failed(now: DateTime<Utc>, code: &str, credit: &str) -> ReturnDoc {
    let mut doc = base(now, code);
    add_credit_fields(&mut doc, "", credit);
    doc
}

pub(super) fn approval_number() -> String {
    format!("{:07}", rand::rng().random_range(0..10_000_000u32))
}

pub(super) fn amount_of(form: &Form) -> u64 {
    form.get("settle_price")
        .and_then(|p| p.parse().ok())
        .unwrap_or(0)
}

/// A transaction as A08 creates it, authorized (4) or awaiting its
/// authentication (21).
pub(super) fn new_txn(
    shared: &Shared,
    form: &Form,
    key: &(String, String),
    card_no: &str,
    status: u8,
    crd_c_res_cd: String,
    now: DateTime<Utc>,
) -> Txn {
    let stamp = if status == 4 {
        gateway_time(now)
    } else {
        String::new()
    };
    Txn {
        trader_code: key.0.clone(),
        order_no: key.1.clone(),
        status,
        amount: amount_of(form),
        device_div: form.get("device_div").unwrap_or_default().to_owned(),
        pay_way: form.get("pay_way").unwrap_or_default().to_owned(),
        settle_method: company_code(card_no),
        scenario: scenario(card_no),
        crd_c_res_cd,
        crd_c_res_date: stamp.clone(),
        settle_date: stamp,
        authorized_until: now + chrono::Duration::days(i64::from(shared.config.hold_days)),
        slips: Vec::new(),
        cancel_date: None,
        renewal_date: None,
        three_d_code: None,
    }
}

pub(super) fn credit_token(
    shared: &Shared,
    memory: &mut Memory,
    form: &Form,
    key: (String, String),
    origin: &str,
    now: DateTime<Utc>,
) -> ReturnDoc {
    let fail = |code: &str, credit: &str| failed(now, code, credit);
    match memory.txns.get(&key).map(|t| t.status) {
        // An authentication is under way for this number (§10).
        Some(21) => return fail("Z012000004", ""),
        // An interrupted 3-D Secure payment frees its number (§12.5).
        Some(20) => {
            memory.txns.remove(&key);
        }
        Some(_) => return fail("A082000003", ""),
        None => {}
    }
    // Card-on-file (the option service) is not contracted here (protocol §9):
    // an A08 naming a member is refused before its token is used.
    if ["member_id", "authentication_key"]
        .iter()
        .any(|f| form.get(f).is_some_and(|v| !v.is_empty()))
    {
        return fail("A082000005", "");
    }
    let token = form.get("token").unwrap_or_default();
    let usable = memory.tokens.get(token).is_some_and(|t| {
        t.trader == key.0
            && !t.used
            && now - t.issued_at <= chrono::Duration::minutes(TOKEN_TTL_MINUTES)
    });
    let three_d = usable && memory.tokens.get(token).is_some_and(|t| t.three_d_secure());
    // A 3-D Secure token needs somewhere to come back to; refused before it is used.
    if three_d {
        if let Err(err) = rules::check_trader_ec_url(form) {
            return fail(&err.code, "");
        }
    }
    let card_no = match memory.tokens.get_mut(token) {
        Some(t) if usable => {
            t.used = true;
            t.card_no.clone()
        }
        Some(t) => {
            t.used = true;
            return fail("A082000004", "");
        }
        None => return fail("A082000004", ""),
    };
    if three_d {
        return three_d::start(shared, memory, form, key, token, origin, now);
    }
    if let Scenario::Decline(code) = scenario(&card_no) {
        return fail("A082000010", code);
    }
    let crd_c_res_cd = approval_number();
    let txn = new_txn(shared, form, &key, &card_no, 4, crd_c_res_cd.clone(), now);
    memory.txns.insert(key, txn);
    let mut doc = base(now, "");
    add_credit_fields(&mut doc, &crd_c_res_cd, "");
    doc
}

pub(super) fn credit_cancel(
    shared: &Shared,
    memory: &mut Memory,
    key: &(String, String),
    now: DateTime<Utc>,
) -> ReturnDoc {
    let Some(txn) = memory.txns.get_mut(key) else {
        return base(now, "A062010001");
    };
    match txn.status {
        // Cancelled, or never authorized (3-D Secure under way or interrupted).
        20 | 21 | 40 => base(now, "A062010003"),
        31 if !shared.config.cancel_settled => base(now, "A062010004"),
        _ => {
            txn.status = 40;
            txn.slips.clear(); // shipment info is removed with the cancellation
            txn.cancel_date = Some(gateway_time(now));
            base(now, "")
        }
    }
}

pub(super) fn change_price(
    shared: &Shared,
    memory: &mut Memory,
    form: &Form,
    key: &(String, String),
    now: DateTime<Utc>,
) -> ReturnDoc {
    let with_credit = |code: &str, credit: &str| with_credit_code(now, code, credit);
    if memory.clock.in_nightly_window(shared.config.nightly_window) {
        return with_credit("A070000000", "");
    }
    let new_price: u64 = form
        .get("new_price")
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    let Some(txn) = memory.txns.get_mut(key) else {
        return with_credit("A073000001", "");
    };
    if matches!(txn.status, 20 | 21 | 40) || now > txn.authorized_until {
        return with_credit("A073000001", "");
    }
    if txn.amount == new_price {
        return with_credit("A074000001", "");
    }
    if txn.scenario == Scenario::ReauthFails {
        // 金額変更NG (17) replaces 与信完了 only (protocol §7.2): a shipped
        // or settled sale (30, 31) keeps its state and its slips.
        if txn.status == 4 {
            txn.status = 17;
        }
        return with_credit("A076000001", "G12");
    }
    txn.amount = new_price;
    if txn.status == 17 {
        txn.status = 4;
    }
    txn.crd_c_res_cd = approval_number();
    txn.crd_c_res_date = gateway_time(now);
    txn.renewal_date = Some(gateway_time(now));
    with_credit("", "")
}

pub(super) fn re_auth(
    shared: &Shared,
    memory: &mut Memory,
    key: &(String, String),
    now: DateTime<Utc>,
) -> ReturnDoc {
    let with_credit = |code: &str, credit: &str| with_credit_code(now, code, credit);
    if memory.clock.in_nightly_window(shared.config.nightly_window) {
        return with_credit("A110000000", "");
    }
    let Some(txn) = memory.txns.get_mut(key) else {
        return with_credit("A112000002", "");
    };
    // A lapsed authorization cannot be renewed (the guide: 与信が切れてしまうと
    // 再与信できません); the gateway's code for it is not documented, so the
    // one for an order not eligible.
    if now > txn.authorized_until {
        return with_credit("A112000002", "");
    }
    let yamato_slips_only = txn.slips.iter().all(|s| s.delivery_service_code == "00");
    let next = match txn.status {
        4 | 40 => 4,
        30 if yamato_slips_only => 30,
        _ => return with_credit("A112000002", ""),
    };
    if txn.scenario == Scenario::ReauthFails {
        return with_credit("A112000004", "G12");
    }
    txn.status = next;
    txn.cancel_date = None;
    txn.crd_c_res_cd = approval_number();
    txn.crd_c_res_date = gateway_time(now);
    txn.authorized_until = now + chrono::Duration::days(i64::from(shared.config.hold_days));
    txn.renewal_date = Some(gateway_time(now));
    with_credit("", "")
}

pub(super) fn tracking_url(slip_no: &str) -> String {
    format!("https://toi.kuronekoyamato.co.jp/cgi-bin/tneko?number01={slip_no}")
}

pub(super) fn shipment_entry(
    memory: &mut Memory,
    form: &Form,
    key: &(String, String),
    now: DateTime<Utc>,
) -> ReturnDoc {
    let slip_no = form.get("slip_no").unwrap_or_default().to_owned();
    let service = form
        .get("delivery_service_code")
        .unwrap_or_default()
        .to_owned();
    let shippable = memory.txns.get(key).is_some_and(|t| {
        (t.status == 4 && now <= t.authorized_until)
            || (t.status == 30 && t.slips.iter().all(|s| s.delivery_service_code == service))
    });
    if !shippable {
        return base(now, "E011010351");
    }
    if memory.slip_in_use(&slip_no) {
        return base(now, "E012000001");
    }
    let Some(txn) = memory.txns.get_mut(key) else {
        return base(now, "E011010351");
    };
    if txn.slips.len() >= MAX_SLIPS {
        return base(now, "E012000002");
    }
    txn.slips.push(Slip {
        slip_no: slip_no.clone(),
        delivery_service_code: service.clone(),
        registered_at: gateway_time(now),
    });
    // Yamato confirms the sale on the pickup scan; another carrier's slip
    // confirms it at once (no scan will ever come).
    txn.status = if service == "00" { 30 } else { 31 };
    let mut doc = base(now, "");
    let url = if service == "00" {
        tracking_url(&slip_no)
    } else {
        String::new()
    };
    doc.push("slipUrlPc", url.clone());
    doc.push("slipUrlMobile", url);
    doc
}

pub(super) fn shipment_cancel(
    memory: &mut Memory,
    form: &Form,
    key: &(String, String),
    now: DateTime<Utc>,
) -> ReturnDoc {
    let slip_no = rules::normalize_slip(form.get("slip_no").unwrap_or_default());
    let Some(txn) = memory.txns.get_mut(key).filter(|t| t.status == 30) else {
        return base(now, "E021010351");
    };
    let Some(index) = txn.slips.iter().position(|s| s.slip_no == slip_no) else {
        return base(now, "E022000001");
    };
    txn.slips.remove(index);
    if txn.slips.is_empty() {
        txn.status = 4;
    }
    base(now, "")
}

pub(super) fn trade_info(memory: &Memory, key: &(String, String), now: DateTime<Utc>) -> ReturnDoc {
    let mut doc = base(now, "");
    let Some(txn) = memory.txns.get(key) else {
        doc.push("resultCount", "0");
        return doc;
    };
    doc.push("resultCount", "1");
    let mut data: Vec<(String, String)> = Vec::new();
    let mut put = |k: &str, v: String| data.push((k.to_owned(), v));
    put("orderNo", txn.order_no.clone());
    put("deviceDiv", txn.device_div.clone());
    put("settleDate", txn.settle_date.clone());
    put("settlePrice", txn.amount.to_string());
    put("settleMethodDiv", "0".to_owned());
    put("settleMethod", txn.settle_method.to_string());
    put("statusInfo", txn.status.to_string());
    put("payWay", txn.pay_way.clone());
    put("crdCResCd", txn.crd_c_res_cd.clone());
    put("crdCResDate", txn.crd_c_res_date.clone());
    let mut slips = txn.slips.iter();
    if let Some(first) = slips.next() {
        put("slipNo", first.slip_no.clone());
        put("deliveryServiceCode", first.delivery_service_code.clone());
        put("slipDate", first.registered_at.clone());
    }
    for extra in slips {
        put("extraSlipNo", extra.slip_no.clone());
    }
    if let Some(d) = &txn.cancel_date {
        put("cancelDate", d.clone());
    }
    if let Some(d) = &txn.renewal_date {
        put("renewalDate", d.clone());
    }
    if let Some(code) = &txn.three_d_code {
        put("threeDCode", code.clone());
    }
    doc.groups.push(("resultData".to_owned(), data));
    doc
}
