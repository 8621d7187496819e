//! The parts of the page loaded when first needed, each from a WebAssembly chunk of its own:
//! the self-hosting and commitment tabs, the share, embed and export panels, the link codec
//! (serde and the Scenario's JSON), the LiteLLM import, and the embed views.
//!
//! Each function is a split point (`wasm_split`, as Leptos' `#[lazy]` uses, with `fallible`
//! so that a chunk that cannot be fetched is a value, never a panic). The release build
//! splits them out (`scripts/split-wasm.sh`, between cargo and wasm-bindgen); without that
//! step, as in `make serve` and the browser smoke tests, they are ordinary async functions.
//! Code reachable only from one of them goes into its chunk; code several of them share
//! goes into a shared chunk; everything else stays in the first load.
// The split-point macro declares the chunk's imports and exports with `unsafe extern` and
// `#[unsafe(no_mangle)]`; nothing else in this module is unsafe.
#![allow(unsafe_code)]
// `fallible` split points must return a Result, even where only loading can fail.
#![allow(clippy::unnecessary_wraps)]

use super::state::LinkStatus;
use crate::core::import::ImportSummary;
use crate::scenario::link::EmbedView;
use crate::scenario::Scenario;
use leptos::prelude::*;
#[cfg(feature = "split")]
use leptos::wasm_split::wasm_split;

/// A part of the page could not be fetched (offline, or the host refused it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkError;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

/// Declares a split point: with the `split` feature (the release build), a `wasm_split`
/// function in chunk `$chunk`, loaded on its first call; without it (`make serve`, the
/// browser smoke tests), an async function that runs at once. Either way the caller awaits a
/// `Result<_, ChunkError>`.
macro_rules! split_point {
    ($chunk:ident, $(#[$doc:meta])* fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $(#[$doc])*
        ///
        /// # Errors
        /// [`ChunkError`] when its chunk cannot be fetched.
        #[cfg(feature = "split")]
        #[wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        #[allow(unused_braces)]
        pub fn $name($($arg: $ty),*) -> Result<$ret, ChunkError> {
            Ok($body)
        }

        $(#[$doc])*
        ///
        /// # Errors
        /// Never: without code splitting everything is loaded.
        #[cfg(not(feature = "split"))]
        #[allow(clippy::unused_async, unused_braces)]
        pub async fn $name($($arg: $ty),*) -> Result<$ret, ChunkError> {
            Ok($body)
        }
    };
}

split_point!(
    selfhost,
    /// The self-hosting tab.
    fn selfhost_tab() -> AnyView {
        super::selfhost::tab().into_any()
    }
);

split_point!(
    commitment,
    /// The commitment tab.
    fn commitment_tab() -> AnyView {
        super::commitment::tab().into_any()
    }
);

split_point!(
    share,
    /// One of the share panels (link, embed, export).
    fn share_panel(panel: super::share::Panel, copied: RwSignal<Option<bool>>) -> AnyView {
        super::share_panels::panel(panel, copied)
    }
);

split_point!(
    embed,
    /// An embed view.
    fn embed_app(view: EmbedView, interactive: bool) -> AnyView {
        super::embed::embed(view, interactive)
    }
);

split_point!(
    link,
    /// Reads a link: its Scenario (the defaults when it cannot be read) and what to tell the
    /// user.
    fn decode_link(text: String) -> (Scenario, LinkStatus) {
        super::codec::open_link(&text)
    }
);

split_point!(
    link,
    /// The banner of a link or file that could not be opened, or whose values were adjusted.
    fn link_banner() -> AnyView {
        view! { <super::share::Banner /> }.into_any()
    }
);

split_point!(
    write,
    /// The link of a Scenario (without `#`): a chunk apart from reading links, so that a page
    /// opened from a link (an embed above all) never fetches the DEFLATE compressor.
    fn encode_link(scenario: Scenario, state: super::state::AppState) -> String {
        // What the sender sees, gathered here so its code stays off the first load.
        let sent = super::share::sent_now(state);
        crate::scenario::link::encode_with(&scenario, Some(&sent))
    }
);

split_point!(
    import,
    /// Reads a LiteLLM price table.
    fn import_litellm(text: String) -> Result<ImportSummary, String> {
        crate::core::import::import_litellm(&text).map_err(|e| e.to_string())
    }
);

split_point!(
    import,
    /// Reads the file chosen in a file input and hands its text to `done` (gloo-file's
    /// reader, off the first load).
    fn read_file(input: web_sys::HtmlInputElement, done: Callback<Result<String, String>>) -> () {
        super::field::read_file_of(&input, done);
    }
);

split_point!(
    import,
    /// The import form, with what an import found and the search to add its models.
    fn import_form() -> AnyView {
        super::import::form().into_any()
    }
);

split_point!(
    workload,
    /// A workload's reasoning, caching, batch, tier, region and speed inputs.
    fn workload_more(
        id: u32,
        this: Memo<Option<crate::scenario::Workload>>,
        name: Memo<String>,
    ) -> AnyView {
        super::workloads::more(id, this, name).into_any()
    }
);

split_point!(
    rules,
    /// The negotiated discounts by provider.
    fn discounts_form() -> AnyView {
        super::models::discounts().into_any()
    }
);

split_point!(
    rules,
    /// A model's price inputs.
    fn price_editor(id: String) -> AnyView {
        super::models::price_editor(id).into_any()
    }
);

split_point!(
    usage,
    /// Reads one response's usage in a provider's format (`serde_json`, off the first load).
    fn read_usage(
        format: crate::core::usage::UsageFormat,
        text: String,
    ) -> Result<crate::core::usage::Usage, String> {
        crate::core::usage::read_usage(format, &text).map_err(|e| e.to_string())
    }
);

split_point!(
    usage_import,
    /// The usage import: the form, the readers of the exports, what an import shows.
    fn usage_import() -> AnyView {
        super::usage_import::body().into_any()
    }
);

/// The body of a closed `<details>` of the first load: nothing until `opened`, then `load`'s
/// chunk. Not generic, so each such section costs the first load only its own markup.
pub fn when_opened(
    opened: RwSignal<bool>,
    what: &'static str,
    load: fn() -> ViewFuture,
) -> AnyView {
    (move || {
        opened
            .get()
            .then(|| lazy_boxed(what, std::sync::Arc::new(load)))
    })
    .into_any()
}

/// What [`lazy_view`] awaits: a split point's view.
pub type ViewFuture =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<AnyView, ChunkError>> + Send>>;

/// A view loaded from its chunk: a short placeholder while it loads, and a message with a
/// retry if it cannot be fetched. One function for every split point (no copy of the
/// loading code per view), without a Suspense boundary (the view simply appears).
pub fn lazy_view(
    what: &'static str,
    load: impl Fn() -> ViewFuture + Send + Sync + 'static,
) -> AnyView {
    lazy_boxed(what, std::sync::Arc::new(load))
}

fn lazy_boxed(
    what: &'static str,
    load: std::sync::Arc<dyn Fn() -> ViewFuture + Send + Sync>,
) -> AnyView {
    let attempt = RwSignal::new(0u32);
    let loading = RwSignal::new(true);
    view! {
        <p class="loading" role="status" hidden=move || !loading.get()>{format!("Loading the {what}…")}</p>
        {move || {
            attempt.track();
            let load = std::sync::Arc::clone(&load);
            Suspend::new(async move {
                let result = load().await;
                loading.set(false);
                match result {
                    Ok(view) => view,
                    Err(ChunkError) => view! {
                        <div class="banner banner-error" role="alert">
                            <p>{format!("The {what} could not be loaded. Check the connection and try again.")}</p>
                            <button type="button" class="link-button" on:click=move |_| {
                                loading.set(true);
                                attempt.update(|a| *a += 1);
                            }>"Try again"</button>
                        </div>
                    }
                    .into_any(),
                }
            })
        }}
    }
    .into_any()
}
