//! Time grows linearly with the input, also on adversarial text.
//!
//! Each test times `scan::quantities(..).count()` or `Document::parse` on 1 MB and on 8 MB of one
//! kind of text, takes the best of 3 runs for each size (a 1 MB run that is over too quickly is
//! repeated and averaged, see `sample`), and checks that the 8 MB run takes less than 10 times as
//! long as the 1 MB run (about 8 is linear; quadratic would be about 64).
//!
//! Timing tests are meaningless in a debug build, so they only run in release:
//!
//! ```sh
//! cargo test --release --test linear_time -- --nocapture             # prints the measured times
//! cargo test --release --test linear_time -- --nocapture --ignored   # the known bugs (they fail)
//! ```
//!
//! The runs happen in a child process (this test binary, run again for just that test), so a case
//! that is not linear is killed (after 30 s for a 1 MB run, or `GIVE_UP` times the 1 MB time for an
//! 8 MB run) and fails in seconds instead of running for hours. Tests take a lock so that only one
//! measures at a time.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::{mpsc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use zh_econ::document::Document;
use zh_econ::scan;

const MB: usize = 1 << 20;
/// The largest accepted ratio of the 8 MB time to the 1 MB time.
const MAX_RATIO: f64 = 10.0;
/// How many times each size is run; the best time counts.
const RUNS: usize = 5;
/// A 1 MB run that takes longer than this is abandoned (the slowest linear case takes about 1 s).
const ONE_MB_LIMIT: Duration = Duration::from_secs(30);
/// An 8 MB run that takes this many times the 1 MB time is abandoned.
const GIVE_UP: u32 = 40;
/// A 1 MB sample is averaged over repeated runs until this much time has passed.
const SAMPLE: Duration = Duration::from_millis(250);
/// Below this, an 8 MB time is noise rather than growth: a quadratic run over 8 MB of text is
/// far slower than this.
const FLOOR: Duration = Duration::from_millis(15);

/// `unit` repeated to `len` bytes (cut at a char boundary).
fn fill(unit: &str, len: usize) -> String {
    let mut s = unit.repeat(len / unit.len() + 1);
    let mut end = len.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

fn all_digits(len: usize) -> String {
    fill("1234567890", len)
}

fn all_wan(len: usize) -> String {
    fill("万", len)
}

fn all_yi(len: usize) -> String {
    fill("一", len)
}

fn ones_and_commas(len: usize) -> String {
    fill("1,", len)
}

/// One line with no punctuation at all: one sentence for the whole input.
fn long_line(len: usize) -> String {
    fill(
        "海宁市实现地区生产总值1318.2亿元同比增长6.8%一般公共预算收入100.1亿元较2019年提高5.5个百分点",
        len,
    )
}

/// Dense statistical-communiqué text: regions, indicators, periods, changes, lists, targets.
fn communique(len: usize) -> String {
    fill(
        "2023年海宁市实现地区生产总值1318.2亿元，同比增长6.8%；一般公共预算收入100.1亿元，\
         较2019年提高5.5个百分点。其中，第一产业增加值38.45亿元，增长3.2%；第二产业增加值281.06亿元，\
         增长7.4%；第三产业增加值292.86亿元，增长5.3%。年末全县户籍人口58.62万人，常住人口62.15万人，\
         比上年末增加0.37万人。长兴县规上工业增加值达300.9亿元，新增企业近50家，分别低于2.2个、4.4个百分点。\
         力争到2025年，规上工业总产值突破3000亿元。全年粮食播种面积12.46万亩，单位GDP能耗0.045吨标煤/万元。\n",
        len,
    )
}

fn count_scan(text: &str) -> usize {
    scan::quantities(text).count()
}

fn count_document(text: &str) -> usize {
    let doc = Document::parse(text);
    doc.quantities.len() + doc.regions.len() + doc.facts.len()
}

/// One timing of `run` on `text`. A short run is repeated (up to 8 times, until `SAMPLE` has
/// passed) and averaged, so that a 1 MB sample spans about as much wall time as an 8 MB run: the
/// best of 3 very short runs would pick a lucky moment on a loaded machine that the long runs
/// cannot, and bias the ratio upwards. An 8 MB run is sampled the same way: once the scanner
/// reads 8 MB in about 20 ms, one such run is as noisy as a 1 MB one was (a CI run read 27 ms
/// where the best is 20, ratio 10.3).
fn sample(run: fn(&str) -> usize, text: &str) -> Duration {
    let start = Instant::now();
    let mut n = 0;
    while n < 8 && (n == 0 || start.elapsed() < SAMPLE) {
        std::hint::black_box(run(std::hint::black_box(text)));
        n += 1;
    }
    start.elapsed() / n
}

/// Set in the child process that does the timing.
const CHILD: &str = "ZH_ECON_LINEAR_TIME_CHILD";
/// How the child reports: `linear-time: found N`, `linear-time: 1 NANOS`, `linear-time: 8 NANOS`.
const REPORT: &str = "linear-time:";

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Times `run` on 1 MB and 8 MB of `make`, prints the result and checks the ratio.
///
/// The timing happens in a child process (this test binary, run again for just this test), which
/// reports each run on its standard output; the parent kills it when a 1 MB run takes longer than
/// `ONE_MB_LIMIT` or an 8 MB run longer than `GIVE_UP` times the 1 MB time.
fn check(test: &str, make: fn(usize) -> String, run: fn(&str) -> usize) {
    if std::env::var_os(CHILD).is_some() {
        let small = make(MB);
        println!("{REPORT} found {}", run(&small)); // also warms up lazy tables and the allocator
        for _ in 0..RUNS {
            println!("{REPORT} 1 {}", sample(run, &small).as_nanos());
        }
        drop(small);
        let large = make(8 * MB);
        for _ in 0..RUNS {
            println!("{REPORT} 8 {}", sample(run, &large).as_nanos());
        }
        return;
    }
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let exe = std::env::current_exe().expect("test binary");
    let mut child = Command::new(exe)
        .args([test, "--exact", "--nocapture", "--include-ignored", "--test-threads=1"])
        .env(CHILD, "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn the timing process");
    let stdout = child.stdout.take().expect("child stdout");
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            // libtest may print `test name ... ` on the same line.
            if let Some(report) = line.split(REPORT).nth(1) {
                let mut words = report.split_whitespace();
                let (Some(what), Some(n)) = (words.next(), words.next().and_then(|n| n.parse::<u64>().ok())) else {
                    continue;
                };
                if tx.send((what.to_string(), n)).is_err() {
                    return;
                }
            }
        }
    });
    let mut next = |what: &str, wait: Duration| -> u64 {
        match rx.recv_timeout(wait) {
            Ok((w, n)) if w == what => n,
            Ok((w, _)) => panic!("{test}: unexpected report {w}"),
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                let run = if what == "found" {
                    "the first 1 MB run"
                } else {
                    &format!("a {what} MB run")
                };
                panic!("{test}: {run} did not finish within {wait:?}: not linear");
            }
        }
    };
    // Making the text and the first (cold) run are not timed, but take a moment.
    let found = next("found", ONE_MB_LIMIT * 2);
    let t1 = (0..RUNS)
        .map(|_| Duration::from_nanos(next("1", ONE_MB_LIMIT)))
        .min()
        .unwrap_or_default();
    let deadline = (t1 * GIVE_UP).max(Duration::from_secs(2));
    let t8 = (0..RUNS)
        .map(|i| {
            Duration::from_nanos(next(
                "8",
                if i == 0 {
                    deadline + Duration::from_secs(5)
                } else {
                    deadline
                },
            ))
        })
        .min()
        .unwrap_or_default();
    let _ = child.wait();
    let ratio = t8.as_secs_f64() / t1.as_secs_f64().max(1e-9);
    println!("{test:<28} 1 MB {t1:>11.3?}   8 MB {t8:>11.3?}   ratio {ratio:5.2}   ({found} found in 1 MB)");
    assert!(
        ratio < MAX_RATIO || t8 < FLOOR,
        "{test}: 8 MB took {t8:?}, {ratio:.2} times the {t1:?} of 1 MB (limit {MAX_RATIO})"
    );
}

macro_rules! linear {
    ($($(#[$attr:meta])* $test:ident: $make:ident, $run:ident;)*) => {$(
        #[test]
        $(#[$attr])*
        fn $test() {
            check(stringify!($test), $make, $run);
        }
    )*};
}

linear! {
    #[cfg_attr(debug_assertions, ignore = "timing test: run with --release")]
    scan_all_digits: all_digits, count_scan;
    #[cfg_attr(debug_assertions, ignore = "timing test: run with --release")]
    scan_all_wan: all_wan, count_scan;
    #[cfg_attr(debug_assertions, ignore = "timing test: run with --release")]
    scan_all_yi: all_yi, count_scan;
    #[cfg_attr(debug_assertions, ignore = "timing test: run with --release")]
    scan_ones_and_commas: ones_and_commas, count_scan;
    #[cfg_attr(debug_assertions, ignore = "timing test: run with --release")]
    scan_long_line: long_line, count_scan;
    #[cfg_attr(debug_assertions, ignore = "timing test: run with --release")]
    scan_communique: communique, count_scan;

    #[cfg_attr(debug_assertions, ignore = "timing test: run with --release")]
    document_all_digits: all_digits, count_document;
    #[cfg_attr(debug_assertions, ignore = "timing test: run with --release")]
    document_all_wan: all_wan, count_document;
    #[cfg_attr(debug_assertions, ignore = "timing test: run with --release")]
    document_all_yi: all_yi, count_document;
    #[cfg_attr(debug_assertions, ignore = "timing test: run with --release")]
    document_ones_and_commas: ones_and_commas, count_document;
    /// Was quadratic in the length of a sentence (each figure folded the sentence up to it); each
    /// figure now reads a bounded window.
    #[cfg_attr(debug_assertions, ignore = "timing test: run with --release")]
    document_long_line: long_line, count_document;
    /// Was quadratic in the number of facts (each figure searched all earlier facts); it now looks
    /// at the last one only.
    #[cfg_attr(debug_assertions, ignore = "timing test: run with --release")]
    document_communique: communique, count_document;
}
