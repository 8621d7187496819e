//! Read-only output kept in step with the core's display-ready values
//! ([`crate::core::display`]) by writing only what changed: a text node's data when its text
//! differs, an attribute when its value differs, a row added or removed at the end of a list.
//! Nothing is rebuilt and nothing is parsed from HTML.
//!
//! Why not one Leptos view per table: every distinct view shape compiles to its own
//! rendering, diffing and drop code, which made the tables the largest part of the page's
//! Wasm; these few patchers serve every table, bar list and chart of the page, for a few KB.
//! The components in [`super::table`] own the element and call [`TableDom::update`] (and the
//! others) from an effect, the one place where the page's output meets the DOM directly.
//! Every DOM call here is infallible or its failure ignored: the worst a refusal can do is
//! leave a figure unwritten, never panic.

use crate::core::display::commitment::Range;
use crate::core::display::plot::Plot;
use crate::core::display::{Bar, Cell, Columns, Kpi, Segment, Table, HIDDEN_HEAD};
use web_sys::{Document, Element, Text};

const SVG: &str = "http://www.w3.org/2000/svg";

fn document() -> Option<Document> {
    web_sys::window()?.document()
}

fn element(doc: &Document, parent: &Element, tag: &str) -> Option<Element> {
    let el = doc.create_element(tag).ok()?;
    parent.append_child(&el).ok()?;
    Some(el)
}

fn svg_element(doc: &Document, parent: &Element, tag: &str) -> Option<Element> {
    let el = doc.create_element_ns(Some(SVG), tag).ok()?;
    parent.append_child(&el).ok()?;
    Some(el)
}

fn set(el: &Element, name: &str, value: &str) {
    let _ = el.set_attribute(name, value);
}

/// A text node whose data is written only when it differs.
pub struct TextSlot {
    node: Text,
    shown: String,
}

impl TextSlot {
    fn new(doc: &Document, parent: &Element) -> TextSlot {
        let node = doc.create_text_node("");
        let _ = parent.append_child(&node);
        TextSlot {
            node,
            shown: String::new(),
        }
    }

    /// Writes `text` if it differs from what is shown.
    pub fn set(&mut self, text: &str) {
        if self.shown != text {
            self.node.set_data(text);
            text.clone_into(&mut self.shown);
        }
    }

    /// Takes over the text of `el` (its content becomes one text node).
    pub fn of(el: &Element) -> Option<TextSlot> {
        let doc = el.owner_document()?;
        let shown = el.text_content().unwrap_or_default();
        let node = doc.create_text_node(&shown);
        el.set_text_content(None);
        el.append_child(&node).ok()?;
        Some(TextSlot { node, shown })
    }
}

/// The element under `root` with test id `id`.
pub fn find(root: &Element, id: &str) -> Option<Element> {
    root.query_selector(&format!("[data-testid={id}]"))
        .ok()
        .flatten()
}

/// The text of the element under `root` with test id `id`.
pub fn text_of(root: &Element, id: &str) -> Option<TextSlot> {
    TextSlot::of(&find(root, id)?)
}

/// An element shown or hidden (its `hidden` attribute), written only when that changes.
pub struct Shown {
    el: Element,
    shown: Option<bool>,
}

impl Shown {
    /// Takes over `el`'s `hidden` attribute.
    pub fn of(el: Element) -> Shown {
        Shown { el, shown: None }
    }

    /// Shows or hides the element.
    pub fn set(&mut self, shown: bool) {
        if self.shown != Some(shown) {
            let _ = self.el.toggle_attribute_with_force("hidden", !shown);
            self.shown = Some(shown);
        }
    }
}

/// An attribute written only when its value differs, and removed while it is empty.
pub struct AttrSlot {
    name: &'static str,
    shown: String,
}

impl AttrSlot {
    /// The attribute `name`, not yet written.
    pub const fn new(name: &'static str) -> AttrSlot {
        AttrSlot {
            name,
            shown: String::new(),
        }
    }

    /// Writes `value` on `el` if it differs from what was written (removes it when empty).
    pub fn set(&mut self, el: &Element, value: &str) {
        if self.shown != value {
            if value.is_empty() {
                let _ = el.remove_attribute(self.name);
            } else {
                set(el, self.name, value);
            }
            value.clone_into(&mut self.shown);
        }
    }
}

/// An optional child element (a swatch, a second line) with its class and text, created when
/// first needed and removed while it has nothing to show.
struct Extra {
    tag: &'static str,
    el: Option<(Element, AttrSlot, TextSlot)>,
}

impl Extra {
    const fn new(tag: &'static str) -> Extra {
        Extra { tag, el: None }
    }

    /// Shows `class` and `text` (before `before`, or at the end), or removes the element when
    /// both are empty.
    fn set(
        &mut self,
        doc: &Document,
        parent: &Element,
        before: Option<&Text>,
        class: &str,
        text: &str,
    ) {
        if class.is_empty() && text.is_empty() {
            if let Some((el, ..)) = self.el.take() {
                el.remove();
            }
            return;
        }
        if self.el.is_none() {
            let Ok(el) = doc.create_element(self.tag) else {
                return;
            };
            let _ = parent.insert_before(&el, before.map(AsRef::as_ref));
            let text = TextSlot::new(doc, &el);
            self.el = Some((el, AttrSlot::new("class"), text));
        }
        if let Some((el, class_slot, text_slot)) = &mut self.el {
            class_slot.set(el, class);
            text_slot.set(text);
        }
    }
}

struct CellDom {
    el: Element,
    button: Option<(Element, AttrSlot)>,
    class: AttrSlot,
    title: AttrSlot,
    swatch: Extra,
    text: TextSlot,
    note: Extra,
}

impl CellDom {
    fn new(
        doc: &Document,
        tr: &Element,
        header: bool,
        button: bool,
        row: usize,
    ) -> Option<CellDom> {
        let el = element(doc, tr, if header { "th" } else { "td" })?;
        if header {
            set(&el, "scope", "row");
        }
        let button = if button {
            let b = element(doc, &el, "button")?;
            set(&b, "type", "button");
            set(&b, "class", "btn btn-small");
            set(&b, "data-row", &crate::core::format::fixed(row as f64, 0));
            Some((b, AttrSlot::new("aria-label")))
        } else {
            None
        };
        let text = TextSlot::new(doc, button.as_ref().map_or(&el, |b| &b.0));
        Some(CellDom {
            el,
            button,
            class: AttrSlot::new("class"),
            title: AttrSlot::new("title"),
            swatch: Extra::new("span"),
            text,
            note: Extra::new("small"),
        })
    }

    fn update(&mut self, doc: &Document, c: &Cell) {
        if let Some((b, label)) = &mut self.button {
            label.set(b, &c.button);
        }
        self.class.set(&self.el, c.class);
        self.title.set(&self.el, &c.title);
        let fresh = self.swatch.el.is_none();
        self.swatch
            .set(doc, &self.el, Some(&self.text.node), c.swatch, "");
        if let (true, Some((swatch, ..))) = (fresh, &self.swatch.el) {
            set(swatch, "aria-hidden", "true");
        }
        self.text.set(&c.text);
        let note_class = if c.note.is_empty() { "" } else { c.note_class };
        self.note.set(doc, &self.el, None, note_class, &c.note);
    }
}

struct RowDom {
    key: String,
    tr: Element,
    test_id: AttrSlot,
    class: AttrSlot,
    cells: Vec<CellDom>,
}

/// A `<table>`'s head and body kept equal to a [`Table`].
pub struct TableDom {
    doc: Document,
    head: Element,
    body: Element,
    heads: Vec<(Element, AttrSlot, TextSlot)>,
    rows: Vec<RowDom>,
}

impl TableDom {
    /// Takes over `table` (an empty `<table>` element).
    pub fn new(table: &Element) -> Option<TableDom> {
        let doc = document()?;
        let thead = element(&doc, table, "thead")?;
        let head = element(&doc, &thead, "tr")?;
        let body = element(&doc, table, "tbody")?;
        Some(TableDom {
            doc,
            head,
            body,
            heads: Vec::new(),
            rows: Vec::new(),
        })
    }

    /// Writes what differs between what is shown and `t` (at most `limit` rows).
    pub fn update(&mut self, t: &Table, limit: usize) {
        let doc = self.doc.clone();
        while self.heads.len() > t.heads.len() {
            if let Some((el, ..)) = self.heads.pop() {
                el.remove();
            }
        }
        for (i, h) in t.heads.iter().enumerate() {
            if i == self.heads.len() {
                let Some(el) = element(&doc, &self.head, "th") else {
                    return;
                };
                set(&el, "scope", "col");
                // A hidden head's text is read by screen readers only.
                let holder = if h.class == HIDDEN_HEAD {
                    let Some(span) = element(&doc, &el, "span") else {
                        return;
                    };
                    set(&span, "class", "visually-hidden");
                    span
                } else {
                    el.clone()
                };
                let text = TextSlot::new(&doc, &holder);
                self.heads.push((el, AttrSlot::new("class"), text));
            }
            let (el, class, text) = &mut self.heads[i];
            class.set(el, if h.class == HIDDEN_HEAD { "" } else { h.class });
            text.set(h.text);
        }
        let n = t.rows.len().min(limit);
        let keyed = t.rows.iter().take(n).all(|r| !r.key.is_empty());
        if keyed {
            self.reorder(&t.rows[..n]);
        }
        while self.rows.len() > n {
            if let Some(row) = self.rows.pop() {
                row.tr.remove();
            }
        }
        for (i, r) in t.rows.iter().take(n).enumerate() {
            if i == self.rows.len() {
                let Some(tr) = element(&doc, &self.body, "tr") else {
                    return;
                };
                self.rows.push(RowDom {
                    key: r.key.clone(),
                    tr,
                    test_id: AttrSlot::new("data-testid"),
                    class: AttrSlot::new("class"),
                    cells: Vec::new(),
                });
            }
            let row = &mut self.rows[i];
            r.key.clone_into(&mut row.key);
            row.test_id.set(&row.tr, &r.test_id);
            row.class.set(&row.tr, r.class);
            while row.cells.len() > r.cells.len() {
                if let Some(cell) = row.cells.pop() {
                    cell.el.remove();
                }
            }
            for (j, c) in r.cells.iter().enumerate() {
                // A cell that becomes or stops being a button is made again.
                if row
                    .cells
                    .get(j)
                    .is_some_and(|d| d.button.is_some() == c.button.is_empty())
                {
                    for stale in row.cells.drain(j..) {
                        stale.el.remove();
                    }
                }
                if j == row.cells.len() {
                    let Some(cell) = CellDom::new(&doc, &row.tr, j == 0, !c.button.is_empty(), i)
                    else {
                        return;
                    };
                    row.cells.push(cell);
                }
                row.cells[j].update(&doc, c);
            }
        }
    }

    /// Puts the rows shown for the keys of `rows` in their order, moving a row's element
    /// rather than rewriting its text (a model that became cheaper moves up); rows of keys
    /// no longer shown go to the end, to be reused or removed.
    fn reorder(&mut self, rows: &[crate::core::display::Row]) {
        let mut old: Vec<Option<RowDom>> = self.rows.drain(..).map(Some).collect();
        let mut ordered = Vec::with_capacity(old.len());
        for r in rows {
            let Some(at) = old
                .iter()
                .position(|o| o.as_ref().is_some_and(|o| o.key == r.key))
            else {
                continue;
            };
            let Some(row) = old[at].take() else {
                continue;
            };
            // In place when it already follows the row now before it; else moved there.
            let expected = ordered.last().map(|p: &RowDom| p.tr.clone());
            let actual = row.tr.previous_element_sibling();
            let in_place = match (&expected, &actual) {
                (None, None) => true,
                (Some(e), Some(a)) => {
                    AsRef::<wasm_bindgen::JsValue>::as_ref(e)
                        == AsRef::<wasm_bindgen::JsValue>::as_ref(a)
                }
                _ => false,
            };
            if !in_place {
                let before = expected.map_or_else(|| self.body.first_child(), |p| p.next_sibling());
                let _ = self.body.insert_before(&row.tr, before.as_ref());
            }
            ordered.push(row);
        }
        let kept = ordered.len();
        ordered.extend(old.into_iter().flatten());
        // The rows not shown any more follow, in their old order, after the kept ones.
        for row in &ordered[kept..] {
            let _ = self.body.append_child(&row.tr);
        }
        self.rows = ordered;
    }
}

/// A list of elements of one shape kept equal to a list of items: `build` makes the element
/// and its slots, `fill` writes an item's values through them.
struct ListDom<S> {
    doc: Option<Document>,
    parent: Element,
    items: Vec<(Element, S)>,
}

impl<S> ListDom<S> {
    fn new(parent: &Element) -> ListDom<S> {
        ListDom {
            doc: document(),
            parent: parent.clone(),
            items: Vec::new(),
        }
    }

    fn update<T>(
        &mut self,
        items: &[T],
        build: impl Fn(&Document, &Element) -> Option<(Element, S)>,
        mut fill: impl FnMut(&Element, &mut S, &T),
    ) {
        let Some(doc) = &self.doc else {
            return;
        };
        while self.items.len() > items.len() {
            if let Some((el, _)) = self.items.pop() {
                el.remove();
            }
        }
        for (i, item) in items.iter().enumerate() {
            if i == self.items.len() {
                let Some(made) = build(doc, &self.parent) else {
                    return;
                };
                self.items.push(made);
            }
            let (el, slots) = &mut self.items[i];
            fill(el, slots, item);
        }
    }
}

/// A `<ul class="bar-list">` kept equal to a list of [`Bar`]s.
pub struct BarsDom(ListDom<(TextSlot, Element, AttrSlot, AttrSlot, TextSlot)>);

impl BarsDom {
    /// Takes over `list` (an empty `<ul>`).
    pub fn new(list: &Element) -> BarsDom {
        BarsDom(ListDom::new(list))
    }

    /// Writes what differs from `bars`.
    pub fn update(&mut self, bars: &[Bar]) {
        self.0.update(
            bars,
            |doc, ul| {
                let li = element(doc, ul, "li")?;
                let label = element(doc, &li, "span")?;
                set(&label, "class", "bar-label");
                let track = element(doc, &li, "span")?;
                set(&track, "class", "bar-track");
                let fill = element(doc, &track, "span")?;
                let value = element(doc, &li, "span")?;
                set(&value, "class", "bar-value");
                let slots = (
                    TextSlot::new(doc, &label),
                    fill,
                    AttrSlot::new("class"),
                    AttrSlot::new("style"),
                    TextSlot::new(doc, &value),
                );
                Some((li, slots))
            },
            |_, (label, fill, class, style, value), bar| {
                label.set(&bar.label);
                class.set(fill, &format!("bar-fill {}", bar.class));
                style.set(fill, &bar.width);
                value.set(&bar.value);
            },
        );
    }
}

/// The segments of a stacked bar (`<span class style>` each) kept equal to a list.
pub struct SegmentsDom(ListDom<(AttrSlot, AttrSlot)>);

impl SegmentsDom {
    /// Takes over `bar` (an empty element).
    pub fn new(bar: &Element) -> SegmentsDom {
        SegmentsDom(ListDom::new(bar))
    }

    /// Writes what differs from `segments`.
    pub fn update(&mut self, segments: &[Segment]) {
        self.0.update(
            segments,
            |doc, bar| {
                Some((
                    element(doc, bar, "span")?,
                    (AttrSlot::new("class"), AttrSlot::new("style")),
                ))
            },
            |el, (class, style), s| {
                class.set(el, &s.class);
                style.set(el, &s.width);
            },
        );
    }
}

/// A list (`<ul>`) of plain text items kept equal to a list of strings.
pub struct LinesDom(ListDom<TextSlot>);

impl LinesDom {
    /// Takes over `list` (an empty `<ul>` or `<ol>`).
    pub fn new(list: &Element) -> LinesDom {
        LinesDom(ListDom::new(list))
    }

    /// Writes what differs from `lines`.
    pub fn update(&mut self, lines: &[String]) {
        self.0.update(
            lines,
            |doc, ul| {
                let li = element(doc, ul, "li")?;
                let text = TextSlot::new(doc, &li);
                Some((li, text))
            },
            |_, text, line| text.set(line),
        );
    }
}

/// A column chart's `<svg>` kept equal to its [`Columns`]: three grid lines with their
/// labels, the columns as one path, and the x labels.
pub struct ColumnsDom {
    ticks: Vec<(Element, Element, AttrSlot, AttrSlot, AttrSlot, TextSlot)>,
    path: Element,
    path_d: AttrSlot,
    labels: ListDom<(AttrSlot, TextSlot)>,
}

impl ColumnsDom {
    /// Takes over `svg` (an empty `<svg>` with its view box).
    pub fn new(svg: &Element, left: &str, right: &str, label_x: &str) -> Option<ColumnsDom> {
        let doc = document()?;
        let mut ticks = Vec::new();
        for _ in 0..3 {
            let line = svg_element(&doc, svg, "line")?;
            set(&line, "x1", left);
            set(&line, "x2", right);
            set(&line, "class", "grid");
            let label = svg_element(&doc, svg, "text")?;
            set(&label, "x", label_x);
            set(&label, "class", "axis");
            set(&label, "text-anchor", "end");
            let text = TextSlot::new(&doc, &label);
            ticks.push((
                line,
                label,
                AttrSlot::new("y1"),
                AttrSlot::new("y2"),
                AttrSlot::new("y"),
                text,
            ));
        }
        let path = svg_element(&doc, svg, "path")?;
        set(&path, "class", "column");
        let labels = svg_element(&doc, svg, "g")?;
        Some(ColumnsDom {
            ticks,
            path,
            path_d: AttrSlot::new("d"),
            labels: ListDom::new(&labels),
        })
    }

    /// Writes what differs from `c`.
    pub fn update(&mut self, c: &Columns, bottom: &str) {
        for ((line, label, y1, y2, y, text), tick) in self.ticks.iter_mut().zip(&c.ticks) {
            y1.set(line, &tick.y);
            y2.set(line, &tick.y);
            y.set(label, &tick.label_y);
            text.set(&tick.text);
        }
        self.path_d.set(&self.path, &c.path);
        self.labels.update(
            &c.labels,
            |doc, g| {
                let t = svg_element(doc, g, "text")?;
                set(&t, "y", bottom);
                set(&t, "class", "axis");
                set(&t, "text-anchor", "middle");
                let text = TextSlot::new(doc, &t);
                Some((t, (AttrSlot::new("x"), text)))
            },
            |el, (x, text), (lx, lt)| {
                x.set(el, lx);
                text.set(lt);
            },
        );
    }
}

/// A `<dl class="kpis">` kept equal to a list of [`Kpi`]s: a `<div>` each with its `<dt>`
/// and a `<dd>` (with its test id) holding the value and an optional `<small>`.
pub struct KpisDom {
    doc: Option<Document>,
    list: ListDom<(TextSlot, Element, AttrSlot, TextSlot, Extra)>,
}

impl KpisDom {
    /// Takes over `dl` (an empty `<dl>`).
    pub fn new(dl: &Element) -> KpisDom {
        KpisDom {
            doc: document(),
            list: ListDom::new(dl),
        }
    }

    /// Writes what differs from `kpis`.
    pub fn update(&mut self, kpis: &[Kpi]) {
        let Some(doc) = self.doc.clone() else {
            return;
        };
        self.list.update(
            kpis,
            |doc, dl| {
                let div = element(doc, dl, "div")?;
                let dt = element(doc, &div, "dt")?;
                let dd = element(doc, &div, "dd")?;
                let label = TextSlot::new(doc, &dt);
                let value = TextSlot::new(doc, &dd);
                Some((
                    div,
                    (
                        label,
                        dd,
                        AttrSlot::new("data-testid"),
                        value,
                        Extra::new("small"),
                    ),
                ))
            },
            |_, (label, dd, id, value, note), k| {
                label.set(&k.label);
                id.set(dd, k.test_id);
                value.set(&k.value);
                note.set(&doc, dd, None, "", &k.note);
            },
        );
    }
}

/// The Monte Carlo's ranges (`<ul class="range-list">`): a label, a P10–P90 bar and a
/// median mark per plan.
pub struct RangesDom(ListDom<(TextSlot, Element, AttrSlot, Element, AttrSlot)>);

impl RangesDom {
    /// Takes over `list` (an empty `<ul>`).
    pub fn new(list: &Element) -> RangesDom {
        RangesDom(ListDom::new(list))
    }

    /// Writes what differs from `ranges`.
    pub fn update(&mut self, ranges: &[Range]) {
        self.0.update(
            ranges,
            |doc, ul| {
                let li = element(doc, ul, "li")?;
                let label = element(doc, &li, "span")?;
                set(&label, "class", "range-label");
                let track = element(doc, &li, "span")?;
                set(&track, "class", "range-track");
                let bar = element(doc, &track, "span")?;
                set(&bar, "class", "range");
                let mid = element(doc, &track, "span")?;
                set(&mid, "class", "range-mid");
                let text = TextSlot::new(doc, &label);
                Some((
                    li,
                    (
                        text,
                        bar,
                        AttrSlot::new("style"),
                        mid,
                        AttrSlot::new("style"),
                    ),
                ))
            },
            |_, (text, bar, bar_style, mid, mid_style), r| {
                text.set(&r.label);
                bar_style.set(bar, &r.bar);
                mid_style.set(mid, &r.mid);
            },
        );
    }
}

/// A line and its label: the line with three attributes, the text with `N`, and its text.
type LineAndLabel<const N: usize> = (Element, [AttrSlot; 3], Element, [AttrSlot; N], TextSlot);

/// A chart (`<figure>` holding an `<svg>` and a `<figcaption class="legend">`) kept equal to
/// a [`Plot`]: grid lines, x labels, markers and paths, each a list that grows and shrinks
/// at its end, and the legend.
pub struct PlotDom {
    svg: Element,
    label: AttrSlot,
    grid: ListDom<LineAndLabel<2>>,
    x_labels: ListDom<([AttrSlot; 3], TextSlot)>,
    markers: ListDom<LineAndLabel<3>>,
    paths: ListDom<(AttrSlot, AttrSlot)>,
    legend: ListDom<(Element, AttrSlot, TextSlot)>,
}

impl PlotDom {
    /// Takes over `figure` (with an empty `<svg>` and an empty `<figcaption>` inside).
    pub fn new(figure: &Element) -> Option<PlotDom> {
        let doc = document()?;
        let svg = figure.query_selector("svg").ok().flatten()?;
        let legend = figure.query_selector("figcaption").ok().flatten()?;
        let group = |class: &str| {
            let g = svg_element(&doc, &svg, "g")?;
            set(&g, "class", class);
            Some(g)
        };
        Some(PlotDom {
            label: AttrSlot::new("aria-label"),
            grid: ListDom::new(&group("grid-lines")?),
            x_labels: ListDom::new(&group("x-labels")?),
            markers: ListDom::new(&group("markers")?),
            paths: ListDom::new(&group("paths")?),
            legend: ListDom::new(&legend),
            svg,
        })
    }

    /// Writes what differs from `p`.
    pub fn update(&mut self, p: &Plot) {
        self.label.set(&self.svg, &p.label);
        self.grid.update(
            &p.grid,
            |doc, g| {
                let line = svg_element(doc, g, "line")?;
                set(&line, "class", "grid");
                let text = svg_element(doc, g, "text")?;
                set(&text, "class", "axis");
                set(&text, "text-anchor", "end");
                let slot = TextSlot::new(doc, &text);
                Some((
                    line.clone(),
                    (
                        line,
                        [
                            AttrSlot::new("x1"),
                            AttrSlot::new("x2"),
                            AttrSlot::new("y1"),
                        ],
                        text,
                        [AttrSlot::new("x"), AttrSlot::new("y")],
                        slot,
                    ),
                ))
            },
            |_, (line, [x1, x2, y1], text, [x, y], slot), gl| {
                x1.set(line, &gl.x1);
                x2.set(line, &gl.x2);
                y1.set(line, &gl.y);
                set(line, "y2", &gl.y);
                x.set(text, &gl.label_x);
                y.set(text, &gl.label_y);
                slot.set(&gl.text);
            },
        );
        self.x_labels.update(
            &p.x_labels,
            |doc, g| {
                let text = svg_element(doc, g, "text")?;
                set(&text, "class", "axis");
                let slot = TextSlot::new(doc, &text);
                Some((
                    text,
                    (
                        [
                            AttrSlot::new("x"),
                            AttrSlot::new("y"),
                            AttrSlot::new("text-anchor"),
                        ],
                        slot,
                    ),
                ))
            },
            |el, ([x, y, anchor], slot), l| {
                x.set(el, &l.x);
                y.set(el, &l.y);
                anchor.set(el, l.anchor);
                slot.set(&l.text);
            },
        );
        self.markers.update(
            &p.markers,
            |doc, g| {
                let line = svg_element(doc, g, "line")?;
                set(&line, "class", "marker");
                let text = svg_element(doc, g, "text")?;
                set(&text, "class", "marker-label");
                let slot = TextSlot::new(doc, &text);
                Some((
                    line.clone(),
                    (
                        line,
                        [
                            AttrSlot::new("x1"),
                            AttrSlot::new("y1"),
                            AttrSlot::new("y2"),
                        ],
                        text,
                        [
                            AttrSlot::new("x"),
                            AttrSlot::new("y"),
                            AttrSlot::new("text-anchor"),
                        ],
                        slot,
                    ),
                ))
            },
            |_, (line, [x1, y1, y2], text, [x, y, anchor], slot), m| {
                x1.set(line, &m.x);
                set(line, "x2", &m.x);
                y1.set(line, &m.y1);
                y2.set(line, &m.y2);
                x.set(text, &m.label_x);
                y.set(text, &m.label_y);
                anchor.set(text, m.anchor);
                slot.set(&m.text);
            },
        );
        self.paths.update(
            &p.paths,
            |doc, g| {
                Some((
                    svg_element(doc, g, "path")?,
                    (AttrSlot::new("d"), AttrSlot::new("class")),
                ))
            },
            |el, (d, class), path| {
                d.set(el, &path.d);
                class.set(el, &path.class);
            },
        );
        self.legend.update(
            &p.legend,
            |doc, caption| {
                let item = element(doc, caption, "span")?;
                let swatch = element(doc, &item, "span")?;
                set(&swatch, "aria-hidden", "true");
                let text = TextSlot::new(doc, &item);
                Some((item, (swatch, AttrSlot::new("class"), text)))
            },
            |_, (swatch, class, text), (swatch_class, label)| {
                class.set(swatch, swatch_class);
                text.set(label);
            },
        );
    }
}
