//! Leftmost-longest search for the word lists of the facts layer (region
//! names, industries, policy heads, indicators, zone suffixes).
//!
//! A short list (up to 64 words: zone suffixes, policy heads) is searched by
//! an aho-corasick automaton, whose SIMD prefilter finds the few places worth
//! reading. A long list defeats that prefilter, and an unanchored automaton
//! then reads every byte through its transition table: the gazetteer's (6,000
//! names) is 11 MB as a DFA, built on first use. Instead, the first two
//! characters of every word of a long list are hashed into an 8 KiB Bloom
//! filter (one-character words into a second one); where the filter lets a
//! position pass, the words that begin with its two characters (found by
//! their exact key in a hash map, longest first) are compared with the text
//! byte for byte. A position the filter rejects starts no word, so the first
//! match found this way is the leftmost-longest match (checked against an
//! unanchored automaton in the unit tests). Measured on the dev articles: the
//! gazetteer's search 180 -> 134 us with an anchored automaton at the
//! filtered positions (the first `Document::parse` of a process 38 -> 25 ms,
//! the extract example's peak memory on one article 18.7 -> 6.9 MB); comparing
//! the candidates directly instead, the gazetteer's estimated cycles -10% and
//! the first parse 25 -> 9-13 ms (no automaton to build); the zone suffixes
//! take 12 us with the SIMD prefilter, 118 us filtered.

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, Match, MatchKind, PatternID};

/// Bits in each prefilter set.
const SLOTS: usize = 1 << 16;

/// A set of hashed keys: a Bloom filter of two bits a key, so that with the
/// 3,000 two-character starts of the gazetteer under 1% of other keys pass.
///
/// The bits are a fixed-size array: a slot (16 bits of the hash) indexes it
/// with no bounds check in the search loop.
#[derive(Debug, Clone)]
struct KeySet {
    bits: Box<[u64; SLOTS / 64]>,
}

impl KeySet {
    fn new() -> Self {
        KeySet {
            bits: Box::new([0; SLOTS / 64]),
        }
    }

    fn insert(&mut self, key: u64) {
        for s in slots(key) {
            if let Some(w) = self.bits.get_mut(s / 64) {
                *w |= 1 << (s % 64);
            }
        }
    }

    #[inline]
    fn has(&self, key: u64) -> bool {
        slots(key)
            .iter()
            .all(|&s| self.bits.get(s / 64).is_some_and(|w| w & (1 << (s % 64)) != 0))
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
#[derive(Debug, Clone)]
pub(crate) enum Matcher {
    /// A short list: the automaton alone, whose SIMD prefilter (Teddy, up
    /// to 64 words) measured ten times faster than the filter here on the
    /// zone suffixes and the policy heads.
    Automaton(AhoCorasick),
    /// A long list: where a word may start, and the words by their start.
    Filtered(Filter),
}

/// The prefilter of a long list and its words.
#[derive(Debug, Clone)]
pub(crate) struct Filter {
    /// Keys of the words' first two characters.
    two: KeySet,
    /// Keys of the one-character words.
    one: KeySet,
    has_one: bool,
    /// The ASCII bytes a word starts with, one bit each.
    ascii: u128,
    /// The words by the key of their first two characters (a one-character
    /// word by its own), longest first, then by pattern.
    words: WordsByKey,
}

/// `(pattern, word)` lists by key (rustc-hash: keys from a fixed list).
type WordsByKey = rustc_hash::FxHashMap<u64, Vec<(u32, Box<[u8]>)>>;

impl Filter {
    /// The longest word at byte `i` of `t` among those keyed `key`.
    #[inline]
    fn word_at(&self, t: &[u8], i: usize, key: u64) -> Option<Match> {
        // Compared byte by byte inline: most candidates differ within a few
        // bytes, and a `memcmp` call per candidate cost more than the loop.
        let (p, w) = self.words.get(&key)?.iter().find(|(_, w)| {
            t.get(i..i + w.len())
                .is_some_and(|s| s.iter().zip(w.iter()).all(|(a, b)| a == b))
        })?;
        let id = PatternID::new(*p as usize).ok()?;
        Some(Match::new(id, i..i + w.len()))
    }
}

/// The longest list searched by the automaton alone.
const SHORT_LIST: usize = 64;

impl Matcher {
    /// Compiles `words` (no empty word). `None` if the automaton cannot be
    /// built (it can for every list of this crate).
    pub(crate) fn new<I, P>(words: I) -> Option<Matcher>
    where
        I: IntoIterator<Item = P>,
        P: AsRef<str>,
    {
        let words: Vec<P> = words.into_iter().collect();
        let filtered = words.len() > SHORT_LIST;
        Matcher::build(&words, filtered)
    }

    fn build<P: AsRef<str>>(words: &[P], filtered: bool) -> Option<Matcher> {
        if !filtered {
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::DFA))
                .build(words.iter().map(|w| w.as_ref()))
                .ok()?;
            return Some(Matcher::Automaton(ac));
        }
        let (mut two, mut one, mut has_one, mut ascii) = (KeySet::new(), KeySet::new(), false, 0u128);
        let mut by_key = WordsByKey::default();
        for (p, w) in words.iter().enumerate() {
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
            by_key.entry(k).or_default().push((u32::try_from(p).ok()?, b.into()));
        }
        for list in by_key.values_mut() {
            // Longest first; among equal words, the first given (as the
            // automaton reports it).
            list.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        }
        Some(Matcher::Filtered(Filter {
            two,
            one,
            has_one,
            ascii,
            words: by_key,
        }))
    }

    /// The leftmost-longest match in `text` starting at or after `from`.
    #[inline]
    pub(crate) fn find_at(&self, text: &str, from: usize) -> Option<Match> {
        let f = match self {
            Matcher::Automaton(ac) => {
                let input = Input::new(text).range(from.min(text.len())..);
                return ac.try_find(input).ok().flatten();
            }
            Matcher::Filtered(f) => f,
        };
        let t = text.as_bytes();
        let mut i = from;
        while let Some(&b0) = t.get(i) {
            // Branches a predictor learns (most text is Han, and ASCII
            // starts no word of most lists): measured faster than a
            // branchless table, whose lookups chain from one character to
            // the next.
            let l1 = if b0 < 0x80 {
                if f.ascii & (1 << b0) == 0 {
                    i += 1;
                    continue;
                }
                1
            } else if b0 >= 0xE0 {
                if b0 < 0xF0 {
                    3
                } else {
                    4
                }
            } else if b0 >= 0xC0 {
                2
            } else {
                // A continuation byte (`from` inside a character) starts no word.
                1
            };
            // The eight bytes from `i`: each key is a prefix of them, and the
            // next character's lead byte is among them (zero past the end:
            // no word has a NUL, so the key found there is in no set).
            let w = eight_at(t, i);
            // Two three-byte characters (most of a text): the key by fixed
            // shifts; otherwise by the lengths.
            let two = if l1 == 3 && (w >> 32) & 0xF0 == 0xE0 {
                w >> 16
            } else {
                let next = (w >> (56 - 8 * l1)) as u8;
                prefix(w, l1 + char_len(next))
            };
            // A word of two characters or more is longer than one of one.
            if f.two.has(two) {
                if let Some(m) = f.word_at(t, i, two) {
                    return Some(m);
                }
            }
            if f.has_one && f.one.has(prefix(w, l1)) {
                if let Some(m) = f.word_at(t, i, prefix(w, l1)) {
                    return Some(m);
                }
            }
            i += l1;
        }
        None
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

#[cfg(test)]
mod tests {
    use super::*;
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

    /// Both ways of searching: the automaton alone and the filtered one.
    fn fast(words: &[&str], text: &str) -> Vec<(usize, usize, usize)> {
        let hits = |filtered| -> Vec<(usize, usize, usize)> {
            Matcher::build(words, filtered)
                .unwrap()
                .find_iter(text)
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect()
        };
        let filtered = hits(true);
        assert_eq!(filtered, hits(false), "{text:?}");
        filtered
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

    proptest! {
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
            for filtered in [true, false] {
                let got = Matcher::build(WORDS, filtered)
                    .unwrap()
                    .find_at(&text, from)
                    .map(|m| (m.pattern(), m.start(), m.end()));
                prop_assert_eq!(got, want, "filtered: {}, from {}", filtered, from);
            }
        }
    }
}
