//! Units: the lexicon of unit words and the [`Unit`] codes of the contract.
//!
//! Every unit word is one row of [`WORDS`]: the word in simplified script,
//! its code, the power of ten its factor carries, and its [`Kind`]. Matching
//! is longest-first over folded text (see [`crate::normalize`]), so `个百分点`
//! beats `个`, `吨标煤` beats `吨`, `千瓦时` beats `千瓦`, and traditional or
//! full-width spellings (`個百分點`, `ＧＷ`) need no rows of their own.
//!
//! ```
//! use zh_econ::unit::{lookup, Kind};
//! use zh_econ::normalize::Cursor;
//!
//! let (word, end) = lookup(&Cursor::new("億元/平方公里", 3)).unwrap();
//! assert_eq!((word.code, word.exp, end), ("CNY", 0, 6));
//! let (word, _) = lookup(&Cursor::new("個百分點", 0)).unwrap();
//! assert_eq!((word.code, word.kind), ("pp", Kind::PercentagePoint));
//! ```

use crate::normalize::{Cursor, WordSet};
use std::fmt;
use std::sync::LazyLock;

/// What a unit measures; the scanner applies different context rules to each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Kind {
    /// Money: `CNY`, `USD`, … (ISO 4217 codes).
    Currency,
    /// `percent` (`%`, `百分之`, `成`).
    Percent,
    /// `permille` (`‰`, `千分之`).
    Permille,
    /// `pp`: percentage points (`个百分点`).
    PercentagePoint,
    /// `times` (`倍`, `翻番`).
    Times,
    /// Physical measures: area, length, mass, volume, power, energy, temperature.
    Measure,
    /// A count with a measure word (`家`, `个`, `人次`); the code is the word.
    Count,
    /// `rank` (`第16位`).
    Rank,
}

/// One row of the unit lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitWord {
    /// The word in simplified script (ASCII forms as written, case-sensitive).
    pub word: &'static str,
    /// The contract's unit code.
    pub code: &'static str,
    /// The factor to the canonical unit, as a power of ten (`千瓦` → 3, `公里` → 3).
    pub exp: i8,
    /// What it measures.
    pub kind: Kind,
}

const fn w(word: &'static str, code: &'static str, exp: i8, kind: Kind) -> UnitWord {
    UnitWord { word, code, exp, kind }
}

use Kind::{Count, Currency, Measure, Percent, PercentagePoint, Permille, Times};

/// The unit lexicon. Traditional and full-width spellings are matched through
/// [`crate::normalize::fold`]; measure words are listed with their own code.
pub static WORDS: &[UnitWord] = &[
    // Money.
    w("元", "CNY", 0, Currency),
    w("圆", "CNY", 0, Currency),
    w("人民币", "CNY", 0, Currency),
    w("人民币元", "CNY", 0, Currency),
    w("块", "CNY", 0, Currency),
    w("块钱", "CNY", 0, Currency),
    w("角", "CNY", -1, Currency),
    w("美元", "USD", 0, Currency),
    w("美金", "USD", 0, Currency),
    w("欧元", "EUR", 0, Currency),
    w("港元", "HKD", 0, Currency),
    w("港币", "HKD", 0, Currency),
    w("日元", "JPY", 0, Currency),
    w("日币", "JPY", 0, Currency),
    w("英镑", "GBP", 0, Currency),
    w("新台币", "TWD", 0, Currency),
    w("台币", "TWD", 0, Currency),
    w("澳门元", "MOP", 0, Currency),
    w("澳门币", "MOP", 0, Currency),
    w("澳元", "AUD", 0, Currency),
    w("澳大利亚元", "AUD", 0, Currency),
    w("加元", "CAD", 0, Currency),
    w("加拿大元", "CAD", 0, Currency),
    w("新加坡元", "SGD", 0, Currency),
    w("新西兰元", "NZD", 0, Currency),
    w("韩元", "KRW", 0, Currency),
    w("泰铢", "THB", 0, Currency),
    w("卢布", "RUB", 0, Currency),
    w("卢比", "INR", 0, Currency),
    w("印度卢比", "INR", 0, Currency),
    w("瑞士法郎", "CHF", 0, Currency),
    w("越南盾", "VND", 0, Currency),
    w("林吉特", "MYR", 0, Currency),
    w("兰特", "ZAR", 0, Currency),
    w("雷亚尔", "BRL", 0, Currency),
    w("里拉", "TRY", 0, Currency),
    w("欧元区", "", 0, Currency), // a place, not money: blocks 欧元 before 区
    // Shares.
    w("%", "percent", 0, Percent),
    w("成", "percent", 1, Percent),
    w("‰", "permille", 0, Permille),
    w("个百分点", "pp", 0, PercentagePoint),
    w("百分点", "pp", 0, PercentagePoint),
    w("倍", "times", 0, Times),
    // Area.
    w("平方公里", "km2", 0, Measure),
    w("平方千米", "km2", 0, Measure),
    w("km²", "km2", 0, Measure),
    w("km2", "km2", 0, Measure),
    w("平方米", "m2", 0, Measure),
    w("平米", "m2", 0, Measure),
    w("㎡", "m2", 0, Measure),
    w("m²", "m2", 0, Measure),
    w("亩", "mu", 0, Measure),
    w("公顷", "ha", 0, Measure),
    // Length.
    w("米", "m", 0, Measure),
    w("公里", "m", 3, Measure),
    w("千米", "m", 3, Measure),
    w("km", "m", 3, Measure),
    // Mass and volume.
    w("吨", "t", 0, Measure),
    w("公吨", "t", 0, Measure),
    w("吨标煤", "tce", 0, Measure),
    w("吨标准煤", "tce", 0, Measure),
    w("公斤", "kg", 0, Measure),
    w("千克", "kg", 0, Measure),
    w("kg", "kg", 0, Measure),
    w("斤", "jin", 0, Measure),
    w("立方米", "m3", 0, Measure),
    w("m³", "m3", 0, Measure),
    w("标准箱", "TEU", 0, Measure),
    w("TEU", "TEU", 0, Measure),
    w("摄氏度", "degC", 0, Measure),
    w("℃", "degC", 0, Measure),
    // Power and energy.
    w("瓦", "W", 0, Measure),
    w("千瓦", "W", 3, Measure),
    w("兆瓦", "W", 6, Measure),
    w("吉瓦", "W", 9, Measure),
    w("W", "W", 0, Measure),
    w("kW", "W", 3, Measure),
    w("KW", "W", 3, Measure),
    w("MW", "W", 6, Measure),
    w("GW", "W", 9, Measure),
    w("千瓦时", "kWh", 0, Measure),
    w("兆瓦时", "kWh", 3, Measure),
    w("kWh", "kWh", 0, Measure),
    w("度", "kWh", 0, Measure),
    // Measure words (classifiers): a count of things.
    w("家", "家", 0, Count),
    w("个", "个", 0, Count),
    w("项", "项", 0, Count),
    w("件", "件", 0, Count),
    w("人", "人", 0, Count),
    w("名", "名", 0, Count),
    w("位", "位", 0, Count),
    w("人次", "人次", 0, Count),
    w("户", "户", 0, Count),
    w("户次", "户次", 0, Count),
    w("辆", "辆", 0, Count),
    w("台", "台", 0, Count),
    w("台套", "台套", 0, Count),
    w("台次", "台次", 0, Count),
    w("套", "套", 0, Count),
    w("次", "次", 0, Count),
    w("条", "条", 0, Count),
    w("所", "所", 0, Count),
    w("款", "款", 0, Count),
    w("只", "只", 0, Count),
    w("批", "批", 0, Count),
    w("轮", "轮", 0, Count),
    w("座", "座", 0, Count),
    w("幢", "幢", 0, Count),
    w("栋", "栋", 0, Count),
    w("种", "种", 0, Count),
    w("人份", "人份", 0, Count),
    w("张", "张", 0, Count),
    w("本", "本", 0, Count),
    w("头", "头", 0, Count),
    w("株", "株", 0, Count),
    w("棵", "棵", 0, Count),
    w("处", "处", 0, Count),
    w("间", "间", 0, Count),
    w("架", "架", 0, Count),
    w("架次", "架次", 0, Count),
    w("艘", "艘", 0, Count),
    w("艘次", "艘次", 0, Count),
    w("列", "列", 0, Count),
    w("支", "支", 0, Count),
    w("部", "部", 0, Count),
    w("篇", "篇", 0, Count),
    w("份", "份", 0, Count),
    w("起", "起", 0, Count),
    w("例", "例", 0, Count),
    w("场", "场", 0, Count),
    w("场次", "场次", 0, Count),
    w("枚", "枚", 0, Count),
    w("颗", "颗", 0, Count),
    w("根", "根", 0, Count),
    w("宗", "宗", 0, Count),
    w("笔", "笔", 0, Count),
    w("门", "门", 0, Count),
    w("节", "节", 0, Count),
    w("道", "道", 0, Count),
    w("层", "层", 0, Count),
    w("片", "片", 0, Count),
    w("项次", "项次", 0, Count),
    w("批次", "批次", 0, Count),
    w("人年", "人年", 0, Count),
    w("桶", "桶", 0, Count),
    w("箱", "箱", 0, Count),
    // Freight and passenger turnover have no code in the contract; these rows
    // keep 吨 and 人 from matching inside them (亿吨公里 is not 10^8 tonnes).
    w("吨公里", "", 0, Measure),
    w("人公里", "", 0, Measure),
];

/// Measure words that, followed by a time word, form a duration (`3个月`,
/// `3个工作日`), which is not a quantity.
pub(crate) const TIME_WORDS: &[&str] = &[
    "月",
    "工作日",
    "小时",
    "钟头",
    "星期",
    "礼拜",
    "季度",
    "年",
    "周",
    "天",
    "世纪",
    "学期",
    "交易日",
    "自然日",
    "多月",
    "多小时",
    "半月",
    "半小时",
];

/// Words that, after a measure word, make the number part of a name:
/// `十条举措`, `33条政策`.
pub(crate) const NAME_WORDS: &[&str] = &[
    "举措", "措施", "意见", "政策", "规定", "办法", "细则", "新政", "建议", "要求", "条例", "原则",
];

/// Characters that, after 成, show a verb or noun (成立, 成为, 成本) rather than
/// tenths.
/// Words that begin with a measure word but are nouns or verbs of their own,
/// so a number before them counts nothing: `三次产业`, `两位数`, `5部门`.
pub(crate) const COMPOUNDS: &[&str] = &[
    "次产业",
    "人群",
    "次日",
    "次年",
    "次要",
    "位数",
    "位于",
    "所有",
    "所在",
    "所属",
    "所得",
    "所以",
    "家庭",
    "家族",
    "家电",
    "人口",
    "人民",
    "人员",
    "人才",
    "人工",
    "人均",
    "个体",
    "名单",
    "名称",
    "名义",
    "种植",
    "种子",
    "种类",
    "批发",
    "批准",
    "条件",
    "条例",
    "部门",
    "部分",
    "部署",
    "部件",
    "台阶",
    "片区",
    "层次",
    "层面",
    "层级",
    "门户",
    "门类",
    "节点",
    "节能",
    "道路",
    "轮车",
    "台山",
    "支持",
    "支撑",
    "支柱",
    "处理",
    "间隔",
    "只有",
    "只要",
    "起步",
    "起点",
    "本地",
    "本土",
    "场景",
    "场所",
    "场馆",
    "头部",
    "点位",
    "套餐",
    "项目",
    "件事",
    "户籍",
    "户外",
    "座谈",
    "根据",
    "列入",
    "张家港",
    "款项",
    "笔记",
];

/// Labels of page chrome and forum counters (`浏览：1234次`, `回复 56条`): a count
/// after one of them describes the page, not the economy.
pub(crate) const CHROME_LABELS: &[&str] = &[
    "浏览", "阅读", "点击", "访问", "查看", "评论", "回复", "点赞", "收藏", "分享", "人气", "热度", "下载", "关注",
    "粉丝", "帖子", "主题", "积分", "签到", "在线", "金钱", "威望", "贡献", "播放", "转发",
];

pub(crate) const CHENG_NOT_PERCENT: &[char] = &[
    '立', '为', '功', '长', '本', '员', '果', '绩', '效', '交', '品', '熟', '都', '型', '就', '分', '份', '年', '人',
    '材', '像', '器', '员', '形', '行',
];

/// [`WORDS`] indexed by first character, longest first.
static INDEX: LazyLock<WordSet<&'static UnitWord>> =
    LazyLock::new(|| WordSet::new(&WORDS.iter().map(|u| (u.word, u)).collect::<Vec<_>>()));

/// The longest unit word at the cursor, and the byte offset just past it.
///
/// An ASCII unit (`GW`, `km`) must not run on into more ASCII letters or digits
/// (`GWh` is not `GW`); rows with an empty code block a shorter match
/// (`欧元区` is a place) and give `None`.
///
/// ```
/// use zh_econ::unit::lookup;
/// use zh_econ::normalize::Cursor;
/// assert_eq!(lookup(&Cursor::new("吨标准煤", 0)).unwrap().0.code, "tce");
/// assert_eq!(lookup(&Cursor::new("ＧＷ", 0)).unwrap().0.exp, 9);
/// assert!(lookup(&Cursor::new("GWh", 0)).is_none());
/// assert!(lookup(&Cursor::new("年", 0)).is_none());
/// ```
pub fn lookup(at: &Cursor<'_>) -> Option<(&'static UnitWord, usize)> {
    let first = at.peek()?;
    for (_, u) in INDEX.starting_with(first) {
        let mut c = at.clone();
        if c.eat(u.word) {
            if u.word.is_ascii() && c.peek().is_some_and(|n| n.is_ascii_alphanumeric()) {
                continue;
            }
            if u.code.is_empty() {
                return None;
            }
            return Some((u, c.pos()));
        }
    }
    None
}

/// The kind of the unit with code `code`: that of its first word in
/// [`WORDS`] (every word of a code has the same kind; a unit test checks).
///
/// ```
/// use zh_econ::unit::{kind_of, Kind};
/// assert_eq!(kind_of("CNY"), Some(Kind::Currency));
/// assert_eq!(kind_of("家"), Some(Kind::Count));
/// assert_eq!(kind_of("no such code"), None);
/// ```
pub fn kind_of(code: &str) -> Option<Kind> {
    KINDS.get(code).copied()
}

/// Unit code → kind, asked once a figure: hashed with rustc-hash (short
/// keys from a fixed table need no SipHash).
static KINDS: LazyLock<rustc_hash::FxHashMap<&'static str, Kind>> = LazyLock::new(|| {
    let mut kinds = rustc_hash::FxHashMap::default();
    for w in WORDS.iter().filter(|w| !w.code.is_empty()) {
        kinds.entry(w.code).or_insert(w.kind);
    }
    kinds
});

/// True if a unit word (or a word that blocks one) begins with `first`
/// (folded): the grammar looks a unit up only after such a character.
///
/// ```
/// assert!(zh_econ::unit::may_start('元'));
/// assert!(zh_econ::unit::may_start('%'));
/// assert!(!zh_econ::unit::may_start('步'));
/// ```
pub fn may_start(first: char) -> bool {
    INDEX.starting_with(first).next().is_some()
}

/// A unit code: a simple unit (`CNY`, `percent`, `家`) or a rate `A/B`
/// (`CNY/km2`, `tce/CNY`, `件/人`).
///
/// Codes come from the lexicon, so a `Unit` is two static strings and `Copy`.
///
/// ```
/// use zh_econ::unit::Unit;
/// let u: Unit = "CNY/km2".parse().unwrap();
/// assert_eq!(u.code(), "CNY");
/// assert_eq!(u.per(), Some("km2"));
/// assert_eq!(u.to_string(), "CNY/km2");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Unit {
    code: &'static str,
    per: Option<&'static str>,
}

impl Unit {
    /// A simple unit with a code from the lexicon (or `rank`).
    pub const fn new(code: &'static str) -> Self {
        Unit { code, per: None }
    }

    /// A rate: `code` per `per`.
    pub const fn rate(code: &'static str, per: &'static str) -> Self {
        Unit { code, per: Some(per) }
    }

    /// The code (the numerator of a rate).
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The denominator of a rate.
    pub fn per(&self) -> Option<&'static str> {
        self.per
    }

    /// True for a currency code (or a rate whose numerator is one).
    pub fn is_currency(&self) -> bool {
        self.code.len() == 3 && self.code.bytes().all(|b| b.is_ascii_uppercase()) && self.code != "TEU"
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.per {
            Some(p) => write!(f, "{}/{}", self.code, p),
            None => f.write_str(self.code),
        }
    }
}

/// The error of parsing a unit code that is not in the lexicon.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown unit code {0:?}")]
pub struct UnknownUnit(pub String);

fn intern(code: &str) -> Option<&'static str> {
    if code == "rank" {
        return Some("rank");
    }
    WORDS
        .iter()
        .find(|u| u.code == code && !u.code.is_empty())
        .map(|u| u.code)
}

impl std::str::FromStr for Unit {
    type Err = UnknownUnit;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || UnknownUnit(s.to_string());
        match s.split_once('/') {
            Some((a, b)) => Ok(Unit::rate(intern(a).ok_or_else(bad)?, intern(b).ok_or_else(bad)?)),
            None => Ok(Unit::new(intern(s).ok_or_else(bad)?)),
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Unit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Unit {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_one_kind() {
        for w in WORDS.iter().filter(|w| !w.code.is_empty()) {
            assert_eq!(kind_of(w.code), Some(w.kind), "{} ({})", w.word, w.code);
        }
    }

    #[test]
    fn every_code_round_trips() {
        for u in WORDS.iter().filter(|u| !u.code.is_empty()) {
            let unit: Unit = u.code.parse().unwrap();
            assert_eq!(unit.to_string(), u.code);
        }
    }

    #[test]
    fn longest_match_wins() {
        for (text, code, exp) in [
            ("个百分点", "pp", 0),
            ("个", "个", 0),
            ("千瓦时", "kWh", 0),
            ("千瓦", "W", 3),
            ("萬千瓦", "", 0),
        ] {
            let got = lookup(&Cursor::new(text, 0)).map(|(u, _)| (u.code, u.exp));
            if code.is_empty() {
                assert_eq!(got, None, "{text}");
            } else {
                assert_eq!(got, Some((code, exp)), "{text}");
            }
        }
    }

    #[test]
    fn words_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for u in WORDS {
            assert!(seen.insert(u.word), "duplicate unit word {}", u.word);
        }
    }
}
