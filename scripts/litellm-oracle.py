#!/usr/bin/env python3
"""LiteLLM's own cost for each case of tests/fixtures/litellm/oracle_cases.json.

Writes tests/fixtures/litellm/oracle.json, which tests/litellm_oracle.rs compares with our
`inference-cost-cli price` on the same usage and the same price map. Run by hand (it is not
part of `make test`), from the repository root, with a LiteLLM of the fixture map's version:

    python3 -m venv /tmp/litellm-venv && /tmp/litellm-venv/bin/pip install litellm==1.109.1
    /tmp/litellm-venv/bin/python scripts/litellm-oracle.py

What it calls, per case (LiteLLM never fetches: LITELLM_LOCAL_MODEL_COST_MAP=True, and
`litellm.model_cost` is the fixture map, tests/fixtures/litellm/model_prices_and_context_window.json):

1. The provider's usage object becomes LiteLLM's `Usage` by the transformation LiteLLM's own
   provider handler applies to that wire format: `Usage(**usage)` (OpenAI Chat),
   `ResponseAPILoggingUtils.transform_response_api_usage_to_chat_usage` (OpenAI Responses),
   `AnthropicConfig().calculate_usage` (Anthropic Messages: cache reads, the 5-minute and 1-hour
   split, `service_tier`, `inference_geo`, `speed`), `VertexGeminiConfig._calculate_usage`
   (Gemini `usageMetadata`: cachedContentTokenCount, thoughtsTokenCount, toolUsePromptTokenCount).
2. Not batched: `litellm.completion_cost` on a `ModelResponse` carrying that usage, the response's
   `service_tier` (OpenAI) and `trafficType` (Gemini, in `_hidden_params` as LiteLLM's Gemini
   handler puts it), with the case's `service_tier`, `data_residency` (OpenAI's regional hosts)
   and `vertex_location` (Vertex AI regional endpoints).
   Batched: `litellm.cost_calculator.batch_cost_calculator`, what LiteLLM prices each line of a
   batch's output file with (litellm/batches/batch_utils.py, `_output_line_cost`).
"""

import datetime
import importlib.metadata
import json
import os
import sys
from pathlib import Path

os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"

import litellm  # noqa: E402
from litellm.cost_calculator import batch_cost_calculator  # noqa: E402
from litellm.llms.vertex_ai.gemini.vertex_and_google_ai_studio_gemini import (  # noqa: E402
    VertexGeminiConfig,
)
from litellm.responses.utils import ResponseAPILoggingUtils  # noqa: E402

HERE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "litellm"
VERSION = "1.109.1"


def usage_field(fmt, wire):
    """The usage object of a whole response (or the usage object itself)."""
    key = "usageMetadata" if fmt == "gemini_generate" else "usage"
    return wire.get(key, wire)


def litellm_usage(fmt, usage):
    if fmt == "openai_chat":
        return litellm.Usage(**usage)
    if fmt == "openai_responses":
        return ResponseAPILoggingUtils.transform_response_api_usage_to_chat_usage(usage)
    if fmt == "anthropic_messages":
        return litellm.AnthropicConfig().calculate_usage(usage_object=usage, reasoning_content=None)
    if fmt == "gemini_generate":
        return VertexGeminiConfig._calculate_usage(completion_response={"usageMetadata": usage})
    raise ValueError(f"unknown format {fmt}")


def cost(case):
    fmt, wire, args = case["format"], case["usage"], case["litellm"]
    usage = litellm_usage(fmt, usage_field(fmt, wire))
    provider = args["provider"]
    if args.get("batch"):
        prompt, completion = batch_cost_calculator(
            usage=usage,
            model=case["model"],
            custom_llm_provider=provider,
            data_residency=args.get("data_residency"),
            vertex_location=args.get("vertex_location"),
        )
        return prompt + completion
    extra = {}
    if fmt.startswith("openai") and "service_tier" in wire:
        extra["service_tier"] = wire["service_tier"]
    response = litellm.ModelResponse(model=case["model"], usage=usage, **extra)
    traffic = usage_field(fmt, wire).get("trafficType") if fmt == "gemini_generate" else None
    if traffic:  # as LiteLLM's Gemini handler keeps it (vertex_and_google_ai_studio_gemini.py)
        response._hidden_params.setdefault("provider_specific_fields", {})["traffic_type"] = traffic
    return litellm.completion_cost(
        completion_response=response,
        model=case["model"],
        custom_llm_provider=provider,
        service_tier=args.get("service_tier"),
        data_residency=args.get("data_residency"),
        vertex_location=args.get("vertex_location"),
    )


def main():
    installed = importlib.metadata.version("litellm")
    if installed != VERSION:
        print(f"warning: litellm {installed} installed, the fixture map is {VERSION}'s", file=sys.stderr)
    litellm.model_cost = json.loads((HERE / "model_prices_and_context_window.json").read_text())
    cases = json.loads((HERE / "oracle_cases.json").read_text())["cases"]
    usd = {c["id"]: cost(c) for c in cases}
    out = {
        "litellm_version": installed,
        "generated": datetime.date.today().isoformat(),
        "price_map": "tests/fixtures/litellm/model_prices_and_context_window.json",
        "usd": usd,
    }
    (HERE / "oracle.json").write_text(json.dumps(out, indent=2) + "\n")
    print(f"{len(usd)} cases priced by litellm {installed} -> {HERE / 'oracle.json'}")


if __name__ == "__main__":
    main()
