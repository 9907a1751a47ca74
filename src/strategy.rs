//! [Proptest](mod@proptest) strategies that write quantities the way Chinese economic text does,
//! each with the exact quantity this crate reads from it: inputs and an oracle for the tests of
//! crates that build on zh-econ.
//!
//! Only with the `proptest` feature:
//!
//! ```toml
//! [dev-dependencies]
//! zh-econ = { version = "0.1", features = ["proptest"] }
//! proptest = "1.5"
//! ```
//!
//! | strategy | yields | what the crate reads |
//! |---|---|---|
//! | [`quantity_text`] | [`Case`]: one expression (`约1318.2亿元`, `三至五成`, `4万6342吨`) | `parse_expression(&case.text) == Ok(case.quantity)` |
//! | [`sentence`] | [`Sentence`]: clauses of a communiqué, with filler and punctuation | `scan::quantities(&s.text)` yields exactly `s.quantities` |
//! | [`number_text`] | [`Case`]: a bare number in any written form (`７８,９３２`, `两千三百`) | `parse_expression`, with no unit |
//! | [`numeral_text`] | [`Case`]: a number as [`to_chinese`] writes it in one [`Style`] | `parse_expression`, with no unit |
//! | [`decimal_value`] | a [`Decimal`], from small integers to [`Decimal::MAX`] | [`to_chinese`] of it reads back to it |
//!
//! Expected quantities are complete, spans included: `start`, `end` and `text` point into the
//! generated text, values are [normalized](Decimal::normalize). [`Case::to_traditional`],
//! [`Sentence::to_full_width`] and their siblings rewrite a generated text character by
//! character and move the expected spans with it; the values stay the same.
//!
//! The generator writes numbers in Arabic digits (`1318.2`), with thousands separators
//! (`78,932`), in full-width digits (`１３１８．２`), in Chinese numerals in lower case (`一千二百`),
//! in financial capitals (`壹仟贰佰`) and in traditional script (`一千二百萬`), with 两 for a
//! leading two (`两千三百`), and mixed (`3万2千`, `4万6342`); with magnitudes (`万元`, `亿千瓦时`);
//! with units of money (`亿元`, `万美元`, `¥`), shares (`%`, `‰`, `成`, `个百分点`, `倍`, `百分之`,
//! `千分之`, `翻两番`), area, mass, energy and counts, rates (`万元/亩`), ranks (`第3位`);
//! with qualifiers before (`约`, `超过`, `不足` …) and after (`以上`, `左右`, `余`, `多`, `+` …) the
//! number, and as ranges (`3%~5%`, `三至五亿元`). It writes only what the crate reads correctly:
//! the forms the scanner leaves alone on purpose (a lone `一` before a measure word is an article)
//! are not generated.
//!
//! # Examples
//!
//! ```
//! use proptest::prelude::*;
//! use zh_econ::quantity::parse_expression;
//! use zh_econ::strategy::{quantity_text, sentence};
//!
//! proptest!(ProptestConfig::with_cases(64), |(case in quantity_text(), s in sentence())| {
//!     prop_assert_eq!(parse_expression(&case.text), Ok(case.quantity));
//!     let found: Vec<_> = zh_econ::scan::quantities(&s.text).collect();
//!     prop_assert_eq!(found, s.quantities);
//! });
//! ```

use proptest::prelude::*;
use proptest::sample::Index;

use crate::format::{to_chinese, Style};
use crate::{Decimal, Qualifier, Quantity, Unit};

// ---------------------------------------------------------------------------------------------
// public types

/// One quantity expression and the quantity it reads as.
///
/// `quantity` is what [`parse_expression`](crate::quantity::parse_expression) returns for
/// `text`: its span is `0..text.len()` and its `text` is `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Case {
    /// The expression as written: `约1318.2亿元`, `3%~5%`, `壹拾贰万元`.
    pub text: String,
    /// The quantity it reads as.
    pub quantity: Quantity,
}

/// A sentence of a communiqué and every quantity in it.
///
/// `quantities` is exactly what [`scan::quantities`](crate::scan::quantities) finds in `text`,
/// in order, spans included.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Sentence {
    /// The sentence: `2023年，全县实现地区生产总值1318.2亿元，同比增长6.8%。`
    pub text: String,
    /// Its quantities, in order.
    pub quantities: Vec<Quantity>,
}

impl Case {
    /// The same case with ASCII digits, `.`, `%` and `~` in their full-width forms (`６．８％`).
    ///
    /// ```
    /// use zh_econ::strategy::number_text;
    /// use proptest::strategy::{Strategy, ValueTree};
    /// use proptest::test_runner::TestRunner;
    ///
    /// let case = number_text().new_tree(&mut TestRunner::deterministic()).unwrap().current();
    /// let wide = case.to_full_width();
    /// assert!(!wide.text.contains(|c: char| c.is_ascii_digit()));
    /// assert_eq!(wide.quantity.value, case.quantity.value);
    /// ```
    pub fn to_full_width(&self) -> Case {
        convert_case(self, full_width_char)
    }

    /// The same case in traditional script (`億元`, `個百分點`), as far as the generator's
    /// vocabulary goes: a small character table, not a general converter.
    ///
    /// ```
    /// use zh_econ::strategy::quantity_text;
    /// use proptest::strategy::{Strategy, ValueTree};
    /// use proptest::test_runner::TestRunner;
    ///
    /// let case = quantity_text().new_tree(&mut TestRunner::deterministic()).unwrap().current();
    /// let t = case.to_traditional();
    /// assert_eq!(t.text.chars().count(), case.text.chars().count());
    /// assert_eq!(zh_econ::quantity::parse_expression(&t.text), Ok(t.quantity));
    /// ```
    pub fn to_traditional(&self) -> Case {
        convert_case(self, traditional_char)
    }
}

impl Sentence {
    /// The same sentence with ASCII digits, `.`, `%` and `~` in their full-width forms; the
    /// expected spans move with the text.
    ///
    /// ```
    /// use zh_econ::strategy::sentence;
    /// use proptest::strategy::{Strategy, ValueTree};
    /// use proptest::test_runner::TestRunner;
    ///
    /// let s = sentence().new_tree(&mut TestRunner::deterministic()).unwrap().current();
    /// let wide = s.to_full_width();
    /// assert_eq!(zh_econ::scan::find_all(&wide.text), wide.quantities);
    /// ```
    pub fn to_full_width(&self) -> Sentence {
        convert_sentence(self, full_width_char)
    }

    /// The same sentence in traditional script, as far as the generator's vocabulary goes; the
    /// expected spans move with the text.
    ///
    /// ```
    /// use zh_econ::strategy::sentence;
    /// use proptest::strategy::{Strategy, ValueTree};
    /// use proptest::test_runner::TestRunner;
    ///
    /// let s = sentence().new_tree(&mut TestRunner::deterministic()).unwrap().current();
    /// let t = s.to_traditional();
    /// assert_eq!(zh_econ::scan::find_all(&t.text), t.quantities);
    /// ```
    pub fn to_traditional(&self) -> Sentence {
        convert_sentence(self, traditional_char)
    }
}

// ---------------------------------------------------------------------------------------------
// public strategies

/// One quantity expression in any written form the parser reads, with its [`Quantity`].
///
/// Numbers in every form of the [module docs](self); units of money, shares (`%`, `‰`, `成`,
/// `个百分点`, `倍`, `百分之`, `翻番`), area, mass, energy and counts, with magnitudes; rates,
/// ranks, ranges, and qualifiers before and after the number. The expression has no leading
/// words: see [`sentence`] for quantities in running text. Scanned alone, the text is found as
/// this one quantity too.
///
/// ```
/// use proptest::prelude::*;
/// use zh_econ::strategy::quantity_text;
///
/// proptest!(ProptestConfig::with_cases(64), |(case in quantity_text())| {
///     let q = zh_econ::quantity::parse_expression(&case.text).unwrap();
///     prop_assert_eq!((q.start, q.end), (0, case.text.len()));
///     prop_assert_eq!(q, case.quantity);
/// });
/// ```
pub fn quantity_text() -> impl Strategy<Value = Case> {
    clause().prop_map(|c| c.case())
}

/// A sentence of one to four clauses with a quantity each, between clauses with none, a lead-in
/// (`2023年，`) and punctuation (`，`, `；`, `。`), with the quantities the scanner finds in it.
///
/// Each clause leads into its quantity with a phrase of its kind (`全县实现地区生产总值`,
/// `同比增长`, `新增高新技术企业`); a clause may be written in traditional script or in
/// full-width digits.
///
/// ```
/// use proptest::prelude::*;
/// use zh_econ::strategy::sentence;
///
/// proptest!(ProptestConfig::with_cases(64), |(s in sentence())| {
///     prop_assert!(!s.quantities.is_empty());
///     for q in &s.quantities {
///         prop_assert_eq!(&s.text[q.start..q.end], q.text.as_str());
///     }
///     prop_assert_eq!(zh_econ::scan::find_all(&s.text), s.quantities);
/// });
/// ```
pub fn sentence() -> impl Strategy<Value = Sentence> {
    (
        prop::collection::vec(
            (clause(), prop::option::weighted(0.2, any::<Index>()), any::<Index>()),
            1..5,
        ),
        prop::option::weighted(0.25, any::<Index>()),
        any::<bool>(),
    )
        .prop_map(|(clauses, lead, stop)| {
            let mut text = String::new();
            if let Some(lead) = lead {
                text.push_str(pick(&lead, LEAD_INS));
            }
            let mut quantities = Vec::with_capacity(clauses.len());
            let last = clauses.len().saturating_sub(1);
            for (i, (clause, filler, sep)) in clauses.into_iter().enumerate() {
                if let Some(f) = filler {
                    text.push_str(pick(&f, FILLERS));
                    text.push('，');
                }
                let (prefix, expr) = clause.written();
                text.push_str(&prefix);
                let start = text.len();
                text.push_str(&expr);
                quantities.push(clause.quantity(start, expr));
                if i < last {
                    text.push_str(pick(&sep, SEPARATORS));
                }
            }
            if stop {
                text.push('。');
            }
            Sentence { text, quantities }
        })
}

/// A bare number in any written form: Arabic digits (`1318.2`), thousands separators
/// (`78,932`), full-width digits, Chinese numerals in the three [`Style`]s, 两 (`两千三百`) and
/// mixed (`3万2千`, `4万6342`). Its quantity has a value and no unit (so the scanner, which
/// keeps only quantities with a unit, does not report it alone).
///
/// ```
/// use proptest::prelude::*;
/// use zh_econ::strategy::number_text;
///
/// proptest!(ProptestConfig::with_cases(64), |(case in number_text())| {
///     let q = zh_econ::quantity::parse_expression(&case.text).unwrap();
///     prop_assert!(q.unit.is_none());
///     prop_assert_eq!(q.value, case.quantity.value);
/// });
/// ```
pub fn number_text() -> impl Strategy<Value = Case> {
    (1i64..100_000, 0u32..3, 0u8..NUMBER_FORMS, prop::bool::weighted(0.15)).prop_map(|(m, scale, form, wide)| {
        let num = number(m, scale, form, false, &BARE);
        let case = Case {
            quantity: bare_quantity(num.render(), num.value()),
            text: num.render(),
        };
        if wide {
            case.to_full_width()
        } else {
            case
        }
    })
}

/// A number written by [`to_chinese`] in `style`, for any [`decimal_value`]: `十二万三千`,
/// `壹拾贰万叁仟`, `負一點五`. Its quantity has a value and no unit.
///
/// ```
/// use proptest::prelude::*;
/// use zh_econ::format::Style;
/// use zh_econ::strategy::numeral_text;
///
/// proptest!(ProptestConfig::with_cases(64), |(case in numeral_text(Style::Upper))| {
///     prop_assert_eq!(zh_econ::quantity::parse_expression(&case.text), Ok(case.quantity));
/// });
/// ```
pub fn numeral_text(style: Style) -> impl Strategy<Value = Case> {
    decimal_value().prop_map(move |v| {
        let text = to_chinese(&v, style);
        Case {
            quantity: bare_quantity(text.clone(), v),
            text,
        }
    })
}

/// A [`Decimal`] to write as a numeral: mostly integers below 10^16, round numbers (many zeros,
/// for 零 and the section words) and values with up to four decimal places, sometimes any
/// decimal at all, up to [`Decimal::MAX`] and with up to 28 decimal places.
///
/// ```
/// use proptest::prelude::*;
/// use zh_econ::format::{to_chinese, Style};
/// use zh_econ::strategy::decimal_value;
///
/// proptest!(ProptestConfig::with_cases(64), |(v in decimal_value())| {
///     let q = zh_econ::quantity::parse_expression(&to_chinese(&v, Style::Lower)).unwrap();
///     prop_assert_eq!(q.value, Some(v));
/// });
/// ```
pub fn decimal_value() -> impl Strategy<Value = Decimal> {
    const E16: i64 = 10_000_000_000_000_000;
    prop_oneof![
        3 => (-E16..=E16).prop_map(Decimal::from),
        2 => (1i64..10_000, 0u32..13, any::<bool>()).prop_map(|(d, exp, neg)| {
            let v = scale_by(Decimal::from(d), i32::try_from(exp).unwrap_or(0));
            if neg { -v } else { v }
        }),
        2 => (-E16..=E16, 0u32..=4).prop_map(|(m, scale)| Decimal::new(m, scale)),
        2 => (-100_000i64..=100_000, 0u32..=4).prop_map(|(m, scale)| Decimal::new(m, scale)),
        1 => (any::<u32>(), any::<u32>(), any::<u32>(), any::<bool>(), 0u32..=28)
            .prop_map(|(lo, mid, hi, neg, scale)| Decimal::from_parts(lo, mid, hi, neg, scale)),
    ]
}

// ---------------------------------------------------------------------------------------------
// the vocabulary

/// A unit as written after a number, its unit, and the power of ten it multiplies by.
#[derive(Debug)]
struct UnitSpec {
    word: &'static str,
    unit: Unit,
    exp: i32,
}

const fn u(word: &'static str, code: &'static str, exp: i32) -> UnitSpec {
    UnitSpec {
        word,
        unit: Unit::new(code),
        exp,
    }
}

const fn per(word: &'static str, code: &'static str, per: &'static str, exp: i32) -> UnitSpec {
    UnitSpec {
        word,
        unit: Unit::rate(code, per),
        exp,
    }
}

/// No unit: for [`number_text`].
const BARE: UnitSpec = u("", "", 0);

/// A kind of clause: the phrases that lead to the number, and the units that may follow it.
struct Category {
    prefixes: &'static [&'static str],
    units: &'static [UnitSpec],
    /// Counts must be whole numbers.
    whole: bool,
    /// May be written as a range (`3%~5%`, `3至5亿元`).
    ranges: bool,
}

const CATEGORIES: &[Category] = &[
    Category {
        prefixes: &[
            "全县实现地区生产总值",
            "完成固定资产投资",
            "外贸进出口总额达",
            "实现营业收入",
            "税收收入为",
            "财政总收入",
        ],
        units: &[
            u("元", "CNY", 0),
            u("万元", "CNY", 4),
            u("亿元", "CNY", 8),
            u("万亿元", "CNY", 12),
            u("万美元", "USD", 4),
            u("亿美元", "USD", 8),
            u("万欧元", "EUR", 4),
        ],
        whole: false,
        ranges: true,
    },
    Category {
        prefixes: &["同比增长", "比上年提高", "研发投入占比达", "较上年回落", "城镇化率为"],
        units: &[
            u("%", "percent", 0),
            u("个百分点", "pp", 0),
            u("百分点", "pp", 0),
            u("倍", "times", 0),
            u("‰", "permille", 0),
            u("成", "percent", 1),
        ],
        whole: false,
        ranges: true,
    },
    Category {
        prefixes: &[
            "新增高新技术企业",
            "实施重点项目",
            "新能源汽车产量达",
            "规上工业企业",
            "接待游客",
            "新建5G基站",
            "签约项目",
        ],
        units: &[
            u("家", "家", 0),
            u("项", "项", 0),
            u("个", "个", 0),
            u("辆", "辆", 0),
            u("台套", "台套", 0),
            u("人次", "人次", 0),
            u("件", "件", 0),
            u("万人", "人", 4),
            u("万辆", "辆", 4),
        ],
        whole: true,
        ranges: false,
    },
    Category {
        prefixes: &[
            "粮食播种面积",
            "货物吞吐量达到",
            "全社会用电量",
            "建成区面积",
            "集装箱吞吐量",
            "光伏装机容量",
            "造林面积",
        ],
        units: &[
            u("吨", "t", 0),
            u("万吨", "t", 4),
            u("吨标准煤", "tce", 0),
            u("亩", "mu", 0),
            u("万亩", "mu", 4),
            u("公顷", "ha", 0),
            u("平方公里", "km2", 0),
            u("千瓦时", "kWh", 0),
            u("亿千瓦时", "kWh", 8),
            u("万千瓦", "W", 7),
            u("兆瓦", "W", 6),
            u("万标准箱", "TEU", 4),
            u("万立方米", "m3", 4),
        ],
        whole: false,
        ranges: false,
    },
    Category {
        prefixes: &["亩均税收", "单位面积产出", "单位增加值能耗", "人均产值"],
        units: &[
            per("万元/亩", "CNY", "mu", 4),
            per("亿元/平方公里", "CNY", "km2", 8),
            per("吨标煤/万元", "tce", "CNY", -4),
            per("万元/人", "CNY", "人", 4),
        ],
        whole: false,
        ranges: false,
    },
];

/// Phrases before a doubling (`翻两番`).
const DOUBLING_PREFIXES: &[&str] = &["经济总量比2010年", "居民人均收入"];

/// Phrases before a rank (`第3位`).
const RANK_PREFIXES: &[&str] = &["综合实力居全省", "数字经济指数位列全市"];

/// A qualifier as written before or after the number.
#[derive(Debug)]
struct Qual {
    before: &'static str,
    after: &'static str,
    qualifier: Qualifier,
}

const fn before(word: &'static str, qualifier: Qualifier) -> Qual {
    Qual {
        before: word,
        after: "",
        qualifier,
    }
}

const fn after(word: &'static str, qualifier: Qualifier) -> Qual {
    Qual {
        before: "",
        after: word,
        qualifier,
    }
}

const EXACT: Qual = before("", Qualifier::Exact);

/// Qualifier words (chosen for about half the numbers).
const QUALS: &[Qual] = &[
    before("约", Qualifier::Approx),
    before("大约", Qualifier::Approx),
    before("近", Qualifier::Approx),
    before("将近", Qualifier::Approx),
    before("接近", Qualifier::Approx),
    before("超", Qualifier::Over),
    before("超过", Qualifier::Over),
    before("逾", Qualifier::Over),
    before("突破", Qualifier::Over),
    before("不足", Qualifier::Under),
    before("不到", Qualifier::Under),
    before("不满", Qualifier::Under),
    before("不少于", Qualifier::AtLeast),
    before("不低于", Qualifier::AtLeast),
    before("至少", Qualifier::AtLeast),
    before("不超过", Qualifier::AtMost),
    before("最多", Qualifier::AtMost),
    after("以上", Qualifier::AtLeast),
    after("及以上", Qualifier::AtLeast),
    after("以下", Qualifier::AtMost),
    after("以内", Qualifier::AtMost),
    after("左右", Qualifier::Approx),
    after("上下", Qualifier::Approx),
    after("+", Qualifier::Over),
];

/// Clauses with no quantity.
const FILLERS: &[&str] = &[
    "经济运行稳中向好",
    "创新动能持续增强",
    "产业结构继续优化",
    "生态环境质量稳定向好",
    "新旧动能加快转换",
];

/// What may open a sentence (before the first clause).
const LEAD_INS: &[&str] = &["2023年，", "今年以来，", "据统计，", "上半年，", "一季度，"];

/// Between two clauses.
const SEPARATORS: &[&str] = &["，", "，", "，", "；", "。"];

/// Range separators.
const RANGE_SEPARATORS: &[&str] = &["至", "到", "~", "-"];

// Every table is picked from with `Index::get`, which needs at least one row.
const _: () = {
    assert!(!CATEGORIES.is_empty() && !QUALS.is_empty() && !FILLERS.is_empty() && !LEAD_INS.is_empty());
    assert!(!SEPARATORS.is_empty() && !RANGE_SEPARATORS.is_empty());
    assert!(!DOUBLING_PREFIXES.is_empty() && !RANK_PREFIXES.is_empty());
    assert!(rows_in_every(CATEGORIES));
};

/// The word of `words` that `i` picks.
fn pick(i: &Index, words: &'static [&'static str]) -> &'static str {
    words.get(i.index(words.len())).copied().unwrap_or_default()
}

/// True if every category has a prefix and a unit (checked at compile time above).
// rustc 1.80 (the rust-version) does not count a use inside `const _` and warns.
#[allow(dead_code)]
const fn rows_in_every(categories: &[Category]) -> bool {
    match categories {
        [] => true,
        [c, rest @ ..] => !c.prefixes.is_empty() && !c.units.is_empty() && rows_in_every(rest),
    }
}

// ---------------------------------------------------------------------------------------------
// numbers

/// How a number is written.
#[derive(Debug, Clone)]
enum Num {
    /// Digits: `1318.2`.
    Arabic(Decimal),
    /// Digits with thousands separators: `78,932`.
    Grouped(i64),
    /// Chinese numerals, written by `to_chinese`: `三点五`, `一千二百`, `壹万贰仟`, `一萬二千`.
    Chinese(Decimal, Style),
    /// 两 for a leading 二 before a place word: `两千三百`, `两百`.
    Liang(i64),
    /// Arabic digits with Chinese place words: `3千2百`, `1万零5十`.
    MixedPlace(i64),
    /// Arabic four-digit sections with 万: `4万6342`.
    MixedSection(i64),
}

impl Num {
    fn value(&self) -> Decimal {
        match self {
            Num::Arabic(d) | Num::Chinese(d, _) => *d,
            Num::Grouped(n) | Num::Liang(n) | Num::MixedPlace(n) | Num::MixedSection(n) => Decimal::from(*n),
        }
    }

    fn render(&self) -> String {
        match self {
            Num::Arabic(d) => d.to_string(),
            Num::Grouped(n) => {
                let digits = n.to_string();
                let mut out = String::with_capacity(digits.len() + digits.len() / 3);
                for (i, c) in digits.chars().enumerate() {
                    if i > 0 && (digits.len() - i) % 3 == 0 {
                        out.push(',');
                    }
                    out.push(c);
                }
                out
            }
            Num::Chinese(d, style) => to_chinese(d, *style),
            Num::Liang(n) => to_chinese(&Decimal::from(*n), Style::Lower).replacen('二', "两", 1),
            Num::MixedPlace(n) => to_chinese(&Decimal::from(*n), Style::Lower)
                .chars()
                .map(|c| match "一二三四五六七八九".chars().position(|d| d == c) {
                    Some(i) => char::from_digit(u32::try_from(i).unwrap_or(0) + 1, 10).unwrap_or(c),
                    None => c,
                })
                .collect(),
            Num::MixedSection(n) => format!("{}万{}", n / 10_000, n % 10_000),
        }
    }

    fn is_whole_arabic(&self) -> bool {
        match self {
            Num::Arabic(d) => d.scale() == 0,
            Num::Grouped(_) => true,
            _ => false,
        }
    }
}

/// Chinese numerals stay below 10^4 before 万 (一万零一万人 is no way to write 100010000).
fn limit_for(unit: &UnitSpec) -> i64 {
    if unit.word.starts_with('万') {
        10_000
    } else {
        100_000
    }
}

/// How many written forms [`number`] chooses from (most draws give Arabic digits).
const NUMBER_FORMS: u8 = 24;

/// A number for `unit` from raw draws: `m` (1..100000), `scale` (0..3), `form` (0..NUMBER_FORMS).
fn number(m: i64, scale: u32, form: u8, whole: bool, unit: &UnitSpec) -> Num {
    let scale = if whole { 0 } else { scale.min(3) };
    let limit = limit_for(unit);
    // From 10 up: a lone 一 or 二 before a measure word is an article or an ordinal.
    let chinese_int = 10 + m.rem_euclid(limit - 10);
    let fraction = !whole && scale > 0 && m > 10;
    match form {
        0..=1 => Num::Chinese(Decimal::from(chinese_int), Style::Lower),
        2 => Num::Chinese(Decimal::from(chinese_int), Style::Upper),
        3 if fraction => Num::Chinese(Decimal::new(m, scale), Style::Lower),
        4 if (2_000..3_000).contains(&chinese_int) || (200..300).contains(&chinese_int) => Num::Liang(chinese_int),
        5 if m >= 1_000 && (unit.exp <= 0 || !whole) => Num::Grouped(m),
        6 => Num::Chinese(Decimal::from(chinese_int), Style::Traditional),
        7 if fraction => Num::Chinese(Decimal::new(m, scale), Style::Traditional),
        8 if chinese_int >= 100 && !to_chinese(&Decimal::from(chinese_int), Style::Lower).starts_with('十') => {
            Num::MixedPlace(chinese_int)
        }
        9 if m >= 10_000 && m % 10_000 >= 1_000 && m < limit => Num::MixedSection(m),
        10 if fraction => Num::Chinese(Decimal::new(m, scale), Style::Upper),
        _ => Num::Arabic(Decimal::new(m, scale)),
    }
}

/// `d` × 10^`exp`, normalized.
fn scale_by(d: Decimal, exp: i32) -> Decimal {
    let mut v = d;
    for _ in 0..exp.unsigned_abs() {
        let next = if exp >= 0 {
            v.checked_mul(Decimal::TEN)
        } else {
            v.checked_div(Decimal::TEN)
        };
        v = next.unwrap_or(v);
    }
    v.normalize()
}

// ---------------------------------------------------------------------------------------------
// clauses

/// One quantity expression.
#[derive(Debug, Clone)]
enum Expr {
    One {
        qual: &'static Qual,
        num: Num,
        /// 余 or 多 between the number and the unit (`600余亿元`, `100多家`): `over`.
        inner: Option<&'static str>,
        /// `百分之X` or `千分之X` instead of `X%`, `X‰`.
        fraction_word: bool,
        /// `¥` before the number.
        sign: bool,
        /// 半 after 成: `一成半`.
        half: bool,
        unit: &'static UnitSpec,
    },
    Range {
        low: Num,
        high: Num,
        unit: &'static UnitSpec,
        sep: &'static str,
        /// `3%~5%` rather than `3~5%`.
        unit_twice: bool,
    },
    /// `翻两番`: 2^n times.
    Doubling(u32),
    /// `第3位`, `第十二名`.
    Rank { num: Num, word: &'static str },
}

/// A clause: a phrase, then one quantity expression; in one script and width.
#[derive(Debug, Clone)]
struct Clause {
    prefix: &'static str,
    expr: Expr,
    wide: bool,
    traditional: bool,
}

/// What an expression reads as, without its span.
struct Reading {
    value: Option<Decimal>,
    low: Option<Decimal>,
    high: Option<Decimal>,
    unit: Option<Unit>,
    qualifier: Qualifier,
}

impl Expr {
    fn render(&self) -> String {
        match self {
            Expr::One {
                qual,
                num,
                inner,
                fraction_word,
                sign,
                half,
                unit,
            } => {
                let (b, a) = (qual.before, qual.after);
                if *fraction_word {
                    let word = if unit.unit.code() == "permille" {
                        "千分之"
                    } else {
                        "百分之"
                    };
                    format!("{b}{word}{}{a}", num.render())
                } else {
                    format!(
                        "{b}{}{}{}{}{}{a}",
                        if *sign { "¥" } else { "" },
                        num.render(),
                        inner.unwrap_or(""),
                        unit.word,
                        if *half { "半" } else { "" },
                    )
                }
            }
            Expr::Range {
                low,
                high,
                unit,
                sep,
                unit_twice,
            } => {
                let first = if *unit_twice { unit.word } else { "" };
                format!("{}{first}{sep}{}{}", low.render(), high.render(), unit.word)
            }
            Expr::Doubling(n) => {
                let word = match n {
                    1 => "一",
                    2 => "两",
                    3 => "三",
                    _ => "四",
                };
                format!("翻{word}番")
            }
            Expr::Rank { num, word } => format!("第{}{word}", num.render()),
        }
    }

    fn reading(&self) -> Reading {
        match self {
            Expr::One {
                qual,
                num,
                inner,
                half,
                unit,
                ..
            } => {
                let v = if *half {
                    num.value().checked_add(Decimal::new(5, 1)).unwrap_or_default()
                } else {
                    num.value()
                };
                Reading {
                    value: Some(scale_by(v, unit.exp)),
                    low: None,
                    high: None,
                    unit: Some(unit.unit),
                    qualifier: if inner.is_some() {
                        Qualifier::Over
                    } else {
                        qual.qualifier
                    },
                }
            }
            Expr::Range { low, high, unit, .. } => Reading {
                value: None,
                low: Some(scale_by(low.value(), unit.exp)),
                high: Some(scale_by(high.value(), unit.exp)),
                unit: Some(unit.unit),
                qualifier: Qualifier::Exact,
            },
            Expr::Doubling(n) => Reading {
                value: Some(Decimal::from(1u64 << (*n).min(4))),
                low: None,
                high: None,
                unit: Some(Unit::new("times")),
                qualifier: Qualifier::Exact,
            },
            Expr::Rank { num, .. } => Reading {
                value: Some(num.value().normalize()),
                low: None,
                high: None,
                unit: Some(Unit::new("rank")),
                qualifier: Qualifier::Exact,
            },
        }
    }
}

impl Clause {
    fn convert(&self, s: &str) -> String {
        s.chars()
            .map(|c| {
                let c = if self.traditional { traditional_char(c) } else { c };
                if self.wide {
                    full_width_char(c)
                } else {
                    c
                }
            })
            .collect()
    }

    /// The phrase and the expression, as written.
    fn written(&self) -> (String, String) {
        (self.convert(self.prefix), self.convert(&self.expr.render()))
    }

    /// The expected quantity of the expression `text`, written at byte `start`.
    fn quantity(&self, start: usize, text: String) -> Quantity {
        let r = self.expr.reading();
        Quantity {
            start,
            end: start + text.len(),
            text,
            value: r.value,
            low: r.low,
            high: r.high,
            unit: r.unit,
            qualifier: r.qualifier,
        }
    }

    fn case(&self) -> Case {
        let (_, text) = self.written();
        Case {
            quantity: self.quantity(0, text.clone()),
            text,
        }
    }
}

/// A number with no unit, as one whole expression.
fn bare_quantity(text: String, value: Decimal) -> Quantity {
    Quantity {
        start: 0,
        end: text.len(),
        text,
        value: Some(value.normalize()),
        low: None,
        high: None,
        unit: None,
        qualifier: Qualifier::Exact,
    }
}

/// Raw draws for one clause, which [`build_clause`] maps to a clause (each draw shrinks on its own).
type Draws = (
    (usize, Index, Index, Index),
    (i64, u32, u8, u8),
    (bool, i64, u8, bool),
    (bool, bool),
);

fn clause() -> impl Strategy<Value = Clause> {
    (
        (
            0..CATEGORIES.len() * 3 + 2,
            any::<Index>(),
            any::<Index>(),
            any::<Index>(),
        ),
        (1i64..100_000, 0u32..3, 0u8..NUMBER_FORMS, 0u8..20),
        (
            prop::bool::weighted(0.3),
            1i64..50_000,
            0u8..10,
            prop::bool::weighted(0.5),
        ),
        (prop::bool::weighted(0.1), prop::bool::weighted(0.1)),
    )
        .prop_map(build_clause)
}

fn build_clause(draws: Draws) -> Clause {
    let ((k, a, b, q), (m, scale, form, form2), (range, gap, extra, qualified), (wide, traditional)) = draws;
    let clause = |prefix: &'static str, expr: Expr| Clause {
        prefix,
        expr,
        wide,
        traditional,
    };
    let Some(cat) = CATEGORIES
        .get(k % CATEGORIES.len())
        .filter(|_| k < CATEGORIES.len() * 3)
    else {
        // 翻两番, 第3位.
        if k % 2 == 0 {
            let n = 1 + u32::try_from(m % 4).unwrap_or(0);
            return clause(pick(&a, DOUBLING_PREFIXES), Expr::Doubling(n));
        }
        let n = 1 + m % 30;
        let num = if form % 2 == 0 && n >= 10 {
            Num::Chinese(Decimal::from(n), Style::Lower)
        } else {
            Num::Arabic(Decimal::from(n))
        };
        let word = if form2 % 2 == 0 { "位" } else { "名" };
        return clause(pick(&a, RANK_PREFIXES), Expr::Rank { num, word });
    };
    let prefix = pick(&a, cat.prefixes);
    let unit = b.get(cat.units);
    let qual = if qualified { q.get(QUALS) } else { &EXACT };
    // 三成, 两成半, 近3成: a digit before 成.
    if unit.word == "成" {
        let d = 1 + m % 9;
        let num = match form % 4 {
            0 => Num::Arabic(Decimal::from(d)),
            1 if d == 2 => Num::Liang(d),
            2 => Num::Chinese(Decimal::from(d), Style::Traditional),
            _ => Num::Chinese(Decimal::from(d), Style::Lower),
        };
        return clause(
            prefix,
            Expr::One {
                qual,
                num,
                inner: None,
                fraction_word: false,
                sign: false,
                half: extra < 3,
                unit,
            },
        );
    }
    let code = unit.unit.code();
    if range && cat.ranges && code != "times" && code != "permille" {
        let low = number(m, scale, form, cat.whole, unit);
        let limit = limit_for(unit);
        let high = match low {
            // 三至五亿元: both ends in Chinese numerals.
            Num::Chinese(d, style) if d.scale() == 0 && d + Decimal::ONE < Decimal::from(limit) => {
                let d = i64::try_from(d.mantissa()).unwrap_or(0);
                let room = (limit - 1 - d).max(1);
                Num::Chinese(Decimal::from(d + 1 + gap % room), style)
            }
            _ => Num::Arabic(Decimal::new(m + gap, if cat.whole { 0 } else { scale.min(3) })),
        };
        let sep = RANGE_SEPARATORS
            .get(usize::from(form2) % RANGE_SEPARATORS.len())
            .copied()
            .unwrap_or("至");
        if matches!(
            low,
            Num::Liang(_) | Num::Grouped(_) | Num::Chinese(..) | Num::MixedPlace(_) | Num::MixedSection(_)
        ) && !matches!(high, Num::Chinese(..))
        {
            return clause(
                prefix,
                Expr::Range {
                    low: Num::Arabic(Decimal::from(m)),
                    high: Num::Arabic(Decimal::from(m + gap)),
                    unit,
                    sep: "至",
                    unit_twice: false,
                },
            );
        }
        return clause(
            prefix,
            Expr::Range {
                low,
                high,
                unit,
                sep,
                unit_twice: code == "percent" && form2 >= 10,
            },
        );
    }
    let mut num = number(m, scale, form, cat.whole, unit);
    // 余/多 after a whole number written in digits: 600余亿元, 100多家.
    let inner = if extra < 2
        && num.is_whole_arabic()
        && m >= 10
        && code != "percent"
        && code != "permille"
        && unit.unit.per().is_none()
        && qual.before.is_empty()
        && qual.after.is_empty()
    {
        Some(if extra == 0 { "余" } else { "多" })
    } else {
        None
    };
    // 百分之X, 千分之X in Chinese numerals.
    let fraction_word = (code == "percent" || code == "permille") && extra >= 8 && inner.is_none();
    if fraction_word {
        num = Num::Chinese(
            num.value(),
            if form2 % 4 == 0 {
                Style::Traditional
            } else {
                Style::Lower
            },
        );
    }
    // ¥ before a sum in yuan: ¥1318.2亿元.
    let sign = code == "CNY" && unit.unit.per().is_none() && form2 % 5 == 0;
    clause(
        prefix,
        Expr::One {
            qual,
            num,
            inner,
            fraction_word,
            sign,
            half: false,
            unit,
        },
    )
}

// ---------------------------------------------------------------------------------------------
// text transforms

/// ASCII digits, `.`, `%` and `~` to their full-width forms.
fn full_width_char(c: char) -> char {
    match c {
        '0'..='9' => char::from_u32(u32::from(c) + 0xFEE0).unwrap_or(c),
        '.' => '．',
        '%' => '％',
        '~' => '～',
        c => c,
    }
}

/// Simplified → traditional for the characters of the templates above (and of the numerals).
#[rustfmt::skip]
const S2T: &[(char, char)] = &[
    ('亿', '億'), ('万', '萬'), ('个', '個'), ('点', '點'), ('两', '兩'), ('余', '餘'), ('约', '約'), ('吨', '噸'), ('亩', '畝'), ('标', '標'),
    ('台', '臺'), ('辆', '輛'), ('项', '項'), ('县', '縣'), ('发', '發'), ('产', '產'), ('业', '業'), ('实', '實'), ('现', '現'), ('总', '總'),
    ('区', '區'), ('规', '規'), ('达', '達'), ('长', '長'), ('资', '資'), ('额', '額'), ('进', '進'), ('营', '營'), ('税', '稅'), ('为', '為'),
    ('较', '較'), ('术', '術'), ('车', '車'), ('积', '積'), ('货', '貨'), ('电', '電'), ('游', '遊'), ('贸', '貿'), ('费', '費'), ('经', '經'),
    ('济', '濟'), ('运', '運'), ('动', '動'), ('续', '續'), ('强', '強'), ('创', '創'), ('准', '準'), ('这', '這'), ('专', '專'), ('过', '過'),
    ('际', '際'), ('销', '銷'), ('场', '場'), ('边', '邊'), ('态', '態'), ('环', '環'), ('质', '質'), ('优', '優'), ('观', '觀'), ('众', '眾'),
    ('农', '農'), ('镇', '鎮'), ('门', '門'), ('开', '開'), ('关', '關'), ('于', '於'), ('从', '從'), ('对', '對'), ('与', '與'), ('数', '數'),
    ('户', '戶'), ('签', '簽'), ('软', '軟'), ('广', '廣'), ('协', '協'), ('调', '調'), ('负', '負'), ('设', '設'), ('备', '備'), ('网', '網'),
    ('络', '絡'), ('机', '機'), ('装', '裝'), ('务', '務'), ('级', '級'), ('统', '統'), ('计', '計'), ('报', '報'), ('国', '國'), ('财', '財'),
    ('会', '會'), ('头', '頭'), ('稳', '穩'), ('转', '轉'), ('换', '換'), ('阶', '階'), ('结', '結'), ('构', '構'), ('继', '繼'), ('贰', '貳'),
    ('叁', '參'), ('陆', '陸'), ('粮', '糧'), ('种', '種'), ('时', '時'), ('旧', '舊'), ('价', '價'), ('拥', '擁'), ('录', '錄'), ('记', '記'),
    ('单', '單'), ('节', '節'), ('筑', '築'), ('内', '內'), ('将', '將'), ('据', '據'), ('来', '來'), ('欧', '歐'), ('满', '滿'), ('综', '綜'),
    ('顷', '頃'),
];

/// Characters of the vocabulary that stay the same in traditional script, although some rarer
/// traditional character folds to them (韆 → 千, 傢 → 家, 裏 → 里).
#[cfg(test)]
const SAME_IN_TRADITIONAL: &str = "出千占合同向回家里面逾";

fn traditional_char(c: char) -> char {
    S2T.iter().find(|&&(s, _)| s == c).map_or(c, |&(_, t)| t)
}

/// Rewrites `text` character by character, and moves the spans of `quantities` with it.
fn convert(text: &str, quantities: &[Quantity], f: fn(char) -> char) -> (String, Vec<Quantity>) {
    let map = |s: &str| s.chars().map(f).collect::<String>();
    let moved = |at: usize| map(text.get(..at).unwrap_or("")).len();
    let quantities = quantities
        .iter()
        .map(|q| Quantity {
            start: moved(q.start),
            end: moved(q.end),
            text: map(&q.text),
            ..q.clone()
        })
        .collect();
    (map(text), quantities)
}

fn convert_case(case: &Case, f: fn(char) -> char) -> Case {
    let (text, mut qs) = convert(&case.text, std::slice::from_ref(&case.quantity), f);
    let quantity = qs.pop().unwrap_or_else(|| case.quantity.clone());
    Case { text, quantity }
}

fn convert_sentence(s: &Sentence, f: fn(char) -> char) -> Sentence {
    let (text, quantities) = convert(&s.text, &s.quantities, f);
    Sentence { text, quantities }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold;

    /// Every character of the vocabulary that has a traditional form is in `S2T`, and every
    /// entry of `S2T` folds back to its simplified character (參 folds to 参, which numerals read
    /// as 叁).
    #[test]
    fn traditional_table_covers_the_vocabulary() {
        for &(s, t) in S2T {
            let same_numeral =
                crate::numeral::sym(s).is_some() && crate::numeral::sym(fold(t)) == crate::numeral::sym(s);
            assert!(fold(t) == s || same_numeral, "{t} does not fold to {s}");
        }
        let mut words: Vec<&str> = Vec::new();
        for cat in CATEGORIES {
            words.extend(cat.prefixes);
            words.extend(cat.units.iter().map(|u| u.word));
        }
        words.extend(
            DOUBLING_PREFIXES
                .iter()
                .chain(RANK_PREFIXES)
                .chain(FILLERS)
                .chain(LEAD_INS),
        );
        words.extend(QUALS.iter().flat_map(|q| [q.before, q.after]));
        words.extend([
            "一二三四五六七八九十百千万亿零点负两",
            "壹贰叁肆伍陆柒捌玖拾佰仟",
            "百分之千分之翻番第位名半余多",
        ]);
        let has_traditional: Vec<char> = (0x3400u32..0xA000)
            .filter_map(char::from_u32)
            .filter(|&t| fold(t) != t)
            .map(fold)
            .collect();
        let mut missing: Vec<char> = words
            .iter()
            .flat_map(|w| w.chars())
            .filter(|c| has_traditional.contains(c) && !SAME_IN_TRADITIONAL.contains(*c))
            .filter(|c| !S2T.iter().any(|&(s, _)| s == *c))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        assert!(missing.is_empty(), "no traditional form for {missing:?}");
    }
}
