#!/usr/bin/env python3
"""Generates src/core/catalog_data.rs from data/llm_prices.csv, data/edition.txt
and data/llm_price_archive.csv.

    python3 scripts/gen-catalog.py [path/to/llm_prices.csv]

The edition (data/edition.txt) is the date of the whole data folder, API prices and GPU data
alike (data/edition.lock records the files it covers; the generators refuse a changed file under
an unchanged edition): links record it, and a link made with an older
edition shows what changed since. The archive keeps every price a refresh replaced and every
model a refresh removed (the same columns, after `until`, the last edition the row was current
in, and `retired`, yes when the model left the catalog then): old links' models keep their last
prices, marked retired, and the notice names the prices that moved.

The catalog is curated, not a copy: each row keeps its prices, context window, a short source
(the provider's pricing page and the price map it came through, with the key), the as-of date
and the first clause of its note. tests/catalog.rs checks the generated table against the CSV.
"""
import csv
import re
import subprocess
import sys
from pathlib import Path

from gen_common import lit, opt, rust_str, seal_edition

ROOT = Path(__file__).resolve().parent.parent
CSV = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data" / "llm_prices.csv"
OUT = ROOT / "src" / "core" / "catalog_data.rs"
ARCHIVE = ROOT / "data" / "llm_price_archive.csv"


def num(text):
    text = text.strip()
    return None if text == "" else float(text)


def slug(text):
    text = re.sub(r"\s*\(.*?\)\s*", " ", text).strip().lower()
    return re.sub(r"[^a-z0-9.]+", "-", text).strip("-")


def source(row):
    raw = row["source"]
    key = re.search(r"key=([^ ;]+)", raw)
    key = f" (key {key.group(1)})" if key else ""
    upstream = re.search(r"upstream=(\S+)", raw)
    if raw.startswith("litellm"):
        via = f"LiteLLM 1.109.1 price map{key}"
    elif raw.startswith("AgentOps-AI/tokencost"):
        via = f"tokencost's copy of the LiteLLM price map{key}"
    else:
        via = raw
    return f"{upstream.group(1)} via {via}" if upstream else via


def as_of(row):
    return row["as_of"].split(" ")[0]


def note(row):
    """The first clause of the CSV note, without research remarks or prices the table shows."""
    keep = []
    for part in row["notes"].split(" | ")[0].split("; "):
        part = part.strip()
        if (
            not part
            or "not in brief" in part
            or part.startswith("matches ")
            or re.fullmatch(r"1h cache write \$[\d.]+/MTok", part)
        ):
            continue
        part = part.replace("litellm deprecation_date", "deprecation date")
        part = part.replace("deprecation_date", "deprecation date")
        part = part.replace("retired from current litellm map", "retired from LiteLLM's current map")
        keep.append(part)
    text = "; ".join(keep)
    return text[:200]


def ratio(tier, standard):
    """A tier price as a ratio to the standard one (a user's override of the standard price
    carries into the tier); 0.0 when the tier has no price of its own for that kind."""
    if tier is None or standard is None or standard == 0:
        return 0.0
    return tier / standard


def raw_tier(r, name):
    """`[input, output, cache reads, cache writes, long-context cache reads]` ratios of a
    service tier, or all zeros."""
    inp, out = num(r[f"{name}_input_usd_per_mtok"]), num(r[f"{name}_output_usd_per_mtok"])
    if inp is None or out is None:
        return "[0.0; 5]"
    cells = [
        ratio(inp, num(r["input_usd_per_mtok"])) or 1.0,
        ratio(out, num(r["output_usd_per_mtok"])) or 1.0,
        ratio(num(r[f"{name}_cached_input_usd_per_mtok"]), num(r["cached_input_usd_per_mtok"])),
        ratio(num(r[f"{name}_cache_write_usd_per_mtok"]), num(r["cache_write_usd_per_mtok"])),
        ratio(num(r.get(f"{name}_long_cached_input_usd_per_mtok") or ""),
              num(r["long_cached_input_usd_per_mtok"])),
    ]
    return "[" + ", ".join(lit(c) for c in cells) + "]"


RULE_COLUMNS = [
    "flex_input_usd_per_mtok", "flex_output_usd_per_mtok", "flex_cached_input_usd_per_mtok",
    "flex_cache_write_usd_per_mtok", "priority_input_usd_per_mtok",
    "priority_output_usd_per_mtok", "priority_cached_input_usd_per_mtok",
    "priority_cache_write_usd_per_mtok", "cache_write_12h_usd_per_mtok",
    "batch_cached_input_usd_per_mtok", "flex_long_cached_input_usd_per_mtok",
    "priority_long_cached_input_usd_per_mtok", "batch_long_cached_input_usd_per_mtok",
    "residency_multiplier", "fast_multiplier",
]


def raw_rules(r):
    """`None`, or `Some(&RawRules { … })` when the row has a billing rule beyond the common ones
    (zeros stand for "none": the table stays small in the first load)."""
    if not any(num(r.get(c) or "") is not None for c in RULE_COLUMNS):
        return "None"
    zero = lambda v: lit(0.0 if v is None else v)
    return (
        "Some(&RawRules { flex: %s, priority: %s, cache_write_12h: %s, batch_cached_input: %s, batch_long_cached_input: %s, residency: %s, fast: %s })"
        % (raw_tier(r, "flex"), raw_tier(r, "priority"), zero(num(r["cache_write_12h_usd_per_mtok"])),
           zero(num(r["batch_cached_input_usd_per_mtok"])),
           zero(num(r.get("batch_long_cached_input_usd_per_mtok") or "")),
           zero(num(r["residency_multiplier"])), zero(num(r["fast_multiplier"])))
    )


def model_id(r):
    return f"{slug(r['provider'].strip())}/{slug(r['model'])}"


def raw_model(r, indent):
    """The RawModel literal of a CSV row."""
    threshold = num(r["long_context_threshold"])
    long = (
        "None"
        if threshold is None
        else "Some(RawLong { threshold: %s, input: %s, output: %s, cached_input: %s })"
        % (lit(threshold), lit(num(r["long_input_usd_per_mtok"])), lit(num(r["long_output_usd_per_mtok"])),
           opt(num(r["long_cached_input_usd_per_mtok"])))
    )
    pad = " " * indent
    return "\n".join([
        "RawModel {",
        f"{pad}    id: {rust_str(model_id(r))},",
        f"{pad}    provider: {rust_str(r['provider'].strip())},",
        f"{pad}    name: {rust_str(r['model'].strip())},",
        f"{pad}    input: {lit(num(r['input_usd_per_mtok']))},",
        f"{pad}    output: {lit(num(r['output_usd_per_mtok']))},",
        f"{pad}    cached_input: {opt(num(r['cached_input_usd_per_mtok']))},",
        f"{pad}    cache_write_5m: {opt(num(r['cache_write_usd_per_mtok']))},",
        f"{pad}    cache_write_1h: {opt(num(r['cache_write_1h_usd_per_mtok']))},",
        f"{pad}    batch_discount: {opt(num(r['batch_discount']))},",
        f"{pad}    context_window: {opt(num(r['context_window']))},",
        f"{pad}    long: {long},",
        f"{pad}    rules: {raw_rules(r)},",
        f"{pad}    source: {rust_str(source(r))},",
        f"{pad}    as_of: {rust_str(as_of(r))},",
        f"{pad}    note: {rust_str(note(r))},",
        f"{pad}}}",
    ])


def main():
    rows = list(csv.DictReader(CSV.open(encoding="utf-8")))
    edition = seal_edition(ROOT)
    archive = [r for r in csv.DictReader(ARCHIVE.open(encoding="utf-8"))]
    out = [
        "// @generated by scripts/gen-catalog.py from data/llm_prices.csv, data/edition.txt",
        "// and data/llm_price_archive.csv. Do not edit by hand.",
        "",
        "use super::catalog::{Archived, RawLong, RawModel, RawRules};",
        "",
        "/// The catalog's edition: the date its prices were read.",
        f"pub const EDITION: &str = {rust_str(edition)};",
        "",
        "/// The built-in API price list, one row per model and provider (tier ratios at full",
        "/// precision).",
        "#[allow(clippy::unreadable_literal)]",
        "pub(super) const MODELS: &[RawModel] = &[",
    ]
    ids = set()
    for r in rows:
        if model_id(r) in ids:
            sys.exit(f"duplicate id {model_id(r)}")
        ids.add(model_id(r))
        out.append("    " + raw_model(r, 4) + ",")
    out.append("];")
    out += [
        "",
        "/// Prices replaced by a refresh, and models removed by one (retired), oldest first.",
        "pub(super) const ARCHIVE: &[Archived] = &[",
    ]
    for r in archive:
        until = r["until"].strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", until) or until >= edition:
            sys.exit(f"{ARCHIVE}: until {until!r} must be a date before the edition {edition}")
        retired = r["retired"].strip().lower() in ("yes", "true", "1")
        if retired and model_id(r) in ids:
            sys.exit(f"{ARCHIVE}: {model_id(r)} is retired but still in the catalog")
        out.append(f"    Archived {{ until: {rust_str(until)}, retired: {'true' if retired else 'false'}, model: "
                   + raw_model(r, 4) + " },")
    out.append("];")
    text = "\n".join(out) + "\n"
    OUT.write_text(text, encoding="utf-8")
    subprocess.run(["rustfmt", "--edition", "2021", str(OUT)], check=True)
    print(f"wrote {len(rows)} models and {len(archive)} archived rows (edition {edition}) to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
