//! Traditional → simplified, one character to one character.
//!
//! PLACEHOLDER: a hand-written subset until the generated table lands.

/// The simplified form of a traditional character, if it has one.
pub(crate) fn simplified(c: char) -> Option<char> {
    T2S.binary_search_by_key(&c, |&(t, _)| t).ok().and_then(|i| T2S.get(i)).map(|&(_, s)| s)
}

static T2S: &[(char, char)] = &[];
