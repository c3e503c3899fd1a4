//! The two official formats as data: tables, rows, columns, cell keys (spec/keys.md) and the
//! words that recognise each row in real reports (whose labels are broken, abbreviated or
//! slightly reworded: 「其他法律和行政法规禁止公开」, 「行政机关不再受理其…」).

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
pub enum Format {
    /// 国办公开办函〔2019〕60号 试行 format, for report years 2019–2020.
    #[serde(rename = "2019")]
    V2019,
    /// 国办公开办函〔2021〕30号, for report years 2021 onward.
    #[serde(rename = "2021")]
    V2021,
}

impl Format {
    pub fn id(self) -> &'static str {
        match self {
            Format::V2019 => "2019",
            Format::V2021 => "2021",
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Format::V2019 => "2019年试行格式（国办公开办函〔2019〕60号）",
            Format::V2021 => "2021年格式（国办公开办函〔2021〕30号）",
        }
    }
    /// The format a report for `year` must use.
    pub fn for_year(year: i32) -> Format {
        if year >= 2021 {
            Format::V2021
        } else {
            Format::V2019
        }
    }
}

/// One column of a table: key suffix and label.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub key: &'static str,
    pub label: &'static str,
}

/// One row of a table in template order.
#[derive(Clone, Copy, Debug)]
pub struct RowDef {
    /// Row part of the key (`new`, `denied.state_secret` …), after the table prefix.
    pub key: &'static str,
    /// The label as the format writes it (what the page shows).
    pub label: &'static str,
    /// The short name used in messages (「（七）总计」).
    pub short: &'static str,
    /// Any of these (compared without whitespace and quotes) recognises the row.
    pub keywords: &'static [&'static str],
    /// A group row that the format has no cells for; some reports add it as a subtotal row.
    pub subtotal: bool,
    /// Columns of this row (table 2 rows differ; tables 3 and 4 share theirs).
    pub columns: &'static [Column],
}

pub const APPLY_COLUMNS: &[Column] = &[
    Column {
        key: "natural",
        label: "自然人",
    },
    Column {
        key: "business",
        label: "商业企业",
    },
    Column {
        key: "research",
        label: "科研机构",
    },
    Column {
        key: "nonprofit",
        label: "社会公益组织",
    },
    Column {
        key: "legal",
        label: "法律服务机构",
    },
    Column {
        key: "other_org",
        label: "其他（法人或其他组织）",
    },
    Column {
        key: "total",
        label: "总计",
    },
];

const fn row(
    key: &'static str,
    label: &'static str,
    short: &'static str,
    keywords: &'static [&'static str],
) -> RowDef {
    RowDef {
        key,
        label,
        short,
        keywords,
        subtotal: false,
        columns: APPLY_COLUMNS,
    }
}

const fn group(
    key: &'static str,
    label: &'static str,
    short: &'static str,
    keywords: &'static [&'static str],
) -> RowDef {
    RowDef {
        key,
        label,
        short,
        keywords,
        subtotal: true,
        columns: APPLY_COLUMNS,
    }
}

macro_rules! apply_rows {
    ($($other:expr),* $(,)?) => {
        &[
            row("new", "一、本年新收政府信息公开申请数量", "一、本年新收申请", &["本年新收", "新收政府信息公开申请"]),
            row("carried_over", "二、上年结转政府信息公开申请数量", "二、上年结转申请", &["上年结转"]),
            row("granted", "（一）予以公开", "（一）予以公开", &["予以公开"]),
            row("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开", &["部分公开"]),
            group("denied", "（三）不予公开", "（三）不予公开（小计）", &["不予公开"]),
            row("denied.state_secret", "1.属于国家秘密", "（三）不予公开·1.属于国家秘密", &["国家秘密"]),
            row("denied.law_forbidden", "2.其他法律行政法规禁止公开", "（三）不予公开·2.其他法律行政法规禁止公开", &["禁止公开"]),
            row("denied.security", "3.危及“三安全一稳定”", "（三）不予公开·3.危及“三安全一稳定”", &["三安全一稳定", "危及"]),
            row("denied.third_party", "4.保护第三方合法权益", "（三）不予公开·4.保护第三方合法权益", &["第三方"]),
            row("denied.internal", "5.属于三类内部事务信息", "（三）不予公开·5.属于三类内部事务信息", &["内部事务"]),
            row("denied.process", "6.属于四类过程性信息", "（三）不予公开·6.属于四类过程性信息", &["过程性"]),
            row("denied.enforcement", "7.属于行政执法案卷", "（三）不予公开·7.属于行政执法案卷", &["执法案卷"]),
            row("denied.query", "8.属于行政查询事项", "（三）不予公开·8.属于行政查询事项", &["行政查询", "查询事项"]),
            group("unable", "（四）无法提供", "（四）无法提供（小计）", &["无法提供"]),
            row("unable.not_held", "1.本机关不掌握相关政府信息", "（四）无法提供·1.本机关不掌握相关政府信息", &["不掌握"]),
            row("unable.must_create", "2.没有现成信息需要另行制作", "（四）无法提供·2.没有现成信息需要另行制作", &["另行制作", "没有现成"]),
            row("unable.unclear", "3.补正后申请内容仍不明确", "（四）无法提供·3.补正后申请内容仍不明确", &["仍不明确", "补正后申请"]),
            group("rejected", "（五）不予处理", "（五）不予处理（小计）", &["不予处理"]),
            row("rejected.petition", "1.信访举报投诉类申请", "（五）不予处理·1.信访举报投诉类申请", &["信访", "举报投诉"]),
            row("rejected.repeat", "2.重复申请", "（五）不予处理·2.重复申请", &["重复申请"]),
            row("rejected.publication", "3.要求提供公开出版物", "（五）不予处理·3.要求提供公开出版物", &["出版物"]),
            row("rejected.excessive", "4.无正当理由大量反复申请", "（五）不予处理·4.无正当理由大量反复申请", &["大量反复"]),
            row("rejected.confirm", "5.要求行政机关确认或重新出具已获取信息", "（五）不予处理·5.要求行政机关确认或重新出具已获取信息", &["重新出具", "确认或"]),
            $($other,)*
            row("total", "（七）总计", "（七）总计", &["（七）总计", "七）总计", "(七)总计"]),
            row("carried_forward", "四、结转下年度继续办理", "四、结转下年度继续办理", &["结转下年", "下年度继续办理"]),
        ]
    };
}

pub const APPLY_ROWS_2021: &[RowDef] = apply_rows![
    group(
        "other",
        "（六）其他处理",
        "（六）其他处理（小计）",
        &["其他处理"]
    ),
    row(
        "other.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "（六）其他处理·1.逾期不补正",
        &["不补正"]
    ),
    row(
        "other.no_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "（六）其他处理·2.逾期未缴纳费用",
        &["缴纳费用", "收费通知"]
    ),
    row(
        "other.other",
        "3.其他",
        "（六）其他处理·3.其他",
        &["3.其他", "3、其他"]
    ),
];

pub const APPLY_ROWS_2019: &[RowDef] = apply_rows![row(
    "other",
    "（六）其他处理",
    "（六）其他处理",
    &["其他处理"]
)];

pub const REVIEW_COLUMNS: &[Column] = &[
    Column {
        key: "upheld",
        label: "结果维持",
    },
    Column {
        key: "corrected",
        label: "结果纠正",
    },
    Column {
        key: "other",
        label: "其他结果",
    },
    Column {
        key: "pending",
        label: "尚未审结",
    },
    Column {
        key: "total",
        label: "总计",
    },
];

/// Table 4 groups in template order; each has the five REVIEW_COLUMNS.
pub const REVIEW_GROUPS: &[(&str, &str)] = &[
    ("reconsideration", "行政复议"),
    ("litigation_direct", "行政诉讼·未经复议直接起诉"),
    ("litigation_after", "行政诉讼·复议后起诉"),
];

const fn active(
    key: &'static str,
    label: &'static str,
    keywords: &'static [&'static str],
    columns: &'static [Column],
) -> RowDef {
    RowDef {
        key,
        label,
        short: label,
        keywords,
        subtotal: false,
        columns,
    }
}

const COLS_2021_DOCS: &[Column] = &[
    Column {
        key: "issued",
        label: "本年制发件数",
    },
    Column {
        key: "repealed",
        label: "本年废止件数",
    },
    Column {
        key: "in_force",
        label: "现行有效件数",
    },
];
const COLS_2021_DECISIONS: &[Column] = &[Column {
    key: "decisions",
    label: "本年处理决定数量",
}];
const COLS_2021_FEES: &[Column] = &[Column {
    key: "amount",
    label: "本年收费金额（单位：万元）",
}];

pub const ACTIVE_ROWS_2021: &[RowDef] = &[
    active("rules", "规章", &["规章"], COLS_2021_DOCS),
    active(
        "normative",
        "行政规范性文件",
        &["规范性文件"],
        COLS_2021_DOCS,
    ),
    active("licensing", "行政许可", &["行政许可"], COLS_2021_DECISIONS),
    active("penalty", "行政处罚", &["行政处罚"], COLS_2021_DECISIONS),
    active("coercion", "行政强制", &["行政强制"], COLS_2021_DECISIONS),
    active("fees", "行政事业性收费", &["事业性收费"], COLS_2021_FEES),
];

const COLS_2019_DOCS: &[Column] = &[
    Column {
        key: "made",
        label: "本年新制作数量",
    },
    Column {
        key: "published",
        label: "本年新公开数量",
    },
    Column {
        key: "public_total",
        label: "对外公开总数量",
    },
];
const COLS_2019_ITEMS: &[Column] = &[
    Column {
        key: "prev_items",
        label: "上一年项目数量",
    },
    Column {
        key: "change",
        label: "本年增/减",
    },
    Column {
        key: "decisions",
        label: "处理决定数量",
    },
];
/// 行政事业性收费 has the first two columns of the other items (no 处理决定数量).
const COLS_2019_FEES: &[Column] = COLS_2019_ITEMS.split_at(2).0;
const COLS_2019_PROCUREMENT: &[Column] = &[
    Column {
        key: "items",
        label: "采购项目数量",
    },
    Column {
        key: "amount",
        label: "采购总金额",
    },
];

pub const ACTIVE_ROWS_2019: &[RowDef] = &[
    active("rules", "规章", &["规章"], COLS_2019_DOCS),
    active("normative", "规范性文件", &["规范性文件"], COLS_2019_DOCS),
    active("licensing", "行政许可", &["行政许可"], COLS_2019_ITEMS),
    active(
        "other_services",
        "其他对外管理服务事项",
        &["对外管理服务"],
        COLS_2019_ITEMS,
    ),
    active("penalty", "行政处罚", &["行政处罚"], COLS_2019_ITEMS),
    active("coercion", "行政强制", &["行政强制"], COLS_2019_ITEMS),
    active("fees", "行政事业性收费", &["事业性收费"], COLS_2019_FEES),
    active(
        "procurement",
        "政府集中采购",
        &["集中采购"],
        COLS_2019_PROCUREMENT,
    ),
];

pub fn apply_rows(format: Format) -> &'static [RowDef] {
    match format {
        Format::V2019 => APPLY_ROWS_2019,
        Format::V2021 => APPLY_ROWS_2021,
    }
}

pub fn active_rows(format: Format) -> &'static [RowDef] {
    match format {
        Format::V2019 => ACTIVE_ROWS_2019,
        Format::V2021 => ACTIVE_ROWS_2021,
    }
}

/// Which table a key belongs to, for grouping findings: 表二/表三/表四.
pub fn table_of(key: &str) -> &'static str {
    if key.starts_with("active.") {
        "表二"
    } else if key.starts_with("apply.") {
        "表三"
    } else {
        "表四"
    }
}

/// Every numeric cell key of a format, in table order. Subtotal rows are not part of the
/// format and so are not listed (they appear in a report only when the report has them).
pub fn keys(format: Format) -> Vec<String> {
    let mut out = Vec::new();
    for r in active_rows(format) {
        for c in r.columns {
            out.push(format!("active.{}.{}", r.key, c.key));
        }
    }
    for r in apply_rows(format).iter().filter(|r| !r.subtotal) {
        for c in r.columns {
            out.push(format!("apply.{}.{}", r.key, c.key));
        }
    }
    for (g, _) in REVIEW_GROUPS {
        for c in REVIEW_COLUMNS {
            out.push(format!("review.{g}.{}", c.key));
        }
    }
    out
}

/// The human label of a cell key: 「（七）总计·自然人」, 「行政复议·总计」, 「规章·本年制发件数」.
pub fn cell_label(key: &str) -> String {
    let mut parts = key.splitn(2, '.');
    let table = parts.next().unwrap_or("");
    let rest = parts.next().unwrap_or("");
    let (row, col) = match rest.rfind('.') {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, ""),
    };
    match table {
        "apply" => {
            // 2019 first: there `apply.other.*` is the leaf row 「（六）其他处理」.
            let r = APPLY_ROWS_2019
                .iter()
                .chain(APPLY_ROWS_2021)
                .find(|r| r.key == row);
            let c = APPLY_COLUMNS.iter().find(|c| c.key == col);
            format!(
                "{}·{}",
                r.map(|r| r.short).unwrap_or(row),
                c.map(|c| c.label).unwrap_or(col)
            )
        }
        "review" => {
            let g = REVIEW_GROUPS
                .iter()
                .find(|(k, _)| *k == row)
                .map(|(_, l)| *l)
                .unwrap_or(row);
            let c = REVIEW_COLUMNS
                .iter()
                .find(|c| c.key == col)
                .map(|c| c.label)
                .unwrap_or(col);
            format!("{g}·{c}")
        }
        _ => {
            let r = ACTIVE_ROWS_2021
                .iter()
                .chain(ACTIVE_ROWS_2019)
                .find(|r| r.key == row);
            let c = r
                .and_then(|r| r.columns.iter().find(|c| c.key == col))
                .or_else(|| {
                    ACTIVE_ROWS_2019
                        .iter()
                        .flat_map(|r| r.columns.iter())
                        .find(|c| c.key == col)
                })
                .map(|c| c.label)
                .unwrap_or(col);
            format!("{}·{}", r.map(|r| r.label).unwrap_or(row), c)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_counts_match_keys_md() {
        assert_eq!(keys(Format::V2021).len(), 10 + 25 * 7 + 15);
        assert_eq!(keys(Format::V2019).len(), 22 + 23 * 7 + 15);
        assert!(keys(Format::V2021).contains(&"apply.other.no_fee.total".to_string()));
        assert!(keys(Format::V2019).contains(&"apply.other.natural".to_string()));
        assert!(keys(Format::V2019).contains(&"active.procurement.amount".to_string()));
    }

    #[test]
    fn labels_name_row_and_column() {
        assert_eq!(cell_label("apply.total.natural"), "（七）总计·自然人");
        assert_eq!(cell_label("review.reconsideration.total"), "行政复议·总计");
        assert_eq!(cell_label("active.rules.issued"), "规章·本年制发件数");
        assert_eq!(cell_label("active.licensing.change"), "行政许可·本年增/减");
    }
}
