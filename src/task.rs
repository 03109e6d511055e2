//! The page's asynchronous work: a value asked of the server
//! ([`Fetched`]), a job started by the shopper ([`Job`]), and the page's
//! effects ([`effect`]).
//!
//! What `LocalResource` and `Action` did for the page, without the
//! machinery they bring for each use (an asynchronous derived value or an
//! action's signals, a scoped future, transition bookkeeping), which cost
//! the first load kilobytes: a task awaits the answer, a signal holds it or
//! a handler takes it.

use std::future::Future;

use leptos::prelude::*;

/// A value asked of the server: asked when the page sets it up, again
/// whenever what its request reads changes, and again on demand. The page
/// shows the last answer while the next is awaited, as a `Transition` did;
/// an answer overtaken by a later request is dropped.
pub struct Fetched<T: 'static> {
    answer: RwSignal<Option<T>, LocalStorage>,
    again: Trigger,
}

impl<T: 'static> Clone for Fetched<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Fetched<T> {}

impl<T: Clone + 'static> Fetched<T> {
    /// Asks with `ask`, tracking what it reads, and again whenever that changes.
    pub fn new<F: Future<Output = T> + 'static>(ask: impl Fn() -> F + 'static) -> Fetched<T> {
        let answer = RwSignal::new_local(None);
        let again = Trigger::new();
        // The number of the latest request: an older answer is dropped.
        let asked = StoredValue::new(0u64);
        // A render effect asks at once, as the page is set up (a plain
        // effect would wait a tick, and the settings would arrive after
        // answers the page needs them for), and again on the tick after
        // what it read changes; it lives as long as the page's owner.
        let asking = RenderEffect::new(move |_| {
            again.track();
            let request = ask();
            let number = asked.get_value().wrapping_add(1);
            asked.set_value(number);
            leptos::task::spawn_local(async move {
                let got = request.await;
                if asked.try_get_value() == Some(number) {
                    _ = answer.try_set(Some(got));
                }
            });
        });
        StoredValue::new_local(asking);
        Fetched { answer, again }
    }

    /// The last answer (tracked).
    pub fn get(&self) -> Option<T> {
        self.answer.get()
    }

    /// The last answer, untracked.
    pub fn get_untracked(&self) -> Option<T> {
        self.answer.get_untracked()
    }

    /// Reads the last answer without cloning it (tracked).
    pub fn with<R>(&self, f: impl FnOnce(&Option<T>) -> R) -> R {
        self.answer.with(f)
    }

    /// Asks again with what the request reads now.
    pub fn refetch(&self) {
        self.again.notify();
    }
}

/// A job the shopper starts (a token made, an order sent): how many are on
/// their way, and a handler for each answer, run in the page's reactive
/// owner once the job no longer counts as pending.
pub struct Job<I: 'static> {
    start: StoredValue<Box<dyn Fn(I)>, LocalStorage>,
    pending: RwSignal<usize>,
}

impl<I: 'static> Clone for Job<I> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I: 'static> Copy for Job<I> {}

impl<I: 'static> Job<I> {
    /// A job that runs `work` for each input and gives `answered` its answer.
    pub fn new<O: 'static, F: Future<Output = O> + 'static>(
        work: impl Fn(I) -> F + 'static,
        answered: impl Fn(O) + Copy + 'static,
    ) -> Job<I> {
        let pending = RwSignal::new(0usize);
        let owner = Owner::current();
        let start = move |input: I| {
            let running = work(input);
            pending.update(|n| *n += 1);
            let owner = owner.clone();
            leptos::task::spawn_local(async move {
                let answer = running.await;
                if pending.try_update(|n| *n = n.saturating_sub(1)).is_none() {
                    // The page is gone.
                    return;
                }
                match &owner {
                    Some(owner) => owner.with(|| answered(answer)),
                    None => answered(answer),
                }
            });
        };
        Job {
            start: StoredValue::new_local(Box::new(start)),
            pending,
        }
    }

    /// Starts the job with `input`.
    pub fn dispatch(&self, input: I) {
        self.start.with_value(|start| start(input));
    }

    /// Whether a run is on its way (tracked).
    pub fn pending(&self) -> bool {
        self.pending.get() > 0
    }

    /// Whether a run is on its way.
    pub fn pending_untracked(&self) -> bool {
        self.pending.get_untracked() > 0
    }
}

/// Runs `f` once the page is set up, and again whenever a signal it read
/// changes: `Effect::new`, with one instance for the whole app. Each
/// `Effect::new` call compiles its own copy of the effect's scheduling loop
/// for its closure's type; through here there is one, for a boxed closure.
pub fn effect(f: impl FnMut() + 'static) {
    effect_boxed(Box::new(f));
}

fn effect_boxed(mut f: Box<dyn FnMut()>) {
    Effect::new(move |_| f());
}

/// A signal that turns true in a task after this one. What a view shows
/// behind it renders in that task: the page's set-up is cut into tasks
/// that each end soon, as a long one delays the shopper's first input
/// (and counts toward Lighthouse's TBT).
pub fn next_task() -> ReadSignal<bool> {
    let (ready, set) = signal(false);
    set_timeout(move || _ = set.try_set(true), std::time::Duration::ZERO);
    ready
}

/// Runs `f` when the browser is next idle after the shopper first acts on
/// the page (a key, a pointer, an input), unless the page is gone by then:
/// for work that only what the shopper does next needs (fetching the parts
/// shown after 「注文確認する」), kept out of the page's load, where it would
/// lengthen the tasks that Lighthouse's TBT counts.
#[cfg(feature = "split")]
pub fn after_first_input(f: impl Fn() + 'static) {
    after_first_input_boxed(std::rc::Rc::new(f));
}

#[cfg(feature = "split")]
fn after_first_input_boxed(f: std::rc::Rc<dyn Fn()>) {
    use std::cell::RefCell;
    use std::rc::Rc;
    let armed: Rc<RefCell<Vec<WindowListenerHandle>>> = Rc::default();
    for name in ["keydown", "pointerdown", "input"] {
        let (f, listeners) = (f.clone(), armed.clone());
        let handle = window_event_listener_untyped(name, move |_| {
            for listener in listeners.take() {
                listener.remove();
            }
            let f = f.clone();
            request_idle_callback(move || f());
        });
        armed.borrow_mut().push(handle);
    }
    let armed = send_wrapper::SendWrapper::new(armed);
    on_cleanup(move || {
        for listener in armed.take().take() {
            listener.remove();
        }
    });
}

/// What a part on demand gives: its view, or (split) why its module could
/// not be fetched. A part on demand is a view that is not on the purchase
/// page when it opens (the modal, the 3-D Secure dialog, the other pages):
/// with the `split` feature (the shop's own build, which Trunk runs and
/// `cargo xtask split-wasm` splits) its code is a WebAssembly module of its
/// own, fetched when first shown or preloaded; without it (the tests, the
/// widget) it is an ordinary function of the one module.
#[cfg(feature = "split")]
pub type Part = Result<AnyView, leptos::wasm_split::SplitLoaderError>;

/// What a part on demand gives: its view.
#[cfg(not(feature = "split"))]
pub type Part = AnyView;

/// Declares a part on demand (see [`Part`]): with `split`, a function whose
/// code is a module of its own, which resolves once that module is here
/// (and fails, without a panic, if it cannot be fetched), with a
/// `__wasm_split_preload_NAME` that fetches it; else the function itself.
macro_rules! on_demand_part {
    ($(#[$doc:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),*) $body:block) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible)]
        $vis fn $name($($arg: $ty),*) -> $crate::task::Part {
            Ok($body)
        }

        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        $vis fn $name($($arg: $ty),*) -> $crate::task::Part {
            $body
        }
    };
}
pub(crate) use on_demand_part;

/// A part on demand, shown: nothing until its module is here, then its
/// view, or a notice that it could not be fetched. One instance for the
/// whole app, whatever the part.
#[cfg(feature = "split")]
pub fn on_demand(part: impl Future<Output = Part> + 'static) -> AnyView {
    on_demand_boxed(Box::pin(part))
}

#[cfg(feature = "split")]
fn on_demand_boxed(part: std::pin::Pin<Box<dyn Future<Output = Part>>>) -> AnyView {
    let part = send_wrapper::SendWrapper::new(part);
    Suspend::new(async move {
        part.await.unwrap_or_else(|_| {
            let locale = crate::context::<crate::i18n::LocaleCtx>();
            view! {
                <p class="zs-error" role="alert" data-testid="part-unavailable">
                    {locale.t(crate::i18n::Msg::PartUnavailable)}
                </p>
            }
            .into_any()
        })
    })
    .into_any()
}

/// A part on demand, shown: without `split` its view is already here.
#[cfg(not(feature = "split"))]
pub fn on_demand(part: AnyView) -> AnyView {
    part
}
