//! What the integration tests share: where `../shared` is, the dev articles,
//! and score.py's matching and scoring.

// Each test crate includes this module and uses only part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The shared folder beside the crate (`../shared`), with a clear failure if
/// its dev data is missing.
pub fn shared_dir() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = manifest.join("..").join("shared");
    let gold = shared.join("data").join("dev").join("gold.jsonl");
    if !gold.is_file() {
        panic!(
            "dev gold set not found: looked for {} (the shared folder {}). These tests need the \
             `shared` folder beside the crate (../shared relative to {}), holding \
             data/dev/gold.jsonl, data/dev/articles/ and data/indicators.tsv.",
            gold.display(),
            shared.display(),
            manifest.display()
        );
    }
    shared
}

/// The text of the dev article whose file name starts with `prefix` (`003`).
pub fn dev_article(prefix: &str) -> String {
    dev_articles()
        .into_iter()
        .find(|(name, _)| name.starts_with(prefix))
        .map(|(_, text)| text)
        .unwrap_or_else(|| panic!("no dev article {prefix}_*.txt"))
}

/// score.py's greedy one-to-one matching: each gold, in order, takes the
/// first unused prediction that `ok` accepts. Returns (gold index, pred index).
pub fn greedy_pairs<G, P>(golds: &[G], preds: &[P], ok: impl Fn(&G, &P) -> bool) -> Vec<(usize, usize)> {
    let mut used = vec![false; preds.len()];
    let mut out = Vec::new();
    for (gi, g) in golds.iter().enumerate() {
        let free = preds.iter().enumerate().find(|&(pi, p)| !used[pi] && ok(g, p));
        if let Some((pi, _)) = free {
            used[pi] = true;
            out.push((gi, pi));
        }
    }
    out
}

/// score.py `prf`: precision, recall and F1 (an empty side scores 1).
pub fn prf(tp: usize, npred: usize, ngold: usize) -> (f64, f64, f64) {
    let p = if npred > 0 {
        tp as f64 / npred as f64
    } else if ngold == 0 {
        1.0
    } else {
        0.0
    };
    let r = if ngold > 0 { tp as f64 / ngold as f64 } else { 1.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

/// Every dev article (`data/dev/articles/*.txt`) with its file name, in name order.
pub fn dev_articles() -> Vec<(String, String)> {
    let dir = shared_dir().join("data").join("dev").join("articles");
    let entries =
        std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("dev articles not readable in {} ({e})", dir.display()));
    let mut articles: Vec<(String, String)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, text)
        })
        .collect();
    articles.sort();
    articles
}
