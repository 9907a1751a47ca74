//! The document API: parse a text once into its quantities, regions and facts.
//!
//! ```
//! use zh_econ::document::{Document, Options};
//!
//! let text = "长兴县2022年实现规上工业增加值300.9亿元，同比增长12.3%。";
//! let doc = Document::parse(text);
//! assert_eq!(doc.quantities.len(), 2);
//! assert_eq!(doc.facts[0].region_code.as_deref(), Some("330522"));
//! assert_eq!(doc.facts[0].indicator.as_deref(), Some("规上工业增加值"));
//!
//! // Relative periods (今年, 上半年) need the document's date: given, or the page's dateline.
//! let doc = Document::parse_with("今年上半年，全县GDP增长5%。", &Options::new().date("2024-09-24".parse().unwrap()));
//! assert_eq!(doc.facts[0].period.unwrap().to_string(), "2024H1");
//! ```

use crate::fact::{self, Fact};
use crate::industry::{self, IndustryCluster};
use crate::lexicon::Lexicons;
use crate::normalize::Folded;
use crate::period::{self, Date};
use crate::policy::{self, PolicyMeasure};
use crate::quantity::Quantity;
use crate::region::{self, Gazetteer, RegionMention};
use crate::scan;
use std::sync::LazyLock;

/// The lists of words the document pass finds in its folded text, in the
/// order of [`LEXICONS`]: division names and short forms, zone suffixes,
/// supra-regional areas, industries, then the policy lists.
const DIVISIONS: usize = 0;
const ZONES: usize = 1;
const AREAS: usize = 2;
const INDUSTRIES: usize = 3;
const POLICY_LISTS: usize = 4;

/// The word lists of the document pass, in the order of the constants above.
fn word_lists() -> Vec<Vec<&'static str>> {
    let mut lists = vec![
        Gazetteer::get().division_words().iter().map(String::as_str).collect(),
        region::ZONE_SUFFIXES.to_vec(),
        region::SUPRA_REGIONS.to_vec(),
        industry::words(),
    ];
    lists.extend(policy::WORD_LISTS.iter().map(|l| l.to_vec()));
    lists
}

/// Every word list of the document pass, searched together: one walk over
/// the folded text instead of one search per list (see [`Lexicons`]).
static LEXICONS: LazyLock<Option<Lexicons>> = LazyLock::new(|| Lexicons::new(&word_lists()));

/// How to read a document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// The document's date, for relative periods (今年, 去年, 上半年). When
    /// `None`, the first full date in the text (its dateline) is used.
    pub date: Option<Date>,
}

impl Options {
    /// Default options: the date is taken from the text.
    pub const fn new() -> Self {
        Options { date: None }
    }

    /// Sets the document's date.
    pub const fn date(mut self, date: Date) -> Self {
        self.date = Some(date);
        self
    }
}

/// A parsed document.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Document {
    /// The date relative periods were resolved against, if any.
    pub date: Option<Date>,
    /// Every quantity, in order.
    pub quantities: Vec<Quantity>,
    /// Every region mention, in order.
    pub regions: Vec<RegionMention>,
    /// The facts.
    pub facts: Vec<Fact>,
    /// Every industry mention, in order (see [`crate::industry`]).
    pub industries: Vec<IndustryCluster>,
    /// Every named policy measure, in order, with its issuing region and the funds and targets
    /// of its sentence (see [`crate::policy`]).
    pub policies: Vec<PolicyMeasure>,
}

impl Document {
    /// Parses `text` with default options.
    pub fn parse(text: &str) -> Document {
        Document::parse_with(text, &Options::new())
    }

    /// Parses `text`.
    pub fn parse_with(text: &str, options: &Options) -> Document {
        let date = options.date.or_else(|| period::dateline(text));
        let quantities: Vec<Quantity> = scan::quantities(text).collect();
        // One folded copy (simplified script, ASCII digits, no pinyin) for every
        // matcher of names: regions, industries and policies.
        let folded = Folded::new(text, 0);
        let found = LEXICONS.as_ref().map(|l| l.search(&folded.text)).unwrap_or_default();
        let regions = Gazetteer::get().find_matched(&folded, found.list(DIVISIONS), found.list(ZONES));
        let regions = region::with_document_names_matched(text, &folded, found.list(AREAS), regions);
        let periods = period::find(text, date);
        // The sentences of the facts, whose funds and targets a policy takes.
        let ends = fact::sentence_ends(text);
        let facts = fact::build(text, &folded, date, &quantities, &regions, &periods, &ends);
        let industries = industry::find_matched(text, &folded, found.list(INDUSTRIES));
        let policy_lists = (found.list(POLICY_LISTS), found.list(POLICY_LISTS + 1));
        let policies = policy::find_with_matched(text, &folded, policy_lists, &regions, &quantities, &facts, &ends);
        Document {
            date,
            quantities,
            regions,
            facts,
            industries,
            policies,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each list searched with all the others gives the starts it gives
    /// searched alone: the union's filter and the shared walk change no list's
    /// matches. Over the folded copies of the held-out articles (every
    /// encoding, traditional script and scraped noise among them).
    #[test]
    fn lists_searched_together_match_each_alone() {
        let alone: Vec<Lexicons> = word_lists().iter().map(|l| Lexicons::new(&[l]).unwrap()).collect();
        let together = LEXICONS.as_ref().unwrap();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/heldout");
        let (mut texts, mut with_divisions) = (0, 0);
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let text = crate::decode::decode(&bytes).unwrap().text;
            let folded = Folded::new(&text, 0);
            let found = together.search(&folded.text);
            for (k, l) in alone.iter().enumerate() {
                assert_eq!(
                    found.list(k),
                    l.search(&folded.text).list(0),
                    "list {k} in {}",
                    path.display()
                );
            }
            texts += 1;
            with_divisions += usize::from(!found.list(DIVISIONS).is_empty());
        }
        assert!(
            texts >= 20 && with_divisions >= 10,
            "{texts} texts, {with_divisions} with divisions"
        );
    }
}
