//! Property tests for the scanner and the expression parser:
//!
//! - no input makes `scan::quantities` or `parse_expression` panic (arbitrary strings, and strings
//!   over an alphabet heavy in Chinese numerals, magnitudes, units and qualifiers), and every
//!   scanned quantity is a well-formed span: `start < end` on char boundaries,
//!   `text == input[start..end]`, sorted and disjoint;
//! - full-width digits, `．`, `％` and `～` read exactly as their ASCII forms;
//! - traditional script reads exactly as simplified (twenty hand-written pairs, and generated
//!   sentences converted character by character with a small simplified → traditional map);
//! - `format::to_chinese` (all three styles) and `format::to_digits` read back to the value;
//! - scanning `a + "。" + b` finds the quantities of `a`, then those of `b` shifted;
//! - GB18030 bytes (simplified sentences) and Big5 bytes (traditional sentences Big5 can write)
//!   decoded with `decode::decode_lossy` give the same text and quantities; any bytes decode and
//!   scan without a panic;
//! - generated communiqué clauses are found with the value, unit and qualifier they were built
//!   from (an oracle for the generator itself).
//!
//! Sentences are generated from clause templates (`Clause`), which know their expected quantity.
//! The bugs the generator found are pinned by the regression tests at the end of this file;
//! the generator now produces their forms too.
//! `PROPTEST_CASES=20000` runs every property longer.

use std::fmt::Write as _;

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use zh_econ::format::{to_chinese, to_digits, Style};
use zh_econ::quantity::parse_expression;
use zh_econ::{Decimal, Qualifier, Quantity};

const CASES: u32 = 256;

/// 256 cases per property, or `PROPTEST_CASES` when set (for a longer run).
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CASES);
    // Big5 cannot write every generated sentence (‰): those are rejected, not failed.
    ProptestConfig {
        cases,
        failure_persistence: None,
        max_global_rejects: cases.saturating_mul(4),
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------------
// helpers

fn scan(text: &str) -> Vec<Quantity> {
    zh_econ::scan::quantities(text).collect()
}

/// What a quantity reads as, without its span: (value, low, high, unit, qualifier).
type Reading = (
    Option<Decimal>,
    Option<Decimal>,
    Option<Decimal>,
    Option<String>,
    Qualifier,
);

fn reading(q: &Quantity) -> Reading {
    (
        q.value.map(|v| v.normalize()),
        q.low.map(|v| v.normalize()),
        q.high.map(|v| v.normalize()),
        q.unit.map(|u| u.to_string()),
        q.qualifier,
    )
}

fn readings(text: &str) -> Vec<Reading> {
    scan(text).iter().map(reading).collect()
}

fn show(qs: &[Quantity]) -> String {
    let mut s = String::new();
    for q in qs {
        let _ = write!(s, "\n    [{}..{}) {:?} {} ({})", q.start, q.end, q.text, q, q.qualifier);
    }
    if s.is_empty() {
        s.push_str(" (none)");
    }
    s
}

/// The span invariants of the contract.
fn check_spans(text: &str, qs: &[Quantity]) -> Result<(), TestCaseError> {
    let mut prev_end = 0;
    for q in qs {
        prop_assert!(q.start < q.end, "empty span {:?} in {:?}", q, text);
        prop_assert!(q.end <= text.len(), "span past the end: {:?} in {:?}", q, text);
        prop_assert!(
            text.is_char_boundary(q.start) && text.is_char_boundary(q.end),
            "span not on char boundaries: {:?} in {:?}",
            q,
            text
        );
        prop_assert_eq!(
            &text[q.start..q.end],
            q.text.as_str(),
            "text differs from the span in {:?}",
            text
        );
        prop_assert!(
            q.start >= prev_end,
            "spans unsorted or overlapping in {:?}:{}",
            text,
            show(qs)
        );
        prev_end = q.end;
    }
    Ok(())
}

/// Scans and parses `text` (neither may panic; proptest reports a panic as a failure with the
/// input) and checks the spans.
fn no_panic_and_spans(text: &str) -> Result<(), TestCaseError> {
    let qs = scan(text);
    check_spans(text, &qs)?;
    let _ = parse_expression(text);
    // Every quantity's own text is one whole expression too (or an error), and must not panic.
    for q in &qs {
        let _ = parse_expression(&q.text);
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// alphabets and text transforms

/// Tokens for strings heavy in numerals, magnitudes, units and qualifiers.
#[rustfmt::skip]
const TOKENS: &[&str] = &[
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "０", "１", "２", "５", "９", "〇", "零", "一", "二",
    "两", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千", "万", "亿", "萬", "億", "壹", "贰", "叁", "拾",
    "佰", "仟", "兩", "点", "點", ".", "．", ",", "，", "%", "％", "~", "～", "-", "至", "到", "余", "多", "超",
    "近", "约", "第", "每", "元", "亿元", "万元", "个", "百分点", "个百分点", "家", "/", "、", "年", "月", "日", "分之",
    "百分之", "成", "半", "倍", "番", "翻", "以上", "以下", "左右", "不足", "超过", "吨", "亩", "平方公里", "标煤", "美元", "¥",
    "+", "位", "名", "“", "”", "。", "增长", "实现", "企业", "项目", "全县", "的", "是", "和", " ", "\u{3000}", "(",
    ")", "（", "）", "a", "G", "kW", "\n", "負", "负",
];

fn heavy_string() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..40).prop_map(|v| v.concat())
}

/// ASCII digits, '.', '%', '~' to their full-width forms.
fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + 0xFF10).expect("full-width digit"),
            '.' => '\u{FF0E}',
            '%' => '\u{FF05}',
            '~' => '\u{FF5E}',
            c => c,
        })
        .collect()
}

/// Simplified → traditional for the characters of the templates below (and of the numerals).
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
    ('单', '單'), ('节', '節'), ('筑', '築'),
];

fn to_traditional(s: &str) -> String {
    s.chars()
        .map(|c| S2T.iter().find(|&&(a, _)| a == c).map_or(c, |&(_, t)| t))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// generated sentences

/// A unit as written after a number, its code and the power of ten it multiplies by.
#[derive(Debug)]
struct UnitSpec {
    word: &'static str,
    code: &'static str,
    exp: i32,
}

const fn u(word: &'static str, code: &'static str, exp: i32) -> UnitSpec {
    UnitSpec { word, code, exp }
}

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
        ],
        whole: false,
        ranges: true,
    },
    Category {
        prefixes: &["同比增长", "比上年提高", "研发投入占比达", "较上年回落", "城镇化率为"],
        units: &[
            u("%", "percent", 0),
            u("个百分点", "pp", 0),
            u("倍", "times", 0),
            u("‰", "permille", 0),
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
        ],
        units: &[
            u("吨", "t", 0),
            u("万吨", "t", 4),
            u("亩", "mu", 0),
            u("万亩", "mu", 4),
            u("平方公里", "km2", 0),
            u("千瓦时", "kWh", 0),
            u("亿千瓦时", "kWh", 8),
            u("万标准箱", "TEU", 4),
        ],
        whole: false,
        ranges: false,
    },
    Category {
        prefixes: &["亩均税收", "单位面积产出", "单位增加值能耗", "人均产值"],
        units: &[
            u("万元/亩", "CNY/mu", 4),
            u("亿元/平方公里", "CNY/km2", 8),
            u("吨标煤/万元", "tce/CNY", -4),
            u("万元/人", "CNY/人", 4),
        ],
        whole: false,
        ranges: false,
    },
];

/// Qualifier words: (before the number, after it, qualifier).
const QUALS: &[(&str, &str, Qualifier)] = &[
    ("", "", Qualifier::Exact),
    ("", "", Qualifier::Exact),
    ("", "", Qualifier::Exact),
    ("", "", Qualifier::Exact),
    ("约", "", Qualifier::Approx),
    ("近", "", Qualifier::Approx),
    ("超", "", Qualifier::Over),
    ("超过", "", Qualifier::Over),
    ("突破", "", Qualifier::Over),
    ("不足", "", Qualifier::Under),
    ("不到", "", Qualifier::Under),
    ("不少于", "", Qualifier::AtLeast),
    ("不超过", "", Qualifier::AtMost),
    ("", "以上", Qualifier::AtLeast),
    ("", "以下", Qualifier::AtMost),
    ("", "以内", Qualifier::AtMost),
    ("", "左右", Qualifier::Approx),
];

/// Clauses with no quantity.
const FILLERS: &[&str] = &[
    "经济运行稳中向好",
    "创新动能持续增强",
    "产业结构继续优化",
    "生态环境质量稳定向好",
    "新旧动能加快转换",
];

/// How a number is written.
#[derive(Debug, Clone)]
enum Num {
    /// Digits: `1318.2`.
    Arabic(Decimal),
    /// Digits with thousands separators: `78,932`.
    Grouped(i64),
    /// Chinese numerals, written by `to_chinese`: `三点五`, `一千二百`, `壹万贰仟`.
    Chinese(Decimal, Style),
    /// 两 for a leading 二 before a place word: `两千三百`, `两万`.
    Liang(u32),
}

impl Num {
    fn value(&self) -> Decimal {
        match self {
            Num::Arabic(d) | Num::Chinese(d, _) => *d,
            Num::Grouped(n) => Decimal::from(*n),
            Num::Liang(n) => Decimal::from(*n),
        }
    }

    fn render(&self) -> String {
        match self {
            Num::Arabic(d) => d.to_string(),
            Num::Grouped(n) => {
                let digits = n.to_string();
                let mut out = String::new();
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

/// One clause: a phrase, then one quantity (or a filler with none).
#[derive(Debug, Clone)]
enum Clause {
    Filler(&'static str),
    One {
        prefix: &'static str,
        qual: usize,
        num: Num,
        /// 余 or 多 between the number and the unit (`600余亿元`, `100多家`): `over`.
        inner: Option<&'static str>,
        /// `百分之X` instead of `X%`.
        fraction_word: bool,
        unit: &'static UnitSpec,
    },
    Range {
        prefix: &'static str,
        low: Num,
        high: Num,
        unit: &'static UnitSpec,
        sep: &'static str,
    },
}

fn scale_by(d: Decimal, exp: i32) -> Decimal {
    let p = Decimal::from(10u64.pow(exp.unsigned_abs()));
    if exp >= 0 { d * p } else { d / p }.normalize()
}

impl Clause {
    fn render(&self) -> String {
        match self {
            Clause::Filler(s) => (*s).to_string(),
            Clause::One {
                prefix,
                qual,
                num,
                inner,
                fraction_word,
                unit,
            } => {
                let (before, after, _) = QUALS[*qual];
                if *fraction_word {
                    format!("{prefix}{before}百分之{}{after}", num.render())
                } else {
                    format!(
                        "{prefix}{before}{}{}{}{after}",
                        num.render(),
                        inner.unwrap_or(""),
                        unit.word
                    )
                }
            }
            Clause::Range {
                prefix,
                low,
                high,
                unit,
                sep,
            } => {
                if unit.code == "percent" && *sep == "~" {
                    format!(
                        "{prefix}{}{}{sep}{}{}",
                        low.render(),
                        unit.word,
                        high.render(),
                        unit.word
                    )
                } else {
                    format!("{prefix}{}{sep}{}{}", low.render(), high.render(), unit.word)
                }
            }
        }
    }

    /// The quantity this clause was built from.
    fn expected(&self) -> Option<Reading> {
        match self {
            Clause::Filler(_) => None,
            Clause::One {
                qual, num, inner, unit, ..
            } => Some((
                Some(scale_by(num.value(), unit.exp)),
                None,
                None,
                Some(unit.code.to_string()),
                if inner.is_some() {
                    Qualifier::Over
                } else {
                    QUALS[*qual].2
                },
            )),
            Clause::Range { low, high, unit, .. } => Some((
                None,
                Some(scale_by(low.value(), unit.exp)),
                Some(scale_by(high.value(), unit.exp)),
                Some(unit.code.to_string()),
                Qualifier::Exact,
            )),
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

/// A number for `unit` from raw draws: `m` (1..100000), `scale` (0..3), `form` (0..20).
fn number(m: i64, scale: u32, form: u8, whole: bool, unit: &UnitSpec) -> Num {
    let scale = if whole { 0 } else { scale };
    // Below 10^4 before 万 (一万零一万人 is no way to write 100010000), below 10^8 before 亿.
    let limit = limit_for(unit);
    // From 10 up: a lone 一 or 二 before a measure word is an article or an ordinal.
    let chinese_int = 10 + m % (limit - 10);
    match form {
        0..=1 => Num::Chinese(Decimal::from(chinese_int), Style::Lower),
        2 if unit.code == "CNY" => Num::Chinese(Decimal::from(chinese_int), Style::Upper),
        // 三点五万吨 and 十二点五万吨 (see `chinese_decimal_with_place_word_before_magnitude`).
        3 if !whole && scale > 0 && m > 10 => Num::Chinese(Decimal::new(m, scale), Style::Lower),
        4 if (2_000..3_000).contains(&chinese_int) || (200..300).contains(&chinese_int) => {
            Num::Liang(u32::try_from(chinese_int).expect("small"))
        }
        5 if m >= 1_000 && (unit.exp <= 0 || !whole) => Num::Grouped(m),
        _ => Num::Arabic(Decimal::new(m, scale)),
    }
}

fn clause() -> impl Strategy<Value = Clause> {
    (
        (
            0usize..13,
            any::<prop::sample::Index>(),
            any::<prop::sample::Index>(),
            any::<prop::sample::Index>(),
        ),
        (1i64..100_000, 0u32..3, 0u8..20, 0u8..20),
        (prop::bool::weighted(0.15), 1i64..50_000, 0u8..10),
    )
        .prop_map(|((k, a, b, q), (m, scale, form, form2), (range, gap, extra))| {
            if k >= CATEGORIES.len() * 2 {
                return Clause::Filler(FILLERS[a.index(FILLERS.len())]);
            }
            let cat = &CATEGORIES[k % CATEGORIES.len()];
            let prefix = cat.prefixes[a.index(cat.prefixes.len())];
            let unit = &cat.units[b.index(cat.units.len())];
            if range && cat.ranges && unit.code != "times" && unit.code != "permille" {
                let low = number(m, scale, form, cat.whole, unit);
                let high = match low {
                    // 三至五亿元: both ends in Chinese numerals.
                    Num::Chinese(d, style) if d.scale() == 0 && d + Decimal::ONE < Decimal::from(limit_for(unit)) => {
                        let room = limit_for(unit) - 1 - i64::try_from(d.mantissa()).expect("small");
                        Num::Chinese(d + Decimal::from(1 + gap % room), style)
                    }
                    _ => Num::Arabic(Decimal::new(m + gap, if cat.whole { 0 } else { scale })),
                };
                if matches!(low, Num::Liang(_) | Num::Grouped(_) | Num::Chinese(..))
                    && !matches!(high, Num::Chinese(..))
                {
                    return Clause::Range {
                        prefix,
                        low: Num::Arabic(Decimal::new(m, 0)),
                        high: Num::Arabic(Decimal::new(m + gap, 0)),
                        unit,
                        sep: "至",
                    };
                }
                let sep = if unit.code == "percent" && form2 % 2 == 0 {
                    "~"
                } else {
                    "至"
                };
                return Clause::Range {
                    prefix,
                    low,
                    high,
                    unit,
                    sep,
                };
            }
            let mut num = number(m, scale, form, cat.whole, unit);
            let qual = q.index(QUALS.len());
            // 余/多 after a whole number written in digits: 600余亿元, 100多家.
            let inner = if extra < 2
                && num.is_whole_arabic()
                && m >= 10
                && unit.code != "percent"
                && unit.code != "permille"
                && !unit.word.contains('/')
                && QUALS[qual].0.is_empty()
                && QUALS[qual].1.is_empty()
            {
                Some(if extra == 0 { "余" } else { "多" })
            } else {
                None
            };
            // 百分之X in Chinese numerals.
            let fraction_word = unit.code == "percent" && extra >= 8 && inner.is_none();
            if fraction_word {
                num = Num::Chinese(num.value(), Style::Lower);
            }
            Clause::One {
                prefix,
                qual,
                num,
                inner,
                fraction_word,
                unit,
            }
        })
}

/// A sentence of one to four clauses, with or without its final `。`.
fn sentence() -> impl Strategy<Value = (String, Vec<Reading>)> {
    (prop::collection::vec(clause(), 1..5), any::<bool>()).prop_map(|(cs, stop)| {
        let mut s = cs.iter().map(Clause::render).collect::<Vec<_>>().join("，");
        if stop {
            s.push('。');
        }
        (s, cs.iter().filter_map(Clause::expected).collect())
    })
}

// ---------------------------------------------------------------------------------------------
// never panic; spans well formed

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        no_panic_and_spans(&s)?;
    }

    #[test]
    fn numeral_heavy_strings_never_panic(s in heavy_string()) {
        no_panic_and_spans(&s)?;
    }

    #[test]
    fn generated_sentences_have_well_formed_spans((s, _) in sentence()) {
        no_panic_and_spans(&s)?;
        no_panic_and_spans(&full_width(&s))?;
        no_panic_and_spans(&to_traditional(&s))?;
    }
}

// ---------------------------------------------------------------------------------------------
// the generator's own quantities are found

proptest! {
    #![proptest_config(config())]

    #[test]
    fn generated_quantities_are_found((s, expected) in sentence()) {
        let qs = scan(&s);
        let got: Vec<Reading> = qs.iter().map(reading).collect();
        prop_assert_eq!(&got, &expected, "in {:?}:{}", s, show(&qs));
    }
}

// ---------------------------------------------------------------------------------------------
// variant forms

proptest! {
    #![proptest_config(config())]

    #[test]
    fn full_width_reads_as_ascii((s, _) in sentence()) {
        let wide = full_width(&s);
        prop_assert_eq!(readings(&wide), readings(&s), "{:?} vs {:?}:{}{}", wide, s, show(&scan(&wide)), show(&scan(&s)));
    }

    #[test]
    fn traditional_reads_as_simplified((s, _) in sentence()) {
        let t = to_traditional(&s);
        prop_assert_eq!(readings(&t), readings(&s), "{:?} vs {:?}:{}{}", t, s, show(&scan(&t)), show(&scan(&s)));
    }
}

/// Communiqué sentences and their traditional versions, written by hand.
const PAIRS: &[(&str, &str)] = &[
    (
        "全县实现地区生产总值1318.2亿元，增长6.8%，规上工业企业达802家。",
        "全縣實現地區生產總值1318.2億元，增長6.8%，規上工業企業達802家。",
    ),
    (
        "全年完成固定资产投资约537.8亿元，同比增长12.4%。",
        "全年完成固定資產投資約537.8億元，同比增長12.4%。",
    ),
    (
        "新增国家高新技术企业超120家，总数达到1025家。",
        "新增國家高新技術企業超120家，總數達到1025家。",
    ),
    (
        "城镇居民人均可支配收入78932元，增长5.2%；农村居民人均可支配收入49872元，增长6.3%。",
        "城鎮居民人均可支配收入78932元，增長5.2%；農村居民人均可支配收入49872元，增長6.3%。",
    ),
    (
        "研发经费投入占地区生产总值比重达3.52%，比上年提高0.25个百分点。",
        "研發經費投入佔地區生產總值比重達3.52%，比上年提高0.25個百分點。",
    ),
    (
        "全年粮食播种面积12.6万亩，总产量5.3万吨。",
        "全年糧食播種面積12.6萬畝，總產量5.3萬噸。",
    ),
    (
        "实施重点项目186项，完成投资近300亿元。",
        "實施重點項目186項，完成投資近300億元。",
    ),
    (
        "新能源汽车产量达2.8万辆，增长两倍。",
        "新能源汽車產量達2.8萬輛，增長兩倍。",
    ),
    (
        "单位地区生产总值能耗下降3.1%，规上工业单位增加值能耗0.045吨标煤/万元。",
        "單位地區生產總值能耗下降3.1%，規上工業單位增加值能耗0.045噸標煤/萬元。",
    ),
    (
        "引进亿元以上项目45个，其中10亿元以上项目12个。",
        "引進億元以上項目45個，其中10億元以上項目12個。",
    ),
    (
        "外贸进出口总额突破800亿元，其中出口600余亿元。",
        "外貿進出口總額突破800億元，其中出口600餘億元。",
    ),
    (
        "全市常住人口达到1300万人，城镇化率78.5%。",
        "全市常住人口達到1300萬人，城鎮化率78.5%。",
    ),
    (
        "新建5G基站3200个，累计建成1.2万个。",
        "新建5G基站3200個，累計建成1.2萬個。",
    ),
    (
        "工业机器人装机量超8000台套，居全省第2位。",
        "工業機器人裝機量超8000臺套，居全省第2位。",
    ),
    (
        "每万人高价值发明专利拥有量20.52件，居全省第一。",
        "每萬人高價值發明專利擁有量20.52件，居全省第一。",
    ),
    (
        "亩均税收达到38.6万元，亩均增加值173万元。",
        "畝均稅收達到38.6萬元，畝均增加值173萬元。",
    ),
    (
        "全年接待游客2500万人次，实现旅游收入约320亿元。",
        "全年接待遊客2500萬人次，實現旅遊收入約320億元。",
    ),
    (
        "新增城镇就业5.6万人，城镇登记失业率控制在3%以内。",
        "新增城鎮就業5.6萬人，城鎮登記失業率控制在3%以內。",
    ),
    (
        "集装箱吞吐量达到350万标准箱，货物吞吐量2.1亿吨。",
        "集裝箱吞吐量達到350萬標準箱，貨物吞吐量2.1億噸。",
    ),
    (
        "全县规上工业增加值增长一成半，出口额增长两成。",
        "全縣規上工業增加值增長一成半，出口額增長兩成。",
    ),
    (
        "财政总收入三百二十亿元，其中税收收入约两百亿元。",
        "財政總收入三百二十億元，其中稅收收入約兩百億元。",
    ),
    (
        "全年发电量一千二百万千瓦时，光伏装机容量达8吉瓦。",
        "全年發電量一千二百萬千瓦時，光伏裝機容量達8吉瓦。",
    ),
];

#[test]
fn traditional_pairs_read_alike() {
    let mut bad = String::new();
    let mut total = 0;
    for (s, t) in PAIRS {
        let (qs, qt) = (scan(s), scan(t));
        total += qs.len();
        if qs.is_empty() {
            let _ = writeln!(bad, "{s}: no quantities");
        }
        let (rs, rt): (Vec<Reading>, Vec<Reading>) =
            (qs.iter().map(reading).collect(), qt.iter().map(reading).collect());
        if rs != rt {
            let _ = writeln!(bad, "{s}:{}\n{t}:{}", show(&qs), show(&qt));
        }
        // Same number of characters before each quantity: the spans cover the same words.
        for (a, b) in qs.iter().zip(&qt) {
            if s[..a.start].chars().count() != t[..b.start].chars().count()
                || a.text.chars().count() != b.text.chars().count()
            {
                let _ = writeln!(bad, "{s}: span {:?} vs {:?}", a.text, b.text);
            }
        }
    }
    assert!(total >= 40, "only {total} quantities in the simplified sentences");
    assert!(bad.is_empty(), "traditional and simplified read differently:\n{bad}");
}

// ---------------------------------------------------------------------------------------------
// format → parse

fn round_trip(v: Decimal) -> Result<(), TestCaseError> {
    for style in [Style::Lower, Style::Upper, Style::Traditional] {
        for (how, text) in [
            ("to_chinese", to_chinese(&v, style)),
            ("to_digits", to_digits(&v, style)),
        ] {
            match parse_expression(&text) {
                Ok(q) => {
                    prop_assert_eq!(
                        q.value,
                        Some(v),
                        "{}({}, {:?}) = {:?} read back as {}",
                        how,
                        v,
                        style,
                        text,
                        q
                    );
                    prop_assert!(
                        q.unit.is_none(),
                        "{}({}, {:?}) = {:?} read with a unit: {}",
                        how,
                        v,
                        style,
                        text,
                        q
                    );
                    prop_assert_eq!(
                        q.qualifier,
                        Qualifier::Exact,
                        "{}({}, {:?}) = {:?}",
                        how,
                        v,
                        style,
                        text
                    );
                }
                Err(e) => prop_assert!(false, "{}({}, {:?}) = {:?} does not parse: {}", how, v, style, text, e),
            }
        }
    }
    Ok(())
}

const E16: i64 = 10_000_000_000_000_000;

proptest! {
    #![proptest_config(config())]

    #[test]
    fn integers_round_trip(n in -E16..=E16) {
        round_trip(Decimal::from(n))?;
    }

    /// Round numbers (many zeros) exercise 零 and the section words.
    #[test]
    fn round_integers_round_trip(d in 1i64..10_000, exp in 0u32..13, neg in any::<bool>()) {
        let n = d * 10i64.pow(exp);
        round_trip(Decimal::from(if neg { -n } else { n }))?;
    }

    #[test]
    fn decimals_round_trip(m in -E16..=E16, scale in 0u32..=4) {
        round_trip(Decimal::new(m, scale))?;
    }

    #[test]
    fn small_decimals_round_trip(m in -100_000i64..=100_000, scale in 0u32..=4) {
        round_trip(Decimal::new(m, scale))?;
    }
}

#[test]
fn format_round_trip_edges() {
    for v in [
        "0",
        "-0",
        "10",
        "-10",
        "100010",
        "1001000",
        "100000001",
        "10000000000000000",
        "-10000000000000000",
        "0.0001",
        "-0.5",
        "20",
        "200000000",
        "1000000000000",
        "9999999999999999.9999",
    ] {
        let d: Decimal = v.parse().expect("decimal");
        round_trip(d).unwrap_or_else(|e| panic!("{v}: {e}"));
    }
}

// ---------------------------------------------------------------------------------------------
// concatenation

proptest! {
    #![proptest_config(config())]

    #[test]
    fn sentences_scan_independently((a, _) in sentence(), (b, _) in sentence()) {
        let joined = format!("{a}。{b}");
        let got = scan(&joined);
        let mut want = scan(&a);
        let shift = a.len() + '。'.len_utf8();
        want.extend(scan(&b).into_iter().map(|mut q| {
            q.start += shift;
            q.end += shift;
            q
        }));
        prop_assert_eq!(&got, &want, "in {:?}:{}\nexpected:{}", joined, show(&got), show(&want));
    }
}

// ---------------------------------------------------------------------------------------------
// encodings

fn same_after_decoding(text: &str, bytes: &[u8], what: &str) -> Result<(), TestCaseError> {
    let d = zh_econ::decode::decode_lossy(bytes);
    prop_assert_eq!(d.text.as_ref(), text, "{} bytes decoded as {}", what, d.encoding.name());
    prop_assert_eq!(scan(&d.text), scan(text));
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn gb18030_decodes_to_the_same_quantities((s, _) in sentence(), wide in any::<bool>()) {
        let s = if wide { full_width(&s) } else { s };
        let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&s);
        prop_assert!(!unmappable, "GB18030 encodes all of Unicode");
        same_after_decoding(&s, &bytes, "GB18030")?;
    }

    /// Traditional script in GB18030 (see `gb18030_traditional_read_as_big5` for the bug).
    #[test]
    fn gb18030_traditional_decodes_to_the_same_quantities((s, _) in sentence(), wide in any::<bool>()) {
        let s = to_traditional(&s);
        let s = if wide { full_width(&s) } else { s };
        let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&s);
        prop_assert!(!unmappable, "GB18030 encodes all of Unicode");
        same_after_decoding(&s, &bytes, "GB18030")?;
    }

    #[test]
    fn big5_decodes_to_the_same_quantities((s, _) in sentence(), wide in any::<bool>()) {
        let s = to_traditional(&s);
        let s = if wide { full_width(&s) } else { s };
        let (bytes, _, unmappable) = encoding_rs::BIG5.encode(&s);
        // Only sentences Big5 can write.
        prop_assume!(!unmappable);
        same_after_decoding(&s, &bytes, "Big5")?;
    }
}

// ---------------------------------------------------------------------------------------------
// regressions: bugs the properties above found, now fixed

/// Found by `generated_quantities_are_found`: `三点五万吨` reads as 35000 t, but a Chinese decimal
/// whose integer part has a place word (`十二点五`, `一百二十点五`) stops after its fraction, so the
/// 万 or 亿 after it is left over: `parse_expression` fails with `Trailing` and the scanner finds
/// nothing at all.
#[test]
fn chinese_decimal_with_place_word_before_magnitude() {
    for (text, want) in [
        ("十二点五万", "125000"),
        ("十点一万吨", "101000"),
        ("二十点五万元", "205000"),
        ("一千点五万", "10005000"),
        ("一百二十点五亿元", "12050000000"),
    ] {
        let q = parse_expression(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(q.value, Some(want.parse().expect("decimal")), "{text}");
    }
    let text = "粮食播种面积十二点五万亩，总产量十点一万吨。";
    let qs = scan(text);
    assert_eq!(qs.len(), 2, "{text}:{}", show(&qs));
}

/// Found by `generated_quantities_are_found`: a suffix qualifier after `百分之X` (or `千分之X`) is
/// not read. The contract takes 以上, 以下, 以内, 左右 into the span and the qualifier, as it does
/// after `X%` (`11%以上` is `at_least`), but `同比增长百分之十一以上` gives `百分之十一` (exact),
/// and `parse_expression("百分之五以上")` fails with `Trailing` at `以上`.
#[test]
fn suffix_after_fraction_word() {
    for (text, qualifier) in [
        ("百分之五以上", Qualifier::AtLeast),
        ("百分之五十以下", Qualifier::AtMost),
        ("百分之三以内", Qualifier::AtMost),
        ("百分之十一左右", Qualifier::Approx),
        ("千分之五以下", Qualifier::AtMost),
    ] {
        let q = parse_expression(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(q.qualifier, qualifier, "{text}");
    }
    let text = "同比增长百分之十一以上";
    let qs = scan(text);
    assert_eq!(qs.len(), 1, "{text}:{}", show(&qs));
    assert_eq!(
        (qs[0].text.as_str(), qs[0].qualifier),
        ("百分之十一以上", Qualifier::AtLeast)
    );
}

/// Found by `generated_quantities_are_found`: in a range whose unit is written once after the
/// second end, the first end borrows the large magnitude that the second ends with (`3至5亿元`,
/// `三千至五千亿元` are right). When the first end already has 万 and the second ends with 万亿,
/// it does not borrow the 亿: `3万至5万亿元` reads as 30000 ~ 5000000000000 CNY, a low end in
/// yuan against a high end in 万亿 yuan; expected 3000000000000 ~ 5000000000000.
#[test]
fn range_low_end_with_wan_before_wanyi() {
    for text in ["3万至5万亿元", "三万至五万亿元", "3万~5万亿元"] {
        let q = parse_expression(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(
            (q.low, q.high),
            (
                Some(Decimal::from(3_000_000_000_000i64)),
                Some(Decimal::from(5_000_000_000_000i64))
            ),
            "{text}"
        );
    }
}

/// Found by `gb18030_traditional_decodes_to_the_same_quantities`: traditional-script text saved as
/// GB18030 (GBK) decodes cleanly both as GB18030 and as Big5. From 64 non-ASCII bytes on the
/// detector lets chardetng decide, and chardetng names Big5, although the Big5 reading is full of
/// bopomofo (ㄛ ㄟ ㄝ ㄠ), a Cyrillic letter and rare extension-A/B ideographs, which the
/// plausibility score used for shorter input would reject. The text below (64 non-ASCII bytes in
/// GB18030) comes back as `肮掀崝墿坋珨捷ㄛ…` with no quantities; with half-width digits (50 bytes)
/// it is read right.
#[test]
fn gb18030_traditional_read_as_big5() {
    let text = "同比增長十一倍，糧食播種面積約０．１萬標準箱，較上年回落超過１０００倍。";
    let (bytes, _, _) = encoding_rs::GB18030.encode(text);
    let d = zh_econ::decode::decode_lossy(&bytes);
    assert_eq!(
        d.encoding,
        zh_econ::decode::Encoding::Gb18030,
        "decoded as {}: {}",
        d.encoding.name(),
        d.text
    );
    assert_eq!(d.text, text);
}

/// Found while widening `decimals_round_trip` beyond 10^16: `to_chinese` writes values from 10^24
/// on with 亿亿亿, and a value with anything after that section reads back as an overflow,
/// although it fits a `Decimal` (the format module says every output reads back). 10^24 alone
/// (`一亿亿亿`) and `to_digits` are fine.
#[test]
fn huge_values_round_trip() {
    for v in [
        "1100000000000000000000000",
        "9999999999999999999999999",
        "79228162514264337593543950335",
        "-88988301859139930408086664.34",
    ] {
        let d: Decimal = v.parse().expect("decimal");
        round_trip(d).unwrap_or_else(|e| panic!("{v}: {e}"));
    }
}

proptest! {
    #![proptest_config(config())]

    /// Any bytes decode without a panic, and the text scans with well-formed spans.
    #[test]
    fn arbitrary_bytes_decode_and_scan(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let d = zh_econ::decode::decode_lossy(&bytes);
        no_panic_and_spans(&d.text)?;
        if let Ok(strict) = zh_econ::decode::decode(&bytes) {
            prop_assert_eq!(strict.text.as_ref(), d.text.as_ref());
        }
    }
}
