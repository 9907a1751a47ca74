//! The dev gold set's facts (`../shared/data/dev/`): every article is parsed with
//! `zh_econ::document::Document::parse`, its facts are serialized to the contract's JSON (the object
//! the `extract` example writes, through serde_json) and read back, and the result is scored against
//! `gold.jsonl` exactly as `../shared/tools/score.py` scores facts:
//!
//! - `facts`: greedy one-to-one pairing, gold in file order each taking the first unused prediction
//!   whose quantity overlaps with the same value and unit, whose region is equal after score.py's
//!   `norm` (either bracket form, a trailing 省/市/县/区 dropped except in 新区/高新区) and whose
//!   period is equal as Python's `str()` prints it;
//! - `indicator`: of the matched pairs whose gold indicator is a name of `data/indicators.tsv`, the
//!   share whose predicted indicator maps to the same canonical name;
//! - `change`: of the matched pairs, the share with the same `change` object and `target` flag;
//!
//! scored only on documents whose gold has facts. Thresholds: facts F1 ≥ 0.80, indicator ≥ 0.90,
//! change ≥ 0.95 (0.814 / 0.933 / 1.000 when written). On failure the misses are printed.
//!
//! A second test checks that every county-level region the gold names gets its GB/T 2260 code.

mod common;
use common::{greedy_pairs, prf, shared_dir};
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::Path;

use serde_json::{json, Value};
use zh_econ::document::Document;
use zh_econ::Decimal;

const MIN_FACTS_F1: f64 = 0.80;
const MIN_INDICATOR: f64 = 0.90;
const MIN_CHANGE: f64 = 0.95;

// ---------------------------------------------------------------------------------------------
// data

/// score.py `key`: the base name of `source` without its extension.
fn key_of(source: &str) -> String {
    let base = Path::new(source)
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match Path::new(&base).file_stem() {
        Some(stem) => stem.to_string_lossy().into_owned(),
        None => base,
    }
}

struct Article {
    key: String,
    gold: Value,
    /// Our document as the contract's JSON: `{"source", "quantities", "facts"}`.
    pred: Value,
}

/// Gold documents by key (score.py keeps the last line of a key), each parsed by the library.
fn load() -> Vec<Article> {
    let dev = shared_dir().join("data").join("dev");
    let gold_path = dev.join("gold.jsonl");
    let gold = fs::read_to_string(&gold_path).unwrap_or_else(|e| panic!("cannot read {}: {e}", gold_path.display()));
    let mut docs: Vec<(String, Value)> = Vec::new();
    for (n, line) in gold.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let doc: Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{}:{}: not JSON: {e}", gold_path.display(), n + 1));
        let key = key_of(doc.get("source").and_then(Value::as_str).unwrap_or_default());
        docs.retain(|(k, _)| *k != key);
        docs.push((key, doc));
    }
    assert!(!docs.is_empty(), "{} holds no documents", gold_path.display());

    let articles = dev.join("articles");
    let mut out = Vec::new();
    for (key, gold) in docs {
        let source = gold.get("source").and_then(Value::as_str).unwrap_or_default();
        let path = articles.join(source);
        let text = fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "cannot read the article {} as UTF-8: {e} (gold.jsonl names it; the articles must be in {})",
                path.display(),
                articles.display()
            )
        });
        let doc = Document::parse(&text);
        // The JSON a user sees: serialize, then read back as plain JSON.
        let line = serde_json::to_string(&json!({
            "source": path.display().to_string(),
            "quantities": doc.quantities,
            "facts": doc.facts,
        }))
        .unwrap_or_else(|e| panic!("{key}: the document does not serialize: {e}"));
        let pred: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("{key}: not JSON: {e}\n{line}"));
        out.push(Article { key, gold, pred });
    }
    // Every article file has a gold line (a stray article would otherwise go unscored silently).
    let mut names: Vec<String> = fs::read_dir(&articles)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", articles.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    for n in &names {
        assert!(
            out.iter().any(|a| a.key == key_of(n)),
            "{} has no line in gold.jsonl",
            articles.join(n).display()
        );
    }
    out
}

/// `data/indicators.tsv` as score.py's `load_indicators` reads it: name → name, synonym → the first
/// name that lists it.
fn load_indicators() -> HashMap<String, String> {
    let path = shared_dir().join("data").join("indicators.tsv");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut canon = HashMap::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (name, syn) = line.split_once('\t').unwrap_or((line, ""));
        canon.insert(name.to_string(), name.to_string());
        for v in syn.split('|').filter(|v| !v.is_empty()) {
            canon.entry(v.to_string()).or_insert_with(|| name.to_string());
        }
    }
    assert!(!canon.is_empty(), "{} holds no indicators", path.display());
    canon
}

// ---------------------------------------------------------------------------------------------
// score.py, on JSON values

/// score.py `dec`: `None`, a normalised decimal, or a bad string that equals only itself.
#[derive(Debug, PartialEq)]
enum Dec {
    Null,
    Num(Decimal),
    Bad(String),
}

fn dec(v: Option<&Value>) -> Dec {
    let s = match v {
        None | Some(Value::Null) => return Dec::Null,
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    let t = s.trim();
    Decimal::from_str_exact(t)
        .or_else(|_| Decimal::from_scientific(t))
        .map(|d| Dec::Num(d.normalize()))
        .unwrap_or(Dec::Bad(s))
}

/// Python truthiness of a JSON value (`or`, `bool()`).
fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64() != Some(0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

/// `x or None`.
fn or_none(v: Option<&Value>) -> Option<&Value> {
    v.filter(|v| truthy(Some(v)))
}

/// `g.get("unit") or ""`.
fn unit(q: &Value) -> &str {
    or_none(q.get("unit")).and_then(Value::as_str).unwrap_or("")
}

fn same_value(g: &Value, p: &Value) -> bool {
    if unit(g) != unit(p) {
        return false;
    }
    if !matches!(g.get("value"), None | Some(Value::Null)) {
        dec(g.get("value")) == dec(p.get("value"))
    } else {
        dec(g.get("low")) == dec(p.get("low")) && dec(g.get("high")) == dec(p.get("high"))
    }
}

fn offset(q: &Value, k: &str) -> i64 {
    q.get(k)
        .and_then(Value::as_i64)
        .unwrap_or_else(|| panic!("quantity without a numeric `{k}`: {q}"))
}

fn overlaps(a: &Value, b: &Value) -> bool {
    offset(a, "start") < offset(b, "end") && offset(b, "start") < offset(a, "end")
}

/// score.py `norm`.
fn norm(v: Option<&Value>) -> Option<String> {
    let s = v.and_then(Value::as_str).unwrap_or("");
    let mut s: String = s.replace('（', "(").replace('）', ")").trim().to_string();
    let n = s.chars().count();
    if n > 2 && s.ends_with(['省', '市', '县', '区']) && !s.ends_with("新区") && !s.ends_with("高新区") {
        s.pop();
    }
    (!s.is_empty()).then_some(s)
}

/// Python's `str()` of a JSON value.
fn py_str(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "None".into(),
        Some(Value::Bool(true)) => "True".into(),
        Some(Value::Bool(false)) => "False".into(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// score.py `fact_ok`.
fn fact_ok(g: &Value, p: &Value) -> bool {
    let (Some(gq), Some(pq)) = (or_none(g.get("quantity")), or_none(p.get("quantity"))) else {
        return false;
    };
    overlaps(gq, pq)
        && same_value(gq, pq)
        && norm(g.get("region")) == norm(p.get("region"))
        && py_str(g.get("period")) == py_str(p.get("period"))
}

fn facts_of(doc: &Value) -> Vec<Value> {
    doc.get("facts").and_then(Value::as_array).cloned().unwrap_or_default()
}

fn show(key: &str, f: &Value) -> String {
    let q = f.get("quantity").cloned().unwrap_or(Value::Null);
    format!(
        "  {key}: {} [{}..{}] region={} period={} indicator={} change={} target={}",
        q.get("text").map_or("?".into(), |t| t.to_string()),
        py_str(q.get("start")),
        py_str(q.get("end")),
        py_str(f.get("region")),
        py_str(f.get("period")),
        py_str(f.get("indicator")),
        f.get("change").map_or("None".into(), |c| c.to_string()),
        py_str(f.get("target")),
    )
}

// ---------------------------------------------------------------------------------------------
// tests

#[test]
fn dev_facts_score() {
    let canon = load_indicators();
    let articles = load();
    let (mut tp, mut npred, mut ngold) = (0, 0, 0);
    let (mut ind_right, mut ind_of) = (0, 0);
    let (mut chg_right, mut chg_of) = (0, 0);
    let mut missed = Vec::new();
    let mut spurious = Vec::new();
    let mut wrong = Vec::new();
    for a in &articles {
        let gf = facts_of(&a.gold);
        let pf = facts_of(&a.pred);
        if gf.is_empty() {
            continue; // score.py scores facts only on documents whose gold has facts
        }
        let matched = greedy_pairs(&gf, &pf, fact_ok);
        tp += matched.len();
        npred += pf.len();
        ngold += gf.len();
        for &(gi, pi) in &matched {
            let (g, p) = (&gf[gi], &pf[pi]);
            if let Some(gc) = g.get("indicator").and_then(Value::as_str).and_then(|i| canon.get(i)) {
                ind_of += 1;
                let pc = canon.get(p.get("indicator").and_then(Value::as_str).unwrap_or(""));
                if pc == Some(gc) {
                    ind_right += 1;
                } else {
                    wrong.push(format!(
                        "{}\n      got indicator {}",
                        show(&a.key, g),
                        py_str(p.get("indicator"))
                    ));
                }
            }
            chg_of += 1;
            if or_none(g.get("change")) == or_none(p.get("change"))
                && truthy(g.get("target")) == truthy(p.get("target"))
            {
                chg_right += 1;
            } else {
                wrong.push(format!(
                    "{}\n      got {}",
                    show(&a.key, g),
                    show(&a.key, p).trim_start()
                ));
            }
        }
        missed.extend(
            (0..gf.len())
                .filter(|gi| !matched.iter().any(|m| m.0 == *gi))
                .map(|gi| show(&a.key, &gf[gi])),
        );
        spurious.extend(
            (0..pf.len())
                .filter(|pi| !matched.iter().any(|m| m.1 == *pi))
                .map(|pi| show(&a.key, &pf[pi])),
        );
    }
    let (p, r, f1) = prf(tp, npred, ngold);
    let ind = if ind_of > 0 {
        ind_right as f64 / ind_of as f64
    } else {
        1.0
    };
    let chg = if chg_of > 0 {
        chg_right as f64 / chg_of as f64
    } else {
        1.0
    };
    let summary = format!(
        "facts     P={p:.3} R={r:.3} F1={f1:.3} (tp={tp} pred={npred} gold={ngold})\n\
         indicator accuracy={ind:.3} ({ind_right} of {ind_of} matched facts)\n\
         change    accuracy={chg:.3} ({chg_right} of {chg_of} matched facts)"
    );
    println!("{summary}");
    assert!(ngold > 0, "the gold set has no facts");
    assert!(
        f1 >= MIN_FACTS_F1 && ind >= MIN_INDICATOR && chg >= MIN_CHANGE,
        "dev facts below the thresholds (facts F1 >= {MIN_FACTS_F1}, indicator >= {MIN_INDICATOR}, \
         change >= {MIN_CHANGE}):\n{summary}\n-- gold facts not matched ({}):\n{}\n-- our facts not matched ({}):\n{}\n\
         -- matched with a wrong indicator, change or target ({}):\n{}",
        missed.len(),
        missed.join("\n"),
        spurious.len(),
        spurious.join("\n"),
        wrong.len(),
        wrong.join("\n"),
    );
}

/// The county-level regions of the gold facts, by score.py's `norm` of their name, and their codes.
const COUNTIES: &[(&str, &str)] = &[
    ("海宁", "330481"),
    ("长兴", "330522"),
    ("钱塘", "330114"),
    ("武进", "320412"),
    ("吴江", "320509"),
    ("宜兴", "320282"),
    ("溧阳", "320481"),
    ("虎丘", "320505"),
];

#[test]
fn dev_facts_county_codes() {
    let articles = load();
    let code_of: BTreeMap<&str, &str> = COUNTIES.iter().copied().collect();
    // The list is the gold's: each of these names is a region of some gold fact.
    for (name, _) in COUNTIES {
        assert!(
            articles
                .iter()
                .flat_map(|a| facts_of(&a.gold))
                .any(|f| norm(f.get("region")).as_deref() == Some(name)),
            "{name} is not a region of any gold fact: the list in this test is stale"
        );
    }
    let mut bad = Vec::new();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for a in &articles {
        for f in facts_of(&a.pred) {
            let Some(name) = norm(f.get("region")) else { continue };
            let Some((&name, &code)) = code_of.get_key_value(name.as_str()) else {
                continue;
            };
            *seen.entry(name).or_default() += 1;
            if f.get("region_code").and_then(Value::as_str) != Some(code) {
                bad.push(format!(
                    "{} (region_code {}, expected {code})",
                    show(&a.key, &f),
                    py_str(f.get("region_code"))
                ));
            }
        }
    }
    let unseen: Vec<&str> = COUNTIES.iter().map(|c| c.0).filter(|n| !seen.contains_key(n)).collect();
    assert!(
        unseen.is_empty(),
        "no fact of ours has these gold regions (in any form: X, X市, X县, X区): {unseen:?}; seen: {seen:?}"
    );
    assert!(
        bad.is_empty(),
        "facts with a wrong or missing region_code:\n{}",
        bad.join("\n")
    );
}
