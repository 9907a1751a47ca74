//! The document API (`zh_econ::document`) on small hand-written sentences of the kind statistical
//! communiqués and news reports use: region (with its GB/T 2260 code), indicator, period, change and
//! target of each fact; the document's date (given or from the dateline); thread safety; and the JSON
//! of a fact (the contract's field names).

use serde_json::{json, Value};
use zh_econ::document::{Document, Options};
use zh_econ::fact::{Basis, Change, Direction, Fact};
use zh_econ::period::Date;
use zh_econ::region::Gazetteer;

fn parse(text: &str) -> Document {
    Document::parse(text)
}

fn dated(text: &str, date: &str) -> Document {
    Document::parse_with(text, &Options::new().date(date.parse().expect("a valid date")))
}

/// One line per fact: `region(code) | indicator | period | text | change | target`.
fn summary(doc: &Document) -> Vec<String> {
    doc.facts.iter().map(line).collect()
}

fn line(f: &Fact) -> String {
    let change = match f.change {
        None => "-".to_string(),
        Some(c) => format!(
            "{}/{}",
            match c.direction {
                Direction::Increase => "up",
                Direction::Decrease => "down",
            },
            c.basis.map_or_else(|| "-".to_string(), |b| b.to_string())
        ),
    };
    format!(
        "{}({}) | {} | {} | {} | {} | {}",
        f.region.as_deref().unwrap_or("-"),
        f.region_code.as_deref().unwrap_or("-"),
        f.indicator.as_deref().unwrap_or("-"),
        f.period.map_or_else(|| "-".to_string(), |p| p.to_string()),
        f.quantity.text,
        change,
        if f.target { "target" } else { "outcome" },
    )
}

// ---------------------------------------------------------------------------------------------
// facts

#[test]
fn communique_gdp_with_the_city_named_before() {
    let text = "海宁市位于浙江省北部。2023年，全市实现地区生产总值1234.5亿元，同比增长6.1%。";
    let doc = parse(text);
    assert_eq!(
        summary(&doc),
        [
            "海宁市(330481) | 地区生产总值 | 2023 | 1234.5亿元 | - | outcome",
            "海宁市(330481) | 地区生产总值 | 2023 | 6.1% | up/yoy | outcome",
        ]
    );
    let q = &doc.facts[0].quantity;
    assert_eq!(&text[q.start..q.end], "1234.5亿元");
    assert_eq!(
        q.value.map(|v| v.normalize().to_string()).as_deref(),
        Some("123450000000")
    );
    assert_eq!(q.unit.map(|u| u.to_string()).as_deref(), Some("CNY"));
    // Every fact's quantity is one of the document's quantities, and its sentence holds it.
    for f in &doc.facts {
        assert!(doc.quantities.contains(&f.quantity), "{}", line(f));
        assert!(
            f.sentence.0 <= f.quantity.start && f.quantity.end <= f.sentence.1,
            "{}",
            line(f)
        );
    }
}

#[test]
fn region_named_in_the_sentence() {
    let doc = parse("2023年海宁市实现地区生产总值1318.2亿元，同比增长6.8%。");
    assert_eq!(
        summary(&doc),
        [
            "海宁市(330481) | 地区生产总值 | 2023 | 1318.2亿元 | - | outcome",
            "海宁市(330481) | 地区生产总值 | 2023 | 6.8% | up/yoy | outcome",
        ]
    );
    let doc = parse("长兴县2022年实现规上工业增加值300.9亿元，同比增长12.3%。");
    assert_eq!(
        summary(&doc),
        [
            "长兴县(330522) | 规上工业增加值 | 2022 | 300.9亿元 | - | outcome",
            "长兴县(330522) | 规上工业增加值 | 2022 | 12.3% | up/yoy | outcome",
        ]
    );
}

#[test]
fn synonyms_map_to_canonical_indicators() {
    let doc = parse("2022年，海宁市人均GDP达11.85万元。");
    assert_eq!(
        summary(&doc),
        ["海宁市(330481) | 人均地区生产总值 | 2022 | 11.85万元 | - | outcome"]
    );
    let doc = parse("截至2024年底，钱塘区拥有国家高新技术企业802家。");
    assert_eq!(
        summary(&doc),
        ["钱塘区(330114) | 高新技术企业数 | 2024-12-end | 802家 | - | outcome"]
    );
}

#[test]
fn target() {
    let doc = parse("力争到2025年，规上工业总产值突破3000亿元。");
    assert_eq!(
        summary(&doc),
        ["-(-) | 规上工业总产值 | 2025 | 突破3000亿元 | - | target"]
    );
    assert_eq!(doc.facts[0].quantity.qualifier.as_str(), "over");
    // The county named in the sentence before is the subject.
    let doc = parse("长兴县召开经济工作会议。力争到2025年，规上工业总产值突破3000亿元。");
    assert_eq!(
        summary(&doc),
        ["长兴县(330522) | 规上工业总产值 | 2025 | 突破3000亿元 | - | target"]
    );
}

#[test]
fn change_against_a_named_year() {
    let doc = parse("2023年，长兴县税收收入占一般公共预算收入比重为88.9%，较2019年提高5.5个百分点。");
    assert_eq!(
        summary(&doc),
        [
            "长兴县(330522) | 税收收入占一般公共预算收入比重 | 2023 | 88.9% | - | outcome",
            "长兴县(330522) | 税收收入占一般公共预算收入比重 | 2023 | 5.5个百分点 | up/vs:2019 | outcome",
        ]
    );
    assert_eq!(
        doc.facts[1].change,
        Some(Change {
            direction: Direction::Increase,
            basis: Some(Basis::Year(2019)),
        })
    );
}

#[test]
fn changes_up_and_down() {
    let doc = parse("2023年，溧阳一般公共预算收入同比下降3.2%。");
    assert_eq!(
        summary(&doc),
        ["溧阳(320481) | 一般公共预算收入 | 2023 | 3.2% | down/yoy | outcome"]
    );
    let doc = parse("2023年，溧阳规上工业增加值增长3.2%。");
    assert_eq!(
        summary(&doc),
        ["溧阳(320481) | 规上工业增加值 | 2023 | 3.2% | up/- | outcome"]
    );
    // The value keeps its written sign; the direction is the word's.
    let doc = parse("2023年溧阳实现地区生产总值1500亿元，增长-1.5%。");
    assert_eq!(doc.facts[1].quantity.text, "-1.5%");
    assert_eq!(
        doc.facts[1].quantity.value.map(|v| v.to_string()).as_deref(),
        Some("-1.5")
    );
    assert_eq!(doc.facts[1].change.map(|c| c.direction), Some(Direction::Increase));
}

#[test]
fn decrease_verbs_are_not_part_of_the_indicator() {
    for (text, indicator) in [
        ("2023年，溧阳一般公共预算收入降低3.2%。", "一般公共预算收入"),
        ("2023年，溧阳地区生产总值减少3.2%。", "地区生产总值"),
        ("2023年，溧阳规上工业增加值下降3.2%。", "规上工业增加值"),
    ] {
        let doc = parse(text);
        assert_eq!(doc.facts.len(), 1, "{text}");
        assert_eq!(doc.facts[0].indicator.as_deref(), Some(indicator), "{text}");
        assert_eq!(
            doc.facts[0].change.map(|c| c.direction),
            Some(Direction::Decrease),
            "{text}"
        );
    }
}

#[test]
fn indicator_before_a_comparison_year() {
    let doc = parse("2023年，溧阳一般公共预算收入较2017年下降3.2%。");
    assert_eq!(
        summary(&doc),
        ["溧阳(320481) | 一般公共预算收入 | 2023 | 3.2% | down/vs:2017 | outcome"]
    );
}

#[test]
fn jiang_is_not_part_of_the_indicator() {
    let doc = parse("预计2024年，宜兴规上工业增加值将达到800亿元。");
    assert_eq!(
        summary(&doc),
        ["宜兴(320282) | 规上工业增加值 | 2024 | 800亿元 | - | target"]
    );
}

#[test]
fn a_level_reached_is_not_a_change() {
    let doc = parse("2023年，海宁市常住人口城镇化率提升至87.9%。");
    assert_eq!(doc.facts.len(), 1, "{:?}", summary(&doc));
    let f = &doc.facts[0];
    assert_eq!(f.quantity.text, "87.9%");
    assert_eq!(f.change, None);
    assert!(!f.target);
}

#[test]
fn one_fact_per_listed_region() {
    let doc = parse("2023年，武进、吴江、宜兴的GDP均已超过1000亿元。");
    assert_eq!(
        summary(&doc),
        [
            "武进(320412) | 地区生产总值 | 2023 | 超过1000亿元 | - | outcome",
            "吴江(320509) | 地区生产总值 | 2023 | 超过1000亿元 | - | outcome",
            "宜兴(320282) | 地区生产总值 | 2023 | 超过1000亿元 | - | outcome",
        ]
    );
    // The same quantity object for each, one quantity in the document.
    assert_eq!(doc.quantities.len(), 1);
    assert!(doc.facts.iter().all(|f| f.quantity == doc.quantities[0]));
    assert_eq!(doc.quantities[0].qualifier.as_str(), "over");

    // Traditional script: names come out simplified, with their codes.
    let doc = parse("2023年，武進、吳江、宜興、虎丘的GDP均已超過1000億元。");
    assert_eq!(
        summary(&doc),
        [
            "武进(320412) | 地区生产总值 | 2023 | 超過1000億元 | - | outcome",
            "吴江(320509) | 地区生产总值 | 2023 | 超過1000億元 | - | outcome",
            "宜兴(320282) | 地区生产总值 | 2023 | 超過1000億元 | - | outcome",
            "虎丘(320505) | 地区生产总值 | 2023 | 超過1000億元 | - | outcome",
        ]
    );
}

#[test]
fn reset_words_clear_the_period() {
    let doc = parse("目前，钱塘区拥有国家高新技术企业802家。");
    assert_eq!(
        summary(&doc),
        ["钱塘区(330114) | 高新技术企业数 | - | 802家 | - | outcome"]
    );
}

#[test]
fn five_year_plan_period_is_null() {
    let doc = parse("2023年，海宁市GDP增长5%；“十四五”期间，海宁市GDP年均增长6%。");
    assert_eq!(doc.facts.len(), 2, "{:?}", summary(&doc));
    assert_eq!(doc.facts[1].period, None, "{}", line(&doc.facts[1]));
}

// ---------------------------------------------------------------------------------------------
// the document's date

const RELATIVE: &str = "今年上半年，海宁市GDP同比增长5%。";

#[test]
fn no_date_leaves_relative_periods_null() {
    let doc = parse(RELATIVE);
    assert_eq!(doc.date, None);
    assert_eq!(
        summary(&doc),
        ["海宁市(330481) | 地区生产总值 | - | 5% | up/yoy | outcome"]
    );
}

#[test]
fn options_date_resolves_relative_periods() {
    let doc = dated(RELATIVE, "2024-09-24");
    assert_eq!(
        doc.date,
        Some(Date {
            year: 2024,
            month: 9,
            day: 24
        })
    );
    assert_eq!(doc.facts[0].period.map(|p| p.to_string()).as_deref(), Some("2024H1"));
}

#[test]
fn dateline_resolves_relative_periods() {
    let text = format!("市统计局\n发布时间：2023/05/06\n{RELATIVE}");
    let doc = parse(&text);
    assert_eq!(
        doc.date,
        Some(Date {
            year: 2023,
            month: 5,
            day: 6
        })
    );
    assert_eq!(doc.facts[0].period.map(|p| p.to_string()).as_deref(), Some("2023H1"));
    // A given date wins over the dateline.
    let doc = dated(&text, "2024-09-24");
    assert_eq!(doc.date.map(|d| d.year), Some(2024));
    assert_eq!(doc.facts[0].period.map(|p| p.to_string()).as_deref(), Some("2024H1"));
    // 去年 and 截至去年底 move with it.
    let text =
        "发表于 2022-4-11 16:24:30\n去年，钱塘区新增高新技术企业100家。截至去年底，钱塘区拥有高新技术企业802家。";
    let periods: Vec<String> = parse(text)
        .facts
        .iter()
        .map(|f| f.period.map_or_else(|| "-".into(), |p| p.to_string()))
        .collect();
    assert_eq!(periods, ["2021", "2021-12-end"]);
}

#[test]
fn options_defaults() {
    assert_eq!(Options::new(), Options::default());
    assert_eq!(Options::new().date, None);
    let d = Date {
        year: 2024,
        month: 9,
        day: 24,
    };
    assert_eq!(Options::new().date(d).date, Some(d));
    // parse is parse_with the defaults.
    assert_eq!(
        Document::parse(RELATIVE),
        Document::parse_with(RELATIVE, &Options::new())
    );
}

#[test]
fn empty_and_factless_text() {
    let doc = parse("");
    assert!(doc.quantities.is_empty() && doc.regions.is_empty() && doc.facts.is_empty() && doc.date.is_none());
    let doc = parse("海宁市是一座美丽的城市。");
    assert!(doc.quantities.is_empty() && doc.facts.is_empty());
    assert_eq!(doc.regions.len(), 1);
    assert_eq!(doc.regions[0].region.code.as_deref(), Some("330481"));
}

// ---------------------------------------------------------------------------------------------
// threads

#[test]
fn send_and_sync() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Document>();
    send_sync::<Fact>();
    send_sync::<Gazetteer>();
    send_sync::<&'static Gazetteer>();
    send_sync::<Options>();

    // And used from several threads at once.
    let docs: Vec<Document> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| s.spawn(|| parse("2023年海宁市实现地区生产总值1318.2亿元，同比增长6.8%。")))
            .collect();
        handles.into_iter().map(|h| h.join().expect("no panic")).collect()
    });
    assert!(docs.windows(2).all(|w| w[0] == w[1]));
}

// ---------------------------------------------------------------------------------------------
// JSON

#[test]
fn fact_json_shape() {
    let text = "2023年海宁市实现地区生产总值1318.2亿元，同比增长6.8%。";
    let start = text.find("1318.2").unwrap();
    let doc = parse(text);
    let v: Value = serde_json::to_value(&doc.facts[0]).expect("a fact serializes");
    let obj = v.as_object().expect("a fact is a JSON object");
    for key in [
        "region_code",
        "region",
        "indicator",
        "period",
        "quantity",
        "change",
        "target",
    ] {
        assert!(obj.contains_key(key), "no `{key}` in {v}");
    }
    assert_eq!(v["region_code"], json!("330481"));
    assert_eq!(v["region"], json!("海宁市"));
    assert_eq!(v["indicator"], json!("地区生产总值"));
    assert_eq!(v["period"], json!("2023"));
    assert_eq!(v["change"], Value::Null);
    assert_eq!(v["target"], json!(false));
    assert_eq!(
        v["quantity"],
        json!({"start": start, "end": start + "1318.2亿元".len(), "text": "1318.2亿元", "value": "131820000000", "unit": "CNY", "qualifier": "exact"})
    );

    // change: exactly {direction, basis} (score.py compares the object as a whole).
    let v: Value = serde_json::to_value(&doc.facts[1]).expect("a fact serializes");
    assert_eq!(v["change"], json!({"direction": "increase", "basis": "yoy"}));
    let v = serde_json::to_value(Change {
        direction: Direction::Decrease,
        basis: None,
    })
    .unwrap();
    assert_eq!(v, json!({"direction": "decrease", "basis": null}));
    let v = serde_json::to_value(Change {
        direction: Direction::Increase,
        basis: Some(Basis::Year(2019)),
    })
    .unwrap();
    assert_eq!(v, json!({"direction": "increase", "basis": "vs:2019"}));

    // Nulls: no region, no period, a range quantity with low/high and a null value.
    let doc = parse("力争城镇化率达到70%~80%。");
    let v: Value = serde_json::to_value(&doc.facts[0]).expect("a fact serializes");
    assert_eq!(v["region"], Value::Null);
    assert!(matches!(v.get("region_code"), None | Some(Value::Null)), "{v}");
    assert_eq!(v["period"], Value::Null);
    assert_eq!(v["target"], json!(true));
    assert_eq!(v["quantity"]["value"], Value::Null);
    assert_eq!(v["quantity"]["low"], json!("70"));
    assert_eq!(v["quantity"]["high"], json!("80"));
}

#[test]
fn fact_json_round_trip() {
    let doc = parse("2023年，长兴县税收收入占一般公共预算收入比重为88.9%，较2019年提高5.5个百分点。");
    for f in &doc.facts {
        let s = serde_json::to_string(f).expect("a fact serializes");
        let back: Fact = serde_json::from_str(&s).unwrap_or_else(|e| panic!("{s}: {e}"));
        assert_eq!(&back, f);
    }
}

#[test]
fn fact_deserializes_from_the_contract_json() {
    let v = json!({"region": "海宁市", "indicator": "地区生产总值", "period": "2023",
        "quantity": {"start": 5250, "end": 5262, "text": "1318.2亿元", "value": "131820000000", "unit": "CNY", "qualifier": "exact"},
        "change": null, "target": false});
    let f: Fact = serde_json::from_value(v).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(f.region.as_deref(), Some("海宁市"));
    assert_eq!(f.region_code, None);
}
