#!/usr/bin/env python3
"""Writes a large synthetic usage export, for measuring the import at scale (not a test
fixture): a year of daily buckets for MODELS models x KEYS API keys.

  python3 scripts/gen-usage-export.py openai  OUT.json [MODELS KEYS DAYS]   (OpenAI Usage API pages)
  python3 scripts/gen-usage-export.py csv     OUT.csv  [MODELS KEYS DAYS]   (the generic CSV)

The defaults, 50 models x 200 keys x 365 days, make 3,650,000 rows (about 1.4 GB of JSON or
330 MB of CSV). Model names cycle through real ids so that most are priced.
"""
import json
import sys

kind, out = sys.argv[1], sys.argv[2]
models_n, keys_n, days = (int(a) for a in (sys.argv[3:6] if len(sys.argv) >= 6 else (50, 200, 365)))
names = ["gpt-5-2025-08-07", "gpt-5-mini-2025-08-07", "gpt-5-nano-2025-08-07", "gpt-4.1-2025-04-14", "o3-2025-04-16"]
models = [names[i % len(names)] if i < len(names) else f"{names[i % len(names)]}-ft-{i}" for i in range(models_n)]
start = 1_735_689_600  # 2025-01-01T00:00:00Z
with open(out, "w") as f:
    if kind == "csv":
        f.write("date,model,api_key,requests,prompt_tokens,cached_tokens,cache_write_tokens,completion_tokens,reasoning_tokens\n")
    for d in range(days):
        t = start + d * 86_400
        if kind == "csv":
            from datetime import datetime, timezone
            date = datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%d")
            for m, model in enumerate(models):
                lines = []
                for k in range(keys_n):
                    n = 10 + (d * 7 + m * 13 + k * 3) % 90
                    lines.append(f"{date},{model},key_{k:04d},{n},{n * 1500},{n * 500},{n * 20},{n * 300},{n * 50}\n")
                f.write("".join(lines))
            continue
        # One page per bucket (a day), as fetched with limit=1 when buckets are this large.
        results = []
        for m, model in enumerate(models):
            for k in range(keys_n):
                n = 10 + (d * 7 + m * 13 + k * 3) % 90
                results.append({"object": "organization.usage.completions.result", "input_tokens": n * 1500,
                                "output_tokens": n * 300, "input_cached_tokens": n * 500,
                                "input_cache_write_tokens": n * 20, "num_model_requests": n,
                                "project_id": None, "user_id": None, "api_key_id": f"key_{k:04d}",
                                "model": model, "batch": None, "service_tier": None})
        page = {"object": "page", "data": [{"object": "bucket", "start_time": t, "end_time": t + 86_400, "results": results}],
                "has_more": d + 1 < days, "next_page": None}
        f.write(json.dumps(page, separators=(",", ":")) + "\n")
