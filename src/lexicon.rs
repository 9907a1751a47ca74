//! Leftmost-longest search for the word lists of the facts layer (region
//! names, industries, policy heads, indicators, zone suffixes).
//!
//! A long list defeats an aho-corasick automaton's SIMD prefilter, and an
//! unanchored automaton then reads every byte through its transition table:
//! the gazetteer's (6,000 names) is 11 MB as a DFA, built on first use. On
//! Chinese text the prefilter stops often even for a short list (its
//! fingerprints are a character's first bytes, which many characters share).
//! Instead, the first two characters of every word of a list are hashed into an 8 KiB Bloom
//! filter (one-character words into an exact set by their last two bytes);
//! where the filter lets a position pass, the words that begin with its two
//! characters (found by their exact key in a hash map, longest first) are
//! compared with the text byte for byte. A position the filter rejects starts
//! no word, so the first match found this way is the leftmost-longest match
//! (checked against an unanchored automaton in the unit tests). Measured on
//! the dev articles: the gazetteer's search 180 -> 134 us with an anchored
//! automaton at the filtered positions (the first `Document::parse` of a
//! process 38 -> 25 ms, the extract example's peak memory on one article 18.7
//! -> 6.9 MB); comparing the candidates directly instead, the gazetteer's
//! estimated cycles -10% and the first parse 25 -> 9-13 ms (no automaton to
//! build).
//!
//! The document pass searches all its lists at once ([`Lexicons`]): one walk
//! over the folded text with the filter of their union, which records every
//! position where a word of each list starts; each consumer then reads its
//! list's starts ([`leftmost_longest`], [`Starts`]). That replaced two
//! filtered walks (divisions, industries) and four SIMD searches (zone
//! suffixes, areas, policy words, quotation marks), which on Chinese text stop
//! often: their fingerprints are a character's first bytes, which many
//! characters share. Estimated cycles of a document pass -7.2%, time -6.5%.

use aho_corasick::PatternID;

/// A match: its pattern (the word's index in its list) and its byte span.
pub(crate) use aho_corasick::Match;

/// Bits in each prefilter set.
const SLOTS: usize = 1 << 16;

/// One bit for each of the [`SLOTS`] slots, a fixed-size array: a slot (16
/// bits of a key or of its hash) indexes it with no bounds check in the
/// search loop.
#[derive(Debug, Clone)]
struct SlotBits {
    bits: Box<[u64; SLOTS / 64]>,
}

impl SlotBits {
    fn new() -> Self {
        SlotBits {
            bits: Box::new([0; SLOTS / 64]),
        }
    }

    fn set(&mut self, s: usize) {
        if let Some(w) = self.bits.get_mut(s / 64) {
            *w |= 1 << (s % 64);
        }
    }

    /// The bit of slot `s`, as 0 or 1.
    #[inline]
    fn bit(&self, s: usize) -> u64 {
        self.bits.get(s / 64).map_or(0, |w| (w >> (s % 64)) & 1)
    }
}

/// A set of hashed keys: a Bloom filter of two bits a key, so that with the
/// 3,000 two-character starts of the gazetteer under 1% of other keys pass.
#[derive(Debug, Clone)]
struct KeySet(SlotBits);

impl KeySet {
    fn new() -> Self {
        KeySet(SlotBits::new())
    }

    fn insert(&mut self, key: u64) {
        for s in slots(key) {
            self.0.set(s);
        }
    }

    /// Both bits tested, then combined: a branch on the first would be
    /// taken or not at random (a tenth of Han text's positions have it set).
    #[inline]
    fn has(&self, key: u64) -> bool {
        let [a, b] = slots(key);
        self.0.bit(a) & self.0.bit(b) != 0
    }
}

/// A set of keys by their low 16 bits, one bit each.
#[derive(Debug, Clone)]
struct LowBits(SlotBits);

impl LowBits {
    fn new() -> Self {
        LowBits(SlotBits::new())
    }

    fn insert(&mut self, key: u64) {
        self.0.set((key & 0xFFFF) as usize);
    }

    #[inline]
    fn has(&self, key: u64) -> bool {
        self.0.bit((key & 0xFFFF) as usize) != 0
    }
}

/// The two slots of `key`: the top two 16-bit parts of its Fibonacci hash.
#[inline]
fn slots(key: u64) -> [usize; 2] {
    let h = key.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    [(h >> 48) as usize, ((h >> 32) & 0xFFFF) as usize]
}

/// The length of the UTF-8 sequence a byte leads (1 for a continuation byte,
/// which no word starts with), by a table on its high four bits: the search
/// loop takes the next character's length without a branch.
#[inline]
fn char_len(b: u8) -> usize {
    const LEN: [u8; 16] = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4];
    LEN.get(usize::from(b >> 4)).map_or(1, |&n| usize::from(n))
}

/// Up to eight bytes as one number, big-endian (two characters take at
/// most eight): the key of a word's start.
fn key(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |k, &b| (k << 8) | u64::from(b))
}

/// The eight bytes at `i` as one big-endian number, zeros past the end.
#[inline]
fn eight_at(t: &[u8], i: usize) -> u64 {
    match t.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
        Some(w) => u64::from_be_bytes(w),
        None => {
            let rest = t.get(i..).unwrap_or(&[]);
            key(rest).checked_shl(8 * (8 - rest.len().min(8)) as u32).unwrap_or(0)
        }
    }
}

/// The key of the first `n` (1 to 8) bytes of the eight in `w`.
#[inline]
fn prefix(w: u64, n: usize) -> u64 {
    w >> (8 * (8 - n))
}

/// A word list compiled for leftmost-longest search: in `在杭州市区`, of the
/// words `杭州`, `杭州市` and `市`, the match is `杭州市`.
///
/// For a list searched on its own, in pieces of text of its own (the
/// indicator names, in a figure's clause); the document's lists are searched
/// together ([`Lexicons`]).
#[derive(Debug, Clone)]
pub(crate) struct Matcher(Filter);

/// The prefilter of word lists and their words.
#[derive(Debug, Clone)]
struct Filter {
    /// Keys of the words' first two characters.
    two: KeySet,
    /// The one-character words, by the low 16 bits of their keys (their
    /// last two bytes): few words, so a position passes this exact test of
    /// one bit, with no hash, only where one of them may be.
    one: LowBits,
    has_one: bool,
    /// The ASCII bytes a word starts with, one bit each.
    ascii: u128,
    /// The words by the key of their first two characters (a one-character
    /// word by its own), by list, longest first, then by pattern.
    words: WordsByKey,
}

/// A word of a list: its list, its pattern (index in its list), its bytes.
#[derive(Debug, Clone)]
struct Word {
    list: u32,
    pattern: u32,
    bytes: Box<[u8]>,
}

impl Word {
    /// True if the word is at byte `i` of `t`. Compared byte by byte inline:
    /// most candidates differ within a few bytes, and a `memcmp` call per
    /// candidate cost more than the loop.
    #[inline]
    fn is_at(&self, t: &[u8], i: usize) -> bool {
        t.get(i..i + self.bytes.len())
            .is_some_and(|s| s.iter().zip(self.bytes.iter()).all(|(a, b)| a == b))
    }

    fn found_at(&self, i: usize) -> Option<Match> {
        let id = PatternID::new(self.pattern as usize).ok()?;
        Some(Match::new(id, i..i + self.bytes.len()))
    }
}

/// Words by key (rustc-hash: keys from fixed lists).
type WordsByKey = rustc_hash::FxHashMap<u64, Vec<Word>>;

impl Filter {
    /// Compiles the word lists (no empty word; at most 64 lists). `None` if
    /// a word is empty or there are too many words or lists.
    fn build<L, P>(lists: &[L]) -> Option<Filter>
    where
        L: AsRef<[P]>,
        P: AsRef<str>,
    {
        if lists.len() > 64 {
            return None;
        }
        let (mut two, mut one, mut has_one, mut ascii) = (KeySet::new(), LowBits::new(), false, 0u128);
        let mut by_key = WordsByKey::default();
        for (l, words) in lists.iter().enumerate() {
            for (p, w) in words.as_ref().iter().enumerate() {
                let b = w.as_ref().as_bytes();
                let b0 = *b.first()?;
                if b0 < 0x80 {
                    ascii |= 1 << b0;
                }
                let l1 = char_len(b0);
                let k = match b.get(l1) {
                    Some(&b2) => {
                        let k = key(b.get(..l1 + char_len(b2))?);
                        two.insert(k);
                        k
                    }
                    None => {
                        let k = key(b);
                        one.insert(k);
                        has_one = true;
                        k
                    }
                };
                by_key.entry(k).or_default().push(Word {
                    list: u32::try_from(l).ok()?,
                    pattern: u32::try_from(p).ok()?,
                    bytes: b.into(),
                });
            }
        }
        for list in by_key.values_mut() {
            // By list; longest first; among equal words, the first given (as
            // the automaton reports it).
            list.sort_by(|a, b| {
                a.list
                    .cmp(&b.list)
                    .then(b.bytes.len().cmp(&a.bytes.len()))
                    .then(a.pattern.cmp(&b.pattern))
            });
        }
        Some(Filter {
            two,
            one,
            has_one,
            ascii,
            words: by_key,
        })
    }

    /// The longest word at byte `i` of `t` among those keyed `key` (a list
    /// of one list).
    #[inline]
    fn word_at(&self, t: &[u8], i: usize, key: u64) -> Option<Match> {
        self.words.get(&key)?.iter().find(|w| w.is_at(t, i))?.found_at(i)
    }

    /// Walks the characters of `t` from byte `from`, calling `visit(i, two,
    /// one)` at each one where a word may start: `two` is the key of the
    /// two characters at `i` if the filter lets it pass, `one` the key of
    /// the character at `i` if a one-character word may be there (0 for
    /// neither: no key is 0). The walk stops at the first `Some` returned.
    #[inline(always)]
    fn walk<R>(&self, t: &[u8], from: usize, mut visit: impl FnMut(usize, u64, u64) -> Option<R>) -> Option<R> {
        let mut i = from;
        while let Some(&b0) = t.get(i) {
            // The eight bytes from `i`: each key is a prefix of them, and the
            // next character's lead byte is among them (zero past the end:
            // no word has a NUL, so the key found there is in no set).
            if b0 & 0xF0 == 0xE0 {
                // A three-byte character (most of a Chinese text), on a path
                // of its own where the lengths are constants: the keys by
                // fixed shifts.
                let w = eight_at(t, i);
                // The next character's length by table, not by a branch: a
                // Han character's neighbour is punctuation or ASCII often
                // enough to defeat the predictor.
                let two = prefix(w, 3 + char_len((w >> 32) as u8));
                let (two, one) = self.passing(two, w >> 40);
                if two | one != 0 {
                    if let Some(r) = visit(i, two, one) {
                        return Some(r);
                    }
                }
                i += 3;
                continue;
            }
            // Branches a predictor learns (ASCII starts no word of most
            // lists): measured faster than a branchless table, whose lookups
            // chain from one character to the next.
            let l1 = if b0 < 0x80 {
                if self.ascii & (1 << b0) == 0 {
                    i += 1;
                    continue;
                }
                1
            } else if b0 >= 0xF0 {
                4
            } else if b0 >= 0xC0 {
                2
            } else {
                // A continuation byte (`from` inside a character) starts no word.
                1
            };
            let w = eight_at(t, i);
            let next = (w >> (56 - 8 * l1)) as u8;
            let (two, one) = self.passing(prefix(w, l1 + char_len(next)), prefix(w, l1));
            if two | one != 0 {
                if let Some(r) = visit(i, two, one) {
                    return Some(r);
                }
            }
            i += l1;
        }
        None
    }

    /// The keys of a position that the filters let pass, 0 for the others:
    /// `two` of its first two characters, `one` of its first.
    #[inline(always)]
    fn passing(&self, two: u64, one: u64) -> (u64, u64) {
        let two = if self.two.has(two) { two } else { 0 };
        let one = if self.has_one && self.one.has(one) { one } else { 0 };
        (two, one)
    }
}

impl Matcher {
    /// Compiles `words` (no empty word). `None` if a word is empty.
    pub(crate) fn new<I, P>(words: I) -> Option<Matcher>
    where
        I: IntoIterator<Item = P>,
        P: AsRef<str>,
    {
        let words: Vec<P> = words.into_iter().collect();
        Filter::build(&[words]).map(Matcher)
    }

    /// The leftmost-longest match in `text` starting at or after `from`.
    #[inline]
    pub(crate) fn find_at(&self, text: &str, from: usize) -> Option<Match> {
        let f = &self.0;
        let t = text.as_bytes();
        // A word of two characters or more is longer than one of one.
        f.walk(t, from, |i, two, one| {
            let found = if two != 0 { f.word_at(t, i, two) } else { None };
            found.or_else(|| if one != 0 { f.word_at(t, i, one) } else { None })
        })
    }

    /// Every leftmost-longest match of `text`, in order, none overlapping.
    pub(crate) fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Match> + 'a {
        let mut from = 0;
        std::iter::from_fn(move || {
            let m = self.find_at(text, from)?;
            from = m.end().max(m.start() + 1);
            Some(m)
        })
    }
}

/// Several word lists searched together: one walk over a text finds, for
/// every list, each position where one of its words starts.
///
/// The document pass matches its folded text against the divisions of the
/// gazetteer, the zone suffixes, the supra-regional areas, the industries,
/// the policy words and the opening quotation marks. Searched one list at a
/// time, that is two filtered walks over every character and four SIMD
/// searches, which on Chinese text stop often (their fingerprints are the
/// first bytes of a character, shared by many characters); searched
/// together, one walk tests each character against the union of the lists'
/// starts, and only the words of a passing start are compared.
#[derive(Debug, Clone)]
pub(crate) struct Lexicons {
    filter: Filter,
    lists: usize,
}

impl Lexicons {
    /// Compiles `lists` (at most 64, no empty word). `None` if that fails.
    pub(crate) fn new<L, P>(lists: &[L]) -> Option<Lexicons>
    where
        L: AsRef<[P]>,
        P: AsRef<str>,
    {
        Some(Lexicons {
            filter: Filter::build(lists)?,
            lists: lists.len(),
        })
    }

    /// Every start of a word in `text`, list by list.
    pub(crate) fn search(&self, text: &str) -> Found {
        let f = &self.filter;
        let t = text.as_bytes();
        let mut lists: Vec<Vec<Match>> = vec![Vec::new(); self.lists];
        f.walk(t, 0, |i, two, one| {
            // Lists with a match at `i` already: the first of a list is its
            // longest, and a word keyed by two characters is longer than one
            // keyed by one.
            let mut done = 0u64;
            for key in [two, one] {
                let Some(words) = (if key != 0 { f.words.get(&key) } else { None }) else {
                    continue;
                };
                for w in words {
                    let bit = 1u64 << (w.list % 64);
                    if done & bit == 0 && w.is_at(t, i) {
                        done |= bit;
                        if let (Some(m), Some(list)) = (w.found_at(i), lists.get_mut(w.list as usize)) {
                            list.push(m);
                        }
                    }
                }
            }
            None::<()>
        });
        Found { lists }
    }
}

/// The word starts a [`Lexicons`] search found: per list, in text order, each
/// position where a word of the list starts, with the longest word there.
#[derive(Debug, Clone, Default)]
pub(crate) struct Found {
    lists: Vec<Vec<Match>>,
}

impl Found {
    /// The starts of list `k` (empty for a list that does not exist).
    pub(crate) fn list(&self, k: usize) -> &[Match] {
        self.lists.get(k).map_or(&[], Vec::as_slice)
    }
}

/// The leftmost-longest matches of one list, none overlapping (what an
/// automaton's `find_iter` gives), from its [`Found::list`] starts.
pub(crate) fn leftmost_longest(starts: &[Match]) -> impl Iterator<Item = Match> + '_ {
    let mut from = 0;
    starts.iter().copied().filter(move |m| {
        let take = m.start() >= from;
        if take {
            from = m.end().max(m.start() + 1);
        }
        take
    })
}

/// A forward reader of one list's [`Found::list`] starts: the leftmost-longest
/// match at or after a position (what an automaton's search from there gives),
/// for positions that never go back.
#[derive(Debug, Clone)]
pub(crate) struct Starts<'a> {
    starts: &'a [Match],
    next: usize,
}

impl<'a> Starts<'a> {
    pub(crate) fn new(starts: &'a [Match]) -> Self {
        Starts { starts, next: 0 }
    }

    /// The first start at or after byte `from` (not below the last `from`).
    pub(crate) fn at_or_after(&mut self, from: usize) -> Option<Match> {
        while self.starts.get(self.next).is_some_and(|m| m.start() < from) {
            self.next += 1;
        }
        self.starts.get(self.next).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, Input, MatchKind};
    use proptest::prelude::*;

    /// The slow reference: aho-corasick's own unanchored search.
    fn reference(words: &[&str], text: &str) -> Vec<(usize, usize, usize)> {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(words)
            .unwrap();
        ac.find_iter(text)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect()
    }

    /// The matcher's matches.
    fn fast(words: &[&str], text: &str) -> Vec<(usize, usize, usize)> {
        Matcher::new(words)
            .unwrap()
            .find_iter(text)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect()
    }

    const WORDS: &[&str] = &[
        "杭州",
        "杭州市",
        "市",
        "滨江区",
        "高新区",
        "5G",
        "a",
        "ab",
        "é中",
        "中é",
        "😀国",
        "国😀",
        "浙江省",
        "江",
        // The same word twice: the first is reported.
        "市",
        "江",
    ];

    #[test]
    fn longest_at_the_leftmost_start() {
        assert_eq!(fast(WORDS, "在杭州市区"), vec![(1, 3, 12)]);
        assert_eq!(
            fast(WORDS, "杭州高新区(滨江)"),
            vec![(0, 0, 6), (4, 6, 15), (13, 19, 22)]
        );
        assert_eq!(fast(WORDS, "5G基站"), vec![(5, 0, 2)]);
        assert_eq!(fast(WORDS, ""), vec![]);
    }

    /// Lists searched together: [`WORDS`] split in three (a word may be in
    /// two lists) and a list of one-character words.
    const LISTS: &[&[&str]] = &[
        &["杭州", "杭州市", "市", "滨江区", "高新区", "5G", "a"],
        &["ab", "é中", "中é", "😀国", "国😀", "浙江省", "江", "杭州"],
        &["市", "江", "区", "“"],
        &["高新区", "浙江", "州市区"],
    ];

    /// Each list's matches from a search of all of them, as an automaton's
    /// `find_iter` reports them, and the forward reader against the
    /// automaton's search from each offset.
    fn check_lists(text: &str) -> Result<(), TestCaseError> {
        let found = Lexicons::new(LISTS).unwrap().search(text);
        for (k, words) in LISTS.iter().enumerate() {
            let got: Vec<(usize, usize, usize)> = leftmost_longest(found.list(k))
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect();
            prop_assert_eq!(got, reference(words, text), "list {} in {:?}", k, text);
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(*words)
                .unwrap();
            let mut starts = Starts::new(found.list(k));
            for from in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let want = ac
                    .find(Input::new(text).range(from..))
                    .map(|m| (m.pattern(), m.start(), m.end()));
                let got = starts.at_or_after(from).map(|m| (m.pattern(), m.start(), m.end()));
                prop_assert_eq!(got, want, "list {} from {} in {:?}", k, from, text);
            }
        }
        prop_assert!(found.list(LISTS.len()).is_empty());
        Ok(())
    }

    #[test]
    fn lists_searched_together() {
        check_lists("在杭州市区，“浙江省”高新区5G").unwrap();
        let found = Lexicons::new(LISTS).unwrap().search("杭州市区");
        let starts = |k: usize| -> Vec<(usize, usize)> { found.list(k).iter().map(|m| (m.start(), m.end())).collect() };
        // Every start, overlapping ones too: 杭州市 at 0 and 市 at 6 in list 0.
        assert_eq!(starts(0), vec![(0, 9), (6, 9)]);
        assert_eq!(starts(1), vec![(0, 6)]);
        assert_eq!(starts(2), vec![(6, 9), (9, 12)]);
        assert_eq!(starts(3), vec![(3, 12)]);
    }

    proptest! {
        #[test]
        fn lists_agree_with_their_automata(
            parts in prop::collection::vec(
                prop_oneof![
                    prop::sample::select(WORDS).prop_map(str::to_string),
                    prop::sample::select(vec!["杭", "州", "市", "江", "浙", "é", "😀", "国", "中", "a", "b", "5", "G", " ", "区", "“", "高", "新"])
                        .prop_map(str::to_string),
                    any::<char>().prop_map(String::from),
                ],
                0..40,
            )
        ) {
            check_lists(&parts.concat())?;
        }

        #[test]
        fn agrees_with_an_unanchored_search(
            parts in prop::collection::vec(
                prop_oneof![
                    prop::sample::select(WORDS).prop_map(str::to_string),
                    prop::sample::select(vec!["杭", "州", "市", "江", "浙", "é", "😀", "国", "中", "a", "b", "5", "G", " ", "区"])
                        .prop_map(str::to_string),
                    any::<char>().prop_map(String::from),
                ],
                0..40,
            )
        ) {
            let text: String = parts.concat();
            prop_assert_eq!(fast(WORDS, &text), reference(WORDS, &text));
        }

        #[test]
        fn finds_from_any_offset(text in "[杭州市江浙éa5G😀国中区 ]{0,30}", cut in 0usize..200) {
            let from = cut.min(text.len());
            let ac = AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(WORDS).unwrap();
            let want = ac.find(Input::new(&text).range(from..)).map(|m| (m.pattern(), m.start(), m.end()));
            let got = Matcher::new(WORDS)
                .unwrap()
                .find_at(&text, from)
                .map(|m| (m.pattern(), m.start(), m.end()));
            prop_assert_eq!(got, want, "from {}", from);
        }
    }
}
