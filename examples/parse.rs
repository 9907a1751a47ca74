//! Parses one expression per line of standard input and writes one JSON object
//! per line (../shared/CONTRACT.md, "Parsing single expressions").
//!
//! ```text
//! $ echo 1318.2亿元 | cargo run --release --example parse
//! {"input":"1318.2亿元","value":"131820000000","unit":"CNY","qualifier":"exact"}
//! ```

use std::io::{self, BufRead, BufWriter, Write};

use serde_json::{json, Map, Value};
use zh_econ::Quantity;

fn main() -> io::Result<()> {
    let stdin = io::stdin();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut buf = Vec::new();
    let mut input = stdin.lock();
    loop {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        if buf.last() == Some(&b'\n') {
            buf.pop();
        }
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        let line = String::from_utf8_lossy(&buf);
        let obj = match line.parse::<Quantity>() {
            Ok(q) => {
                let mut m = Map::new();
                m.insert("input".into(), json!(line));
                if let Value::Object(fields) = serde_json::to_value(&q)? {
                    for k in ["value", "low", "high", "unit", "qualifier"] {
                        if let Some(v) = fields.get(k) {
                            m.insert(k.into(), v.clone());
                        }
                    }
                }
                Value::Object(m)
            }
            Err(e) => json!({"input": line, "error": e.to_string()}),
        };
        serde_json::to_writer(&mut out, &obj)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
