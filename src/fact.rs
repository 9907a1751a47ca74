//! Facts: a quantity tied to what it measures — region, indicator, period,
//! whether it is a change, and whether it is a target.
//!
//! Facts are built one sentence at a time from what the lower layers found:
//!
//! - **region**: the region named before the figure in its sentence (a list
//!   `武进、吴江、宜兴` gives one fact each); with no name in the sentence, the
//!   nearest region named before it in the document (`全县`, `这里`). A region
//!   after 居/位列/全 is the scope of a rank, not the subject.
//! - **period**: the last period written before the figure in its sentence,
//!   not counting a basis of comparison (`较2019年`); `全年` is the year of the
//!   passage; 目前/累计 reset it.
//! - **indicator**: the nearest name of `data/indicators.tsv` in the clause
//!   before the figure (canonical), otherwise the clause's noun phrase.
//! - **change**: `同比增长` → yoy, `较2019年提高` → vs:2019, `增长`/`下降` alone →
//!   no basis; a level reached (`提升至87.9%`) is not a change.
//! - **target**: `力争`, `预计`, `目标`, `计划`, `到2025年` … before the figure.
//!
//! ```
//! use zh_econ::document::Document;
//!
//! let doc = Document::parse("2023年海宁市实现地区生产总值1318.2亿元，同比增长6.8%。");
//! let f = &doc.facts[0];
//! assert_eq!(f.region.as_deref(), Some("海宁市"));
//! assert_eq!(f.indicator.as_deref(), Some("地区生产总值"));
//! assert_eq!(f.period.unwrap().to_string(), "2023");
//! let g = &doc.facts[1];
//! assert_eq!(g.change.unwrap().basis, Some(zh_econ::fact::Basis::YearOnYear));
//! ```

use crate::indicator;
use crate::normalize::{fold, Folded};
use crate::period::{Date, Part, Period, PeriodMention};
use crate::quantity::Quantity;
use crate::region::RegionMention;
use std::fmt;

/// Whether a change goes up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Direction {
    /// 增长, 提高, 提升, 增加, 上升.
    Increase,
    /// 下降, 降低, 减少, 缩短, 下滑.
    Decrease,
}

/// What a change is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Basis {
    /// 同比: the same period a year earlier (`"yoy"`).
    YearOnYear,
    /// 较2019年: a named year (`"vs:2019"`).
    Year(i32),
}

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Basis::YearOnYear => f.write_str("yoy"),
            Basis::Year(y) => write!(f, "vs:{y}"),
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Basis {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Basis {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        if s == "yoy" {
            return Ok(Basis::YearOnYear);
        }
        s.strip_prefix("vs:")
            .and_then(|y| y.parse().ok())
            .map(Basis::Year)
            .ok_or_else(|| serde::de::Error::custom(format!("expected yoy or vs:YYYY, found {s:?}")))
    }
}

/// A change: its direction and basis (the contract's `change`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Change {
    /// Up or down.
    pub direction: Direction,
    /// Against what; `None` when the text does not say.
    pub basis: Option<Basis>,
}

/// One fact (the contract's fact object).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Fact {
    /// The region's six-digit code, when it is an administrative division.
    pub region_code: Option<String>,
    /// The region as written (simplified script), or `None` for an enterprise
    /// or project, or when the text names none.
    pub region: Option<String>,
    /// The canonical indicator name, or the measured thing as the text names it.
    pub indicator: Option<String>,
    /// The period, or `None`.
    pub period: Option<Period>,
    /// The figure.
    pub quantity: Quantity,
    /// Set when the figure is itself a change.
    pub change: Option<Change>,
    /// A goal or plan rather than an outcome.
    pub target: bool,
    /// Byte span of the sentence the fact came from.
    pub sentence: (usize, usize),
}

/// Verbs and particles that stand between a subject and its figure and are not
/// part of the indicator's name.
const LINK_WORDS: &[&str] = &[
    "同比增长",
    "同比增速",
    "同比下降",
    "同比提高",
    "按可比价格计算",
    "分别为",
    "分别达",
    "分别",
    "均已",
    "均为",
    "均",
    "已经",
    "已",
    "实现",
    "达到",
    "达",
    "为",
    "是",
    "共",
    "完成",
    "保持",
    "有",
    "超过",
    "超",
    "突破",
    "约",
    "近",
    "累计",
    "仅为",
    "仅",
    "高达",
    "增长",
    "提高",
    "提升",
    "占比",
    "总量",
    "规模",
    "共计",
    "合计",
    "增加",
    "新增",
    "在",
    "至",
    "了",
    "的",
    "也",
    "都",
    "只需",
    "只有",
];

/// Words that make a figure a comparison between things, not a fact of one.
const COMPARISON_WORDS: &[&str] = &[
    "差距",
    "相差",
    "低于",
    "高于",
    "平均值",
    "平均水平",
    "相当于",
    "的单价",
    "单价",
];

/// Words that make a figure a goal.
const TARGET_WORDS: &[&str] = &[
    "力争",
    "预计",
    "目标",
    "计划",
    "争取",
    "规划",
    "有望",
    "将达",
    "将突破",
    "将实现",
    "将超",
    "将新增",
    "预期",
    "确保",
];

/// Change words: (word, direction), longest first where they overlap.
const CHANGE_WORDS: &[(&str, Direction)] = &[
    ("增长", Direction::Increase),
    ("增速", Direction::Increase),
    ("提高", Direction::Increase),
    ("提升", Direction::Increase),
    ("提拔", Direction::Increase),
    ("增加", Direction::Increase),
    ("上升", Direction::Increase),
    ("上涨", Direction::Increase),
    ("下降", Direction::Decrease),
    ("降低", Direction::Decrease),
    ("减少", Direction::Decrease),
    ("缩短", Direction::Decrease),
    ("下滑", Direction::Decrease),
    ("回落", Direction::Decrease),
    ("缩小", Direction::Decrease),
];

/// Builds the facts of a document from its quantities, regions and periods.
pub(crate) fn build(
    text: &str,
    date: Option<Date>,
    quantities: &[Quantity],
    regions: &[RegionMention],
    periods: &[PeriodMention],
) -> Vec<Fact> {
    let mut facts = Vec::new();
    let mut passage_year: Option<i32> = None;
    let mut qi = 0;
    let mut pi = 0;
    let mut sentence_start = 0;
    let _ = date;
    while sentence_start < text.len() && qi < quantities.len() {
        let sentence_end = sentence_end(text, sentence_start);
        // Periods seen before this sentence set the passage's year (for 全年).
        while let Some(p) = periods.get(pi) {
            if p.start >= sentence_start {
                break;
            }
            if let Some(per) = p.period.filter(|_| !p.basis) {
                passage_year = Some(per.year);
            }
            pi += 1;
        }
        let sent_periods: Vec<&PeriodMention> =
            periods.iter().skip(pi).take_while(|p| p.start < sentence_end).collect();
        while let Some(q) = quantities.get(qi) {
            if q.start >= sentence_end {
                break;
            }
            qi += 1;
            facts.extend(facts_for(
                text,
                q,
                (sentence_start, sentence_end),
                regions,
                &sent_periods,
                passage_year,
            ));
        }
        sentence_start = sentence_end;
    }
    facts
}

fn sentence_end(text: &str, start: usize) -> usize {
    let rest = text.get(start..).unwrap_or("");
    for (i, c) in rest.char_indices() {
        if matches!(c, '。' | '！' | '？' | '!' | '?' | '\n') {
            return start + i + c.len_utf8();
        }
    }
    text.len()
}

/// The start of the clause holding `at`: after the last ，,；; or the sentence start.
fn clause_start(text: &str, sentence: (usize, usize), at: usize) -> usize {
    let head = text.get(sentence.0..at).unwrap_or("");
    head.char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '，' | ',' | '；' | ';' | '：' | ':'))
        .map_or(sentence.0, |(i, c)| sentence.0 + i + c.len_utf8())
}

/// A region mention that names the scope of a rank or a total (位居杭州第一,
/// 占全区比重) rather than the subject.
fn is_scope(text: &str, m: &RegionMention) -> bool {
    let before: String = text
        .get(..m.start)
        .unwrap_or("")
        .chars()
        .rev()
        .take(2)
        .map(fold)
        .collect();
    before.starts_with('居') || before.starts_with('列') || before.starts_with('全') || before.starts_with("居位")
}

fn facts_for(
    text: &str,
    q: &Quantity,
    sentence: (usize, usize),
    regions: &[RegionMention],
    periods: &[&PeriodMention],
    passage_year: Option<i32>,
) -> Vec<Fact> {
    let clause0 = clause_start(text, sentence, q.start);
    let before_clause = Folded::new(text.get(clause0..q.start).unwrap_or(""), clause0);
    let sentence_before = Folded::new(text.get(sentence.0..q.start).unwrap_or(""), sentence.0);
    if COMPARISON_WORDS.iter().any(|w| before_clause.text.contains(w)) || before_clause.text.ends_with('的') {
        return Vec::new();
    }
    // Region: the nearest subject region before the figure in the sentence,
    // else the nearest before it in the document.
    let subject: Vec<&RegionMention> = regions
        .iter()
        .filter(|m| m.end <= q.start && !is_scope(text, m))
        .collect();
    let in_sentence: Vec<&RegionMention> = subject.iter().copied().filter(|m| m.start >= sentence.0).collect();
    let chosen: Vec<&RegionMention> = match in_sentence.last() {
        Some(last) => list_of(text, &in_sentence, last),
        None => subject.last().map(|m| vec![*m]).unwrap_or_default(),
    };
    let subject_end = in_sentence.last().map_or(clause0, |m| m.end.max(clause0));
    // Period.
    let mut period: Option<Period> = None;
    for p in periods.iter().filter(|p| p.end <= q.start && !p.basis) {
        period = p.period;
    }
    if period.is_none()
        && sentence_before.text.contains("全年")
        && !periods.iter().any(|p| p.end <= q.start && !p.basis)
    {
        period = passage_year.map(|year| Period { year, part: Part::Year });
    }
    // Indicator.
    let indicator = indicator_for(text, subject_end.max(sentence.0), q.start, &before_clause);
    let change = change_for(&before_clause.text);
    let target = TARGET_WORDS.iter().any(|w| sentence_before.text.contains(w));
    let make = |m: Option<&RegionMention>| Fact {
        region_code: m.and_then(|m| m.region.code.clone()),
        region: m.map(|m| crate::normalize::fold_str(text.get(m.start..m.end).unwrap_or(""))),
        indicator: indicator.clone(),
        period,
        quantity: q.clone(),
        change,
        target,
        sentence,
    };
    if chosen.is_empty() {
        vec![make(None)]
    } else {
        chosen.into_iter().map(|m| make(Some(m))).collect()
    }
}

/// The coordinated list that ends with `last` (`武进、吴江、宜兴、虎丘`).
fn list_of<'a>(text: &str, mentions: &[&'a RegionMention], last: &'a RegionMention) -> Vec<&'a RegionMention> {
    let mut out = vec![last];
    let mut cur = last;
    for m in mentions.iter().rev().skip(1) {
        let gap = text.get(m.end..cur.start).unwrap_or("x");
        if matches!(gap, "、" | "和" | "及" | "与" | ",") {
            out.push(m);
            cur = m;
        } else {
            break;
        }
    }
    out.reverse();
    out
}

/// The indicator measured by the figure at `q_start`: the nearest name of the
/// lexicon in the clause, else the clause's words between subject and figure.
fn indicator_for(text: &str, subject_end: usize, q_start: usize, clause: &Folded) -> Option<String> {
    if let Some(m) = indicator::find(&clause.text).last() {
        // Only a name that is the measured thing itself, not part of a longer one
        // that ends right before the figure.
        let tail = clause.text.get(m.end..).unwrap_or("");
        if strip_links(tail).is_empty() {
            return Some(m.canonical.to_string());
        }
    }
    let from = subject_end.max(clause.original(0));
    let words = crate::normalize::fold_str(text.get(from..q_start).unwrap_or(""));
    let name = strip_links(&words);
    let name = name.trim_matches(|c: char| c.is_whitespace() || "，,。、；;：:（）()“”\"".contains(c));
    if name.is_empty() {
        None
    } else {
        Some(indicator::canonical(name).map_or_else(|| name.to_string(), str::to_string))
    }
}

/// Removes link words (verbs, particles) from both ends of a phrase.
fn strip_links(s: &str) -> &str {
    let mut s = s.trim();
    loop {
        let before = s.len();
        for w in LINK_WORDS {
            if let Some(x) = s.strip_suffix(w) {
                s = x.trim_end();
            }
            if let Some(x) = s.strip_prefix(w) {
                s = x.trim_start();
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// The change written just before a figure: 同比增长, 较2019年提高, 下降 …
fn change_for(before: &str) -> Option<Change> {
    let mut s = before.trim_end();
    for w in ["了", "分别", "均", "约", "达", "近", "超过", "超"] {
        s = s.strip_suffix(w).unwrap_or(s).trim_end();
    }
    let (rest, direction) = CHANGE_WORDS
        .iter()
        .find_map(|(w, d)| s.strip_suffix(w).map(|r| (r, *d)))?;
    let rest = rest.trim_end();
    let rest = rest.strip_suffix("分别").unwrap_or(rest).trim_end();
    if rest.ends_with("同比") || rest.ends_with("比上年") || rest.ends_with("比去年") || rest.ends_with("比上年同期")
    {
        return Some(Change {
            direction,
            basis: Some(Basis::YearOnYear),
        });
    }
    // 较2019年, 比2017年, 与2019年相比
    for marker in ["较", "比"] {
        if let Some(i) = rest.rfind(marker) {
            let tail = rest.get(i + marker.len()..).unwrap_or("");
            let digits: String = tail.chars().take_while(char::is_ascii_digit).collect();
            if digits.len() == 4 && tail.get(4..).is_some_and(|t| t.starts_with('年')) {
                if let Ok(y) = digits.parse() {
                    return Some(Change {
                        direction,
                        basis: Some(Basis::Year(y)),
                    });
                }
            }
        }
    }
    Some(Change { direction, basis: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes() {
        let yoy = Some(Change {
            direction: Direction::Increase,
            basis: Some(Basis::YearOnYear),
        });
        assert_eq!(change_for("按可比价格计算同比增长"), yoy);
        assert_eq!(
            change_for("较2019年提高"),
            Some(Change {
                direction: Direction::Increase,
                basis: Some(Basis::Year(2019))
            })
        );
        assert_eq!(
            change_for("较2017年分别下降"),
            Some(Change {
                direction: Direction::Decrease,
                basis: Some(Basis::Year(2017))
            })
        );
        assert_eq!(
            change_for("不良率降低"),
            Some(Change {
                direction: Direction::Decrease,
                basis: None
            })
        );
        assert_eq!(change_for("提升至"), None);
        assert_eq!(change_for("产值达"), None);
    }
}
