#!/usr/bin/env python3
"""Generates src/core/hardware_data.rs from data/gpus.csv, gpu_rental.csv and throughput.csv.

    python3 scripts/gen-hardware.py [path/to/data]

GPUs: every row of gpus.csv. Usable memory is the measured nvidia-smi figure where the CSV has
one, otherwise the marketed figure read as GiB (the CSV says when it differs). A range of TDPs
or prices keeps the "typical" figure when one is named, else the upper end. No price means the
CSV has none: the page asks the user for one.
Offers: every row of gpu_rental.csv whose GPU is in the catalog (A100 40GB rows are not).
Measurements: throughput.csv rows with input and output lengths, a total output throughput,
and a model, GPU and precision the catalog knows: the rows the estimate can be compared with.
tests/hardware.rs checks the generated tables against the CSVs. The GPU data shares the API
prices' edition (data/edition.txt): a refresh of these files is a new edition, which the
generator enforces through data/edition.lock (gen_common.seal_edition).
"""
import csv
import re
import subprocess
import sys
from pathlib import Path

from gen_common import lit, opt, rust_str, seal_edition

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data"
OUT = ROOT / "src" / "core" / "hardware_data.rs"

GPU_IDS = {
    "H100 SXM": "h100-sxm",
    "H100 PCIe": "h100-pcie",
    "H100 NVL": "h100-nvl",
    "H200 SXM": "h200-sxm",
    "B200 (HGX B200)": "b200",
    "GB200 (per GPU, GB200 NVL72)": "gb200",
    "A100 80GB SXM": "a100-80gb",
    "L40S": "l40s",
    "L4": "l4",
    "MI300X": "mi300x",
    "MI325X": "mi325x",
}

# gpu_rental.csv and throughput.csv name GPUs their own way.
OFFER_GPU = {
    "H100 SXM 80GB": "h100-sxm",
    "H100 80GB": "h100-sxm",  # GCP a3 and DigitalOcean H100 are SXM parts
    "H100 PCIe 80GB": "h100-pcie",
    "H100 NVL 94GB": "h100-nvl",
    "H200 141GB": "h200-sxm",
    "B200": "b200",
    "GB200": "gb200",
    "A100 80GB": "a100-80gb",
    "A100 SXM 80GB": "a100-80gb",
    "L40S 48GB": "l40s",
    "L4 24GB": "l4",
}
MEASURED_GPU = {"H100 SXM": "h100-sxm", "H200": "h200-sxm", "B200": "b200", "GB200": "gb200"}
MEASURED_MODEL = {
    "Llama 3.1 8B": "llama-3.1-8b",
    "Llama 3.1 70B": "llama-3.1-70b",
    "Llama 3.3 70B": "llama-3.3-70b",
    "Llama 3.1 405B": "llama-3.1-405b",
    "Llama 4 Maverick": "llama-4-maverick",
    "Qwen3-235B-A22B": "qwen3-235b-a22b",
}
PRECISION = {"FP8": "Fp8", "FP4": "Bits4", "FP16": "Bf16", "BF16": "Bf16"}
KIND = {
    "on_demand": "OnDemand",
    "on_demand_community": "Community",
    "spot": "Spot",
    "reserved": "Reserved",
    "committed_use": "Reserved",
    "committed": "Reserved",
    "capacity_block": "CapacityBlock",
}


def first_number(text):
    m = re.search(r"[\d.]+", text.replace(",", ""))
    return float(m.group(0)) if m else None


def typical(text):
    """'25000-30000 (mid-2026 typical ~30000)' -> 30000; '350-400' -> 400; '~1200 (..)' -> 1200."""
    text = text.strip()
    if not text or text.startswith("n/a"):
        return None
    m = re.search(r"~\s*([\d,.]+)", text)
    if m:
        return float(m.group(1).replace(",", ""))
    m = re.match(r"([\d.]+)\s*-\s*([\d.]+)", text)
    if m:
        return float(m.group(2))
    return first_number(text)


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def short(text, limit=220):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def date(text):
    m = re.search(r"\d{4}(-\d{2}){0,2}", text)
    return m.group(0) if m else text.strip()


def gpus(out):
    out.append("/// The built-in GPUs (`gpus.csv`).")
    out.append("pub(super) const GPUS: &[CatalogGpu] = &[")
    for r in csv.DictReader((DATA / "gpus.csv").open(encoding="utf-8")):
        gid = GPU_IDS[r["gpu"]]
        name = re.sub(r"\s*\(.*?\)", "", r["gpu"]).strip()
        usable = first_number(r["memory_gib_usable"]) if r["memory_gib_usable"].strip() else None
        memory = usable if usable else first_number(r["memory_gb_marketed"])
        fp8 = typical(r["fp8_dense_tflops"])
        fp4 = typical(r["fp4_dense_tflops"])
        price = typical(r["purchase_price_usd"])
        out.append("    CatalogGpu {")
        out.append(f"        id: {rust_str(gid)},")
        out.append(f"        name: {rust_str(name)},")
        out.append(f"        vendor: {rust_str(r['vendor'])},")
        out.append("        spec: GpuSpec {")
        out.append(f"            memory_gib: {lit(memory)},")
        out.append(f"            bandwidth_tb_s: {lit(float(r['memory_bandwidth_tb_s']))},")
        out.append(f"            bf16_tflops: {lit(float(r['bf16_dense_tflops']))},")
        out.append(f"            fp8_tflops: {opt(fp8)},")
        out.append(f"            fp4_tflops: {opt(fp4)},")
        out.append(f"            power_w: {lit(typical(r['tdp_w']))},")
        out.append(f"            price_usd: {opt(price)},")
        out.append("        },")
        out.append(f"        measured_bandwidth_tb_s: {opt(typical(r['measured_copy_bw_tb_s']))},")
        out.append(f"        measured_bf16_tflops: {opt(typical(r['measured_bf16_matmul_tflops']))},")
        out.append(f"        source: {rust_str(short(r['spec_source']))},")
        out.append("    },")
    out.append("];")


def offers(out):
    out.append("/// GPU rental offers (`gpu_rental.csv`), per GPU-hour.")
    out.append("pub(super) const OFFERS: &[CatalogOffer] = &[")
    seen = set()
    for r in csv.DictReader((DATA / "gpu_rental.csv").open(encoding="utf-8")):
        gid = OFFER_GPU.get(r["gpu"])
        if gid is None:
            continue
        oid = slug(f"{r['provider']} {r['offering']} {gid} {r['pricing_type']} {r['term']}")
        if oid in seen:
            sys.exit(f"duplicate offer id {oid}")
        seen.add(oid)
        out.append("    CatalogOffer {")
        out.append(f"        id: {rust_str(oid)},")
        out.append(f"        provider: {rust_str(r['provider'])},")
        out.append(f"        offering: {rust_str(r['offering'])},")
        out.append(f"        gpu: {rust_str(gid)},")
        out.append(f"        gpus_per_unit: {int(r['gpus_per_unit'])},")
        out.append(f"        kind: OfferKind::{KIND[r['pricing_type']]},")
        out.append(f"        term: {rust_str(r['term'].strip())},")
        out.append(f"        usd_per_gpu_hour: {lit(float(r['usd_per_gpu_hour']))},")
        out.append(f"        region: {rust_str(r['region'])},")
        out.append(f"        source: {rust_str(r['source_url'].split(' ')[0])},")
        out.append(f"        as_of: {rust_str(date(r['as_of']))},")
        out.append("    },")
    out.append("];")


def measurements(out):
    out.append("/// Published throughput the estimate can be compared with (`throughput.csv`).")
    out.append("pub(super) const MEASUREMENTS: &[Measurement] = &[")
    n = 0
    for r in csv.DictReader((DATA / "throughput.csv").open(encoding="utf-8")):
        model = MEASURED_MODEL.get(r["model"])
        gpu = MEASURED_GPU.get(r["gpu"])
        precision = PRECISION.get(r["precision"].strip())
        if not (model and gpu and precision and r["input_len"] and r["output_len"] and r["output_tok_s_total"]):
            continue
        conc = r["concurrency_or_batch"].strip()
        concurrency = "None" if conc.startswith("unbounded") or not conc else f"Some({lit(float(conc))})"
        engine = f"{r['engine']} {r['engine_version'].split(' ')[0]}".strip()
        out.append("    Measurement {")
        out.append(f"        model: {rust_str(model)},")
        out.append(f"        gpu: {rust_str(gpu)},")
        out.append(f"        precision: Precision::{precision},")
        out.append(f"        gpus: {int(r['num_gpus'])},")
        out.append(f"        engine: {rust_str(engine)},")
        out.append(f"        input_tokens: {lit(float(r['input_len']))},")
        out.append(f"        output_tokens: {lit(float(r['output_len']))},")
        out.append(f"        concurrency: {concurrency},")
        out.append(f"        output_tokens_per_s: {lit(float(r['output_tok_s_total']))},")
        out.append(f"        source: {rust_str(short(r['source'].split(' @ ')[0], 120))},")
        out.append(f"        date: {rust_str(short(r['source_date'], 40))},")
        out.append("    },")
        n += 1
    out.append("];")
    return n


def main():
    if DATA.resolve() == (ROOT / "data").resolve():
        seal_edition(ROOT)
    out = [
        "// @generated by scripts/gen-hardware.py from data/{gpus,gpu_rental,throughput}.csv.",
        "// Do not edit by hand.",
        "#![allow(clippy::unreadable_literal)] // prices as the CSV writes them",
        "",
        "use super::hardware::{CatalogGpu, CatalogOffer, GpuSpec, Measurement, OfferKind, Precision};",
        "",
    ]
    gpus(out)
    out.append("")
    offers(out)
    out.append("")
    n = measurements(out)
    OUT.write_text("\n".join(out) + "\n", encoding="utf-8")
    subprocess.run(["rustfmt", "--edition", "2021", str(OUT)], check=True)
    print(f"wrote {OUT.relative_to(ROOT)} ({n} measurements)")


if __name__ == "__main__":
    main()
