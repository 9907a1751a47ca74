//! Replays every input the fuzzers (`fuzz/`, see the README's "Fuzzing" section) saved under
//! `tests/fuzz_regressions/<target>/` through the same checks as its target
//! (`tests/fuzz_regressions/oracle.rs`, which the fuzz targets include too), and asserts that
//! none of them panics.
//!
//! Inputs that still fail are listed in `KNOWN` with the bug they show; they are replayed by the
//! ignored tests `known_*` (`cargo test --test fuzz_regressions -- --ignored`). Fixing a bug means
//! deleting its `KNOWN` lines: the input is then replayed by the ordinary test of its target.

use std::fs;
use std::panic;
use std::path::{Path, PathBuf};

#[path = "fuzz_regressions/oracle.rs"]
mod oracle;

/// Saved inputs that still fail: (target, file name, the bug).
const KNOWN: &[(&str, &str, &str)] = &[
    ("pipeline", "overflow-tail-minimized", "222222亿亿亿元 (2.2 × 10^29, too large) is reported as 22222亿亿亿元: after an overflow the scanner restarts one character later and reports the tail that fits"),
    ("pipeline", "crash-1670cc2456106cd6c2305bdcf655dc758fc417a9", "overflow tail: 8888888888888888888888888888次 is reported from inside a longer number"),
    ("pipeline", "crash-2bc639299224bb20d1ad236efb441138d2afffef", "overflow tail: 1 followed by 120 zeros and 餘名 is reported as 0 名 (the zeros after the 1)"),
    ("pipeline", "crash-359dee06a280dcc9939cd32e86ca1d2389ddf91c", "overflow tail: 666666666666666666663億美元 is reported from inside a longer number"),
    ("pipeline", "crash-37a699d03aeeb96e59247f4645a04f38ce658eca", "overflow tail: 222222222222222222222亿元 is reported from inside a longer number"),
    ("pipeline", "crash-457a0383d8cc5f53676a323f1986a8f920345069", "overflow tail: a bare 66666666666666666666666666666 is reported from inside a longer number"),
    ("pipeline", "crash-8150e49a4378aac4677ca50c3397d47e08ad5f08", "overflow tail: 2222222222222222222222222222.2% is reported from inside a longer number"),
    ("pipeline", "crash-981b5afd17e1a2489a1dfe37915b6a00fa891865", "overflow tail: 222222222222222222222亿元 is reported from inside a longer number"),
    ("pipeline", "crash-fd0222a68fe166de1e5a16080e9a86c735c30810", "overflow tail: a bare 55555555555555555555555555555 is reported from inside a longer number"),
];

fn folder(target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target)
}

/// The saved inputs of `target`, sorted by name (none if the folder does not exist).
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = fs::read_dir(folder(target)) else {
        return Vec::new();
    };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let bytes = fs::read(e.path()).unwrap_or_else(|err| panic!("{}: {err}", e.path().display()));
            (name, bytes)
        })
        .collect();
    files.sort();
    files
}

fn is_known(target: &str, name: &str) -> bool {
    KNOWN.iter().any(|&(t, n, _)| t == target && n == name)
}

/// Runs `check` on each input of `target` that `select` picks; returns the names that panicked.
fn replay(target: &str, check: fn(&[u8]), select: impl Fn(&str) -> bool) -> (usize, Vec<String>) {
    let mut ran = 0;
    let mut failed = Vec::new();
    for (name, bytes) in inputs(target) {
        if !select(&name) {
            continue;
        }
        ran += 1;
        if panic::catch_unwind(|| check(&bytes)).is_err() {
            failed.push(name);
        }
    }
    (ran, failed)
}

/// Every saved input of `target` that is not a known bug passes its target's checks.
fn replay_fixed(target: &str, check: fn(&[u8])) {
    let (ran, failed) = replay(target, check, |name| !is_known(target, name));
    assert!(
        failed.is_empty(),
        "{target}: {} of {ran} saved inputs panic: {failed:?}",
        failed.len()
    );
}

/// Every known-bug input of `target` exists, and passes (fails until the bug is fixed).
fn replay_known(target: &str, check: fn(&[u8])) {
    let names: Vec<&str> = KNOWN.iter().filter(|k| k.0 == target).map(|k| k.1).collect();
    for name in &names {
        assert!(
            folder(target).join(name).is_file(),
            "{target}/{name} is listed in KNOWN but missing"
        );
    }
    let (ran, failed) = replay(target, check, |name| is_known(target, name));
    assert_eq!(ran, names.len());
    let why: Vec<String> = KNOWN
        .iter()
        .filter(|k| k.0 == target && failed.iter().any(|f| f == k.1))
        .map(|k| format!("{}: {}", k.1, k.2))
        .collect();
    assert!(
        failed.is_empty(),
        "{target}: {} known bugs still fail:\n{}",
        failed.len(),
        why.join("\n")
    );
}

#[test]
fn pipeline() {
    replay_fixed("pipeline", oracle::pipeline);
}

#[test]
fn expression() {
    replay_fixed("expression", oracle::expression);
}

#[test]
fn round_trip() {
    replay_fixed("round_trip", oracle::round_trip);
}

#[test]
fn known_pipeline() {
    replay_known("pipeline", oracle::pipeline);
}

#[test]
fn known_bugs_are_listed_once() {
    for (i, a) in KNOWN.iter().enumerate() {
        assert!(
            KNOWN[i + 1..].iter().all(|b| (a.0, a.1) != (b.0, b.1)),
            "{}/{} listed twice",
            a.0,
            a.1
        );
        assert!(
            ["pipeline", "expression", "round_trip"].contains(&a.0),
            "unknown target {}",
            a.0
        );
    }
}
