#!/usr/bin/env python3
"""Recall of `yusuan audit` measured by mutation (docs/audit.md, "Measuring recall").

    python3 bench/recall.py [--yusuan BIN] [--shared DIR] [-n N] [--seed S] [-j JOBS] [-v]

Each budget text of SHARED/corpus/*.txt and SHARED/corpus/wide/*.txt (the
`pdftotext -layout` texts) is mutated N times per kind, one digit of one figure
each time, and every mutant is audited (`yusuan audit -f json`) under the
document's own file name. Kinds:

  narrative  a figure followed by 万元 or 元 on a line of prose; a hit is a new
             finding of severity error;
  table      a money figure in a table row; a hit is a new error or warning, or
             a new rounding finding whose residue exceeds the printed last digit.

A table row is a line whose cells (separated by runs of 2+ spaces) are at least
half figures; its leading bare integers and those before a name (classification
codes) are not money, nor any bare integer when the document prints decimals.
The changed digit is never the leading one and always becomes another digit.
A finding is new when its (rule, severity, table, row, column, got, want) is
not among the unmutated document's findings: no line or page, so the key does
not depend on where the figure sits, and a finding whose figures moved with
the mutation counts as the audit reacting to it.

Documents the audit refuses (exit 2: not a budget) are skipped and named.
Errors on the unmutated documents are listed, not judged. Deterministic for a
given seed: each document and kind draws from its own random.Random.
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor

FIGURE = r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
CELL_FIGURE = re.compile(r"^" + FIGURE + r"$")
BARE_INT = re.compile(r"^\d+$")
# a figure not inside a longer number, followed by 万元 or 元
NARR_FIGURE = re.compile(r"(?<![\d.,])(" + FIGURE + r")(?![\d,])\s*万?元")
# after 万元/元: a threshold (单价100万元（含）以上) or a rate (710元/人月), not an amount
NOT_AMOUNT = re.compile(r"(?:（含）)?以[上下]|/")
CELL = re.compile(r"\S+(?: \S+)*")  # a cell: text without a run of 2+ spaces


def cells(line):
    """(start, end, text) of each cell of a laid-out line."""
    return [(m.start(), m.end(), m.group()) for m in CELL.finditer(line)]


def is_table_row(cs):
    figs = sum(1 for _, _, t in cs if CELL_FIGURE.match(t))
    return len(cs) >= 2 and figs >= 1 and 2 * figs >= len(cs)


def mutable(fig):
    """Positions of the digits of fig after its leading digit."""
    pos = [i for i, c in enumerate(fig) if c.isdigit()]
    return pos[1:]


def candidates(lines, decimals):
    """(kind, line index, start, end) of every figure that may be mutated.

    decimals: the document's printed decimals (the baseline audit's); when
    money has decimals, a bare integer in a table is a code, a row or column
    number, never money."""
    out = []
    for li, line in enumerate(lines):
        cs = cells(line)
        if is_table_row(cs):
            leading = True
            for i, (s, e, t) in enumerate(cs):
                if BARE_INT.match(t) and (leading or (i + 1 < len(cs) and not CELL_FIGURE.match(cs[i + 1][2]))):
                    continue  # a classification code (leading, or before a name), not money
                leading = False
                if decimals and "." not in t:
                    continue
                if CELL_FIGURE.match(t) and mutable(t):
                    out.append(("table", li, s, e))
        elif len(cs) == 1:  # prose; other laid-out rows are tables of targets
            for m in NARR_FIGURE.finditer(line):
                if mutable(m.group(1)) and not NOT_AMOUNT.match(line, m.end()):
                    out.append(("narrative", li, m.start(1), m.end(1)))
    return out


CHANGE_WORD = re.compile(r"(?:增加|减少|增长|下降|多|少)[^，。；、]{0,4}$")


def miss_class(orig, new, line, start):
    """A rough class of a miss, for the summary."""
    a = int(re.sub(r"\D", "", orig))
    b = int(re.sub(r"\D", "", new))
    if a == 0:
        return "zero figure"
    if CHANGE_WORD.search(line[max(0, start - 12):start]):
        return "change against last year"
    if abs(a - b) * 1000 < a:
        return "change under 0.1%"
    return "other"


def mutate(fig, rng):
    i = rng.choice(mutable(fig))
    d = rng.choice([c for c in "0123456789" if c != fig[i]])
    return fig[:i] + d + fig[i + 1:]


def audit(yusuan, paths):
    """{path: (exit status, document object or None)} of one audit run."""
    p = subprocess.run([yusuan, "audit", "-f", "json"] + paths, capture_output=True, text=True)
    try:
        docs = json.loads(p.stdout) if p.stdout.strip() else []
    except ValueError:
        docs = []
    got = {d.get("document"): d for d in docs}
    return {q: (p.returncode, got.get(q)) for q in paths}


def key(f):
    return (f.get("rule"), f.get("severity"), f.get("table"), f.get("row"), f.get("column"),
            f.get("got"), f.get("want"))


def hit(kind, doc, base_keys):
    """The first new finding that counts as a hit for kind, or None."""
    last = doc.get("fen_per_figure", 1)
    for f in doc.get("findings", []):
        if key(f) in base_keys:
            continue
        sev = f.get("severity")
        if sev == "error":
            return f
        if kind == "table" and sev == "warning":
            return f
        if kind == "table" and sev == "rounding":
            unit = f.get("fen_per_figure", last)
            if abs((f.get("got") or 0) - (f.get("want") or 0)) * unit > last:
                return f
    return None


def names_mutant(doc, base_keys, line, new):
    """Whether a new finding stands on the mutated line or quotes the mutated figure."""
    fig = new.replace(",", "")
    return any(key(f) not in base_keys and (f.get("line") == line or fig in f.get("message", "").replace(",", ""))
               for f in doc.get("findings", []))


def run_document(job):
    path, yusuan, n, seed = job
    name = os.path.basename(path)
    with open(path, encoding="utf-8", errors="surrogateescape") as fh:
        text = fh.read()
    lines = text.split("\n")
    res = {"path": path, "name": name, "kinds": {}, "misses": [], "base_errors": [], "rules": {}, "near": 0}
    with tempfile.TemporaryDirectory(prefix="yusuan-recall-") as tmp:
        base_path = os.path.join(tmp, "base", name)
        os.makedirs(os.path.dirname(base_path))
        with open(base_path, "w", encoding="utf-8", errors="surrogateescape") as fh:
            fh.write(text)
        rc, base = audit(yusuan, [base_path])[base_path]
        if base is None:
            res["skipped"] = rc
            return res
        res["base_errors"] = [f for f in base.get("findings", []) if f.get("severity") == "error"]
        base_keys = {key(f) for f in base.get("findings", [])}
        cands = candidates(lines, base.get("decimals", 0))
        mutants = []
        for kind in ("narrative", "table"):
            pool = [c for c in cands if c[0] == kind]
            rng = random.Random("%s:%s:%s" % (seed, name, kind))
            picked = rng.sample(pool, min(n, len(pool)))
            picked.sort(key=lambda c: (c[1], c[2]))
            for _, li, s, e in picked:
                orig = lines[li][s:e]
                new = mutate(orig, rng)
                ml = list(lines)
                ml[li] = lines[li][:s] + new + lines[li][e:]
                mp = os.path.join(tmp, "m%d" % len(mutants), name)
                os.makedirs(os.path.dirname(mp))
                with open(mp, "w", encoding="utf-8", errors="surrogateescape") as fh:
                    fh.write("\n".join(ml))
                mutants.append((kind, li, s, orig, new, mp))
        out = {}
        for i in range(0, len(mutants), 50):
            out.update(audit(yusuan, [m[5] for m in mutants[i:i + 50]]))
        for kind in ("narrative", "table"):
            res["kinds"][kind] = [0, 0]
        for kind, li, s, orig, new, mp in mutants:
            rc, doc = out[mp]
            k = res["kinds"][kind]
            k[1] += 1
            f = hit(kind, doc, base_keys) if doc is not None else None
            if f is not None:
                k[0] += 1
                if names_mutant(doc, base_keys, li + 1, new):
                    res["near"] += 1
                rk = (kind, "%s %s" % (f.get("rule"), f.get("severity")))
                res["rules"][rk] = res["rules"].get(rk, 0) + 1
            else:
                why = "unread (exit %d)" % rc if doc is None else ""
                res["misses"].append((kind, li + 1, orig, new, lines[li].strip(), why,
                                      miss_class(orig, new, lines[li], s)))
    return res


def shorten(s, width=60):
    s = re.sub(r"\s{2,}", "  ", s)
    return s if len(s) <= width else s[:width - 1] + "…"


def pct(h, t):
    return "%d/%d (%d%%)" % (h, t, round(100.0 * h / t)) if t else "-"


def self_test():
    """The figure classes on synthetic lines (python3 bench/recall.py --self-test)."""
    lines = ["支出预算1,234.56万元，比上年增加12.3万元。",  # prose: two amounts
             "2010101  行政运行  1,234.56  1,000.00",  # row: the code is not money
             "30101  基本工资  301.79  30201  办公费  13.80",  # two-column row: codes inside
             "单价100万元（含）以上设备，补助710元/人月。",  # threshold and rate
             "成本指标  经济成本指标  ≤184.94 万元",  # a row of targets: neither kind
             "221  02  03  购房补贴  17,800,000  17,800,000",  # 元 row
             "二〇二六年  5 元"]  # one digit: nothing to change
    got = [(k, lines[li][s:e]) for k, li, s, e in candidates(lines, 2)]
    want = [("narrative", "1,234.56"), ("narrative", "12.3"), ("table", "1,234.56"), ("table", "1,000.00"),
            ("table", "301.79"), ("table", "13.80")]
    assert got == want, got
    got0 = [(k, lines[li][s:e]) for k, li, s, e in candidates(lines, 0) if li >= 2]
    assert got0 == [("table", "301.79"), ("table", "13.80"),
                    ("table", "17,800,000"), ("table", "17,800,000")], got0
    rng = random.Random("t")
    for fig in ("1,234.56", "10", "0.00"):
        m = mutate(fig, rng)
        assert len(m) == len(fig) and m[0] == fig[0] and sum(a != b for a, b in zip(m, fig)) == 1, (fig, m)
    doc = {"fen_per_figure": 100, "findings": [
        {"rule": "R", "severity": "rounding", "got": 10, "want": 11},
        {"rule": "R", "severity": "rounding", "got": 10, "want": 12}]}
    assert hit("narrative", doc, set()) is None
    assert hit("table", doc, set())["want"] == 12
    assert hit("table", doc, {key(f) for f in doc["findings"]}) is None
    print("recall self-test: ok")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description="recall of yusuan audit by one-digit mutation")
    ap.add_argument("--yusuan", default=os.path.join(here, "..", "build", "bin", "yusuan"))
    ap.add_argument("--shared", default=os.path.join(here, "..", "..", "shared"))
    ap.add_argument("-n", type=int, default=20, help="mutants per document and kind")
    ap.add_argument("--seed", default="1")
    ap.add_argument("-j", type=int, default=2, help="processes")
    ap.add_argument("-v", action="store_true", help="list the misses")
    ap.add_argument("--self-test", action="store_true", help="check the figure classes and exit")
    a = ap.parse_args()
    if a.self_test:
        self_test()
        return
    corpus = os.path.join(a.shared, "corpus")
    if not os.path.isdir(os.path.join(corpus, "wide")):
        sys.exit("recall: %s/wide not found (the corpus texts); set SHARED=DIR" % corpus)
    docs = sorted(os.path.join(corpus, f) for f in os.listdir(corpus) if f.endswith(".txt"))
    wide = os.path.join(corpus, "wide")
    docs += sorted(os.path.join(wide, f) for f in os.listdir(wide) if f.endswith(".txt"))
    yusuan = os.path.abspath(a.yusuan)
    if not os.access(yusuan, os.X_OK):
        sys.exit("recall: %s is not an executable (YUSUAN=)" % yusuan)
    jobs = [(d, yusuan, a.n, a.seed) for d in docs]
    with ProcessPoolExecutor(max_workers=a.j) as ex:
        results = list(ex.map(run_document, jobs))

    print("yusuan audit recall by one-digit mutation: N=%d per document and kind, seed %s" % (a.n, a.seed))
    w = max(len(r["name"]) for r in results)
    print("%-*s  %-14s  %-14s  %s" % (w, "document", "narrative", "table", "errors unmutated"))
    tot = {"narrative": [0, 0], "table": [0, 0]}
    skipped, nbase = [], 0
    for r in results:
        if "skipped" in r:
            skipped.append(r)
            continue
        for k in tot:
            tot[k][0] += r["kinds"][k][0]
            tot[k][1] += r["kinds"][k][1]
        nbase += len(r["base_errors"])
        print("%-*s  %-14s  %-14s  %d" % (w, r["name"], pct(*r["kinds"]["narrative"]),
                                         pct(*r["kinds"]["table"]), len(r["base_errors"])))
    ndoc = len(results) - len(skipped)
    print("%-*s  %-14s  %-14s  %d" % (w, "total (%d documents)" % ndoc, pct(*tot["narrative"]),
                                     pct(*tot["table"]), nbase))
    hits = tot["narrative"][0] + tot["table"][0]
    print("hits whose new findings stand on the mutated line or quote the mutated figure: %d of %d"
          % (sum(r["near"] for r in results), hits))
    for r in skipped:
        print("skipped (audit exit %d, not a budget): %s" % (r["skipped"], r["name"]))
    rules = {}
    for r in results:
        for (kind, rule), v in r["rules"].items():
            c = rules.setdefault(kind, {})
            c[rule] = c.get(rule, 0) + v
    for kind in ("narrative", "table"):
        c = rules.get(kind, {})
        print("%s hits by first new finding: %s" % (kind, ", ".join(
            "%s %d" % (k, v) for k, v in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))) or "none"))
    classes = {}
    for r in results:
        for m in r["misses"]:
            c = classes.setdefault(m[0], {})
            c[m[6]] = c.get(m[6], 0) + 1
    for kind in ("narrative", "table"):
        c = classes.get(kind, {})
        print("%s misses by class: %s" % (kind, ", ".join(
            "%s %d" % (k, v) for k, v in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))) or "none"))
    print()
    print("errors on the unmutated documents (listed, not judged): %d in %d documents"
          % (nbase, sum(1 for r in results if r["base_errors"])))
    for r in results:
        for f in r["base_errors"]:
            print("  %s:%s %s %s" % (r["name"], f.get("line", "-"), f.get("rule"), shorten(f.get("message", ""), 70)))
    if a.v:
        print()
        print("misses (file:line kind original -> mutated: line)")
        for r in results:
            for kind, ln, orig, new, line, why, cls in r["misses"]:
                print("  %s:%d %s %s -> %s [%s]%s: %s" % (r["name"], ln, kind, orig, new, cls,
                                                           " " + why if why else "", shorten(line)))


if __name__ == "__main__":
    main()
