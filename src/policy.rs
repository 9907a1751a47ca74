//! Policy measures: a named policy, plan or mechanism (`“33条”政策`, `“拨转投”模式`,
//! `“两链”迭代计划`, `十条举措`, `“5050计划”`), with the region that issues it and the funds and
//! targets it carries.
//!
//! The finder reads the text as written — traditional script, full-width forms and inline pinyin
//! are folded by [`crate::normalize::Folded`] — and reports byte spans into the original text.
//!
//! # Rules
//!
//! A *policy word* ends every name: 计划, 行动计划, 规划, 政策, 新政, 意见, 实施意见, 办法, 措施,
//! 举措, 机制, 模式, 方案, 实施方案, 细则, 行动, 工程, 条例, 纲要, and `条` after a number
//! (`25条`, `十条`).
//!
//! 1. **Quoted name + policy word.** A short quotation (`“…”`, `「…」`, `『…』`, at most 20
//!    characters, no sentence punctuation inside) followed by a policy word, optionally after `的`
//!    and up to six characters of description: `“33条”政策`, `“拨转投”机制`, `“两链”迭代计划`,
//!    `“5151”创业陪跑计划`. The description stops at particles, classifiers and `条`.
//! 2. **Quoted policy.** A quotation that itself ends in a policy word (`“5050计划”`,
//!    `“十二條意見”`, `“人才新政25条”`), or is a clause count alone (`“33条”`). The span keeps the
//!    quotation marks; [`PolicyMeasure::name`] drops them.
//! 3. **Titles.** A `《…》` title ending in a policy word or in 决定, 目录, 协议, 通知, 规定, 指南.
//! 4. **Unquoted name + policy word.** Read leftwards from the policy word over at most 16
//!    characters, stopping at punctuation, at particles (的 和 与 及 在 等 …) and at verbs
//!    (出台, 发布, 实施, 制定, 推出, 落实, 印发, 完善, 推进, 创新 …): `十条举措`,
//!    `区级产业基金管理办法`, `新能源产业高质量发展办法`. The name is rejected when nothing but
//!    generic words is left of the policy word (`政策`, `支持政策`, `创新举措`, `奖励机制`), when
//!    the policy word is followed by another word (`政策引导`, `按计划今年`, `规划承接`: a modifier
//!    or a verb), or when it is a line label or page chrome (`版式计划：`, `| 阅读模式`). An
//!    unquoted `N条` counts the clauses of a policy word before it (`人才新政25条`, not
//!    `重点子产业链10条`); `一条` is never a policy.
//!
//! Overlapping candidates: the one starting first wins, then the longest.
//!
//! | written | measure |
//! |---|---|
//! | `出台了支持传统产业转型升级的“33条”政策，` | `“33条”政策` |
//! | `通过将财政拨款转化为投资款的“拨转投”模式，` | `“拨转投”模式` |
//! | `已经制定了一个“两链”迭代计划：` | `“两链”迭代计划` |
//! | `迭代实施“5050计划”和“5151”创业陪跑计划` | `“5050计划”`, `“5151”创业陪跑计划` |
//! | `发布“人才新政25条”，` | `“人才新政25条”` |
//! | `制定實施深化“放管服”十條舉措，` | `十條舉措` |
//! | `完善区级产业基金管理办法，` | `区级产业基金管理办法` |
//! | `出台《长兴县工业产业重点发展方向及指导目录》` | `《长兴县工业产业重点发展方向及指导目录》` |
//! | `成都市出台意见，` | — |
//! | `通过政策引导` | — |
//! | `以超常规举措加快构建` | — |
//!
//! ```
//! use zh_econ::policy;
//!
//! let cases: &[(&str, &[&str])] = &[
//!     ("出台了支持传统产业转型升级的“33条”政策，", &["“33条”政策"]),
//!     ("通过将财政拨款转化为投资款的“拨转投”模式，", &["“拨转投”模式"]),
//!     ("已经制定了一个“两链”迭代计划：", &["“两链”迭代计划"]),
//!     ("迭代实施“5050计划”和“5151”创业陪跑计划", &["“5050计划”", "“5151”创业陪跑计划"]),
//!     ("发布“人才新政25条”，", &["“人才新政25条”"]),
//!     ("制定實施深化“放管服”十條舉措，", &["十條舉措"]),
//!     ("完善区级产业基金管理办法，", &["区级产业基金管理办法"]),
//!     ("出台《长兴县工业产业重点发展方向及指导目录》", &["《长兴县工业产业重点发展方向及指导目录》"]),
//!     ("成都市出台意见，", &[]),
//!     ("通过政策引导", &[]),
//!     ("以超常规举措加快构建", &[]),
//! ];
//! for (text, want) in cases {
//!     let got: Vec<&str> = policy::find(text).iter().map(|m| &text[m.start..m.end]).collect();
//!     assert_eq!(&got, want, "{text}");
//! }
//! ```
//!
//! # Region and quantities
//!
//! [`find_with`] (which [`crate::document::Document`] uses) also fills in
//! [`PolicyMeasure::region`], the nearest region mention of the sentence before the measure's end
//! (a region inside a title counts; groups such as `全国` do not), and
//! [`PolicyMeasure::quantities`], the quantities of the sentence that are the figures of target
//! facts (力争, 到2025年, 每年安排 …) or currency amounts other than the outcome of a statistical
//! indicator (`专门拿出4.5亿元资金` counts, `实现GDP 100亿元` does not); at most the eight
//! nearest, so that the work stays linear in the length of the text.

use crate::fact::{self, Fact};
use crate::indicator;
use crate::lexicon::{leftmost_longest, Lexicons, Match};
use crate::normalize::{is_han, is_one_of, Folded, WordSet};
use crate::quantity::Quantity;
use crate::region::{Level, RegionMention};
use aho_corasick::AhoCorasick;
use std::sync::LazyLock;

/// A named policy, plan or mechanism found in a text.
///
/// ```
/// use zh_econ::document::Document;
/// let doc = Document::parse("长兴县全面落实优化营商环境“十二条意见”，制定实施深化“放管服”十条举措。");
/// let names: Vec<&str> = doc.policies.iter().map(|p| p.name.as_str()).collect();
/// assert_eq!(names, ["十二条意见", "十条举措"]);
/// assert_eq!(doc.policies[1].head, "举措");
/// assert_eq!(doc.policies[1].region.as_ref().map(|r| r.region.name.as_str()), Some("长兴县"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PolicyMeasure {
    /// Byte offset of the first character in the text (an opening quotation mark or `《` when
    /// the name is quoted as a whole).
    pub start: usize,
    /// Byte offset just past the measure.
    pub end: usize,
    /// The measure as written: `text == &input[start..end]`.
    pub text: String,
    /// The name in simplified script, without quotation marks, title marks or pinyin annotations
    /// (`33条政策`, `两链迭代计划`, `十条举措`).
    pub name: String,
    /// The policy word that ends the name, in simplified script (`政策`, `计划`, `条`, `目录`).
    pub head: String,
    /// The issuing region: the nearest region mention in the sentence before the measure's end.
    /// Filled in by [`find_with`]; `None` when the sentence names none.
    pub region: Option<RegionMention>,
    /// The funds and targets the measure carries: the quantities of its sentence that are the
    /// figures of target facts or currency amounts other than an indicator's outcome, in order.
    /// Filled in by [`find_with`].
    pub quantities: Vec<Quantity>,
}

/// Policy words, in simplified script.
#[rustfmt::skip]
pub(crate) const HEADS: &[&str] = &[
    "行动计划", "计划", "规划", "政策", "新政", "意见", "实施意见", "指导意见", "办法", "管理办法", "实施办法",
    "措施", "若干措施", "举措", "机制", "模式", "方案", "实施方案", "行动方案", "工作方案", "细则", "实施细则",
    "行动", "工程", "条例", "纲要", "条",
];

/// Words that end a `《…》` title of a policy document, besides the policy words.
const TITLE_HEADS: &[&str] = &["决定", "目录", "协议", "通知", "规定", "指南"];

/// Characters that end a name read leftwards: particles, pronouns, classifiers.
#[rustfmt::skip]
const STOP_CHARS: &[char] = &[
    '的', '在', '和', '与', '及', '是', '为', '了', '从', '到', '等', '将', '把', '被', '于', '由', '让', '以', '并',
    '或', '给', '至', '跟', '而', '但', '也', '都', '还', '又', '已', '其', '该', '这', '那', '各', '每', '我', '们',
    '你', '他', '她', '它', '此', '个', '项', '些', '批', '按', '得', '着', '如', '即',
];

/// Verbs that end a name read leftwards (`出台…`, `完善…`).
#[rustfmt::skip]
const STOP_VERBS: &[&str] = &[
    "出台", "发布", "颁布", "公布", "印发", "制定", "制订", "修订", "编制", "研究", "推出", "落实", "实施", "实行",
    "执行", "施行", "试行", "推行", "启动", "开展", "建立", "健全", "完善", "深化", "推进", "推动", "加快", "加强",
    "加大", "构建", "探索", "优化", "建设", "打造", "通过", "按照", "根据", "围绕", "依托", "借助", "针对", "鼓励",
    "引导", "提出", "提供", "形成", "采用", "采取", "运用", "利用", "设立", "成立", "拿出", "安排", "审议", "发挥",
    "坚持", "部署", "明确", "提升", "聚焦", "谋划", "结合", "对照", "参照", "贯彻", "响应", "享受", "兑现", "用好",
    "用足", "放大", "释放", "创建", "召开", "举办", "签署", "签订", "创新", "积极", "全面", "认真", "大力", "深入",
];

/// Words that do not make a name: a measure whose name is only these is not named.
#[rustfmt::skip]
const GENERIC: &[&str] = &[
    "政策", "相关", "有关", "各项", "各类", "系列", "一系列", "配套", "统一", "提前", "总体", "整体", "新", "好",
    "优惠", "扶持", "支持", "激励", "奖励", "保障", "工作", "体制", "长效", "创新", "创新型", "超常规", "常规",
    "设计", "顶层设计", "产业", "发展", "具体", "若干", "多项", "有效", "重要", "重大", "一揽子", "组合", "管理",
    "运行", "合作", "协调", "联动", "新技术", "新业态", "培育", "服务", "专项", "一些", "有力", "务实", "精准",
    "更多", "更大", "最新", "新一轮", "上述", "国家", "地方", "惠企", "帮扶", "应急", "临时", "试点", "改革",
    "措施", "举措", "意见", "计划", "规划", "方案", "机制", "模式", "新政", "办法",
];

/// Characters that may follow an unquoted policy word (other Han characters make it a modifier
/// or a verb: `政策引导`, `规划承接`).
const FOLLOW_OK: &[char] = &[
    '的', '和', '与', '及', '等', '中', '里', '已', '将', '是', '为', '并', '也', '都', '还', '正', '在', '于', '以',
];

/// Quotation marks: opening and closing.
const QUOTES: &[(char, char)] = &[('“', '”'), ('「', '」'), ('『', '』')];

/// Longest quotation read, in characters.
const MAX_QUOTED: usize = 20;
/// Longest description between a quotation and its policy word, in characters.
const MAX_GAP: usize = 6;
/// Longest unquoted name left of its policy word, in characters.
const MAX_LEFT: usize = 16;
/// Longest title read, in characters.
const MAX_TITLE: usize = 60;
/// Most quantities a measure carries (the nearest ones of its sentence).
const MAX_CARRIED: usize = 8;
/// Most region mentions or quantities looked at on either side of a measure.
const MAX_LOOK: usize = 64;

/// The opening marks of [`QUOTES`], in order.
const OPENING_MARKS: &[&str] = &["“", "「", "『"];

/// The word lists policies are found by: the policy words ([`HEADS`]) and the
/// opening quotation marks, whose starts [`find_matched`] takes.
pub(crate) const WORD_LISTS: [&[&str]; 2] = [HEADS, OPENING_MARKS];

/// [`WORD_LISTS`] for a search of their own (`None` only if it failed to build).
static LISTS: LazyLock<Option<Lexicons>> = LazyLock::new(|| Lexicons::new(&WORD_LISTS));

static VERB_AC: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| AhoCorasick::new(STOP_VERBS).ok());

/// A candidate in folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Candidate {
    start: usize,
    end: usize,
    head: &'static str,
}

/// Every named policy measure in `text`, in order, non-overlapping, with byte spans into `text`
/// as written (see the module documentation for the rules). `region` and `quantities` are left
/// empty: [`find_with`] fills them in. Linear in the length of the text.
///
/// ```
/// use zh_econ::policy::find;
/// let text = "推出新一轮“数字经济三年行动计划”，推动数字经济多点突破";
/// let found = find(text);
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].text, "“数字经济三年行动计划”");
/// assert_eq!(found[0].name, "数字经济三年行动计划");
/// assert_eq!(found[0].head, "行动计划");
/// assert!(find("政策").is_empty());
/// assert!(find("人才").is_empty());
/// ```
pub fn find(text: &str) -> Vec<PolicyMeasure> {
    let f = Folded::new(text, 0);
    let found = LISTS.as_ref().map(|l| l.search(&f.text)).unwrap_or_default();
    find_matched(text, &f, found.list(0), found.list(1))
}

/// [`find`] over the document's folded copy `f` of `text`, with the starts of
/// the [`WORD_LISTS`] in it (the document pass searches its lists together).
pub(crate) fn find_matched(text: &str, f: &Folded, heads: &[Match], opening_marks: &[Match]) -> Vec<PolicyMeasure> {
    let s = f.text.as_str();
    let mut cands = Vec::new();
    quoted(s, opening_marks, &mut cands);
    titles(s, &mut cands);
    unquoted(s, heads, &mut cands);
    cands.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<PolicyMeasure> = Vec::new();
    let mut last_end = 0;
    for c in cands {
        if c.start < last_end {
            continue;
        }
        last_end = c.end;
        let (start, end) = (f.original(c.start), f.original_end(c.end));
        let name: String = s
            .get(c.start..c.end)
            .unwrap_or("")
            .chars()
            .filter(|ch| !matches!(ch, '“' | '”' | '「' | '」' | '『' | '』' | '《' | '》'))
            .collect();
        out.push(PolicyMeasure {
            start,
            end,
            text: text.get(start..end).unwrap_or("").to_string(),
            name,
            head: c.head.to_string(),
            region: None,
            quantities: Vec::new(),
        });
    }
    out
}

/// [`find`], with each measure's issuing region taken from `regions` and its funds and targets
/// from `quantities` and `facts` (all as [`crate::document::Document`] holds them, in text order).
///
/// ```
/// use zh_econ::document::Document;
/// let text = "“国际滨”，是人们对杭州高新区(滨江)的赞誉。“国际滨”已经制定了一个“两链”迭代计划：每年安排专项资金不少于3亿元。";
/// let doc = Document::parse(text);
/// let p = &doc.policies[0];
/// assert_eq!(p.text, "“两链”迭代计划");
/// assert_eq!(p.region.as_ref().map(|r| r.region.name.as_str()), Some("杭州高新区(滨江)"));
/// assert_eq!(p.quantities.len(), 1);
/// assert_eq!(p.quantities[0].text, "不少于3亿元");
/// ```
pub fn find_with(text: &str, regions: &[RegionMention], quantities: &[Quantity], facts: &[Fact]) -> Vec<PolicyMeasure> {
    let found = find(text);
    let ends = if found.is_empty() {
        Vec::new()
    } else {
        fact::sentence_ends(text)
    };
    attach(text, found, regions, quantities, facts, &ends)
}

/// [`find_with`] over the document's folded copy `f` of `text`, with the
/// starts of the [`WORD_LISTS`] in it ([`find_matched`]).
pub(crate) fn find_with_matched(
    text: &str,
    f: &Folded,
    (heads, opening_marks): (&[Match], &[Match]),
    regions: &[RegionMention],
    quantities: &[Quantity],
    facts: &[Fact],
    ends: &[usize],
) -> Vec<PolicyMeasure> {
    attach(
        text,
        find_matched(text, f, heads, opening_marks),
        regions,
        quantities,
        facts,
        ends,
    )
}

/// Gives each measure of `found` its issuing region, funds and targets;
/// `bounds` are the sentence ends of `text` ([`fact::sentence_ends`]).
fn attach(
    text: &str,
    mut found: Vec<PolicyMeasure>,
    regions: &[RegionMention],
    quantities: &[Quantity],
    facts: &[Fact],
    bounds: &[usize],
) -> Vec<PolicyMeasure> {
    if found.is_empty() {
        return found;
    }
    let span = |f: &Fact| (f.quantity.start, f.quantity.end);
    // Sorted spans, searched by halves (facts come in text order already).
    let spans = |keep: &dyn Fn(&Fact) -> bool| {
        let mut v: Vec<(usize, usize)> = facts.iter().filter(|f| keep(f)).map(span).collect();
        v.sort_unstable();
        v
    };
    let targets = spans(&|f| f.target);
    // Outcomes of a statistical indicator (`海宁实现GDP 100亿元`) are not a measure's funds.
    // (A fact's indicator is read from the folded text: no folded copy is needed to look it up.)
    let outcomes = spans(&|f| !f.target && f.indicator.as_deref().and_then(indicator::canonical_folded).is_some());
    for m in &mut found {
        let i = bounds.partition_point(|&b| b <= m.start);
        let sentence_start = i.checked_sub(1).and_then(|j| bounds.get(j)).copied().unwrap_or(0);
        let sentence_end = bounds.get(i).copied().unwrap_or(text.len());

        let upto = regions.partition_point(|r| r.start < m.end);
        m.region = regions
            .get(..upto)
            .unwrap_or(&[])
            .iter()
            .rev()
            .take(MAX_LOOK)
            .take_while(|r| r.start >= sentence_start)
            .find(|r| r.region.level != Level::Area)
            .cloned();

        let carried = |q: &&Quantity| {
            let at = (q.start, q.end);
            targets.binary_search(&at).is_ok()
                || (q.unit.is_some_and(|u| u.is_currency()) && outcomes.binary_search(&at).is_err())
        };
        let split = quantities.partition_point(|q| q.start < m.end);
        let (head, tail) = (
            quantities.get(..split).unwrap_or(&[]),
            quantities.get(split..).unwrap_or(&[]),
        );
        // The nearest ones on either side, within a bounded look-around (linear time).
        let before = head
            .iter()
            .rev()
            .take(MAX_LOOK)
            .take_while(|q| q.start >= sentence_start)
            .filter(|q| q.end <= m.start)
            .filter(carried)
            .take(MAX_CARRIED)
            .map(|q| (m.start - q.end, q));
        let after = tail
            .iter()
            .take(MAX_LOOK)
            .take_while(|q| q.start < sentence_end)
            .filter(carried)
            .take(MAX_CARRIED)
            .map(|q| (q.start - m.end, q));
        let mut near: Vec<(usize, &Quantity)> = before.chain(after).collect();
        near.sort_by_key(|&(d, _)| d);
        near.truncate(MAX_CARRIED);
        near.sort_by_key(|&(_, q)| q.start);
        m.quantities = near.into_iter().map(|(_, q)| q.clone()).collect();
    }
    found
}

/// [`HEADS`] and [`GENERIC`] by their first character, longest first: a
/// position is compared with the words that begin with its character only.
static HEAD_SET: LazyLock<WordSet<()>> = LazyLock::new(|| WordSet::of(HEADS));
static GENERIC_SET: LazyLock<WordSet<()>> = LazyLock::new(|| WordSet::of(GENERIC));

/// The longest policy word at the start of `s`.
fn head_at(s: &str) -> Option<&'static str> {
    HEAD_SET.longest_prefix(s).map(|(w, ())| w)
}

/// The longest policy word (or title word) `s` ends with.
fn head_ending(s: &str, title: bool) -> Option<&'static str> {
    let extra: &[&'static str] = if title { TITLE_HEADS } else { &[] };
    HEADS
        .iter()
        .chain(extra)
        .filter(|h| s.ends_with(*h))
        .max_by_key(|h| h.len())
        .copied()
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || is_one_of(
            c,
            &[
                '零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '两',
            ],
        )
}

/// True if a name's part before its policy word is made of generic words only.
fn all_generic(mut s: &str) -> bool {
    while !s.is_empty() {
        match GENERIC_SET.longest_prefix(s) {
            Some((g, ())) => s = s.get(g.len()..).unwrap_or(""),
            None => return false,
        }
    }
    true
}

/// Rules 1 and 2: quotations, at each opening mark of [`OPENING_MARKS`]
/// (found by the search of the document's lists: a search for the marks'
/// lead bytes alone, E2 and E3, would stop at every 、 and 。 of the text).
fn quoted(s: &str, opening_marks: &[Match], out: &mut Vec<Candidate>) {
    for m in opening_marks {
        let open_at = m.start();
        let Some(&(open, close)) = QUOTES.get(m.pattern().as_usize()) else {
            continue;
        };
        let body_start = open_at + open.len_utf8();
        let mut close_at = None;
        for (n, (i, c)) in s.get(body_start..).unwrap_or("").char_indices().enumerate() {
            if c == close {
                close_at = Some(body_start + i);
                break;
            }
            if n >= MAX_QUOTED
                || c == open
                || matches!(
                    c,
                    '，' | ',' | '。' | '；' | ';' | '：' | ':' | '！' | '？' | '!' | '?' | '\n'
                )
            {
                break;
            }
        }
        let Some(close_at) = close_at else { continue };
        let body = s.get(body_start..close_at).unwrap_or("");
        if body.is_empty() {
            continue;
        }
        let after = close_at + close.len_utf8();

        // Rule 1: quotation, optional 的, a short description, a policy word.
        let mut pos = after;
        if s.get(pos..).is_some_and(|r| r.starts_with('的')) {
            pos += '的'.len_utf8();
        }
        for _ in 0..=MAX_GAP {
            let rest = s.get(pos..).unwrap_or("");
            if let Some(h) = head_at(rest).filter(|h| *h != "条") {
                out.push(Candidate {
                    start: open_at,
                    end: pos + h.len(),
                    head: h,
                });
                break;
            }
            match rest.chars().next() {
                Some(c) if is_han(c) && c != '条' && !STOP_CHARS.contains(&c) => pos += c.len_utf8(),
                _ => break,
            }
        }

        // Rule 2: the quotation is itself a policy name.
        if let Some(h) = head_ending(body, false) {
            let left = body.get(..body.len() - h.len()).unwrap_or("");
            let ok = if h == "条" {
                left.chars().next_back().is_some_and(is_numeral) && !left.ends_with("一")
            } else {
                !left.is_empty() && !all_generic(left)
            };
            if ok {
                out.push(Candidate {
                    start: open_at,
                    end: after,
                    head: h,
                });
            }
        }
    }
}

/// Rule 3: `《…》` titles.
fn titles(s: &str, out: &mut Vec<Candidate>) {
    // memmem: a char search looks for the mark's last byte, a continuation
    // byte that most Han characters have.
    for open_at in memchr::memmem::find_iter(s.as_bytes(), "《".as_bytes()) {
        let body_start = open_at + '《'.len_utf8();
        let mut close_at = None;
        for (n, (i, c)) in s.get(body_start..).unwrap_or("").char_indices().enumerate() {
            if c == '》' {
                close_at = Some(body_start + i);
                break;
            }
            if n >= MAX_TITLE || matches!(c, '《' | '。' | '\n') {
                break;
            }
        }
        let Some(close_at) = close_at else { continue };
        let body = s.get(body_start..close_at).unwrap_or("").trim();
        if let Some(h) = head_ending(body, true) {
            if body.len() > h.len() {
                out.push(Candidate {
                    start: open_at,
                    end: close_at + '》'.len_utf8(),
                    head: h,
                });
            }
        }
    }
}

/// Rule 4: unquoted names, at the policy words of [`HEADS`] (their starts).
fn unquoted(s: &str, heads: &[Match], out: &mut Vec<Candidate>) {
    for m in leftmost_longest(heads) {
        let Some(&head) = HEADS.get(m.pattern().as_usize()) else {
            continue;
        };
        let (h, e) = (m.start(), m.end());
        let before = s.get(..h).unwrap_or("");
        let after = s.get(e..).unwrap_or("");
        let next = after.chars().next();
        // What follows: a policy word is a noun at the end of its phrase.
        if head == "条" {
            if next.is_some_and(is_han) || !before.chars().next_back().is_some_and(is_numeral) {
                continue;
            }
        } else if next.is_some_and(|c| is_han(c) && !FOLLOW_OK.contains(&c)) {
            continue;
        }
        // Read leftwards.
        let mut l = h;
        for (n, (i, c)) in before.char_indices().rev().enumerate() {
            if n >= MAX_LEFT || !(is_han(c) || c.is_ascii_alphanumeric()) || STOP_CHARS.contains(&c) {
                break;
            }
            l = i;
        }
        let window = s.get(l..h).unwrap_or("");
        let cut = VERB_AC.as_ref().map_or(0, |ac| {
            ac.find_overlapping_iter(window).map(|v| v.end()).max().unwrap_or(0)
        });
        let l = l + cut;
        let left = s.get(l..h).unwrap_or("");
        let words = left.trim_start_matches(is_numeral);
        let named = if head == "条" {
            // `人才新政25条`: a count of clauses after a policy word (not `产业链10条`, `上一条`).
            let base = left.trim_end_matches(is_numeral);
            let count = left.get(base.len()..).unwrap_or("");
            count != "一" && head_ending(base, false).is_some_and(|h| h != "条" && base.len() > h.len())
        } else {
            left.chars().count() >= 2 && !all_generic(words) && !words.is_empty()
        };
        if !named {
            continue;
        }
        // A line label (`版式计划：`) or page chrome (`| 阅读模式`) is not a policy.
        let line_start = s.get(..l).unwrap_or("").trim_end_matches([' ', '\t', '\u{3000}']);
        let chrome = line_start.ends_with(['|', '｜']);
        let label = line_start.is_empty() || line_start.ends_with('\n');
        if chrome || (label && matches!(next, Some('：' | ':'))) {
            continue;
        }
        out.push(Candidate { start: l, end: e, head });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The opening marks are those of the quotation pairs, in order.
    #[test]
    fn opening_marks_are_the_pairs_openings() {
        let opens: Vec<String> = QUOTES.iter().map(|q| q.0.to_string()).collect();
        assert_eq!(opens, OPENING_MARKS);
    }

    /// The search finds the opening marks that reading every character does.
    #[test]
    fn open_quotes_match_character_search() {
        let reference = |s: &str| -> Vec<(usize, (char, char))> {
            s.char_indices()
                .filter_map(|(i, c)| Some((i, *QUOTES.iter().find(|q| q.0 == c)?)))
                .collect()
        };
        let pieces = [
            "“", "”", "「", "」", "『", "』", "、", "。", "《", "》", "政", "策", "a", "\"", "＂", "‘",
        ];
        let mut texts: Vec<String> = ["", "“a”", "无引号，。—", "前「后『中“末", "—“", "x“"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for round in 0..200usize {
            texts.push(
                (0..(round % 17))
                    .map(|k| {
                        pieces
                            .get((round * 11 + k * (round % 5 + 2)) % pieces.len())
                            .copied()
                            .unwrap_or("")
                    })
                    .collect(),
            );
        }
        let lists = LISTS.as_ref().unwrap();
        for text in &texts {
            let found = lists.search(text);
            let got: Vec<(usize, (char, char))> = found
                .list(1)
                .iter()
                .map(|m| (m.start(), QUOTES[m.pattern().as_usize()]))
                .collect();
            assert_eq!(got, reference(text), "{text:?}");
        }
    }

    fn spans(text: &str) -> Vec<&str> {
        find(text).iter().map(|m| &text[m.start..m.end]).collect()
    }

    #[test]
    fn tables_are_simplified() {
        for w in HEADS.iter().chain(TITLE_HEADS).chain(STOP_VERBS).chain(GENERIC) {
            assert_eq!(crate::normalize::fold_str(w), *w);
        }
    }

    /// The words found by first character are the longest of their list.
    #[test]
    fn longest_word_by_first_character() {
        let text = "实施意见、行动计划、若干措施，一系列新政策新技术创新型计划条";
        for list in [HEADS, GENERIC] {
            let set = WordSet::of(list);
            for (i, _) in text.char_indices() {
                let rest = &text[i..];
                let want = list
                    .iter()
                    .filter(|h| rest.starts_with(*h))
                    .max_by_key(|h| h.len())
                    .copied();
                assert_eq!(set.longest_prefix(rest).map(|(w, ())| w), want, "{rest:?}");
            }
        }
    }

    #[test]
    fn quoted_names() {
        assert_eq!(
            spans("出台了支持传统产业转型升级的“33条”政策，专门拿出"),
            ["“33条”政策"]
        );
        assert_eq!(spans("得到“拨转投”机制支持"), ["“拨转投”机制"]);
        assert_eq!(spans("已出台“两链”深度融合实施意见，"), ["“两链”深度融合实施意见"]);
        assert_eq!(spans("建立“七维”产业人才评价模式，"), ["“七维”产业人才评价模式"]);
        assert_eq!(
            spans("健全完善“微成长、小升高、高壮大”的培育机制，"),
            ["“微成长、小升高、高壮大”的培育机制"]
        );
        assert_eq!(spans("开展“人工智能+”举措，"), ["“人工智能+”举措"]);
        assert_eq!(spans("认真落实优化营商环境“十二條意見”，"), ["“十二條意見”"]);
        assert_eq!(spans("支持“33条”落地"), ["“33条”"]);
    }

    #[test]
    fn quotations_that_are_not_policies() {
        for t in [
            "“国际滨”已经制定了",
            "“1+4”主导产业集群",
            "“3+N”新能源特色化产业体系",
            "“两个先行”",
            "“三条链”",
            "“国际滨”如何二次攀登",
            "“整合科技创新资源，引领发展”",
            "“政策”",
        ] {
            assert!(spans(t).is_empty(), "{t}: {:?}", spans(t));
        }
    }

    #[test]
    fn unquoted_names() {
        assert_eq!(
            spans("研究制定新能源产业高质量发展办法、随机应变"),
            ["新能源产业高质量发展办法"]
        );
        assert_eq!(
            spans("发布高能级战略平台行动计划和政策意见"),
            ["高能级战略平台行动计划"]
        );
        assert_eq!(
            spans("启动存量工业用地企业提质增效三年行动，"),
            ["存量工业用地企业提质增效三年行动"]
        );
        assert_eq!(spans("发布人才新政25条，"), ["人才新政25条"]);
        assert_eq!(spans("出台33条政策。"), ["33条政策"]);
    }

    #[test]
    fn generic_and_verbal_uses_are_not_names() {
        for t in [
            "政策",
            "相关政策",
            "出台意见，",
            "从政策引导、产业培育",
            "按计划今年将打造",
            "提前规划承接千亿产业",
            "推出创新支持政策，",
            "根据设计方案，",
            "“一链一基金”等创新举措，",
            "积极推进体制机制改革",
            "建立认定标准和奖励机制，",
            "本期统筹：祁嘉润\n版式计划：蔡华伟",
            "显示全部楼层 |阅读模式\n",
            "打造重点子产业链10条、",
            "推荐上一条 /1 下一条",
            "打造一条完整的汽车产业闭环",
            "3条产业链",
            "一家公司",
            "产业发展",
            "人才",
            "",
        ] {
            assert!(spans(t).is_empty(), "{t}: {:?}", spans(t));
        }
    }

    #[test]
    fn left_boundary_is_at_most_sixteen_characters() {
        let t = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉计划，";
        let got = spans(t);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].chars().count(), 16 + 2);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in [
            "“",
            "”",
            "“”计划",
            "《》",
            "《计划》",
            "《a计划",
            "条",
            "25条",
            "计划“",
            "\u{feff}“x”计划",
            "“33条",
        ] {
            for m in find(t) {
                assert_eq!(t.get(m.start..m.end), Some(m.text.as_str()));
            }
        }
    }
}
