//! 受注明細's record of the order as it was placed: who ordered, where it
//! goes and when, what was bought, at which tax rates, for how much. Read
//! with the domain's own types, so a shape the admin cannot read shows as
//! such instead of as blanks.

use crate::order_detail::price;
use leptos::prelude::*;
use zerostep_domain::checkout::{Quote, ShippingStatus};
use zerostep_domain::order::{Buyer, DeliveryChoice, Recipient};
use zerostep_domain::{Address, TaxRate};

/// 支払回数 in words.
pub fn pay_way_text(n: i64) -> String {
    match n {
        1 => "一括払い".to_owned(),
        0 => "リボ払い".to_owned(),
        n => format!("分割払い（{n}回）"),
    }
}

fn address_text(a: &Address) -> String {
    let line2 = a
        .line2
        .as_ref()
        .map(|l| format!(" {}", l.as_ref()))
        .unwrap_or_default();
    format!(
        "〒{} {}{}{}{line2}",
        a.postal_code,
        a.prefecture,
        a.city.as_ref(),
        a.line1.as_ref()
    )
}

fn unreadable() -> AnyView {
    view! { <p class="za-error">"記録を読み取れませんでした。"</p> }.into_any()
}

/// ご注文者, お届け先, 配送方法・お届け日時 and ご注文商品.
#[component]
pub fn OrderFacts(
    /// The buyer as stored.
    buyer: serde_json::Value,
    /// The recipient as stored (none: the buyer).
    recipient: Option<serde_json::Value>,
    /// The delivery choice as stored.
    delivery: serde_json::Value,
    /// The delivery method's name, if it still exists.
    delivery_name: Option<String>,
    /// The priced order as stored.
    quote: serde_json::Value,
) -> impl IntoView {
    let buyer = serde_json::from_value::<Buyer>(buyer).ok();
    let recipient = recipient.map(serde_json::from_value::<Recipient>);
    let delivery = serde_json::from_value::<DeliveryChoice>(delivery).ok();
    let quote = serde_json::from_value::<Quote>(quote).ok();
    view! {
        <section class="za-card" aria-labelledby="buyer-heading" data-testid="buyer">
            <h2 id="buyer-heading">"ご注文者"</h2>
            {match buyer {
                Some(b) => view! {
                    <p>{format!("{} 様（{} {}）", b.name.full(), b.family_kana.as_ref(), b.given_kana.as_ref())}</p>
                    <p>{format!("{} / {}", b.email, b.phone.as_ref())}</p>
                    <p>{address_text(&b.address)}</p>
                }.into_any(),
                None => unreadable(),
            }}
        </section>
        <section class="za-card" aria-labelledby="recipient-heading" data-testid="recipient">
            <h2 id="recipient-heading">"お届け先"</h2>
            {match recipient {
                None => view! { <p>"ご注文者と同じ"</p> }.into_any(),
                Some(Ok(r)) => view! {
                    <p>{format!("{} 様（{}）", r.name.full(), r.phone.as_ref())}</p>
                    <p>{address_text(&r.address)}</p>
                }.into_any(),
                Some(Err(_)) => unreadable(),
            }}
        </section>
        <section class="za-card" aria-labelledby="delivery-heading" data-testid="delivery">
            <h2 id="delivery-heading">"配送方法・お届け日時"</h2>
            {match delivery {
                Some(d) => view! {
                    <dl class="za-facts">
                        <dt>"配送方法"</dt><dd>{delivery_name.unwrap_or_else(|| d.method.clone())}</dd>
                        <dt>"お届け希望日"</dt><dd>{d.date.clone().unwrap_or_else(|| "指定なし".to_owned())}</dd>
                        <dt>"お届け時間帯"</dt><dd>{d.time_slot.label_ja()}</dd>
                    </dl>
                }.into_any(),
                None => unreadable(),
            }}
        </section>
        <section class="za-card" aria-labelledby="lines-heading" data-testid="lines">
            <h2 id="lines-heading">"ご注文商品"</h2>
            {match quote {
                Some(q) => lines(q),
                None => unreadable(),
            }}
        </section>
    }
}

fn lines(q: Quote) -> AnyView {
    let shipping = match (q.shipping.status, q.shipping.fee) {
        (ShippingStatus::Free, _) => "無料".to_owned(),
        (_, Some(fee)) => price(fee),
        _ => "別途連絡".to_owned(),
    };
    view! {
        <table class="za-table">
            <thead><tr><th>"商品"</th><th>"単価（税込）"</th><th>"数量"</th><th>"小計"</th></tr></thead>
            <tbody>
                {q.lines.into_iter().map(|l| {
                    let mark = if l.tax_rate == TaxRate::Reduced { "※" } else { "" };
                    view! {
                        <tr>
                            <td>{format!("{}{mark}", l.name)}</td>
                            <td class="za-num">{price(l.unit_price)}</td>
                            <td>{l.quantity.get()}</td>
                            <td class="za-num">{price(l.amount)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <dl class="za-facts" data-testid="totals">
            <dt>"送料"</dt><dd>{shipping}</dd>
            {q.rates.into_iter().map(|r| view! {
                <dt>{format!("{}対象", r.rate)}</dt><dd>{format!("{}（内消費税 {}）", price(r.amount), price(r.tax))}</dd>
            }).collect_view()}
            <dt>"合計（税込）"</dt><dd>{price(q.total)}</dd>
        </dl>
        <p class="za-note">"※は軽減税率（8%）対象商品です。"</p>
    }
    .into_any()
}
