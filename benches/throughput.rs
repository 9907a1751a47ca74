//! Throughput of the hot paths (issue: speed).
//!
//! ```text
//! cargo bench --bench throughput            # all groups, about two minutes
//! cargo bench --bench throughput -- scan    # one group
//! ```
//!
//! Inputs come from `../shared/data/dev` when it is there (the dev articles and
//! every quantity text of the gold), else from the embedded sample article.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use zh_econ::document::Document;
use zh_econ::{decode, scan, Quantity};

const SAMPLE: &str = include_str!("../examples/sample.txt");

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/dev")
}

/// The dev articles, or the sample when the shared data is missing.
fn articles() -> Vec<String> {
    let dir = shared().join("articles");
    let mut out: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            let mut paths: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            paths
                .into_iter()
                .filter_map(|p| std::fs::read_to_string(p).ok())
                .collect()
        })
        .unwrap_or_default();
    if out.is_empty() {
        out.push(SAMPLE.to_string());
    }
    out
}

/// Every quantity text of the dev gold (205), or of the sample.
fn expressions() -> Vec<String> {
    let gold = std::fs::read_to_string(shared().join("gold.jsonl")).unwrap_or_default();
    let mut out: Vec<String> = gold
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .flat_map(|d| {
            d["quantities"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .filter_map(|q| q["text"].as_str().map(str::to_string))
        })
        .collect();
    if out.is_empty() {
        out = scan::quantities(SAMPLE).map(|q| q.text).collect();
    }
    out
}

/// About `size` bytes of `unit`, repeated.
fn repeat_to(unit: &str, size: usize) -> String {
    let mut s = String::with_capacity(size + unit.len());
    while s.len() < size {
        s.push_str(unit);
    }
    s
}

fn bench(c: &mut Criterion) {
    let articles = articles();
    let joined: String = articles.concat();

    let exprs = expressions();
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Elements(exprs.len() as u64));
    g.bench_function("expressions", |b| {
        b.iter(|| {
            for e in &exprs {
                black_box(e.parse::<Quantity>().ok());
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("scan");
    g.throughput(Throughput::Bytes(joined.len() as u64));
    g.bench_function("dev_articles", |b| {
        b.iter(|| scan::quantities(black_box(&joined)).count())
    });
    let plain = repeat_to(
        "本报讯记者从有关部门获悉，当地坚持创新驱动发展战略，持续优化营商环境，推动产业转型升级。",
        1 << 20,
    );
    g.throughput(Throughput::Bytes(plain.len() as u64));
    g.bench_function("no_numbers_1mb", |b| {
        b.iter(|| scan::quantities(black_box(&plain)).count())
    });
    let dense = repeat_to(
        "全年实现地区生产总值1318.2亿元，增长6.8%；规上工业增加值537.8亿元，增长9.2%；新增企业近50家，较2019年提高5.5个百分点。",
        1 << 20,
    );
    g.throughput(Throughput::Bytes(dense.len() as u64));
    g.bench_function("dense_communique_1mb", |b| {
        b.iter(|| scan::quantities(black_box(&dense)).count())
    });
    g.finish();

    let mut g = c.benchmark_group("document");
    g.throughput(Throughput::Bytes(joined.len() as u64));
    g.bench_function("dev_articles_with_facts", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| Document::parse(black_box(a)).facts.len())
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("decode");
    let (gb, _, _) = encoding_rs::GB18030.encode(&joined);
    g.throughput(Throughput::Bytes(gb.len() as u64));
    g.bench_function("gb18030", |b| {
        b.iter(|| decode::decode_lossy(black_box(&gb)).text.len())
    });
    let trad: String = joined.chars().map(zh_econ::normalize::fold).collect();
    let (big5, _, _) = encoding_rs::BIG5.encode(&trad);
    g.throughput(Throughput::Bytes(big5.len() as u64));
    g.bench_function("big5", |b| b.iter(|| decode::decode_lossy(black_box(&big5)).text.len()));
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
