//! The crate as a dependent crate sees it: only the public API, used the way
//! a data pipeline would — read a column of figures from a CSV, normalise them
//! to one unit, and sum them exactly. API friction shows up here first.

use zh_econ::{Decimal, Qualifier, Quantity};

/// A budget table as a spreadsheet exports it: one figure per row, written
/// every way a Chinese table writes money.
const CSV: &str = "\
项目,金额
基础设施,1318.2亿元
研发投入,３．５亿元
人才专项,壹仟贰佰万元
产业基金,3万2千元
技改补助,五千元
小计（约）,约1.2万元
";

fn column(csv: &str, index: usize) -> Vec<&str> {
    csv.lines().skip(1).filter_map(|l| l.split(',').nth(index)).collect()
}

#[test]
fn parse_a_column_normalise_and_sum_exactly() {
    let cells = column(CSV, 1);
    let parsed: Vec<Quantity> = cells
        .iter()
        .map(|c| c.parse::<Quantity>())
        .collect::<Result<_, _>>()
        .unwrap();

    // Every cell is money in yuan, whatever script or numerals it was written in.
    assert!(parsed.iter().all(|q| q.unit.is_some_and(|u| u.code() == "CNY")));

    // Sum the exact figures; keep the approximate one apart, as an analyst would.
    let (exact, approx): (Vec<&Quantity>, Vec<&Quantity>) =
        parsed.iter().partition(|q| q.qualifier == Qualifier::Exact);
    let total: Decimal = exact.iter().filter_map(|q| q.value).sum();
    assert_eq!(total.to_string(), "132182037000");
    assert_eq!(approx.len(), 1);
    assert_eq!(approx[0].value, Some(Decimal::from(12_000)));

    // Normalise to 亿元 (10^8 yuan) exactly: no float anywhere.
    let yi = Decimal::from(100_000_000);
    let in_yi: Vec<String> = exact
        .iter()
        .filter_map(|q| q.value)
        .map(|v| (v / yi).normalize().to_string())
        .collect();
    assert_eq!(in_yi, ["1318.2", "3.5", "0.12", "0.00032", "0.00005"]);
}

#[test]
fn errors_are_values_a_pipeline_can_report() {
    // A dependent crate keeps going on a bad cell and reports where it failed.
    let bad = ["", "元整", "1318.2亿元整理"];
    let messages: Vec<String> = bad
        .iter()
        .map(|c| c.parse::<Quantity>().unwrap_err().to_string())
        .collect();
    assert_eq!(messages[0], "expected a number, found empty input");
    assert!(messages[1].contains("at byte 0"), "{}", messages[1]);
    assert!(messages[2].contains("at byte"), "{}", messages[2]);
}

#[test]
fn public_types_are_thread_safe_and_cloneable() {
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    assert_send_sync::<Quantity>();
    assert_send_sync::<zh_econ::document::Document>();
    assert_send_sync::<zh_econ::fact::Fact>();
    assert_send_sync::<zh_econ::Unit>();
}

#[test]
fn scanning_a_text_column_gives_owned_results() {
    // Quantities own their text, so results outlive the input buffer.
    let found: Vec<Quantity> = {
        let text = String::from("全年实现地区生产总值1318.2亿元，增长6.8%。");
        zh_econ::scan::quantities(&text).collect()
    };
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].to_string(), "131820000000 CNY");
}
