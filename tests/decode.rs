//! Tests of `zh_econ::decode` through its public API.
//!
//! Encoded inputs are made with `encoding_rs` (GB18030, Big5) and by hand
//! from `str::encode_utf16` (UTF-16).

use std::borrow::Cow;

mod common;
use common::dev_articles;

use zh_econ::decode::{decode, decode_lossy, detect, DecodeError, Decoded, Encoding};

const SIMPLIFIED: &[&str] = &[
    "2023年海宁市实现地区生产总值1318.2亿元，同比增长6.8%。",
    "全市居民人均可支配收入68976元，比上年增长5.1%；其中城镇居民人均可支配收入80012元。",
    "规上工业增加值增长7.2%，社会消费品零售总额达到2345.6亿元，固定资产投资下降1.3个百分点。",
];

const TRADITIONAL: &[&str] = &[
    "長興縣規上工業增加值達300.9億元，增長5.5個百分點。",
    "全年實現地區生產總值1,318.2億元，按可比價格計算，比上年增長6.8%。",
    "社會消費品零售總額為2,345.6億元，按年上升3.2%，其中網上零售額增長12.4%。",
];

// ---------------------------------------------------------------- helpers

fn gb18030(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable, "{text} is not encodable in GB18030");
    bytes.into_owned()
}

/// `None` if `text` has a character Big5 lacks.
fn try_big5(text: &str) -> Option<Vec<u8>> {
    let (bytes, _, unmappable) = encoding_rs::BIG5.encode(text);
    (!unmappable).then(|| bytes.into_owned())
}

fn big5(text: &str) -> Vec<u8> {
    try_big5(text).unwrap_or_else(|| panic!("{text} is not encodable in Big5"))
}

fn utf16le(text: &str, bom: bool) -> Vec<u8> {
    let mut bytes = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

fn utf16be(text: &str, bom: bool) -> Vec<u8> {
    let mut bytes = if bom { vec![0xFE, 0xFF] } else { Vec::new() };
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    bytes
}

fn utf8_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

/// Checks that `bytes` is detected as `encoding` and decodes (strictly and
/// leniently) to `text` with no replacement.
fn assert_decodes(bytes: &[u8], text: &str, encoding: Encoding, bom: bool) {
    let what = format!("{text:?} as {encoding} {bytes:02X?}");
    assert_eq!(detect(bytes), encoding, "detect: {what}");
    let strict = decode(bytes).unwrap_or_else(|e| panic!("decode: {what}: {e}"));
    let expected = Decoded {
        text: Cow::Borrowed(text),
        encoding,
        bom,
        replacements: 0,
        first_replacement: None,
    };
    assert_eq!(strict, expected, "decode: {what}");
    assert_eq!(decode_lossy(bytes), expected, "decode_lossy: {what}");
}

/// All the ways of encoding `text` that must round-trip, with the encoding
/// and BOM flag they must be read back with.
fn encodings_of(text: &str) -> Vec<(Vec<u8>, Encoding, bool)> {
    let mut all = vec![
        (text.as_bytes().to_vec(), Encoding::Utf8, false),
        (utf8_bom(text), Encoding::Utf8, true),
        (utf16le(text, true), Encoding::Utf16Le, true),
        (utf16be(text, true), Encoding::Utf16Be, true),
    ];
    // ASCII is the same in GB18030, Big5 and UTF-8, and is read as UTF-8.
    let legacy = if text.is_ascii() {
        Encoding::Utf8
    } else {
        Encoding::Gb18030
    };
    all.push((gb18030(text), legacy, false));
    if let Some(bytes) = try_big5(text) {
        let legacy = if text.is_ascii() {
            Encoding::Utf8
        } else {
            Encoding::Big5
        };
        all.push((bytes, legacy, false));
    }
    all
}

/// Byte offsets in `encode(text)` of every character boundary of `text`.
fn boundaries(text: &str, encode: fn(&str) -> Vec<u8>) -> Vec<(usize, usize)> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .map(|i| (i, encode(&text[..i]).len()))
        .collect()
}

fn insert(bytes: &[u8], at: usize, junk: &[u8]) -> Vec<u8> {
    let mut out = bytes[..at].to_vec();
    out.extend_from_slice(junk);
    out.extend_from_slice(&bytes[at..]);
    out
}

/// A 64-bit linear congruential generator (Knuth's MMIX constants).
struct Lcg(u64);

impl Lcg {
    fn next_u64(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0
    }

    fn byte(&mut self) -> u8 {
        (self.next_u64() >> 56) as u8
    }

    fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 33) % n as u64) as usize
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.byte()).collect()
    }
}

/// What must hold for any input: no panic, `detect`, `decode` and
/// `decode_lossy` agree, and the error and the replacement report describe
/// the same first malformed sequence.
fn check_consistent(bytes: &[u8]) {
    let encoding = detect(bytes);
    let lossy = decode_lossy(bytes);
    assert_eq!(lossy.encoding, encoding, "{bytes:02X?}");
    assert_eq!(
        lossy.replacements > 0,
        lossy.first_replacement.is_some(),
        "{bytes:02X?}"
    );
    assert!(
        lossy.text.matches('\u{FFFD}').count() >= lossy.replacements,
        "{bytes:02X?}"
    );
    let has_bom = matches!(bytes, [0xEF, 0xBB, 0xBF, ..] | [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..]);
    assert_eq!(lossy.bom, has_bom, "{bytes:02X?}");
    match decode(bytes) {
        Ok(strict) => {
            assert_eq!(lossy.replacements, 0, "{bytes:02X?}");
            assert_eq!(strict, lossy, "{bytes:02X?}");
        }
        Err(err) => {
            assert_eq!(err.encoding(), encoding, "{bytes:02X?}");
            assert_eq!(lossy.first_replacement, Some(err.offset()), "{bytes:02X?}");
            let DecodeError::Malformed { offset, len, .. } = err.clone() else {
                unreachable!()
            };
            assert!(len >= 1 && offset + len <= bytes.len(), "{err:?}");
            assert_eq!(err.bytes(), &bytes[offset..offset + len.min(4)], "{err:?}");
            let message = err.to_string();
            assert!(
                message.starts_with(&format!("malformed {encoding} at byte {offset}: ")),
                "{message}"
            );
        }
    }
}

// ------------------------------------------------------------ round trips

#[test]
fn round_trip_simplified_sentences() {
    for text in SIMPLIFIED {
        for (bytes, encoding, bom) in encodings_of(text) {
            assert_decodes(&bytes, text, encoding, bom);
        }
    }
}

#[test]
fn round_trip_traditional_sentences() {
    for text in TRADITIONAL {
        let all = encodings_of(text);
        assert!(all.iter().any(|(_, e, _)| *e == Encoding::Big5), "{text}");
        assert!(all.iter().any(|(_, e, _)| *e == Encoding::Gb18030), "{text}");
        for (bytes, encoding, bom) in all {
            assert_decodes(&bytes, text, encoding, bom);
        }
    }
}

#[test]
fn round_trip_paragraphs() {
    // Long enough (hundreds of non-ASCII bytes) for chardetng to have a say.
    let simplified = SIMPLIFIED.concat();
    let traditional = TRADITIONAL.concat();
    for text in [simplified, traditional] {
        for (bytes, encoding, bom) in encodings_of(&text) {
            assert_decodes(&bytes, &text, encoding, bom);
        }
    }
    let long = TRADITIONAL.concat().repeat(50);
    assert_decodes(&big5(&long), &long, Encoding::Big5, false);
    assert_decodes(&gb18030(&long), &long, Encoding::Gb18030, false);
    let long = SIMPLIFIED.concat().repeat(50);
    assert_decodes(&gb18030(&long), &long, Encoding::Gb18030, false);
}

#[test]
fn round_trip_lines_and_whitespace() {
    let text = "  一、经济运行\r\n\t（一）地区生产总值增长6.8%\n（二）財政收入增長3.1%\n";
    for (bytes, encoding, bom) in encodings_of(text) {
        assert_decodes(&bytes, text, encoding, bom);
    }
}

// --------------------------------------------------------- short inputs

/// Short inputs that every supported encoding must read back exactly.
const SHORT: &[&str] = &[
    "亿元",
    "万人",
    "億元",
    "萬人",
    "5%",
    "５％",
    "亿",
    "億",
    "萬",
    "元",
    "的",
    "年",
    "增",
    "长",
    "長",
    "发",
    "發",
    "人",
    "率",
    "中",
    "国",
    "國",
    "一",
    "同比",
    "增长",
    "增長",
    "百分点",
    "百分點",
    "经济",
    "經濟",
    "亿元。",
    "億元。",
    "1318.2亿元",
    "1318.2億元",
    "(一)",
    "100元",
    "6.8%",
    "GDP",
    "，",
    "。",
    "%",
    "5",
];

#[test]
fn short_inputs_in_every_encoding() {
    for text in SHORT {
        for (bytes, encoding, bom) in encodings_of(text) {
            // A lone 億 in Big5 is genuinely ambiguous: see
            // `genuinely_ambiguous_short_inputs`.
            if encoding == Encoding::Big5 && *text == "億" {
                continue;
            }
            assert_decodes(&bytes, text, encoding, bom);
        }
    }
}

#[test]
fn short_inputs_that_chardetng_gets_wrong() {
    assert_decodes(b"\xD2\xDA\xD4\xAA", "亿元", Encoding::Gb18030, false);
    assert_decodes(b"\xBB\xF5\xA4\xB8", "億元", Encoding::Big5, false);
    assert_eq!(gb18030("亿元"), b"\xD2\xDA\xD4\xAA");
    assert_eq!(big5("億元"), b"\xBB\xF5\xA4\xB8");
}

#[test]
fn ascii_is_utf8_in_every_ascii_compatible_encoding() {
    for text in ["", "5%", "GDP 6.8%", "1,318.2"] {
        assert_eq!(gb18030(text), text.as_bytes());
        assert_eq!(big5(text), text.as_bytes());
        assert_decodes(text.as_bytes(), text, Encoding::Utf8, false);
    }
}

/// Valid UTF-8 that could also be one GBK character.
#[test]
fn short_gbk_that_is_also_valid_utf8() {
    // D4 AA is 元 in GBK and U+052A (Armenian) in UTF-8; D2 BB is 一 in GBK
    // and U+04BB (Cyrillic) in UTF-8. Alone, such letters make no sense, so
    // these are read as GBK.
    assert_eq!(std::str::from_utf8(&gb18030("100元")), Ok("100\u{52A}"));
    assert_decodes(&gb18030("100元"), "100元", Encoding::Gb18030, false);
    assert_decodes(&gb18030("(一)"), "(一)", Encoding::Gb18030, false);
    // The same characters in real UTF-8 text stay UTF-8.
    for text in ["Москва", "Հայաստան", "שלום", "café", "25°C", "α=0.05", "chǎn"] {
        assert_decodes(text.as_bytes(), text, Encoding::Utf8, false);
    }
    // Ambiguous, and read as UTF-8: CE BB is 位 in GBK and λ in UTF-8, and
    // Greek letters are plausible on their own (in formulas).
    assert_eq!(gb18030("位"), "λ".as_bytes());
    assert_decodes("λ".as_bytes(), "λ", Encoding::Utf8, false);
}

/// A lone two-byte character is sometimes a plausible character in both GBK
/// and Big5. Both readings decode cleanly, so the plausibility score decides,
/// and a tie goes to GB18030.
#[test]
fn genuinely_ambiguous_short_inputs() {
    // BB F5 is 億 in Big5 and 货 in GBK: both frequent in economic text.
    assert_eq!(big5("億"), gb18030("货"));
    assert_decodes(&big5("億"), "货", Encoding::Gb18030, false);
    // C9 45 is 万 in Big5, but only as a rare level-2 character (traditional
    // text writes 萬); in GBK it is 蒃, also rare.
    assert_eq!(big5("万"), b"\xC9\x45");
    assert_decodes(b"\xC9\x45", "蒃", Encoding::Gb18030, false);
    // One more character settles both.
    assert_decodes(&big5("億元"), "億元", Encoding::Big5, false);
    assert_decodes(&big5("萬人"), "萬人", Encoding::Big5, false);
    assert_decodes(&big5("万人"), "万人", Encoding::Big5, false);
}

// ------------------------------------ traditional script in GB18030

/// Traditional text in GB18030 (GBK has the traditional characters) is
/// GB18030 at any length: its Big5 reading is full of bopomofo, Cyrillic and
/// rare ideographs (`肮掀崝墿坋珨捷ㄛ…`), and chardetng, which reads it as
/// Big5, does not overrule so clear a difference in plausibility.
#[test]
fn traditional_text_in_gb18030_is_not_big5() {
    let sentence = "同比增長十一倍，糧食播種面積約０．１萬標準箱，較上年回落超過１０００倍。";
    let bytes = gb18030(sentence);
    assert!(bytes.iter().filter(|b| !b.is_ascii()).count() >= 64);
    assert_decodes(&bytes, sentence, Encoding::Gb18030, false);
    let half_width = sentence.replace('０', "0").replace('１', "1").replace('．', ".");
    assert_decodes(&gb18030(&half_width), &half_width, Encoding::Gb18030, false);
    for text in TRADITIONAL {
        let wide = full_width(text);
        for repeat in 1..=8 {
            for text in [text.repeat(repeat), wide.repeat(repeat)] {
                assert_decodes(&gb18030(&text), &text, Encoding::Gb18030, false);
                assert_decodes(&big5(&text), &text, Encoding::Big5, false);
            }
        }
    }
}

/// ASCII digits, `.`, `,`, `%` and `:` to their full-width forms.
fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(u32::from(c) - u32::from('0') + 0xFF10).unwrap(),
            '.' => '．',
            ',' => '，',
            '%' => '％',
            ':' => '：',
            c => c,
        })
        .collect()
}

/// A small simplified → traditional map: the simplified forms most frequent
/// in the dev articles (some, such as 园, are in Big5 too, as HKSCS
/// characters).
#[rustfmt::skip]
const S2T: &[(char, char)] = &[
    ('业', '業'), ('产', '產'), ('发', '發'), ('创', '創'), ('区', '區'), ('资', '資'), ('链', '鏈'), ('动', '動'),
    ('国', '國'), ('进', '進'), ('质', '質'), ('钱', '錢'), ('转', '轉'), ('为', '為'), ('级', '級'), ('实', '實'),
    ('来', '來'), ('滨', '濱'), ('经', '經'), ('势', '勢'), ('个', '個'), ('现', '現'), ('传', '傳'), ('数', '數'),
    ('设', '設'), ('续', '續'), ('际', '際'), ('会', '會'), ('项', '項'), ('学', '學'), ('们', '們'), ('统', '統'),
    ('点', '點'), ('对', '對'), ('园', '園'), ('务', '務'), ('术', '術'), ('药', '藥'), ('领', '領'), ('强', '強'),
    ('应', '應'), ('开', '開'), ('济', '濟'), ('记', '記'), ('规', '規'), ('报', '報'), ('验', '驗'), ('电', '電'),
    ('内', '內'), ('计', '計'), ('场', '場'), ('时', '時'), ('这', '這'), ('从', '從'), ('过', '過'), ('积', '積'),
    ('头', '頭'), ('举', '舉'), ('亿', '億'), ('关', '關'), ('单', '單'), ('条', '條'), ('长', '長'), ('备', '備'),
    ('将', '將'), ('联', '聯'), ('医', '醫'), ('样', '樣'), ('稳', '穩'), ('线', '線'), ('导', '導'), ('总', '總'),
    ('变', '變'), ('挥', '揮'), ('办', '辦'), ('试', '試'), ('战', '戰'), ('书', '書'), ('环', '環'), ('当', '當'),
    ('谋', '謀'), ('态', '態'), ('县', '縣'), ('还', '還'), ('补', '補'), ('组', '組'), ('团', '團'), ('两', '兩'),
    ('专', '專'), ('围', '圍'), ('达', '達'), ('显', '顯'), ('争', '爭'), ('兴', '興'), ('间', '間'), ('随', '隨'),
    ('龙', '龍'), ('让', '讓'), ('径', '徑'), ('着', '著'), ('带', '帶'), ('钢', '鋼'), ('题', '題'), ('负', '負'),
    ('测', '測'), ('营', '營'), ('细', '細'), ('装', '裝'), ('运', '運'), ('双', '雙'), ('断', '斷'), ('贸', '貿'),
    ('员', '員'), ('检', '檢'), ('节', '節'), ('飞', '飛'), ('连', '連'), ('键', '鍵'), ('队', '隊'), ('结', '結'),
    ('标', '標'), ('绕', '繞'), ('车', '車'), ('载', '載'), ('图', '圖'), ('录', '錄'), ('谈', '談'), ('读', '讀'),
    ('责', '責'), ('赋', '賦'), ('赛', '賽'), ('协', '協'), ('阳', '陽'), ('轮', '輪'), ('见', '見'), ('别', '別'),
    ('牵', '牽'), ('无', '無'), ('难', '難'), ('议', '議'), ('树', '樹'), ('仪', '儀'), ('块', '塊'), ('选', '選'),
    ('权', '權'), ('织', '織'), ('费', '費'), ('马', '馬'), ('评', '評'), ('础', '礎'), ('证', '證'), ('届', '屆'),
    ('坚', '堅'), ('亩', '畝'), ('访', '訪'), ('层', '層'), ('论', '論'), ('竞', '競'), ('壮', '壯'), ('风', '風'),
    ('启', '啟'), ('满', '滿'), ('况', '況'), ('约', '約'), ('给', '給'), ('问', '問'), ('扩', '擴'), ('贴', '貼'),
    ('获', '獲'), ('铁', '鐵'), ('绿', '綠'), ('门', '門'), ('顶', '頂'), ('释', '釋'), ('许', '許'), ('税', '稅'),
    ('仅', '僅'), ('军', '軍'), ('视', '視'), ('热', '熱'), ('话', '話'), ('继', '繼'), ('户', '戶'), ('华', '華'),
    ('综', '綜'), ('临', '臨'), ('闻', '聞'), ('旧', '舊'), ('万', '萬'), ('亚', '亞'), ('农', '農'), ('价', '價'),
];

fn to_traditional(text: &str) -> String {
    text.chars()
        .map(|c| S2T.iter().find(|&&(s, _)| s == c).map_or(c, |&(_, t)| t))
        .collect()
}

#[test]
fn s2t_map_is_well_formed() {
    for (i, &(s, t)) in S2T.iter().enumerate() {
        assert_ne!(s, t);
        assert!(try_big5(&t.to_string()).is_some(), "{t} is not in Big5");
        assert!(S2T[..i].iter().all(|&(a, _)| a != s), "{s} twice");
    }
}

/// Encodes text in one legacy encoding.
type Encoder = fn(&str) -> Vec<u8>;

/// The longest prefix of `text` whose encoding by `encode` (a stateless
/// encoding that can write every character of `text`) is at most `max`
/// bytes, and those bytes.
fn encoded_prefix(text: &str, max: usize, encode: Encoder) -> (&str, Vec<u8>) {
    let mut bytes = Vec::new();
    let mut buf = [0; 4];
    for (i, c) in text.char_indices() {
        let char_bytes = encode(c.encode_utf8(&mut buf));
        if bytes.len() + char_bytes.len() > max {
            return (&text[..i], bytes);
        }
        bytes.extend_from_slice(&char_bytes);
    }
    (text, bytes)
}

/// Each dev article as GB18030, converted to traditional (with [`S2T`]) and
/// encoded as GB18030, and as Big5 (the traditional version without the
/// characters Big5 lacks) is detected and decoded right, in prefixes of 64,
/// 256 and 4096 bytes (cut at a character boundary) and whole.
#[test]
fn dev_articles_in_gb18030_and_big5() {
    let articles = dev_articles();
    assert_eq!(articles.len(), 5, "the five dev articles");
    let mut converted = 0;
    for (name, text) in &articles {
        let traditional = to_traditional(text);
        converted += text.chars().zip(traditional.chars()).filter(|(s, t)| s != t).count();
        let in_big5: String = traditional
            .chars()
            .filter(|c| try_big5(c.encode_utf8(&mut [0; 4])).is_some())
            .collect();
        assert!(
            in_big5.chars().count() * 10 >= traditional.chars().count() * 9,
            "{name}"
        );
        let variants: [(&str, &str, Encoding, Encoder); 3] = [
            ("GB18030", text, Encoding::Gb18030, gb18030),
            ("traditional GB18030", &traditional, Encoding::Gb18030, gb18030),
            ("Big5", &in_big5, Encoding::Big5, big5),
        ];
        for (what, text, encoding, encode) in variants {
            for max in [64, 256, 4096, usize::MAX] {
                let (prefix, bytes) = encoded_prefix(text, max, encode);
                assert!(
                    max == usize::MAX || bytes.len() + 4 > max,
                    "{name} {what}: {} bytes",
                    bytes.len()
                );
                let what = format!("{name} as {what}, {} bytes", bytes.len());
                assert_eq!(detect(&bytes), encoding, "{what}");
                let decoded = decode_lossy(&bytes);
                assert_eq!(decoded.encoding, encoding, "{what}");
                assert_eq!(decoded.replacements, 0, "{what}");
                assert!(decoded.text == prefix, "{what}: decoded text differs");
                assert!(
                    decode(&bytes).is_ok_and(|d| d.text == prefix),
                    "{what}: strict decoding differs"
                );
            }
        }
    }
    // Four articles are in simplified script; 003 is in traditional script
    // already (with pinyin in parentheses), so its "GB18030" variant is the
    // case of the bug: a whole article of traditional text in GB18030.
    assert!(
        converted >= 1000,
        "only {converted} characters converted to traditional"
    );
}

// -------------------------------------------------------- strict errors

#[test]
fn gb18030_error_offset_is_the_insertion_point() {
    // (junk, malformed bytes reported, what the lenient decoder makes of it)
    let cases: &[(&[u8], &[u8], &str)] = &[
        (b"\xFF", b"\xFF", "\u{FFFD}"),
        // A lead byte before ASCII: the ASCII byte survives.
        (b"\x81\x20", b"\x81", "\u{FFFD} "),
        (b"\xFE\x7F", b"\xFE", "\u{FFFD}\x7F"),
        // A four-byte sequence with no assigned code point.
        (b"\x84\x31\xA5\x30", b"\x84\x31\xA5\x30", "\u{FFFD}"),
    ];
    for text in SIMPLIFIED.iter().chain(TRADITIONAL) {
        let bytes = gb18030(text);
        for (char_at, at) in boundaries(text, gb18030) {
            for &(junk, bad, replaced) in cases {
                let input = insert(&bytes, at, junk);
                let what = format!("{text} + {junk:02X?} at {at}");
                let err = decode(&input).expect_err(&what);
                assert_eq!(err.encoding(), Encoding::Gb18030, "{what}");
                assert_eq!(err.offset(), at, "{what}");
                assert_eq!(err.bytes(), bad, "{what}");
                let lossy = decode_lossy(&input);
                assert_eq!(lossy.encoding, Encoding::Gb18030, "{what}");
                assert_eq!(lossy.replacements, 1, "{what}");
                assert_eq!(lossy.first_replacement, Some(at), "{what}");
                let expected = format!("{}{replaced}{}", &text[..char_at], &text[char_at..]);
                assert_eq!(lossy.text, expected, "{what}");
            }
        }
    }
}

#[test]
fn utf8_error_offset_is_the_insertion_point() {
    let cases: &[(&[u8], &[u8], &str)] = &[
        (b"\xFF", b"\xFF", "\u{FFFD}"),
        (b"\x80", b"\x80", "\u{FFFD}"),
        (b"\xC3\x28", b"\xC3", "\u{FFFD}("),
        // Two bytes of a three-byte sequence.
        (b"\xE4\xBA", b"\xE4\xBA", "\u{FFFD}"),
    ];
    for text in SIMPLIFIED.iter().chain(TRADITIONAL) {
        for bom in [false, true] {
            let bytes = if bom { utf8_bom(text) } else { text.as_bytes().to_vec() };
            let shift = if bom { 3 } else { 0 };
            for (char_at, _) in boundaries(text, |s| s.as_bytes().to_vec()) {
                let at = char_at + shift;
                for &(junk, bad, replaced) in cases {
                    let input = insert(&bytes, at, junk);
                    let what = format!("{text} + {junk:02X?} at {at}");
                    let err = decode(&input).expect_err(&what);
                    assert_eq!(err.encoding(), Encoding::Utf8, "{what}");
                    assert_eq!(err.offset(), at, "{what}");
                    assert_eq!(err.bytes(), bad, "{what}");
                    let lossy = decode_lossy(&input);
                    assert_eq!(lossy.encoding, Encoding::Utf8, "{what}");
                    assert_eq!(lossy.bom, bom, "{what}");
                    assert_eq!(lossy.replacements, 1, "{what}");
                    assert_eq!(lossy.first_replacement, Some(at), "{what}");
                    let expected = format!("{}{replaced}{}", &text[..char_at], &text[char_at..]);
                    assert_eq!(lossy.text, expected, "{what}");
                }
            }
        }
    }
}

#[test]
fn big5_error_offset() {
    let text = TRADITIONAL[0];
    let bytes = big5(text);
    for (char_at, at) in boundaries(text, big5) {
        let input = insert(&bytes, at, b"\xFF");
        let err = decode(&input).expect_err(text);
        assert_eq!((err.encoding(), err.offset()), (Encoding::Big5, at));
        let lossy = decode_lossy(&input);
        assert_eq!(lossy.encoding, Encoding::Big5);
        assert_eq!((lossy.replacements, lossy.first_replacement), (1, Some(at)));
        let expected = format!("{}\u{FFFD}{}", &text[..char_at], &text[char_at..]);
        assert_eq!(lossy.text, expected);
    }
}

#[test]
fn several_errors_report_the_first_and_count_all() {
    let text = SIMPLIFIED[0];
    let bytes = gb18030(text);
    let input = insert(&insert(&bytes, 20, b"\xFF"), 10, b"\xFF\xFF");
    assert_eq!(decode(&input).unwrap_err().offset(), 10);
    let lossy = decode_lossy(&input);
    assert_eq!(lossy.encoding, Encoding::Gb18030);
    assert_eq!((lossy.replacements, lossy.first_replacement), (3, Some(10)));

    // "2023" and then three bytes per character.
    let input = insert(&insert(text.as_bytes(), 31, b"\x80"), 7, b"\xFF");
    assert_eq!(decode(&input).unwrap_err().offset(), 7);
    let lossy = decode_lossy(&input);
    assert_eq!(lossy.encoding, Encoding::Utf8);
    assert_eq!((lossy.replacements, lossy.first_replacement), (2, Some(7)));
}

#[test]
fn truncated_utf8_stays_utf8() {
    // Cut in the middle of the last character, as a byte limit would.
    let text = SIMPLIFIED[1].as_bytes();
    let cut = &text[..text.len() - 1];
    let err = decode(cut).unwrap_err();
    assert_eq!(err.encoding(), Encoding::Utf8);
    assert_eq!(err.offset(), text.len() - 3);
    assert_eq!(err.bytes(), &text[text.len() - 3..text.len() - 1]);
    let lossy = decode_lossy(cut);
    assert_eq!(lossy.encoding, Encoding::Utf8);
    assert!(lossy.text.ends_with("元\u{FFFD}"));
}

#[test]
fn error_messages() {
    let err = decode(b"\xD4\xF6\xB3\xA4\x81\x20").unwrap_err();
    assert_eq!(
        err.to_string(),
        "malformed GB18030 at byte 4: 1 byte (0x81) is not a valid sequence"
    );
    // "2023" and then two bytes per character.
    let input = insert(&gb18030(SIMPLIFIED[0]), 16, b"\x84\x31\xA5\x30");
    assert_eq!(
        decode(&input).unwrap_err().to_string(),
        "malformed GB18030 at byte 16: 4 bytes (0x84 0x31 0xA5 0x30) are not a valid sequence"
    );
    let err = decode(b"\xFF\xFEa\x00\x00\xD8").unwrap_err();
    assert_eq!(
        err.to_string(),
        "malformed UTF-16LE at byte 4: 2 bytes (0x00 0xD8) are not a valid sequence"
    );
    assert!(matches!(
        err,
        DecodeError::Malformed {
            encoding: Encoding::Utf16Le,
            offset: 4,
            len: 2,
            ..
        }
    ));
    let err = decode(&insert(SIMPLIFIED[0].as_bytes(), 7, b"\xE4\xBA")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "malformed UTF-8 at byte 7: 2 bytes (0xE4 0xBA) are not a valid sequence"
    );
}

// ---------------------------------------------------------------- UTF-16

#[test]
fn utf16_lone_surrogates() {
    for (name, encode, encoding) in [
        ("LE", u16::to_le_bytes as fn(u16) -> [u8; 2], Encoding::Utf16Le),
        ("BE", u16::to_be_bytes, Encoding::Utf16Be),
    ] {
        let bom = encode(0xFEFF);
        let units = |units: &[u16]| -> Vec<u8> {
            bom.iter()
                .copied()
                .chain(units.iter().flat_map(|&u| encode(u)))
                .collect()
        };
        let yi = 0x4EBF; // 亿
        let cases: &[(&[u16], usize, &str)] = &[
            // A high surrogate followed by a non-surrogate.
            (&[yi, 0xD800, 0x0035], 4, "亿\u{FFFD}5"),
            // A low surrogate on its own.
            (&[yi, 0xDC00, 0x0035], 4, "亿\u{FFFD}5"),
            // A high surrogate at the end.
            (&[yi, 0xDBFF], 4, "亿\u{FFFD}"),
            // A low surrogate before a high one.
            (&[0xDC00, 0xD800], 2, "\u{FFFD}\u{FFFD}"),
        ];
        for &(input, offset, lossy_text) in cases {
            let bytes = units(input);
            let what = format!("{name} {bytes:02X?}");
            let err = decode(&bytes).expect_err(&what);
            assert_eq!((err.encoding(), err.offset()), (encoding, offset), "{what}");
            assert_eq!(err.bytes().len(), 2, "{what}");
            let lossy = decode_lossy(&bytes);
            assert_eq!(lossy.encoding, encoding, "{what}");
            assert!(lossy.bom, "{what}");
            assert_eq!(lossy.text, lossy_text, "{what}");
            assert_eq!(lossy.first_replacement, Some(offset), "{what}");
        }
        // A well-formed pair is fine.
        let bytes = units(&[0xD840, 0xDC00]); // U+20000
        assert_decodes(&bytes, "\u{20000}", encoding, true);
    }
}

#[test]
fn utf16_odd_length() {
    let mut bytes = utf16le("亿元", true);
    bytes.push(0x35);
    let err = decode(&bytes).unwrap_err();
    assert_eq!(
        (err.encoding(), err.offset(), err.bytes()),
        (Encoding::Utf16Le, 6, &b"\x35"[..])
    );
    let lossy = decode_lossy(&bytes);
    assert_eq!(lossy.text, "亿元\u{FFFD}");
    assert_eq!((lossy.replacements, lossy.first_replacement), (1, Some(6)));

    let bytes = [0xFE, 0xFF, 0x4E];
    let err = decode(&bytes).unwrap_err();
    assert_eq!((err.encoding(), err.offset()), (Encoding::Utf16Be, 2));
    assert_eq!(decode_lossy(&bytes).text, "\u{FFFD}");
}

#[test]
fn utf16_without_bom_is_not_detected() {
    // UTF-16 is only recognised by its BOM; without one, ASCII in UTF-16 is
    // valid UTF-8 with NULs.
    let bytes = utf16le("5%", false);
    assert_decodes(&bytes, "5\0%\0", Encoding::Utf8, false);
    // Chinese in UTF-16 without BOM is not valid anything; it must not panic.
    check_consistent(&utf16be("增长6.8%", false));
}

// ------------------------------------------------------------ edge cases

#[test]
fn empty_input() {
    assert_eq!(detect(b""), Encoding::Utf8);
    for decoded in [decode(b"").unwrap(), decode_lossy(b"")] {
        assert_eq!(decoded.text, "");
        assert!(matches!(decoded.text, Cow::Borrowed("")));
        assert_eq!(decoded.encoding, Encoding::Utf8);
        assert!(!decoded.bom);
        assert_eq!((decoded.replacements, decoded.first_replacement), (0, None));
    }
}

#[test]
fn bom_only() {
    assert_decodes(b"\xEF\xBB\xBF", "", Encoding::Utf8, true);
    assert_decodes(b"\xFF\xFE", "", Encoding::Utf16Le, true);
    assert_decodes(b"\xFE\xFF", "", Encoding::Utf16Be, true);
    // Half a BOM is just bytes.
    check_consistent(b"\xEF\xBB");
    check_consistent(b"\xFF");
    check_consistent(b"\xFE");
}

#[test]
fn bom_followed_by_garbage() {
    // The BOM is trusted: the error is reported in the BOM's encoding.
    let bytes = b"\xEF\xBB\xBF\xFF\xFE\xFD";
    let err = decode(bytes).unwrap_err();
    assert_eq!(
        (err.encoding(), err.offset(), err.bytes()),
        (Encoding::Utf8, 3, &b"\xFF"[..])
    );
    let lossy = decode_lossy(bytes);
    assert_eq!(lossy.text, "\u{FFFD}\u{FFFD}\u{FFFD}");
    assert_eq!((lossy.encoding, lossy.bom), (Encoding::Utf8, true));
    assert_eq!((lossy.replacements, lossy.first_replacement), (3, Some(3)));

    // A UTF-8 BOM before GBK text.
    let mut bytes = utf8_bom("");
    bytes.extend(gb18030("亿元"));
    let err = decode(&bytes).unwrap_err();
    assert_eq!((err.encoding(), err.offset()), (Encoding::Utf8, 3));
    // D2 and DA are malformed, D4 AA happens to be valid UTF-8.
    let lossy = decode_lossy(&bytes);
    assert_eq!(lossy.text, "\u{FFFD}\u{FFFD}\u{52A}");
    assert_eq!(lossy.replacements, 2);

    // A UTF-16LE BOM before UTF-8 text of odd length.
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend_from_slice("亿元5".as_bytes());
    let err = decode(&bytes).unwrap_err();
    assert_eq!((err.encoding(), err.offset()), (Encoding::Utf16Le, 8));

    // A UTF-16BE BOM before GBK text: the BOM lies, but every code unit is
    // a valid (Hangul) character, so nothing is malformed.
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(gb18030("亿元"));
    let decoded = decode(&bytes).unwrap();
    assert_eq!(decoded.encoding, Encoding::Utf16Be);
    assert_eq!(decoded.text, "\u{D2DA}\u{D4AA}");

    for junk in [&b"\xFF\xFE\x00\xDC\xFF"[..], b"\xFE\xFF\xD8", b"\xEF\xBB\xBF\xEF\xBB"] {
        check_consistent(junk);
    }
}

#[test]
fn nul_bytes() {
    assert_decodes(b"\0", "\0", Encoding::Utf8, false);
    assert_decodes(b"\0\0\0\0", "\0\0\0\0", Encoding::Utf8, false);
    assert_decodes(b"\xFF\xFE\0\0", "\0", Encoding::Utf16Le, true);
    let mut bytes = gb18030("增长");
    bytes.extend_from_slice(b"\0\x006.8%\0");
    assert_decodes(&bytes, "增长\0\x006.8%\0", Encoding::Gb18030, false);
    let mut bytes = big5("增長");
    bytes.push(0);
    assert_decodes(&bytes, "增長\0", Encoding::Big5, false);
    check_consistent(b"\0\xFF\0\x80\0");
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Lcg(0x2023_1318_2000_0068);
    // 64 KiB of pseudo-random bytes, with and without each BOM.
    let noise = rng.bytes(64 * 1024);
    for prefix in [&b""[..], b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF"] {
        let mut bytes = prefix.to_vec();
        bytes.extend_from_slice(&noise);
        check_consistent(&bytes);
        // Odd lengths too.
        check_consistent(&bytes[..bytes.len() - 1]);
    }
    // Only high bytes, the territory of GB18030 and Big5.
    let high: Vec<u8> = noise.iter().map(|b| b | 0x80).collect();
    check_consistent(&high);
}

#[test]
fn short_random_inputs_never_panic() {
    let mut rng = Lcg(68);
    for _ in 0..20_000 {
        let len = rng.below(12);
        let bytes = rng.bytes(len);
        check_consistent(&bytes);
        let high: Vec<u8> = bytes.iter().map(|b| b | 0x80).collect();
        check_consistent(&high);
    }
}

#[test]
fn spliced_text_never_panics() {
    // Pieces of real text in different encodings, glued with random bytes.
    let mut pieces: Vec<Vec<u8>> = Vec::new();
    for text in SIMPLIFIED.iter().chain(TRADITIONAL) {
        pieces.push(text.as_bytes().to_vec());
        pieces.push(gb18030(text));
        pieces.push(utf16le(text, false));
        if let Some(bytes) = try_big5(text) {
            pieces.push(bytes);
        }
    }
    let mut rng = Lcg(1318);
    for _ in 0..2_000 {
        let mut bytes = Vec::new();
        for _ in 0..1 + rng.below(3) {
            let piece = &pieces[rng.below(pieces.len())];
            let start = rng.below(piece.len());
            let end = start + rng.below(piece.len() - start + 1);
            bytes.extend_from_slice(&piece[start..end]);
            let junk = rng.below(3);
            bytes.extend(rng.bytes(junk));
        }
        check_consistent(&bytes);
    }
}

// -------------------------------------------------------------- borrowing

#[test]
fn plain_utf8_is_borrowed() {
    let text = SIMPLIFIED[0];
    let decoded = decode(text.as_bytes()).unwrap();
    assert!(matches!(decoded.text, Cow::Borrowed(t) if t == text));
    assert!(matches!(decode_lossy(text.as_bytes()).text, Cow::Borrowed(t) if t == text));
    // After a BOM too: the text is the rest of the input.
    let bytes = utf8_bom(text);
    assert!(matches!(decode(&bytes).unwrap().text, Cow::Borrowed(t) if t == text));
    assert!(matches!(decode_lossy(&bytes).text, Cow::Borrowed(t) if t == text));
    // The borrowed text points into the input.
    let decoded = decode_lossy(text.as_bytes());
    assert_eq!(decoded.text.as_ptr(), text.as_ptr());
    // Anything else is owned.
    assert!(matches!(decode(&gb18030(text)).unwrap().text, Cow::Owned(_)));
    assert!(matches!(decode_lossy(b"a\xFFb").text, Cow::Owned(_)));
}

// ---------------------------------------------------------- the Encoding type

#[test]
fn encoding_names() {
    let all = [
        (Encoding::Utf8, "UTF-8"),
        (Encoding::Utf16Le, "UTF-16LE"),
        (Encoding::Utf16Be, "UTF-16BE"),
        (Encoding::Gb18030, "GB18030"),
        (Encoding::Big5, "Big5"),
    ];
    for (encoding, name) in all {
        assert_eq!(encoding.name(), name);
        assert_eq!(encoding.to_string(), name);
    }
}

#[cfg(feature = "serde")]
#[test]
fn encoding_serializes_as_its_name() {
    for encoding in [
        Encoding::Utf8,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
        Encoding::Gb18030,
        Encoding::Big5,
    ] {
        let json = serde_json::to_string(&encoding).unwrap();
        assert_eq!(json, format!("\"{}\"", encoding.name()));
        assert_eq!(serde_json::from_str::<Encoding>(&json).unwrap(), encoding);
    }
    assert!(serde_json::from_str::<Encoding>("\"GBK\"").is_err());
}

#[test]
fn types_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<Encoding>();
    assert_send_sync::<DecodeError>();
    assert_send_sync::<Decoded<'static>>();
    fn assert_error<T: std::error::Error>() {}
    assert_error::<DecodeError>();
}
