//! The server's message catalogue: every sentence the API says to a person,
//! in Japanese and English, and nowhere else: one function per text, its
//! arguments the values it names. The error *codes* and their
//! HTTP statuses are the API contract's (`zerostep_domain::api::ErrorCode`);
//! the "why can't I pay this way" texts are the domain's
//! (`UnavailableReason::text`), shared with the purchase page.

use zerostep_domain::api::Text;

// --- The request itself -----------------------------------------------------

/// No such API endpoint.
pub fn no_such_endpoint() -> Text {
    Text::fixed("指定された API はありません。", "No such API endpoint.")
}

/// The body is over 2 MB.
pub fn body_too_large() -> Text {
    Text::fixed(
        "リクエストが大きすぎます（2 MB まで）。",
        "The request body is too large (2 MB at most).",
    )
}

/// The body is not sent as JSON.
pub fn not_json() -> Text {
    Text::fixed(
        "リクエストは JSON（Content-Type: application/json）で送ってください。",
        "Send the request as JSON (Content-Type: application/json).",
    )
}

/// Anything that failed on our side (the cause goes to the log).
pub fn internal() -> Text {
    Text::fixed(
        "サーバーで問題が発生しました。時間をおいて再度お試しください。",
        "Something went wrong on our side; please try again later.",
    )
}

/// The body could not be read.
pub fn unreadable_body(detail: &str) -> Text {
    Text::new(
        "リクエストの内容を読み取れませんでした。",
        format!("The request body could not be read: {detail}"),
    )
}

/// The body is not the JSON expected.
pub fn invalid_body(detail: &str) -> Text {
    Text::new(
        "リクエストの内容が正しくありません。",
        format!("The request body is invalid: {detail}"),
    )
}

/// A path parameter is malformed.
pub fn invalid_path(detail: &str) -> Text {
    Text::new(
        "URL の指定が正しくありません。",
        format!("The URL is invalid: {detail}"),
    )
}

/// A query parameter is malformed.
pub fn invalid_query(detail: &str) -> Text {
    Text::new(
        "検索条件が正しくありません。",
        format!("The query is invalid: {detail}"),
    )
}

/// The headers are over `max` bytes.
pub fn headers_too_large(max: usize) -> Text {
    Text::new(
        format!("リクエストヘッダーが大きすぎます（上限 {max} バイト）。"),
        format!("The request headers are larger than {max} bytes."),
    )
}

/// The URL is over `max` bytes.
pub fn uri_too_long(max: usize) -> Text {
    Text::new(
        format!("URL が長すぎます（上限 {max} バイト）。"),
        format!("The URL is longer than {max} bytes."),
    )
}

/// A page's files were not built (served as plain text).
pub fn app_not_built() -> Text {
    Text::fixed(
        "このページはまだビルドされていません。",
        "This app has not been built yet.",
    )
}

/// A pinned widget URL of another release.
pub fn widget_version_gone() -> Text {
    Text::fixed(
        "この版の決済ウィジェットは、もう配信されていません。/embed.json で現在の版の URL と integrity を確認してください。",
        "This version of the checkout widget is no longer served; /embed.json gives the current URL and integrity.",
    )
}

/// The embed widget's files were not built (logged in the host page's console).
pub fn widget_not_built() -> Text {
    Text::fixed(
        "Zerostep: このウィジェットはまだビルドされていません。",
        "Zerostep: the embed widget has not been built yet.",
    )
}

// --- The purchase page --------------------------------------------------------

/// The postal code is not 7 digits.
pub fn invalid_postal_code() -> Text {
    Text::fixed(
        "郵便番号は7桁の数字で入力してください（例: 123-4567）。",
        "A postal code has 7 digits, like 123-4567.",
    )
}

/// No address is known for `code`.
pub fn postal_code_not_found(code: &str) -> Text {
    Text::new(
        format!("郵便番号 {code} の住所が見つかりませんでした。住所を直接入力してください。"),
        format!("No address was found for {code}; please type it in."),
    )
}

/// No payment logo is stored.
pub fn no_logo() -> Text {
    Text::fixed("ロゴ画像はありません。", "No logo.")
}

/// The cart has no lines.
pub fn empty_cart() -> Text {
    Text::fixed("カートに商品がありません。", "The cart is empty.")
}

/// The cart has more than `max` lines.
pub fn too_many_lines(max: usize) -> Text {
    Text::new(
        format!("カートの商品は{max}種類までです。"),
        format!("A cart holds at most {max} lines."),
    )
}

/// No delivery method `code`.
pub fn unknown_delivery_method(code: &str) -> Text {
    Text::new(
        format!("配送方法「{code}」はありません。"),
        format!("There is no delivery method {code:?}."),
    )
}

/// The quantities of `sku` add up to too many.
pub fn too_many_of(sku: &str, rule: &str) -> Text {
    Text::new(
        format!("{sku}の数量が多すぎます。"),
        format!("Too many of {sku}: {rule}"),
    )
}

/// `sku` is not on sale.
pub fn not_on_sale(sku: &str) -> Text {
    Text::new(
        format!("商品 {sku} は現在お取り扱いがありません。"),
        format!("Product {sku} is not on sale."),
    )
}

/// The total cannot be represented.
pub fn total_too_large(rule: &str) -> Text {
    Text::new(
        "合計金額が大きすぎます。",
        format!("The total is too large: {rule}"),
    )
}

// --- Placing an order -------------------------------------------------------------

/// The order body breaks a rule; `path` is the field (`recipient.phone`), or
/// `None` for the body as a whole.
pub fn invalid_order(path: Option<&str>, rule: &str) -> Text {
    match path {
        None => Text::new(
            format!("ご注文内容が正しくありません（{rule}）。"),
            format!("The order is invalid: {rule}"),
        ),
        Some(path) => Text::new(
            format!("ご注文内容の {path} が正しくありません（{rule}）。"),
            format!("The order's {path} is invalid: {rule}"),
        ),
    }
}

/// 取消 and 金額変更 are not offered: the payment is cancelled.
pub fn payment_is_cancelled() -> Text {
    Text::fixed(
        "決済は取り消されています。取消・金額変更はできません。",
        "The payment is cancelled: it can be neither cancelled nor changed.",
    )
}

/// 取消 and 金額変更 are not offered: no authorization holds.
pub fn payment_not_held() -> Text {
    Text::fixed(
        "与信が完了していないため、取消・金額変更はできません。",
        "No authorization holds: the payment can be neither cancelled nor changed.",
    )
}

/// 取消 is not offered: the sale is settled.
pub fn settled_not_cancellable() -> Text {
    Text::fixed(
        "精算確定済みのため、取消はできません（金額変更はできます）。",
        "The sale is settled (精算確定): it can no longer be cancelled (its amount can still change).",
    )
}

/// `Idempotency-Key` is missing or malformed.
pub fn invalid_idempotency_key() -> Text {
    Text::fixed(
        "Idempotency-Key ヘッダー（英数字・「-」・「_」の32〜100文字。UUID など推測できない値）が必要です。",
        "An Idempotency-Key header of 32-100 characters from A-Z, a-z, 0-9, - and _ (a UUID or another value no one can guess) is required.",
    )
}

/// The key was used with another body.
pub fn idempotency_key_reused() -> Text {
    Text::fixed(
        "この Idempotency-Key は別の注文内容で使用済みです。",
        "This Idempotency-Key was used with a different order.",
    )
}

/// The request with the same key is still at work.
pub fn request_in_progress() -> Text {
    Text::fixed(
        "同じご注文を処理中です。しばらくしてから再度お試しください。",
        "The same order is still being processed; please retry shortly.",
    )
}

/// The key was withdrawn (`POST /api/orders/abandon`).
pub fn order_withdrawn() -> Text {
    Text::fixed(
        "このご注文の送信は取り消されました。ご注文は承っておらず、カードへの請求もありません。",
        "This order attempt was withdrawn: no order was placed and the card was not charged.",
    )
}

/// Too many failed card attempts from this shopper.
pub fn too_many_attempts() -> Text {
    Text::fixed(
        "カード決済の失敗が続いたため、しばらく時間をおいてからお試しください。",
        "Too many failed card attempts; please try again later.",
    )
}

/// Too many orders or abandons from one address or session in a minute.
pub fn rate_limited(wait_secs: u64) -> Text {
    Text::new(
        format!("短時間に多くのご注文が送られました。{wait_secs}秒ほどおいてから、もう一度お試しください。"),
        format!("Too many orders in a short time; please try again in about {wait_secs} seconds."),
    )
}

/// The shop is under a card-testing attack: a card order needs a proof of work.
pub fn proof_required() -> Text {
    Text::fixed(
        "不正利用対策の確認が必要です。画面の「注文する」をもう一度押してください（確認は自動で行われます）。",
        "A fraud-prevention check is needed: place the order again (the check runs by itself).",
    )
}

/// The proof of work is wrong, expired or used already.
pub fn proof_invalid() -> Text {
    Text::fixed(
        "不正利用対策の確認が無効か期限切れです。もう一度「注文する」を押してください。",
        "The fraud-prevention check is invalid or expired; place the order again.",
    )
}

/// The delivery date is not one offered.
pub fn invalid_delivery_date() -> Text {
    Text::fixed(
        "お届け希望日は選択肢の中から選んでください。",
        "Please choose a delivery date from the list.",
    )
}

/// The number of instalments is not offered.
pub fn pay_way_not_offered() -> Text {
    Text::fixed(
        "この支払回数はご利用いただけません。",
        "This number of instalments is not offered.",
    )
}

/// The card token expired before A08.
pub fn token_expired() -> Text {
    Text::fixed(
        "カード情報の確認期限が切れました。もう一度「注文確認する」からお進みください。",
        "The card details expired; please review the order again.",
    )
}

/// The cardholder's 3-D Secure authentication did not succeed.
pub fn authentication_failed(code: &str) -> Text {
    Text::new(
        format!("カードの本人認証（3Dセキュア）ができませんでした。もう一度お試しいただくか、別のカードをご利用ください。（{code}）"),
        format!("The card's 3-D Secure authentication did not succeed. Please try again or use another card. ({code})"),
    )
}

/// The heading of 3-D Secure's pages.
pub fn authentication_heading() -> Text {
    Text::fixed("本人認証", "3-D Secure")
}

/// The return page, once the authentication is over.
pub fn authentication_over() -> Text {
    Text::fixed(
        "本人認証が終わりました。購入手続きの画面でご注文の結果をご確認ください。",
        "The authentication is over. The checkout shows the result of your order.",
    )
}

/// The return page, when the issuer's result cannot be read.
pub fn authentication_unreadable() -> Text {
    Text::fixed(
        "本人認証の結果を読み取れませんでした。購入手続きからやり直してください。",
        "The authentication's result could not be read. Please start again from the checkout.",
    )
}

/// The return page's link.
pub fn back_to_checkout() -> Text {
    Text::fixed("購入手続きに戻る", "Back to the checkout")
}

/// The 3-D Secure authentication is unknown or over.
pub fn no_such_authentication() -> Text {
    Text::fixed(
        "この本人認証は見つからないか、終了しています。購入手続きからやり直してください。",
        "This authentication does not exist or has ended. Please start again from the checkout.",
    )
}

/// The gateway did not answer and holds no authorization.
pub fn not_charged() -> Text {
    Text::fixed(
    "決済システムから応答がありませんでした。カードへの請求は行われていません。もう一度お試しください。",
    "The payment system did not answer; nothing was charged. Please try again.",
)
}

/// The total changed since the shopper confirmed it: `total` in yen.
pub fn price_changed(total: &str, grouped: &str) -> Text {
    Text::new(
        format!(
            "ご注文金額が変わりました（{total}）。内容をご確認のうえ、もう一度お試しください。"
        ),
        format!("The total has changed to {grouped}; please review and try again."),
    )
}

/// The gateway refused a field of the order (Yamato's `code`).
pub fn field_breaks_gateway_rule(field: &str, code: &str) -> Text {
    Text::new(
        format!("{field}の内容がカード決済の条件を満たしません。（{code}）"),
        format!("{field} does not meet the card gateway's rules. ({code})"),
    )
}

/// The gateway is in maintenance (Yamato's `code`).
pub fn gateway_maintenance(code: &str) -> Text {
    Text::new(
        format!("決済システムがメンテナンス中です。カードへの請求は行われていません。時間をおいてお試しください。（{code}）"),
        format!("The payment system is under maintenance; nothing was charged. ({code})"),
    )
}

/// The gateway failed otherwise (Yamato's `code`).
pub fn gateway_error(code: &str) -> Text {
    Text::new(
        format!("決済処理でエラーが発生しました。カードへの請求は行われていません。（{code}）"),
        format!("The payment failed; nothing was charged. ({code})"),
    )
}

/// The card was declined: the gateway's `reason` (Japanese) when it gave
/// one, and `support` (Yamato's code and the card company's) for the shopper's call.
pub fn card_declined(reason: Option<&str>, support: &str) -> Text {
    let reason = reason
        .map(|ja| format!("{}。", ja.trim_end_matches('。')))
        .unwrap_or_default();
    Text::new(
        format!("カードの承認が得られませんでした。{reason}別のカードをお試しいただくか、カード会社へお問い合わせください。（{support}）"),
        format!("The card was declined; please try another card or contact your card issuer. ({support})"),
    )
}

// --- The merchant admin ------------------------------------------------------------

/// Not logged in.
pub fn please_log_in() -> Text {
    Text::fixed("ログインしてください。", "Please log in.")
}

/// The CSRF token is missing or wrong.
pub fn csrf_failed() -> Text {
    Text::fixed(
        "画面を再読み込みしてから、もう一度お試しください。",
        "Reload the page and try again (missing or wrong CSRF token).",
    )
}

/// Wrong login or password.
pub fn invalid_credentials() -> Text {
    Text::fixed(
        "ログインIDまたはパスワードが正しくありません。",
        "Wrong login or password.",
    )
}

/// Too many CSP reports from one address.
pub fn too_many_reports() -> Text {
    Text::fixed(
        "レポートが多すぎます。しばらくおいてから送ってください。",
        "Too many reports; send later.",
    )
}

/// A body that is no CSP report.
pub fn not_a_csp_report() -> Text {
    Text::fixed(
        "CSP違反レポート（application/csp-report または application/reports+json）として読めません。",
        "Not a CSP violation report (application/csp-report or application/reports+json).",
    )
}

/// Locked after repeated failures: the same answer whether or not the
/// login exists.
pub fn account_locked() -> Text {
    Text::fixed(
        "ログインの失敗が続いたため、このログインIDは15分ほどログインできません。以前ログインしたブラウザーからはログインできます。",
        "Too many failed logins: this login ID is locked for about 15 minutes, except from a browser that logged in before.",
    )
}

/// Too many failed logins from this address.
pub fn too_many_logins(wait_secs: u64) -> Text {
    let minutes = wait_secs.div_ceil(60).max(1);
    Text::new(
        format!("このネットワークからのログインの失敗が続いています。{minutes}分ほどおいてから、もう一度お試しください。"),
        format!("Too many failed logins from this network; please try again in about {minutes} minutes."),
    )
}

/// The password was right; the TOTP code is asked for.
pub fn totp_required() -> Text {
    Text::fixed(
        "確認コード（認証アプリに表示される6桁の数字、またはリカバリーコード）を入力してください。",
        "Enter the confirmation code: the 6 digits your authenticator app shows, or a recovery code.",
    )
}

/// The TOTP or recovery code is wrong or used.
pub fn invalid_totp() -> Text {
    Text::fixed(
        "確認コードが正しくないか、すでに使われています。認証アプリの新しいコードを入力してください。",
        "The confirmation code is wrong or was used already; enter the app's next code.",
    )
}

/// The password given again is wrong.
pub fn wrong_password() -> Text {
    Text::fixed(
        "現在のパスワードが正しくありません。",
        "The current password is wrong.",
    )
}

/// Nothing works until the admin chooses their own password.
pub fn password_change_required() -> Text {
    Text::fixed(
        "はじめに、ご自身のパスワードを設定してください（アカウント → パスワード変更）。",
        "First choose your own password (Account → Change password).",
    )
}

/// 新しいパスワード is shorter than 12 characters.
pub fn password_too_short(min: usize) -> Text {
    Text::new(
        format!("新しいパスワードは{min}文字以上にしてください。"),
        format!("The new password must be at least {min} characters long."),
    )
}

/// 新しいパスワード is longer than 128 characters.
pub fn password_too_long(max: usize) -> Text {
    Text::new(
        format!("新しいパスワードは{max}文字以下にしてください。"),
        format!("The new password must be at most {max} characters long."),
    )
}

/// 新しいパスワード is a common one, or too uniform.
pub fn password_common() -> Text {
    Text::fixed(
        "新しいパスワードは推測されやすいため使えません。よく使われる語や同じ文字の繰り返しを避けてください。",
        "The new password is too easy to guess: avoid common passwords and repeated characters.",
    )
}

/// 新しいパスワード contains the login ID.
pub fn password_contains_login() -> Text {
    Text::fixed(
        "新しいパスワードにログインIDを含めないでください。",
        "The new password must not contain the login ID.",
    )
}

/// 新しいパスワード is the current one.
pub fn password_unchanged() -> Text {
    Text::fixed(
        "新しいパスワードが現在のパスワードと同じです。",
        "The new password is the same as the current one.",
    )
}

/// ログインID breaks its rule.
pub fn login_rule() -> Text {
    Text::fixed(
        "ログインIDは3〜32文字の半角英数字と . _ - @ で入力してください。",
        "The login ID must be 3 to 32 letters, digits, '.', '_', '-' or '@'.",
    )
}

/// ログインID is taken.
pub fn login_taken() -> Text {
    Text::fixed(
        "そのログインIDはすでに使われています。",
        "That login ID is taken.",
    )
}

/// An admin removing themselves.
pub fn cannot_remove_self() -> Text {
    Text::fixed(
        "ご自身のユーザーは削除できません。別の管理者から削除してください。",
        "You cannot remove yourself; ask another admin.",
    )
}

/// No such admin user.
pub fn unknown_user() -> Text {
    Text::fixed("そのユーザーはいません。", "No such user.")
}

/// No such session of the admin's.
pub fn unknown_session() -> Text {
    Text::fixed(
        "そのセッションはありません（すでに終了しています）。",
        "No such session (it has ended already).",
    )
}

/// TOTP confirmed before its setup started.
pub fn totp_not_started() -> Text {
    Text::fixed(
        "二要素認証の設定を、はじめからやり直してください。",
        "Start the two-factor setup again.",
    )
}

/// TOTP set up while it is on.
pub fn totp_already_on() -> Text {
    Text::fixed(
        "二要素認証はすでに有効です。設定し直すには、いったん無効にしてください。",
        "Two-factor authentication is on already; turn it off first to set it up again.",
    )
}

/// Recovery codes asked for without TOTP.
pub fn totp_off() -> Text {
    Text::fixed(
        "二要素認証が有効ではありません。",
        "Two-factor authentication is not on.",
    )
}

/// No such order.
pub fn no_such_order() -> Text {
    Text::fixed("注文が見つかりません。", "No such order.")
}

/// No such bulk run.
pub fn no_such_run() -> Text {
    Text::fixed("処理が見つかりません。", "No such run.")
}

/// No such delivery method (settings).
pub fn no_such_delivery_method() -> Text {
    Text::fixed("配送方法が見つかりません。", "No such delivery method.")
}

/// A bulk run over no orders (or too many).
pub fn empty_selection() -> Text {
    Text::fixed(
        "処理対象を1件以上選んでください。",
        "Choose at least one order.",
    )
}

/// A date filter that is not `YYYY-MM-DD`.
pub fn invalid_date(date: &str) -> Text {
    Text::new(
        format!("日付は YYYY-MM-DD で指定してください: {date}"),
        format!("Dates are YYYY-MM-DD: {date}"),
    )
}

/// A bulk run names an order that does not exist.
pub fn no_order(number: &str) -> Text {
    Text::new(
        format!("注文 {number} はありません。"),
        format!("No order {number}."),
    )
}

/// The order is not an authorized card order.
pub fn not_an_authorized_card_order() -> Text {
    Text::fixed(
        "与信済みのカード決済の注文ではありません。",
        "This is not an authorized card order.",
    )
}

/// 金額変更 above the authorized amount, not confirmed.
pub fn increase_not_confirmed(authorized: i64) -> Text {
    Text::new(
        format!("与信額（{authorized}円）を超える金額への変更です。お客様の同意を確認のうえ、増額として確認してから変更してください。"),
        format!("The new amount is above the {authorized} yen authorized: confirm it as an increase, with the shopper's consent."),
    )
}

/// Another payment operation holds the order.
pub fn order_busy() -> Text {
    Text::fixed(
        "この注文は別の決済操作を処理中です。完了してから、もう一度お試しください。",
        "Another payment operation on this order is in progress; try again once it has finished.",
    )
}

/// E01 without a slip number.
pub fn slip_required() -> Text {
    Text::fixed(
        "問い合わせ番号を入力してください。",
        "Enter the slip number.",
    )
}

/// E01 on an order that has a slip or is not 与信完了.
pub fn slip_not_allowed() -> Text {
    Text::fixed(
        "この注文には問い合わせ番号を登録できません（登録済み、または与信完了ではありません）。",
        "A slip cannot be registered for this order now.",
    )
}

/// A11 after a slip was registered.
pub fn reauth_after_slip() -> Text {
    Text::fixed(
        "再与信は問い合わせ番号の登録前にのみ行えます。",
        "Re-authorization is only possible before a slip is registered.",
    )
}

/// E02 on an order without a slip.
pub fn no_slip() -> Text {
    Text::fixed(
        "この注文には問い合わせ番号が登録されていません。",
        "No slip number is registered on this order.",
    )
}

/// 配送通知メール for a slip whose notice went out already.
pub fn notice_already_sent() -> Text {
    Text::fixed(
        "この問い合わせ番号の配送通知メールは送信済みです（メール送信履歴で確認できます）。",
        "The shipping notice for this slip number was sent already (see the mail log).",
    )
}

/// E02 once the sale is settled.
pub fn slip_settled() -> Text {
    Text::fixed(
        "精算確定待ちの間だけ問い合わせ番号を取り消せます。この注文は精算が確定しているか、決済の状態が変わっています。",
        "A slip can only be withdrawn while the sale awaits settlement; this order is settled or its payment changed.",
    )
}

/// 再与信 of a cancelled order.
pub fn reauth_cancelled() -> Text {
    Text::fixed(
        "取消済みの注文には再与信できません。取消を取り消す場合は「取消を取り消して再与信」を使ってください。",
        "A cancelled order cannot be re-authorized; to undo the cancellation, use \"Undo cancellation and re-authorize\".",
    )
}

/// 取消を取り消して再与信 of an order that is not cancelled.
pub fn not_cancelled() -> Text {
    Text::fixed(
        "この注文は取消されていません。",
        "This order is not cancelled.",
    )
}

/// A bulk item whose order changed since the list was made.
pub fn no_longer_eligible() -> Text {
    Text::fixed(
        "再与信の対象外になりました（一覧の作成後に問い合わせ番号が登録されたか、決済が取り消されました）。",
        "No longer eligible: a slip was registered or the payment was cancelled after the list was made.",
    )
}

/// A bulk item whose server stopped mid-run.
pub fn interrupted() -> Text {
    Text::fixed(
        "中断されました（サーバー停止）。結果は決済システムに照会します。",
        "Interrupted (a server stopped); the outcome is checked with the gateway.",
    )
}

/// The gateway did not answer a merchant operation.
pub fn operation_unanswered() -> Text {
    Text::fixed(
    "決済システムから応答がありませんでした。結果は自動で確認されます（「状態を更新」でもすぐ確認できます）。",
    "The gateway did not answer; the outcome is checked automatically (or now, with Refresh status).",
)
}

/// The gateway's own text for a refusal, with its code.
pub fn gateway_says(text: &Text, code: &str) -> Text {
    Text::new(
        format!("{}（{code}）", text.ja),
        format!("{} ({code})", text.en),
    )
}

// --- Settings ----------------------------------------------------------------------

/// 送料無料の基準額 out of range.
pub fn free_shipping_range() -> Text {
    Text::fixed(
        "送料無料の基準額は0〜10,000,000円で入力してください。",
        "The free-shipping threshold must be 0-10,000,000 yen.",
    )
}

/// A delivery method accepts an unknown payment method.
pub fn no_payment_method(code: &str) -> Text {
    Text::new(
        format!("支払方法 {code} はありません。"),
        format!("No payment method {code}."),
    )
}

/// A prefecture's fee is out of range.
pub fn invalid_fee(prefecture: u8) -> Text {
    Text::new(
        format!(
            "都道府県 {prefecture} の送料が正しくありません（0〜1,000,000円、空欄は別途連絡）。"
        ),
        format!(
            "Invalid fee for prefecture {prefecture} (0-1,000,000 yen, or blank for 別途連絡)."
        ),
    )
}

/// Deleting the shop's only delivery method.
pub fn last_delivery_method() -> Text {
    Text::fixed(
        "最後の配送方法は削除できません。別の配送方法を追加してから削除してください。",
        "The shop's only delivery method cannot be deleted; add another first.",
    )
}

/// A delivery method's lead days are out of range.
pub fn lead_days_range(max: i64) -> Text {
    Text::new(
        format!("お届け日の最短日数は0〜{max}日で入力してください。"),
        format!("The lead time must be 0-{max} days."),
    )
}

/// The card method's settings before it is on the shop's list.
pub fn card_not_linked() -> Text {
    Text::fixed(
        "クレジットカード決済は支払方法のリストにありません。「他社連携」タブでリストに追加してから設定してください。",
        "The card method is not on the shop's list: add it in the 他社連携 tab first.",
    )
}

/// A mail text of 基本設定 is longer than it may be.
pub fn mail_text_length(field_ja: &str, field_en: &str, max: usize) -> Text {
    Text::new(
        format!("{field_ja}は{max}文字以内で入力してください。"),
        format!("{field_en} must be at most {max} characters."),
    )
}

/// An English text of the settings breaks its rule (a name on one line, or
/// notes), with the fallback it has when left empty.
pub fn english_text_rule(field_ja: &str, field_en: &str, max: usize, one_line: bool) -> Text {
    let (ja, en) = if one_line {
        ("改行を含まない", "on one line, ")
    } else {
        ("", "")
    };
    Text::new(
        format!(
            "{field_ja}は{ja}{max}文字以内で入力してください（空欄のときは日本語を表示します）。"
        ),
        format!(
            "{field_en} must be {en}at most {max} characters (left empty, the Japanese is shown)."
        ),
    )
}

/// The payment method's name is empty or long.
pub fn method_name_length() -> Text {
    Text::fixed(
        "支払方法の名称は1〜50文字で入力してください。",
        "The name must be 1-50 characters.",
    )
}

/// 配送サービス is neither Yamato nor other.
pub fn delivery_service_choice() -> Text {
    Text::fixed(
        "配送サービスは「ヤマト運輸」か「その他」を選んでください。",
        "Choose Yamato (00) or other (99).",
    )
}

/// Notes or ALT text too long.
pub fn notes_length() -> Text {
    Text::fixed(
        "注意書きは1000文字、ALT属性は200文字までです。",
        "Notes are limited to 1000 characters, ALT text to 200.",
    )
}

/// The logo URL is neither https nor a path.
pub fn logo_url() -> Text {
    Text::fixed(
        "ロゴ画像のURLは https:// または / で始めてください。",
        "The logo URL must start with https:// or /.",
    )
}

/// 適用条件 out of range.
pub fn amount_range() -> Text {
    Text::fixed(
        "適用条件は0〜10,000,000円で、下限が上限以下になるよう入力してください。",
        "The range must be 0-10,000,000 yen with the minimum not above the maximum.",
    )
}

/// 対応種別 empty or unknown.
pub fn channels() -> Text {
    Text::fixed(
        "対応種別は「PC」「スマートフォン」から1つ以上選んでください。",
        "Choose PC and/or smartphone.",
    )
}

/// 不正利用対策's threshold out of range.
pub fn challenge_after_range() -> Text {
    Text::fixed(
        "不正利用対策の件数は1〜100000の整数で入力してください。",
        "challenge_after: a whole number from 1 to 100,000.",
    )
}

/// A 支払回数 Yamato does not offer.
pub fn pay_way_not_allowed(pay_way: u8) -> Text {
    Text::new(
        format!("支払回数 {pay_way} は指定できません。"),
        format!("{pay_way} is not a Yamato payment plan."),
    )
}

/// The アクセスキー breaks its rule.
pub fn access_key_rule() -> Text {
    Text::fixed(
        "アクセスキーは1〜32文字の半角英数字で入力してください。",
        "The access key is 1-32 letters and digits.",
    )
}

/// The 加盟店コード breaks its rule.
pub fn trader_code_rule() -> Text {
    Text::fixed(
        "加盟店コードは1〜20文字の半角英数字で入力してください。",
        "The trader code is 1-20 letters and digits.",
    )
}

/// The logo is over 256 KB.
pub fn logo_too_large() -> Text {
    Text::fixed(
        "ロゴ画像は256KB以下にしてください。",
        "The logo must be at most 256 KB.",
    )
}

/// The logo is not an image type we serve.
pub fn logo_type() -> Text {
    Text::fixed(
        "ロゴ画像はPNG・JPEG・GIF・WebPのいずれかにしてください。",
        "The logo must be a PNG, JPEG, GIF or WebP image.",
    )
}

// 売上確定一括処理: the slip-number CSV.

/// The file is over 2 MiB.
pub fn slip_file_too_large() -> Text {
    Text::fixed(
        "CSVファイルは2MBまでです。ファイルを分けてください。",
        "The CSV file must be at most 2 MB; split it.",
    )
}

/// The file has more rows than one run takes.
pub fn slip_file_too_many_rows(max: usize) -> Text {
    Text::new(
        format!("CSVファイルは{max}行までです。ファイルを分けてください。"),
        format!("The CSV file may have at most {max} rows; split it."),
    )
}

/// The file is neither UTF-8 nor Shift_JIS text.
pub fn slip_file_not_text() -> Text {
    Text::fixed(
        "CSVファイルを文字として読めません。UTF-8かShift_JISのCSVで保存してください。",
        "The file is not text: save it as CSV in UTF-8 or Shift_JIS.",
    )
}

/// The file has no row.
pub fn slip_file_empty() -> Text {
    Text::fixed("CSVファイルに行がありません。", "The CSV file has no rows.")
}

/// A quote opened on `line` is never closed.
pub fn slip_file_malformed(line: usize) -> Text {
    Text::new(
        format!("CSVファイルの{line}行目で始まる「\"」が閉じられていません。"),
        format!("The quote opened on line {line} of the CSV file is never closed."),
    )
}

/// A header row without the order and slip columns.
pub fn slip_file_missing_columns() -> Text {
    Text::fixed(
        "見出し行に注文番号（B2クラウドではお客様管理番号）と問い合わせ番号（伝票番号）の列がありません。",
        "The header row names no order column (B2 Cloud: お客様管理番号) and slip column (伝票番号).",
    )
}

/// A row without its 注文番号.
pub fn slip_no_order() -> Text {
    Text::fixed("注文番号がありません。", "The row has no order number.")
}

/// A row without its 問い合わせ番号.
pub fn slip_no_slip() -> Text {
    Text::fixed(
        "問い合わせ番号がありません。",
        "The row has no slip number.",
    )
}

/// A Yamato slip that breaks the check-digit rule.
pub fn slip_bad_check_digit() -> Text {
    Text::fixed(
        "ヤマト運輸の問い合わせ番号ではありません（12桁の数字で、最後の1桁は前の11桁を7で割った余りです）。",
        "Not a Yamato slip number: 12 digits, the last being the first eleven's remainder by 7.",
    )
}

/// 配送サービス written as neither carrier.
pub fn slip_unknown_carrier(written: &str) -> Text {
    Text::new(
        format!("配送サービス「{written}」は「ヤマト運輸」か「その他」にしてください。"),
        format!("Delivery service \"{written}\" must be ヤマト運輸 (Yamato) or その他 (other)."),
    )
}

/// The order is in the file already.
pub fn slip_duplicate(first_line: u32) -> Text {
    Text::new(
        format!("同じ注文が{first_line}行目にあります。最初の行だけを処理します。"),
        format!("The same order is on line {first_line}; only that line is processed."),
    )
}

/// No order has the number written.
pub fn slip_unknown_order(written: &str) -> Text {
    Text::new(
        format!("注文番号・受付番号「{written}」の注文はありません。"),
        format!("No order has the number \"{written}\"."),
    )
}

/// The order was not paid by card.
pub fn slip_not_card() -> Text {
    Text::fixed(
        "クレジットカード決済の注文ではありません（売上確定はカード決済の注文だけです）。",
        "Not a card order: sales are confirmed for card orders only.",
    )
}

/// The order's sale is confirmed already.
pub fn slip_already_confirmed(slip: &str) -> Text {
    Text::new(
        format!("売上確定済みです（問い合わせ番号 {slip}）。"),
        format!("The sale is confirmed already (slip {slip})."),
    )
}

/// The order's card payment is not held.
pub fn slip_not_authorized() -> Text {
    Text::fixed(
        "与信完了の注文ではないため売上確定できません（取消済み・確認中など）。",
        "The card payment is not held (cancelled, or still being checked), so the sale cannot be confirmed.",
    )
}

/// A run asked for a file with no row to send.
pub fn slip_nothing_to_send() -> Text {
    Text::fixed(
        "売上確定できる行がありません。プレビューの理由をご確認ください。",
        "No row of the file can be confirmed; see the preview's reasons.",
    )
}
