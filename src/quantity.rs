//! Quantities: a number with its magnitude, unit and qualifier, and the
//! grammar of one expression.
//!
//! # Grammar
//!
//! ```text
//! quantity  = qualifier? ( rank | per-rate | fraction | doubling | amount )
//! amount    = currency-sign? numeral (余|多 magnitude?)? unit? rate? range? suffix?
//! qualifier = 约 大约 近 将近 接近 上 超 超过 逾 突破 不少于 不低于 至少 不足 不到 不满 未满 不超过 最多 (了)?
//! suffix    = 以上 以下 以内 左右 上下 +
//! unit      = a word of the unit lexicon (crate::unit), longest first
//! rate      = "/" magnitude? unit                      -- 0.56亿元/平方公里
//! range     = (~ | - | 至 | 到) numeral unit?            -- 70%~80%, 3至5亿元
//! fraction  = (百分之 | 千分之) numeral                  -- 百分之三十五
//! rank      = 第 numeral (位|名)?
//! per-rate  = 每 magnitude? unit … numeral unit          -- 每万人高价值发明专利20.52件
//! doubling  = 翻 numeral 番                              -- 翻两番 = 4 times
//! ```
//!
//! | written | value | unit | qualifier |
//! |---|---|---|---|
//! | `1318.2亿元` | 131820000000 | `CNY` | exact |
//! | `百分之三十五` | 35 | `percent` | exact |
//! | `70%~80%` | 70 – 80 | `percent` | exact |
//! | `億元` after `1318.2` | (traditional script reads the same) | | |
//! | `超210GW+` | 210000000000 | `W` | over |
//! | `0.045吨标煤/万元` | 0.0000045 | `tce/CNY` | exact |
//! | `747余万元` | 7470000 | `CNY` | over |
//!
//! ```
//! use zh_econ::{Quantity, Qualifier};
//!
//! let q: Quantity = "1318.2亿元".parse().unwrap();
//! assert_eq!(q.value.unwrap().to_string(), "131820000000");
//! assert_eq!(q.unit.unwrap().to_string(), "CNY");
//!
//! let q: Quantity = "70%~80%".parse().unwrap();
//! assert_eq!((q.low.unwrap().to_string(), q.high.unwrap().to_string()), ("70".into(), "80".into()));
//!
//! let q: Quantity = "超210GW+".parse().unwrap();
//! assert_eq!(q.qualifier, Qualifier::Over);
//! ```

use crate::normalize::{fold, is_han, is_ignorable, is_space, Cursor, StartSet, WordSet};
use crate::numeral::{self, Form, Numeral, NumeralError};
use crate::unit::{self, Kind, Unit, UnitWord};
use rust_decimal::Decimal;
use std::fmt;
use std::sync::LazyLock;

/// How a written quantity relates to its number (the contract's `qualifier`).
///
/// `以上`, `以下` and `以内` include the bound, as the Civil Code defines them;
/// `超过` and `不满` exclude it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Qualifier {
    /// As written.
    #[default]
    Exact,
    /// 约, 近, 左右, 上下, 大约, 上 (上百万).
    Approx,
    /// 超, 超过, 逾, 多, 余, 突破, a trailing `+`.
    Over,
    /// 以上, 不少于, 不低于, 至少.
    AtLeast,
    /// 不足, 不到, 不满, 未满.
    Under,
    /// 以下, 以内, 不超过, 最多.
    AtMost,
}

impl Qualifier {
    /// The contract's name: `exact`, `approx`, `over`, `at_least`, `under`, `at_most`.
    ///
    /// ```
    /// assert_eq!(zh_econ::Qualifier::AtLeast.as_str(), "at_least");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approx => "approx",
            Qualifier::Over => "over",
            Qualifier::AtLeast => "at_least",
            Qualifier::Under => "under",
            Qualifier::AtMost => "at_most",
        }
    }
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Qualifier words before a number, longest first within the table's lookup.
const PREFIXES: &[(&str, Qualifier)] = &[
    ("约", Qualifier::Approx),
    ("大约", Qualifier::Approx),
    ("近", Qualifier::Approx),
    ("将近", Qualifier::Approx),
    ("接近", Qualifier::Approx),
    ("上", Qualifier::Approx),
    ("超", Qualifier::Over),
    ("超过", Qualifier::Over),
    ("超出", Qualifier::Over),
    ("逾", Qualifier::Over),
    ("突破", Qualifier::Over),
    ("不少于", Qualifier::AtLeast),
    ("不低于", Qualifier::AtLeast),
    ("至少", Qualifier::AtLeast),
    ("不足", Qualifier::Under),
    ("不到", Qualifier::Under),
    ("不满", Qualifier::Under),
    ("未满", Qualifier::Under),
    ("不超过", Qualifier::AtMost),
    ("最多", Qualifier::AtMost),
];

/// Comparison words read as qualifiers only in a single expression (in running
/// text they compare two things: 低于溧阳2.2个百分点).
const WHOLE_PREFIXES: &[(&str, Qualifier)] = &[
    ("小于", Qualifier::Under),
    ("低于", Qualifier::Under),
    ("大于", Qualifier::Over),
    ("高于", Qualifier::Over),
];

/// Currency words written before the number in a single expression: 港币两千九百六十元.
const CURRENCY_WORDS_BEFORE: &[(&str, &str)] = &[
    ("台币", "TWD"),
    ("美金", "USD"),
    ("澳门币", "MOP"),
    ("人民币", "CNY"),
    ("港币", "HKD"),
    ("港元", "HKD"),
    ("美元", "USD"),
    ("欧元", "EUR"),
    ("日元", "JPY"),
    ("英镑", "GBP"),
    ("新台币", "TWD"),
];

/// Qualifier words after a quantity.
const SUFFIXES: &[(&str, Qualifier)] = &[
    ("以上", Qualifier::AtLeast),
    ("以下", Qualifier::AtMost),
    ("以内", Qualifier::AtMost),
    ("左右", Qualifier::Approx),
    ("上下", Qualifier::Approx),
    ("+", Qualifier::Over),
    ("及以上", Qualifier::AtLeast),
    ("及以下", Qualifier::AtMost),
];

/// Signs before a number that name a currency.
const CURRENCY_SIGNS: &[(&str, &str)] = &[
    ("¥", "CNY"),
    ("￥", "CNY"),
    ("US$", "USD"),
    ("HK$", "HKD"),
    ("NT$", "TWD"),
];

/// Range separators between two numbers.
const RANGE_SEPARATORS: &[&str] = &["~", "-", "至", "到", "~", "～"];

/// A quantity found in text: byte span, exact value or range, unit and qualifier.
///
/// This is the contract's quantity object; with the `serde` feature it
/// serializes to exactly that JSON (`value`, `low` and `high` as decimal strings).
///
/// ```
/// use zh_econ::Quantity;
/// let q: Quantity = "近千次".parse().unwrap();
/// assert_eq!(q.value.unwrap().to_string(), "1000");
/// assert_eq!(q.unit.unwrap().code(), "次");
/// assert_eq!(q.qualifier.as_str(), "approx");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Quantity {
    /// Byte offset of the first character in the (decoded) text.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// The expression as written: `text == &input[start..end]`.
    pub text: String,
    /// The exact value in the canonical unit; `None` for a range.
    #[cfg_attr(feature = "serde", serde(with = "opt_decimal"))]
    pub value: Option<Decimal>,
    /// The low end of a range.
    #[cfg_attr(
        feature = "serde",
        serde(with = "opt_decimal", skip_serializing_if = "Option::is_none", default)
    )]
    pub low: Option<Decimal>,
    /// The high end of a range.
    #[cfg_attr(
        feature = "serde",
        serde(with = "opt_decimal", skip_serializing_if = "Option::is_none", default)
    )]
    pub high: Option<Decimal>,
    /// The unit; `None` for a bare number.
    pub unit: Option<Unit>,
    /// The qualifier.
    pub qualifier: Qualifier,
}

#[cfg(feature = "serde")]
mod opt_decimal {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(d) => s.collect_str(&d.normalize()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        let s: Option<std::borrow::Cow<'de, str>> = Option::deserialize(d)?;
        s.map(|s| s.parse::<Decimal>().map_err(serde::de::Error::custom))
            .transpose()
    }
}

impl Quantity {
    /// The byte range of the quantity in its text.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// True for a range (`low`/`high` set, `value` unset).
    pub fn is_range(&self) -> bool {
        self.value.is_none()
    }
}

impl fmt::Display for Quantity {
    /// Writes the canonical reading: `131820000000 CNY`, `70~80 percent (approx)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.value, self.low, self.high) {
            (Some(v), _, _) => write!(f, "{}", v.normalize())?,
            (None, Some(l), Some(h)) => write!(f, "{}~{}", l.normalize(), h.normalize())?,
            _ => f.write_str("?")?,
        }
        if let Some(u) = self.unit {
            write!(f, " {u}")?;
        }
        if self.qualifier != Qualifier::Exact {
            write!(f, " ({})", self.qualifier)?;
        }
        Ok(())
    }
}

/// Why a string is not one quantity expression.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// The input is empty or only spaces.
    #[error("expected a number, found empty input")]
    Empty,
    /// No number where one was expected.
    #[error("expected a number at byte {offset}, found {found:?}")]
    ExpectedNumber {
        /// Byte offset in the input.
        offset: usize,
        /// The text found there (at most a few characters).
        found: String,
    },
    /// A quantity was read, but text follows it.
    #[error("expected the end of the expression at byte {offset}, found {found:?}")]
    Trailing {
        /// Byte offset in the input.
        offset: usize,
        /// The text found there (at most a few characters).
        found: String,
    },
    /// The number is too large (or has too many decimal places) to be exact.
    #[error("number too large to represent exactly at bytes {start}..{end}")]
    Overflow {
        /// Byte offset of the number.
        start: usize,
        /// Byte offset where reading stopped.
        end: usize,
    },
}

impl From<NumeralError> for ParseError {
    #[cold]
    fn from(e: NumeralError) -> Self {
        match e {
            NumeralError::Overflow { start, end } => ParseError::Overflow { start, end },
        }
    }
}

fn snippet(s: &str, at: usize) -> String {
    s.get(at..).unwrap_or("").chars().take(6).collect()
}

impl std::str::FromStr for Quantity {
    type Err = ParseError;

    /// Parses one whole expression; a bare number is allowed (`unit` is `None`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_expression(s)
    }
}

/// Parses `s` as exactly one quantity expression (see the module docs).
///
/// Leading and trailing spaces are ignored; spans are byte offsets into `s`.
///
/// ```
/// use zh_econ::quantity::{parse_expression, ParseError};
/// assert_eq!(parse_expression("三成").unwrap().value.unwrap().to_string(), "30");
/// assert!(matches!(parse_expression("元整"), Err(ParseError::ExpectedNumber { offset: 0, .. })));
/// assert!(matches!(parse_expression("5亿元整理"), Err(ParseError::Trailing { .. })));
/// ```
pub fn parse_expression(s: &str) -> Result<Quantity, ParseError> {
    let start = s.len() - s.trim_start().len();
    let end = s.trim_end().len();
    if start >= end {
        return Err(ParseError::Empty);
    }
    if let Some(q) = parse_plain(s, start, end) {
        return Ok(q);
    }
    parse_full(s, start, end)
}

/// The fast path of [`parse_expression`] for the way most figures are
/// written: ASCII digits (with 万 or 亿) and one unit word that ends the
/// expression (`1318.2亿元`, `6.8%`, `50家`). No qualifier, sign, currency or
/// special form begins with a digit, a fraction needs `分之` or a slash after
/// its number (no unit word is either), and nothing follows the unit, so the
/// rest of the grammar has nothing to read (个 before a magnitude, `两个亿`,
/// is not a unit word); 余, 多 and 半 right after the number are left to it.
/// `None` leaves the text to [`parse_full`], which the unit tests check this
/// against.
fn parse_plain(s: &str, start: usize, end: usize) -> Option<Quantity> {
    let (n, word, word_end) = digits_and_unit(s, start)?;
    if word_end != end {
        return None;
    }
    // The numeral's value comes normalized; most unit words leave it as it is.
    let value = match word.exp {
        0 => n.value,
        exp => n.value.checked_mul(numeral::pow10(i32::from(exp)))?.normalize(),
    };
    Some(Quantity {
        start,
        end,
        text: s.get(start..end)?.to_string(),
        value: Some(value),
        low: None,
        high: None,
        unit: Some(Unit::new(word.code)),
        qualifier: Qualifier::Exact,
    })
}

/// [`parse_expression`] through the whole grammar.
fn parse_full(s: &str, start: usize, end: usize) -> Result<Quantity, ParseError> {
    // Matched by reference: the raw reading is large, and moving it out of
    // the result costs two copies on this hot path.
    let read = read(s, start, Mode::Whole);
    let raw = match &read {
        Ok(Some(r)) => r,
        Ok(None) => {
            return Err(ParseError::ExpectedNumber {
                offset: start,
                found: snippet(s, start),
            })
        }
        Err(e) => return Err(e.clone().into()),
    };
    if raw.end != end {
        return Err(ParseError::Trailing {
            offset: raw.end,
            found: snippet(s, raw.end),
        });
    }
    Ok(raw.to_quantity(s))
}

/// The fast path of [`read`] in running text, for the way most figures are
/// written: ASCII digits (with 万 or 亿), one unit word right after them,
/// and after it a character the grammar reads nothing with (`6.8%，`,
/// `1318.2亿元，`, `50家的`). No qualifier, sign, currency or special form
/// begins with a digit, so the grammar goes from the number to the unit;
/// 余, 多, 半 and spaces before the unit, 角 as the unit, and after it
/// whatever may follow a number (a unit: 330.3万个标准箱, a range separator,
/// a suffix, a slash, a space, an annotation, an invisible character), a
/// numeral (cents, 一吨半, 两个亿) or 整, 正, 人 (after 元) are left to it. `None` leaves the candidate to the grammar,
/// which a unit test checks this against for every unit word.
fn read_plain(text: &str, start: usize) -> Option<Raw> {
    let (n, word, end) = digits_and_unit(text, start)?;
    if text.get(n.end..)?.starts_with(is_space) || (word.code == "CNY" && word.exp == -1) {
        return None;
    }
    if let Some(next) = text.get(end..)?.chars().next() {
        let f = fold(next);
        if may_follow_number(next) || numeral::sym(f).is_some() || matches!(f, '半' | '点' | '整' | '正' | '人') {
            return None;
        }
    }
    let mut r = Raw::new(start, end, n);
    if word.exp != 0 {
        r.multiply(i32::from(word.exp)).ok()?;
    }
    r.unit = Some(Unit::new(word.code));
    r.word = Some(word);
    r.word_start = n.end;
    r.word_end = end;
    Some(r)
}

/// What both fast paths ([`parse_plain`], [`read_plain`]) read first: ASCII
/// digits (with 万 or 亿) and the unit word right after them, with its end.
/// 余, 多 and 半 after the number are left to the grammar.
#[inline]
fn digits_and_unit(text: &str, start: usize) -> Option<(Numeral, &'static UnitWord, usize)> {
    let n = numeral::plain_arabic(text, start)?;
    let at = Cursor::new(text, n.end);
    if matches!(at.peek(), Some('余' | '多' | '半')) {
        return None;
    }
    let (word, end) = unit::lookup(&at)?;
    Some((n, word, end))
}

/// Whether the grammar reads one whole expression or scans running text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Whole,
    Scan,
}

/// How a quantity began, for the scanner's context rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lead {
    Plain,
    /// 第N: a rank candidate; `explicit` when 位/名 follows.
    Rank {
        explicit: bool,
    },
    /// 首位.
    First,
    /// 每…N: a per-capita style rate.
    Per,
}

/// A quantity as the grammar read it, with what the scanner needs to judge it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Raw {
    pub start: usize,
    pub end: usize,
    pub value: Option<Decimal>,
    pub low: Option<Decimal>,
    pub high: Option<Decimal>,
    pub unit: Option<Unit>,
    pub qualifier: Qualifier,
    pub lead: Lead,
    /// The main numeral as written.
    pub form: Form,
    pub num_start: usize,
    pub num_end: usize,
    /// The unit word of the numerator, as matched.
    pub word: Option<&'static UnitWord>,
    pub word_start: usize,
    pub word_end: usize,
    /// A rate written with no numerator unit (`0.12/家`): only the denominator is known.
    pub bare_per: Option<&'static str>,
    /// Power of ten the magnitude words multiplied the first number by.
    pub scale: Option<u8>,
    /// A qualifier word was written before the number.
    pub prefixed: bool,
}

impl Raw {
    pub(crate) fn to_quantity(&self, text: &str) -> Quantity {
        Quantity {
            start: self.start,
            end: self.end,
            text: text.get(self.start..self.end).unwrap_or("").to_string(),
            value: self.value.map(normalized),
            low: self.low.map(normalized),
            high: self.high.map(normalized),
            unit: self.unit,
            qualifier: self.qualifier,
        }
    }
}

/// `v` with no trailing zeros after the point and no negative zero; an
/// integer written with no point (most values) is so already, and is not
/// divided again.
fn normalized(v: Decimal) -> Decimal {
    if v.scale() == 0 && !v.is_zero() {
        v
    } else {
        v.normalize()
    }
}

fn scaled(v: Decimal, exp: i32) -> Result<Decimal, NumeralError> {
    v.checked_mul(numeral::pow10(exp))
        .ok_or(NumeralError::Overflow { start: 0, end: 0 })
}

fn eat_any<T: Copy>(c: &mut Cursor<'_>, set: &WordSet<T>) -> Option<T> {
    let (t, end) = set.longest(c)?;
    *c = Cursor::new(c.text(), end);
    Some(t)
}

static PREFIX_SET: LazyLock<WordSet<Qualifier>> = LazyLock::new(|| WordSet::new(PREFIXES));
static WHOLE_PREFIX_SET: LazyLock<WordSet<Qualifier>> = LazyLock::new(|| WordSet::new(WHOLE_PREFIXES));
static SUFFIX_SET: LazyLock<WordSet<Qualifier>> = LazyLock::new(|| WordSet::new(SUFFIXES));
static CURRENCY_SIGN_SET: LazyLock<WordSet<&'static str>> = LazyLock::new(|| WordSet::new(CURRENCY_SIGNS));
static CURRENCY_WORD_SET: LazyLock<WordSet<&'static str>> = LazyLock::new(|| WordSet::new(CURRENCY_WORDS_BEFORE));

/// The last characters of [`CURRENCY_WORDS_BEFORE`].
static CURRENCY_LAST_CHARS: LazyLock<Vec<char>> = LazyLock::new(|| {
    CURRENCY_WORDS_BEFORE
        .iter()
        .filter_map(|(w, _)| w.chars().next_back())
        .collect()
});

/// The currency word (新台币, 港币, 人民币 …, any script) that ends exactly at
/// byte `at`, as its start and code; the longest one if several do.
pub(crate) fn currency_before(text: &str, at: usize) -> Option<(usize, &'static str)> {
    let head = text.get(..at)?;
    // A word that ends at `at` ends with its last character, or with a
    // pinyin annotation after it: with neither there (most figures), none does.
    let last = head.chars().next_back()?;
    if !(CURRENCY_LAST_CHARS.contains(&fold(last)) || matches!(last, ')' | '）') || is_ignorable(last)) {
        return None;
    }
    currency_ending_at(text, at)
}

/// [`currency_before`] without its first test: a word lookup at each of the
/// 12 characters before `at` (three characters make a word, more with a
/// pinyin annotation inside: 新(xīn)台币).
fn currency_ending_at(text: &str, at: usize) -> Option<(usize, &'static str)> {
    text.get(..at)?
        .char_indices()
        .rev()
        .take(12)
        .filter_map(|(i, _)| match CURRENCY_WORD_SET.longest(&Cursor::new(text, i)) {
            Some((code, end)) if end == at => Some((i, code)),
            _ => None,
        })
        .last()
}

/// Reads a numeral at the cursor, skipping spaces before it only in whole mode.
fn numeral_at(c: &Cursor<'_>) -> Result<Option<Numeral>, NumeralError> {
    numeral::read(c.text(), c.pos())
}

/// Reads the quantity that starts at byte `start`, if any.
pub(crate) fn read(text: &str, start: usize, mode: Mode) -> Result<Option<Raw>, NumeralError> {
    read_inner(text, start, mode, true).map_err(|e| match e {
        // Scaling by a unit factor reports no span of its own: give it the quantity's.
        NumeralError::Overflow { start: 0, end: 0 } => NumeralError::Overflow { start, end: text.len() },
        e => e,
    })
}

/// [`read`]; `fast` lets a plain figure of running text, after a qualifier
/// or not, take [`read_plain`] (the tests read without it as the reference).
fn read_inner(text: &str, start: usize, mode: Mode, fast: bool) -> Result<Option<Raw>, NumeralError> {
    if fast && mode == Mode::Scan && text.as_bytes().get(start).is_some_and(u8::is_ascii_digit) {
        if let Some(r) = read_plain(text, start) {
            return Ok(Some(r));
        }
    }
    let mut c = Cursor::new(text, start);
    let qualifier = eat_any(&mut c, &PREFIX_SET);
    if let Some(q) = qualifier {
        eat_particle(&mut c);
        // 近50家, 超过了20%: the qualifier and a plain figure (上 qualifies
        // only a bare magnitude, which a plain figure is not: the grammar's).
        if fast && mode == Mode::Scan && !text.get(start..).is_some_and(|t| t.starts_with('上')) {
            if let Some(mut r) = read_plain(text, c.pos()) {
                r.start = start;
                r.qualifier = q;
                r.prefixed = true;
                return Ok(Some(r));
            }
        }
    } else if mode == Mode::Whole {
        if let Some(q) = eat_any(&mut c, &WHOLE_PREFIX_SET) {
            return finish_read(text, start, c, mode, Some(q));
        }
    }
    finish_read(text, start, c, mode, qualifier)
}

/// True if `f` (folded) begins a qualifier word of running text (约, 大约,
/// 不少于 …).
pub(crate) fn qualifier_may_start(f: char) -> bool {
    PREFIX_SET.starting_with(f).next().is_some()
}

/// True if a qualifier word of running text is written at the cursor.
pub(crate) fn qualifier_at(c: &Cursor<'_>) -> bool {
    PREFIX_SET.starts(c)
}

/// Steps over a particle between a qualifier and its number; it stays in the
/// span: 超过了20%, 至少有10.
pub(crate) fn eat_particle(c: &mut Cursor<'_>) {
    let _ = c.eat("了") || c.eat("有") || c.eat("是");
}

fn finish_read<'a>(
    text: &'a str,
    start: usize,
    mut c: Cursor<'a>,
    mode: Mode,
    qualifier: Option<Qualifier>,
) -> Result<Option<Raw>, NumeralError> {
    let mut r = match read_body(text, &mut c, mode, qualifier)? {
        Some(r) => r,
        None => return Ok(None),
    };
    r.start = start;
    // 上 only means "reaching the order of" before a bare magnitude: 上百万, 上万.
    if qualifier == Some(Qualifier::Approx)
        && text.get(start..).is_some_and(|s| s.starts_with('上'))
        && !r.form.bare_magnitude
    {
        return Ok(None);
    }
    // A bare magnitude (千, 万, 百万) is a number only after a qualifier: 近千次, 上万个.
    if r.form.bare_magnitude && r.form.digits == 0 && qualifier.is_none() && r.lead == Lead::Plain {
        return Ok(None);
    }
    if let Some(q) = qualifier {
        r.qualifier = q;
        r.prefixed = true;
    }
    Ok(Some(r))
}

fn read_body<'a>(
    text: &'a str,
    c: &mut Cursor<'a>,
    mode: Mode,
    qualifier: Option<Qualifier>,
) -> Result<Option<Raw>, NumeralError> {
    let body_start = c.pos();
    // Every special form begins with its own character: look at it once.
    let first = c.peek();
    // 第N(位|名): a rank.
    {
        let mut p = c.clone();
        if first == Some('第') && p.eat("第") {
            if let Some(n) = numeral_at(&p)? {
                if n.form.fraction || n.form.negative {
                    return Ok(None);
                }
                p = Cursor::new(text, n.end);
                let explicit = p.eat("位") || p.eat("名");
                let mut r = Raw::new(body_start, p.pos(), n);
                r.value = Some(r.value.unwrap_or_default());
                r.unit = Some(Unit::new("rank"));
                r.lead = Lead::Rank { explicit };
                *c = p;
                return Ok(Some(r));
            }
            return Ok(None);
        }
        let mut p = c.clone();
        if first == Some('首') && p.eat("首位") {
            let mut r = Raw::empty(body_start, p.pos());
            r.value = Some(Decimal::ONE);
            r.unit = Some(Unit::new("rank"));
            r.lead = Lead::First;
            *c = p;
            return Ok(Some(r));
        }
    }
    // 每 + magnitude? + unit … N unit: a per-capita rate.
    if mode == Mode::Scan && qualifier.is_none() {
        let mut p = c.clone();
        if first == Some('每') && p.eat("每") {
            return read_per(text, p, body_start);
        }
    }
    // 翻N番: doubling N times.
    {
        let mut p = c.clone();
        if first == Some('翻') && p.eat("翻") {
            p.eat("了");
            if let Some(n) = numeral_at(&p)? {
                let mut q = Cursor::new(text, n.end);
                if q.eat("番") && n.value.is_integer() && n.value >= Decimal::ONE && n.value <= Decimal::from(64) {
                    let k = u32::try_from(n.value.mantissa()).unwrap_or(0);
                    let v = Decimal::from_i128_with_scale(1i128 << k.min(90), 0);
                    let mut r = Raw::new(body_start, q.pos(), n);
                    r.value = Some(v);
                    r.unit = Some(Unit::new("times"));
                    *c = q;
                    return Ok(Some(r));
                }
            }
            return Ok(None);
        }
    }
    // 负百分之…, 百分之…, 千分之…
    {
        let mut p = c.clone();
        let fraction_start = matches!(first, Some('负' | '-' | '百' | '佰' | '千' | '仟'));
        let neg = fraction_start && (p.eat("负") || p.eat("-"));
        let frac = if !fraction_start {
            None
        } else if p.eat("百分之") || p.eat("佰分之") {
            Some("percent")
        } else if p.eat("千分之") || p.eat("仟分之") {
            Some("permille")
        } else {
            None
        };
        if let Some(code) = frac {
            // 五百分之二 is two five-hundredths, not a percentage.
            if !neg && prev_is_digit(text, body_start) {
                return Ok(None);
            }
            let Some(mut n) = numeral::read_after_fraction_word(text, p.pos())? else {
                return Ok(None);
            };
            // 百分之百: the magnitude word stands for one hundred here.
            n.form.bare_magnitude = false;
            let mut r = Raw::new(body_start, n.end, n);
            if neg {
                r.value = r.value.map(|v| -v);
            }
            r.unit = Some(Unit::new(code));
            r.word = unit::WORDS.iter().find(|w| w.code == code && w.exp == 0);
            r.word_end = n.end;
            *c = Cursor::new(text, n.end);
            // 百分之三十五到四十: a range.
            read_range(text, c, &mut r, mode)?;
            read_suffix(c, &mut r);
            return Ok(Some(r));
        }
    }
    // 零下四摄氏度: below zero.
    let below_zero = first == Some('零') && c.eat("零下");
    // 半斤, 半成: a half with no number before it.
    {
        let mut p = c.clone();
        if first == Some('半') && p.eat("半") {
            if let Some((word, end)) = unit::lookup(&p) {
                if word.exp >= 0 && !matches!(word.kind, Kind::Currency) {
                    let mut r = Raw::empty(body_start, end);
                    r.value = Some(Decimal::new(5, 1));
                    r.form.fraction = true;
                    r.num_start = body_start;
                    r.num_end = p.pos();
                    r.multiply(i32::from(word.exp))?;
                    r.unit = Some(Unit::new(word.code));
                    r.word = Some(word);
                    r.word_end = end;
                    *c = Cursor::new(text, end);
                    return Ok(Some(r));
                }
            }
        }
    }
    if mode == Mode::Whole {
        c.eat("从");
    }
    // Currency signs (¥100), and in a single expression currency words (港币2960元).
    let mut sign = eat_any(c, &CURRENCY_SIGN_SET);
    if sign.is_none() {
        // 新台币4万6342元, 人民币125万元: the currency written before the number.
        let mut p = c.clone();
        if let Some(code) = eat_any(&mut p, &CURRENCY_WORD_SET) {
            if mode == Mode::Whole {
                p.skip_spaces();
            }
            if p.peek().is_some_and(numeral::can_start) {
                sign = Some(code);
                *c = p;
            }
        }
    }
    // N分之M, 十分之一, 五百分之二, 1/2: a fraction, in a single expression only
    // (in running text 分之 is too often part of a name or a ratio of two things).
    // Only an expression with 分 or a slash can be one: the others are not
    // read twice.
    let fraction_mark = |ch: char| matches!(ch, '分' | '/' | '／');
    if mode == Mode::Whole && sign.is_none() && text.get(c.pos()..).is_some_and(|s| s.contains(fraction_mark)) {
        if let Some(r) = read_fraction(text, c, body_start)? {
            return Ok(Some(r));
        }
    }
    // In a single expression a fraction may stand alone: 点五 = 0.5.
    let n = if mode == Mode::Whole {
        numeral::read_after_fraction_word(text, c.pos())?
    } else {
        numeral_at(c)?
    };
    let Some(n) = n else {
        return Ok(None);
    };
    let mut r = Raw::new(body_start, n.end, n);
    *c = Cursor::new(text, n.end);
    if mode == Mode::Scan && sign.is_none() && !below_zero && !followed(text, n.end) {
        // Nothing the rest of the grammar reads can follow (一步, 2023年):
        // what it would leave is the number as read.
        r.apply_pair()?;
        return Ok(Some(r));
    }
    read_after_number(text, c, &mut r, mode)?;
    if below_zero {
        r.value = r.value.map(|v| -v);
    }
    if let Some(code) = sign {
        if !r.name_currency(code) {
            return Ok(None);
        }
    }
    read_range(text, c, &mut r, mode)?;
    read_suffix(c, &mut r);
    Ok(Some(r))
}

/// The characters (as written) that the grammar after a number may read:
/// the first characters of units, 个, 余 and 多, spaces, a slash, range
/// separators, qualifier suffixes and `(含)`, and the ignorable characters
/// it reads through.
static FOLLOWERS: LazyLock<StartSet> =
    LazyLock::new(|| StartSet::folded(|f| unit::may_start(f) || matches!(f, '个' | '余' | '多') || tail_may_start(f)));

/// The characters (as written) that the tail of a reading may begin with:
/// a rate's slash, a range separator, a qualifier suffix, and what the
/// cursor reads through before them (`(含)`, spaces, an annotation's
/// parenthesis, the ignorable characters). Before any other character
/// [`read_rate`], [`read_range`] and [`read_suffix`] read nothing, and are
/// not tried: most figures end before punctuation or a word.
static TAIL_STARTS: LazyLock<StartSet> = LazyLock::new(|| StartSet::folded(tail_may_start));

/// True if `f` (folded) may begin the tail of a reading: see [`TAIL_STARTS`].
fn tail_may_start(f: char) -> bool {
    SUFFIX_SET.starting_with(f).next().is_some()
        || RANGE_SEPARATORS.iter().any(|s| s.starts_with(f))
        || matches!(f, '/' | '(')
        || is_space(f)
        || is_ignorable(f)
}

/// True if the character at `at` may begin the tail of a reading (see
/// [`TAIL_STARTS`]; the end of the text is not one).
#[inline]
fn tail_may_follow(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|s| s.chars().next())
        .is_some_and(|c| TAIL_STARTS.contains(c))
}

/// True if the grammar after a number may read `c` (as written): see
/// [`FOLLOWERS`].
pub(crate) fn may_follow_number(c: char) -> bool {
    FOLLOWERS.contains(c)
}

/// True if a character the grammar after a number may read stands at `at`
/// (the end of the text is not one).
#[inline]
fn followed(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|s| s.chars().next())
        .is_some_and(|c| FOLLOWERS.contains(c))
}

/// True if a single nonzero digit stands just before `at` (五百分之二), so that
/// the digit and the magnitude word form a denominator. After 零 or a run of
/// digits (点五零百分之…, 四三千分之五) they cannot.
fn prev_is_digit(text: &str, at: usize) -> bool {
    let digit = |c: Option<char>| {
        c.map(crate::normalize::fold)
            .and_then(numeral::sym)
            .and_then(|s| match s {
                numeral::Sym::Digit(d, _) => Some(d),
                _ => None,
            })
    };
    let mut back = text.get(..at).unwrap_or("").chars().rev();
    matches!(digit(back.next()), Some(d) if d > 0) && digit(back.next()).is_none()
}

/// `[N][十|百|千|万]分之M` or `N/M` as a bare number worth M/N; a value that
/// does not terminate is rounded to 28 places and marked `approx`.
fn read_fraction<'a>(text: &'a str, c: &mut Cursor<'a>, start: usize) -> Result<Option<Raw>, NumeralError> {
    let mut p = c.clone();
    let n = numeral_at(&p)?;
    let mut den = n.map_or(Decimal::ONE, |n| n.value);
    if let Some(n) = n {
        p = Cursor::new(text, n.end);
    }
    let slash = n.is_some_and(|n| !n.form.chinese) && p.eat("/");
    if !slash {
        for (word, exp) in [("十", 1), ("百", 2), ("千", 3), ("万", 4)] {
            let mut q = p.clone();
            if q.eat(word) && q.clone().eat("分之") {
                den = scaled(den, exp)?;
                p = q;
                break;
            }
        }
        if !p.eat("分之") {
            return Ok(None);
        }
    }
    let Some(m) = numeral::read_after_fraction_word(text, p.pos())? else {
        return Ok(None);
    };
    if den.is_zero() || (slash && m.form.chinese) {
        return Ok(None);
    }
    // N分之M is M/N; a/b is a/b.
    let (num, den) = if slash { (den, m.value) } else { (m.value, den) };
    if den.is_zero() {
        return Ok(None);
    }
    let v = num.checked_div(den).unwrap_or_default();
    let rounded = v.round_dp(28);
    let mut r = Raw::new(start, m.end, m);
    r.value = Some(rounded);
    r.form.fraction = true;
    if rounded.checked_mul(den) != Some(num) {
        r.qualifier = Qualifier::Approx;
    }
    *c = Cursor::new(text, m.end);
    Ok(Some(r))
}

impl Raw {
    fn new(start: usize, end: usize, n: Numeral) -> Self {
        let mut r = Raw::empty(start, end);
        r.value = Some(n.value);
        r.form = n.form;
        r.num_start = n.start;
        r.num_end = n.end;
        r.scale = n.form.scale;
        r
    }

    fn empty(start: usize, end: usize) -> Self {
        Raw {
            start,
            end,
            value: None,
            low: None,
            high: None,
            unit: None,
            qualifier: Qualifier::Exact,
            lead: Lead::Plain,
            form: Form::default(),
            num_start: start,
            num_end: end,
            word: None,
            word_start: end,
            word_end: end,
            bare_per: None,
            scale: None,
            prefixed: false,
        }
    }

    fn apply_pair(&mut self) -> Result<(), NumeralError> {
        if let (Some((a, b)), Some(s)) = (self.form.pair, self.form.scale) {
            self.low = Some(scaled(Decimal::from(a), i32::from(s))?);
            self.high = Some(scaled(Decimal::from(b), i32::from(s))?);
            self.value = None;
        }
        Ok(())
    }

    /// Multiplies value, low and high by 10^`exp` exactly; on overflow the
    /// value that would overflow is left as it was and the error returned.
    pub(crate) fn multiply(&mut self, exp: i32) -> Result<(), NumeralError> {
        self.multiply_by(numeral::pow10(exp))
    }
}

/// After the number: 余/多 (and a magnitude), the unit, 角/分, a rate.
fn read_after_number<'a>(text: &'a str, c: &mut Cursor<'a>, r: &mut Raw, mode: Mode) -> Result<(), NumeralError> {
    r.apply_pair()?;
    // 两个亿: a measure word before a large magnitude.
    {
        let mut p = c.clone();
        if p.peek() == Some('个') && p.eat("个") {
            if let Some(m) = numeral_at(&p)? {
                if m.form.bare_magnitude && m.form.large && m.form.magnitudes == 1 {
                    r.multiply_by(m.value)?;
                    *c = Cursor::new(text, m.end);
                    r.end = c.pos();
                }
            }
        }
    }
    // 747余万元, 100多家, 30余項
    {
        let mut p = c.clone();
        if matches!(p.peek(), Some('余' | '多')) && (p.eat("余") || p.eat("多")) {
            let mut ok = false;
            if let Some(m) = numeral_at(&p)? {
                if m.form.bare_magnitude || (m.form.digits == 0 && m.form.magnitudes > 0) {
                    r.multiply_by(m.value)?;
                    if let Some(s) = m.form.scale {
                        r.scale = Some(r.scale.unwrap_or(0).saturating_add(s));
                    }
                    p = Cursor::new(text, m.end);
                    ok = true;
                }
            }
            if ok || unit::lookup(&p).is_some() || mode == Mode::Whole {
                r.qualifier = Qualifier::Over;
                *c = p;
                r.end = c.pos();
            }
        }
    }
    let mut p = c.clone();
    if mode == Mode::Scan || r.form.arabic {
        // One space may stand between a number and its unit in scraped text.
        let before = p.pos();
        p.skip_spaces();
        if p.pos() - before > 3 {
            p = c.clone();
        }
    }
    if let Some((mut word, mut end)) = unit::lookup(&p) {
        // 330.3万个标准箱: 个 before a unit of measure belongs to it.
        if word.word == "个" {
            if let Some((w2, e2)) = unit::lookup(&Cursor::new(text, end)) {
                if matches!(w2.kind, Kind::Measure | Kind::Currency) && !w2.code.is_empty() {
                    (word, end) = (w2, e2);
                }
            }
        }
        if word.code == "CNY" && word.exp == -1 && mode == Mode::Scan {
            // 角 alone is a jiao only after 元 or in a cheque amount.
            return Ok(());
        }
        r.multiply(i32::from(word.exp))?;
        r.unit = Some(Unit::new(word.code));
        r.word = Some(word);
        r.word_start = p.pos();
        r.word_end = end;
        *c = Cursor::new(text, end);
        r.end = end;
        if word.code == "CNY" {
            read_cents(text, c, r)?;
        }
        // 一吨半, 两米半, 两成半: 半 after the unit adds half of that unit.
        let mut h = c.clone();
        if h.eat("半") && r.value.is_some() && !r.form.fraction && word.kind != Kind::Currency {
            let half = scaled(Decimal::new(5, 1), i32::from(word.exp))?;
            r.value = r.value.and_then(|v| v.checked_add(half));
            *c = h;
            r.end = c.pos();
        }
        // 三万元欧元, 9000元日币: a currency named after a generic 元.
        if word.word == "元" {
            let mut h = c.clone();
            if let Some((w2, e2)) = unit::lookup(&h) {
                if w2.kind == Kind::Currency && w2.code != "CNY" && !w2.code.is_empty() && w2.exp == 0 {
                    h = Cursor::new(text, e2);
                    r.unit = Some(Unit::new(w2.code));
                    r.word = Some(w2);
                    *c = h;
                    r.end = c.pos();
                }
            }
        }
    } else if mode == Mode::Whole {
        // A cheque amount with no 元: 肆角叁分, 壹分.
        let mut p = c.clone();
        if p.eat("分") && !r.form.fraction {
            r.multiply(-2)?;
            r.unit = Some(Unit::new("CNY"));
            *c = p;
            r.end = c.pos();
        }
    }
    read_rate(text, c, r)?;
    Ok(())
}

impl Raw {
    /// True if the unit was read from the generic 元 (or 圆), which a
    /// currency named before the number overrides: 新台币3000元 is TWD.
    pub(crate) fn generic_yuan(&self) -> bool {
        self.word.is_some_and(|w| w.word == "元" || w.word == "圆")
    }

    /// Gives the money `code`, written before the number (a sign or a
    /// currency word), to a reading with no unit or only the generic 元; a
    /// rate keeps its denominator (`¥0.5/家`, `新台币3000元/平方米`). False if
    /// the reading names other money of its own (`港币300美元`).
    pub(crate) fn name_currency(&mut self, code: &'static str) -> bool {
        let per = match self.unit {
            None => self.bare_per.take(),
            Some(u) if self.generic_yuan() => u.per(),
            Some(u) => return u.code() == code,
        };
        self.unit = Some(match per {
            Some(per) => Unit::rate(code, per),
            None => Unit::new(code),
        });
        true
    }

    fn multiply_by(&mut self, m: Decimal) -> Result<(), NumeralError> {
        for v in [&mut self.value, &mut self.low, &mut self.high].into_iter().flatten() {
            *v = v.checked_mul(m).ok_or(NumeralError::Overflow { start: 0, end: 0 })?;
        }
        Ok(())
    }
}

/// 元 followed by 角 and 分 (壹元零壹分, 三元五角), or 整/正.
fn read_cents<'a>(text: &'a str, c: &mut Cursor<'a>, r: &mut Raw) -> Result<(), NumeralError> {
    let Some(v) = r.value else { return Ok(()) };
    // 角, 分, 整, 钱 and 人民币 follow only as a digit, 零, or the word itself.
    let next = c.peek();
    if !next.is_some_and(|ch| crate::numeral::can_start(ch) || matches!(ch, '整' | '正' | '人')) {
        return Ok(());
    }
    let mut total = v;
    let mut p = c.clone();
    let mut any = false;
    for (word, exp) in [("角", -1), ("毛", -1), ("分", -2)] {
        let mut q = p.clone();
        q.eat("零");
        if let Some(n) = numeral_at(&q)? {
            if n.form.digits == 1 && n.form.magnitudes == 0 && !n.form.fraction {
                let mut after = Cursor::new(text, n.end);
                if after.eat(word) {
                    total = total
                        .checked_add(scaled(n.value, exp)?)
                        .ok_or(NumeralError::Overflow { start: 0, end: 0 })?;
                    p = after;
                    any = true;
                }
            }
        }
    }
    if p.eat("整") || p.eat("正") || (any && p.eat("钱")) {
        any = true;
    }
    if p.eat("人民币") {
        any = true;
    }
    if any {
        r.value = Some(total);
        *c = p;
        r.end = c.pos();
    }
    Ok(())
}

/// `/` + magnitude? + unit: a rate (0.56亿元/平方公里, 0.045吨标煤/万元, 1.75亿/家).
fn read_rate<'a>(text: &'a str, c: &mut Cursor<'a>, r: &mut Raw) -> Result<(), NumeralError> {
    if !tail_may_follow(text, c.pos()) {
        return Ok(());
    }
    let mut p = c.clone();
    if !p.eat("/") {
        return Ok(());
    }
    let mut den_exp = 0i32;
    if let Some(m) = numeral_at(&p)? {
        if m.form.digits == 0 && m.form.magnitudes > 0 {
            if let Some(s) = m.form.scale {
                den_exp = i32::from(s);
                p = Cursor::new(text, m.end);
            }
        } else {
            return Ok(());
        }
    }
    let Some((den, end)) = unit::lookup(&p) else {
        return Ok(());
    };
    if matches!(
        den.kind,
        Kind::Percent | Kind::Permille | Kind::PercentagePoint | Kind::Times
    ) {
        return Ok(());
    }
    r.multiply(-(den_exp + i32::from(den.exp)))?;
    match r.unit {
        Some(u) if u.per().is_none() => r.unit = Some(Unit::rate(u.code(), den.code)),
        Some(_) => return Ok(()),
        None => r.bare_per = Some(den.code),
    }
    *c = Cursor::new(text, end);
    r.end = end;
    Ok(())
}

/// `~`, `-`, `至`, `到` + a second number: a range. The unit may be written
/// once, after the second number (`3至5亿元`), which then also lends its
/// magnitude to a first number that has none.
fn read_range<'a>(text: &'a str, c: &mut Cursor<'a>, r: &mut Raw, mode: Mode) -> Result<(), NumeralError> {
    if r.value.is_none() || r.lead != Lead::Plain || !tail_may_follow(text, c.pos()) {
        return Ok(());
    }
    let mut p = c.clone();
    p.eat("(含)");
    p.skip_spaces();
    // Every separator is one character: look at it once.
    if !matches!(p.peek(), Some('~' | '-' | '至' | '到' | '～')) {
        return Ok(());
    }
    let Some(_) = RANGE_SEPARATORS.iter().find(|s| p.eat(s)) else {
        return Ok(());
    };
    p.eat("-");
    p.skip_spaces();
    // The second end may repeat a prefix form: 70%~80%, 百分之三十到百分之四十.
    let mut pct = p.clone();
    let repeats_fraction = r
        .word
        .is_some_and(|w| w.kind == Kind::Percent || w.kind == Kind::Permille)
        && r.num_start > r.start
        && (pct.eat("百分之") || pct.eat("千分之"));
    if repeats_fraction {
        p = pct;
    }
    let Some(n2) = numeral_at(&p)? else {
        return Ok(());
    };
    if n2.form.negative {
        return Ok(());
    }
    let mut second = Raw::new(n2.start, n2.end, n2);
    let mut q = Cursor::new(text, n2.end);
    if r.word.is_some() && r.num_start > r.start && !repeats_fraction {
        // 百分之三十到四十: the second end shares the fraction word.
        second.unit = r.unit;
        second.word = r.word;
    } else if !repeats_fraction {
        read_after_number(text, &mut q, &mut second, mode)?;
    } else {
        second.unit = r.unit;
        second.word = r.word;
    }
    let (Some(lo), Some(hi)) = (r.value, second.value) else {
        return Ok(());
    };
    let mut lo = lo;
    match (r.unit, second.unit) {
        (Some(a), Some(b)) if a == b => {}
        (Some(_), None) if repeats_fraction || second.word == r.word => {}
        (None, Some(_)) => {
            // The first number takes the unit (and magnitude) written once at the end.
            let word_exp = second.word.map_or(0, |w| i32::from(w.exp));
            lo = scaled(lo, word_exp)?;
            lo = share_magnitude(lo, &r.form, &n2.form, hi)?;
            if let Some(per) = second.unit.and_then(|u| u.per()) {
                let _ = per;
                return Ok(());
            }
            r.unit = second.unit;
            r.word = second.word;
        }
        (None, None) if mode == Mode::Whole => {
            lo = share_magnitude(lo, &r.form, &n2.form, hi)?;
        }
        _ => return Ok(()),
    }
    if lo > hi {
        return Ok(());
    }
    r.low = Some(lo);
    r.high = Some(hi);
    r.value = None;
    r.end = q.pos().max(n2.end);
    if second.qualifier != Qualifier::Exact {
        r.qualifier = second.qualifier;
    }
    *c = Cursor::new(text, r.end);
    Ok(())
}

/// In `3至5亿元`, `十八至三十万`, `七千到九千亿` the first number borrows the large
/// magnitude the second ends with, unless that would put it above the second
/// (`从8500到3万` stays 8500).
fn share_magnitude(lo: Decimal, first: &Form, second: &Form, hi: Decimal) -> Result<Decimal, NumeralError> {
    // Plain digits borrow every magnitude of the second number (两到三仟, 八到九百亿);
    // a number with no large word borrows the second's closing run of them
    // (十八至三十万, 十一至十三万亿); one that ends in a smaller large word borrows
    // the last one (3万至5万亿, 一万至一万零二亿).
    let exp = if first.magnitudes == 0 {
        second.scale.unwrap_or(second.tail_large)
    } else if first.tail_large == 0 {
        second.tail_large
    } else if second.last_large > first.tail_large {
        second.last_large
    } else {
        0
    };
    if exp == 0 {
        return Ok(lo);
    }
    let borrowed = scaled(lo, i32::from(exp))?;
    Ok(if borrowed <= hi { borrowed } else { lo })
}

/// 以上, 以下, 以内, 左右, 上下, a trailing +.
fn read_suffix(c: &mut Cursor<'_>, r: &mut Raw) {
    if !tail_may_follow(c.text(), c.pos()) {
        return;
    }
    let mut p = c.clone();
    p.eat("(含)");
    if let Some(q) = eat_any(&mut p, &SUFFIX_SET) {
        // 上下 and 以上 must not run into a following word that owns them (以上的 is fine).
        if r.qualifier == Qualifier::Exact {
            r.qualifier = q;
        }
        *c = p;
        r.end = c.pos();
    }
}

/// 每 + magnitude? + unit (+ a short noun phrase) + number + unit:
/// `每万人高价值发明专利20.52件` → 0.002052 件/人.
fn read_per<'a>(text: &'a str, mut p: Cursor<'a>, start: usize) -> Result<Option<Raw>, NumeralError> {
    // Only 每 + magnitude + noun (每万人, 每百户) makes a rate; 每人, 每斤 and
    // 每亩 leave the figure in its plain unit.
    let mut den_exp = 0i32;
    if numeral_at(&p)?.is_none() {
        return Ok(None);
    }
    if let Some(m) = numeral_at(&p)? {
        match m.form.scale {
            Some(s) if m.form.digits == 0 || m.value == scaled(Decimal::ONE, i32::from(s))? => {
                den_exp = i32::from(s);
                p = Cursor::new(text, m.end);
            }
            _ => {
                // 每10万人: a number then the unit.
                let s = m.value;
                if s.is_zero() || s.is_sign_negative() {
                    return Ok(None);
                }
                return Ok(None);
            }
        }
    }
    let Some((den, den_end)) = unit::lookup(&p) else {
        return Ok(None);
    };
    if !matches!(den.kind, Kind::Count | Kind::Measure | Kind::Currency) {
        return Ok(None);
    }
    den_exp += i32::from(den.exp);
    p = Cursor::new(text, den_end);
    // Up to 16 characters of noun phrase, no punctuation, before the number.
    for _ in 0..16 {
        let Some(ch) = p.peek() else { return Ok(None) };
        if ch.is_ascii_digit() || crate::numeral::sym(ch).is_some_and(|s| matches!(s, crate::numeral::Sym::Digit(..))) {
            let Some(n) = numeral_at(&p)? else {
                return Ok(None);
            };
            let mut r = Raw::new(start, n.end, n);
            let mut q = Cursor::new(text, n.end);
            read_after_number(text, &mut q, &mut r, Mode::Scan)?;
            let Some(u) = r.unit else { return Ok(None) };
            if u.per().is_some()
                || r.word
                    .is_some_and(|w| w.kind == Kind::Percent || w.kind == Kind::PercentagePoint)
            {
                return Ok(None);
            }
            r.multiply(-den_exp)?;
            r.unit = Some(Unit::rate(u.code(), den.code));
            r.lead = Lead::Per;
            return Ok(Some(r));
        }
        if !(is_han(ch) || ch.is_ascii_alphabetic()) || ch == '每' {
            return Ok(None);
        }
        p.next();
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut of [`normalized`] writes every value as `normalize` does:
    /// integers, zeros of every sign and scale, trailing zeros.
    #[test]
    fn normalized_writes_as_normalize() {
        for (m, scale) in [
            (0, 0),
            (0, 3),
            (-0, 0),
            (5, 0),
            (-5, 0),
            (100, 0),
            (150, 2),
            (-150, 2),
            (1318, 1),
            (i64::MAX, 0),
        ] {
            let v = Decimal::new(m, scale);
            assert_eq!(
                normalized(v).to_string(),
                v.normalize().to_string(),
                "{m} scale {scale}"
            );
            assert_eq!(
                normalized(-v).to_string(),
                (-v).normalize().to_string(),
                "-{m} scale {scale}"
            );
        }
    }

    /// The running-text fast path reads as the whole grammar wherever it
    /// answers: every number shape, with and without a magnitude, before
    /// every unit word, before what may follow a unit.
    #[test]
    fn plain_read_matches_grammar() {
        let followers = [
            "",
            "，",
            "。",
            "的",
            "、",
            "和",
            "以上",
            "左右",
            "至5%",
            "-3",
            "~",
            "/吨",
            " ",
            "(含)",
            "(yuán)",
            "\u{200b}",
            "半",
            "5角",
            "整",
            "人民币",
            "欧元",
            "万",
            "亿",
            "个",
            "余",
            "多",
            "点",
            "年",
            "是",
            "”",
            "）",
            "%",
            "元",
            "家",
            "标准箱",
            "個",
            "个亿",
            "百分点",
            "人次",
        ];
        let shapes = [
            "7",
            "2023",
            "1318.2",
            "6.80",
            "0.5",
            "12.",
            "123456789012345678",
            "3万",
            "1.5亿",
        ];
        let mut answered = 0;
        for shape in shapes {
            for w in unit::WORDS {
                for f in followers {
                    for lead in ["", "实现", "近", "超过了", "不少于", "约(yuē)", "上"] {
                        let text = format!("{lead}{shape}{}{f}", w.word);
                        let start = if lead == "实现" { lead.len() } else { 0 };
                        let fast = match read_inner(&text, start, Mode::Scan, true) {
                            Ok(Some(r)) if read_plain(&text, r.num_start).is_some() => r,
                            _ => continue,
                        };
                        answered += 1;
                        let slow = read_inner(&text, start, Mode::Scan, false);
                        assert_eq!(Ok(Some(fast.clone())), slow, "{text:?}");
                        let written = |r: &Raw| r.value.map(|v| v.to_string());
                        assert_eq!(
                            written(&fast),
                            slow.ok().flatten().as_ref().and_then(written),
                            "{text:?}"
                        );
                    }
                }
            }
        }
        assert!(answered > 5_000, "{answered}");
    }

    /// Before a character outside [`TAIL_STARTS`] the tail readers read
    /// nothing, so skipping them there changes no reading: no rate's slash,
    /// no `(含)`, no range separator after spaces, no suffix. Every BMP
    /// character, before each tail it could be mistaken for.
    #[test]
    fn tail_starts_cover_every_tail() {
        let mut outside = 0;
        for c in (0..0x10000u32).filter_map(char::from_u32) {
            if TAIL_STARTS.contains(c) {
                continue;
            }
            outside += 1;
            for tail in ["", "/人", "(含)", "以上", "至5", "左右"] {
                let text = format!("{c}{tail}");
                let at = Cursor::new(&text, 0);
                assert!(!at.clone().eat("/"), "{text:?}: a rate");
                assert!(!at.clone().eat("(含)"), "{text:?}: (含)");
                assert!(SUFFIX_SET.longest(&at).is_none(), "{text:?}: a suffix");
                let mut spaced = at.clone();
                spaced.skip_spaces();
                assert!(
                    !RANGE_SEPARATORS.iter().any(|s| spaced.clone().eat(s)),
                    "{text:?}: a range"
                );
            }
        }
        assert!(outside > 60_000, "{outside}");
        for c in "/／(（~～-至到以左上 \u{3000}\u{200b}".chars() {
            assert!(TAIL_STARTS.contains(c), "{c:?}");
        }
    }

    /// Looking first at the character before answers what trying every
    /// start of the window does.
    #[test]
    fn currency_before_matches_window_search() {
        let mut texts: Vec<String> = [
            "新台币(bì)4万",
            "港幣（bì）3000元",
            "美元\u{200b}5",
            "人民\u{ad}币12",
            "英鎊(bàng)",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let pieces = [
            "新台币",
            "新臺幣",
            "港币",
            "港幣",
            "人民币",
            "美元",
            "美金",
            "英镑",
            "英鎊",
            "日元",
            "欧元",
            "澳门币",
            "台币",
            "币",
            "元",
            "新(xīn)",
            "台(tái)",
            "币(bì)",
            "幣（bì）",
            "\u{200b}",
            "\u{ad}",
            "4",
            "万",
            "实现",
            "(",
            ")",
            "（",
            "）",
            "a",
            " ",
            "達",
        ];
        for round in 0..400usize {
            texts.push(
                (0..(round % 9))
                    .map(|k| {
                        pieces
                            .get((round * 7 + k * (round % 6 + 1) * 3) % pieces.len())
                            .copied()
                            .unwrap_or("")
                    })
                    .collect(),
            );
        }
        let mut found = 0;
        for text in &texts {
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let want = currency_ending_at(text, at);
                found += usize::from(want.is_some());
                assert_eq!(currency_before(text, at), want, "{text:?} at {at}");
            }
        }
        assert!(found > 100, "only {found} currency words found");
    }

    /// Wherever the fast path of `parse_expression` answers, the whole
    /// grammar answers the same: every unit word (and its traditional and
    /// full-width spellings) after each number shape, with what the grammar
    /// reads around a unit before it, after it, or in place of its end.
    #[test]
    fn plain_parse_matches_grammar() {
        let magnitudes = ["", "万", "亿", "萬", "億", "万亿"];
        // (between the number and the unit, after the unit)
        let around = [
            ("", ""),
            (" ", ""),
            ("\u{200b}", ""),
            ("个", ""),
            ("個", ""),
            ("余", ""),
            ("餘", ""),
            ("多", ""),
            ("半", ""),
            ("", " "),
            ("", "\u{200b}"),
            ("", "以上"),
            ("", "半"),
            ("", "/家"),
            ("", "元"),
            ("", "美元"),
            ("", "(含)"),
            ("", "~9"),
            ("", "至9"),
            ("", "分"),
            ("", "5分"),
            ("分之", ""),
            ("", "分之一"),
            ("/", ""),
            ("／", ""),
            ("", "/5"),
            ("", "x"),
        ];
        let traditional = |w: &str| -> String {
            w.chars()
                .map(|c| {
                    crate::normalize::t2s::T2S
                        .iter()
                        .find(|&&(_, s)| s == c)
                        .map_or(c, |&(t, _)| t)
                })
                .collect()
        };
        let full_width = |w: &str| -> String {
            w.chars()
                .map(|c| match c {
                    '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                    _ => c,
                })
                .collect()
        };
        let mut words: Vec<String> = unit::WORDS.iter().map(|w| w.word.to_string()).collect();
        words.extend(unit::WORDS.iter().map(|w| traditional(w.word)));
        words.extend(unit::WORDS.iter().map(|w| full_width(w.word)));
        words.sort();
        words.dedup();
        let (mut answered, mut tried) = (0, 0);
        let shapes = numeral::tests::ARABIC_SHAPES.iter();
        for shape in shapes.flat_map(|s| magnitudes.map(|m| format!("{s}{m}"))) {
            for word in &words {
                for (between, after) in around {
                    let text = format!("{shape}{between}{word}{after}");
                    tried += 1;
                    if let Some(fast) = parse_plain(&text, 0, text.len()) {
                        answered += 1;
                        assert_eq!(Ok(fast), parse_full(&text, 0, text.len()), "{text:?}");
                    }
                }
            }
        }
        assert!(answered > 5000, "{answered} of {tried}");
        // It answers for every unit word it may: those the grammar reads
        // nothing special in, after a number the numeral's fast path reads.
        for w in unit::WORDS.iter().filter(|w| !w.code.is_empty()) {
            let special = w.word.starts_with(['余', '多', '半']);
            let text = format!("1318.2{}", w.word);
            let plain_number = numeral::plain_arabic(&text, 0).is_some();
            assert_eq!(
                parse_plain(&text, 0, text.len()).is_some(),
                !special && plain_number,
                "{text:?}"
            );
        }
    }

    /// Money written before the number replaces only the generic 元, and a
    /// rate keeps its denominator, in one expression as in the scanner.
    #[test]
    fn currency_before_the_number() {
        let unit = |s: &str| parse_expression(s).map(|q| q.unit.map(|u| u.to_string()));
        assert_eq!(unit("新台币3000元"), Ok(Some("TWD".to_string())));
        assert_eq!(unit("新台币3000元/平方米"), Ok(Some("TWD/m2".to_string())));
        assert_eq!(unit("¥3000元/平方米"), Ok(Some("CNY/m2".to_string())));
        assert_eq!(unit("¥0.5/家"), Ok(Some("CNY/家".to_string())));
        assert_eq!(unit("US$5"), Ok(Some("USD".to_string())));
        assert_eq!(unit("人民币3亿美元").ok(), None);
    }

    /// What `followed` lets the scanner skip is exactly nothing: after each
    /// numeral shape, before every BMP character outside `FOLLOWERS`, the
    /// grammar after a number reads nothing and changes nothing but the pair.
    #[test]
    fn no_follower_reads_nothing() {
        let shapes = ["一", "5", "3.5", "八九", "三万", "1318.2亿", "十二点五", "两", "百"];
        let mut skipped = 0;
        for shape in shapes {
            for u in (0..0x10000u32).chain(0x20000..0x20004) {
                let Some(ch) = char::from_u32(u) else { continue };
                let text = format!("{shape}{ch}元/家以上");
                let Ok(Some(n)) = numeral::read(&text, 0) else { continue };
                if followed(&text, n.end) {
                    continue;
                }
                skipped += 1;
                let mut want = Raw::new(0, n.end, n);
                want.apply_pair().unwrap();
                let mut got = Raw::new(0, n.end, n);
                let mut c = Cursor::new(&text, n.end);
                read_after_number(&text, &mut c, &mut got, Mode::Scan).unwrap();
                read_range(&text, &mut c, &mut got, Mode::Scan).unwrap();
                read_suffix(&mut c, &mut got);
                assert_eq!((c.pos(), &got), (n.end, &want), "{text:?}");
            }
        }
        assert!(skipped > 400_000, "{skipped}");
    }

    fn q(s: &str) -> (String, String) {
        match parse_expression(s) {
            Ok(q) => (
                match (q.value, q.low, q.high) {
                    (Some(v), _, _) => v.to_string(),
                    (None, Some(l), Some(h)) => format!("{l}~{h}"),
                    _ => "?".into(),
                },
                format!(
                    "{}{}",
                    q.unit.map(|u| u.to_string()).unwrap_or_default(),
                    if q.qualifier == Qualifier::Exact {
                        String::new()
                    } else {
                        format!(" {}", q.qualifier)
                    }
                ),
            ),
            Err(e) => ("ERR".into(), e.to_string()),
        }
    }

    #[test]
    fn expressions() {
        let cases = [
            ("1318.2亿元", "131820000000", "CNY"),
            ("0.56亿元/平方公里", "56000000", "CNY/km2"),
            ("0.045吨标煤/万元", "0.0000045", "tce/CNY"),
            ("70%~80%", "70~80", "percent"),
            ("3至5亿元", "300000000~500000000", "CNY"),
            ("两到三万港元", "20000~30000", "HKD"),
            ("八九亿", "800000000~900000000", ""),
            ("超210GW+", "210000000000", "W over"),
            ("747余万元", "7470000", "CNY over"),
            ("80余萬噸標煤", "800000", "tce over"),
            ("5.5個百分點", "5.5", "pp"),
            ("百分之三十五", "35", "percent"),
            ("百分之负三点八", "-3.8", "percent"),
            ("负百分之点二八", "-0.28", "percent"),
            ("千分之五", "5", "permille"),
            ("三成", "30", "percent"),
            ("两成半", "25", "percent"),
            ("翻两番", "4", "times"),
            ("上百万元", "1000000", "CNY approx"),
            ("上万个", "10000", "个 approx"),
            ("40%以上", "40", "percent at_least"),
            ("5万元以下", "50000", "CNY at_most"),
            ("超过了20%", "20", "percent over"),
            ("不少于3亿元", "300000000", "CNY at_least"),
            ("第16位", "16", "rank"),
            ("1.75亿/家", "175000000", ""),
            ("四分之三", "0.75", ""),
            ("壹元零壹分", "1.01", "CNY"),
            ("肆角叁分", "0.43", "CNY"),
            ("一千零十一", "1011", ""),
            ("¥100", "100", "CNY"),
            ("8吉瓦", "8000000000", "W"),
            ("10%-17%", "10~17", "percent"),
        ];
        let mut bad = vec![];
        for (s, v, u) in cases {
            let got = q(s);
            if got != (v.to_string(), u.to_string()) {
                bad.push(format!("{s}: got {got:?}, want ({v}, {u})"));
            }
        }
        assert!(bad.is_empty(), "\n{}", bad.join("\n"));
    }
}
