//! `zh_econ::period`: the period forms of the contract (`2023`, `2023H1`, `2023Q3`, `2023-09`,
//! `2024-12-end`, `null`), found in text by `find` and resolved against the document's date; the
//! page's own date (`dateline`); and the `Period` / `Date` codes (`FromStr`, `Display`, serde).

use zh_econ::period::{dateline, find, Date, Period, PeriodError};

const DATE: Date = Date {
    year: 2024,
    month: 9,
    day: 24,
};

/// The codes `find` gives for `text` (`"null"` for a mention without a period).
fn codes(text: &str, date: Option<Date>) -> Vec<String> {
    find(text, date)
        .iter()
        .map(|m| m.period.map_or_else(|| "null".to_string(), |p| p.to_string()))
        .collect()
}

/// Checks `(text, code with the document dated 2024-09-24, code without a date)` rows, where each
/// text holds exactly one period mention; a code of `"null"` is a mention without a period.
fn check(rows: &[(&str, &str, &str)]) {
    let mut bad = Vec::new();
    for &(text, dated, undated) in rows {
        let got = (codes(text, Some(DATE)), codes(text, None));
        if got.0 != [dated] || got.1 != [undated] {
            bad.push(format!(
                "{text:?}: expected [{dated}] dated 2024-09-24 and [{undated}] undated, got {:?} and {:?}",
                got.0, got.1
            ));
        }
    }
    assert!(bad.is_empty(), "\n{}", bad.join("\n"));
}

#[test]
fn absolute_periods() {
    check(&[
        ("2023年", "2023", "2023"),
        ("2023年，全市实现", "2023", "2023"),
        ("2023年上半年", "2023H1", "2023H1"),
        ("2023年下半年", "2023H2", "2023H2"),
        ("2023年一季度", "2023Q1", "2023Q1"),
        ("2023年第一季度", "2023Q1", "2023Q1"),
        ("2023年前三季度", "2023Q3", "2023Q3"),
        ("2023年第四季度", "2023Q4", "2023Q4"),
        ("2023年1—8月", "2023-08", "2023-08"),
        ("2023年1-8月", "2023-08", "2023-08"),
        ("2023年1至8月", "2023-08", "2023-08"),
        ("2023年1月-8月", "2023-08", "2023-08"),
        ("2023年12月", "2023-12", "2023-12"),
        ("2023年9月底", "2023-09-end", "2023-09-end"),
        ("2024年年底", "2024-12-end", "2024-12-end"),
        ("2023年年末", "2023-12-end", "2023-12-end"),
        ("截至2024年底", "2024-12-end", "2024-12-end"),
        ("截至2024年末", "2024-12-end", "2024-12-end"),
        ("截至2024年9月", "2024-09-end", "2024-09-end"),
        ("截至2024年9月底", "2024-09-end", "2024-09-end"),
        ("截止2024年9月", "2024-09-end", "2024-09-end"),
    ]);
}

#[test]
fn parts_of_the_documents_year() {
    // A part of a year without one takes the document's year; with no date it is unresolved.
    check(&[
        ("上半年", "2024H1", "null"),
        ("下半年", "2024H2", "null"),
        ("一季度", "2024Q1", "null"),
        ("第一季度", "2024Q1", "null"),
        ("三季度", "2024Q3", "null"),
        ("前三季度", "2024Q3", "null"),
        ("1—8月", "2024-08", "null"),
        ("1-8月", "2024-08", "null"),
        ("1至8月", "2024-08", "null"),
        ("9月底", "2024-09-end", "null"),
        ("年底", "2024-12-end", "null"),
        ("年末", "2024-12-end", "null"),
    ]);
}

#[test]
fn relative_years() {
    check(&[
        ("今年", "2024", "null"),
        ("本年", "2024", "null"),
        ("去年", "2023", "null"),
        ("上年", "2023", "null"),
        ("前年", "2022", "null"),
        ("今年上半年", "2024H1", "null"),
        ("去年下半年", "2023H2", "null"),
        ("今年前三季度", "2024Q3", "null"),
        ("今年1—8月", "2024-08", "null"),
        ("截至去年底", "2023-12-end", "null"),
        ("截至去年年底", "2023-12-end", "null"),
    ]);
}

#[test]
fn unresolved_flag() {
    for text in ["今年", "去年", "前年", "本年", "上半年", "前三季度", "截至去年底"] {
        let undated = find(text, None);
        assert_eq!(undated.len(), 1, "{text:?}: {undated:?}");
        assert!(
            undated[0].unresolved && undated[0].period.is_none(),
            "{text:?} without a date: {undated:?}"
        );
        let dated = find(text, Some(DATE));
        assert!(
            !dated[0].unresolved && dated[0].period.is_some(),
            "{text:?} dated: {dated:?}"
        );
    }
    // An absolute year needs no date.
    assert!(!find("2023年上半年", None)[0].unresolved);
}

#[test]
fn periods_that_are_null() {
    // Several years, and words that reset the period: a mention, but no period, and not "unresolved".
    for text in [
        "2019—2023年",
        "2019-2023年",
        "2021至2023年",
        "目前",
        "截至目前",
        "截止目前",
        "近年来",
        "累计",
        "连续两年",
        "连续3年",
    ] {
        for date in [Some(DATE), None] {
            let m = find(text, date);
            assert_eq!(m.len(), 1, "{text:?} ({date:?}): expected one mention, got {m:?}");
            assert_eq!(m[0].period, None, "{text:?} ({date:?})");
            assert!(!m[0].unresolved, "{text:?} ({date:?}) is not a relative word: {m:?}");
        }
    }
}

#[test]
fn spans_are_the_expressions() {
    let text = "2023年上半年，海宁市；今年前三季度；截至2024年9月底，长兴县；1—8月；较2019年提高";
    let spans: Vec<&str> = find(text, Some(DATE)).iter().map(|m| &text[m.start..m.end]).collect();
    assert_eq!(
        spans,
        ["2023年上半年", "今年前三季度", "截至2024年9月底", "1—8月", "2019年"]
    );
}

#[test]
fn span_of_year_end_includes_di() {
    for text in ["截至2024年底", "截至去年底", "截至2024年末"] {
        let m = find(text, Some(DATE));
        assert_eq!(m.len(), 1, "{text:?}: {m:?}");
        assert_eq!(&text[m[0].start..m[0].end], text);
    }
}

#[test]
fn year_end_without_jiezhi() {
    check(&[
        ("2023年底", "2023-12-end", "2023-12-end"),
        ("2024年末", "2024-12-end", "2024-12-end"),
    ]);
}

#[test]
fn basis_of_comparison_is_marked() {
    for (text, year) in [
        ("较2019年提高5.5个百分点", "2019年"),
        ("比2019年增长", "2019年"),
        ("相比2019年", "2019年"),
        ("較2019年提高", "2019年"),
        ("较上年增长", "上年"),
    ] {
        let m = find(text, Some(DATE));
        assert_eq!(m.len(), 1, "{text:?}: {m:?}");
        assert_eq!(&text[m[0].start..m[0].end], year, "{text:?}");
        assert!(m[0].basis, "{text:?}: not marked as a basis: {m:?}");
    }
    // In a sentence: the period is not a basis, the comparison year is.
    let text = "2023年，长兴县税收收入占比为88.9%，较2019年提高5.5个百分点。";
    let m = find(text, None);
    let got: Vec<(String, bool)> = m
        .iter()
        .map(|m| (m.period.map_or("null".into(), |p| p.to_string()), m.basis))
        .collect();
    assert_eq!(got, [("2023".to_string(), false), ("2019".to_string(), true)]);
}

#[test]
fn traditional_script() {
    check(&[
        ("截至2024年9月底，長興縣規上工業企業達到", "2024-09-end", "2024-09-end"),
        ("2022年，長興縣實現地區生產總值", "2022", "2022"),
        ("今年上半年，全縣", "2024H1", "null"),
        ("截至去年底，全縣", "2023-12-end", "null"),
    ]);
}

#[test]
fn full_width_months() {
    check(&[
        ("１—８月", "2024-08", "null"),
        ("９月底", "2024-09-end", "null"),
        ("2023年１—８月", "2023-08", "2023-08"),
    ]);
}

#[test]
fn full_width_years() {
    check(&[
        ("２０２３年", "2023", "2023"),
        ("２０２３年上半年", "2023H1", "2023H1"),
        ("截至２０２４年９月底", "2024-09-end", "2024-09-end"),
        ("截至２０２４年底", "2024-12-end", "2024-12-end"),
    ]);
}

#[test]
fn several_mentions_in_order() {
    let text = "截至去年底，全市有企业500家；今年上半年，GDP增长5%；2023年前三季度；目前";
    assert_eq!(codes(text, Some(DATE)), ["2023-12-end", "2024H1", "2023Q3", "null"]);
    let starts: Vec<usize> = find(text, Some(DATE)).iter().map(|m| m.start).collect();
    assert!(starts.windows(2).all(|w| w[0] < w[1]), "{starts:?}");
}

#[test]
fn month_and_day_is_not_a_period() {
    assert_eq!(codes("8月2日，记者来到海宁", Some(DATE)), Vec::<String>::new());
}

// ---------------------------------------------------------------------------------------------
// dateline

#[test]
fn datelines() {
    let d = |year, month, day| Some(Date { year, month, day });
    let cases: &[(&str, Option<Date>)] = &[
        (
            "首页 > 新闻中心 > 县域经济\n海宁：从“一块布”到“一束光”\n2024年09月24日 星期二  来源：钱江晚报\n\n2023年，海宁市实现地区生产总值1318.2亿元。",
            d(2024, 9, 24),
        ),
        (
            "下沙论坛 › 钱塘新闻\n楼主 | 发表于 2022-4-11 16:24:30 | 只看该作者\n去年，钱塘区培育高新技术企业802家。",
            d(2022, 4, 11),
        ),
        (
            "民生网 > 财经\n来源:民生网2023-12-07 19:29:11\n長興縣2022年實現規上工業增加值300.9億元。",
            d(2023, 12, 7),
        ),
        ("市统计局\n发布时间：2023/05/06 浏览次数：1024\n今年一季度……", d(2023, 5, 6)),
        ("发布日期：2024年03月15日", d(2024, 3, 15)),
        ("2024年9月24日，记者从海宁市获悉", d(2024, 9, 24)),
        // No dateline: years, ranges, months and numbers are not dates.
        (
            "住在杭州网 > 高新区\n今年上半年，高新区(滨江)实现GDP 1234亿元，同比增长6.1%；2019—2023年累计增长38%。截至2024年9月，企业1—8月营收……电话：0571-87654321",
            None,
        ),
        ("", None),
        ("增长6.8%", None),
    ];
    let mut bad = Vec::new();
    for (text, want) in cases {
        let got = dateline(text);
        if got != *want {
            bad.push(format!("{text:?}: expected {want:?}, got {got:?}"));
        }
    }
    assert!(bad.is_empty(), "\n{}", bad.join("\n"));
}

#[test]
fn dateline_skips_impossible_dates() {
    assert_eq!(
        dateline("编号 2024-13-01，发表于 2023-12-07"),
        Some(Date {
            year: 2023,
            month: 12,
            day: 7
        })
    );
    assert_eq!(dateline("0571-88888888"), None);
}

// ---------------------------------------------------------------------------------------------
// codes

/// Every code shape: years, halves, quarters, months and month ends.
fn all_codes() -> Vec<String> {
    let mut v = Vec::new();
    for year in [1999, 2023, 2024] {
        v.push(format!("{year}"));
        for h in 1..=2 {
            v.push(format!("{year}H{h}"));
        }
        for q in 1..=4 {
            v.push(format!("{year}Q{q}"));
        }
        for m in 1..=12 {
            v.push(format!("{year}-{m:02}"));
            v.push(format!("{year}-{m:02}-end"));
        }
    }
    v
}

#[test]
fn period_codes_round_trip() {
    for code in all_codes() {
        let p: Period = code.parse().unwrap_or_else(|e| panic!("{code:?} does not parse: {e}"));
        assert_eq!(p.to_string(), code);
        assert_eq!(p.to_string().parse::<Period>(), Ok(p));
        // serde: a JSON string, both ways.
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(json, format!("\"{code}\""));
        assert_eq!(serde_json::from_str::<Period>(&json).unwrap(), p);
    }
    // Every code `find` produces reads back as the same period.
    let text = "2023年上半年；今年三季度；1—8月；截至去年底；9月底；2022年；2024年年末";
    for m in find(text, Some(DATE)) {
        let p = m
            .period
            .unwrap_or_else(|| panic!("{:?}: no period", &text[m.start..m.end]));
        assert_eq!(p.to_string().parse::<Period>(), Ok(p), "{:?}", &text[m.start..m.end]);
    }
}

#[test]
fn bad_period_codes() {
    for bad in [
        "",
        "202",
        "2023H0",
        "2023H3",
        "2023Q0",
        "2023Q5",
        "2023-00",
        "2023-13",
        "2023-00-end",
        "2023-13-end",
        "2023-09-END",
        "2023-09-",
        "2023x",
        "abcd",
        "２０２３",
        "2023年",
        "2023 ",
    ] {
        match bad.parse::<Period>() {
            Ok(p) => panic!("{bad:?} parsed as {p:?}"),
            Err(e) => {
                assert!(matches!(e, PeriodError::BadPeriod(ref s) if s == bad), "{bad:?}: {e:?}");
                assert!(e.to_string().contains(&format!("{bad:?}")), "{bad:?}: {e}");
            }
        }
    }
    assert!(serde_json::from_str::<Period>("\"2023Q5\"").is_err());
}

#[test]
fn date_from_str() {
    assert_eq!(
        "2024-09-24".parse::<Date>(),
        Ok(Date {
            year: 2024,
            month: 9,
            day: 24
        })
    );
    assert_eq!("2024-9-4".parse::<Date>().map(|d| (d.month, d.day)), Ok((9, 4)));
    for bad in [
        "",
        "2024",
        "2024-09",
        "2024-09-24-01",
        "2024-13-01",
        "2024-00-10",
        "2024-09-00",
        "2024-09-32",
        "2024/09/24",
        "2024年9月24日",
        "24-09-2024x",
        "abcd-09-24",
        "2024-09-24 ",
        " 2024-09-24",
        "2024-0x-24",
    ] {
        match bad.parse::<Date>() {
            Ok(d) => panic!("{bad:?} parsed as {d:?}"),
            Err(e) => {
                assert!(matches!(e, PeriodError::BadDate(ref s) if s == bad), "{bad:?}: {e:?}");
                assert!(e.to_string().contains("YYYY-MM-DD"), "{bad:?}: {e}");
            }
        }
    }
}

#[test]
fn dateline_in_full_width_digits() {
    assert_eq!(
        dateline("发布时间：２０２４年０９月２４日"),
        Some(Date {
            year: 2024,
            month: 9,
            day: 24
        })
    );
}

#[test]
fn five_year_plan_is_a_null_period() {
    for text in ["十四五期间", "“十四五”以来"] {
        let m = find(text, Some(DATE));
        assert_eq!(m.len(), 1, "{text:?}: {m:?}");
        assert_eq!(m[0].period, None, "{text:?}");
    }
}
