// A decoder of share links written from docs/link-format.md alone, with nothing but Node's
// base64 decoder, its raw DEFLATE decoder and JSON.parse: it decodes every golden link
// (tests/golden/links.json, v1 and v2) and must reach the Scenario the calculator stores for
// it (tests/golden/link-scenarios.json). If the document and the code disagree, this fails.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";

const json = (path) => JSON.parse(readFileSync(path, "utf8"));
const links = json("tests/golden/links.json");
const stored = json("tests/golden/link-scenarios.json");
const frozen = { v1: json("src/scenario/defaults/v1.json"), v2: json("src/scenario/defaults/v2.json") };
const golden = (name, version) => links.find((e) => e.name === name && e.version === version);

// §1: the link is the fragment's first `&` part.
function linkOf(address) {
  const fragment = address.includes("#") ? address.slice(address.lastIndexOf("#") + 1) : address;
  return fragment.split("&")[0];
}

// §3: v1's LZ77.
function lz77(data) {
  const out = [];
  let i = 0;
  while (i < data.length) {
    const t = data[i++];
    if (t < 0x80) {
      if (i + t + 1 > data.length) throw new Error("damaged: literal run cut short");
      for (let k = 0; k <= t; k++) out.push(data[i + k]);
      i += t + 1;
    } else {
      if (i + 2 > data.length) throw new Error("damaged: match cut short");
      const d = data[i] + 256 * data[i + 1];
      i += 2;
      if (d < 1 || d > out.length) throw new Error("damaged: distance");
      for (let k = 0; k < t - 0x80 + 3; k++) out.push(out[out.length - d]);
    }
  }
  return Buffer.from(out);
}

// §2: version, base64url, decompression.
function payloadJson(link) {
  const dot = link.indexOf(".");
  const version = link.slice(0, dot);
  const bytes = Buffer.from(link.slice(dot + 1).replace(/=+$/, ""), "base64url");
  if (version === "v2") return { version, patch: JSON.parse(inflateRawSync(bytes).toString("utf8")) };
  if (version === "v1") return { version, patch: JSON.parse(lz77(bytes).toString("utf8")) };
  throw new Error(`unknown version ${version}`);
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

// §4: merge.
function merge(base, patch) {
  if (Array.isArray(base) && isObject(patch) && "#n" in patch) {
    const n = Number.isInteger(patch["#n"]) && patch["#n"] >= 0 ? patch["#n"] : base.length;
    const template = base.length ? base[0] : null;
    const result = [];
    for (let i = 0; i < n; i++) {
      let item = i < base.length ? base[i] : template;
      if (`#${i}` in patch) item = merge(item, patch[`#${i}`]);
      result.push(item);
    }
    return result;
  }
  if (Array.isArray(base) && Array.isArray(patch)) {
    const template = base.length ? base[0] : null;
    return patch.map((p, i) => merge(i < base.length ? base[i] : template, p));
  }
  if (isObject(base) && isObject(patch)) {
    const result = { ...base };
    for (const [k, v] of Object.entries(patch)) result[k] = k in base ? merge(base[k], v) : v;
    return result;
  }
  return patch;
}

// §4: `sent` is beside the scenario, removed before the merge.
function decode(address) {
  const { version, patch: { sent, ...patch } } = payloadJson(linkOf(address));
  return { scenario: merge(structuredClone(frozen[version]), patch), sent };
}

// §5: v1 wrote the names of choices in PascalCase, v2 in snake_case.
const V1_NAMES = {
  PerMonth: "per_month", PerDay: "per_day", FiveMinutes: "five_minutes", OneHour: "one_hour",
  Bf16: "bf16", Fp8: "fp8", Bits4: "bits4", SelfHost: "self_host", Generated: "generated",
  Series: "series", Flat: "flat", BusinessHours: "business_hours", DayNight: "day_night",
  Discount: "discount", Price: "price", NoUpfront: "no_upfront", Partial: "partial", AllUpfront: "all_upfront",
};
const CHOICES = new Set(["traffic_mode", "cache_ttl", "precision", "kv_precision", "source", "shape", "mode", "payment"]);
function toV2Names(v, key) {
  if (Array.isArray(v)) return v.map((x) => toV2Names(x));
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toV2Names(x, k)]));
  return CHOICES.has(key) && typeof v === "string" && v in V1_NAMES ? V1_NAMES[v] : v;
}

// §4: null and absent mean the same.
function withoutNulls(v) {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, withoutNulls(x)]));
  return v;
}

/** Paths of the leaves where a and b differ. */
function differences(a, b, at = "", out = []) {
  if (isObject(a) && isObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) differences(a[k], b[k], `${at}.${k}`, out);
  } else if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, i) => differences(x, b[i], `${at}[${i}]`, out));
  } else if (a !== b) {
    out.push({ at, decoded: a, stored: b });
  }
  return out;
}

test("every golden link decodes, by the document alone, to the Scenario the calculator stores", () => {
  assert.ok(links.length >= 16, "the golden links of v1 and v2");
  for (const { name, version, link } of links) {
    const entry = stored.find((e) => e.link === link);
    assert.ok(entry, `${name} ${version} has a stored Scenario`);
    const { inference_cost_scenario: _, ...expected } = entry.scenario;
    const { scenario, sent } = decode(`https://example.com/calc/#${link}&embed=summary`);
    const diffs = differences(withoutNulls(scenario), withoutNulls(expected));
    // Since v2 the page records what its sender saw: the catalog's edition and the bill.
    if (version === "v2") {
      assert.match(sent.catalog, /^\d{4}-\d{2}-\d{2}$/, name);
      if (name !== "clamped") assert.equal(sent.api, golden(name, version).report.spend.monthly_usd, name);
    } else {
      assert.equal(sent, undefined, name);
    }
    if (entry.notices.length === 0) {
      assert.deepEqual(diffs, [], `${name} ${version}`);
    } else {
      // §6: the calculator then brings numbers within bounds and names each one it changed;
      // the decoded JSON differs from the stored Scenario only there.
      assert.ok(diffs.length > 0 && diffs.length <= entry.notices.length, `${name}: ${JSON.stringify(diffs)}`);
      for (const d of diffs) assert.equal(typeof d.decoded, "number", `${name} ${d.at}: only numbers are clamped`);
    }
  }
});

test("the document's examples: the default link, and damaged links", () => {
  assert.deepEqual(decode("#v2.q64FAA").scenario, frozen.v2);
  assert.deepEqual(decode("#v1.AXt9").scenario, frozen.v1);
  // The two versions' defaults differ only in the names of choices.
  assert.deepEqual(toV2Names(frozen.v1), frozen.v2);
  assert.throws(() => decode("#v1.gAAA"), /damaged/);
  assert.throws(() => decode("#v2.AAAA"));
  assert.throws(() => decode("#v3.q64FAA"), /unknown version/);
});
