//! What the integration tests share: where `../shared` is.

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
