//! Indicators: the canonical names of `data/indicators.tsv` (part of the
//! contract) with their synonyms, and the kind of value each expects.
//!
//! ```
//! use zh_econ::indicator::canonical;
//! assert_eq!(canonical("GDP"), Some("地区生产总值"));
//! assert_eq!(canonical("國家高新技術企業"), Some("高新技术企业数"));
//! assert_eq!(canonical("马面裙布料日产量"), None);
//! ```

use crate::lexicon::Matcher;
use crate::normalize::fold_str;
use std::sync::LazyLock;

/// The table, embedded: `canonical<TAB>synonym|synonym…`.
pub static TABLE: &str = include_str!("../data/indicators.tsv");

struct Lexicon {
    /// Every name (canonical and synonyms), simplified, in pattern order.
    names: Vec<&'static str>,
    /// The canonical name of each pattern.
    canon: Vec<&'static str>,
    /// Name → canonical name (rustc-hash: keys from a fixed table).
    by_name: rustc_hash::FxHashMap<&'static str, &'static str>,
    /// Canonical names, once each, in table order.
    unique: Vec<&'static str>,
    /// The canonical names in byte order: those that begin with a given
    /// text are one run of it.
    sorted: Vec<&'static str>,
    ac: Option<Matcher>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut names = Vec::new();
    let mut canon = Vec::new();
    for line in TABLE.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (name, syn) = line.split_once('\t').unwrap_or((line, ""));
        let name = name.trim();
        for n in std::iter::once(name)
            .chain(syn.split('|').map(str::trim))
            .filter(|s| !s.is_empty())
        {
            names.push(n);
            canon.push(name);
        }
    }
    let mut by_name = rustc_hash::FxHashMap::default();
    for (n, c) in names.iter().zip(&canon) {
        by_name.entry(*n).or_insert(*c);
    }
    let ac = Matcher::new(&names);
    let mut unique: Vec<&'static str> = Vec::new();
    for c in &canon {
        if !unique.contains(c) {
            unique.push(c);
        }
    }
    let mut sorted = unique.clone();
    sorted.sort_unstable();
    Lexicon {
        unique,
        sorted,
        names,
        canon,
        by_name,
        ac,
    }
});

/// The canonical indicator name for `name` (a canonical name or a synonym,
/// in simplified or traditional script), if it is one.
pub fn canonical(name: &str) -> Option<&'static str> {
    let folded = fold_str(name.trim());
    LEXICON.by_name.get(folded.as_str()).copied()
}

/// [`canonical`] for a name already folded (the text of a
/// [`crate::normalize::Folded`]): a lookup with no folded copy.
pub(crate) fn canonical_folded(name: &str) -> Option<&'static str> {
    LEXICON.by_name.get(name.trim()).copied()
}

/// The one canonical name that begins with `prefix`, if exactly one does.
pub(crate) fn completed(prefix: &str) -> Option<&'static str> {
    let sorted = &LEXICON.sorted;
    let from = sorted.partition_point(|c| *c < prefix);
    let mut run = sorted
        .get(from..)
        .unwrap_or(&[])
        .iter()
        .take_while(|c| c.starts_with(prefix));
    match (run.next(), run.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// Every canonical name, in table order.
///
/// ```
/// assert!(zh_econ::indicator::names().any(|n| n == "一般公共预算收入"));
/// ```
pub fn names() -> impl Iterator<Item = &'static str> {
    LEXICON.unique.iter().copied()
}

/// What kind of figure an indicator takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Expects {
    /// A share or ratio: `%`, `pp`, `times` (…比重, …率, …强度, 倍差).
    Share,
    /// A count of things (…数, …量 of patents, 引进人才数).
    Count,
    /// An amount in a unit: money, area, energy (地区生产总值, 面积).
    Amount,
}

/// The kind of figure the canonical indicator `name` takes, read from how
/// the name ends.
///
/// ```
/// use zh_econ::indicator::{expects, Expects};
/// assert_eq!(expects("税收收入占一般公共预算收入比重"), Expects::Share);
/// assert_eq!(expects("高新技术企业数"), Expects::Count);
/// assert_eq!(expects("地区生产总值"), Expects::Amount);
/// ```
pub fn expects(name: &str) -> Expects {
    const SHARE: &[&str] = &["比重", "率", "强度", "倍差", "占有率", "价格", "城镇化率"];
    const COUNT: &[&str] = &["数", "授权量", "拥有量", "人口", "就业", "游客"];
    if SHARE.iter().any(|s| name.ends_with(s)) {
        Expects::Share
    } else if COUNT.iter().any(|s| name.ends_with(s)) {
        Expects::Count
    } else {
        Expects::Amount
    }
}

/// True if a figure in `unit` can be a value of (or a change in, or a rank
/// by) an indicator that takes `kind`: a share is never in 亿元, an amount is
/// never a count of 家.
pub fn accepts(kind: Expects, unit: &crate::Unit) -> bool {
    use crate::unit::{kind_of, Kind};
    let code = unit.code();
    if matches!(code, "percent" | "pp" | "permille" | "times" | "rank") {
        // Changes and ranks are written in these for every kind of indicator.
        return true;
    }
    let unit_kind = kind_of(code);
    match kind {
        Expects::Share => false,
        Expects::Count => matches!(unit_kind, Some(Kind::Count)) || unit.per().is_some(),
        Expects::Amount => !matches!(unit_kind, Some(Kind::Count)) || unit.per().is_some(),
    }
}

/// An indicator name found in (folded, simplified) text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndicatorMention {
    /// Byte offset in the searched text.
    pub start: usize,
    /// Byte offset just past the name.
    pub end: usize,
    /// The name as matched.
    pub name: &'static str,
    /// Its canonical name.
    pub canonical: &'static str,
}

/// Every indicator name in `folded` (text already folded to simplified
/// script, see [`crate::normalize::fold_str`]), leftmost-longest.
///
/// ```
/// let m = zh_econ::indicator::find("实现地区生产总值1318.2亿元");
/// assert_eq!(m[0].canonical, "地区生产总值");
/// ```
pub fn find(folded: &str) -> Vec<IndicatorMention> {
    mentions(folded).collect()
}

/// The mentions of [`find`], one at a time.
pub(crate) fn mentions(folded: &str) -> impl Iterator<Item = IndicatorMention> + '_ {
    let lex = &*LEXICON;
    lex.ac.iter().flat_map(move |ac| {
        ac.find_iter(folded).filter_map(move |m| {
            let i = m.pattern().as_usize();
            Some(IndicatorMention {
                start: m.start(),
                end: m.end(),
                name: lex.names.get(i)?,
                canonical: lex.canon.get(i)?,
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sorted run answers what filtering every name does.
    #[test]
    fn completion_matches_linear_search() {
        let reference = |prefix: &str| {
            let mut found = names().filter(|c| c.starts_with(prefix));
            match (found.next(), found.next()) {
                (Some(c), None) => Some(c),
                _ => None,
            }
        };
        let mut prefixes = vec!["", "每万人", "规上", "不是名称"];
        for n in names() {
            prefixes.extend(n.char_indices().map(|(i, _)| n.get(..i).unwrap_or("")));
            prefixes.push(n);
        }
        for p in prefixes {
            assert_eq!(completed(p), reference(p), "{p}");
        }
    }

    #[test]
    fn synonyms_map_to_canonical() {
        for (s, c) in [
            ("生产总值", "地区生产总值"),
            ("人均GDP", "人均地区生产总值"),
            ("规模以上工业增加值", "规上工业增加值"),
            ("R&D经费投入强度", "R&D经费支出占地区生产总值比重"),
        ] {
            assert_eq!(canonical(s), Some(c), "{s}");
        }
    }

    #[test]
    fn table_matches_shared_copy() {
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/indicators.tsv");
        if let Ok(s) = std::fs::read_to_string(&shared) {
            assert_eq!(
                s,
                TABLE,
                "data/indicators.tsv differs from {}: copy it again",
                shared.display()
            );
        }
    }
}
