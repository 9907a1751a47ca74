//! Policy measures (`zh_econ::policy`) on the dev articles (`../shared/data/dev/articles/`) and on
//! hand-written sentences: exact byte spans into the text as written (article 003 is in
//! traditional script with pinyin noise), the issuing region, the funds and targets of the
//! measure's sentence, and what is not a policy name.

mod common;
use common::dev_article as article;

use zh_econ::document::Document;
use zh_econ::policy::{self, PolicyMeasure};
use zh_econ::Qualifier;

/// `text | region | quantity, quantity` for each measure.
fn summary(found: &[PolicyMeasure]) -> Vec<String> {
    found
        .iter()
        .map(|m| {
            let region = m.region.as_ref().map_or("-", |r| r.region.name.as_str());
            let qs: Vec<&str> = m.quantities.iter().map(|q| q.text.as_str()).collect();
            format!("{} | {} | {}", m.text, region, qs.join(", "))
        })
        .collect()
}

fn check_spans(text: &str, found: &[PolicyMeasure]) {
    let mut last = 0;
    for m in found {
        assert_eq!(text.get(m.start..m.end), Some(m.text.as_str()), "{m:?}");
        assert!(m.start >= last && m.start < m.end, "spans sorted and disjoint: {m:?}");
        assert!(!m.name.is_empty() && m.name.ends_with(m.head.as_str()) || m.text.ends_with(['”', '》']));
        last = m.end;
    }
}

fn parse(text: &str) -> Vec<PolicyMeasure> {
    let found = Document::parse(text).policies;
    check_spans(text, &found);
    found
}

/// The measure starting at byte `start`, which must read `want` in the text.
fn at<'a>(found: &'a [PolicyMeasure], start: usize, want: &str) -> &'a PolicyMeasure {
    let m = found
        .iter()
        .find(|m| m.start == start)
        .unwrap_or_else(|| panic!("no policy at byte {start} ({want}): {:?}", summary(found)));
    assert_eq!(m.text, want);
    assert_eq!(m.end, start + want.len());
    m
}

// ---------------------------------------------------------------------------------------------
// dev articles

#[test]
fn article_000_haining() {
    let text = article("000");
    let found = parse(&text);
    assert_eq!(
        summary(&found),
        [
            // The sentence (于是，出台了…) names 海宁 only after the measure.
            "“33条”政策 | - | 4.5亿元",
            "“教科人产城”一体化发展模式 | - | ",
        ]
    );
    let m = at(&found, 1334, "“33条”政策");
    assert_eq!((m.name.as_str(), m.head.as_str()), ("33条政策", "政策"));
    let q = &m.quantities[0];
    assert_eq!((q.start, q.end), (1364, 1373));
    assert_eq!(q.value.map(|v| v.to_string()).as_deref(), Some("450000000"));
}

#[test]
fn article_001_high_tech_zones() {
    let text = article("001");
    let found = parse(&text);
    assert_eq!(
        summary(&found),
        [
            "新能源产业高质量发展办法 | - | ",
            "投融资机制 | - | ",
            "投融资机制 | - | 5000万元",
            "“拨转投”模式 | - | 5000万元",
            "“拨转投”机制 | - | ",
            "“拨转投”机制 | - | ",
            "“人工智能+”举措 | - | ",
        ]
    );
    let m = at(&found, 5556, "“拨转投”模式");
    assert_eq!((m.name.as_str(), m.head.as_str()), ("拨转投模式", "模式"));
    at(&found, 6151, "“拨转投”机制");
    // Page chrome (|阅读模式) and the credits (版式计划：) are not policies.
    assert!(!found.iter().any(|m| m.name.contains("阅读") || m.name.contains("版式")));
}

#[test]
fn article_002_binjiang() {
    let text = article("002");
    let found = parse(&text);
    assert_eq!(
        summary(&found),
        [
            "“5050计划” | 杭州高新区(滨江) | 3.8万人, 1.4万人",
            "“5151”创业陪跑计划 | 杭州高新区(滨江) | 3.8万人, 1.4万人",
            "高能级平台合作机制 | 杭州高新区(滨江) | 3.8万人, 1.4万人",
            "“两链”迭代计划 | 杭州高新区(滨江) | 不少于3亿元",
            "“两链”深度融合实施意见 | 杭州高新区(滨江) | 10条, 30家",
            "“数字经济三年行动计划” | - | 超6000亿元",
            "区级产业基金管理办法 | - | ",
            "跨区域协作模式 | 杭州高新区(滨江) | ",
        ]
    );
    let m = at(&found, 2340, "“5050计划”");
    assert_eq!(m.name, "5050计划");
    // The region is the nickname 国际滨 written in the sentence, mapped to the zone it names.
    let r = m.region.as_ref().expect("a region");
    assert_eq!(text.get(r.start..r.end), Some("国际滨"));

    let m = at(&found, 3719, "“两链”迭代计划");
    assert_eq!((m.name.as_str(), m.head.as_str()), ("两链迭代计划", "计划"));
    let q = &m.quantities[0];
    assert_eq!(q.value.map(|v| v.to_string()).as_deref(), Some("300000000"));
    assert_eq!(q.qualifier, Qualifier::AtLeast);

    let m = at(&found, 5784, "“数字经济三年行动计划”");
    assert_eq!((m.name.as_str(), m.head.as_str()), ("数字经济三年行动计划", "行动计划"));
    // 重点子产业链10条 counts chains: not a policy.
    assert!(!found.iter().any(|m| m.head == "条"));
}

#[test]
fn article_003_changxing_traditional_script_with_pinyin() {
    let text = article("003");
    let found = parse(&text);
    assert_eq!(
        summary(&found),
        [
            "產(chǎn)業(yè)創(chuàng)強爭先示范行動 | 长兴县 | ",
            "《長興縣工業(yè)產(chǎn)業(yè)重點發(fā)展方向及指導目錄》 | 长兴县 | ",
            "“一號改革工程” | 长兴县 | ",
            "“十二條意見” | 长兴县 | ",
            "十條舉措 | 长兴县 | ",
            "“微成長、小升高、高壯大”的培育機制 | - | ",
            "《國務(wù)院關(guān)于加快培育和發(fā)展戰(zhàn)略性新興產(chǎn)業(yè)的決定》 | - | ",
            "《“十三五”國家戰(zhàn)略性新興產(chǎn)業(yè)發(fā)展規(guī)劃》 | - | ",
            "《關(guān)于支持戰(zhàn)略性新興產(chǎn)業(yè)發(fā)展的合作協(xié)議》 | - | ",
            "戰(zhàn)略性新興產(chǎn)業(yè)集群發(fā)展工程 | - | ",
            "產(chǎn)業(yè)發(fā)展大數(shù)據(jù)監(jiān)測機制 | - | ",
            "引才計劃 | - | ",
            "本地化人才培養(yǎng)政策 | - | ",
        ]
    );
    // 制定實施深化“放管服”十條舉措: the measures, not the quoted reform.
    let m = at(&found, 9039, "十條舉措");
    assert_eq!((m.name.as_str(), m.head.as_str()), ("十条举措", "举措"));
    let r = m.region.as_ref().expect("a region");
    assert_eq!(
        (r.region.name.as_str(), r.region.code.as_deref()),
        ("长兴县", Some("330522"))
    );
    assert_eq!(at(&found, 8984, "“十二條意見”").name, "十二条意见");
    let m = at(
        &found,
        5301,
        "《長興縣工業(yè)產(chǎn)業(yè)重點發(fā)展方向及指導目錄》",
    );
    assert_eq!(m.name, "长兴县工业产业重点发展方向及指导目录");
    assert_eq!(m.head, "目录");
}

#[test]
fn article_004_qiantang() {
    let text = article("004");
    let found = parse(&text);
    assert_eq!(
        summary(&found),
        [
            "高能级战略平台行动计划 | 钱塘区 | ",
            "研发组织模式 | - | ",
            "“链式+集群”新模式 | 钱塘区 | ",
            "“人才新政25条” | 钱塘区 | ",
            "“七维”产业人才评价模式 | 钱塘区 | ",
            "存量工业用地企业提质增效三年行动 | 钱塘区 | 5万元以下",
        ]
    );
    let m = at(&found, 5964, "“人才新政25条”");
    assert_eq!((m.name.as_str(), m.head.as_str()), ("人才新政25条", "条"));
    // 发布…行动计划和政策意见: 政策意见 is generic; forum navigation (上一条, 下一条) is not a policy.
    assert!(!found
        .iter()
        .any(|m| m.name.contains("政策意见") || m.name.contains("一条")));
}

#[test]
fn find_without_context_leaves_region_and_quantities_empty() {
    let text = article("002");
    let bare = policy::find(&text);
    let doc = Document::parse(&text);
    assert_eq!(bare.len(), doc.policies.len());
    for (a, b) in bare.iter().zip(&doc.policies) {
        assert_eq!((a.start, a.end, &a.name, &a.head), (b.start, b.end, &b.name, &b.head));
        assert!(a.region.is_none() && a.quantities.is_empty());
    }
}

// ---------------------------------------------------------------------------------------------
// hand-written

fn spans(text: &str) -> Vec<String> {
    parse(text).iter().map(|m| m.text.clone()).collect()
}

#[test]
fn brief_examples() {
    assert_eq!(
        spans("出台了支持传统产业转型升级的“33条”政策，专门拿出4.5亿元资金。"),
        ["“33条”政策"]
    );
    assert_eq!(spans("钱塘区发布“人才新政25条”。"), ["“人才新政25条”"]);
    assert_eq!(spans("钱塘区发布人才新政25条。"), ["人才新政25条"]);
    assert_eq!(spans("通过“拨转投”模式支持企业。"), ["“拨转投”模式"]);
    assert_eq!(spans("推出数字经济三年行动计划。"), ["数字经济三年行动计划"]);
    assert_eq!(spans("制定了“两链”迭代计划。"), ["“两链”迭代计划"]);
    assert_eq!(spans("制定實施深化“放管服”十條舉措。"), ["十條舉措"]);
    assert_eq!(spans("迭代实施“5050计划”。"), ["“5050计划”"]);
}

#[test]
fn region_is_the_nearest_before_the_measure_in_its_sentence() {
    let found = parse("浙江省出台“33条”政策，安排资金5亿元。");
    assert_eq!(summary(&found), ["“33条”政策 | 浙江省 | 5亿元"]);
    assert_eq!(
        found[0].region.as_ref().and_then(|r| r.region.code.as_deref()),
        Some("330000")
    );

    let found = parse("浙江省和海宁市先后出台“33条”政策。");
    assert_eq!(summary(&found), ["“33条”政策 | 海宁市 | "]);

    // Another sentence, or only after the measure: no region, no funds.
    assert_eq!(
        summary(&parse("出台“33条”政策。海宁安排资金5亿元。")),
        ["“33条”政策 | - | "]
    );
    assert_eq!(summary(&parse("出台“33条”政策的是海宁。")), ["“33条”政策 | - | "]);
    // An area is not an issuer.
    assert_eq!(summary(&parse("全国推出“33条”政策。")), ["“33条”政策 | - | "]);
    // A region inside a title issues it.
    assert_eq!(
        summary(&parse("《浙江省数字经济促进条例》")),
        ["《浙江省数字经济促进条例》 | 浙江省 | "]
    );
}

#[test]
fn funds_and_targets() {
    // A target of another unit counts; an indicator's outcome does not.
    assert_eq!(
        summary(&parse("海宁出台“5050计划”，力争到2025年引进人才3.8万人。")),
        ["“5050计划” | 海宁 | 3.8万人"]
    );
    assert_eq!(
        summary(&parse(
            "海宁出台“33条”政策，安排资金5亿元，海宁实现GDP 100亿元，增长5%。"
        )),
        ["“33条”政策 | 海宁 | 5亿元"]
    );
    assert_eq!(
        summary(&parse(
            "“国际滨”，是人们对杭州高新区(滨江)的赞誉。“国际滨”制定了“两链”迭代计划：每年安排专项资金不少于3亿元。"
        )),
        ["“两链”迭代计划 | 杭州高新区(滨江) | 不少于3亿元"]
    );
}

#[test]
fn not_policies() {
    for t in [
        "一家公司",
        "产业发展",
        "人才",
        "政策",
        "相关政策",
        "“政策”",
        "出台意见。",
        "通过政策引导企业。",
        "按计划今年将打造10条产业链。",
        "以超常规举措加快构建现代科创体系。",
        "“一链一基金”等创新举措。",
        "积极推进体制机制改革。",
        "走出了一条县域发展的独特路径。",
        "“1+4+2”现代产业体系",
        "“国际滨”已经制定了",
        "每年安排专项资金不少于3亿元。",
    ] {
        assert!(spans(t).is_empty(), "{t}: {:?}", spans(t));
    }
}

#[test]
fn arbitrary_input_keeps_spans_valid() {
    let pieces = [
        "“", "”", "《", "》", "33", "条", "十", "政策", "计划", "发布", "的", "(chǎn)", "產", "、", "\n", "|", "：",
        "a",
    ];
    let mut texts: Vec<String> = vec![String::new()];
    for _ in 0..4 {
        let longer: Vec<String> = texts
            .iter()
            .flat_map(|s| pieces.iter().map(move |p| format!("{s}{p}")))
            .collect();
        for t in &longer {
            let found = policy::find(t);
            let mut last = 0;
            for m in &found {
                assert_eq!(t.get(m.start..m.end), Some(m.text.as_str()), "{t:?}: {m:?}");
                assert!(m.start >= last && m.start < m.end, "{t:?}: {m:?}");
                last = m.end;
            }
        }
        texts = longer;
    }
}

#[test]
fn long_inputs_are_linear() {
    // 20,000 quotations and policy words in one sentence: no quadratic blow-up.
    let text = "“33条”政策和发布人才新政25条、".repeat(20_000);
    let found = policy::find(&text);
    assert_eq!(found.len(), 40_000);
    let text = "“".repeat(100_000) + &"计".repeat(100_000);
    let _ = policy::find(&text);
}

#[cfg(feature = "serde")]
#[test]
fn serde_round_trip() {
    let found = parse("浙江省出台“33条”政策，安排资金5亿元。");
    let json = serde_json::to_value(&found).expect("serializable");
    assert_eq!(json[0]["name"], "33条政策");
    assert_eq!(json[0]["quantities"][0]["value"], "500000000");
    let back: Vec<PolicyMeasure> = serde_json::from_value(json).expect("deserializable");
    assert_eq!(back, found);
}

#[test]
fn long_documents_are_linear() {
    // 5,000 measures and 5,000 amounts in one sentence: each measure carries at most the 8 nearest.
    let text = "“33条”政策安排5亿元、".repeat(5_000);
    let doc = Document::parse(&text);
    assert_eq!(doc.policies.len(), 5_000);
    assert!(doc.policies.iter().all(|p| p.quantities.len() <= 8));
    assert_eq!(doc.policies[0].quantities.len(), 8);
}
