//! Numerals: Arabic, Chinese, financial, mixed and digit-by-digit, read to an
//! exact [`Decimal`].
//!
//! # Grammar
//!
//! A numeral is a sequence of *numbers* and *magnitude words*, read left to right:
//!
//! ```text
//! numeral   = sign? ( term | digits-by-digit ) ( ("点" | ".") frac )?
//! term      = ( number? magnitude | number )+        -- 三万五千, 3万2千, 1.5万, 200亿零四千230
//! number    = arabic | cn-digit
//! arabic    = [0-9]+ ( ("," | "，") [0-9]{3} )* ( "." [0-9]+ )?
//! cn-digit  = 零 〇 一 幺 二 两 三 四 五 六 七 八 九 壹 贰 叁 肆 伍 陆 柒 捌 玖 (and traditional forms)
//! magnitude = 十 拾 百 佰 千 仟 | 万 萬 | 亿 億     -- 廿 is 二十
//! ```
//!
//! A small magnitude (十百千) multiplies the number before it (or 1: `十五`);
//! 万 and 亿 multiply everything before them that is smaller (`三千万` =
//! 3000×10⁴, `2万亿` = 2×10¹²). A lone digit after the last magnitude fills the
//! next lower place (`三万五` = 35000, `两千六` = 2600, `一百二` = 120). Two or more
//! digits with no magnitude are read digit by digit (`一七二零点一` = 1720.1).
//!
//! | written | value |
//! |---|---|
//! | `1318.2亿` | 131820000000 |
//! | `一千零十一` | 1011 |
//! | `壹仟贰佰万` | 12000000 |
//! | `3万2千` | 32000 |
//! | `200亿零四千230` | 20000004230 |
//! | `三万五` | 35000 |
//! | `十万零一千` | 101000 |
//! | `负3.2` | -3.2 |
//! | `233,333，333,434.344` | 233333333434.344 |
//!
//! ```
//! use zh_econ::numeral::parse;
//! use zh_econ::Decimal;
//!
//! for (text, want) in [
//!     ("1318.2亿", "131820000000"),
//!     ("一千零十一", "1011"),
//!     ("壹仟贰佰万", "12000000"),
//!     ("3万2千", "32000"),
//!     ("三万五", "35000"),
//!     ("一七二零点一", "1720.1"),
//!     ("１３１８．２億", "131820000000"),
//! ] {
//!     let n = parse(text).unwrap();
//!     assert_eq!(n.value, want.parse::<Decimal>().unwrap(), "{text}");
//! }
//! ```

use crate::normalize::Cursor;
use rust_decimal::Decimal;

/// A numeral read from text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numeral {
    /// The exact value.
    pub value: Decimal,
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// How the numeral was written.
    pub form: Form,
}

/// How a numeral was written; the scanner uses this to tell counts from
/// articles (`一家`), years from amounts, and to share magnitudes in ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Form {
    /// Contains Arabic digits.
    pub arabic: bool,
    /// Contains Chinese digits or magnitude words.
    pub chinese: bool,
    /// Number of magnitude words (十 百 千 万 亿 …).
    pub magnitudes: u8,
    /// Starts with a magnitude word (`千`, `万`, `百万`), with no digit before it.
    pub bare_magnitude: bool,
    /// Number of digits written (Arabic or Chinese, integer and fraction).
    pub digits: u16,
    /// The power of ten that every magnitude word multiplied the first number
    /// by, when the value is exactly `first number × 10^scale` (`九百亿` → 10).
    pub scale: Option<u8>,
    /// Written as two adjacent Chinese digits with no magnitude between them,
    /// such as `八九` (the scanner reads `八九亿` as a range).
    pub pair: Option<(u8, u8)>,
    /// Has a fractional part.
    pub fraction: bool,
    /// Written with a leading sign (`负`, `-`).
    pub negative: bool,
    /// Contains a large magnitude word (万, 亿).
    pub large: bool,
    /// The powers of ten of the large magnitude words the numeral ends with
    /// (`三十万` → 4, `九千亿` → 8, `2万亿` → 12); 0 if it ends otherwise.
    pub tail_large: u8,
    /// The power of the last of those words alone (`2万亿` → 8); 0 if none.
    pub last_large: u8,
}

/// Why a numeral could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NumeralError {
    /// The value does not fit an exact decimal (about ±7.9×10²⁸, 28 decimal places).
    #[error("number too large to represent exactly at bytes {start}..{end}")]
    Overflow {
        /// Byte offset of the numeral.
        start: usize,
        /// Byte offset where reading stopped.
        end: usize,
    },
}

/// A character's role in a numeral.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sym {
    /// A digit 0–9, with whether it is Arabic.
    Digit(u8, bool),
    /// A small magnitude word: power of ten 1, 2 or 3.
    Small(u8),
    /// A large magnitude word: power of ten 4 or 8.
    Large(u8),
    /// 廿 (twenty), 卅 (thirty).
    Tens(u8),
}

/// Every character [`sym`] knows, one bit each, derived from its match at
/// compile time: most characters asked about are not numeral characters,
/// and one bit test answers them.
// Evaluated at compile time: an index out of range fails the build.
#[allow(clippy::indexing_slicing)]
const SYM_CHARS: [u64; 0x10000 / 64] = {
    let mut bits = [0u64; 0x10000 / 64];
    let mut u = 0;
    while u < 0x10000 {
        if let Some(c) = char::from_u32(u) {
            if sym_match(c).is_some() {
                bits[u as usize / 64] |= 1 << (u % 64);
            }
        }
        u += 1;
    }
    bits
};

/// The role of a (folded) character in a numeral, if any.
#[inline]
pub(crate) fn sym(c: char) -> Option<Sym> {
    if in_sym_chars(c) {
        sym_match(c)
    } else {
        None
    }
}

#[inline]
fn in_sym_chars(c: char) -> bool {
    let u = c as usize;
    SYM_CHARS.get(u / 64).is_some_and(|w| w & (1 << (u % 64)) != 0)
}

/// [`sym`] without the table.
#[inline]
const fn sym_match(c: char) -> Option<Sym> {
    const fn d(n: u8) -> Option<Sym> {
        Some(Sym::Digit(n, false))
    }
    match c {
        '0'..='9' => Some(Sym::Digit(c as u8 - b'0', true)),
        '零' => d(0),
        '一' | '壹' | '幺' => d(1),
        '二' | '两' | '俩' | '贰' | '貮' => d(2),
        '三' | '叁' | '参' => d(3),
        '四' | '肆' => d(4),
        '五' | '伍' => d(5),
        '六' | '陆' => d(6),
        '七' | '柒' => d(7),
        '八' | '捌' => d(8),
        '九' | '玖' => d(9),
        '十' | '拾' => Some(Sym::Small(1)),
        '百' | '佰' => Some(Sym::Small(2)),
        '千' | '仟' => Some(Sym::Small(3)),
        '万' => Some(Sym::Large(4)),
        '亿' => Some(Sym::Large(8)),
        '廿' => Some(Sym::Tens(2)),
        '卅' => Some(Sym::Tens(3)),
        _ => None,
    }
}

/// True if `c` (folded) can begin a numeral.
#[inline]
pub fn can_start(c: char) -> bool {
    c == '负' || sym(c).is_some()
}

/// 10^`exp`, exactly, for `exp` in -28..=28 (clamped there: beyond it no
/// exact decimal exists, and the caller's checked arithmetic reports it).
pub(crate) fn pow10(exp: i32) -> Decimal {
    let p = 10i128.pow(exp.unsigned_abs().min(28));
    if exp >= 0 {
        Decimal::from_i128_with_scale(p, 0)
    } else {
        Decimal::from_i128_with_scale(1, exp.unsigned_abs().min(28))
    }
}

/// Reads the whole of `text` as one numeral.
///
/// Returns `None` if `text` (trimmed of spaces) is not exactly one numeral.
///
/// ```
/// use zh_econ::numeral::parse;
/// assert_eq!(parse("两千六").unwrap().value.to_string(), "2600");
/// assert!(parse("两千六百元").is_none());
/// ```
pub fn parse(text: &str) -> Option<Numeral> {
    let t = text.trim();
    let off = text.len() - text.trim_start().len();
    match read(text, off) {
        Ok(Some(n)) if n.end == off + t.len() => Some(n),
        _ => None,
    }
}

/// Reads the longest numeral that starts at byte `start` of `text`.
///
/// `Ok(None)` means no numeral starts there. A numeral that starts there but
/// whose value cannot be represented gives [`NumeralError::Overflow`].
///
/// ```
/// use zh_econ::numeral::read;
/// let n = read("共1.5万家企业", 3).unwrap().unwrap();
/// assert_eq!(n.value.to_string(), "15000");
/// assert_eq!((n.start, n.end), (3, 9));
/// ```
pub fn read(text: &str, start: usize) -> Result<Option<Numeral>, NumeralError> {
    if let Some(n) = fast_path(text, start) {
        return Ok(Some(n));
    }
    Reader::new(text, start).run()
}

/// The numerals that need no reader: [`plain_arabic`] and [`lone_digit`].
#[inline]
fn fast_path(text: &str, start: usize) -> Option<Numeral> {
    match text.as_bytes().get(start) {
        Some(b) if b.is_ascii_digit() => plain_arabic(text, start),
        Some(&b) if b >= 0x80 => lone_digit(text, start),
        _ => None,
    }
}

/// The fast path for one Chinese digit standing alone (`一步`, `三是`,
/// `零部件`): the most frequent candidate of running text, and never a
/// number the reader would go on with.
#[inline]
fn lone_digit(text: &str, start: usize) -> Option<Numeral> {
    let rest = text.get(start..)?;
    let mut chars = rest.chars();
    let c = chars.next()?;
    let Some(Sym::Digit(d, false)) = sym(crate::normalize::fold(c)) else {
        return None;
    };
    let len = c.len_utf8();
    // A pinyin annotation (`(yī)`, `（yī）`) or a character that may continue
    // the numeral leaves it to the reader.
    if crate::normalize::may_annotate(rest.as_bytes().get(len)) || chars.next().is_some_and(may_continue) {
        return None;
    }
    Some(Numeral {
        value: Decimal::from(d),
        start,
        end: start + len,
        form: Form {
            chinese: true,
            digits: 1,
            scale: Some(0),
            ..Form::default()
        },
    })
}

/// The fast path of [`read`]: ASCII digits with an optional decimal part and
/// an optional 万 or 亿 (`2023`, `1318.2`, `1318.2亿`), followed by a
/// character that cannot continue any numeral, which is how most numbers in
/// running text are written. Reads bytes only, no cursor and no reader
/// state; `None` leaves the numeral to the full [`Reader`] (checked against it
/// for every character that can follow, in the unit tests).
#[inline]
pub(crate) fn plain_arabic(text: &str, start: usize) -> Option<Numeral> {
    let bytes = text.as_bytes().get(start..)?;
    let int = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if int == 0 {
        return None;
    }
    let mut len = int;
    let mut frac = 0;
    if bytes.get(int) == Some(&b'.') {
        frac = bytes
            .get(int + 1..)
            .map_or(0, |r| r.iter().take_while(|b| b.is_ascii_digit()).count());
        if frac > 0 {
            len = int + 1 + frac;
        }
    }
    // Beyond 18 digits an i64 may overflow, and the reader reports overflow
    // with its own span.
    let digits = int + frac;
    if digits > 18 {
        return None;
    }
    let mut after = text.get(start + len..)?.chars();
    let mut power = 0u8;
    let mut end = start + len;
    match after.next() {
        Some(m @ ('万' | '萬' | '亿' | '億')) => {
            // After the magnitude: anything that may continue the numeral
            // (3万2千, 万亿, 两千三点一), a pinyin annotation (万(wàn)) or
            // 万分之 leaves it to the reader.
            let annotated = crate::normalize::may_annotate(bytes.get(len + m.len_utf8()));
            if annotated || after.next().is_some_and(|c| may_continue(c) || c == '分') {
                return None;
            }
            power = if matches!(m, '万' | '萬') { 4 } else { 8 };
            end += m.len_utf8();
        }
        Some(c) if may_continue(c) => return None,
        _ => {}
    }
    let mut mant: i64 = 0;
    for &b in bytes.get(..len)? {
        if b != b'.' {
            mant = mant * 10 + i64::from(b - b'0');
        }
    }
    // The value as an i64 mantissa and a scale, normalized (no trailing
    // zeros after the point) without Decimal's 96-bit arithmetic: the
    // magnitude moves the point (1318.2亿 = 131820000000), and a mantissa
    // that would overflow leaves the numeral to the reader.
    let mut scale = u32::try_from(frac).ok()?;
    let shift = u32::from(power);
    if shift >= scale {
        mant = mant.checked_mul(10i64.checked_pow(shift - scale)?)?;
        scale = 0;
    } else {
        scale -= shift;
    }
    while scale > 0 && mant % 10 == 0 {
        mant /= 10;
        scale -= 1;
    }
    let mut form = Form {
        arabic: true,
        digits: u16::try_from(digits).ok()?,
        scale: Some(power),
        fraction: frac > 0,
        ..Form::default()
    };
    if power > 0 {
        form.chinese = true;
        form.large = true;
        form.magnitudes = 1;
        form.tail_large = power;
        form.last_large = power;
    }
    Some(Numeral {
        value: Decimal::new(mant, scale),
        start,
        end,
        form,
    })
}

/// True if `c` (as written) after plain Arabic digits may make the reader
/// go on: a digit or magnitude in any form, a separator, a decimal point, a
/// space (`177.1 亿`), a Latin magnitude letter (`15k`, `30w`) or an
/// ignorable character the reader reads through.
#[inline]
fn may_continue(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '0'..='9' | ',' | '.' | 'k' | 'K' | 'w') || crate::normalize::is_space(c);
    }
    if crate::normalize::is_ignorable(c) {
        // The reader reads through it: 13\u{200b}18.
        return true;
    }
    let f = crate::normalize::fold(c);
    sym(f).is_some() || matches!(f, ',' | '.' | '点' | 'k' | 'K' | 'w') || crate::normalize::is_space(c)
}

/// Like [`read`], but a fraction with no integer part (`点二八`) is allowed, as
/// after `百分之` in `负百分之点二八`.
pub(crate) fn read_after_fraction_word(text: &str, start: usize) -> Result<Option<Numeral>, NumeralError> {
    // A leading point changes nothing for a numeral that begins with a digit.
    if let Some(n) = fast_path(text, start) {
        return Ok(Some(n));
    }
    let mut r = Reader::new(text, start);
    r.leading_point = true;
    r.run()
}

struct Reader<'a> {
    cur: Cursor<'a>,
    start: usize,
    form: Form,
    // Values closed by a run of large magnitude words, with the run's power
    // (decreasing), and the current section (< 万).
    parts: [(Decimal, u8); 8],
    nparts: usize,
    in_large_run: bool,
    section: Decimal,
    // A number read but not yet placed by a magnitude word.
    pending: Option<Decimal>,
    pending_chinese_digit: bool,
    pending_liang: bool,
    // Power of the last magnitude word, and the smallest small magnitude of the section.
    last_power: Option<u8>,
    section_floor: u8,
    // A 零 was read since the last magnitude word.
    zero_gap: bool,
    // Digits read one after another with no magnitude word: 一七二零.
    run_digits: u16,
    first_digits: Option<(u8, u8)>,
    scale: u8,
    additive: bool,
    // Powers of the large magnitude words at the very end (三十万 → 4, 万亿 → 12).
    tail_large: u8,
    // A fraction may stand with no integer part (点二八).
    leading_point: bool,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, start: usize) -> Self {
        Reader {
            cur: Cursor::new(text, start),
            start,
            form: Form::default(),
            parts: [(Decimal::ZERO, 0); 8],
            nparts: 0,
            in_large_run: false,
            section: Decimal::ZERO,
            pending: None,
            pending_chinese_digit: false,
            pending_liang: false,
            last_power: None,
            section_floor: 4,
            zero_gap: false,
            run_digits: 0,
            first_digits: None,
            scale: 0,
            additive: false,
            tail_large: 0,
            leading_point: false,
        }
    }

    #[cold]
    fn overflow(&self) -> NumeralError {
        NumeralError::Overflow {
            start: self.start,
            end: self.cur.pos(),
        }
    }

    fn run(mut self) -> Result<Option<Numeral>, NumeralError> {
        let start = self.cur.pos();
        self.start = start;
        let mut negative = false;
        {
            let mut probe = self.cur.clone();
            if (probe.eat("负") || probe.eat("-"))
                && probe.peek().is_some_and(|c| sym(c).is_some() || c == '点' || c == '.')
            {
                negative = true;
                self.cur = probe;
            }
        }
        let mut end = self.cur.pos();
        let mut any = false;
        let mut integer_done: Option<Decimal> = None;
        loop {
            let before = self.cur.clone();
            let Some((_, _, c)) = self.cur.next() else {
                break;
            };
            let ok = match sym(c) {
                Some(Sym::Digit(_, true)) => {
                    self.cur = before.clone();
                    self.arabic((negative || self.leading_point) && !any)?
                }
                None if c == '.' && !any && (negative || self.leading_point) => {
                    // -.34: a fraction with no integer part, after a sign.
                    self.cur = before.clone();
                    self.arabic(true)?
                }
                Some(Sym::Digit(d, false)) => self.chinese_digit(d, c == '两' || c == '俩')?,
                Some(Sym::Small(p)) => !stops_here(&before) && self.small(p)?,
                Some(Sym::Large(p)) => !stops_here(&before) && self.large(p)?,
                Some(Sym::Tens(t)) => {
                    if self.pending.is_some() || self.section_floor <= 1 {
                        false
                    } else {
                        self.form.chinese = true;
                        self.place_small(Decimal::from(t), 1)?;
                        true
                    }
                }
                None if c == '点' || (c == '.' && self.form.chinese) => {
                    if self.last_power.is_some() && any {
                        // 两千三点一 = 2300.1: the integer is complete, a fraction follows;
                        // 十二点五万 = 12.5 × 10^4: a large magnitude may follow a number
                        // that has none of its own.
                        let had_large = self.form.large;
                        let int = self.finish()?;
                        self.pending = Some(Decimal::ZERO);
                        if self.chinese_fraction()? {
                            let mut v = int
                                .checked_add(self.pending.unwrap_or_default())
                                .ok_or_else(|| self.overflow())?;
                            let mut power = 0u32;
                            while !had_large && power <= 28 {
                                let mut probe = self.cur.clone();
                                match probe.next().map(|t| t.2).and_then(sym) {
                                    Some(Sym::Large(p)) if !stops_here(&self.cur) && power + u32::from(p) <= 28 => {
                                        power += u32::from(p);
                                        self.cur = probe;
                                    }
                                    _ => break,
                                }
                            }
                            if power > 0 {
                                v = v
                                    .checked_mul(pow10(i32::try_from(power).unwrap_or(i32::MAX)))
                                    .ok_or_else(|| self.overflow())?;
                                self.form.large = true;
                                self.form.magnitudes = self.form.magnitudes.saturating_add(1);
                            }
                            self.pending = Some(Decimal::ZERO);
                            integer_done = Some(v);
                            end = self.cur.pos();
                            break;
                        }
                        false
                    } else if self.pending.is_some() && !self.form.fraction {
                        self.chinese_fraction()?
                    } else if self.pending.is_none() && !any && (negative || self.leading_point) {
                        // 负百分之点二八: a fraction with no integer part, after a sign.
                        self.pending = Some(Decimal::ZERO);
                        self.chinese_fraction()?
                    } else {
                        false
                    }
                }
                None => false,
            };
            if !ok {
                self.cur = before;
                break;
            }
            any = true;
            end = self.cur.pos();
            // Scraped text puts a space between digits and their magnitude: 177.1 亿.
            if self.form.arabic && self.pending.is_some() && self.last_power.is_none() {
                let mut probe = self.cur.clone();
                let before_spaces = probe.pos();
                probe.skip_spaces();
                if probe.pos() > before_spaces
                    && probe.pos() - before_spaces <= 2
                    && probe
                        .peek()
                        .and_then(sym)
                        .is_some_and(|s| matches!(s, Sym::Large(_) | Sym::Small(2 | 3)))
                {
                    self.cur = probe;
                }
            }
            // 15k, 30w: Arabic digits with a Latin magnitude letter.
            if self.form.arabic && !self.pending_chinese_digit && self.pending.is_some() && self.last_power.is_none() {
                let mut probe = self.cur.clone();
                let letter = probe.next().map(|t| t.2);
                let alone = !probe.peek().is_some_and(|n| n.is_ascii_alphanumeric());
                match letter {
                    Some('k' | 'K') if alone => {
                        self.cur = probe;
                        let n = self.pending.take().unwrap_or(Decimal::ONE);
                        self.place_small(n, 3)?;
                        end = self.cur.pos();
                    }
                    Some('w') if alone => {
                        self.cur = probe;
                        self.large(4)?;
                        end = self.cur.pos();
                    }
                    _ => {}
                }
            }
        }
        if !any {
            return Ok(None);
        }
        self.cur = Cursor::new(self.cur.text(), end);
        let mut value = match integer_done {
            Some(int) => {
                let frac = self.pending.take().unwrap_or(Decimal::ZERO);
                self.additive = true;
                int.checked_add(frac).ok_or_else(|| self.overflow())?.normalize()
            }
            None => self.finish()?,
        };
        if negative {
            value = -value;
            self.form.negative = true;
        }
        self.form.scale = if self.additive { None } else { Some(self.scale) };
        self.form.last_large = if self.tail_large > 0 && self.pending.is_none() && integer_done.is_none() {
            self.last_power.unwrap_or(0)
        } else {
            0
        };
        self.form.tail_large = if self.pending.is_none() && integer_done.is_none() {
            self.tail_large
        } else {
            0
        };
        Ok(Some(Numeral {
            value,
            start,
            end,
            form: self.form,
        }))
    }

    /// Reads Arabic digits (with separators and a decimal part) as a pending number.
    fn arabic(&mut self, leading_point: bool) -> Result<bool, NumeralError> {
        // 亿6.8%: Arabic digits after a magnitude that had no number of its own
        // begin a new number (百十一 is read, but not 亿6).
        if self.pending.is_some() || (self.form.bare_magnitude && self.form.digits == 0) {
            return Ok(false);
        }
        let mut probe = self.cur.clone();
        let mut mant: i128 = 0;
        let mut scale: u32 = 0;
        let mut digits = 0u16;
        let mut group = 0u16;
        let mut seen_sep = false;
        let mut frac = false;
        let mut last = probe.clone();
        if leading_point && probe.peek() == Some('.') {
            // -.34: a fraction with no integer part, after a sign.
            probe.next();
            frac = true;
        }
        while let Some((_, _, c)) = probe.next() {
            match c {
                '0'..='9' => {
                    if mant > i128::MAX / 100 {
                        return Err(self.overflow());
                    }
                    mant = mant * 10 + i128::from(c as u8 - b'0');
                    digits += 1;
                    if frac {
                        scale += 1;
                    } else {
                        group += 1;
                    }
                    last = probe.clone();
                }
                ',' if !frac && (1..=3).contains(&group) && !(seen_sep && group != 3) => {
                    // A thousands separator: exactly three digits follow, then no digit.
                    let mut look = probe.clone();
                    let mut n = 0;
                    while n < 3 && look.peek().is_some_and(|c| c.is_ascii_digit()) {
                        look.next();
                        n += 1;
                    }
                    if n == 3 && !look.peek().is_some_and(|c| c.is_ascii_digit()) {
                        seen_sep = true;
                        group = 0;
                        continue;
                    }
                    break;
                }
                '.' if !frac && probe.peek().is_some_and(|c| c.is_ascii_digit()) => {
                    if seen_sep && group != 3 {
                        break;
                    }
                    frac = true;
                }
                _ => break,
            }
        }
        if digits == 0 {
            return Ok(false);
        }
        if scale > 28 {
            return Err(self.overflow());
        }
        let v = Decimal::try_from_i128_with_scale(mant, scale).map_err(|_| self.overflow())?;
        self.cur = last;
        self.form.arabic = true;
        self.form.digits = self.form.digits.saturating_add(digits);
        if frac {
            self.form.fraction = true;
        }
        self.set_pending(v, false);
        self.run_digits = 0;
        Ok(true)
    }

    fn set_pending(&mut self, v: Decimal, chinese_digit: bool) {
        if !(self.nparts == 0 && self.section.is_zero()) {
            self.additive = true;
        }
        self.pending = Some(v);
        self.pending_chinese_digit = chinese_digit;
        self.tail_large = 0;
        self.in_large_run = false;
    }

    fn chinese_digit(&mut self, d: u8, liang: bool) -> Result<bool, NumeralError> {
        if d == 0 && self.pending.is_none() && self.last_power.is_some() {
            // 零 marks a gap inside a number.
            self.zero_gap = true;
            self.in_large_run = false;
            self.form.chinese = true;
            return Ok(true);
        }
        match self.pending {
            None => {
                self.form.chinese = true;
                self.form.digits = self.form.digits.saturating_add(1);
                self.set_pending(Decimal::from(d), true);
                self.pending_liang = liang;
                self.run_digits = 1;
                self.first_digits = Some((d, 255));
                Ok(true)
            }
            Some(p) if self.pending_chinese_digit && self.last_power.is_none() && !self.form.fraction => {
                // Digit by digit: 一七二零, 二零二三. 两 never stands in such a string.
                if liang || self.pending_liang {
                    return Ok(false);
                }
                let v = p
                    .checked_mul(Decimal::TEN)
                    .and_then(|v| v.checked_add(Decimal::from(d)))
                    .ok_or_else(|| self.overflow())?;
                self.form.digits = self.form.digits.saturating_add(1);
                self.run_digits += 1;
                if self.run_digits == 2 {
                    if let Some((a, _)) = self.first_digits {
                        self.first_digits = Some((a, d));
                    }
                }
                self.pending = Some(v);
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// 点 followed by digits, read one by one, added to the pending number.
    fn chinese_fraction(&mut self) -> Result<bool, NumeralError> {
        let Some(int) = self.pending else {
            return Ok(false);
        };
        if self.run_digits > 1 && self.form.arabic {
            return Ok(false);
        }
        let mut probe = self.cur.clone();
        let mut mant: i128 = 0;
        let mut scale = 0u32;
        let mut last = probe.clone();
        while let Some((_, _, c)) = probe.next() {
            match sym(c) {
                Some(Sym::Digit(d, _)) if c != '两' => {
                    if scale >= 28 {
                        return Err(self.overflow());
                    }
                    mant = mant * 10 + i128::from(d);
                    scale += 1;
                    last = probe.clone();
                }
                _ => break,
            }
        }
        if scale == 0 {
            return Ok(false);
        }
        let frac = Decimal::try_from_i128_with_scale(mant, scale).map_err(|_| self.overflow())?;
        let v = int.checked_add(frac).ok_or_else(|| self.overflow())?;
        self.cur = last;
        self.form.fraction = true;
        self.form.digits = self.form.digits.saturating_add(scale as u16);
        self.pending = Some(v);
        self.pending_chinese_digit = false;
        self.run_digits = 0;
        Ok(true)
    }

    fn small(&mut self, p: u8) -> Result<bool, NumeralError> {
        if p >= self.section_floor {
            return Ok(false);
        }
        if self.pending.is_none()
            && matches!(self.last_power, Some(1..=3))
            && !self.zero_gap
            && self.form.bare_magnitude
        {
            // 百十: a small magnitude needs a digit after another one.
            return Ok(false);
        }
        if self.run_digits == 2 {
            // 七八十, 三五百: two digits before a magnitude make an approximate range.
            if !self.take_pair() {
                return Ok(false);
            }
        } else if self.run_digits > 2 {
            return Ok(false);
        }
        if p >= 2 && self.pending.is_none() && self.form.magnitudes == 0 && self.form.digits == 0 {
            self.form.bare_magnitude = true;
        }
        let n = self.pending.take().unwrap_or(Decimal::ONE);
        self.form.chinese = true;
        self.place_small(n, p)?;
        Ok(true)
    }

    fn place_small(&mut self, n: Decimal, p: u8) -> Result<(), NumeralError> {
        let v = n.checked_mul(pow10(i32::from(p))).ok_or_else(|| self.overflow())?;
        self.section = self.section.checked_add(v).ok_or_else(|| self.overflow())?;
        if !self.additive {
            self.scale = self.scale.saturating_add(p);
        }
        self.section_floor = p;
        self.last_power = Some(p);
        self.form.magnitudes = self.form.magnitudes.saturating_add(1);
        self.zero_gap = false;
        self.run_digits = 0;
        self.pending_chinese_digit = false;
        self.tail_large = 0;
        self.in_large_run = false;
        Ok(())
    }

    /// A large magnitude word (万, 亿). A run of them is one magnitude, their
    /// product (万亿, 亿亿), and it multiplies everything before it that is
    /// lower: `一亿亿亿一千万亿亿` = 10^24 + 1000·10^4·10^16.
    fn large(&mut self, p: u8) -> Result<bool, NumeralError> {
        if self.run_digits == 2 {
            if !self.take_pair() {
                return Ok(false);
            }
        } else if self.run_digits > 2 {
            return Ok(false);
        }
        let bare = self.pending.is_none() && self.section.is_zero();
        // The magnitude this word completes: its own power, or the run's.
        let (power, base) = if bare && self.in_large_run {
            // 万亿, 万万 (= 亿), 亿亿: extends the run; 亿万 is an idiom, not a number.
            let Some(&(_, last)) = self.parts.get(self.nparts.wrapping_sub(1)) else {
                return Ok(false);
            };
            if self.last_power == Some(8) && p == 4 {
                return Ok(false);
            }
            let power = last.saturating_add(p);
            let lower = self.pop_below(power)?;
            (
                power,
                lower.checked_mul(pow10(i32::from(p))).ok_or_else(|| self.overflow())?,
            )
        } else if bare {
            if self.last_power.is_some() || self.nparts > 0 {
                return Ok(false);
            }
            // 万 or 亿 standing for one of itself: 上万, 近亿.
            if self.form.digits == 0 {
                self.form.bare_magnitude = true;
            }
            (p, pow10(i32::from(p)))
        } else {
            let below = self
                .section
                .checked_add(self.pending.take().unwrap_or(Decimal::ZERO))
                .ok_or_else(|| self.overflow())?;
            let lower = self.pop_below(p)?;
            let v = lower
                .checked_add(below)
                .and_then(|v| v.checked_mul(pow10(i32::from(p))))
                .ok_or_else(|| self.overflow())?;
            (p, v)
        };
        if power > 28 || self.nparts >= self.parts.len() {
            return Err(self.overflow());
        }
        if let Some(slot) = self.parts.get_mut(self.nparts) {
            *slot = (base, power);
            self.nparts += 1;
        }
        if !self.additive {
            self.scale = self.scale.saturating_add(p);
        }
        self.tail_large = if bare && self.in_large_run {
            self.tail_large.saturating_add(p)
        } else {
            p
        };
        self.in_large_run = true;
        self.section = Decimal::ZERO;
        self.section_floor = 4;
        self.last_power = Some(p);
        self.form.magnitudes = self.form.magnitudes.saturating_add(1);
        self.form.large = true;
        self.form.chinese = true;
        self.zero_gap = false;
        self.run_digits = 0;
        self.pending_chinese_digit = false;
        Ok(true)
    }

    /// Removes and sums the parts whose magnitude is below `power`.
    fn pop_below(&mut self, power: u8) -> Result<Decimal, NumeralError> {
        let mut sum = Decimal::ZERO;
        while let Some(&(v, pw)) = self.parts.get(self.nparts.wrapping_sub(1)) {
            if pw >= power {
                break;
            }
            sum = sum.checked_add(v).ok_or_else(|| self.overflow())?;
            self.nparts -= 1;
        }
        Ok(sum)
    }

    /// Two adjacent digits before a magnitude word (八九亿, 三五百): keeps the
    /// first as the number and records the pair, if the second is larger.
    fn take_pair(&mut self) -> bool {
        match self.first_digits {
            Some((a, b)) if b > a && a >= 1 && b <= 9 => {
                self.form.pair = Some((a, b));
                self.pending = Some(Decimal::from(a));
                true
            }
            _ => false,
        }
    }

    /// The integer read so far, with a trailing lone digit placed.
    fn finish(&mut self) -> Result<Decimal, NumeralError> {
        let mut tail = self.pending.take().unwrap_or(Decimal::ZERO);
        // A lone Chinese digit after the last magnitude fills the next lower
        // place: 三万五 = 35000, 两千六 = 2600, 一百二十万三 = 1203000.
        if self.pending_chinese_digit && !self.zero_gap && self.run_digits == 1 {
            if let Some(p) = self.last_power {
                tail = tail
                    .checked_mul(pow10(i32::from(p) - 1))
                    .ok_or_else(|| self.overflow())?;
                self.additive = true;
            }
        } else if !tail.is_zero() && self.last_power.is_some() {
            self.additive = true;
        }
        let mut v = self.section.checked_add(tail).ok_or_else(|| self.overflow())?;
        for &(part, _) in self.parts.iter().take(self.nparts) {
            v = v.checked_add(part).ok_or_else(|| self.overflow())?;
        }
        self.nparts = 0;
        self.section = Decimal::ZERO;
        Ok(v.normalize())
    }
}

/// True if the magnitude character at `at` begins a unit word instead.
fn stops_here(at: &Cursor<'_>) -> bool {
    // Only the next one or two characters decide: 千瓦, 千米, 千克, X分之, 百分点.
    let mut c = at.clone();
    let Some((_, _, m)) = c.next() else { return false };
    match c.next().map(|t| t.2) {
        Some('瓦' | '米' | '克') => m == '千',
        Some('分') => matches!(c.peek(), Some('之' | '点')),
        _ => false,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The characters worth trying after a number: ASCII, full-width and CJK
    /// punctuation, spaces, every character that folds to another or has a
    /// role in a numeral, and every 61st other character of the BMP.
    fn followers() -> Vec<char> {
        (0..0x10000u32)
            .chain(0x20000..0x20004)
            .filter_map(char::from_u32)
            .filter(|&c| {
                let u = c as u32;
                let f = crate::normalize::fold(c);
                u < 0x100
                    || (0x3000..0x3040).contains(&u)
                    || u >= 0xF000
                    || f != c
                    || sym(f).is_some()
                    || crate::normalize::is_space(c)
                    || crate::normalize::is_ignorable(c)
                    || u % 61 == 0
            })
            .collect()
    }

    /// Arabic numbers of every shape the fast paths must tell apart: leading
    /// zeros, a trailing point, two points, the most digits an `i64` holds
    /// and one more (shared with the parse fast path's test).
    pub(crate) const ARABIC_SHAPES: &[&str] = &[
        "0",
        "7",
        "2023",
        "1318.2",
        "6.80",
        "007",
        "12.",
        "1.2.3",
        "0.000001",
        "123456789012345678",
        "1234567890123456789",
        "99999999999999999.9",
    ];

    /// The fast paths agree with the full reader wherever they answer: after
    /// every number shape, with and without a magnitude, and every lone
    /// Chinese digit, before each of [`followers`].
    #[test]
    fn fast_paths_match_reader() {
        let magnitudes = ["", "万", "萬", "亿", "億", "万亿", "万(wàn)"];
        let followers = followers();
        let lone = ["一", "两", "零", "〇", "壹", "貳", "五", "九", "十", "一(yī)"].map(String::from);
        let mut answered = 0;
        let shapes = ARABIC_SHAPES.iter().flat_map(|s| magnitudes.map(|m| format!("{s}{m}")));
        for (i, shape) in shapes.chain(lone).enumerate() {
            // The number at the start of the text, or after a word.
            let lead = if i % 2 == 0 { "" } else { "约" };
            for &c in &followers {
                let text = format!("{lead}{shape}{c}元");
                let start = lead.len();
                if let Some(fast) = fast_path(&text, start) {
                    answered += 1;
                    let slow = Reader::new(&text, start).run();
                    assert_eq!(Ok(Some(fast)), slow, "{text:?}");
                    // Equal as numbers and written alike: the same scale.
                    let written = slow.ok().flatten().map(|n| n.value.to_string());
                    assert_eq!(Some(fast.value.to_string()), written, "{text:?}");
                    let mut after_point = Reader::new(&text, start);
                    after_point.leading_point = true;
                    assert_eq!(Ok(Some(fast)), after_point.run(), "{text:?} after a fraction word");
                }
            }
        }
        assert!(answered > 50_000, "{answered}");
    }
}
