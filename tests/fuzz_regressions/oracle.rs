//! The checks behind the fuzz targets (`fuzz/fuzz_targets/*.rs`) and their regression tests
//! (`tests/fuzz_regressions.rs`): one function per target, taking the raw fuzz input. Each
//! panics on any input that breaks the crate's documented behaviour, so a panic inside zh-econ
//! and a violated invariant both show up as a crash.
//!
//! This file is included with `#[path]` by both, so the fuzzers and the replayed regressions
//! run exactly the same code.

use std::borrow::Cow;

use zh_econ::decode::{decode, decode_lossy, detect};
use zh_econ::document::Document;
use zh_econ::format::{to_chinese, to_digits, Style};
use zh_econ::quantity::{parse_expression, ParseError, Qualifier, Quantity};
use zh_econ::scan;
use zh_econ::Decimal;

/// Target `pipeline`: bytes → `decode` / `decode_lossy` → `scan::quantities` → `Document::parse`.
pub fn pipeline(data: &[u8]) {
    let lossy = decode_lossy(data);
    assert_eq!(lossy.encoding, detect(data), "decode_lossy and detect disagree");
    assert!(
        lossy.text.len() <= data.len().saturating_mul(3),
        "decoded text is more than 3 bytes per input byte"
    );
    let fffd = lossy.text.chars().filter(|&c| c == char::REPLACEMENT_CHARACTER).count();
    assert!(
        lossy.replacements <= fffd,
        "{} replacements but {fffd} U+FFFD",
        lossy.replacements
    );
    assert_eq!(lossy.replacements == 0, lossy.first_replacement.is_none());
    if let Some(at) = lossy.first_replacement {
        assert!(at < data.len(), "first replacement {at} outside the input");
    }
    if lossy.encoding == zh_econ::decode::Encoding::Utf8 && !lossy.bom && lossy.replacements == 0 {
        assert!(matches!(lossy.text, Cow::Borrowed(_)), "valid UTF-8 was copied");
    }
    match decode(data) {
        Ok(strict) => {
            assert_eq!(lossy.replacements, 0, "strict decoding succeeded, lenient replaced");
            assert_eq!(strict, lossy, "strict and lenient decodings differ");
        }
        Err(e) => {
            assert_eq!(e.encoding(), lossy.encoding, "strict error names another encoding");
            assert_eq!(
                lossy.first_replacement,
                Some(e.offset()),
                "strict error offset and first lenient replacement differ ({e})"
            );
            let end = e.offset().saturating_add(e.bytes().len()).min(data.len());
            assert_eq!(
                Some(e.bytes()),
                data.get(e.offset()..end),
                "error bytes are not the input's"
            );
            let _ = e.to_string();
        }
    }
    text(&lossy.text);
}

/// The text half of [`pipeline`]: scan and document invariants for any `&str`.
pub fn text(text: &str) {
    let found: Vec<Quantity> = scan::quantities(text).collect();
    let mut prev_end = 0;
    for q in &found {
        check_span(text, q);
        assert!(q.start >= prev_end, "quantities overlap or are out of order: {q:?}");
        prev_end = q.end;
        // A quantity never starts in the middle of a run of digits: that would be the tail of a
        // longer number, read as a value the text does not have.
        let before = text.get(..q.start).and_then(|s| s.chars().next_back());
        let first = q.text.chars().next();
        assert!(
            !(before.is_some_and(is_digit) && first.is_some_and(is_digit)),
            "quantity starts inside a number: {:?} after {before:?}",
            q.text
        );
    }
    let doc = Document::parse(text);
    assert_eq!(doc.quantities, found, "Document::parse and scan::quantities disagree");
    for r in &doc.regions {
        assert!(
            r.start <= r.end && text.get(r.start..r.end).is_some(),
            "bad region span {r:?}"
        );
    }
    for f in &doc.facts {
        check_span(text, &f.quantity);
        let (s, e) = f.sentence;
        assert!(s <= e && text.get(s..e).is_some(), "bad sentence span {s}..{e}");
        assert!(
            s <= f.quantity.start && f.quantity.end <= e,
            "fact outside its sentence"
        );
        assert!(
            doc.quantities.contains(&f.quantity),
            "fact quantity not among the quantities"
        );
    }
}

/// An ASCII or full-width decimal digit.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A quantity's span is a non-empty slice of `text` on char boundaries, equal to `q.text`, and it
/// has a value or both ends of a range.
fn check_span(text: &str, q: &Quantity) {
    assert!(q.start < q.end, "empty span {q:?}");
    assert_eq!(
        text.get(q.start..q.end),
        Some(q.text.as_str()),
        "span is not the text: {q:?}"
    );
    assert!(
        q.value.is_some() || (q.low.is_some() && q.high.is_some()),
        "neither value nor range: {q:?}"
    );
    let _ = q.to_string();
}

/// Target `expression`: arbitrary UTF-8 through the single-expression parser.
pub fn expression(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let parsed = parse_expression(s);
    assert_eq!(s.parse::<Quantity>(), parsed, "FromStr and parse_expression differ");
    match parsed {
        Ok(q) => {
            check_span(s, &q);
            let (start, end) = (s.len() - s.trim_start().len(), s.trim_end().len());
            assert_eq!(
                (q.start, q.end),
                (start, end),
                "a whole expression spans the trimmed input"
            );
        }
        Err(ParseError::Empty) => assert!(s.trim().is_empty(), "Empty for non-blank input"),
        Err(ParseError::ExpectedNumber { offset, .. } | ParseError::Trailing { offset, .. }) => {
            assert!(
                s.is_char_boundary(offset),
                "error offset {offset} not on a char boundary"
            );
        }
        Err(ParseError::Overflow { start, end }) => {
            assert!(
                start <= end && s.get(start..end).is_some(),
                "bad overflow span {start}..{end}"
            );
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

/// The value and style a `round_trip` input stands for: bytes 0..12 are the 96-bit magnitude
/// (little-endian), byte 12 the sign (bit 7) and scale (`% 29`), byte 13 the style (`% 3`).
/// Missing bytes are zero.
pub fn round_trip_input(data: &[u8]) -> (Decimal, Style) {
    let mut b = [0_u8; 14];
    for (slot, &x) in b.iter_mut().zip(data) {
        *slot = x;
    }
    let word = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    let scale = u32::from(b[12] & 0x7f) % 29;
    let value = Decimal::from_parts(word(0), word(4), word(8), b[12] & 0x80 != 0, scale);
    let style = match b[13] % 3 {
        0 => Style::Lower,
        1 => Style::Upper,
        _ => Style::Traditional,
    };
    (value, style)
}

/// Target `round_trip`: `parse_expression(&to_chinese(&v, style))` gives back `v`, as a bare
/// number (no unit, exact); so does `to_digits`.
///
/// A wrong value is never accepted. `ParseError::Overflow` is accepted only for a value with 29
/// significant digits (normalized mantissa ≥ 10^28): those exceed the 28 digits that
/// `rust_decimal` keeps exact through arithmetic, so a reader may legitimately fail on them
/// (it must still fail with the typed error, never with a rounded value). Every value of at most
/// 28 significant digits must read back exactly.
pub fn round_trip(data: &[u8]) {
    let (v, style) = round_trip_input(data);
    let v = v.normalize();
    let overflow_ok = v.mantissa().unsigned_abs() >= 10_u128.pow(28);
    for (how, written) in [
        ("to_chinese", to_chinese(&v, style)),
        ("to_digits", to_digits(&v, style)),
    ] {
        match parse_expression(&written) {
            Ok(q) => {
                assert_eq!(q.value, Some(v), "{how}({v}, {style:?}) = {written} read back as {q}");
                assert_eq!(q.unit, None, "{how}({v}, {style:?}) = {written} read with a unit");
                assert_eq!(q.qualifier, Qualifier::Exact, "{how}({v}, {style:?}) = {written}");
            }
            Err(ParseError::Overflow { .. }) if overflow_ok => {}
            Err(e) => panic!("{how}({v}, {style:?}) = {written} does not read back: {e}"),
        }
    }
}
