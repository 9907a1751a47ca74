//! Industry mentions (`zh_econ::industry`) on the dev articles (`../shared/data/dev/articles/`) and
//! on hand-written sentences: exact byte spans into the text as written (traditional script and
//! pinyin noise in article 003), the strategic emerging category or traditional kind of each, and
//! what is not an industry.

mod common;
use common::dev_article as article;

use zh_econ::document::Document;
use zh_econ::industry::{self, Category, IndustryCluster, Kind};

/// A kind as one short code: the category's number, `T` traditional, `O` other.
fn code(kind: Kind) -> String {
    match kind {
        Kind::StrategicEmerging(c) => c.code().to_string(),
        Kind::Traditional => "T".to_string(),
        _ => "O".to_string(),
    }
}

/// `text/code` for each mention.
fn summary(found: &[IndustryCluster]) -> Vec<String> {
    found.iter().map(|m| format!("{}/{}", m.text, code(m.kind))).collect()
}

fn check_spans(text: &str, found: &[IndustryCluster]) {
    let mut last = 0;
    for m in found {
        assert_eq!(text.get(m.start..m.end), Some(m.text.as_str()), "{m:?}");
        assert!(m.start >= last && m.start < m.end, "spans sorted and disjoint: {m:?}");
        assert!(!m.keywords.is_empty(), "{m:?}");
        last = m.end;
    }
}

/// The mention starting at byte `start`, which must read `want` in the text.
fn at<'a>(found: &'a [IndustryCluster], start: usize, want: &str) -> &'a IndustryCluster {
    let m = found
        .iter()
        .find(|m| m.start == start)
        .unwrap_or_else(|| panic!("no industry at byte {start} ({want}): {:?}", summary(found)));
    assert_eq!(m.text, want);
    assert_eq!(m.end, start + want.len());
    m
}

const NEV: Kind = Kind::StrategicEmerging(Category::NewEnergyVehicles);

// ---------------------------------------------------------------------------------------------
// dev articles

#[test]
fn article_000_haining() {
    let text = article("000");
    let found = industry::find(&text);
    check_spans(&text, &found);
    assert_eq!(
        summary(&found),
        [
            "窗帘布艺产业/T",
            "经编/T",
            "家纺/T",
            "袜业/T",
            "光伏/6",
            "光伏/6",
            "光伏/6",
            "泛半导体产业/1",
            "电子信息/1",
            "生命健康/4",
        ]
    );
    assert_eq!(at(&found, 876, "窗帘布艺产业").kind, Kind::Traditional);
    assert_eq!(at(&found, 1859, "袜业").kind, Kind::Traditional);
    assert_eq!(
        at(&found, 2307, "光伏").kind,
        Kind::StrategicEmerging(Category::NewEnergy)
    );
}

#[test]
fn article_001_high_tech_zones() {
    let text = article("001");
    let found = industry::find(&text);
    check_spans(&text, &found);
    let s = summary(&found);
    assert_eq!(
        s,
        [
            "新能源/6",
            "新能源产业/6",
            "光伏/6",
            "风电/6",
            "新能源/6",
            "光伏/6",
            "电池行业/O",
            "新能源产业/6",
            "新能源/6",
            "新能源产业/6",
            "新能源产业/6",
            "民用航空产业/2",
            "民用航空产业/2",
            "燃气轮机/2",
            "航空发动机/2",
            "民用航空产业/2",
            "复合材料/3",
            "民用航空产业链/2",
            "复合材料/3",
            "民用航空产业/2",
            "民用航空产业/2",
            "集成电路/1",
            "智能装备/2",
            "半导体/1",
            "钢铁/T",
            "钢材/T",
            "新材料/3",
            "钢铁行业/T",
            "钢铁材料产业/T",
            "工业互联网/1",
            "人工智能/1",
            "钢铁/T",
            "核医药/4",
            "核医药/4",
            "核医药产业/4",
            "核药/4",
            "核医药产业/4",
            "核药/4",
            "核药/4",
            "核药/4",
            "人工智能/1",
            "核药/4",
            "核药/4",
            "核医药产业/4",
        ]
    );
    assert_eq!(
        at(&found, 2644, "民用航空产业").kind,
        Kind::StrategicEmerging(Category::HighEndEquipment)
    );
    assert_eq!(
        at(&found, 5003, "集成电路").kind,
        Kind::StrategicEmerging(Category::NextGenerationIt)
    );
    assert_eq!(
        at(&found, 8864, "核医药").kind,
        Kind::StrategicEmerging(Category::Biotechnology)
    );
    assert_eq!(at(&found, 6704, "钢铁").kind, Kind::Traditional);
    // 生物产业局 is an office; 5G in 首个5G应用场景 is a technology.
    assert!(!s.iter().any(|m| m.starts_with("生物") || m.starts_with("5G")));
}

#[test]
fn article_002_binjiang() {
    let text = article("002");
    let found = industry::find(&text);
    check_spans(&text, &found);
    assert_eq!(
        summary(&found),
        [
            "数字经济核心产业/1",
            "氢能/6",
            "太阳能/6",
            "新能源材料/3",
            "智能物联/1",
            "生物医药/4",
            "高端装备/2",
            "新材料/3",
            "绿色低碳/7",
            "视觉智能/1",
            "智能计算/1",
            "数字经济/1",
            "数字经济全产业链/1",
            "医疗器械/4",
            "数字安防产业集群/1",
            "信息安全产业/1",
            "信息安全/1",
            "数字经济/1",
            "数字经济/1",
            "数字经济核心产业/1",
            "机器人/2",
            "数字文化/8",
            "人工智能/1",
        ]
    );
    // 北京航空航天大学 is a university, 数字产业化 a process, 储能技术 a technology.
    assert!(!found
        .iter()
        .any(|m| m.name.contains("航空") || m.name == "数字产业" || m.name == "储能"));
}

#[test]
fn article_003_changxing_traditional_script_with_pinyin() {
    let text = article("003");
    let found = industry::find(&text);
    check_spans(&text, &found);
    assert_eq!(
        summary(&found),
        [
            "新能源/6",
            "新材料/3",
            "高端裝備/2",
            "智能汽車及關(guān)鍵零部件產(chǎn)業(yè)/5",
            "新能源/6",
            "智能裝備/2",
            "生物醫(yī)藥/4",
            "數(shù)字產(chǎn)業(yè)/1",
            "純電動汽車及關(guān)鍵零部件產(chǎn)業(yè)/5",
            "鉛蓄電池/T",
            "紡織/T",
            "水泥/T",
            "建材/T",
            "智能汽車及關(guān)鍵零部件產(chǎn)業(yè)/5",
            "智能汽車/5",
            "新能源/6",
            "智能裝備/2",
            "生物醫(yī)藥/4",
            "數(shù)字產(chǎn)業(yè)/1",
            "智能汽車及關(guān)鍵零部件產(chǎn)業(yè)/5",
            "新能源汽車產(chǎn)業(yè)/5",
            "新能源產(chǎn)業(yè)/6",
            "智能裝備/2",
            "生物醫(yī)藥/4",
            "數(shù)字產(chǎn)業(yè)/1",
            "智能汽車產(chǎn)業(yè)/5",
            "紡織/T",
            "動力電池/5",
            "電線電纜/T",
            "機械行業(yè)/O",
            "新能源汽車產(chǎn)業(yè)/5",
            "新能源汽車/5",
            "新能源汽車/5",
            "新能源汽車產(chǎn)業(yè)/5",
            "新能源產(chǎn)業(yè)/6",
            "新能源汽車產(chǎn)業(yè)/5",
            "芯片/1",
            "軟件/1",
            "新能源/6",
            "新材料/3",
            "電子信息/1",
            "大數(shù)據(jù)/1",
        ]
    );
    // The cluster of the article, three times, spans over the pinyin noise as written.
    for start in [2651, 6009, 7062] {
        let m = at(&found, start, "智能汽車及關(guān)鍵零部件產(chǎn)業(yè)");
        assert_eq!(m.name, "智能汽车及关键零部件产业");
        assert_eq!(m.kind, NEV);
        assert_eq!(m.keywords, ["智能汽车"]);
    }
    // 鉛蓄電池、紡織水泥、建材等傳統產(chǎn)業(yè): four traditional industries, none merged with 傳統產業.
    for (start, want) in [(4858, "鉛蓄電池"), (4873, "紡織"), (4879, "水泥"), (4888, "建材")] {
        assert_eq!(at(&found, start, want).kind, Kind::Traditional);
    }
    assert_eq!(at(&found, 4858, "鉛蓄電池").name, "铅蓄电池");
    // The spans are what the text holds.
    assert_eq!(text.get(2651..2706), Some("智能汽車及關(guān)鍵零部件產(chǎn)業(yè)"));
}

#[test]
fn article_004_qiantang() {
    let text = article("004");
    let found = industry::find(&text);
    check_spans(&text, &found);
    assert_eq!(
        summary(&found),
        [
            "智能制造产业集群/2",
            "生物医药/4",
            "生物医药产业/4",
            "跨境电商/O",
            "生物医药/4",
            "汽车零部件/O",
            "半导体/1",
            "生命健康/4",
            "智能汽车/5",
            "智能装备/2",
            "汽车产业/O",
            "生物医药/4",
            "数字经济/1",
            "数字经济/1",
        ]
    );
    // 半导体、生命健康、智能汽车及智能装备等五大主导产业: list items, 等 ends each.
    assert_eq!(at(&found, 4954, "智能汽车").kind, NEV);
}

#[test]
fn documents_carry_the_industries() {
    let text = article("003");
    assert_eq!(Document::parse(&text).industries, industry::find(&text));
}

// ---------------------------------------------------------------------------------------------
// hand-written

fn spans(text: &str) -> Vec<String> {
    let found = industry::find(text);
    check_spans(text, &found);
    summary(&found)
}

#[test]
fn brief_examples() {
    assert_eq!(
        spans("以智能汽车及关键零部件产业为核心"),
        ["智能汽车及关键零部件产业/5"]
    );
    assert_eq!(spans("大力发展光伏"), ["光伏/6"]);
    assert_eq!(spans("集成电路产业链"), ["集成电路产业链/1"]);
    assert_eq!(spans("壮大民用航空产业"), ["民用航空产业/2"]);
    assert_eq!(spans("培育核医药产业"), ["核医药产业/4"]);
}

#[test]
fn every_category_is_reachable() {
    let cases = [
        ("云计算", Category::NextGenerationIt),
        ("海洋工程装备", Category::HighEndEquipment),
        ("石墨烯", Category::NewMaterials),
        ("生物医药", Category::Biotechnology),
        ("新能源汽车", Category::NewEnergyVehicles),
        ("风电", Category::NewEnergy),
        ("节能环保", Category::EnergySavingEnvironmental),
        ("数字创意", Category::DigitalCreative),
        ("检验检测", Category::RelatedServices),
    ];
    for (word, cat) in cases {
        let found = industry::find(word);
        assert_eq!(found.len(), 1, "{word}");
        assert_eq!(found[0].kind, Kind::StrategicEmerging(cat), "{word}");
        assert_eq!(found[0].kind.category().map(Category::name), Some(cat.name()));
    }
}

#[test]
fn traditional_industries() {
    for w in [
        "纺织",
        "服装",
        "经编",
        "袜业",
        "皮革",
        "家具",
        "钢铁",
        "水泥",
        "建材",
        "化工",
        "铅蓄电池",
        "造纸",
        "印染",
        "窗帘布艺",
        "农副食品",
    ] {
        assert_eq!(spans(w), [format!("{w}/T")], "{w}");
    }
    assert_eq!(spans("紡織服裝產業"), ["紡織服裝產業/T"]);
}

#[test]
fn strategic_words_decide_a_mixed_phrase() {
    assert_eq!(spans("钢铁新材料产业"), ["钢铁新材料产业/3"]);
    assert_eq!(spans("光伏新能源产业集群"), ["光伏新能源产业集群/6"]);
}

#[test]
fn full_width_and_pinyin() {
    assert_eq!(spans("５Ｇ產(chǎn)業(yè)鏈"), ["５Ｇ產(chǎn)業(yè)鏈/1"]);
    assert_eq!(spans("鋼鐵行業(yè)"), ["鋼鐵行業(yè)/T"]);
}

#[test]
fn not_industries() {
    for t in [
        "一家公司",
        "产业发展",
        "人才",
        "政策",
        "战略性新兴产业",
        "传统优势产业",
        "未来产业",
        "吉利汽车",
        "中策橡胶",
        "5G应用场景",
        "数字产业化",
        "人工智能技术",
        "北京航空航天大学",
        "生物产业局",
        "三大产业",
    ] {
        assert!(spans(t).is_empty(), "{t}: {:?}", spans(t));
    }
}

#[test]
fn arbitrary_input_keeps_spans_valid() {
    let pieces = [
        "光伏",
        "产业",
        "及",
        "、",
        "(chǎn)",
        "產",
        "５Ｇ",
        "5",
        "G",
        "化",
        "“",
        "\u{feff}",
        "a",
        "及关键",
        "链",
    ];
    // Every sequence of up to four pieces (15^4 texts).
    let mut texts: Vec<String> = vec![String::new()];
    for _ in 0..4 {
        let longer: Vec<String> = texts
            .iter()
            .flat_map(|s| pieces.iter().map(move |p| format!("{s}{p}")))
            .collect();
        for t in &longer {
            check_spans(t, &industry::find(t));
        }
        texts = longer;
    }
}

#[cfg(feature = "serde")]
#[test]
fn serde_round_trip() {
    let found = industry::find("智能汽车及关键零部件产业和纺织");
    let json = serde_json::to_value(&found).expect("serializable");
    assert_eq!(
        json[0]["kind"],
        serde_json::json!({"strategic_emerging": "new_energy_vehicles"})
    );
    let back: Vec<IndustryCluster> = serde_json::from_value(json).expect("deserializable");
    assert_eq!(back, found);
}
