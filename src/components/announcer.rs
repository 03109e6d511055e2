//! The one `aria-live` region, present from load, through which the app
//! tells screen-reader users what just happened.

use leptos::prelude::*;

/// The latest announcement, provided once near the root.
#[derive(Debug, Clone, Copy)]
pub struct Announcement(RwSignal<String>);

impl Default for Announcement {
    fn default() -> Self {
        Self::new()
    }
}

impl Announcement {
    /// Nothing announced yet.
    pub fn new() -> Self {
        Announcement(RwSignal::new(String::new()))
    }

    /// Announces `text` politely.
    pub fn say(&self, text: String) {
        self.0.set(text);
    }

    /// The current announcement.
    pub fn text(&self) -> String {
        self.0.get()
    }
}

/// The live region itself, for assistive technology only: what it says
/// is shown where it happened (the field, the card inputs), so nothing
/// stale stays on screen after it (a completed order never shows an
/// earlier decline).
#[component]
pub fn Announcer() -> impl IntoView {
    let announcement = crate::context::<Announcement>();
    view! {
        <div class="zs-announcer" part="status" role="status" aria-live="polite" data-testid="announcer">
            {move || announcement.text()}
        </div>
    }
}
