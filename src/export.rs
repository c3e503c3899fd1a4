//! Exports for reviewers: CSV of the summary (one row per file) and of all findings (one row
//! per finding). UTF-8 with BOM, so that Excel opens them in Chinese.

use crate::rules::{show, Severity};
use crate::Checked;

const BOM: &str = "\u{feff}";

/// 通过 / 有错误 / 无法识别.
pub fn status(c: &Checked) -> &'static str {
    if c.error.is_some() {
        "无法识别"
    } else if c.count(Severity::Error) > 0 {
        "有错误"
    } else {
        "通过"
    }
}

fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn row(fields: &[String]) -> String {
    let mut line = fields
        .iter()
        .map(|f| field(f))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

fn opt(v: Option<f64>) -> String {
    v.map(show).unwrap_or_default()
}

/// One row per file: 文件, 发布机关, 年度, 格式, 错误, 警告, 提示, 状态, 说明.
pub fn summary_csv(files: &[(String, Checked)]) -> String {
    let mut out = String::from(BOM);
    out.push_str(&row(&[
        "文件",
        "发布机关",
        "年度",
        "格式",
        "错误",
        "警告",
        "提示",
        "状态",
        "说明",
    ]
    .map(String::from)));
    for (path, c) in files {
        let r = &c.report;
        out.push_str(&row(&[
            path.clone(),
            r.body.clone().unwrap_or_default(),
            r.year.map(|y| y.to_string()).unwrap_or_default(),
            if c.error.is_none() {
                r.format.map(|f| f.id().to_string()).unwrap_or_default()
            } else {
                String::new()
            },
            c.count(Severity::Error).to_string(),
            c.count(Severity::Warning).to_string(),
            c.count(Severity::Info).to_string(),
            status(c).to_string(),
            c.error.clone().unwrap_or_default(),
        ]));
    }
    out
}

/// One row per finding: 文件, 规则, 严重程度, 单元格, 说明, 左边, 右边, 可能出错的单元格, 建议值.
pub fn findings_csv(files: &[(String, Checked)]) -> String {
    let mut out = String::from(BOM);
    out.push_str(&row(&[
        "文件",
        "规则",
        "严重程度",
        "单元格",
        "说明",
        "左边",
        "右边",
        "可能出错的单元格",
        "建议值",
    ]
    .map(String::from)));
    for (path, c) in files {
        for f in &c.findings {
            out.push_str(&row(&[
                path.clone(),
                f.rule.to_string(),
                f.severity.zh().to_string(),
                f.cells.join(" "),
                f.message.clone(),
                opt(f.left),
                opt(f.right),
                f.culprit.clone().unwrap_or_default(),
                opt(f.fix),
            ]));
        }
    }
    out
}

/// Pairs the same body's consecutive years among `files` and adds the cross-year findings to
/// the later report of each pair. Returns, for each file, the index of the file it was compared
/// with (the same body's report of the year before).
pub fn pair_years(files: &mut [(String, Checked)]) -> Vec<Option<usize>> {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
    };
    let keys: Vec<Option<(String, i32)>> = files
        .iter()
        .map(|(_, c)| match (&c.error, &c.report.body, c.report.year) {
            (None, Some(b), Some(y)) => Some((norm(b), y)),
            _ => None,
        })
        .collect();
    let previous: Vec<Option<usize>> = keys
        .iter()
        .map(|k| {
            let (body, year) = k.as_ref()?;
            keys.iter()
                .position(|o| o.as_ref().is_some_and(|(b, y)| b == body && *y == year - 1))
        })
        .collect();
    for (cur, prev) in previous.iter().enumerate() {
        if let Some(p) = *prev {
            let prev_checked = files[p].1.clone();
            files[cur].1.compare_with_previous(&prev_checked);
        }
    }
    previous
}
