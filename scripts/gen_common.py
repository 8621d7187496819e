"""Rust literal helpers shared by the table generators (gen-catalog.py, gen-hardware.py)."""


def lit(v):
    """A Rust f64 literal; whole numbers get digit separators (clippy: unreadable_literal)."""
    if v is not None and v == int(v):
        return f"{int(v):_}.0"
    return repr(v)


def opt(v):
    """`None` or `Some(literal)`."""
    return "None" if v is None else f"Some({lit(v)})"


def rust_str(text):
    """A Rust string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# The files an edition covers, from the repository's root: every price, measurement and model
# architecture the evaluation reads. A change to any of them is a new edition (links record the
# edition and name what changed since).
EDITION_FILES = [
    "data/llm_prices.csv",
    "data/llm_price_archive.csv",
    "data/gpus.csv",
    "data/gpu_rental.csv",
    "data/throughput.csv",
    "src/core/open_models.rs",
]


def fnv1a64(data):
    """FNV-1a, 64 bits, of bytes (tests/catalog.rs computes the same)."""
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def seal_edition(root):
    """Checks that data/edition.txt moved if a data file did, then records the files' digests in
    data/edition.lock. Exits with a message when a file changed under an unchanged edition."""
    import re
    import sys

    data = root / "data"
    edition = (data / "edition.txt").read_text(encoding="utf-8").strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", edition):
        sys.exit(f"data/edition.txt: not a YYYY-MM-DD date: {edition!r}")
    digests = {name: fnv1a64((root / name).read_bytes()) for name in EDITION_FILES}
    lock = data / "edition.lock"
    if lock.exists():
        old_edition, old = None, {}
        for line in lock.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == "edition":
                old_edition = parts[1]
            elif len(parts) == 3 and parts[0] == "fnv1a64":
                old[parts[2]] = parts[1]
        changed = [n for n in EDITION_FILES if old.get(n) != digests[n]]
        if old_edition == edition and changed:
            sys.exit(
                f"{', '.join(changed)} changed but the edition is still {edition}: "
                "set the refresh's date in data/edition.txt (archive the replaced API prices "
                "first, data/README.md), then run the generators again"
            )
    lines = [
        "# The data files of this edition, FNV-1a 64 of their bytes. Written by scripts/gen-*.py;",
        "# tests/catalog.rs fails when a file no longer matches (a refresh needs a new edition).",
        f"edition {edition}",
    ]
    lines += [f"fnv1a64 {digests[n]} {n}" for n in EDITION_FILES]
    lock.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return edition
