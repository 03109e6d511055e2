//! The rules of 3-D Secure's two fields on A08 and of A09
//! (webcollect-3ds.md §3, §6, §8).

use super::{fail, Checker, FieldError, Form};

/// The longest `trader_ec_url`.
pub const MAX_TRADER_EC_URL: usize = 128;

/// A08's `trader_ec_url` (加盟店ECサイトURL), required with a 3-D Secure
/// token (webcollect-3ds.md §3): present (`A081011371`), at most 128
/// characters (`…372`), `https://` (`…373`). A non-3-D Secure token ignores it.
/// `http://` on a loopback host (`localhost`, `127.0.0.1`, `[::1]`) passes,
/// as browsers count it secure: a shop under development reaches the
/// sandbox that way (Yamato's gateway is never on loopback).
pub fn check_trader_ec_url(form: &Form) -> Result<(), FieldError> {
    let c = Checker { form, fd: "A08" };
    let url = form
        .get("trader_ec_url")
        .ok_or_else(|| fail(c.code("13", "71")))?;
    if url.chars().count() > MAX_TRADER_EC_URL {
        return Err(fail(c.code("13", "72")));
    }
    let host = match (url.strip_prefix("https://"), url.strip_prefix("http://")) {
        (Some(rest), _) => rest,
        (None, Some(rest)) if is_loopback(rest) => rest,
        _ => "",
    };
    if host.is_empty() || url.chars().any(|ch| ch.is_whitespace() || ch.is_control()) {
        return Err(fail(c.code("13", "73")));
    }
    Ok(())
}

/// Whether the authority at the start of `rest` is a loopback host.
fn is_loopback(rest: &str) -> bool {
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return false; // `http://localhost@elsewhere/` goes elsewhere
    }
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => authority.split(':').next().unwrap_or_default(),
    };
    matches!(host, "localhost" | "127.0.0.1" | "::1")
}

/// One field of the browser's 3-D Secure return POST and the A09 parameter
/// it is forwarded as, unchanged (webcollect-3ds.md §5.1, §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReturnItem {
    /// The POST field (`COMP_CD`).
    pub post: &'static str,
    /// The A09 parameter (`comp_cd`).
    pub param: &'static str,
    /// The item number in A09's error codes (`A0910104 01`).
    pub item: &'static str,
    /// Whether A09 refuses it empty; `RES_VE`, `RES_PA` and `3D_INF` may be.
    pub required: bool,
}

const fn item(
    post: &'static str,
    param: &'static str,
    item: &'static str,
    required: bool,
) -> ReturnItem {
    ReturnItem {
        post,
        param,
        item,
        required,
    }
}

/// The return POST's fields in the order A09 sends them.
pub const A09_RETURN_ITEMS: [ReturnItem; 16] = [
    item("COMP_CD", "comp_cd", "04", true),
    item("TOKEN", "token", "05", true),
    item("CARD_EXP", "card_exp", "06", true),
    item("ITEM_PRICE", "item_price", "07", true),
    item("ITEM_TAX", "item_tax", "08", true),
    item("CUST_CD", "cust_cd", "09", true),
    item("SHOP_ID", "shop_id", "10", true),
    item("TERM_CD", "term_cd", "11", true),
    item("CRD_RES_CD", "crd_res_cd", "12", true),
    item("RES_VE", "res_ve", "13", false),
    item("RES_PA", "res_pa", "14", false),
    item("RES_CODE", "res_code", "15", true),
    item("3D_INF", "three_d_inf", "16", false),
    item("3D_TRAN_ID", "three_d_tran_id", "17", true),
    item("SEND_DT", "send_dt", "18", true),
    item("HASH_VALUE", "hash_value", "19", true),
];

/// The length of `three_d_token`.
pub const THREE_D_TOKEN_LEN: usize = 32;

/// A09 `creditToken3D`: items in the order the gateway checks them; the
/// first that fails wins (webcollect-3ds.md §6, §8.2).
pub fn check_credit_token_3d(form: &Form) -> Result<(), FieldError> {
    let c = Checker { form, fd: "A09" };
    c.trader_code()?;
    c.order_no("03")?;
    for field in A09_RETURN_ITEMS.iter().filter(|f| f.required) {
        c.required(field.param, field.item)?;
    }
    let token = c.required("three_d_token", "20")?;
    if token.chars().count() != THREE_D_TOKEN_LEN {
        return Err(fail(c.code("20", "02")));
    }
    Ok(())
}
