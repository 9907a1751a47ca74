//! Black-box tests of the `extract` and `parse` examples (the command line of ../shared/CONTRACT.md).
//!
//! The binaries are looked for beside this test's own binary (`target/<profile>/examples/`), then
//! under `$CARGO_TARGET_DIR` and `$CARGO_MANIFEST_DIR/target`. If they are missing or older than the
//! sources, `cargo build --examples` is run once (plain `cargo test` builds them anyway; `cargo test
//! --test cli` does not).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::SystemTime;

use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// finding and running the binaries

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `debug` or `release`: the profile directory this test binary was built into.
fn profile() -> String {
    std::env::current_exe()
        .ok()
        .and_then(|exe| {
            let deps = exe.parent()?;
            Some(deps.parent()?.file_name()?.to_string_lossy().into_owned())
        })
        .filter(|p| p == "debug" || p == "release")
        .unwrap_or_else(|| "debug".to_string())
}

/// Candidate directories for the example binaries, best first.
fn example_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(profile_dir) = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().and_then(Path::parent).map(Path::to_path_buf))
    {
        dirs.push(profile_dir.join("examples"));
    }
    if let Some(t) = std::env::var_os("CARGO_TARGET_DIR") {
        let t = PathBuf::from(t);
        let t = if t.is_relative() { manifest_dir().join(t) } else { t };
        dirs.push(t.join(profile()).join("examples"));
    }
    dirs.push(manifest_dir().join("target").join(profile()).join("examples"));
    dirs
}

fn find_example(name: &str) -> Option<PathBuf> {
    let file = format!("{name}{}", std::env::consts::EXE_SUFFIX);
    example_dirs().into_iter().map(|d| d.join(&file)).find(|p| p.is_file())
}

fn modified(p: &Path) -> Option<SystemTime> {
    p.metadata().and_then(|m| m.modified()).ok()
}

/// The newest modification time of the sources the examples are built from.
fn newest_source() -> Option<SystemTime> {
    fn walk(dir: &Path, newest: &mut Option<SystemTime>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, newest);
            } else if let Some(t) = modified(&p) {
                *newest = (*newest).max(Some(t));
            }
        }
    }
    let mut newest = modified(&manifest_dir().join("Cargo.toml"));
    walk(&manifest_dir().join("src"), &mut newest);
    walk(&manifest_dir().join("examples"), &mut newest);
    newest
}

fn is_fresh(bin: &Path) -> bool {
    match (modified(bin), newest_source()) {
        (Some(b), Some(s)) => b >= s,
        _ => true,
    }
}

/// Runs `cargo build --examples` (once per test run) when a binary is missing or stale.
fn build_examples() -> &'static Result<(), String> {
    static BUILT: OnceLock<Result<(), String>> = OnceLock::new();
    BUILT.get_or_init(|| {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut cmd = Command::new(cargo);
        cmd.current_dir(manifest_dir()).args(["build", "--examples", "--quiet"]);
        if profile() == "release" {
            cmd.arg("--release");
        }
        // Build into the target directory this test binary lives in.
        if let Some(target) = std::env::current_exe()
            .ok()
            .and_then(|e| Some(e.parent()?.parent()?.parent()?.to_path_buf()))
        {
            cmd.arg("--target-dir").arg(target);
        }
        match cmd.output() {
            Ok(o) if o.status.success() => Ok(()),
            Ok(o) => Err(format!(
                "`cargo build --examples` failed ({}):\n{}",
                o.status,
                String::from_utf8_lossy(&o.stderr)
            )),
            Err(e) => Err(format!("cannot run cargo to build the examples: {e}")),
        }
    })
}

fn example(name: &str) -> PathBuf {
    if let Some(p) = find_example(name).filter(|p| is_fresh(p)) {
        return p;
    }
    let built = build_examples();
    match (find_example(name), built) {
        (Some(p), Ok(())) => p,
        (Some(p), Err(e)) => {
            eprintln!("warning: using {} although it may be stale: {e}", p.display());
            p
        }
        (None, Err(e)) => panic!("the `{name}` example is not built and building it failed: {e}"),
        (None, Ok(())) => panic!(
            "the `{name}` example is not found after `cargo build --examples`; looked in {:?}",
            example_dirs()
        ),
    }
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }

    fn json_lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line: {e}\n{l}")))
            .collect()
    }

    fn no_panic(&self) -> &Self {
        assert!(
            !self.stderr.contains("panicked"),
            "the program panicked:\n{}",
            self.stderr
        );
        self
    }
}

fn run_bin(name: &str, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let bin = example(name);
    let mut child = Command::new(&bin)
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        let input = input.to_vec();
        // Write from a thread, so a large input cannot deadlock against a full stdout pipe.
        let writer = std::thread::spawn(move || {
            let _ = pipe.write_all(&input);
        });
        let out = child.wait_with_output().expect("the program runs");
        writer.join().expect("the writer thread");
        return finish(out);
    }
    finish(child.wait_with_output().expect("the program runs"))
}

fn finish(out: Output) -> Run {
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn extract(args: &[&str]) -> Run {
    let r = run_bin("extract", args, None);
    r.no_panic();
    r
}

fn extract_stdin(args: &[&str], input: &[u8]) -> Run {
    let r = run_bin("extract", args, Some(input));
    r.no_panic();
    r
}

/// A fresh temporary directory, removed when dropped.
struct Tmp(PathBuf);

impl Tmp {
    fn new() -> Tmp {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "zh-econ-cli-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        Tmp(dir)
    }

    /// Writes `bytes` to `name` in the directory; returns the path as a string.
    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", p.display()));
        p.to_str().expect("a UTF-8 temp path").to_string()
    }
}

impl Drop for Tmp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

// ---------------------------------------------------------------------------------------------
// texts

const GDP: &str = "2023年海宁市实现地区生产总值1318.2亿元，同比增长6.8%。";

/// A paragraph in simplified script (for UTF-8, UTF-16 and GB18030).
const SIMPLIFIED: &str = "2023年，长兴县实现地区生产总值918.3亿元，按可比价格计算，同比增长6.2%。\
全年一般公共预算收入80.5亿元，其中税收收入占一般公共预算收入比重为88.9%，较2019年提高5.5个百分点。\
规模以上工业增加值300.9亿元，增长12.3%；高新技术企业数达802家，城镇化率达70%~80%区间。";

/// A paragraph in traditional script (Big5 has no simplified characters).
const TRADITIONAL: &str = "2022年，長興縣實現規上工業增加值300.9億元，同比增長12.3%。\
全縣一般公共預算收入佔地區生產總值比重為8.6%，較2019年提高1.2個百分點。\
每萬人高價值發明專利擁有量20.52件，高新技術企業達到802家，新能源汽車產量超過10萬輛。";

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
    for u in text.encode_utf16() {
        out.extend(if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
    }
    out
}

fn encode(encoding: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
    let (bytes, used, unmappable) = encoding.encode(text);
    assert!(
        !unmappable && used == encoding,
        "{text:?} is not encodable in {}",
        encoding.name()
    );
    bytes.into_owned()
}

fn texts(doc: &Value) -> Vec<String> {
    doc["quantities"]
        .as_array()
        .unwrap_or_else(|| panic!("no quantities array: {doc}"))
        .iter()
        .map(|q| q["text"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// A minimal CSV reader (RFC 4180 quoting).
fn read_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
        } else {
            match c {
                '"' if field.is_empty() => quoted = true,
                ',' => row.push(std::mem::take(&mut field)),
                '\r' => {}
                '\n' => {
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                _ => field.push(c),
            }
        }
    }
    assert!(!quoted, "unterminated quoted field in:\n{s}");
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// A JSON field as the CSV writes it: strings as they are, null as empty.
fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// extract: inputs

#[test]
fn no_file_reads_the_sample() {
    let r = extract(&[]);
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    let docs = r.json_lines();
    assert_eq!(docs.len(), 1, "{}", r.stdout);
    let d = &docs[0];
    assert!(d["source"].is_string(), "{d}");
    assert_eq!(d["encoding"], "UTF-8");
    assert!(!texts(d).is_empty(), "the sample has no quantities: {d}");
    assert!(texts(d).iter().any(|t| t == "1318.2亿元"), "{:?}", texts(d));
    let facts = d["facts"].as_array().expect("a facts array");
    assert!(!facts.is_empty(), "the sample has no facts: {d}");
    assert!(facts
        .iter()
        .any(|f| f["indicator"] == "地区生产总值" && f["period"] == "2023"));
}

#[test]
fn dash_reads_stdin() {
    let r = extract_stdin(&["-"], GDP.as_bytes());
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    let docs = r.json_lines();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["source"], "-");
    assert_eq!(docs[0]["encoding"], "UTF-8");
    assert_eq!(texts(&docs[0]), ["1318.2亿元", "6.8%"]);
    let q = &docs[0]["quantities"][0];
    assert_eq!(q["value"], "131820000000");
    assert_eq!(q["unit"], "CNY");
    let start = GDP.find("1318.2").unwrap();
    assert_eq!(
        (q["start"].as_u64(), q["end"].as_u64()),
        (Some(start as u64), Some(start as u64 + 12))
    );
    let f = &docs[0]["facts"][0];
    assert_eq!(
        (&f["region"], &f["region_code"]),
        (&Value::from("海宁市"), &Value::from("330481"))
    );
}

#[test]
fn several_files_one_line_each_in_order() {
    let tmp = Tmp::new();
    let a = tmp.file("a.txt", "全市实现GDP 100亿元。".as_bytes());
    let b = tmp.file("b.txt", "增长6.8%。".as_bytes());
    let c = tmp.file("c.txt", "企业802家。".as_bytes());
    let r = extract_stdin(&[&c, &a, "-", &b], "面积72平方公里。".as_bytes());
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    let docs = r.json_lines();
    let sources: Vec<&str> = docs.iter().map(|d| d["source"].as_str().unwrap_or("?")).collect();
    assert_eq!(sources, [c.as_str(), a.as_str(), "-", b.as_str()]);
    let all: Vec<Vec<String>> = docs.iter().map(texts).collect();
    assert_eq!(all, [vec!["802家"], vec!["100亿元"], vec!["72平方公里"], vec!["6.8%"]]);
}

#[test]
fn missing_file_is_reported_and_the_others_still_processed() {
    let tmp = Tmp::new();
    let a = tmp.file("a.txt", "增长6.8%。".as_bytes());
    let b = tmp.file("b.txt", "企业802家。".as_bytes());
    let missing = tmp.0.join("no-such-file.txt").to_str().unwrap().to_string();
    let r = extract(&[&a, &missing, &b]);
    assert_ne!(r.code, Some(0), "a missing file must fail the run");
    assert!(r.code.is_some(), "killed by a signal: {}", r.stderr);
    assert!(
        r.stderr.contains(&missing),
        "stderr does not name the file: {}",
        r.stderr
    );
    let sources: Vec<String> = r.json_lines().iter().map(|d| cell(&d["source"])).collect();
    assert_eq!(sources, [a, b]);
}

#[test]
fn help() {
    let r = extract(&["--help"]);
    assert_eq!(r.code, Some(0));
    assert!(r.stdout.contains("usage"), "{}", r.stdout);
}

// ---------------------------------------------------------------------------------------------
// extract: encodings

/// Runs extract on `files` (name, bytes) and returns each document.
fn extract_files(files: &[(&str, Vec<u8>)]) -> Vec<Value> {
    let tmp = Tmp::new();
    let paths: Vec<String> = files.iter().map(|(n, b)| tmp.file(n, b)).collect();
    let args: Vec<&str> = paths.iter().map(String::as_str).collect();
    let r = extract(&args);
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    assert!(r.stderr.is_empty(), "warnings on clean input: {}", r.stderr);
    let docs = r.json_lines();
    assert_eq!(docs.len(), files.len());
    docs
}

fn assert_same_as_utf8(docs: &[Value], names: &[(&str, &str)]) {
    let utf8 = &docs[0];
    assert_eq!(utf8["encoding"], "UTF-8");
    assert!(
        texts(utf8).len() >= 5,
        "too few quantities to compare: {:?}",
        texts(utf8)
    );
    for (doc, (name, encoding)) in docs.iter().zip(names) {
        assert_eq!(doc["encoding"], *encoding, "{name}");
        assert_eq!(
            doc["quantities"], utf8["quantities"],
            "{name}: quantities differ from the UTF-8 text's"
        );
        assert_eq!(
            doc["facts"], utf8["facts"],
            "{name}: facts differ from the UTF-8 text's"
        );
    }
}

#[test]
fn encodings_of_simplified_text() {
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend(SIMPLIFIED.as_bytes());
    let files = [
        ("utf8.txt", SIMPLIFIED.as_bytes().to_vec()),
        ("utf8-bom.txt", bom),
        ("gb18030.txt", encode(encoding_rs::GB18030, SIMPLIFIED)),
        ("gbk.txt", encode(encoding_rs::GBK, SIMPLIFIED)),
        ("utf16le.txt", utf16(SIMPLIFIED, false)),
        ("utf16be.txt", utf16(SIMPLIFIED, true)),
    ];
    let docs = extract_files(&files);
    assert_same_as_utf8(
        &docs,
        &[
            ("utf8", "UTF-8"),
            ("utf8-bom", "UTF-8"),
            ("gb18030", "GB18030"),
            ("gbk", "GB18030"),
            ("utf16le", "UTF-16LE"),
            ("utf16be", "UTF-16BE"),
        ],
    );
}

#[test]
fn encodings_of_traditional_text() {
    let files = [
        ("utf8.txt", TRADITIONAL.as_bytes().to_vec()),
        ("big5.txt", encode(encoding_rs::BIG5, TRADITIONAL)),
        ("utf16le.txt", utf16(TRADITIONAL, false)),
        ("utf16be.txt", utf16(TRADITIONAL, true)),
    ];
    let docs = extract_files(&files);
    assert_same_as_utf8(
        &docs,
        &[
            ("utf8", "UTF-8"),
            ("big5", "Big5"),
            ("utf16le", "UTF-16LE"),
            ("utf16be", "UTF-16BE"),
        ],
    );
    assert!(
        texts(&docs[0]).iter().any(|t| t == "300.9億元"),
        "{:?}",
        texts(&docs[0])
    );
}

#[test]
fn strict_reports_malformed_bytes_with_the_offset() {
    let tmp = Tmp::new();
    // A stray 0xFF in UTF-8 text, at a character boundary.
    let at = SIMPLIFIED.find("918.3").unwrap();
    let mut bytes = SIMPLIFIED.as_bytes().to_vec();
    bytes.insert(at, 0xFF);
    let bad = tmp.file("bad.txt", &bytes);
    let good = tmp.file("good.txt", GDP.as_bytes());

    let r = extract(&["--strict", &bad, &good]);
    assert_ne!(r.code, Some(0), "--strict must fail on malformed input");
    assert!(r.stderr.contains(&bad), "stderr does not name the file: {}", r.stderr);
    assert!(
        r.stderr.contains(&format!("byte {at}")),
        "stderr does not give the offset {at}: {}",
        r.stderr
    );
    let sources: Vec<String> = r.json_lines().iter().map(|d| cell(&d["source"])).collect();
    assert_eq!(
        sources,
        std::slice::from_ref(&good),
        "the good file must still be processed"
    );

    // Without --strict the bad sequence is replaced, with a warning that names the file and byte.
    let r = extract(&[&bad, &good]);
    assert!(
        r.stderr.contains(&bad) && r.stderr.contains(&format!("byte {at}")),
        "{}",
        r.stderr
    );
    let docs = r.json_lines();
    assert_eq!(docs.len(), 2);
    assert!(
        texts(&docs[0]).iter().any(|t| t == "918.3亿元"),
        "{:?}",
        texts(&docs[0])
    );
}

/// The size of the random input. Most of the test's time (about 6 s per MiB in a debug build,
/// 0.7 s in release) is `Document::parse`, mostly `period::find`, on the decoded garbage.
const RANDOM_LEN: usize = 1 << 20;

/// Bytes from a 64-bit LCG (Knuth's MMIX constants), the top byte of each state.
fn lcg_bytes(len: usize) -> Vec<u8> {
    let mut x: u64 = 12345;
    (0..len)
        .map(|_| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (x >> 56) as u8
        })
        .collect()
}

#[test]
fn random_bytes_never_panic() {
    let tmp = Tmp::new();
    let path = tmp.file("random.bin", &lcg_bytes(RANDOM_LEN));
    for strict in [false, true] {
        let args: Vec<&str> = if strict { vec!["--strict", &path] } else { vec![&path] };
        let r = extract(&args);
        assert!(r.code.is_some(), "killed by a signal ({args:?}): {}", r.stderr);
        if r.code == Some(0) {
            let docs = r.json_lines();
            assert_eq!(docs.len(), 1, "{args:?}");
            assert!(docs[0]["encoding"].is_string());
        } else {
            assert!(r.stderr.contains(&path), "{args:?}: an unclear error: {}", r.stderr);
            assert!(r.stdout.is_empty(), "{args:?}: partial output");
        }
        if strict {
            assert!(r.code != Some(0) && r.stderr.contains("byte"), "{}", r.stderr);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// extract: options and formats

#[test]
fn csv_format() {
    let tmp = Tmp::new();
    let text = "全市实现GDP 1,318.2亿元，增长6.8%；城镇化率达70%~80%区间。";
    let path = tmp.file("a,b.txt", text.as_bytes());
    let r = extract(&["--format", "csv", &path]);
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    assert_eq!(r.lines()[0], "file,start,end,text,value,low,high,unit,qualifier");
    assert!(
        r.lines()[1].starts_with(&format!("\"{path}\",")),
        "a file name with a comma must be quoted: {}",
        r.lines()[1]
    );
    let rows = read_csv(&r.stdout);
    let json = extract(&[&path]).json_lines().remove(0);
    let quantities = json["quantities"].as_array().expect("quantities");
    assert_eq!(rows.len(), 1 + quantities.len(), "{}", r.stdout);
    assert!(quantities.len() >= 3, "{json}");
    for (row, q) in rows[1..].iter().zip(quantities) {
        let want: Vec<String> = std::iter::once(path.clone())
            .chain(
                ["start", "end", "text", "value", "low", "high", "unit", "qualifier"]
                    .iter()
                    .map(|k| cell(q.get(*k).unwrap_or(&Value::Null))),
            )
            .collect();
        assert_eq!(row, &want);
    }
    // A text with a comma is quoted too, and reads back whole.
    assert!(r.stdout.contains("\"1,318.2亿元\""), "{}", r.stdout);
    assert!(rows
        .iter()
        .any(|r| r[3] == "70%~80%" && r[4].is_empty() && r[5] == "70" && r[6] == "80"));
}

#[test]
fn facts_csv_format() {
    let tmp = Tmp::new();
    let path = tmp.file(
        "facts.txt",
        "2023年，长兴县税收收入占一般公共预算收入比重为88.9%，较2019年提高5.5个百分点。\
力争到2025年，规上工业总产值突破3000亿元。"
            .as_bytes(),
    );
    let r = extract(&["--format", "facts-csv", &path]);
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    let header =
        "file,region,region_code,indicator,period,start,end,text,value,low,high,unit,qualifier,change,basis,target";
    assert_eq!(r.lines()[0], header);
    let rows = read_csv(&r.stdout);
    let json = extract(&[&path]).json_lines().remove(0);
    let facts = json["facts"].as_array().expect("facts");
    assert_eq!(facts.len(), 3, "{json}");
    assert_eq!(rows.len(), 1 + facts.len(), "{}", r.stdout);
    for (row, f) in rows[1..].iter().zip(facts) {
        let q = &f["quantity"];
        let mut want = vec![path.clone()];
        want.extend(["region", "region_code", "indicator", "period"].map(|k| cell(&f[k])));
        want.extend(["start", "end", "text", "value", "low", "high", "unit", "qualifier"].map(|k| cell(&q[k])));
        want.push(cell(&f["change"]["direction"]));
        want.push(cell(&f["change"]["basis"]));
        want.push(cell(&f["target"]));
        assert_eq!(row, &want);
    }
    assert_eq!(rows[2][13..], ["increase", "vs:2019", "false"]);
    assert_eq!(rows[3][13..], ["", "", "true"]);
    assert_eq!(
        rows[1][1..5],
        ["长兴县", "330522", "税收收入占一般公共预算收入比重", "2023"]
    );
}

#[test]
fn date_option_resolves_relative_periods() {
    let tmp = Tmp::new();
    let path = tmp.file("rel.txt", "今年上半年，海宁市GDP同比增长5%。".as_bytes());
    let dated = tmp.file(
        "dated.txt",
        "发布时间：2023/05/06\n今年上半年，海宁市GDP同比增长5%。".as_bytes(),
    );
    let period = |args: &[&str]| {
        let r = extract(args);
        assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
        cell(&r.json_lines()[0]["facts"][0]["period"])
    };
    assert_eq!(period(&[&path]), "");
    assert_eq!(period(&["--date", "2024-09-24", &path]), "2024H1");
    assert_eq!(period(&[&dated]), "2023H1");
    assert_eq!(period(&["--date", "2024-09-24", &dated]), "2024H1");
}

#[test]
fn bad_options_exit_2() {
    for args in [
        &["--date", "2024-13-01"][..],
        &["--date", "yesterday"],
        &["--date"],
        &["--format", "xml"],
        &["--format"],
        &["--no-such-option"],
    ] {
        let r = extract(args);
        assert_eq!(r.code, Some(2), "{args:?}: stderr {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}: output {}", r.stdout);
        assert!(!r.stderr.trim().is_empty(), "{args:?}: no message");
    }
    let r = extract(&["--date", "2024-13-01"]);
    assert!(
        r.stderr.contains("--date") && r.stderr.contains("2024-13-01"),
        "{}",
        r.stderr
    );
    let r = extract(&["--format", "xml"]);
    assert!(r.stderr.contains("xml"), "{}", r.stderr);
}

// ---------------------------------------------------------------------------------------------
// parse

#[test]
fn parse_one_object_per_line_in_order() {
    let input = "1318.2亿元\n一千零十一\nfoo\n   \n\n70%~80%\r\n四分之三\n超8000套\n";
    let r = run_bin("parse", &[], Some(input.as_bytes()));
    r.no_panic();
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    let out = r.json_lines();
    let inputs: Vec<String> = out.iter().map(|o| cell(&o["input"])).collect();
    assert_eq!(
        inputs,
        [
            "1318.2亿元",
            "一千零十一",
            "foo",
            "   ",
            "",
            "70%~80%",
            "四分之三",
            "超8000套"
        ]
    );
    assert_eq!(out[0]["value"], "131820000000");
    assert_eq!(out[0]["unit"], "CNY");
    assert_eq!(out[0]["qualifier"], "exact");
    assert_eq!(out[1]["value"], "1011");
    assert!(out[1].get("unit").is_some_and(Value::is_null), "{}", out[1]);
    for (i, o) in out.iter().enumerate().skip(2).take(3) {
        let keys: Vec<&String> = o.as_object().expect("an object").keys().collect();
        assert_eq!(keys, ["error", "input"], "line {}: {o}", i + 1);
        assert!(!cell(&o["error"]).is_empty());
    }
    assert!(out[2]["error"].as_str().unwrap().contains("byte"), "{}", out[2]);
    assert!(out[5]["value"].is_null());
    assert_eq!(
        (&out[5]["low"], &out[5]["high"]),
        (&Value::from("70"), &Value::from("80"))
    );
    assert_eq!(out[6]["value"], "0.75");
    assert_eq!(
        (&out[7]["value"], &out[7]["unit"], &out[7]["qualifier"]),
        (&"8000".into(), &"套".into(), &"over".into())
    );
}

#[test]
fn parse_empty_input() {
    let r = run_bin("parse", &[], Some(b""));
    r.no_panic();
    assert_eq!(r.code, Some(0));
    assert!(r.stdout.is_empty());
}
