//! Exact values written back as Chinese numerals.
//!
//! This is the reverse of reading a numeral: [`to_chinese`] writes a [`Decimal`] with place words
//! (一千零五十四), [`to_digits`] writes it digit by digit (一零五四). The conventions are those of
//! cn2an's `an2cn` (`low`, `up` and `direct` modes), made regular so that a parser can read every
//! output back to the same value.
//!
//! # Conventions
//!
//! - **Zero** is 零; a negative value starts with 负 (負 in [`Style::Traditional`]); −0 is 零.
//! - **Fractions**: the value is [normalized](Decimal::normalize) first, so trailing fractional
//!   zeros are dropped (1.50 → 一点五, 12.0 → 十二). The fraction is 点 followed by its digits one
//!   by one (三点一四一五); an integer part of zero is written 零 (零点五).
//! - **Place words**: 十 百 千 within a four-digit section (拾 佰 仟 in [`Style::Upper`]).
//! - **十 at the start**: in [`Style::Lower`] and [`Style::Traditional`] a leading 一十 is written
//!   十 (十一, 十万, 十万亿), but only at the very start of the number: inside, the digit stays
//!   (一百一十, 十万零一十). [`Style::Upper`] always writes 壹拾 (壹拾壹).
//! - **Section words**: the integer is cut into eight-digit groups counted in 亿. Within a group the
//!   upper four digits take 万 (九千八百七十六万五千四百三十二亿…, as cn2an writes 9 876 543 298 765 432). Group *k*
//!   is followed by 亿 written *k* times: 亿 = 10^8, 亿亿 = 10^16, 亿亿亿 = 10^24. So 10^12 is 一万亿,
//!   10^16 一亿亿, 10^20 一万亿亿 and [`Decimal::MAX`] (≈ 7.9 × 10^28) starts 七万九千二百二十八亿亿亿.
//!   The words never repeat in any other way, and no other words (兆, 京, 两, 廿, 幺 …) are used.
//! - **零**: one 零 stands for any run of zero digits between two written digits, within a section
//!   or across sections (一千零一, 一万零一, 一亿零一, 一百万零五十四, 一亿零一千), except when the run
//!   is only the trailing zeros of the previous four-digit section (一百万一千, 一亿一千万): those
//!   are implied by its section word. Trailing zeros of the whole integer are never written.
//!
//! # Reading it back
//!
//! Every output of [`to_chinese`] reads back to the value it came from under the ordinary rule: a run
//! of adjacent magnitude words is one magnitude, their product (万亿 = 10^12, 亿亿 = 10^16), and a
//! magnitude multiplies everything before it that is lower than itself. For example
//! 一亿亿零一万零一亿 is 1 × 10^16 + (10^4 + 1) × 10^8: the last 亿 multiplies 一万零一 but not the
//! 一亿亿 before it, which is higher; and 一亿亿一千万亿 is 10^16 + 1000 × 10^12.
//!
//! cn2an 0.5.24 differs in one place, outside its own test cases: when a whole 万 section below
//! 亿 is zero it drops the 零 (一亿一千 for 100 001 000, 一万亿一千万 for 10^12 + 10^7); this
//! module writes 一亿零一千 and 一万亿零一千万, as for 一亿零一.
//!
//! # Examples
//!
//! ```
//! use zh_econ::format::{to_chinese, to_digits, Style};
//! use zh_econ::Decimal;
//!
//! let table: &[(&str, &str, &str, &str)] = &[
//!     // value,        Lower,                  Upper,                      Traditional
//!     ("0",            "零",                   "零",                       "零"),
//!     ("11",           "十一",                 "壹拾壹",                   "十一"),
//!     ("110",          "一百一十",             "壹佰壹拾",                 "一百一十"),
//!     ("100010",       "十万零一十",           "壹拾万零壹拾",             "十萬零一十"),
//!     ("1001000",      "一百万一千",           "壹佰万壹仟",               "一百萬一千"),
//!     ("100000001",    "一亿零一",             "壹亿零壹",                 "一億零一"),
//!     ("10000000000000", "十万亿",             "壹拾万亿",                 "十萬億"),
//!     ("-1.50",        "负一点五",             "负壹点伍",                 "負一點五"),
//! ];
//! for &(value, lower, upper, traditional) in table {
//!     let value: Decimal = value.parse().unwrap();
//!     assert_eq!(to_chinese(&value, Style::Lower), lower);
//!     assert_eq!(to_chinese(&value, Style::Upper), upper);
//!     assert_eq!(to_chinese(&value, Style::Traditional), traditional);
//! }
//! assert_eq!(to_digits(&"1720.1".parse().unwrap(), Style::Lower), "一七二零点一");
//! ```

use crate::Decimal;

/// The characters used to write a numeral.
///
/// All styles use the same rules (see the [module docs](self)); they differ only in their
/// characters and in whether a leading 一十 is shortened to 十.
///
/// # Examples
///
/// ```
/// use zh_econ::format::{to_chinese, Style};
/// use zh_econ::Decimal;
///
/// let value = Decimal::new(-120_345, 1); // -12034.5
/// assert_eq!(to_chinese(&value, Style::Lower), "负一万二千零三十四点五");
/// assert_eq!(to_chinese(&value, Style::Upper), "负壹万贰仟零叁拾肆点伍");
/// assert_eq!(to_chinese(&value, Style::Traditional), "負一萬二千零三十四點五");
/// assert_eq!(Style::default(), Style::Lower);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Style {
    /// Lower-case simplified numerals: 一二三四五六七八九, 十百千, 万亿, 零, 负, 点
    /// (cn2an's `low` mode), with a leading 一十 written 十: `十二万三千`.
    #[default]
    Lower,
    /// Financial capitals (大写): 壹贰叁肆伍陆柒捌玖, 拾佰仟, 万亿, 零, 负, 点 (cn2an's `up` mode),
    /// always with the 壹 of 壹拾: `壹拾贰万叁仟`.
    Upper,
    /// Lower-case numerals in traditional script: as [`Style::Lower`] but with 萬, 億, 負 and 點:
    /// `十二萬三千`. Two is 二, never 兩.
    Traditional,
}

impl Style {
    /// The numeral for the digit `d` (0–9).
    const fn digit(self, d: u8) -> char {
        match self {
            Style::Upper => match d {
                0 => '零',
                1 => '壹',
                2 => '贰',
                3 => '叁',
                4 => '肆',
                5 => '伍',
                6 => '陆',
                7 => '柒',
                8 => '捌',
                _ => '玖',
            },
            Style::Lower | Style::Traditional => match d {
                0 => '零',
                1 => '一',
                2 => '二',
                3 => '三',
                4 => '四',
                5 => '五',
                6 => '六',
                7 => '七',
                8 => '八',
                _ => '九',
            },
        }
    }

    /// The place word for 10^`k` within a section (`k` in 1..=3).
    const fn place(self, k: u32) -> char {
        match (self, k) {
            (Style::Upper, 1) => '拾',
            (Style::Upper, 2) => '佰',
            (Style::Upper, _) => '仟',
            (Style::Lower | Style::Traditional, 1) => '十',
            (Style::Lower | Style::Traditional, 2) => '百',
            (Style::Lower | Style::Traditional, _) => '千',
        }
    }

    const fn wan(self) -> char {
        match self {
            Style::Traditional => '萬',
            Style::Lower | Style::Upper => '万',
        }
    }

    const fn yi(self) -> char {
        match self {
            Style::Traditional => '億',
            Style::Lower | Style::Upper => '亿',
        }
    }

    const fn minus(self) -> char {
        match self {
            Style::Traditional => '負',
            Style::Lower | Style::Upper => '负',
        }
    }

    const fn point(self) -> char {
        match self {
            Style::Traditional => '點',
            Style::Lower | Style::Upper => '点',
        }
    }

    /// Whether a 一十 at the very start of a number is written 十.
    const fn short_ten(self) -> bool {
        match self {
            Style::Upper => false,
            Style::Lower | Style::Traditional => true,
        }
    }
}

/// Writes `value` as a Chinese numeral with place words (cn2an's `an2cn` in `low` / `up` mode).
///
/// The value is normalized first, so trailing fractional zeros are not written. Every
/// [`Decimal`] is accepted, from [`Decimal::MIN`] to [`Decimal::MAX`] with up to 28 fractional
/// digits; the conventions, including how magnitudes above 10^16 are written, are in the
/// [module docs](self).
///
/// # Examples
///
/// ```
/// use zh_econ::format::{to_chinese, Style};
/// use zh_econ::Decimal;
///
/// assert_eq!(to_chinese(&Decimal::from(1_000_054), Style::Lower), "一百万零五十四");
/// assert_eq!(to_chinese(&Decimal::from(103_453), Style::Upper), "壹拾万叁仟肆佰伍拾叁");
/// assert_eq!(to_chinese(&Decimal::new(31_416, 4), Style::Lower), "三点一四一六");
/// assert_eq!(to_chinese(&Decimal::new(-5, 1), Style::Traditional), "負零點五");
/// assert_eq!(
///     to_chinese(&Decimal::from(10_000_000_000_000_000_u64), Style::Lower),
///     "一亿亿"
/// );
/// ```
#[must_use]
pub fn to_chinese(value: &Decimal, style: Style) -> String {
    let parts = Parts::of(value);
    let mut out = String::with_capacity(3 * 64);
    if parts.negative {
        out.push(style.minus());
    }
    write_integer(&mut out, parts.integer, style);
    write_fraction(&mut out, &parts, style);
    out
}

/// Writes `value` digit by digit, without place words (cn2an's `an2cn` in `direct` mode).
///
/// The integer part is written as its decimal digits (一七二零 for 1720; 零 for 0), then, if the
/// normalized value has a fraction, 点 and the fractional digits. There is no leading zero and no
/// trailing fractional zero.
///
/// # Examples
///
/// ```
/// use zh_econ::format::{to_digits, Style};
/// use zh_econ::Decimal;
///
/// assert_eq!(to_digits(&Decimal::new(17201, 1), Style::Lower), "一七二零点一");
/// assert_eq!(to_digits(&Decimal::from(-11), Style::Lower), "负一一");
/// assert_eq!(to_digits(&Decimal::new(1, 2), Style::Upper), "零点零壹");
/// assert_eq!(to_digits(&Decimal::new(2050, 1), Style::Traditional), "二零五");
/// ```
#[must_use]
pub fn to_digits(value: &Decimal, style: Style) -> String {
    let parts = Parts::of(value);
    let mut out = String::with_capacity(3 * 64);
    if parts.negative {
        out.push(style.minus());
    }
    let digits = decimal_digits(parts.integer);
    if digits.is_empty() {
        out.push(style.digit(0));
    }
    out.extend(digits.iter().rev().map(|&d| style.digit(d)));
    write_fraction(&mut out, &parts, style);
    out
}

/// A normalized value split into sign, integer part and fraction.
struct Parts {
    negative: bool,
    integer: u128,
    /// The fractional digits as an integer, `scale` digits long (with leading zeros).
    fraction: u128,
    scale: u32,
}

impl Parts {
    fn of(value: &Decimal) -> Self {
        let value = value.normalize();
        let magnitude = value.mantissa().unsigned_abs();
        let scale = value.scale();
        // `scale` is at most 28, so the power cannot overflow a u128 (10^38 would).
        let unit = 10_u128.checked_pow(scale).unwrap_or(u128::MAX);
        Parts {
            negative: value.is_sign_negative() && !value.is_zero(),
            integer: magnitude / unit,
            fraction: magnitude % unit,
            scale,
        }
    }
}

/// The decimal digits of `n`, least significant first; empty for 0.
fn decimal_digits(mut n: u128) -> Vec<u8> {
    let mut digits = Vec::with_capacity(40);
    while n > 0 {
        // The remainder is below 10.
        digits.push((n % 10) as u8);
        n /= 10;
    }
    digits
}

/// Writes 点 and the fractional digits, if there are any.
fn write_fraction(out: &mut String, parts: &Parts, style: Style) {
    if parts.scale == 0 {
        return;
    }
    out.push(style.point());
    let mut digits = decimal_digits(parts.fraction);
    // Leading zeros of the fraction (零点零零五).
    digits.resize(digits.len().max(parts.scale as usize), 0);
    out.extend(digits.iter().rev().map(|&d| style.digit(d)));
}

/// Whether a 零 goes between the written digit at position `higher` and the next written digit at
/// position `lower` (positions count from 0 for the units).
const fn needs_zero(higher: usize, lower: usize) -> bool {
    let gap = higher > lower + 1;
    // The skipped digits are only the trailing zeros of the section above: implied by its word.
    let trailing_only = lower % 4 == 3 && higher / 4 == lower / 4 + 1;
    gap && !trailing_only
}

/// Writes the integer `n` with place and section words.
fn write_integer(out: &mut String, mut n: u128, style: Style) {
    if n == 0 {
        out.push(style.digit(0));
        return;
    }
    // Four-digit sections, least significant first.
    let mut sections: Vec<u16> = Vec::with_capacity(8);
    while n > 0 {
        // The remainder is below 10 000.
        sections.push((n % 10_000) as u16);
        n /= 10_000;
    }
    // The position of the last written digit.
    let mut previous: Option<usize> = None;
    for (s, &section) in sections.iter().enumerate().rev() {
        if section != 0 {
            for k in (0..4_u32).rev() {
                // The digit at 10^k within the section; below 10.
                let d = ((section / 10_u16.pow(k)) % 10) as u8;
                if d == 0 {
                    continue;
                }
                let position = 4 * s + k as usize;
                match previous {
                    Some(higher) if needs_zero(higher, position) => out.push(style.digit(0)),
                    _ => {}
                }
                let short_ten = d == 1 && k == 1 && previous.is_none() && style.short_ten();
                if !short_ten {
                    out.push(style.digit(d));
                }
                if k > 0 {
                    out.push(style.place(k));
                }
                previous = Some(position);
            }
            if s % 2 == 1 {
                out.push(style.wan());
            }
        }
        if s % 2 == 0 && s > 0 {
            // The eight-digit group of sections s and s + 1.
            let upper = sections.get(s + 1).copied().unwrap_or(0);
            if section != 0 || upper != 0 {
                for _ in 0..s / 2 {
                    out.push(style.yi());
                }
            }
        }
    }
}
