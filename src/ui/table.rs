//! Components for the core's display-ready values ([`crate::core::display`]): a table, a bar
//! list, a column chart, and [`panel`], which keeps a whole panel's figures in step. Each
//! owns its element and keeps its content equal to the stage's answer through
//! [`super::dom`], which writes only what changed; one effect per panel (not one per text
//! node) does it, so a keystroke costs one effect run per panel shown.

use super::dom::{BarsDom, TableDom};
use crate::core::display::{Bar, Table};
use leptos::prelude::*;

/// Text bound to a closure: one type for every such binding of the page.
pub fn text(f: impl Fn() -> String + Send + Sync + 'static) -> Signal<String> {
    Signal::derive(f)
}

/// Keeps the content of the element of `node` in step with what `write` reads: `create`
/// takes over the element once it is mounted (finding the parts it writes), `write` writes
/// what differs, now and whenever what it reads changes. The page's output written to the
/// DOM: an effect that sets no signal.
pub fn panel<E, D: 'static>(
    node: NodeRef<E>,
    create: impl Fn(&web_sys::Element) -> Option<D> + 'static,
    write: impl Fn(&mut D) + 'static,
) where
    E: leptos::tachys::html::element::ElementType + 'static,
    E::Output: AsRef<web_sys::Element> + Clone + 'static,
    NodeRef<E>: Get<Value = Option<E::Output>>,
{
    let dom = StoredValue::new_local(None::<D>);
    let element = move || {
        node.get()
            .map(|e| AsRef::<web_sys::Element>::as_ref(&e).clone())
    };
    run(Box::new(move || {
        let Some(el) = element() else {
            return;
        };
        dom.update_value(|d| {
            if d.is_none() {
                *d = create(&el);
            }
            if let Some(d) = d {
                write(d);
            }
        });
    }));
}

/// One compiled effect for every panel.
fn run(f: Box<dyn Fn()>) {
    Effect::new(move |_| f());
}

/// A read-only table, kept equal to `table` (at most `limit` rows); the first cell of each
/// row is its header.
#[component]
pub fn TextTable(
    /// The table's text.
    table: Signal<Table>,
    /// CSS classes of the `<table>`.
    #[prop(into)]
    class: String,
    /// Its test id.
    test_id: &'static str,
) -> impl IntoView {
    let node = NodeRef::<leptos::html::Table>::new();
    panel(node, TableDom::new, move |d: &mut TableDom| {
        table.with(|t| d.update(t, usize::MAX));
    });
    view! { <table class=class data-testid=test_id node_ref=node></table> }
}

/// Horizontal bars, one per item of `bars`, labelled with their value text.
#[component]
pub fn BarList(
    /// The bars.
    bars: Signal<Vec<Bar>>,
    /// Test id of the list.
    test_id: &'static str,
) -> impl IntoView {
    let node = NodeRef::<leptos::html::Ul>::new();
    panel(
        node,
        |el| Some(BarsDom::new(el)),
        move |d: &mut BarsDom| bars.with(|b| d.update(b)),
    );
    view! { <ul class="bar-list" data-testid=test_id node_ref=node></ul> }
}
