//! The commitment calculator's inputs: the demand, the prices, the risks and the team.

use super::field::Choice;
use super::selfhost::{bound_number, bound_optional};
use super::stages::use_stages;
use super::state::{use_app_state, Refusable};
use crate::core::demand::parse_series;
use crate::core::format;
use crate::core::hardware;
use crate::scenario::commitment::{
    Commitment, DailyShape, DemandSource, Payment, RateMode, ONE_YEAR_DISCOUNT_PCT,
    SPOT_DISCOUNT_PCT, THREE_YEAR_DISCOUNT_PCT,
};
use crate::scenario::{CommitmentField, CommitmentOptional, TermField};
use leptos::prelude::*;

fn number(f: CommitmentField) -> impl IntoView {
    bound_number(
        format!("cm-{}", f.spec().key),
        f.spec(),
        "Commitment",
        move |s| f.get(&s.commitment),
        move |s, v| f.set(&mut s.commitment, v),
    )
}

fn optional(f: CommitmentOptional, placeholder: Signal<String>) -> impl IntoView {
    bound_optional(
        format!("cm-{}", f.spec().key),
        f.spec(),
        "Commitment",
        placeholder,
        move |s| f.get(&s.commitment),
        move |s, v| f.put(&mut s.commitment, v),
    )
}

fn options<T: Copy>(
    all: &[T],
    key: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| (key(*v).to_owned(), label(*v).to_owned()))
        .collect()
}

/// Where the demand comes from and its shape.
#[component]
pub fn DemandInputs() -> impl IntoView {
    let state = use_app_state();
    let source = Memo::new(move |_| state.scenario.with(|s| s.commitment.source));
    let shape =
        Signal::derive(move || state.scenario.with(|s| s.commitment.shape.key().to_owned()));
    let on_source = Callback::new(move |v: String| {
        if let Some(src) = DemandSource::from_key(&v) {
            state.scenario.update(|s| s.commitment.source = src);
        }
    });
    let on_shape = Callback::new(move |v: String| {
        if let Some(shape) = DailyShape::from_key(&v) {
            state.scenario.update(|s| s.commitment.shape = shape);
        }
    });
    view! {
        <section class="panel" aria-labelledby="cm-demand-title">
            <h2 id="cm-demand-title" class="section-title">"Demand"</h2>
            <p class="hint">"GPUs in use, hour by hour, over the next 36 months."</p>
            <Choice id="cm-source" label="Demand comes from"
                options=options(&DemandSource::ALL, DemandSource::key, DemandSource::label)
                selected=Signal::derive(move || source.get().key().to_owned()) on_change=on_source />
            {move || match source.get() {
                DemandSource::Generated => view! {
                    <div class="row two">
                        {number(CommitmentField::MeanGpus)}
                        {number(CommitmentField::PeakToMean)}
                    </div>
                }.into_any(),
                DemandSource::SelfHost => view! {
                    <p class="source">"The average load and the peak ÷ average of the self-hosting tab, in whole replicas at its planned utilization, for the API spend tab's traffic."</p>
                }.into_any(),
                DemandSource::Series => view! { <SeriesInput /> }.into_any(),
            }}
            <div class="row two">
                <Choice id="cm-shape" label="Daily shape"
                    options=options(&DailyShape::ALL, DailyShape::key, DailyShape::label)
                    selected=shape on_change=on_shape />
                {number(CommitmentField::Weekend)}
                {number(CommitmentField::Growth)}
            </div>
            <p class="source">"Weekends at 60% of weekdays and 16 GPUs at twice that at the peak are assumptions: replace them with your metrics, or paste an hourly series."</p>
        </section>
    }
}

/// What the series box shows: its text and what reading it said (hours read, or one line
/// per problem).
type SeriesView = (String, Result<usize, Vec<String>>);

/// Paste or upload an hourly series; every bad line is listed. The box shows the Scenario's
/// series until the user types, and keeps the typed text while the Scenario holds what it gave.
#[component]
fn SeriesInput() -> impl IntoView {
    let state = use_app_state();
    let series = Memo::new(move |_| state.scenario.with(|s| s.commitment.series.clone()));
    // The text typed or opened, what reading it said, and the series the Scenario held then.
    let typed = RwSignal::new(None::<(String, Result<usize, Vec<String>>, Vec<f64>)>);
    let shown = Memo::new(move |_| -> SeriesView {
        series.with(|current| {
            typed.with(|t| match t {
                Some((text, status, at)) if at == current => (text.clone(), status.clone()),
                _ => (
                    current
                        .iter()
                        .map(|v| format::editable(*v))
                        .collect::<Vec<_>>()
                        .join("\n"),
                    Ok(current.len()),
                ),
            })
        })
    });
    let apply = move |t: String| match parse_series(&t) {
        Ok(values) => {
            typed.set(Some((t, Ok(values.len()), values.clone())));
            state.scenario.update(|s| s.commitment.series = values);
        }
        Err(e) => {
            let mut lines = vec![e.to_string()];
            if let crate::core::demand::SeriesError::Lines(errors) = &e {
                lines.extend(errors.iter().take(20).map(ToString::to_string));
                if errors.len() > 20 {
                    lines.push(format!("…and {} more.", errors.len() - 20));
                }
            }
            typed.set(Some((t, Err(lines), series.get_untracked())));
        }
    };
    super::field::register(Refusable {
        label: Signal::stored("Commitment › Hourly series".to_owned()),
        refused: Signal::derive(move || {
            shown.with(|(text, status)| status.is_err() && !text.trim().is_empty())
        }),
    });
    let on_file = move |ev: leptos::ev::Event| {
        super::field::read_chosen_file(
            &ev,
            Callback::new(move |r: Result<String, String>| match r {
                Ok(t) => apply(t),
                Err(e) => typed.set(Some((String::new(), Err(vec![e]), series.get_untracked()))),
            }),
        );
    };
    view! {
        <div class="field">
            <label for="cm-series">"Hourly GPUs in use"</label>
            <textarea id="cm-series" data-testid="cm-series" rows="5" spellcheck="false"
                placeholder="One value per line, or timestamp,value:\n2026-01-05T00:00,12\n2026-01-05T01:00,11"
                aria-describedby="cm-series-status"
                prop:value=move || shown.with(|(text, _)| text.clone())
                on:input:target=move |ev| apply(ev.target().value())></textarea>
        </div>
        <div class="import-actions">
            <label class="btn file-btn">
                "Open a CSV file…"
                <input type="file" accept=".csv,.txt,text/csv,text/plain" data-testid="cm-series-file" on:change=on_file />
            </label>
        </div>
        <div id="cm-series-status" data-testid="cm-series-status" aria-live="polite">
            {move || match shown.with(|(_, status)| status.clone()) {
                Ok(0) => view! { <p class="hint">"Paste hourly values (a year is 8,760 lines) or open a CSV export of your GPU usage."</p> }.into_any(),
                Ok(n) => view! { <p class="hint">{format!("{} hours read.", format::number(n as f64, 0))}</p> }.into_any(),
                Err(lines) => view! {
                    <ul class="field-error series-errors">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                }.into_any(),
            }}
        </div>
    }
}

fn term_block(three: bool) -> impl IntoView {
    let state = use_app_state();
    let (prefix, name) = if three {
        ("cm-3y", "3-year")
    } else {
        ("cm-1y", "1-year")
    };
    let term = Memo::new(move |_| state.scenario.with(|s| s.commitment.term(three).clone()));
    let field = move |f: TermField| {
        bound_number(
            format!("{prefix}-{}", f.spec().key),
            f.spec(),
            &format!("Commitment › {name}"),
            move |s| f.get(s.commitment.term(three)),
            move |s, v| f.set(s.commitment.term_mut(three), v),
        )
    };
    let on_mode = Callback::new(move |v: String| {
        let mode = if v == "price" {
            RateMode::Price
        } else {
            RateMode::Discount
        };
        state
            .scenario
            .update(|s| s.commitment.term_mut(three).mode = mode);
    });
    let on_payment = Callback::new(move |v: String| {
        if let Some(p) = Payment::from_key(&v) {
            state
                .scenario
                .update(|s| s.commitment.term_mut(three).payment = p);
        }
    });
    let mode = Memo::new(move |_| term.with(|t| t.mode));
    let partial = Memo::new(move |_| term.with(|t| t.payment == Payment::Partial));
    view! {
        <h3 class="subhead">{format!("{name} reservation")}</h3>
        <div class="row two">
            <Choice id=format!("{prefix}-mode") label="Priced as"
                options=vec![("discount".to_owned(), "Discount".to_owned()), ("price".to_owned(), "Price".to_owned())]
                selected=Signal::derive(move || if mode.get() == RateMode::Price { "price" } else { "discount" }.to_owned()) on_change=on_mode />
            {move || if mode.get() == RateMode::Price { field(TermField::Price).into_any() } else { field(TermField::Discount).into_any() }}
            <Choice id=format!("{prefix}-payment") label="Payment"
                options=options(&Payment::ALL, Payment::key, Payment::label)
                selected=Signal::derive(move || term.with(|t| t.payment.key().to_owned())) on_change=on_payment />
            {move || partial.get().then(|| field(TermField::Upfront))}
        </div>
    }
}

/// On-demand, reserved and spot prices.
#[component]
pub fn PriceInputs() -> impl IntoView {
    let state = use_app_state();
    let stages = use_stages();
    let gpu = Memo::new(move |_| state.scenario.with(|s| s.selfhost.gpu.clone()));
    let on_demand_placeholder = move || {
        state.scenario.with(|s| {
            crate::core::selfhost::rental_price(&s.selfhost).map_or_else(
                || "enter a price".to_owned(),
                |p| {
                    format!(
                        "{} from self-hosting",
                        format::number(p.usd_per_gpu_hour, 2)
                    )
                },
            )
        })
    };
    let published = move || {
        gpu.with(|id| {
            let offers = hardware::reservations_for(id);
            (!offers.is_empty()).then(|| view! {
                <details class="more">
                    <summary>"Published reservations for this GPU"</summary>
                    <ul class="offer-list" data-testid="cm-offers">
                        {offers.into_iter().map(|(o, three)| {
                            let price = o.usd_per_gpu_hour;
                            view! {
                                <li>
                                    <span>{format!("{} {}: {} ${}/GPU-hour, {}, as of {}", o.provider, o.offering, if three { "3-year" } else { "1-year" }, format::number(price, 2), o.region, o.as_of)}</span>
                                    <button type="button" class="btn btn-small" aria-label=format!("Use {} {} as the {} price", o.provider, o.offering, if three { "3-year" } else { "1-year" })
                                        on:click=move |_| {
                                            state.scenario.update(|s| {
                                                let t = s.commitment.term_mut(three);
                                                t.mode = RateMode::Price;
                                                t.price = price;
                                            });
                                        }>"Use"</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </details>
            })
        })
    };
    let spot = Memo::new(move |_| state.scenario.with(|s| s.commitment.spot));
    view! {
        <section class="panel" aria-labelledby="cm-prices-title">
            <h2 id="cm-prices-title" class="section-title">"Prices"</h2>
            <p class="hint" data-testid="cm-gpu">{move || gpu.with(|g| format!("For the self-hosting GPU ({}); change it on the self-hosting tab.", hardware::gpu(g).map_or("custom GPU", |g| g.name)))}</p>
            {optional(CommitmentOptional::OnDemand, Signal::derive(on_demand_placeholder))}
            <p class="source" data-testid="cm-on-demand-source">{move || stages.commitment_view.with(|r| {
                r.as_ref().ok().map(|c| {
                    format!("{}/GPU-hour. {}", format::usd_or_dash(crate::core::units::Usd::new(c.on_demand)), c.on_demand_source)
                })
            })}</p>
            {term_block(false)}
            {term_block(true)}
            {published}
            {number(CommitmentField::DiscountRate)}
            <p class="source">{format!(
                "Discounts: the median of published reservations against the same provider's on-demand price in data/gpu_rental.csv (read 2026-09-17 to 2026-10-06): {ONE_YEAR_DISCOUNT_PCT}% for 1 year (6 offers: AWS, DigitalOcean, Civo), {THREE_YEAR_DISCOUNT_PCT}% for 3 years (6 offers: AWS, Google Cloud, Azure). Upfront payments are valued at 7% a year, an assumption."
            )}</p>
            <div class="check">
                <input type="checkbox" id="cm-spot" data-testid="cm-spot" prop:checked=move || spot.get()
                    on:change:target=move |ev| {
                        let on = ev.target().checked();
                        state.scenario.update(|s| s.commitment.spot = on);
                    } />
                <label for="cm-spot">"Run part of the uncommitted demand on spot"</label>
            </div>
            {move || spot.get().then(|| view! {
                <div class="row two">
                    {optional(CommitmentOptional::SpotPrice, Signal::stored(format!("{SPOT_DISCOUNT_PCT}% off on-demand")))}
                    {number(CommitmentField::SpotShare)}
                    {number(CommitmentField::SpotOverhead)}
                </div>
                <p class="source">{format!("Spot: the median discount of 14 published spot prices against the same provider's on-demand price is {SPOT_DISCOUNT_PCT}% (gpu_rental.csv, 2026-09 to 2026-10). Half of the demand tolerating interruption and 15% more GPU-hours for it are assumptions.")}</p>
            })}
        </section>
    }
}

fn yes_no(
    id: &'static str,
    question: &'static str,
    get: fn(&Commitment) -> bool,
    set: fn(&mut Commitment, bool),
) -> impl IntoView {
    let state = use_app_state();
    let value = Memo::new(move |_| state.scenario.with(|s| get(&s.commitment)));
    let radio = move |answer: bool| {
        let rid = format!("{id}-{}", if answer { "yes" } else { "no" });
        view! {
            <input type="radio" name=id id=rid.clone() data-testid=rid.clone() prop:checked=move || value.get() == answer
                on:change=move |_| state.scenario.update(|s| set(&mut s.commitment, answer)) />
            <label for=rid>{if answer { "Yes" } else { "No" }}</label>
        }
    };
    view! {
        <fieldset class="yes-no">
            <legend>{question}</legend>
            {radio(true)}
            {radio(false)}
        </fieldset>
    }
}

/// The risks to test and the three questions behind the recommendation.
#[component]
pub fn RiskInputs() -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="cm-risk-title">
            <h2 id="cm-risk-title" class="section-title">"Risks and your team"</h2>
            <div class="row two">
                {number(CommitmentField::DemandChange)}
                {number(CommitmentField::PriceDecline)}
                {number(CommitmentField::Uncertainty)}
                {number(CommitmentField::Draws)}
                {number(CommitmentField::Seed)}
            </div>
            <p class="source">"30% a year: \"hardware cost −30%/yr\" (Stanford HAI AI Index 2025, in data/price_decline.csv), the low end of the 30–50% cheaper inference the field expects within a year. ±30% demand and 25% uncertainty are assumptions."</p>
            {yes_no("cm-know", "Do you know your monthly volume?", |c| c.know_volume, |c, v| c.know_volume = v)}
            {yes_no("cm-predictable", "Is it predictable?", |c| c.predictable, |c, v| c.predictable = v)}
            {yes_no("cm-team", "Do you have a team to run GPUs?", |c| c.has_team, |c, v| c.has_team = v)}
        </section>
    }
}
