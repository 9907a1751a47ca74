//! Tests for `zh_econ::format`: cn2an's an2cn conformance cases, the 零 / 十 / section-word
//! conventions, extremes of `Decimal`, and a round trip through a small reference reader.

use std::str::FromStr;

use proptest::prelude::*;
use zh_econ::format::{to_chinese, to_digits, Style};
use zh_econ::Decimal;

fn dec(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap_or_else(|e| panic!("bad decimal {s:?}: {e}"))
}

// ---------------------------------------------------------------------------------------------
// cn2an conformance cases
//
// Copied from /work/shared/data/conformance/cn2an/cases.jsonl (cn2an snapshot 7c9ba07): every
// case whose `peer_mode` (for `derived` cases) or `also_in_peer_modes` names low, up or direct,
// i.e. the Chinese that cn2an's an2cn writes for the number. Columns: case id, value, text.
//
// Exceptions (left out of these tables, checked in `cn2an_exceptions` below):
// - cn2an-parse-219/220/222 (12.0), 223/224 (2.0), 228 (1.23e5): cn2an writes a Python float
//   with `str()`, so 12.0 becomes 十二点零 / 壹拾贰点零 / 一二点零 and 1.23e5 十二万三千点零. Our
//   input is an exact Decimal, normalized first, and the majority of cn2an's cases drop trailing
//   fractional zeros (1.10 → 一点一, 0.10 → 零点一, and every integer), so we write 十二.
// - cn2an-parse-230 (direct "012" → 零一二): cn2an was given the string "012"; a Decimal has no
//   leading zeros, so 12 is written 一二.
// ---------------------------------------------------------------------------------------------

const CN2AN_LOW: &[(&str, &str, &str)] = &[
    ("cn2an-parse-001", "0", "零"),
    ("cn2an-parse-002", "1", "一"),
    ("cn2an-parse-004", "11", "十一"),
    ("cn2an-parse-083", "0.01", "零点零一"),
    ("cn2an-parse-084", "0.1", "零点一"),
    ("cn2an-parse-085", "-1", "负一"),
    ("cn2an-parse-088", "-11", "负十一"),
    ("cn2an-parse-157", "1000000", "一百万"),
    ("cn2an-parse-161", "1000054", "一百万零五十四"),
    ("cn2an-parse-165", "1903971", "一百九十万三千九百七十一"),
    ("cn2an-parse-169", "103453", "十万三千四百五十三"),
    ("cn2an-parse-173", "150006355", "一亿五千万六千三百五十五"),
    ("cn2an-parse-177", "31000054", "三千一百万零五十四"),
    (
        "cn2an-parse-181",
        "9876543298765432",
        "九千八百七十六万五千四百三十二亿九千八百七十六万五千四百三十二",
    ),
    ("cn2an-parse-185", "10000000000000", "十万亿"),
    (
        "cn2an-parse-194",
        "0.000500050005005",
        "零点零零零五零零零五零零零五零零五",
    ),
    ("cn2an-parse-196", "0.00005", "零点零零零零五"),
    ("cn2an-parse-198", "0.4321", "零点四三二一"),
    ("cn2an-parse-201", "1000054.4321", "一百万零五十四点四三二一"),
    ("cn2an-parse-205", "1.01", "一点零一"),
    ("cn2an-parse-208", "1.2", "一点二"),
    ("cn2an-parse-213", "-0.1", "负零点一"),
    ("cn2an-parse-216", "1.1", "一点一"),
    ("cn2an-parse-229", "0.0000123", "零点零零零零一二三"),
];

const CN2AN_UP: &[(&str, &str, &str)] = &[
    ("cn2an-parse-001", "0", "零"),
    ("cn2an-parse-031", "1", "壹"),
    ("cn2an-parse-034", "11", "壹拾壹"),
    ("cn2an-parse-158", "1000000", "壹佰万"),
    ("cn2an-parse-162", "1000054", "壹佰万零伍拾肆"),
    ("cn2an-parse-166", "1903971", "壹佰玖拾万叁仟玖佰柒拾壹"),
    ("cn2an-parse-170", "103453", "壹拾万叁仟肆佰伍拾叁"),
    ("cn2an-parse-174", "150006355", "壹亿伍仟万陆仟叁佰伍拾伍"),
    ("cn2an-parse-178", "31000054", "叁仟壹佰万零伍拾肆"),
    (
        "cn2an-parse-182",
        "9876543298765432",
        "玖仟捌佰柒拾陆万伍仟肆佰叁拾贰亿玖仟捌佰柒拾陆万伍仟肆佰叁拾贰",
    ),
    ("cn2an-parse-186", "10000000000000", "壹拾万亿"),
    ("cn2an-parse-189", "-1", "负壹"),
    ("cn2an-parse-191", "-11", "负壹拾壹"),
    (
        "cn2an-parse-195",
        "0.000500050005005",
        "零点零零零伍零零零伍零零零伍零零伍",
    ),
    ("cn2an-parse-197", "0.00005", "零点零零零零伍"),
    ("cn2an-parse-199", "0.4321", "零点肆叁贰壹"),
    ("cn2an-parse-202", "1000054.4321", "壹佰万零伍拾肆点肆叁贰壹"),
    ("cn2an-parse-206", "1.01", "壹点零壹"),
    ("cn2an-parse-209", "1.2", "壹点贰"),
    ("cn2an-parse-211", "0.01", "零点零壹"),
    ("cn2an-parse-214", "-0.1", "负零点壹"),
    ("cn2an-parse-217", "1.1", "壹点壹"),
    ("cn2an-parse-226", "0.1", "零点壹"),
];

const CN2AN_DIRECT: &[(&str, &str, &str)] = &[
    ("cn2an-parse-001", "0", "零"),
    ("cn2an-parse-002", "1", "一"),
    ("cn2an-parse-083", "0.01", "零点零一"),
    ("cn2an-parse-084", "0.1", "零点一"),
    ("cn2an-parse-085", "-1", "负一"),
    ("cn2an-parse-091", "11", "一一"),
    ("cn2an-parse-160", "1000000", "一零零零零零零"),
    ("cn2an-parse-164", "1000054", "一零零零零五四"),
    ("cn2an-parse-168", "1903971", "一九零三九七一"),
    ("cn2an-parse-172", "103453", "一零三四五三"),
    ("cn2an-parse-176", "150006355", "一五零零零六三五五"),
    ("cn2an-parse-180", "31000054", "三一零零零零五四"),
    (
        "cn2an-parse-184",
        "9876543298765432",
        "九八七六五四三二九八七六五四三二",
    ),
    ("cn2an-parse-188", "10000000000000", "一零零零零零零零零零零零零零"),
    ("cn2an-parse-193", "-11", "负一一"),
    (
        "cn2an-parse-194",
        "0.000500050005005",
        "零点零零零五零零零五零零零五零零五",
    ),
    ("cn2an-parse-196", "0.00005", "零点零零零零五"),
    ("cn2an-parse-198", "0.4321", "零点四三二一"),
    ("cn2an-parse-204", "1000054.4321", "一零零零零五四点四三二一"),
    ("cn2an-parse-205", "1.01", "一点零一"),
    ("cn2an-parse-208", "1.2", "一点二"),
    ("cn2an-parse-213", "-0.1", "负零点一"),
    ("cn2an-parse-216", "1.1", "一点一"),
];

/// (case id, mode, value, what cn2an wrote, what we write). See the comment above `CN2AN_LOW`.
const CN2AN_EXCEPTIONS: &[(&str, &str, &str, &str, &str)] = &[
    ("cn2an-parse-219", "low", "12", "十二点零", "十二"),
    ("cn2an-parse-220", "up", "12", "壹拾贰点零", "壹拾贰"),
    ("cn2an-parse-222", "direct", "12", "一二点零", "一二"),
    ("cn2an-parse-223", "low", "2", "二点零", "二"),
    ("cn2an-parse-223", "direct", "2", "二点零", "二"),
    ("cn2an-parse-224", "up", "2", "贰点零", "贰"),
    ("cn2an-parse-228", "low", "123000", "十二万三千点零", "十二万三千"),
    ("cn2an-parse-230", "direct", "12", "零一二", "一二"),
];

fn check_table(table: &[(&str, &str, &str)], write: impl Fn(&Decimal) -> String) {
    let mut failures = Vec::new();
    for &(id, value, expected) in table {
        let got = write(&dec(value));
        if got != expected {
            failures.push(format!("{id}: {value} → {got}, cn2an wrote {expected}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn cn2an_low() {
    check_table(CN2AN_LOW, |v| to_chinese(v, Style::Lower));
}

#[test]
fn cn2an_up() {
    check_table(CN2AN_UP, |v| to_chinese(v, Style::Upper));
}

#[test]
fn cn2an_direct() {
    check_table(CN2AN_DIRECT, |v| to_digits(v, Style::Lower));
}

#[test]
fn cn2an_exceptions() {
    for &(id, mode, value, theirs, ours) in CN2AN_EXCEPTIONS {
        let value = dec(value);
        let got = match mode {
            "low" => to_chinese(&value, Style::Lower),
            "up" => to_chinese(&value, Style::Upper),
            "direct" => to_digits(&value, Style::Lower),
            _ => unreachable!("{id}: mode {mode}"),
        };
        assert_eq!(got, ours, "{id}");
        // The only differences are a float's trailing 点零 and a string's leading 零.
        let explained = theirs == format!("{ours}点零") || theirs == format!("零{ours}");
        assert!(explained, "{id}: {theirs} vs {ours}");
        // The values written with trailing zeros are written the same as without them.
        let with_zero = dec(&format!("{value}.0"));
        let again = match mode {
            "up" => to_chinese(&with_zero, Style::Upper),
            "direct" => to_digits(&with_zero, Style::Lower),
            _ => to_chinese(&with_zero, Style::Lower),
        };
        assert_eq!(again, ours, "{id} with a trailing zero");
    }
}

// ---------------------------------------------------------------------------------------------
// Conventions: 十 at the start, 零 for skipped positions, section words.
// ---------------------------------------------------------------------------------------------

/// (value, Lower, Upper). For values below 10^16 these are what cn2an 0.5.24 writes, except for
/// 100001000 and 10^12 + 10^7: cn2an writes 一亿一千 and 一万亿一千万 (its 亿万 clean-up drops the
/// 零 when a whole 万 section is zero); we write one 零 for the skipped section, as for 一亿零一.
const INTEGERS: &[(&str, &str, &str)] = &[
    ("0", "零", "零"),
    ("1", "一", "壹"),
    ("2", "二", "贰"),
    ("10", "十", "壹拾"),
    ("11", "十一", "壹拾壹"),
    ("19", "十九", "壹拾玖"),
    ("20", "二十", "贰拾"),
    ("22", "二十二", "贰拾贰"),
    ("100", "一百", "壹佰"),
    ("101", "一百零一", "壹佰零壹"),
    ("110", "一百一十", "壹佰壹拾"),
    ("111", "一百一十一", "壹佰壹拾壹"),
    ("200", "二百", "贰佰"),
    ("1000", "一千", "壹仟"),
    ("1001", "一千零一", "壹仟零壹"),
    ("1010", "一千零一十", "壹仟零壹拾"),
    ("1100", "一千一百", "壹仟壹佰"),
    ("10000", "一万", "壹万"),
    ("10001", "一万零一", "壹万零壹"),
    ("10010", "一万零一十", "壹万零壹拾"),
    ("10100", "一万零一百", "壹万零壹佰"),
    ("11000", "一万一千", "壹万壹仟"),
    ("100000", "十万", "壹拾万"),
    ("100010", "十万零一十", "壹拾万零壹拾"),
    ("105000", "十万五千", "壹拾万伍仟"),
    ("110000", "十一万", "壹拾壹万"),
    ("1000000", "一百万", "壹佰万"),
    ("1001000", "一百万一千", "壹佰万壹仟"),
    ("1010000", "一百零一万", "壹佰零壹万"),
    ("10000000", "一千万", "壹仟万"),
    ("100000000", "一亿", "壹亿"),
    ("100000001", "一亿零一", "壹亿零壹"),
    ("100001000", "一亿零一千", "壹亿零壹仟"),
    ("100010000", "一亿零一万", "壹亿零壹万"),
    ("110000000", "一亿一千万", "壹亿壹仟万"),
    ("1000000000", "十亿", "壹拾亿"),
    ("1000000010", "十亿零一十", "壹拾亿零壹拾"),
    ("1000000000000", "一万亿", "壹万亿"),
    ("1000000000001", "一万亿零一", "壹万亿零壹"),
    ("1000010000000", "一万亿零一千万", "壹万亿零壹仟万"),
    ("1000100000000", "一万零一亿", "壹万零壹亿"),
    (
        "1234567890123",
        "一万二千三百四十五亿六千七百八十九万零一百二十三",
        "壹万贰仟叁佰肆拾伍亿陆仟柒佰捌拾玖万零壹佰贰拾叁",
    ),
    ("10010000000000", "十万零一百亿", "壹拾万零壹佰亿"),
    ("10000000000000", "十万亿", "壹拾万亿"),
    (
        "9999999999999999",
        "九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九",
        "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖",
    ),
    // Beyond cn2an's 16 digits: group k of eight digits is followed by 亿 written k times.
    ("10000000000000000", "一亿亿", "壹亿亿"),
    ("10000000000000001", "一亿亿零一", "壹亿亿零壹"),
    ("10000000100000000", "一亿亿零一亿", "壹亿亿零壹亿"),
    ("10001000100000000", "一亿亿零一万零一亿", "壹亿亿零壹万零壹亿"),
    ("11000000000000000", "一亿亿一千万亿", "壹亿亿壹仟万亿"),
    ("100000000000000000", "十亿亿", "壹拾亿亿"),
    ("100000000000000000000", "一万亿亿", "壹万亿亿"),
    ("100000000000000000010", "一万亿亿零一十", "壹万亿亿零壹拾"),
    ("1000000000000000000000000", "一亿亿亿", "壹亿亿亿"),
    ("1000000010000000000000000", "一亿亿亿零一亿亿", "壹亿亿亿零壹亿亿"),
    ("10000000000000000000000000000", "一万亿亿亿", "壹万亿亿亿"),
];

#[test]
fn integers() {
    let mut failures = Vec::new();
    for &(value, lower, upper) in INTEGERS {
        let v = dec(value);
        for (style, expected) in [(Style::Lower, lower), (Style::Upper, upper)] {
            let got = to_chinese(&v, style);
            if got != expected {
                failures.push(format!("{value} {style:?}: got {got}, expected {expected}"));
            }
        }
        // Negative numbers: 负 before the same text, 十 still shortened at the start.
        if value != "0" {
            let neg = -v;
            assert_eq!(to_chinese(&neg, Style::Lower), format!("负{lower}"));
            assert_eq!(to_chinese(&neg, Style::Upper), format!("负{upper}"));
        }
        // Traditional is Lower in traditional script.
        assert_eq!(to_chinese(&v, Style::Traditional), traditional(lower));
        // Direct mode: the decimal digits.
        let digits: String = value.chars().map(lower_digit).collect();
        assert_eq!(to_digits(&v, Style::Lower), digits);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn traditional(lower: &str) -> String {
    lower
        .chars()
        .map(|c| match c {
            '万' => '萬',
            '亿' => '億',
            '负' => '負',
            '点' => '點',
            c => c,
        })
        .collect()
}

fn lower_digit(c: char) -> char {
    match c {
        '0' => '零',
        '1' => '一',
        '2' => '二',
        '3' => '三',
        '4' => '四',
        '5' => '五',
        '6' => '六',
        '7' => '七',
        '8' => '八',
        '9' => '九',
        '-' => '负',
        '.' => '点',
        c => panic!("not a digit: {c}"),
    }
}

#[test]
fn zero_and_negative_zero() {
    for style in [Style::Lower, Style::Upper, Style::Traditional] {
        for z in [
            Decimal::ZERO,
            -Decimal::ZERO,
            dec("0.000"),
            dec("-0.000"),
            Decimal::new(0, 28),
        ] {
            assert_eq!(to_chinese(&z, style), "零");
            assert_eq!(to_digits(&z, style), "零");
        }
    }
}

#[test]
fn negative_numbers() {
    assert_eq!(to_chinese(&dec("-10"), Style::Lower), "负十");
    assert_eq!(to_chinese(&dec("-10"), Style::Upper), "负壹拾");
    assert_eq!(to_chinese(&dec("-10"), Style::Traditional), "負十");
    assert_eq!(to_chinese(&dec("-105.25"), Style::Lower), "负一百零五点二五");
    assert_eq!(to_chinese(&dec("-0.5"), Style::Traditional), "負零點五");
    assert_eq!(to_digits(&dec("-1720.1"), Style::Upper), "负壹柒贰零点壹");
    assert_eq!(to_digits(&dec("-1720.1"), Style::Traditional), "負一七二零點一");
}

#[test]
fn fractions() {
    let cases: &[(&str, &str, &str)] = &[
        ("3.1415", "三点一四一五", "叁点壹肆壹伍"),
        ("1.50", "一点五", "壹点伍"),
        ("1.500000", "一点五", "壹点伍"),
        ("10.5", "十点五", "壹拾点伍"),
        ("12.0", "十二", "壹拾贰"),
        ("100.001", "一百点零零一", "壹佰点零零壹"),
        (
            "0.0000000000000000000000000001",
            "零点零零零零零零零零零零零零零零零零零零零零零零零零零零零一",
            "零点零零零零零零零零零零零零零零零零零零零零零零零零零零零壹",
        ),
        ("-0.1000", "负零点一", "负零点壹"),
        ("1318.2", "一千三百一十八点二", "壹仟叁佰壹拾捌点贰"),
        (
            "7.9228162514264337593543950335",
            "七点九二二八一六二五一四二六四三三七五九三五四三九五零三三五",
            "柒点玖贰贰捌壹陆贰伍壹肆贰陆肆叁叁柒伍玖叁伍肆叁玖伍零叁叁伍",
        ),
    ];
    for &(value, lower, upper) in cases {
        let v = dec(value);
        assert_eq!(to_chinese(&v, Style::Lower), lower, "{value}");
        assert_eq!(to_chinese(&v, Style::Upper), upper, "{value}");
        assert_eq!(to_chinese(&v, Style::Traditional), traditional(lower), "{value}");
    }
    assert_eq!(to_digits(&dec("1720.1"), Style::Lower), "一七二零点一");
    assert_eq!(to_digits(&dec("100.0100"), Style::Lower), "一零零点零一");
}

const MAX_LOWER: &str = "七万九千二百二十八亿亿亿一千六百二十五万一千四百二十六亿亿\
                         四千三百三十七万五千九百三十五亿四千三百九十五万零三百三十五";
const MAX_UPPER: &str = "柒万玖仟贰佰贰拾捌亿亿亿壹仟陆佰贰拾伍万壹仟肆佰贰拾陆亿亿\
                         肆仟叁佰叁拾柒万伍仟玖佰叁拾伍亿肆仟叁佰玖拾伍万零叁佰叁拾伍";

#[test]
fn decimal_max_and_min() {
    assert_eq!(Decimal::MAX.to_string(), "79228162514264337593543950335");
    assert_eq!(to_chinese(&Decimal::MAX, Style::Lower), MAX_LOWER);
    assert_eq!(to_chinese(&Decimal::MAX, Style::Upper), MAX_UPPER);
    assert_eq!(to_chinese(&Decimal::MIN, Style::Lower), format!("负{MAX_LOWER}"));
    assert_eq!(to_chinese(&Decimal::MIN, Style::Upper), format!("负{MAX_UPPER}"));
    assert_eq!(to_chinese(&Decimal::MAX, Style::Traditional), traditional(MAX_LOWER));
    assert_eq!(
        to_digits(&Decimal::MAX, Style::Lower),
        "七九二二八一六二五一四二六四三三七五九三五四三九五零三三五"
    );
    for v in extremes() {
        for style in [Style::Lower, Style::Upper, Style::Traditional] {
            assert_only_numerals(&to_chinese(&v, style));
            assert_only_numerals(&to_digits(&v, style));
        }
    }
}

/// Values at the edges of `Decimal`: the largest mantissas at every scale, the smallest values.
fn extremes() -> Vec<Decimal> {
    let mut values = vec![Decimal::MAX, Decimal::MIN, Decimal::ZERO, Decimal::ONE, -Decimal::ONE];
    let max_mantissa = Decimal::MAX.mantissa();
    for scale in 0..=28 {
        for m in [
            max_mantissa,
            -max_mantissa,
            1,
            -1,
            10,
            1_000_000_000_000_000_000_000_000_000,
        ] {
            values.push(Decimal::from_i128_with_scale(m, scale));
        }
    }
    values
}

const NUMERALS: &str = "零一二三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億负負点點";

fn assert_only_numerals(text: &str) {
    assert!(!text.is_empty());
    for c in text.chars() {
        assert!(NUMERALS.contains(c), "{c:?} in {text}");
    }
    for colloquial in ['两', '兩', '廿', '卅', '幺', '〇', '兆', '京'] {
        assert!(!text.contains(colloquial), "{colloquial} in {text}");
    }
}

#[test]
fn style_basics() {
    assert_eq!(Style::default(), Style::Lower);
    let value = dec("20000");
    assert_eq!(to_chinese(&value, Style::Lower), "二万");
    assert_eq!(to_chinese(&value, Style::Upper), "贰万");
    assert_eq!(to_chinese(&value, Style::Traditional), "二萬");
}

#[cfg(feature = "serde")]
#[test]
fn style_serde() {
    assert_eq!(serde_json::to_string(&Style::Upper).unwrap(), "\"upper\"");
    let style: Style = serde_json::from_str("\"traditional\"").unwrap();
    assert_eq!(style, Style::Traditional);
}

// ---------------------------------------------------------------------------------------------
// Round trip through a reference reader
//
// The reader applies the rule the module docs promise: a run of adjacent magnitude words (万 亿) is
// one magnitude, their product, and it multiplies everything before it that is lower than itself;
// 十 百 千 multiply the digit just before them (or one, at the start); 零 is only a filler.
// ---------------------------------------------------------------------------------------------

fn read(text: &str) -> Decimal {
    let (negative, rest) = match text.strip_prefix(['负', '負']) {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (integer, fraction) = match rest.split_once(['点', '點']) {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut s = read_integer(integer).to_string();
    if let Some(f) = fraction {
        s.push('.');
        s.extend(
            f.chars()
                .map(|c| char::from(b'0' + digit_value(c).expect("fraction digit"))),
        );
    }
    let v = Decimal::from_str(&s).expect("reader output");
    if negative {
        -v
    } else {
        v
    }
}

fn digit_value(c: char) -> Option<u8> {
    "零一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .or_else(|| "零壹贰叁肆伍陆柒捌玖".chars().position(|d| d == c))
        .map(|d| d as u8)
}

fn read_integer(text: &str) -> u128 {
    let chars: Vec<char> = text.chars().collect();
    // Finished sections with their magnitude.
    let mut stack: Vec<(u128, u128)> = Vec::new();
    // The value below 万 being read, and a digit waiting for its place word.
    let mut small: u128 = 0;
    let mut digit: Option<u128> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if let Some(d) = digit_value(c) {
            assert!(digit.is_none(), "two digits in a row in {text}");
            if d != 0 {
                digit = Some(u128::from(d));
            }
            continue;
        }
        let place = match c {
            '十' | '拾' => Some(10),
            '百' | '佰' => Some(100),
            '千' | '仟' => Some(1000),
            _ => None,
        };
        if let Some(p) = place {
            small += digit.take().unwrap_or(1) * p;
            continue;
        }
        let mut magnitude: u128 = 1;
        let mut j = i - 1;
        while let Some(&m) = chars.get(j) {
            let factor = match m {
                '万' | '萬' => 10_000,
                '亿' | '億' => 100_000_000,
                _ => break,
            };
            magnitude = magnitude.checked_mul(factor).expect("magnitude overflow");
            j += 1;
        }
        assert!(magnitude > 1, "unexpected {c:?} in {text}");
        i = j;
        let mut sum = small + digit.take().unwrap_or(0);
        small = 0;
        while let Some(&(v, m)) = stack.last() {
            if m < magnitude {
                sum += v;
                stack.pop();
            } else {
                break;
            }
        }
        stack.push((sum.checked_mul(magnitude).expect("value overflow"), magnitude));
    }
    stack.iter().map(|&(v, _)| v).sum::<u128>() + small + digit.unwrap_or(0)
}

#[test]
fn reader_reads_the_tables() {
    for &(_, value, text) in CN2AN_LOW.iter().chain(CN2AN_UP) {
        assert_eq!(read(text), dec(value), "{text}");
    }
    for &(value, lower, upper) in INTEGERS {
        assert_eq!(read(lower), dec(value), "{lower}");
        assert_eq!(read(upper), dec(value), "{upper}");
    }
}

#[test]
fn round_trip_small_integers() {
    for n in 0..=120_000_u32 {
        let v = Decimal::from(n);
        assert_eq!(read(&to_chinese(&v, Style::Lower)), v);
    }
    // Every pattern of zero and non-zero digits up to 16 digits (1 and 0 digits only).
    for bits in 1_u32..(1 << 16) {
        let s: String = (0..16)
            .rev()
            .map(|k| if bits & (1 << k) != 0 { '1' } else { '0' })
            .skip_while(|&c| c == '0')
            .collect();
        let v = dec(&s);
        for style in [Style::Lower, Style::Upper, Style::Traditional] {
            let text = to_chinese(&v, style);
            assert_eq!(read(&text), v, "{s} → {text}");
        }
    }
}

#[test]
fn round_trip_extremes() {
    for v in extremes() {
        for style in [Style::Lower, Style::Upper, Style::Traditional] {
            let text = to_chinese(&v, style);
            assert_eq!(read(&text), v.normalize(), "{v} → {text}");
            let digits = to_digits(&v, style);
            assert_eq!(read_digits(&digits), v.normalize(), "{v} → {digits}");
        }
    }
}

fn read_digits(text: &str) -> Decimal {
    let s: String = text
        .chars()
        .map(|c| match c {
            '负' | '負' => '-',
            '点' | '點' => '.',
            c => char::from(b'0' + digit_value(c).expect("digit")),
        })
        .collect();
    dec(&s)
}

/// A decimal digit string of up to 29 digits, with many zeros.
fn sparse_digits() -> impl Strategy<Value = String> {
    proptest::collection::vec(prop_oneof![6 => Just(0_u8), 4 => 1_u8..=9], 1..=29)
        .prop_map(|ds| ds.into_iter().map(|d| char::from(b'0' + d)).collect())
}

proptest! {
    #[test]
    fn round_trip_any_decimal(m in any::<i128>(), scale in 0_u32..=28) {
        let m = m % (Decimal::MAX.mantissa() + 1);
        let v = Decimal::from_i128_with_scale(m, scale);
        for style in [Style::Lower, Style::Upper, Style::Traditional] {
            let text = to_chinese(&v, style);
            assert_only_numerals(&text);
            prop_assert_eq!(read(&text), v.normalize(), "{} → {}", v, text);
            let digits = to_digits(&v, style);
            prop_assert_eq!(read_digits(&digits), v.normalize(), "{} → {}", v, digits);
        }
    }

    #[test]
    fn round_trip_sparse_integers(s in sparse_digits(), negative in any::<bool>()) {
        let Ok(mut v) = Decimal::from_str_exact(&s) else { return Ok(()) };
        if negative {
            v = -v;
        }
        for style in [Style::Lower, Style::Upper, Style::Traditional] {
            let text = to_chinese(&v, style);
            prop_assert_eq!(read(&text), v, "{} → {}", s, text);
            // Never two 零 in a row, never a 零 at the end or just before a magnitude word.
            prop_assert!(!text.contains("零零"), "{}", text);
            prop_assert!(v.is_zero() || !text.ends_with('零'), "{}", text);
            for m in ["零万", "零亿", "零萬", "零億", "零十", "零拾", "零百", "零佰", "零千", "零仟"] {
                prop_assert!(!text.contains(m), "{}", text);
            }
        }
    }
}
