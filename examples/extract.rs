//! Extracts every quantity from Chinese text files and writes them as JSON
//! lines or CSV (../shared/CONTRACT.md).
//!
//! ```text
//! cargo run --release --example extract                       # the bundled sample
//! cargo run --release --example extract -- a.txt b.txt        # files (any of UTF-8/16, GB18030, Big5)
//! cat a.txt | cargo run --release --example extract -- -      # standard input
//! cargo run --release --example extract -- --format csv a.txt
//! cargo run --release --example extract -- --format facts-csv --date 2024-09-24 a.txt
//! ```
//!
//! A file that cannot be read or decoded is reported on stderr with its name;
//! the other files are still processed and the exit status is 1.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use rayon::prelude::*;

use zh_econ::decode;
use zh_econ::document::{Document, Options};
use zh_econ::fact::Fact;
use zh_econ::period::Date;
use zh_econ::Quantity;

const SAMPLE: &str = include_str!("sample.txt");

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Jsonl,
    Csv,
    FactsCsv,
}

struct Args {
    format: Format,
    strict: bool,
    date: Option<Date>,
    files: Vec<String>,
}

fn parse_args() -> Result<Args, lexopt::Error> {
    use lexopt::prelude::*;
    let mut args = Args {
        format: Format::Jsonl,
        strict: false,
        date: None,
        files: Vec::new(),
    };
    let mut p = lexopt::Parser::from_env();
    while let Some(arg) = p.next()? {
        match arg {
            Long("format") => {
                args.format = match p.value()?.string()?.as_str() {
                    "jsonl" => Format::Jsonl,
                    "csv" => Format::Csv,
                    "facts-csv" => Format::FactsCsv,
                    other => return Err(format!("unknown format {other:?} (expected jsonl, csv or facts-csv)").into()),
                }
            }
            Long("strict") => args.strict = true,
            Long("date") => {
                let v = p.value()?.string()?;
                args.date = Some(v.parse().map_err(|e| format!("--date: {e}"))?);
            }
            Long("help") | Short('h') => {
                println!("usage: extract [--format jsonl|csv|facts-csv] [--date YYYY-MM-DD] [--strict] [FILE|- ...]");
                std::process::exit(0);
            }
            Value(v) => args.files.push(v.string()?),
            _ => return Err(arg.unexpected()),
        }
    }
    Ok(args)
}

/// One input: its name and bytes, or why it could not be read.
fn read_input(name: &str) -> io::Result<Vec<u8>> {
    if name == "-" {
        let mut buf = Vec::new();
        io::stdin().lock().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(name)
    }
}

/// One output line of the jsonl format (../shared/CONTRACT.md, "One document").
#[derive(serde::Serialize)]
struct Line<'a> {
    source: &'a str,
    encoding: &'static str,
    date: Option<String>,
    quantities: &'a [Quantity],
    facts: &'a [Fact],
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The quantity columns shared by both CSV formats:
/// `start,end,text,value,low,high,unit,qualifier`.
fn quantity_cells(q: &Quantity) -> String {
    let d = |v: Option<zh_econ::Decimal>| v.map(|v| v.normalize().to_string()).unwrap_or_default();
    format!(
        "{},{},{},{},{},{},{},{}",
        q.start,
        q.end,
        csv_field(&q.text),
        d(q.value),
        d(q.low),
        d(q.high),
        csv_field(&q.unit.map(|u| u.to_string()).unwrap_or_default()),
        q.qualifier
    )
}

fn csv_row(out: &mut impl Write, source: &str, q: &Quantity) -> io::Result<()> {
    writeln!(out, "{},{}", csv_field(source), quantity_cells(q))
}

fn facts_row(out: &mut impl Write, source: &str, f: &Fact) -> io::Result<()> {
    let s = |v: Option<&str>| csv_field(v.unwrap_or(""));
    writeln!(
        out,
        "{},{},{},{},{},{},{},{},{}",
        csv_field(source),
        s(f.region.as_deref()),
        s(f.region_code.as_deref()),
        s(f.indicator.as_deref()),
        f.period.map(|p| p.to_string()).unwrap_or_default(),
        quantity_cells(&f.quantity),
        f.change
            .map(|c| format!("{:?}", c.direction).to_lowercase())
            .unwrap_or_default(),
        f.change
            .and_then(|c| c.basis)
            .map(|b| b.to_string())
            .unwrap_or_default(),
        f.target
    )
}

/// Reads, decodes and parses one input and writes its output to `out`.
/// Problems with the input go to `messages`; `Ok(false)` means the input
/// failed, `Err` that writing the output failed.
fn process(
    name: &str,
    args: &Args,
    options: &Options,
    out: &mut impl Write,
    messages: &mut Vec<String>,
) -> io::Result<bool> {
    let (source, bytes) = if name.is_empty() {
        ("sample.txt".to_string(), SAMPLE.as_bytes().to_vec())
    } else {
        match read_input(name) {
            Ok(b) => (name.to_string(), b),
            Err(e) => {
                messages.push(format!("extract: {name}: cannot read: {e}"));
                return Ok(false);
            }
        }
    };
    let decoded = if args.strict {
        match decode::decode(&bytes) {
            Ok(d) => d,
            Err(e) => {
                messages.push(format!("extract: {source}: {e}"));
                return Ok(false);
            }
        }
    } else {
        let d = decode::decode_lossy(&bytes);
        if d.replacements > 0 {
            messages.push(format!(
                "extract: {source}: warning: {} malformed {} sequence(s) replaced, the first at byte {}",
                d.replacements,
                d.encoding,
                d.first_replacement.unwrap_or(0)
            ));
        }
        d
    };
    let doc = Document::parse_with(&decoded.text, options);
    match args.format {
        Format::Jsonl => {
            let line = Line {
                source: &source,
                encoding: decoded.encoding.name(),
                date: doc.date.map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)),
                quantities: &doc.quantities,
                facts: &doc.facts,
            };
            // Streamed straight to the output: no copy of the document as a JSON
            // tree or string. These types cannot fail to serialize, so only an
            // I/O error (reported by the caller, with the exit status) can cut a line.
            serde_json::to_writer(&mut *out, &line).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        Format::Csv => doc.quantities.iter().try_for_each(|q| csv_row(out, &source, q))?,
        Format::FactsCsv => doc.facts.iter().try_for_each(|f| facts_row(out, &source, f))?,
    }
    Ok(true)
}

/// Exit after an output error: quietly for a closed pipe (`| head`).
fn write_failed(e: io::Error) -> ExitCode {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return ExitCode::SUCCESS;
    }
    eprintln!("extract: writing output: {e}");
    ExitCode::FAILURE
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("extract: {e}");
            return ExitCode::from(2);
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Csv => {
            let _ = writeln!(out, "file,start,end,text,value,low,high,unit,qualifier");
        }
        Format::FactsCsv => {
            let _ = writeln!(
                out,
                "file,region,region_code,indicator,period,start,end,text,value,low,high,unit,qualifier,change,basis,target"
            );
        }
        Format::Jsonl => {}
    }
    let options = match args.date {
        Some(d) => Options::new().date(d),
        None => Options::new(),
    };
    let inputs: Vec<String> = if args.files.is_empty() {
        vec![String::new()]
    } else {
        args.files.clone()
    };
    // One input is streamed straight out; many are read, decoded and parsed on
    // all cores (rayon), a batch at a time, and written in the order given.
    let mut failed = false;
    let batch = if inputs.len() > 1 {
        rayon::current_num_threads().max(1) * 2
    } else {
        1
    };
    for chunk in inputs.chunks(batch) {
        let results: Vec<(Vec<u8>, Vec<String>, bool)> = if chunk.len() == 1 {
            let mut messages = Vec::new();
            let ok = match chunk.first() {
                Some(name) => process(name, &args, &options, &mut out, &mut messages),
                None => Ok(true),
            };
            match ok {
                Ok(ok) => vec![(Vec::new(), messages, !ok)],
                Err(e) => return write_failed(e),
            }
        } else {
            chunk
                .par_iter()
                .map(|name| {
                    let mut buf = Vec::new();
                    let mut messages = Vec::new();
                    let ok = process(name, &args, &options, &mut buf, &mut messages).unwrap_or(false);
                    (buf, messages, !ok)
                })
                .collect()
        };
        for (buf, messages, bad) in results {
            for m in messages {
                eprintln!("{m}");
            }
            failed |= bad;
            if let Err(e) = out.write_all(&buf) {
                return write_failed(e);
            }
        }
    }
    if out.flush().is_err() {
        return ExitCode::FAILURE;
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
