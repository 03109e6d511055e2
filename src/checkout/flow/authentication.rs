//! EMV 3-D Secure without leaving the page: after 「注文する」 the issuer's
//! pages open in a dialog where the confirmation modal was (or over STEP3),
//! inside a frame of our backend's. When the issuer is done, our return page
//! says so with a `message`, the dialog closes and the page asks what became
//! of the order. Where the frame cannot show the issuer's page, the shopper
//! authenticates in the whole window (the shop's page) or in a window of its
//! own (the widget, which must not leave the host's page).

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::api::ApiClient;
use crate::i18n::{LocaleCtx, Msg};

/// One authentication the server started (from `authentication_url`,
/// `/api/3ds/<session>/start`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Authentication {
    /// The session's opaque id, which the return page's word names.
    session: String,
    /// Our page that frames the issuer's.
    frame: String,
    /// The page that starts it in a window of its own.
    start: String,
    /// Where the return page's word must come from: our backend's origin.
    origin: String,
    /// The key of the order it authenticates.
    pub key: Option<String>,
}

impl Authentication {
    /// The authentication started at `path` on `client`'s backend, which the
    /// page at `page_origin` shows; `None` if `path` is not one.
    pub fn new(client: &ApiClient, path: &str, page_origin: &str) -> Option<Self> {
        let session = path.strip_prefix("/api/3ds/")?.strip_suffix("/start")?;
        if session.is_empty() || !session.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        let start = client.url(path);
        let origin = origin_of(&start).unwrap_or_else(|| page_origin.to_owned());
        Some(Authentication {
            session: session.to_owned(),
            frame: client.url(&format!("/api/3ds/{session}/frame")),
            start,
            origin,
            key: None,
        })
    }

    /// The session's opaque id.
    pub fn session(&self) -> &str {
        &self.session
    }

    /// Whether a `message` from `origin` carrying `kind` and `session` is
    /// our return page's word that this authentication is over.
    pub fn is_over(&self, origin: &str, kind: Option<&str>, session: Option<&str>) -> bool {
        origin == self.origin && kind == Some("zerostep:3ds") && session == Some(&self.session)
    }
}

/// `scheme://host[:port]` of an absolute `url`.
fn origin_of(url: &str) -> Option<String> {
    // By position rather than `split_once("://")`, whose string searcher
    // nothing else in the bundles needs.
    let at = url.as_bytes().windows(3).position(|w| w == b"://")?;
    let (scheme, rest) = (&url[..at], &url[at + 3..]);
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| format!("{scheme}://{host}"))
}

fn field(data: &JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(data, &JsValue::from_str(name))
        .ok()
        .and_then(|v| v.as_string())
}

/// The page's own origin.
pub(super) fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The dialog: the issuer's pages in our frame, and the way out where they
/// do not show. `on_over` runs once the return page says it is over.
#[component]
pub(super) fn AuthenticationDialog(
    /// The authentication shown.
    auth: Authentication,
    /// The issuer is done: ask what became of the order.
    #[prop(into)]
    on_over: Callback<()>,
) -> impl IntoView {
    let locale = crate::context::<LocaleCtx>();
    let embedded = crate::embedded();
    let frame = NodeRef::<leptos::html::Iframe>::new();
    let elsewhere = NodeRef::<leptos::html::Button>::new();
    let listening = auth.clone();
    let handle = window_event_listener(leptos::ev::message, move |ev| {
        let data = ev.data();
        if listening.is_over(
            &ev.origin(),
            field(&data, "type").as_deref(),
            field(&data, "session").as_deref(),
        ) {
            on_over.run(());
        }
    });
    on_cleanup(move || handle.remove());
    // The frame takes the focus, so the issuer's page is next to type in.
    crate::task::effect(move || {
        if let Some(f) = frame.get() {
            let _ = f.focus();
        }
    });
    // The widget keeps the host's page: it opens our frame page as a window
    // of its own, which tells this page when it is over, and closes. Our
    // own pages send the whole window to the start page.
    let elsewhere_url = if embedded {
        auth.frame.clone()
    } else {
        auth.start.clone()
    };
    let opened = RwSignal::new(false);
    let open_elsewhere = move |_| {
        let Some(window) = web_sys::window() else {
            return;
        };
        if embedded {
            let _ = window.open_with_url_and_target(&elsewhere_url, "_blank");
            opened.set(true);
        } else {
            let _ = window.location().assign(&elsewhere_url);
        }
    };
    // Focus stays in the dialog: Shift+Tab from its first control goes to
    // the frame, and Tab past the frame comes back to that control.
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        let on_button = elsewhere.get().is_some_and(|b| {
            crate::platform::dom::active_element_near(&b)
                .is_some_and(|a| &a == b.unchecked_ref::<web_sys::Element>())
        });
        if ev.key() == "Tab" && ev.shift_key() && on_button {
            ev.prevent_default();
            if let Some(f) = frame.get() {
                let _ = f.focus();
            }
        }
    };
    let wrap = move |_| {
        if let Some(b) = elsewhere.get() {
            let _ = b.focus();
        }
    };
    view! {
        <div class="zs-modal-backdrop" part="modal-backdrop">
            <div class="zs-modal zs-authentication" part="modal" role="dialog" aria-modal="true"
                aria-labelledby="authentication-heading" aria-describedby="authentication-note"
                data-testid="authentication" on:keydown=crate::handler(keydown)>
                <h2 id="authentication-heading">{locale.t(Msg::AuthenticationHeading)}</h2>
                <p id="authentication-note" class="zs-note">{locale.t(Msg::AuthenticationNote)}</p>
                <button type="button" class="zs-link-button" node_ref=elsewhere on:click=crate::handler(open_elsewhere)>
                    {locale.t(Msg::AuthenticationElsewhere)}
                </button>
                // Where that window cannot report back (a page that cuts it
                // off from its opener), the shopper says it is done.
                <Show when=crate::when(move || opened.get())>
                    {view! {
                        <button type="button" class="zs-button" on:click=crate::handler(move |_| on_over.run(()))>
                            {locale.t(Msg::AuthenticationDone)}
                        </button>
                    }.into_any()}
                </Show>
                <iframe class="zs-authentication-frame" node_ref=frame src=auth.frame
                    title=locale.t(Msg::AuthenticationFrame)></iframe>
                <span tabindex="0" on:focus=crate::handler(wrap)></span>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SESSION: &str = "Ab3dEf7hIj0lMn2pQr4tUv6xYz8aBc1d";

    #[test]
    fn an_authentication_is_read_from_its_start_path() {
        let here = ApiClient::new("");
        let a = Authentication::new(
            &here,
            &format!("/api/3ds/{SESSION}/start"),
            "https://shop.example.jp",
        )
        .expect("a start path");
        assert_eq!(a.frame, format!("/api/3ds/{SESSION}/frame"));
        assert_eq!(a.origin, "https://shop.example.jp");

        let api = ApiClient::new("https://api.example.jp/");
        let a = Authentication::new(
            &api,
            &format!("/api/3ds/{SESSION}/start"),
            "https://host.example",
        )
        .expect("a start path");
        assert_eq!(
            a.start,
            format!("https://api.example.jp/api/3ds/{SESSION}/start")
        );
        assert_eq!(a.origin, "https://api.example.jp");

        for path in [
            "/api/3ds//start",
            "/api/orders",
            "/api/3ds/a b/start",
            "/api/3ds/x/frame",
        ] {
            assert_eq!(
                Authentication::new(&here, path, "https://x"),
                None,
                "{path}"
            );
        }
    }

    #[test]
    fn an_origin_is_the_scheme_and_host_of_an_absolute_url() {
        assert_eq!(
            origin_of("https://api.example.jp:8443/api/3ds/x/start?y=1").as_deref(),
            Some("https://api.example.jp:8443")
        );
        assert_eq!(origin_of("http://h#frag").as_deref(), Some("http://h"));
        for url in [
            "/api/3ds/x/start",
            "https://",
            "https:///path",
            "https://?q",
            "",
        ] {
            assert_eq!(origin_of(url), None, "{url}");
        }
    }

    #[test]
    fn only_our_return_page_ends_it() {
        let a = Authentication::new(
            &ApiClient::new("https://api.example.jp"),
            &format!("/api/3ds/{SESSION}/start"),
            "https://host.example",
        )
        .expect("a start path");
        let ours = "https://api.example.jp";
        assert!(a.is_over(ours, Some("zerostep:3ds"), Some(SESSION)));
        assert!(!a.is_over("https://host.example", Some("zerostep:3ds"), Some(SESSION)));
        assert!(!a.is_over(
            "https://acs.issuer.example",
            Some("zerostep:3ds"),
            Some(SESSION)
        ));
        assert!(!a.is_over(ours, Some("other"), Some(SESSION)));
        assert!(!a.is_over(ours, Some("zerostep:3ds"), Some("another-session")));
        assert!(!a.is_over(ours, None, None));
    }
}
