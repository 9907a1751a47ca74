//! The region gazetteer and matcher, through the public API only.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use zh_econ::region::{Gazetteer, Level, Region, RegionMention};

fn g() -> &'static Gazetteer {
    Gazetteer::get()
}

/// `(text as written, name, level, code, parent)`.
type Seen = (String, String, Level, Option<String>, Option<String>);

/// Every mention of `text`, as [`Seen`].
fn spans(text: &str) -> Vec<Seen> {
    g().find(text)
        .into_iter()
        .map(|m| {
            let r = m.region;
            (text[m.start..m.end].to_string(), r.name, r.level, r.code, r.parent)
        })
        .collect()
}

fn code_of(name: &str) -> Option<String> {
    let r = g().lookup(name);
    assert_eq!(r.len(), 1, "{name}: {r:?}");
    r[0].code.clone()
}

fn dev_articles() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/dev/articles");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 5, "five dev articles");
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy()[..3].to_string();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

#[test]
fn gazetteer_is_send_sync_and_shared() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Gazetteer>();
    assert_send_sync::<Region>();
    assert_send_sync::<RegionMention>();
    assert!(std::ptr::eq(Gazetteer::get(), Gazetteer::get()));
    assert!(g().len() > 3000);
}

#[test]
fn codes_by_name() {
    for (name, code) in [
        ("海宁市", "330481"),
        ("海宁", "330481"),
        ("长兴县", "330522"),
        ("长兴", "330522"),
        ("長興縣", "330522"),
        ("長興", "330522"),
        ("钱塘区", "330114"),
        ("钱塘", "330114"),
        ("临平区", "330113"),
        ("杭州市", "330100"),
        ("杭州", "330100"),
        ("浙江省", "330000"),
        ("浙江", "330000"),
        ("滨江区", "330108"),
        ("滨江", "330108"),
        ("武进", "320412"),
        ("吴江", "320509"),
        ("吳江", "320509"),
        ("宜兴", "320282"),
        ("溧阳", "320481"),
        ("虎丘", "320505"),
        ("广西", "450000"),
        ("广西壮族自治区", "450000"),
        ("恩施土家族苗族自治州", "422800"),
        ("香港", "810000"),
    ] {
        assert_eq!(code_of(name).as_deref(), Some(code), "{name}");
    }
}

#[test]
fn by_code_round_trip() {
    let r = g().by_code("330481").unwrap();
    assert_eq!(r.name, "海宁市");
    assert_eq!(r.full_name, "海宁市");
    assert_eq!(r.level, Level::County);
    assert_eq!(r.parent.as_deref(), Some("330400"));
    assert_eq!(g().by_code("330400").unwrap().parent.as_deref(), Some("330000"));
    assert_eq!(g().by_code("330000").unwrap().parent, None);
    // Districts of a municipality hang under the municipality itself.
    assert_eq!(g().by_code("110105").unwrap().parent.as_deref(), Some("110000"));
    assert_eq!(g().by_code("110000").unwrap().level, Level::Province);
    // A prefecture-level city without counties.
    assert_eq!(g().by_code("441900").unwrap().level, Level::Prefecture);
    // Gone since 2021 (江干区 became 钱塘区/上城区; 下城区 merged).
    assert!(g().by_code("330104").is_none());
    assert!(g().by_code("330103").is_none());
    // Statistical-only zones are not divisions.
    assert!(g().by_code("130171").is_none());
    assert!(g().by_code("33048").is_none());
    assert!(g().by_code("abcdef").is_none());
}

#[test]
fn lookup_returns_every_candidate() {
    let r = g().lookup("朝阳");
    let codes: BTreeSet<_> = r.iter().filter_map(|r| r.code.as_deref()).collect();
    for c in ["110105", "211300", "211321", "220104"] {
        assert!(codes.contains(c), "{c} in {codes:?}");
    }
    assert_eq!(r[0].level, Level::Prefecture);
    assert!(r.iter().all(|r| r.name == "朝阳"));
    // Common words are found by lookup though never matched in text.
    assert!(g().lookup("和平").iter().any(|r| r.full_name == "和平区"));
    assert!(g().lookup("中国").is_empty());
    assert!(g().lookup("").is_empty());
}

#[test]
fn find_exact_spans() {
    let text = "2023年海宁市实现地区生产总值1318.2亿元";
    assert_eq!(
        spans(text),
        [(
            "海宁市".into(),
            "海宁市".into(),
            Level::County,
            Some("330481".into()),
            Some("330400".into())
        )]
    );
    let m = &g().find(text)[0];
    assert_eq!((m.start, m.end), (7, 16));

    let text = "今年上半年，杭州高新区(滨江)生产总值为1050亿元";
    let found = g().find(text);
    assert_eq!(found.len(), 1);
    assert_eq!(&text[found[0].start..found[0].end], "杭州高新区(滨江)");
    assert_eq!(found[0].region.level, Level::Zone);
    assert_eq!(found[0].region.code, None);
    assert_eq!(found[0].region.parent.as_deref(), Some("330108"));

    // Full-width brackets: the span keeps them, the name folds them.
    let text = "杭州高新区（滨江）";
    let found = g().find(text);
    assert_eq!((found[0].start, found[0].end), (0, text.len()));
    assert_eq!(found[0].region.name, "杭州高新区(滨江)");

    let text = "一、辽宁沈阳高新区：";
    let s = spans(text);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].0, "辽宁沈阳高新区");
    assert_eq!(s[0].2, Level::Zone);
    assert_eq!(s[0].4.as_deref(), Some("210100"));

    let s = spans("截至2024年底，长兴县规上工业增加值");
    assert_eq!(s[0].0, "长兴县");
    assert_eq!(s[0].3.as_deref(), Some("330522"));
}

#[test]
fn traditional_text_with_pinyin_noise() {
    // From dev article 003.
    let text = "作為省內經濟相對發(fā)達的區(qū)縣,長興縣緊抓浙江省首批縣域商業(yè)體系建設(shè)試點契機";
    let s = spans(text);
    let got: Vec<_> = s.iter().map(|x| (x.0.as_str(), x.1.as_str(), x.3.as_deref())).collect();
    assert_eq!(
        got,
        [
            ("長興縣", "长兴县", Some("330522")),
            ("浙江省", "浙江省", Some("330000"))
        ]
    );

    // A pinyin annotation on the last character belongs to the span.
    let text = "長興縣(xiàn)位于太湖西南岸";
    let found = g().find(text);
    assert_eq!(found.len(), 1);
    assert_eq!(&text[found[0].start..found[0].end], "長興縣(xiàn)");
    assert_eq!(found[0].region.name, "长兴县");
    assert_eq!(found[0].region.code.as_deref(), Some("330522"));

    // Pinyin inside a name: 長(cháng)興縣.
    let text = "在長(cháng)興縣";
    let found = g().find(text);
    assert_eq!(&text[found[0].start..found[0].end], "長(cháng)興縣");
    assert_eq!(found[0].region.code.as_deref(), Some("330522"));

    let s = spans("北與江蘇宜興、西與安徽廣德交界");
    let got: Vec<_> = s.iter().map(|x| (x.0.as_str(), x.3.as_deref())).collect();
    assert_eq!(
        got,
        [
            ("江蘇", Some("320000")),
            ("宜興", Some("320282")),
            ("安徽", Some("340000")),
            ("廣德", Some("341882"))
        ]
    );
}

#[test]
fn no_bogus_matches() {
    for text in [
        "和平发展",
        "城区",
        "主城区人口",
        "新华社",
        "中国",
        "中国制造",
        "全国百强县",
        "长三角地区",
        "推动创新平台建设",
        "真金白银的支持",
        "钱塘江奔流不息",
        "释放县域创新活力",
        "提高县域经济",
        "新城区建设",
        "吉利集团",
        "长安汽车",
        "东风汽车",
        "港口区域",
        "最大化",
        "大城市",
        "法规和政策",
    ] {
        let found = g().find(text);
        assert!(
            found
                .iter()
                .all(|m| !matches!(m.region.level, Level::County | Level::Prefecture | Level::Province)),
            "{text}: {found:?}"
        );
    }
    let s = spans("新华社杭州9月24日电");
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].0, "杭州");
    // ... while the names themselves are found where they are names.
    assert_eq!(spans("天津市和平区")[1].3.as_deref(), Some("120101"));
    assert_eq!(spans("阳泉城区")[1].3.as_deref(), Some("140302"));
    assert_eq!(spans("山西省阳泉市城区")[2].3.as_deref(), Some("140302"));
    assert_eq!(spans("在钱塘开花结果")[0].3.as_deref(), Some("330114"));
}

#[test]
fn market_and_area_read_the_short_form() {
    let s = spans("海宁市场监管局");
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].0, "海宁");
    assert_eq!(s[0].3.as_deref(), Some("330481"));
}

#[test]
fn ambiguity_policy() {
    let code = |text: &str, i: usize| spans(text)[i].3.clone();
    // An ancestor named earlier decides.
    assert_eq!(code("北京市朝阳区", 1).as_deref(), Some("110105"));
    assert_eq!(code("长春市朝阳区", 1).as_deref(), Some("220104"));
    assert_eq!(code("杭州市西湖区", 1).as_deref(), Some("330106"));
    assert_eq!(code("南昌的西湖区", 1).as_deref(), Some("360103"));
    assert_eq!(code("天津滨海高新区和滨海", 1).as_deref(), Some("120116"));
    // A sibling named earlier names the prefecture too.
    assert_eq!(code("上城区、西湖区", 1).as_deref(), Some("330106"));
    // The most recently implied prefecture wins.
    assert_eq!(code("上城区、东湖区、拱墅区、西湖区", 3).as_deref(), Some("330106"));
    assert_eq!(code("上城区、东湖区、西湖区", 2).as_deref(), Some("360103"));
    // Otherwise the higher level.
    assert_eq!(code("朝阳", 0).as_deref(), Some("211300"));
    assert_eq!(code("吉林", 0).as_deref(), Some("220000"));
    assert_eq!(code("河北", 0).as_deref(), Some("130000"));
    // The region itself named earlier.
    assert_eq!(code("吉林市……吉林", 1).as_deref(), Some("220200"));
    // Still tied: kept, without a code.
    let s = g().find("西湖区");
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].region.code, None);
    assert_eq!(s[0].region.parent, None);
    assert_eq!(s[0].region.level, Level::County);
    assert_eq!(s[0].region.full_name, "西湖区");
}

#[test]
fn zones() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        ("钱塘新区成立", "钱塘新区", Some("330114")),
        ("江苏无锡高新区", "江苏无锡高新区", Some("320200")),
        ("杭州经济技术开发区", "杭州经济技术开发区", Some("330100")),
        ("苏州工业园区", "苏州工业园区", Some("320500")),
        (
            "在浙江自贸试验区杭州片区钱塘区块,",
            "浙江自贸试验区杭州片区钱塘区块",
            Some("330114"),
        ),
        ("在前进智造园,22.6平方公里", "前进智造园", None),
        ("上海张江高新区", "上海张江高新区", Some("310000")),
        ("从杭州文教区启航", "杭州文教区", Some("330100")),
    ];
    for &(text, want, parent) in cases {
        let found = g().find(text);
        let z: Vec<_> = found.iter().filter(|m| m.region.level == Level::Zone).collect();
        assert_eq!(z.len(), 1, "{text}: {found:?}");
        assert_eq!(&text[z[0].start..z[0].end], want, "{text}");
        assert_eq!(z[0].region.name, want);
        assert_eq!(z[0].region.code, None);
        assert_eq!(z[0].region.parent.as_deref(), parent, "{text}");
    }
    // Not zones.
    for text in ["我们高新区", "千亿级产业园区", "一链一园区", "高新区"] {
        let found = g().find(text);
        assert!(found.is_empty(), "{text}: {found:?}");
    }
}

#[test]
fn towns() {
    let text = "在窗帘布艺产业有40余年积累的海宁许村镇敏锐地嗅到了";
    let found = g().find(text);
    assert_eq!(found.len(), 1, "{found:?}");
    let m = &found[0];
    assert_eq!(&text[m.start..m.end], "海宁许村镇");
    assert_eq!(m.region.name, "海宁许村镇");
    assert_eq!(m.region.full_name, "海宁市许村镇");
    assert_eq!(m.region.level, Level::Town);
    assert_eq!(m.region.code, None);
    assert_eq!(m.region.parent.as_deref(), Some("330481"));

    let s = spans("长兴县雉城街道");
    assert_eq!(s[0].0, "长兴县雉城街道");
    assert_eq!(s[0].2, Level::Town);
    // Not towns.
    for text in ["长兴县城乡居民", "长兴县乡村振兴", "长兴县积极推进乡镇"] {
        let s = spans(text);
        assert_eq!(s[0].0, "长兴县", "{text}");
        assert_eq!(s[0].2, Level::County, "{text}");
    }
}

/// Every county-level region named in the dev articles, with its code; and
/// no other county is found there.
#[test]
fn dev_articles_counties() {
    let expected: BTreeMap<&str, BTreeMap<&str, &str>> = [
        ("000", vec![("海宁", "330481"), ("海宁市", "330481")]),
        ("001", vec![("新吴区", "320214")]),
        ("002", vec![("滨江", "330108"), ("滨江区", "330108")]),
        (
            "003",
            vec![
                ("长兴", "330522"),
                ("长兴县", "330522"),
                ("武进", "320412"),
                ("吴江", "320509"),
                ("宜兴", "320282"),
                ("溧阳", "320481"),
                ("虎丘", "320505"),
                ("广德", "341882"),
            ],
        ),
        ("004", vec![("钱塘", "330114"), ("钱塘区", "330114")]),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.into_iter().collect()))
    .collect();

    for (name, text) in dev_articles() {
        let want = &expected[name.as_str()];
        let mut seen = BTreeSet::new();
        for m in g().find(&text) {
            if m.region.level != Level::County {
                continue;
            }
            let n = m.region.name.as_str();
            let code = want.get(n).unwrap_or_else(|| panic!("{name}: unexpected county {m:?}"));
            assert_eq!(m.region.code.as_deref(), Some(*code), "{name}: {n}");
            seen.insert(n.to_string());
        }
        let want_names: BTreeSet<String> = want.keys().map(|s| s.to_string()).collect();
        assert_eq!(seen, want_names, "{name}");
    }
}

#[test]
fn dev_articles_zones_and_towns() {
    let mut found: BTreeMap<String, BTreeSet<(String, Option<String>)>> = BTreeMap::new();
    for (name, text) in dev_articles() {
        for m in g().find(&text) {
            if matches!(m.region.level, Level::Zone | Level::Town) {
                found
                    .entry(name.clone())
                    .or_default()
                    .insert((m.region.name, m.region.parent));
            }
        }
    }
    let has = |art: &str, zone: &str, parent: Option<&str>| {
        let set = &found[art];
        assert!(
            set.contains(&(zone.to_string(), parent.map(str::to_string))),
            "{art}: {zone} {parent:?} not in {set:?}"
        );
    };
    has("000", "海宁许村镇", Some("330481"));
    has("000", "海宁高新区", Some("330481"));
    has("001", "辽宁沈阳高新区", Some("210100"));
    has("001", "江苏无锡高新区", Some("320200"));
    has("002", "杭州高新区(滨江)", Some("330108"));
    has("004", "浙江自贸试验区杭州片区钱塘区块", Some("330114"));
    has("004", "前进智造园", None);
}

#[test]
fn dev_articles_spans_valid_and_fast() {
    let articles = dev_articles();
    let mut all = String::new();
    for _ in 0..10 {
        for (_, t) in &articles {
            all.push_str(t);
            all.push('\n');
        }
    }
    for (_, text) in articles
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .chain([("all", all.as_str())])
    {
        let t0 = Instant::now();
        let found = g().find(text);
        assert!(
            t0.elapsed() < Duration::from_secs(10),
            "{} bytes took {:?}",
            text.len(),
            t0.elapsed()
        );
        assert!(!found.is_empty());
        let mut last_end = 0;
        for m in &found {
            assert!(m.start < m.end && m.start >= last_end, "{m:?}");
            let written = text.get(m.start..m.end).expect("span on char boundaries");
            assert_eq!(zh_econ::normalize::fold_str(written), m.region.name);
            last_end = m.end;
        }
    }
}

#[test]
fn repetitive_input_stays_fast() {
    for unit in [
        "杭州",
        "高新区",
        "钱塘江",
        "创新平台",
        "海宁许村镇",
        "(滨江)",
        "長(cháng)",
        "杭州高新区(滨江)",
        "在园区",
    ] {
        let text = unit.repeat(20_000);
        let t0 = Instant::now();
        let found = g().find(&text);
        assert!(t0.elapsed() < Duration::from_secs(10), "{unit}: {:?}", t0.elapsed());
        for m in &found {
            assert!(text.get(m.start..m.end).is_some());
        }
    }
}

#[test]
fn empty_and_odd_input() {
    assert!(g().find("").is_empty());
    assert!(g().find("abc 123 ,.;").is_empty());
    assert!(g().find("（）()").is_empty());
    let s = spans("ＡＢ杭州");
    assert_eq!(s[0].0, "杭州");
}

#[cfg(feature = "serde")]
#[test]
fn serde_snake_case() {
    let r = g().find("杭州高新区(滨江)").remove(0).region;
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["level"], "zone");
    assert_eq!(v["code"], serde_json::Value::Null);
    assert_eq!(v["parent"], "330108");
    assert_eq!(serde_json::to_value(Level::Prefecture).unwrap(), "prefecture");
    let back: Region = serde_json::from_value(v).unwrap();
    assert_eq!(back, r);
}
