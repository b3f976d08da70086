#!/usr/bin/env python3
"""Re-runs the SolrCloud experiments behind deploy/solrcloud/README.md against a running dev
cluster and checks every finding the Rust client relies on.

    scripts/solrcloud.sh start
    python3 deploy/solrcloud/experiments/verify.py [--transcript target/solrcloud/verify.md]
    scripts/solrcloud.sh stop

Standard library only. It (re)creates the collections warta_test (2 shards x 2 replicas,
ExactStatsCache), warta_local (same, LocalStatsCache) and warta_rf1 (2 shards x 1 replica), and
uses scripts/solrcloud.sh stop-node / start-node for the fault checks. It prints one line per check
and ends with "N passed, M failed"; the exit code is 1 if any check failed. The transcript has
every request (URL + body) and the interesting part of each response.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
SCRIPT = os.path.join(REPO, "scripts", "solrcloud.sh")

# ------------------------------------------------------------------ helpers

TRANSCRIPT = []
PASSED = 0
FAILED = 0


def note(text):
    TRANSCRIPT.append(text)


def check(name, ok, detail=""):
    global PASSED, FAILED
    if ok:
        PASSED += 1
    else:
        FAILED += 1
    line = ("ok   " if ok else "FAIL ") + name + (("  -- " + detail) if detail else "")
    print(line, flush=True)
    note("**%s** %s%s\n" % ("PASS" if ok else "FAIL", name, (" — " + detail) if detail else ""))


def http(method, url, body=None, ctype="application/json"):
    data = None
    headers = {}
    if body is not None:
        data = body if isinstance(body, bytes) else body.encode("utf-8")
        headers["Content-Type"] = ctype
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            status, raw = r.status, r.read()
    except urllib.error.HTTPError as e:
        status, raw = e.code, e.read()
    try:
        return status, json.loads(raw.decode("utf-8"))
    except ValueError:
        return status, {"_raw": raw.decode("utf-8", "replace")}


def show(label, method, url, body, status, resp, pick=None):
    note("#### %s\n" % label)
    note("```\n%s %s\n```\n" % (method, url))
    if body is not None:
        note("```json\n%s\n```\n" % (body if isinstance(body, str) else body.decode()))
    excerpt = pick(resp) if pick else resp
    note("HTTP %s →\n```json\n%s\n```\n" % (status, json.dumps(excerpt, indent=1, ensure_ascii=False)[:4000]))


class Solr:
    def __init__(self, base):
        self.base = base.rstrip("/")

    def get(self, path, params, label=None, pick=None, base=None):
        url = (base or self.base) + path + "?" + urllib.parse.urlencode(params, doseq=True)
        status, resp = http("GET", url)
        if label:
            show(label, "GET", url, None, status, resp, pick)
        return status, resp

    def post(self, path, body, label=None, pick=None, params=None):
        url = self.base + path + (("?" + urllib.parse.urlencode(params)) if params else "")
        text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
        status, resp = http("POST", url, text)
        if label:
            show(label, "POST", url, text, status, resp, pick)
        return status, resp


def pa(text, stack=None):
    """Warta-style pre-analysed JSON: lowercased words; stack adds terms at the same position."""
    stack = stack or {}
    toks = []
    for m in re.finditer(r"\w+", text):
        w = m.group(0).lower()
        toks.append({"t": w, "s": m.start(), "e": m.end(), "i": 1})
        for extra in stack.get(w, []):
            toks.append({"t": extra, "s": m.start(), "e": m.end(), "i": 0})
    return json.dumps({"v": "1", "str": text, "tokens": toks}, ensure_ascii=False,
                      separators=(",", ":"))


def qpa(*positions):
    """Query-side pre-analysed JSON. Each argument is one position: a term or a list of stacked
    terms. Offsets are not needed at query time."""
    toks = []
    for p in positions:
        terms = [p] if isinstance(p, str) else list(p)
        toks.append({"t": terms[0]})
        toks.extend({"t": t, "i": 0} for t in terms[1:])
    return json.dumps({"v": "1", "tokens": toks}, ensure_ascii=False, separators=(",", ":"))


def pq(resp):
    p = resp.get("debug", {}).get("parsedquery")
    return p[0] if isinstance(p, list) else p


def script(*args):
    out = subprocess.run([SCRIPT, *args], capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise RuntimeError("solrcloud.sh %s failed: %s %s" % (" ".join(args), out.stdout, out.stderr))
    return out.stdout.strip()


STACK = {"melanda": ["landa"], "dilanda": ["landa"], "floods": ["flood"]}


def doc(id, story, lang, source, date, title, body):
    d = {"id": id, "story": story, "lang": lang, "source": source,
         "source_display": source.title(), "url": "https://%s.example/%s" % (source, id),
         "path": "%s/%s.html" % (source, id), "hash": 1000 + len(id) * 7919,
         "title": pa(title, STACK), "body": pa(body, STACK)}
    if date:
        d["date"] = date
    return d


DOCS = [
    doc("s1!a1", "s1", "id", "kompas", "2024-01-15T08:00:00Z", "Banjir di Jakarta",
        "Banjir besar melanda Jakarta."),
    doc("s1!a2", "s1", "id", "detik", "2024-01-16T09:30:00Z", "Jakarta dilanda banjir",
        "Jakarta dilanda banjir besar hari ini."),
    # story s2 without a routing prefix: b1 hashes to shard1, b2 and b3 to shard2
    doc("b1", "s2", "en", "reuters", "2023-06-01T10:00:00Z", "Flood hits Jakarta",
        "A big flood hits Jakarta again."),
    doc("b2", "s2", "en", "bbc", "2023-06-02T11:00:00Z", "Jakarta floods worsen",
        "Jakarta floods worsen as rain continues."),
    doc("b3", "s2", "en", "reuters", "2023-06-20T12:00:00Z", "Jakarta flood update",
        "Flood water recedes in Jakarta."),
    doc("c1", "c1", "other", "antara", None, "Tanpa tanggal", "Dokumen tanpa tanggal tentang banjir."),
    doc("d1", "d1", "id", "antara", "2022-11-21T07:00:00Z", "Gempa bumi di Cianjur",
        "Gempa bumi mengguncang Cianjur."),
    doc("s3!c1", "s3", "en", "bbc", "2023-07-01T10:00:00Z", "Jakarta heat", "Heat wave in Jakarta."),
    doc("s3!c2", "s3", "en", "reuters", "2023-07-02T10:00:00Z", "Jakarta heat wave",
        "Jakarta heat wave continues."),
    doc("s3!c3", "s3", "en", "kompas", "2023-07-03T10:00:00Z", "Gelombang panas Jakarta",
        "Gelombang panas di Jakarta."),
]


# ------------------------------------------------------------------ experiments

def setup(s):
    note("## a. Collections\n")
    for name in ("warta_test", "warta_local", "warta_rf1"):
        s.get("/admin/collections", {"action": "DELETE", "name": name})
    st, r = s.get("/admin/collections",
                  {"action": "CREATE", "name": "warta_test", "collection.configName": "warta",
                   "numShards": 2, "replicationFactor": 2, "router.name": "compositeId",
                   "waitForFinalState": "true"},
                  label="CREATE warta_test (2 shards x 2 replicas)",
                  pick=lambda r: r.get("responseHeader"))
    check("a. CREATE warta_test", st == 200 and r["responseHeader"]["status"] == 0)
    st, r = s.get("/admin/collections",
                  {"action": "CREATE", "name": "warta_local", "collection.configName": "warta",
                   "numShards": 2, "replicationFactor": 2,
                   "property.warta.statsCache": "org.apache.solr.search.stats.LocalStatsCache",
                   "waitForFinalState": "true"},
                  label="CREATE warta_local (per-shard IDF via core property)",
                  pick=lambda r: r.get("responseHeader"))
    check("a. CREATE warta_local", st == 200)
    st, r = s.get("/admin/collections",
                  {"action": "CREATE", "name": "warta_rf1", "collection.configName": "warta",
                   "numShards": 2, "replicationFactor": 1, "waitForFinalState": "true"},
                  label="CREATE warta_rf1 (2 shards x 1 replica)",
                  pick=lambda r: r.get("responseHeader"))
    check("a. CREATE warta_rf1", st == 200)


def index(s):
    note("## b. Indexing pre-analysed documents\n")
    for c in ("warta_test", "warta_local", "warta_rf1"):
        st, r = s.post("/%s/update" % c, DOCS, params={"commit": "true"},
                       label=("POST /update (body = JSON array of docs)" if c == "warta_test" else None),
                       pick=lambda r: r.get("responseHeader"))
        check("b. index %d docs into %s" % (len(DOCS), c), st == 200 and r["responseHeader"]["status"] == 0)
    st, r = s.get("/warta_test/select", {"q": "id:\"s1!a1\"", "fl": "*,[shard]"},
                  label="stored fields come back as the plain \"str\" text",
                  pick=lambda r: r["response"]["docs"])
    d = r["response"]["docs"][0]
    check("b. stored title/body are the 'str' text",
          d["title"] == "Banjir di Jakarta" and d["body"] == "Banjir besar melanda Jakarta.")
    check("b. docValues-only source/hash returned (useDocValuesAsStored)", "source" in d and "hash" in d)

    st, r = s.post("/warta_test/update", [{"id": "x1", "foo": "bar"}], params={"commit": "true"},
                   label="unknown field is rejected", pick=lambda r: r.get("error", {}).get("msg"))
    check("b. unknown field -> HTTP 400", st == 400 and "unknown field 'foo'" in json.dumps(r))
    st, r = s.post("/warta_test/update", [{"id": "x2", "body": "plain text, not JSON"}],
                   params={"commit": "true"},
                   label="HAZARD: a body that is not pre-analysed JSON is silently dropped",
                   pick=lambda r: r.get("responseHeader"))
    st2, g = s.get("/warta_test/get", {"id": "x2"})
    check("b. malformed pre-analysed value: HTTP 200, doc indexed WITHOUT the field",
          st == 200 and g.get("doc") is not None and "body" not in g["doc"])
    bad_first = json.dumps({"v": "1", "str": "abc", "tokens": [{"t": "abc", "i": 0}]})
    st, r = s.post("/warta_test/update", [{"id": "x3", "body": bad_first}], params={"commit": "true"},
                   label="first token with i=0 is an error",
                   pick=lambda r: r.get("error", {}).get("msg"))
    check("b. first token i=0 -> HTTP 400 'first position increment must be > 0'",
          st == 400 and "first position increment must be > 0" in json.dumps(r))
    s.post("/warta_test/update", {"delete": {"query": "id:x*"}}, params={"commit": "true"})


def query_types(s):
    note("## c. Pre-analysed query leaves\n")
    dbg = {"fl": "id,score", "debugQuery": "true", "rows": 10}

    def sel(label, q, **extra):
        return s.get("/warta_test/select", dict(dbg, q=q, **extra), label=label,
                     pick=lambda r: {"numFound": r["response"]["numFound"], "docs": r["response"]["docs"],
                                     "parsedquery": pq(r)})

    st, r = sel("(i) one token via {!field}", "{!field f=body}" + qpa("banjir"))
    check("c(i) one token -> TermQuery", pq(r) == "body:banjir", pq(r))
    st, r = sel("(i') one token via {!term} (no JSON needed)", "{!term f=body}banjir")
    check("c(i') {!term f=body}banjir -> TermQuery", pq(r) == "body:banjir", pq(r))
    st, r = sel("(ii) stacked tokens", "{!field f=body}" + qpa(["landa", "melanda", "dilanda"]))
    check("c(ii) stacked -> SynonymQuery", pq(r).startswith("SynonymQuery(Synonym("), pq(r))
    expl = json.dumps(r["debug"]["explain"])
    check("c(ii) SynonymQuery scores summed freq, df = max", "termFreq=2.0" in expl and "2 = n" in expl)
    st, r = sel("(ii') stacked terms in disjoint docs of one shard: df = max, not union",
                "{!field f=body}" + qpa(["banjir", "heat"]))
    e = r["debug"]["explain"].get("s3!c1", "")
    check("c(ii') SynonymQuery df = max(df) (banjir 3, heat 2 -> n=3)", "3 = n, number of documents" in e)
    st, r = sel("(ii'') a stacked term absent from a shard adds nothing to that shard's df",
                "{!field f=body}" + qpa(["banjir", "gempa"]))
    e = r["debug"]["explain"].get("d1", "")
    check("c(ii'') d1's shard has no 'banjir': n=1 there even with ExactStatsCache (global max is 3)",
          "1 = n, number of documents" in e)
    st, r = sel("(iii) consecutive tokens", "{!field f=body}" + qpa("banjir", "besar"))
    check("c(iii) consecutive -> PhraseQuery", pq(r) == 'PhraseQuery(body:"banjir besar")', pq(r))
    st, r = sel("(iii') consecutive + stacked", "{!field f=body}" + qpa("jakarta", ["dilanda", "landa"], "banjir"))
    check("c(iii') consecutive+stacked -> MultiPhraseQuery", pq(r).startswith("MultiPhraseQuery("), pq(r))
    st, r = sel("(iii'') sloppy phrase via lucene syntax (JSON escaped inside quotes)",
                'body:"%s"~2' % qpa("jakarta", "banjir").replace("\\", "\\\\").replace('"', '\\"'))
    check("c(iii'') body:\"<escaped json>\"~2 -> sloppy PhraseQuery", pq(r) == 'PhraseQuery(body:"jakarta banjir"~2)', pq(r))

    # (iv) JSON Request API + JSON Query DSL
    body = {
        "query": {"bool": {
            "must": [{"field": {"f": "body", "query": qpa("jakarta")}}],
            "should": [
                {"field": {"f": "body", "query": qpa("banjir")}},
                {"boost": {"b": 0.25, "query": {"field": {"f": "title", "query": qpa(["landa", "dilanda"])}}}},
                {"bool": {"should": [
                    {"field": {"f": "body", "query": qpa(["flood", "floods"])}},
                    {"field": {"f": "title", "query": qpa("flood", "hits")}}], "mm": 1}}],
            "must_not": [{"term": {"f": "lang", "query": "other"}}]}},
        "filter": [{"terms": {"f": "source", "query": "reuters,kompas,bbc,detik"}},
                   "date:[2023-01-01T00:00:00Z TO *]"],
        "fields": "id,score", "limit": 10, "params": {"debugQuery": "true"}}
    st, r = s.post("/warta_test/query", body, label="(iv) JSON Request API, nested bool + boost + mm",
                   pick=lambda r: {"numFound": r["response"]["numFound"], "docs": r["response"]["docs"],
                                   "parsedquery": pq(r),
                                   "filters": r["debug"].get("parsed_filter_queries")})
    p = pq(r) or ""
    check("c(iv) JSON DSL bool tree parses", st == 200 and "+body:jakarta" in p and "-lang:other" in p
          and "scored by boost(const(0.25))" in p and ")~1" in p, p)
    # lucene syntax + $param references: real BoostQuery
    st, r = s.get("/warta_test/select", dict(dbg, q="+{!field f=body v=$qa} ({!field f=title v=$qb})^0.25 {!field f=body v=$qc}",
                                               qa=qpa("jakarta"), qb=qpa(["landa", "dilanda"]), qc=qpa("banjir")),
                  label="(iv') lucene syntax with nested {!field ... v=$param} and ^boost",
                  pick=lambda r: {"docs": r["response"]["docs"], "parsedquery": pq(r)})
    check("c(iv') ({!field f=title v=$qb})^0.25 -> BoostQuery", "SynonymQuery(Synonym(title:dilanda title:landa))^0.25" in pq(r), pq(r))
    st, r = s.get("/warta_test/select", dict(dbg, q="{!bool must=$m should=$s1 should=$s2 mm=1}",
                                               m="{!field f=body v=$qa}", s1="{!field f=title v=$qb}",
                                               s2="{!field f=body v=$qc}", qa=qpa("jakarta"),
                                               qb=qpa(["landa", "dilanda"]), qc=qpa("banjir")),
                  label="(iv'') {!bool} parser with $params", pick=lambda r: {"parsedquery": pq(r)})
    check("c(iv'') {!bool ... mm=1}", st == 200 and ")~1" in (pq(r) or ""), pq(r))
    st, r = s.post("/warta_test/query", {"query": {"bool": {"should": [{"term": {"f": "body", "query": "banjir"}}], "mm": "50%"}}})
    check("c(iv) bool mm must be an integer ('50%' -> error)", st >= 400)
    st, r = s.get("/warta_test/select", dict(dbg, q="{!edismax qf=body v=$qc}", qc=qpa("banjir")),
                  label="edismax cannot take pre-analysed JSON", pick=lambda r: {"parsedquery": pq(r)})
    check("c edismax + JSON -> empty query +()", pq(r) == "+()", pq(r))

    # malformed query leaves: silently match nothing, and poison a pooled analyzer
    st, r = s.get("/warta_test/select", {"q": "{!field f=body}banjir", "rows": 0},
                  label="HAZARD: plain text to {!field f=body} matches nothing, no error",
                  pick=lambda r: r["response"]["numFound"])
    check("c malformed query leaf -> 0 hits, HTTP 200", st == 200 and r["response"]["numFound"] == 0)
    urls = script("urls").split()
    fails = 0
    for i in range(40):
        for u in urls:
            st, r = s.get("/warta_test/select", {"q": "{!field f=body}" + qpa("banjir"), "rows": 0}, base=u)
            if st != 200:
                fails += 1
    note("After one malformed query leaf, %d of %d valid queries failed with HTTP 500 "
         "'Error analyzing query text' (the parse exception stays in the thread's reused "
         "PreAnalyzed tokenizer and is thrown by the next query that uses it).\n" % (fails, 40 * len(urls)))
    check("c poisoning observed after a malformed query leaf (informational)", True,
          "%d valid queries failed afterwards" % fails)


def facets(s):
    note("## d. Filters and JSON facets\n")
    body = {
        "query": {"field": {"f": "body", "query": qpa("jakarta")}},
        "filter": [{"#lang": {"terms": {"f": "lang", "query": "id,en"}}},
                   "date:[2023-01-01T00:00:00Z TO 2025-01-01T00:00:00Z}"],
        "fields": "id,lang,source,date,story", "limit": 3,
        "facet": {
            "lang": {"type": "terms", "field": "lang", "limit": 10, "mincount": 1,
                     "domain": {"excludeTags": "lang"}},
            "source": {"type": "terms", "field": "source", "limit": 5, "mincount": 1, "missing": True,
                       "numBuckets": True, "facet": {"stories": "unique(story)"}},
            "years": {"type": "range", "field": "date", "start": "2020-01-01T00:00:00Z",
                      "end": "2026-01-01T00:00:00Z", "gap": "+1YEAR", "other": "all"},
            "months": {"type": "range", "field": "date", "start": "2023-01-01T00:00:00Z",
                       "end": "2024-03-01T00:00:00Z", "gap": "+1MONTH", "mincount": 1,
                       "other": ["before", "after"]},
            "weeks": {"type": "range", "field": "date", "start": "2023-05-29T00:00:00Z",
                      "end": "2023-07-10T00:00:00Z", "gap": "+7DAYS", "mincount": 1},
            "days_wib": {"type": "range", "field": "date", "start": "2024-01-14T17:00:00Z",
                         "end": "2024-01-16T17:00:00Z", "gap": "+1DAY"},
            "stories": "unique(story)", "stories_hll": "hll(story)",
            "undated": {"type": "query", "q": "-date:[* TO *]"},
            "newest": "max(date)"}}
    st, r = s.post("/warta_test/query", body, label="filters + facets",
                   pick=lambda r: {"numFound": r["response"]["numFound"], "facets": r["facets"]})
    f = r.get("facets", {})
    check("d. terms facet lang", {b["val"]: b["count"] for b in f["lang"]["buckets"]} == {"en": 6, "id": 2}, json.dumps(f.get("lang")))
    check("d. range facet by year", [b["count"] for b in f["years"]["buckets"]] == [0, 0, 0, 6, 2, 0], json.dumps(f.get("years")))
    check("d. unique(story)", f["stories"] == 3, str(f.get("stories")))
    st, r = s.post("/warta_test/query", {"query": "*:*", "limit": 0, "facet": {
        "undated": {"type": "query", "q": "-date:[* TO *]"},
        "years": {"type": "range", "field": "date", "start": "2023-01-01T00:00:00Z",
                  "end": "2025-01-01T00:00:00Z", "gap": "+1YEAR", "other": ["before", "after"]}}},
        label="missing dates: a query facet (range facets never count them)",
        pick=lambda r: r["facets"])
    check("d. undated count via query facet", r["facets"]["undated"]["count"] == 1)
    st, r = s.post("/warta_test/query", {"query": "*:*", "limit": 0, "facet": {
        "w": {"type": "range", "field": "date", "start": "2023-05-29T00:00:00Z",
              "end": "2023-06-12T00:00:00Z", "gap": "+1WEEK"}}})
    check("d. gap +1WEEK is not supported (use +7DAYS)", st >= 400)


def collapse(s):
    note("## e. Collapse and grouping across shards\n")
    st, r = s.get("/warta_test/select", {"q": "*:*", "fl": "id,story,[shard]", "rows": 20, "sort": "id asc"},
                  label="placement", pick=lambda r: ["%s story=%s %s" % (d["id"], d["story"], d["[shard]"]) for d in r["response"]["docs"]])
    place = {d["id"]: d["[shard]"] for d in r["response"]["docs"]}
    check("e. story s2 spans both shards, s1 and s3 (story! prefix) each on one shard",
          len({place["b1"], place["b2"], place["b3"]}) == 2 and place["s1!a1"] == place["s1!a2"]
          and len({place["s3!c1"], place["s3!c2"], place["s3!c3"]}) == 1)
    q = "{!field f=body}" + qpa("jakarta")
    st, r = s.get("/warta_test/select", {"q": q, "fq": "{!collapse field=story}", "expand": "true",
                                         "expand.rows": 5, "fl": "id,story,[shard],score", "rows": 10},
                  label="collapse + expand",
                  pick=lambda r: {"numFound": r["response"]["numFound"], "docs": r["response"]["docs"],
                                  "expanded": {k: [d["id"] for d in v["docs"]] for k, v in r["expanded"].items()}})
    heads = [d["story"] for d in r["response"]["docs"]]
    check("e. collapse: split story s2 appears twice (one head per shard)", heads.count("s2") == 2 and heads.count("s1") == 1 and heads.count("s3") == 1, str(heads))
    st, r = s.get("/warta_test/select", {"q": q, "group": "true", "group.field": "story", "group.ngroups": "true",
                                         "group.limit": 3, "fl": "id,[shard],score"},
                  label="grouping", pick=lambda r: r["grouped"])
    g = r["grouped"]["story"]
    check("e. grouping: groups merged across shards, but ngroups overcounts (4 for 3 stories)",
          g["ngroups"] == 4 and len(g["groups"]) == 3, "ngroups=%s groups=%d" % (g["ngroups"], len(g["groups"])))
    b1_group = [d["score"] for grp in g["groups"] for d in grp["doclist"]["docs"] if d["id"] == "b1"][0]
    st, r = s.get("/warta_test/select", {"q": q, "fq": "id:b1", "fl": "id,score"})
    b1_select = r["response"]["docs"][0]["score"]
    check("e. grouping scores ignore ExactStatsCache (per-shard IDF)", abs(b1_group - b1_select) > 1e-4,
          "b1 grouped=%s select=%s" % (b1_group, b1_select))
    st, r = s.post("/warta_test/query", {"query": {"field": {"f": "body", "query": qpa("jakarta")}}, "limit": 0,
                                         "facet": {"stories": "unique(story)", "top": {"type": "terms", "field": "story",
                                                   "limit": 10, "refine": True, "sort": "best desc",
                                                   "facet": {"best": "max(query($q))"}}}},
                   label="stories ranked by best hit through a terms facet (exact across shards)",
                   pick=lambda r: r["facets"])
    check("e. terms facet on story is exact across shards", r["facets"]["stories"] == 3 and len(r["facets"]["top"]["buckets"]) == 3)


def tolerant(s):
    note("## f. shards.tolerant with a node down\n")
    out = script("stop-node", "2")
    note("```\nscripts/solrcloud.sh stop-node 2\n%s\n```\n" % out)
    base = script("live-url")
    p = {"q": "*:*", "rows": 0, "shards.tolerant": "true"}
    st, r = s.get("/warta_test/select", p, base=base, label="RF2, node 2 down, shards.tolerant=true",
                  pick=lambda r: {"responseHeader": {k: v for k, v in r["responseHeader"].items() if k != "params"}, "numFound": r["response"]["numFound"]})
    check("f. RF2 + node down: complete, no partialResults", st == 200 and "partialResults" not in r["responseHeader"] and r["response"]["numFound"] == len(DOCS))
    st, r = s.get("/warta_rf1/select", p, base=base, label="RF1, node 2 down, shards.tolerant=true",
                  pick=lambda r: {"responseHeader": {k: v for k, v in r["responseHeader"].items() if k != "params"}, "numFound": r["response"]["numFound"]})
    check("f. RF1 + node down + tolerant: partialResults=true", st == 200 and r["responseHeader"].get("partialResults") is True)
    st, r = s.get("/warta_rf1/select", {"q": "*:*", "rows": 0}, base=base, label="RF1, node 2 down, not tolerant",
                  pick=lambda r: r.get("error"))
    check("f. RF1 + node down, not tolerant: HTTP 503", st == 503, str(st))
    st, r = s.post("/warta_test/update", [doc("s9!z1", "s9", "id", "tempo", "2024-02-01T00:00:00Z", "Saat node mati", "Diindeks saat node mati.")],
                   params={"commit": "true"}, label="RF2 indexing while a node is down", pick=lambda r: r["responseHeader"])
    check("f. RF2 update with a node down succeeds, responseHeader.rf=1", st == 200 and r["responseHeader"].get("rf") == 1)
    out = script("start-node", "2")
    note("```\nscripts/solrcloud.sh start-node 2\n%s\n```\n" % out)
    check("f. start-node 2: replicas active again", '"replicasActive":true' in out)
    counts = {}
    for u in script("urls").split():
        st, cores = s.get("/admin/cores", {"action": "STATUS", "indexInfo": "false"}, base=u)
        for core in cores["status"]:
            if core.startswith("warta_test_"):
                st, r = s.get("/%s/select" % core, {"q": "*:*", "rows": 0, "distrib": "false"}, base=u)
                counts.setdefault(core.split("_replica")[0], set()).add(r["response"]["numFound"])
    check("f. after recovery every replica of a shard has the same numDocs", all(len(v) == 1 for v in counts.values()), str(counts))
    s.post("/warta_test/update", {"delete": {"id": "s9!z1"}}, params={"commit": "true"})


def idf(s):
    note("## g. Distributed IDF\n")
    q = "{!field f=body}" + qpa("jakarta")
    scores = {}
    for c in ("warta_test", "warta_local"):
        st, r = s.get("/%s/select" % c, {"q": q, "fl": "id,[shard],score", "rows": 20, "debugQuery": "true"},
                      label="%s: same query" % c,
                      pick=lambda r: {"docs": r["response"]["docs"], "b1_explain": r["debug"]["explain"].get("b1", "")[:600]})
        scores[c] = {d["id"]: d["score"] for d in r["response"]["docs"]}
        st, cfg = s.get("/%s/config/statsCache" % c, {})
        note("statsCache of %s: `%s`\n" % (c, cfg.get("config", {}).get("statsCache")))
    check("g. ExactStatsCache vs LocalStatsCache give different scores for b1",
          abs(scores["warta_test"]["b1"] - scores["warta_local"]["b1"]) > 1e-3,
          "exact=%s local=%s" % (scores["warta_test"]["b1"], scores["warta_local"]["b1"]))


def paging(s):
    note("## h. Sorting, paging, real-time get\n")
    st, r = s.get("/warta_test/select", {"q": "*:*", "sort": "date desc,id asc", "fl": "id,date", "start": 0, "rows": 20},
                  label="sort=date desc,id asc", pick=lambda r: [d["id"] + " " + d.get("date", "-") for d in r["response"]["docs"]])
    ids = [d["id"] for d in r["response"]["docs"]]
    check("h. date desc, missing date last", ids[0] == "s1!a2" and ids[-1] == "c1", str(ids))
    st, r = s.get("/warta_test/select", {"q": "*:*", "sort": "date asc,id asc", "fl": "id", "rows": 20})
    ids2 = [d["id"] for d in r["response"]["docs"]]
    check("h. date asc, missing date still last (sortMissingLast)", ids2[0] == "d1" and ids2[-1] == "c1", str(ids2))
    st, r = s.post("/warta_test/query", {"query": "*:*", "sort": "date desc,id asc", "offset": 4, "limit": 3, "fields": ["id"]},
                   label="JSON API paging: offset/limit", pick=lambda r: {"start": r["response"]["start"], "ids": [d["id"] for d in r["response"]["docs"]]})
    check("h. offset/limit page", [d["id"] for d in r["response"]["docs"]] == ids[4:7])
    st, r = s.get("/warta_test/get", {"id": "s1!a1"}, label="/get?id=", pick=lambda r: r)
    check("h. /get?id= returns the doc", r.get("doc", {}).get("title") == "Banjir di Jakarta")
    st, r = s.get("/warta_test/get", {"ids": "b1,b2,nope", "fl": "id,source"}, label="/get?ids=", pick=lambda r: r)
    check("h. /get?ids= returns the found docs", r["response"]["numFound"] == 2)
    s.post("/warta_test/update", [doc("rt1", "rt1", "en", "bbc", None, "Realtime", "Realtime get")])
    st, g = s.get("/warta_test/get", {"id": "rt1", "fl": "id"})
    st, r = s.get("/warta_test/select", {"q": "id:rt1", "rows": 0})
    check("h. /get sees an uncommitted doc at once", g.get("doc") == {"id": "rt1"})
    time.sleep(2.5)
    st, r2 = s.get("/warta_test/select", {"q": "id:rt1", "rows": 0})
    check("h. /select sees it after autoSoftCommit (1 s)", r2["response"]["numFound"] == 1,
          "before=%d after=%d" % (r["response"]["numFound"], r2["response"]["numFound"]))
    s.post("/warta_test/update", {"delete": {"id": "rt1"}}, params={"commit": "true"})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", help="base URL (default: scripts/solrcloud.sh url)")
    ap.add_argument("--transcript", default=os.path.join(REPO, "target", "solrcloud", "verify.md"))
    ap.add_argument("--keep", action="store_true", help="keep the collections afterwards")
    a = ap.parse_args()
    base = a.url or script("url")
    s = Solr(base)
    note("# SolrCloud experiments transcript\n\nbase URL: `%s`\n" % base)
    try:
        for step in (setup, index, query_types, facets, collapse, tolerant, idf, paging):
            try:
                step(s)
            except Exception as e:  # keep going: report the step as failed
                check("%s raised %r" % (step.__name__, e), False)
    finally:
        if not a.keep:
            for name in ("warta_local", "warta_rf1"):
                s.get("/admin/collections", {"action": "DELETE", "name": name})
        os.makedirs(os.path.dirname(a.transcript), exist_ok=True)
        with open(a.transcript, "w", encoding="utf-8") as f:
            f.write("\n".join(TRANSCRIPT))
        print("transcript: %s" % a.transcript)
    print("%d passed, %d failed" % (PASSED, FAILED))
    sys.exit(1 if FAILED else 0)


if __name__ == "__main__":
    main()
