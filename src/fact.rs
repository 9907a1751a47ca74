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
#[cfg(test)]
use crate::normalize::Terminators;
use crate::normalize::{fold, Cursor, Folded, FoldedView};
use crate::period::{Date, Part, Period, PeriodMention};
use crate::quantity::Quantity;
use crate::region::{Level, Region, RegionMention};
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
    #[cfg_attr(feature = "serde", serde(default))]
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
    /// Byte span of the sentence the fact came from (`(0, 0)` when read
    /// from JSON that does not carry it, such as the contract's gold).
    #[cfg_attr(feature = "serde", serde(default))]
    pub sentence: (usize, usize),
}

/// Verbs and particles that stand between a subject and its figure and are not
/// part of the indicator's name.
const LINK_WORDS: &[&str] = &[
    "同比增长",
    "同比增速",
    "同比下降",
    "同比提高",
    "同比减少",
    "按可比价格计算",
    "分别为",
    "分别达",
    "分别",
    "均已",
    "均为",
    "均",
    "已经",
    "已",
    "将",
    "预计",
    "力争",
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
    "增加",
    "上升",
    "上涨",
    "下降",
    "降低",
    "减少",
    "缩短",
    "下滑",
    "回落",
    "占比",
    "总量",
    "规模",
    "共计",
    "合计",
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
const COMPARISON_WORDS: &[&str] = &["低于", "高于", "高出", "低出", "平均值", "平均水平", "相当于", "相比"];

/// Words that make every later figure of the sentence a comparison: 差距, 相差.
const GAP_WORDS: &[&str] = &["差距", "相差"];

/// Words right after a figure that make it an illustration, not a fact of the
/// subject: 上百万元的单价.
const ILLUSTRATION_AFTER: &[&str] = &["的单价", "的价格", "的售价"];

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
    folded: &Folded,
    date: Option<Date>,
    quantities: &[Quantity],
    regions: &[RegionMention],
    periods: &[PeriodMention],
    ends: &[usize],
) -> Vec<Fact> {
    // The end of the sentence that starts at `start` (a sentence start is 0
    // or the end of the one before).
    let end_of = |start: usize| {
        ends.get(ends.partition_point(|&e| e <= start))
            .copied()
            .unwrap_or(text.len())
    };
    let mut facts = Vec::new();
    // A figure's subject stands before it: none after the last figure is asked for.
    let subjects = subjects(text, regions, quantities.last().map_or(0, |q| q.start));
    let mut passage_year: Option<i32> = None;
    // The period in force at the end of the previous sentence of the paragraph.
    let mut carried: Option<Period> = None;
    let mut qi = 0;
    let mut pi = 0;
    let mut sentence_start = 0;
    let _ = date;
    while sentence_start < text.len() && qi < quantities.len() {
        let sentence_end = end_of(sentence_start);
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
        let sent_periods = periods.get(pi..).unwrap_or(&[]);
        let sent_periods = sent_periods
            .get(..sent_periods.partition_point(|p| p.start < sentence_end))
            .unwrap_or(&[]);
        let mut pstate = PeriodState::new(carried);
        let mut marks: Option<Marks> = None;
        while let Some(q) = quantities.get(qi) {
            if q.start >= sentence_end {
                break;
            }
            qi += 1;
            // A figure listed right after one that is not a fact is not one either
            // (为吴江、武进、虎丘的32.1%、38.2%和43.1%).
            let listed = qi >= 2
                && quantities.get(qi - 2).is_some_and(|p| {
                    let gap = text.get(p.end..q.start).unwrap_or("x").trim();
                    matches!(gap, "、" | "和" | "及" | "与" | "," | "，")
                        && facts.last().map_or(true, |f: &Fact| f.quantity.start != p.start)
                });
            if listed && !q.text.is_empty() {
                continue;
            }
            let previous = facts
                .last()
                .filter(|f: &&Fact| f.sentence.0 == sentence_start)
                .and_then(|f| f.indicator.clone());
            let list_index = respective_index(text, folded, quantities, qi - 1, sentence_start);
            let previous_change = facts
                .last()
                .filter(|f: &&Fact| f.sentence.0 == sentence_start)
                .and_then(|f| f.change);
            let previous_end = quantities
                .get(qi.wrapping_sub(2))
                .map(|p| p.end)
                .filter(|&e| e >= sentence_start);
            // Marks are asked about only before a figure of the sentence: the
            // text after its last figure is not searched.
            let marks = marks.get_or_insert_with(|| {
                let last = quantities.partition_point(|p| p.start < sentence_end);
                let reach = quantities.get(last.wrapping_sub(1)).map_or(sentence_end, |p| p.start);
                Marks::new(&folded.view(sentence_start, reach.max(sentence_start)))
            });
            let ctx = Context {
                marks,
                previous_change,
                previous_end,
                previous,
                list_index,
                sentence: (sentence_start, sentence_end),
                period: pstate.at(text, sent_periods, q.start),
                passage_year,
            };
            facts_for(text, folded, q, &subjects, &ctx, &mut facts);
        }
        carried = pstate.at(text, sent_periods, sentence_end);
        if text.get(..sentence_end).is_some_and(|s| s.ends_with('\n')) {
            carried = None;
        }
        // A new sentence keeps the period only if it refers back (其中, 于是 …)
        // or does not name a new subject before its first figure.
        let next = sentence_end;
        let next_end = end_of(next);
        if carried.is_some() && !refers_back(text, next) {
            let first_q = quantities.get(qi).map_or(next_end, |q| q.start.min(next_end));
            let from = subjects.list.partition_point(|s| s.start < next);
            if subjects.list.get(from).is_some_and(|s| s.end <= first_q) {
                carried = None;
            }
        }
        sentence_start = sentence_end;
    }
    facts
}

/// Byte offsets just past each sentence end of `text` (。！？!? and a line
/// break; a clause after ； still shares its subject), in order: found once
/// per document for the facts and the policies.
///
/// Found by `memchr` rather than by a byte table of the ends: the ASCII
/// ends by one search, 。！？ by another for their lead bytes (E3, EF: the
/// CJK and full-width punctuation, a few characters in a hundred), each hit
/// checked against the two bytes after it. (Their last bytes, 82, 81 and
/// 9F, end one Han character in twenty: three times the hits.) A test
/// compares this with a byte table.
pub(crate) fn sentence_ends(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let wide = memchr::memchr2_iter(0xE3, 0xEF, bytes).filter_map(|i| {
        let end = matches!(
            bytes.get(i..i + 3),
            Some([0xE3, 0x80, 0x82] | [0xEF, 0xBC, 0x81] | [0xEF, 0xBC, 0x9F])
        );
        end.then_some(i + 3)
    });
    let ascii = memchr::memchr3_iter(b'\n', b'!', b'?', bytes).map(|i| i + 1);
    let mut ends: Vec<usize> = wide.chain(ascii).collect();
    // Two sorted runs: the stable sort merges them in one pass.
    ends.sort();
    ends
}

/// The start of the clause holding `at`: after the last ，,；;：: or `from`,
/// the start of the figure's context window ([`window_start`]).
fn clause_start(text: &str, from: usize, at: usize) -> usize {
    let head = text.get(from..at).unwrap_or("");
    head.char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '，' | ',' | '；' | ';' | '：' | ':'))
        .map_or(from, |(i, c)| from + i + c.len_utf8())
}

/// How far back from a figure its context is read, in bytes (about 100 Han
/// characters). Bounding it keeps a document with a huge unpunctuated line
/// linear: each figure looks at a window, never at the whole line.
const WINDOW: usize = 300;

/// The start of the context window for a figure at `at`: `WINDOW` bytes back,
/// not before `lo`, on a character boundary.
fn window_start(text: &str, lo: usize, at: usize) -> usize {
    let mut from = at.saturating_sub(WINDOW).max(lo);
    while from < at && !text.is_char_boundary(from) {
        from += 1;
    }
    from
}

/// A region mention that names the scope of a rank or a total (位居杭州第一,
/// 占全区比重) rather than the subject.
fn is_scope(text: &str, m: &RegionMention) -> bool {
    let before = text.get(..m.start).and_then(|h| h.chars().next_back()).map(fold);
    matches!(before, Some('居' | '列' | '全'))
}

/// The position of quantity `i` in the list of figures that follows the last
/// 分别 of its sentence (分别居五地第3、第1: 0 and 1).
fn respective_index(
    text: &str,
    folded: &Folded,
    quantities: &[Quantity],
    i: usize,
    sentence_start: usize,
) -> Option<usize> {
    let q = quantities.get(i)?;
    let from = window_start(text, sentence_start, q.start);
    let raw = text.get(from..q.start)?;
    // 分 is the same in both scripts: no 分, no 分别 (and nothing to fold).
    if !raw.contains('分') {
        return None;
    }
    let head = folded.view(from, q.start);
    let at = head.original(head.text.rfind("分别")?);
    let first = quantities.partition_point(|p| p.start < at);
    Some(i.saturating_sub(first))
}

/// What a sentence brings to the facts of its figures.
struct Context<'m> {
    sentence: (usize, usize),
    /// The qualifying words of the sentence.
    marks: &'m Marks,
    /// The period in force at the figure.
    period: Option<Period>,
    passage_year: Option<i32>,
    /// The indicator of the figure before this one in the sentence.
    previous: Option<String>,
    /// The position of this figure in a list after 分别.
    list_index: Option<usize>,
    /// The end of the figure before this one in the sentence.
    previous_end: Option<usize>,
    /// The change of the figure before this one in the sentence.
    previous_change: Option<Change>,
}

/// The period in force as a sentence is read left to right: the carried one,
/// updated by each period mention before the figure. 累计 does not undo a 截至
/// point (截至去年底…累计使用近千次), and `从2021年82.6%提升至87.9%` leaves the
/// figure after 至 without the year. Each mention is applied once, so a
/// sentence costs time linear in its length.
#[derive(Debug, Clone, Copy)]
struct PeriodState {
    state: Option<Period>,
    /// The last period applied was written after 从.
    from_point: bool,
    /// End of the last mention applied.
    last_end: Option<usize>,
    next: usize,
}

impl PeriodState {
    fn new(carried: Option<Period>) -> Self {
        PeriodState {
            state: carried,
            from_point: false,
            last_end: None,
            next: 0,
        }
    }

    /// Applies the mentions that end before `at` and returns the period there.
    fn at(&mut self, text: &str, mentions: &[PeriodMention], at: usize) -> Option<Period> {
        while let Some(m) = mentions.get(self.next) {
            if m.end > at {
                break;
            }
            self.next += 1;
            if m.basis {
                continue;
            }
            self.last_end = Some(m.end);
            match m.period {
                Some(p) => {
                    self.state = Some(p);
                    self.from_point = text.get(..m.start).and_then(|h| h.chars().next_back()).map(fold) == Some('从');
                }
                None => {
                    let word = text.get(m.start..m.end).unwrap_or("");
                    let keeps = word == "累计"
                        && matches!(
                            self.state,
                            Some(Period {
                                part: Part::EndOf(_),
                                ..
                            })
                        );
                    if !keeps {
                        self.state = None;
                    }
                }
            }
        }
        if self.from_point {
            if let Some(last) = self.last_end {
                let from = window_start(text, last, at);
                let between = crate::normalize::fold_str(text.get(from..at).unwrap_or(""));
                if ["至", "到"].iter().any(|w| between.contains(w)) {
                    return None;
                }
            }
        }
        self.state
    }
}

/// Where the words that qualify a sentence's figures stand in it (folded
/// offsets): found once per sentence, so each figure asks about the part
/// before it in logarithmic time instead of searching it word by word.
#[derive(Debug, Default)]
struct Marks {
    /// [`COMPARISON_WORDS`].
    comparison: Hits,
    /// [`GAP_WORDS`].
    gap: Hits,
    /// [`TARGET_WORDS`].
    target: Hits,
    /// 全年.
    whole_year: Hits,
    /// The ends of ；and ; (which end a part of the sentence).
    part_ends: Vec<usize>,
}

/// Occurrences of a set of words, sorted by start, with the least end of
/// those from each one on: "is one inside `a..b`" is one search.
#[derive(Debug, Default)]
struct Hits {
    starts: Vec<usize>,
    least_end: Vec<usize>,
}

impl Hits {
    /// The occurrences `(start, end)`, in any order.
    fn new(mut found: Vec<(usize, usize)>) -> Hits {
        found.sort_unstable();
        let starts = found.iter().map(|&(s, _)| s).collect();
        let mut least_end: Vec<usize> = found.iter().map(|&(_, e)| e).collect();
        let mut least = usize::MAX;
        for e in least_end.iter_mut().rev() {
            least = least.min(*e);
            *e = least;
        }
        Hits { starts, least_end }
    }

    /// True if an occurrence lies wholly inside the range.
    fn within(&self, (a, b): (usize, usize)) -> bool {
        let k = self.starts.partition_point(|&s| s < a);
        self.least_end.get(k).is_some_and(|&e| e <= b)
    }
}

/// What [`Marks`] looks for, in one automaton (overlapping matches: each
/// word is found wherever it occurs, as a search word by word would).
static MARK_WORDS: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> = std::sync::LazyLock::new(|| {
    let words = COMPARISON_WORDS
        .iter()
        .chain(GAP_WORDS)
        .chain(TARGET_WORDS)
        .chain(&["全年", "；", ";"]);
    aho_corasick::AhoCorasick::new(words).ok()
});

impl Marks {
    /// The marks of the folded piece `sentence`.
    fn new(sentence: &FoldedView<'_>) -> Marks {
        let Some(ac) = MARK_WORDS.as_ref() else {
            return Marks::default();
        };
        let (base, _) = sentence.range();
        let (c, g, t) = (COMPARISON_WORDS.len(), GAP_WORDS.len(), TARGET_WORDS.len());
        let (mut comparison, mut gap, mut target, mut whole_year) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut part_ends = Vec::new();
        for m in ac.find_overlapping_iter(sentence.text) {
            let hit = (base + m.start(), base + m.end());
            match m.pattern().as_usize() {
                i if i < c => comparison.push(hit),
                i if i < c + g => gap.push(hit),
                i if i < c + g + t => target.push(hit),
                i if i == c + g + t => whole_year.push(hit),
                _ => part_ends.push(hit.1),
            }
        }
        Marks {
            comparison: Hits::new(comparison),
            gap: Hits::new(gap),
            target: Hits::new(target),
            whole_year: Hits::new(whole_year),
            part_ends,
        }
    }

    /// The last part (after the last ；) of the folded range `a..b`.
    fn part(&self, (a, b): (usize, usize)) -> (usize, usize) {
        let k = self.part_ends.partition_point(|&e| e <= b);
        let last = k.checked_sub(1).and_then(|k| self.part_ends.get(k)).copied();
        (last.filter(|&e| e > a).unwrap_or(a), b)
    }
}

/// Appends the facts of figure `q` (one a subject, or one with none) to `out`.
fn facts_for(
    text: &str,
    folded: &Folded,
    q: &Quantity,
    subjects: &Subjects<'_>,
    ctx: &Context<'_>,
    out: &mut Vec<Fact>,
) {
    let sentence = ctx.sentence;
    // A clause starts after ，；： or after the figure before it (新增企业1.5万家、总量达到8.2万家).
    let context0 = window_start(text, sentence.0, q.start);
    let full_clause = clause_start(text, context0, q.start);
    let clause0 = full_clause.max(ctx.previous_end.unwrap_or(0));
    let before_clause = folded.view(clause0, q.start);
    let sentence_before = folded.view(context0, q.start);
    if !has_fact(text, q, ctx.marks, &before_clause, &sentence_before) {
        return;
    }
    // Subject: the nearest one before the figure in the sentence, else the
    // nearest specific one (county, town, zone, enterprise) before the sentence.
    let rank = q.unit.is_some_and(|u| u.code() == "rank");
    let list = &subjects.list;
    // Subjects that end before the figure, within its window of the sentence.
    let hi = list.partition_point(|s| s.start < q.start);
    let lo = list.partition_point(|s| s.start < context0);
    let near = || list.get(lo..hi).unwrap_or(&[]).iter().filter(|s| s.end <= q.start);
    // The first of them that is not an area (the list is sorted by start).
    let first_named = near().find(|o| !o.is_area()).map(|o| o.start);
    let in_sentence: Vec<&Subject<'_>> = near()
        // 全国 is the scope of a rank, and not the subject after a named region.
        .filter(|s| !(s.is_area() && (rank || first_named.is_some_and(|f| f < s.start))))
        .collect();
    let specific = subjects.before(list.partition_point(|s| s.start < sentence.0));
    let chosen: Vec<&Subject<'_>> = match in_sentence.last() {
        // A province or city that contains the region being written about does
        // not change the subject (钱塘区 … 浙江工商大学等14所).
        Some(last) if specific.is_some_and(|s| s.within(last)) => specific.into_iter().collect(),
        Some(last) => list_of(text, &in_sentence, last),
        None => specific.into_iter().collect(),
    };
    let subject_end = in_sentence.last().map_or(clause0, |m| m.end.max(clause0));
    // Period.
    let mut period = ctx.period;
    if period.is_none() && ctx.marks.whole_year.within(sentence_before.range()) {
        period = ctx.passage_year.map(|year| Period { year, part: Part::Year });
    }
    // Indicator.
    let indicator = indicator_for(folded, subject_end.max(sentence.0), q, &before_clause, ctx);
    // The change word stands right before the figure; its basis may be further
    // back in the clause (较2019年(149家)提高近100家). A figure listed after a
    // change shares it (分别下降0.12/家、0.05亿元/家).
    let change = if matches!(before_clause.text.trim(), "、" | "和" | "及" | "与") {
        ctx.previous_change
    } else {
        change_for(folded.view(full_clause, q.start).text)
    };
    let target = ctx.marks.target.within(sentence_before.range());
    let make = |s: Option<&Region>| Fact {
        region_code: s.and_then(|r| r.code.clone()),
        region: s.map(|r| r.name.clone()),
        indicator: indicator.clone(),
        period,
        quantity: q.clone(),
        change,
        target,
        sentence,
    };
    if chosen.is_empty() {
        out.push(make(None));
    } else {
        out.extend(chosen.into_iter().map(|s| make(s.region)));
    }
}

/// False for figures that are not a fact of their subject: comparisons
/// (为吴江的32.1%, 相差459.9亿元, 较溧阳还高出), illustrations (上百万元的单价), and
/// counts written in Chinese numerals, which count listed items (五个研究所,
/// 两个优势产业) rather than report a figure.
fn has_fact(text: &str, q: &Quantity, marks: &Marks, clause: &FoldedView<'_>, sentence: &FoldedView<'_>) -> bool {
    if marks.comparison.within(clause.range()) || clause.text.ends_with('的') {
        return false;
    }
    // 相差 and 差距 govern the rest of their part of the sentence (up to ；).
    if marks.gap.within(marks.part(sentence.range())) {
        return false;
    }
    let after = Cursor::new(text, q.end);
    if ILLUSTRATION_AFTER.iter().any(|w| after.clone().eat(w)) {
        return false;
    }
    let counted = q
        .unit
        .is_some_and(|u| u.per().is_none() && crate::unit::kind_of(u.code()) == Some(crate::unit::Kind::Count));
    let chinese_digits = !q.text.chars().any(|c| fold(c).is_ascii_digit()) && q.qualifier == crate::Qualifier::Exact;
    !(counted && chinese_digits)
}

/// Who a figure is about: a region, or an enterprise (no region).
#[derive(Debug, Clone, Copy)]
struct Subject<'a> {
    start: usize,
    end: usize,
    region: Option<&'a Region>,
}

impl Subject<'_> {
    fn is_area(&self) -> bool {
        self.region.is_some_and(|r| r.level == Level::Area)
    }

    /// A county, town, zone or enterprise: what an article is about.
    fn is_specific(&self) -> bool {
        self.region
            .map_or(true, |r| matches!(r.level, Level::County | Level::Town | Level::Zone))
    }

    /// True if `outer` is a province or prefecture containing this subject.
    fn within(&self, outer: &Subject<'_>) -> bool {
        match (outer.region, self.region) {
            (Some(o), Some(i)) => contains(o, i),
            _ => false,
        }
    }
}

/// Words that end an enterprise's name: the name is the run of characters before.
const ENTERPRISE_SUFFIXES: &[&str] = &["有限公司", "股份公司", "集团", "基地"];

/// Bytes past a position within which the suffix of an enterprise's name
/// that starts there ends: ten characters of the name and the longest
/// suffix, at four bytes a character at most.
const ENTERPRISE_REACH: usize = 4 * 10 + 12;

/// One substring searcher per suffix (SIMD `memmem`): four patterns over a
/// whole document, where an automaton's byte-at-a-time loop was slower.
static ENTERPRISE_FINDERS: std::sync::LazyLock<Vec<memchr::memmem::Finder<'static>>> =
    std::sync::LazyLock::new(|| ENTERPRISE_SUFFIXES.iter().map(memchr::memmem::Finder::new).collect());

/// Words that end the name of an organisation; a region named at its start is
/// part of the name (浙江大学, 杭州创新研究院), not a subject.
const ORG_SUFFIXES: &[&str] = &[
    "大学",
    "学院",
    "研究院",
    "研究所",
    "实验室",
    "中心",
    "医院",
    "银行",
    "学校",
    "中学",
    "小学",
    "协会",
    "商会",
    "日报",
    "电视台",
    "公司",
    "集团",
    "基地",
    "工厂",
    "办公室",
    "委员会",
    "法院",
    "检察院",
];

/// The particles and verbs that cannot stand inside a name: a name's run of
/// characters ends before one.
const NAME_STOPS: &[char] = &[
    '的', '在', '和', '与', '及', '、', '是', '为', '将', '从', '对', '把', '被',
];

/// The run of name characters at `end` (at most 10, folded): Han characters
/// up to a particle or verb that cannot stand inside a name.
fn name_run(text: &str, end: usize) -> impl Iterator<Item = char> + '_ {
    text.get(end..)
        .unwrap_or("")
        .chars()
        .take(10)
        .take_while(|c| crate::normalize::is_han(*c) && !crate::normalize::is_one_of(*c, NAME_STOPS))
        .map(fold)
}

/// True if the region mention ending at `end` begins an organisation's name:
/// the run of name characters after it ends with one of [`ORG_SUFFIXES`].
fn starts_org_name(text: &str, end: usize) -> bool {
    // The run in a buffer on the stack.
    let mut buf = [0u8; 40];
    let mut len = 0;
    for c in name_run(text, end) {
        let Some(slot) = buf.get_mut(len..len + c.len_utf8()) else {
            break;
        };
        len += c.encode_utf8(slot).len();
    }
    let run = buf.get(..len).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("");
    // Some prefix of the run ends with a suffix: the suffix is in the run,
    // starting at one of its (at most ten) characters.
    run.char_indices()
        .any(|(i, _)| run.get(i..).is_some_and(|r| ORG_SUFFIX_SET.longest_prefix(r).is_some()))
}

/// [`ORG_SUFFIXES`] by first character: each character of a run is one
/// lookup (an automaton's search, with its prefilter, cost ten times more
/// on runs this short).
static ORG_SUFFIX_SET: std::sync::LazyLock<crate::normalize::WordSet<()>> =
    std::sync::LazyLock::new(|| crate::normalize::WordSet::of(ORG_SUFFIXES));

/// Words that make a region mention part of a title (新吴区委书记, 海宁市长).
const TITLE_AFTER: &[&str] = &[
    "委书记",
    "委",
    "党工委",
    "书记",
    "市长",
    "县长",
    "区长",
    "政府",
    "管委会",
    "人大",
    "政协",
];

/// [`TITLE_AFTER`] by first character: most mentions are followed by a
/// character no title word begins with, answered by one lookup.
static TITLE_WORDS: std::sync::LazyLock<crate::normalize::WordSet<()>> =
    std::sync::LazyLock::new(|| crate::normalize::WordSet::of(TITLE_AFTER));

/// The subjects of a text that start before `before`: its region mentions
/// that are subjects (not the scope of a rank, not part of a title or of an
/// enterprise's name), and its enterprises.
fn subjects<'a>(text: &str, regions: &'a [RegionMention], before: usize) -> Subjects<'a> {
    let mut out: Vec<Subject<'a>> = Vec::new();
    let mut enterprises: Vec<(usize, usize)> = Vec::new();
    // Every occurrence of every suffix, suffix by suffix (none overlaps
    // itself), up to where no name that starts before `before` (ten
    // characters at most) can end.
    let reach = text.len().min(before.saturating_add(ENTERPRISE_REACH));
    let haystack = text.as_bytes().get(..reach).unwrap_or(&[]);
    let found = ENTERPRISE_FINDERS
        .iter()
        .flat_map(|f| f.find_iter(haystack).map(move |i| (i, f.needle().len())));
    for (i, len) in found {
        let head = text.get(..i).unwrap_or("");
        let start = head
            .char_indices()
            .rev()
            .take(10)
            .take_while(|(_, c)| crate::normalize::is_han(*c) || c.is_ascii_alphanumeric() || *c == '(' || *c == ')')
            .take_while(|(_, c)| !crate::normalize::is_one_of(*c, NAME_STOPS))
            .last()
            .map_or(i, |(j, _)| j);
        if i - start >= 6 && start < before {
            enterprises.push((start, i + len));
        }
    }
    // Is a span inside an enterprise's name? The enterprises by start (a
    // stable sort: the subjects are sorted by start below, stably, so this
    // changes no order there), with the furthest end of those up to each:
    // one search per region.
    enterprises.sort_by_key(|e| e.0);
    let reach: Vec<usize> = enterprises
        .iter()
        .scan(0, |far, &(_, b)| {
            *far = b.max(*far);
            Some(*far)
        })
        .collect();
    let in_enterprise = |start: usize, end: usize| {
        let n = enterprises.partition_point(|&(a, _)| a <= start);
        reach.get(n.wrapping_sub(1)).is_some_and(|&far| far >= end)
    };
    let regions = regions
        .get(..regions.partition_point(|m| m.start < before))
        .unwrap_or(&[]);
    for m in regions {
        if is_scope(text, m) {
            continue;
        }
        if TITLE_WORDS.starts(&Cursor::new(text, m.end)) {
            continue;
        }
        if in_enterprise(m.start, m.end) || starts_org_name(text, m.end) {
            continue;
        }
        out.push(Subject {
            start: m.start,
            end: m.end,
            region: Some(&m.region),
        });
    }
    out.extend(enterprises.iter().map(|&(start, end)| Subject {
        start,
        end,
        region: None,
    }));
    out.sort_by_key(|s| s.start);
    Subjects::new(out)
}

/// The subjects of a document in order, with, for each position, the last
/// specific subject (county, town, zone, enterprise) and the last one that is
/// not an area at or before it, so a figure finds its fallback subject in
/// constant time.
struct Subjects<'a> {
    list: Vec<Subject<'a>>,
    last_specific: Vec<Option<usize>>,
    last_known: Vec<Option<usize>>,
}

impl<'a> Subjects<'a> {
    fn new(list: Vec<Subject<'a>>) -> Self {
        let (mut spec, mut known) = (None, None);
        let mut last_specific = Vec::with_capacity(list.len());
        let mut last_known = Vec::with_capacity(list.len());
        for (i, s) in list.iter().enumerate() {
            if s.is_specific() {
                spec = Some(i);
            }
            if !s.is_area() {
                known = Some(i);
            }
            last_specific.push(spec);
            last_known.push(known);
        }
        Subjects {
            list,
            last_specific,
            last_known,
        }
    }

    /// The fallback subject among the first `n`: the last specific one, else
    /// the last one that is not an area.
    fn before(&self, n: usize) -> Option<&Subject<'a>> {
        let i = n.checked_sub(1)?;
        let pick = self
            .last_specific
            .get(i)
            .copied()
            .flatten()
            .or(self.last_known.get(i).copied().flatten())?;
        self.list.get(pick)
    }
}

/// Connectives that make a sentence continue the one before: 其中, 于是 …
fn refers_back(text: &str, at: usize) -> bool {
    // The first four characters as written, read folded (a cursor over them
    // reads what `fold_str` of them would hold), past leading white space.
    let rest = text.get(at..).unwrap_or("");
    let four = rest.char_indices().nth(4).map_or(rest.len(), |(i, _)| i);
    let mut head = Cursor::new(rest.get(..four).unwrap_or(""), 0);
    while head.peek().is_some_and(char::is_whitespace) {
        head.next();
    }
    REFERRING_WORDS.starts(&head)
}

/// The connectives of [`refers_back`], by first character.
static REFERRING_WORDS: std::sync::LazyLock<crate::normalize::WordSet<()>> = std::sync::LazyLock::new(|| {
    crate::normalize::WordSet::of(&[
        "其中", "于是", "同时", "此外", "另外", "并且", "其", "这", "该", "比如", "例如", "全年",
    ])
});

/// True if `outer` is a province or prefecture that contains `inner`.
fn contains(outer: &Region, inner: &Region) -> bool {
    let (Some(o), Some(i)) = (outer.code.as_deref(), inner.code.as_deref().or(inner.parent.as_deref())) else {
        return false;
    };
    match outer.level {
        Level::Province => o.get(..2) == i.get(..2) && o != i,
        Level::Prefecture => o.get(..4) == i.get(..4) && o != i,
        _ => false,
    }
}

/// The coordinated list that ends with `last` (`武进、吴江、宜兴、虎丘`).
fn list_of<'a, 'b>(text: &str, mentions: &[&'b Subject<'a>], last: &'b Subject<'a>) -> Vec<&'b Subject<'a>> {
    let mut out = vec![last];
    let mut cur = last;
    for m in mentions.iter().rev().skip(1) {
        let gap = crate::normalize::fold_str(text.get(m.end..cur.start).unwrap_or("x"));
        // 武进、吴江 or 溧阳的动力电池、宜兴的电线电缆: a separator, maybe after 的 + a noun.
        let sep = gap.strip_prefix('的').map_or(gap.as_str(), |g| {
            g.trim_start_matches(|c: char| {
                crate::normalize::is_han(c) && !crate::normalize::is_one_of(c, &['、', '和', '及', '与'])
            })
        });
        if matches!(sep, "、" | "和" | "及" | "与" | ",") && gap.chars().count() <= 12 {
            out.push(m);
            cur = m;
        } else {
            break;
        }
    }
    out.reverse();
    out
}

/// Words that end a measured thing's name without changing it: 国高企数量,
/// 人均GDP(常住).
const NAME_TAILS: &[&str] = &["数量", "总数", "总量", "规模", "数"];

/// Words that introduce the scope of a rank: what follows is not the indicator.
const RANK_SCOPE: &[&str] = &["位居", "位列", "排名", "居", "列"];

/// The indicator measured by the figure at `q_start`: the nearest name of the
/// lexicon in the clause, else the clause's words between subject and figure,
/// else (ranks, changes: 居五地第2, 同比增长4%) the indicator of the figure
/// before it in the sentence, else what the unit implies (平方公里 → 面积).
fn indicator_for(
    folded: &Folded,
    subject_end: usize,
    q: &Quantity,
    clause: &FoldedView<'_>,
    ctx: &Context,
) -> Option<String> {
    let from = subject_end.max(clause.original(0));
    let words = folded.view(from, q.start).text;
    // 城镇、农村居民人均可支配收入分别居五地第3、第1: the i-th name for the i-th figure.
    if let Some(name) = respective_name(words, ctx.list_index) {
        return Some(name);
    }
    if let Some(m) = indicator::mentions(clause.text).last() {
        // Only a name that is the measured thing itself, not part of a longer one
        // that ends right before the figure, and one whose kind of figure fits
        // the unit (a share is never in 亿元).
        let tail = clean_tail(clause.text.get(m.end..).unwrap_or(""));
        let fits = q
            .unit
            .map_or(true, |u| indicator::accepts(indicator::expects(m.canonical), &u));
        if tail.is_empty() && fits {
            return Some(m.canonical.to_string());
        }
    }
    // 每万人高价值发明专利20.52件: a per-capita figure names what it counts.
    if q.text.starts_with('每') || q.text.starts_with('毎') {
        let own = crate::normalize::fold_str(&q.text);
        let own = own.split(|c: char| c.is_ascii_digit()).next().unwrap_or("");
        if let Some(c) = canonical_or_completed(own) {
            return Some(c);
        }
    }
    let mut name = strip_links(words);
    // Every scope word has 居, 列 or 排.
    let scoped = name.contains(['居', '列', '排']);
    for w in RANK_SCOPE.iter().filter(|_| scoped) {
        // 居五地第2, but not the 居 of 居民.
        if let Some(i) = name
            .match_indices(w)
            .map(|(i, _)| i)
            .find(|&i| !name.get(i..).is_some_and(|r| r.starts_with("居民")))
        {
            name = strip_links(name.get(..i).unwrap_or(""));
        }
    }
    let name =
        clean_tail(name).trim_matches(|c: char| c.is_whitespace() || crate::normalize::is_one_of(c, TAIL_PUNCTUATION));
    let junk = name.chars().count() < 2 || name.chars().any(|c| c.is_ascii_digit());
    if junk {
        if let Some(prev) = &ctx.previous {
            return Some(prev.clone());
        }
        let area = q
            .unit
            .is_some_and(|u| u.per().is_none() && matches!(u.code(), "km2" | "m2" | "mu" | "ha"));
        return area.then(|| "面积".to_string());
    }
    Some(canonical_or_completed(name).unwrap_or_else(|| name.to_string()))
}

/// The punctuation trimmed from the ends of a name.
const TAIL_PUNCTUATION: &[char] = &[
    '，', ',', '。', '、', '；', ';', '：', ':', '（', '）', '(', ')', '“', '”', '"',
];

/// Removes what may follow a name without changing it: link words, 数量,
/// a parenthesised note.
fn clean_tail(s: &str) -> &str {
    // `strip_links` returns a text it leaves alone: it is asked again only
    // after something else was cut.
    let mut s = strip_links(s);
    loop {
        let before = s.len();
        if s.ends_with(')') || s.ends_with('）') {
            if let Some(i) = s.rfind(['(', '（']) {
                s = s.get(..i).unwrap_or("");
            }
        }
        for t in NAME_TAILS {
            if s.len() > t.len() || s == *t {
                s = s.strip_suffix(t).unwrap_or(s);
            }
        }
        if s.len() != before {
            s = strip_links(s);
        }
        let linked = s.len();
        // 较2017年, 比上年, 同比: the basis of a change, not part of the name.
        for basis in ["同比", "比上年", "较上年", "比去年", "较去年"] {
            s = s.strip_suffix(basis).unwrap_or(s);
        }
        if let Some(i) = s.rfind(['较', '比']) {
            let tail = s.get(i..).unwrap_or("");
            if tail.ends_with('年') && tail.chars().filter(char::is_ascii_digit).count() == 4 {
                s = s.get(..i).unwrap_or(s);
            }
        }
        if s.len() != linked {
            s = strip_links(s);
        }
        if s.len() == before {
            return s;
        }
    }
}

/// The canonical name for `name`, or for the one canonical name it begins
/// (每万人高价值发明专利 → 每万人高价值发明专利拥有量).
fn canonical_or_completed(name: &str) -> Option<String> {
    if let Some(c) = indicator::canonical_folded(name) {
        return Some(c.to_string());
    }
    if name.chars().count() < 4 {
        return None;
    }
    indicator::completed(name).map(str::to_string)
}

/// For the `index`-th figure after 分别, the `index`-th of the names listed
/// before 分别, completed from its neighbours where the text shares a part
/// (城镇、农村居民人均可支配收入 → 城镇居民人均可支配收入; 规上工业利润率、增加值率 →
/// 规上工业增加值率).
fn respective_name(words: &str, index: Option<usize>) -> Option<String> {
    let index = index?;
    let head = words.split("分别").next().filter(|_| words.contains("分别"))?;
    let items: Vec<&str> = head
        .split(['、', '和', '及'])
        .map(strip_links)
        .filter(|s| !s.is_empty())
        .collect();
    if items.len() < 2 {
        return None;
    }
    let item = *items.get(index)?;
    let first = items.first().copied().unwrap_or("");
    let last = items.last().copied().unwrap_or("");
    let known = |s: &str| indicator::canonical_folded(s).map(str::to_string);
    if let Some(c) = known(item) {
        return Some(c);
    }
    // A short item shares the tail of the last one, or the head of the first one.
    let chars: Vec<(usize, char)> = last.char_indices().collect();
    for &(i, _) in chars.iter().skip(1) {
        if let Some(c) = known(&format!("{item}{}", last.get(i..).unwrap_or(""))) {
            return Some(c);
        }
    }
    for (i, _) in first.char_indices().skip(1) {
        if let Some(c) = known(&format!("{}{item}", first.get(..i).unwrap_or(""))) {
            return Some(c);
        }
    }
    Some(item.to_string())
}

/// Removes link words (verbs, particles) from both ends of a phrase.
fn strip_links(s: &str) -> &str {
    let ends = &*LINK_ENDS;
    let mut s = s.trim();
    loop {
        let before = s.len();
        // The words in list order, skipping to the next one whose last (first)
        // character is the phrase's: most words fail there, untouched.
        let mut i = 0;
        while i < LINK_WORDS.len() {
            let (first, last) = (s.chars().next(), s.chars().next_back());
            let next = (ends.ending(last) | ends.starting(first)) & (u128::MAX << i);
            if next == 0 {
                break;
            }
            i = next.trailing_zeros() as usize;
            let Some(&w) = LINK_WORDS.get(i) else { break };
            if let Some(x) = s.strip_suffix(w) {
                s = x.trim_end();
            }
            if let Some(x) = s.strip_prefix(w) {
                s = x.trim_start();
            }
            i += 1;
        }
        if s.len() == before {
            return s;
        }
    }
}

/// For each character that ends (begins) a word of [`LINK_WORDS`], the set of
/// those words, as bits by position in the list.
struct LinkEnds {
    by_last: CharMasks,
    by_first: CharMasks,
}

impl LinkEnds {
    fn ending(&self, c: Option<char>) -> u128 {
        c.map_or(0, |c| self.by_last.get(c))
    }

    fn starting(&self, c: Option<char>) -> u128 {
        c.map_or(0, |c| self.by_first.get(c))
    }
}

/// A small map from characters to masks: open addressing over 128 slots
/// (a few dozen characters each), a multiply and a compare per lookup.
struct CharMasks {
    slots: Vec<(u32, u128)>,
}

impl CharMasks {
    const EMPTY: u32 = u32::MAX;
    const SIZE: usize = 128;

    /// The home slot of `c`: the hash of the word sets' tables
    /// ([`crate::normalize::slot_of`]), 128 slots.
    fn slot(c: char) -> usize {
        crate::normalize::slot_of(c, 32 - Self::SIZE.trailing_zeros())
    }

    fn new() -> Self {
        CharMasks {
            slots: vec![(Self::EMPTY, 0); Self::SIZE],
        }
    }

    /// Adds `bit` to the mask of `c` (at most `SIZE - 1` characters).
    fn add(&mut self, c: char, bit: u128) {
        let mut i = Self::slot(c);
        while let Some(e) = self.slots.get_mut(i) {
            if e.0 == c as u32 || e.0 == Self::EMPTY {
                *e = (c as u32, e.1 | bit);
                return;
            }
            i = (i + 1) % Self::SIZE;
        }
    }

    fn get(&self, c: char) -> u128 {
        let mut i = Self::slot(c);
        while let Some(&(k, mask)) = self.slots.get(i) {
            if k == c as u32 {
                return mask;
            }
            if k == Self::EMPTY {
                return 0;
            }
            i = (i + 1) % Self::SIZE;
        }
        0
    }
}

const _: () = assert!(LINK_WORDS.len() <= 128, "the link-word masks are 128 bits");
// Each word adds at most one character to each table: a free slot always remains.
const _: () = assert!(LINK_WORDS.len() < CharMasks::SIZE);

static LINK_ENDS: std::sync::LazyLock<LinkEnds> = std::sync::LazyLock::new(|| {
    let (mut by_last, mut by_first) = (CharMasks::new(), CharMasks::new());
    for (i, w) in LINK_WORDS.iter().enumerate().take(128) {
        let bit = 1u128 << i;
        if let (Some(f), Some(l)) = (w.chars().next(), w.chars().next_back()) {
            by_first.add(f, bit);
            by_last.add(l, bit);
        }
    }
    LinkEnds { by_last, by_first }
});

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

    /// The memchr search for sentence ends finds what the byte table does:
    /// every end, near misses (、，and other characters sharing a last byte),
    /// and every prefix and suffix of the text.
    #[test]
    fn sentence_ends_match_byte_table() {
        let text = "一。二！三？4!5?\n、，「」…丂倁ā亂。。\n\n！x？";
        let reference = |t: &str| {
            let ends = &Terminators::new(&["。", "！", "？", "!", "?", "\n"]);
            std::iter::successors(ends.next_end(t, 0), |&e| ends.next_end(t, e)).collect::<Vec<usize>>()
        };
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            for piece in [&text[..i], &text[i..]] {
                assert_eq!(sentence_ends(piece), reference(piece), "{piece:?}");
            }
        }
        assert_eq!(sentence_ends(text).len(), 12);
    }

    /// The prefiltered strip_links strips what comparing every word does.
    #[test]
    fn strip_links_matches_plain_search() {
        fn reference(s: &str) -> &str {
            let mut s = s.trim();
            loop {
                let before = s.len();
                for w in LINK_WORDS {
                    s = s.strip_suffix(w).map_or(s, str::trim_end);
                    s = s.strip_prefix(w).map_or(s, str::trim_start);
                }
                if s.len() == before {
                    return s;
                }
            }
        }
        let mut cases = vec![String::new(), " 工业增加值 ".to_string()];
        for (i, a) in LINK_WORDS.iter().enumerate() {
            let b = LINK_WORDS.get((i * 7 + 3) % LINK_WORDS.len()).copied().unwrap_or("");
            cases.push(format!("{a}工业增加值{b}"));
            cases.push(format!("{a} {b}规上工业{a}{b}"));
            cases.push(format!("{b}{a}"));
            cases.push(a.to_string());
        }
        for c in &cases {
            assert_eq!(strip_links(c), reference(c), "{c:?}");
        }
    }

    /// clean_tail asks strip_links only after a cut: the same as asking it
    /// after every step (strip_links returns a text it leaves alone).
    #[test]
    fn clean_tail_matches_stripping_after_every_step() {
        fn reference(s: &str) -> &str {
            let mut s = strip_links(s);
            loop {
                let before = s.len();
                if s.ends_with(')') || s.ends_with('）') {
                    if let Some(i) = s.rfind(['(', '（']) {
                        s = &s[..i];
                    }
                }
                for t in NAME_TAILS {
                    if s.len() > t.len() || s == *t {
                        s = s.strip_suffix(t).unwrap_or(s);
                    }
                }
                s = strip_links(s);
                for basis in ["同比", "比上年", "较上年", "比去年", "较去年"] {
                    s = s.strip_suffix(basis).unwrap_or(s);
                }
                if let Some(i) = s.rfind(['较', '比']) {
                    let tail = &s[i..];
                    if tail.ends_with('年') && tail.chars().filter(char::is_ascii_digit).count() == 4 {
                        s = &s[..i];
                    }
                }
                s = strip_links(s);
                if s.len() == before {
                    return s;
                }
            }
        }
        let pieces = [
            "工业增加值",
            "规上",
            "数量",
            "总量",
            "规模",
            "数",
            "(常住)",
            "（亿元）",
            " ",
            "同比",
            "比上年",
            "较2019年",
            "较去年",
            "比",
            "为",
            "达到",
            "实现",
            "的",
            "年",
        ];
        let mut cases = vec![String::new()];
        for (i, a) in pieces.iter().enumerate() {
            for (j, b) in pieces.iter().enumerate() {
                let c = pieces[(i * 5 + j * 3) % pieces.len()];
                cases.push(format!("{a}{b}"));
                cases.push(format!("{a}{b}{c}"));
                cases.push(format!("{c}{a}工业增加值{b}"));
            }
        }
        for w in LINK_WORDS {
            cases.push(format!("工业增加值{w}数量"));
            cases.push(format!("{w}人均GDP(常住){w}"));
        }
        for c in &cases {
            assert_eq!(clean_tail(c), reference(c), "{c:?}");
        }
    }

    /// The marks of a sentence answer what searching each piece word by word does.
    #[test]
    fn marks_match_plain_search() {
        let pieces: Vec<&str> = COMPARISON_WORDS
            .iter()
            .chain(GAP_WORDS)
            .chain(TARGET_WORDS)
            .copied()
            .chain(["全年", "；", ";", "增长", "将", "高", "于", "差", "年"])
            .collect();
        let any = |words: &[&str], s: &str| words.iter().any(|w| s.contains(w));
        for round in 0..40usize {
            // A sentence of pieces chosen by a small deterministic walk.
            let text: String = (0..12)
                .map(|k| {
                    pieces
                        .get((round * 7 + k * (round % 5 + 3)) % pieces.len())
                        .copied()
                        .unwrap_or("")
                })
                .collect();
            let folded = Folded::new(&text, 0);
            let marks = Marks::new(&folded.view(0, text.len()));
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for &a in &bounds {
                for &b in bounds.iter().filter(|&&b| b >= a) {
                    let view = folded.view(a, b);
                    let piece = view.text;
                    assert_eq!(
                        marks.comparison.within(view.range()),
                        any(COMPARISON_WORDS, piece),
                        "{piece}"
                    );
                    assert_eq!(marks.target.within(view.range()), any(TARGET_WORDS, piece), "{piece}");
                    assert_eq!(marks.whole_year.within(view.range()), piece.contains("全年"), "{piece}");
                    let part = piece.rsplit(['；', ';']).next().unwrap_or("");
                    assert_eq!(
                        marks.gap.within(marks.part(view.range())),
                        any(GAP_WORDS, part),
                        "{piece}"
                    );
                }
            }
        }
    }

    /// Finding a suffix anywhere in the run is asking whether some prefix of
    /// the run ends with one.
    #[test]
    fn org_names_match_prefix_search() {
        fn reference(text: &str, end: usize) -> bool {
            let run: String = name_run(text, end).collect();
            (0..=run.len()).filter(|&i| run.is_char_boundary(i)).any(|i| {
                let prefix = run.get(..i).unwrap_or("");
                ORG_SUFFIXES.iter().any(|s| prefix.ends_with(s))
            })
        }
        let mut cases = vec![String::new(), "浙江".to_string()];
        for s in ORG_SUFFIXES {
            cases.push(format!("杭州{s}"));
            cases.push(format!("杭州工商{s}的"));
            cases.push(format!("杭州的{s}"));
            cases.push(format!("杭州一二三四五六七八九十{s}"));
            cases.push(format!("杭州經濟技術開發{s}"));
        }
        for c in &cases {
            for end in (0..=c.len()).filter(|&i| c.is_char_boundary(i)) {
                assert_eq!(starts_org_name(c, end), reference(c, end), "{c:?} at {end}");
            }
        }
    }

    #[test]
    fn an_indicator_takes_only_figures_of_its_kind() {
        use crate::document::Document;
        // A share is never in 亿元; the same name before a percentage is kept.
        let doc = Document::parse("长兴县税收收入占一般公共预算收入比重为91.7%，税收占比30亿元。");
        let names: Vec<Option<&str>> = doc.facts.iter().map(|f| f.indicator.as_deref()).collect();
        assert_eq!(names.first().copied().flatten(), Some("税收收入占一般公共预算收入比重"));
        assert_ne!(names.get(1).copied().flatten(), Some("税收收入占一般公共预算收入比重"));
    }

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
