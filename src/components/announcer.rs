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

/// The live region itself; visible as a short status line.
#[component]
pub fn Announcer() -> impl IntoView {
    let announcement = expect_context::<Announcement>();
    view! {
        <div class="zs-announcer" part="status" role="status" aria-live="polite" data-testid="announcer">
            {move || announcement.text()}
        </div>
    }
}
