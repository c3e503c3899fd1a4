//! Checked → HTML strings for the page: the summary, the findings grouped by table, and the
//! report drawn back as the format's three tables. Every string from the input is escaped;
//! the DOM contract (`data-cell`, `data-severity`, `data-culprit`, `data-rule`) is made here.

use crate::rules::{self, show, Finding, Severity};
use crate::template::formats::{
    active_rows, apply_rows, Column, Format, APPLY_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS,
};
use crate::template::{cell_label, CellRead};
use crate::Checked;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub fn sev_id(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// The icon drawn next to a severity: shape as well as colour, so it reads without colour.
fn icon(s: Severity) -> String {
    let glyph = match s {
        Severity::Error => "✕",
        Severity::Warning => "!",
        Severity::Info => "i",
    };
    format!(
        "<span class=\"icon icon-{}\" aria-hidden=\"true\">{glyph}</span>",
        sev_id(s)
    )
}

/// What the findings say about one cell.
#[derive(Default)]
struct Flag {
    worst: Option<Severity>,
    messages: Vec<String>,
    fix: Option<f64>,
    culprit: bool,
    findings: Vec<usize>,
}

fn flags(findings: &[Finding]) -> BTreeMap<&str, Flag> {
    let mut out: BTreeMap<&str, Flag> = BTreeMap::new();
    for (i, f) in findings.iter().enumerate() {
        for key in &f.cells {
            let flag = out.entry(key.as_str()).or_default();
            flag.worst = Some(flag.worst.map_or(f.severity, |w| w.min(f.severity)));
            flag.messages
                .push(format!("{}（{}）：{}", f.severity.zh(), f.rule, f.message));
            flag.findings.push(i);
            if f.culprit.as_deref() == Some(key.as_str()) {
                flag.culprit = true;
                if flag.fix.is_none() {
                    flag.fix = f.fix;
                }
            }
        }
    }
    out
}

/// The summary line: title, format, year, issuing body and the counts.
pub fn summary(c: &Checked, source_label: &str) -> String {
    let r = &c.report;
    let (e, w, i) = (
        c.count(Severity::Error),
        c.count(Severity::Warning),
        c.count(Severity::Info),
    );
    let mut h = String::new();
    let title = r.title.as_deref().unwrap_or("（未识别到报告标题）");
    let _ = write!(
        h,
        "<h2 class=\"report-title\">{}</h2><dl class=\"meta\">",
        esc(title)
    );
    let mut meta = |k: &str, v: &str| {
        let _ = write!(h, "<div><dt>{k}</dt><dd>{}</dd></div>", esc(v));
    };
    meta("格式", r.format.map(|f| f.name()).unwrap_or("未识别"));
    meta(
        "年度",
        &r.year
            .map(|y| format!("{y} 年"))
            .unwrap_or_else(|| "未识别".into()),
    );
    meta("发布机关", r.body.as_deref().unwrap_or("未识别"));
    meta("来源", source_label);
    h.push_str("</dl><p class=\"counts\">");
    for (s, n) in [
        (Severity::Error, e),
        (Severity::Warning, w),
        (Severity::Info, i),
    ] {
        let _ = write!(
            h,
            "<span class=\"count count-{id}{zero}\">{icon}{name} <b>{n}</b> 个</span>",
            id = sev_id(s),
            zero = if n == 0 { " zero" } else { "" },
            icon = icon(s),
            name = s.zh(),
        );
    }
    h.push_str("</p>");
    if e + w + i == 0 {
        h.push_str("<p class=\"all-good\"><span class=\"icon icon-ok\" aria-hidden=\"true\">✓</span>未发现问题：各表的勾稽关系均成立。</p>");
    } else if e == 0 {
        h.push_str("<p class=\"all-good\"><span class=\"icon icon-ok\" aria-hidden=\"true\">✓</span>没有错误；请看下面的警告和提示。</p>");
    }
    h
}

const GROUPS: &[&str] = &["表二", "表三", "表四", "结构", "正文"];

fn group_title(t: &str) -> &str {
    match t {
        "表二" => "表二　主动公开政府信息情况",
        "表三" => "表三　收到和处理政府信息公开申请情况",
        "表四" => "表四　行政复议、行政诉讼情况",
        "结构" => "报告结构",
        "正文" => "正文",
        other => other,
    }
}

/// The findings list, grouped by table in the format's order.
pub fn findings(c: &Checked) -> String {
    if c.findings.is_empty() {
        return String::new();
    }
    let mut order: Vec<&str> = GROUPS.to_vec();
    for f in &c.findings {
        if !order.contains(&f.table) {
            order.push(f.table);
        }
    }
    let mut h = String::from("<h2 class=\"panel-title\">发现的问题</h2>");
    for table in order {
        let list: Vec<(usize, &Finding)> = c
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.table == table)
            .collect();
        if list.is_empty() {
            continue;
        }
        let _ = write!(
            h,
            "<section class=\"fgroup\" data-table=\"{t}\"><h3>{title} <span class=\"n\">{n}</span></h3><ol>",
            t = esc(table),
            title = esc(group_title(table)),
            n = list.len()
        );
        for (i, f) in list {
            finding(&mut h, i, f);
        }
        h.push_str("</ol></section>");
    }
    h
}

fn finding(h: &mut String, i: usize, f: &Finding) {
    let rule = rules::rule(f.rule);
    let _ = write!(
        h,
        "<li class=\"finding sev-{sev}\" data-rule=\"{id}\" data-severity=\"{sev}\" data-index=\"{i}\" \
         tabindex=\"0\" role=\"button\" aria-label=\"{zh} {id}：{msg}\">\
         <div class=\"fhead\">{icon}<span class=\"sevname\">{zh}</span><code>{id}</code>\
         <span class=\"ftitle\">{title}</span></div><p class=\"msg\">{msg}</p>",
        sev = sev_id(f.severity),
        id = esc(f.rule),
        zh = f.severity.zh(),
        icon = icon(f.severity),
        title = esc(rule.map(|r| r.title).unwrap_or("")),
        msg = esc(&f.message),
    );
    if let Some(identity) = f.identity {
        let _ = write!(h, "<p class=\"identity\">关系：{}</p>", esc(identity));
    }
    // A cross-year finding: this year's and last year's values side by side.
    if let (true, Some(l), Some(r), Some(now), Some(before)) = (
        f.rule == "X-01",
        f.left,
        f.right,
        f.cells.first(),
        f.cells.iter().find_map(|k| k.strip_prefix("prev.")),
    ) {
        let _ = write!(
            h,
            "<div class=\"pair\"><div class=\"pair-now\" data-side=\"now\"><span>本年度报告</span>{}<b>{}</b></div>\
             <div class=\"pair-prev\" data-side=\"prev\"><span>上年度报告</span>{}<b>{}</b></div></div>",
            esc(&cell_label(now)),
            show(l),
            esc(&cell_label(before)),
            show(r)
        );
    }
    if let (Some(culprit), Some(fix)) = (&f.culprit, f.fix) {
        let _ = write!(
            h,
            "<p class=\"fixline\">建议：将「{}」改为 <b>{}</b></p>",
            esc(&cell_label(culprit)),
            show(fix)
        );
    }
    if let Some(rule) = rule {
        let _ = write!(
            h,
            "<details class=\"doc\"><summary>规则说明</summary><p>{}</p></details>",
            esc(rule.doc)
        );
    }
    h.push_str("</li>");
}

/// The three tables of the format, drawn with the values as read.
pub fn tables(c: &Checked) -> String {
    let r = &c.report;
    let format = r.format.unwrap_or(Format::V2021);
    let flags = flags(&c.findings);
    let mut t = Tables {
        c,
        flags,
        h: String::new(),
    };
    t.active(format);
    t.apply(format);
    t.review();
    t.h
}

struct Tables<'a> {
    c: &'a Checked,
    flags: BTreeMap<&'a str, Flag>,
    h: String,
}

impl Tables<'_> {
    fn open(&mut self, id: &str, caption: &str, found: bool) {
        let _ = write!(
            self.h,
            "<section class=\"table-block\" id=\"{id}\"><h3>{caption}</h3>"
        );
        if !found {
            self.h
                .push_str("<p class=\"missing\">报告中没有找到这张表，下面的单元格为空。</p>");
        }
        self.h
            .push_str("<div class=\"table-wrap\"><table class=\"report\">");
    }

    fn close(&mut self) {
        self.h.push_str("</table></div></section>");
    }

    fn active(&mut self, format: Format) {
        self.open(
            "table-2",
            "二、主动公开政府信息情况",
            self.c.report.tables_found[0],
        );
        let mut last: Option<*const [Column]> = None;
        for row in active_rows(format) {
            let cols: *const [Column] = row.columns;
            if last != Some(cols) {
                self.h
                    .push_str("<tr class=\"head\"><th scope=\"col\">信息内容</th>");
                for col in row.columns {
                    let _ = write!(self.h, "<th scope=\"col\">{}</th>", col.label);
                }
                // Pad to the widest row so the grid stays rectangular.
                for _ in row.columns.len()..3 {
                    self.h.push_str("<th class=\"pad\"></th>");
                }
                self.h.push_str("</tr>");
                last = Some(cols);
            }
            let _ = write!(self.h, "<tr><th scope=\"row\">{}</th>", row.label);
            for col in row.columns {
                self.cell(&format!("active.{}.{}", row.key, col.key));
            }
            for _ in row.columns.len()..3 {
                self.h.push_str("<td class=\"pad\"></td>");
            }
            self.h.push_str("</tr>");
        }
        self.close();
    }

    fn apply(&mut self, format: Format) {
        self.open(
            "table-3",
            "三、收到和处理政府信息公开申请情况",
            self.c.report.tables_found[1],
        );
        let n = APPLY_COLUMNS.len();
        let _ = write!(
            self.h,
            "<thead><tr><th rowspan=\"3\" class=\"corner\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>\
             <th colspan=\"{n}\">申请人情况</th></tr>\
             <tr><th rowspan=\"2\">自然人</th><th colspan=\"{m}\">法人或其他组织</th><th rowspan=\"2\">总计</th></tr><tr>",
            m = n - 2
        );
        for col in &APPLY_COLUMNS[1..n - 1] {
            let label = if col.key == "other_org" {
                "其他"
            } else {
                col.label
            };
            let _ = write!(self.h, "<th>{label}</th>");
        }
        self.h.push_str("</tr></thead><tbody>");
        for row in apply_rows(format) {
            if row.key == "granted" {
                let _ = write!(
                    self.h,
                    "<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"{}\">三、本年度办理结果</th></tr>",
                    n + 1
                );
            }
            let level = if row.key.contains('.') {
                2
            } else if row.label.starts_with('（') {
                1
            } else {
                0
            };
            let has_cells = !row.subtotal || self.c.report.subtotals.contains(&row.key);
            if !has_cells {
                let _ = write!(
                    self.h,
                    "<tr class=\"group\"><th scope=\"rowgroup\" class=\"lvl-{level}\" colspan=\"{}\">{}</th></tr>",
                    n + 1,
                    row.label
                );
                continue;
            }
            let _ = write!(
                self.h,
                "<tr><th scope=\"row\" class=\"lvl-{level}\">{}</th>",
                row.label
            );
            for col in row.columns {
                self.cell(&format!("apply.{}.{}", row.key, col.key));
            }
            self.h.push_str("</tr>");
        }
        self.h.push_str("</tbody>");
        self.close();
    }

    fn review(&mut self) {
        self.open(
            "table-4",
            "四、政府信息公开行政复议、行政诉讼情况",
            self.c.report.tables_found[2],
        );
        let n = REVIEW_COLUMNS.len();
        let _ = write!(
            self.h,
            "<thead><tr><th colspan=\"{n}\" rowspan=\"2\">行政复议</th><th colspan=\"{m}\">行政诉讼</th></tr>\
             <tr><th colspan=\"{n}\">未经复议直接起诉</th><th colspan=\"{n}\">复议后起诉</th></tr><tr>",
            m = 2 * n
        );
        for _ in REVIEW_GROUPS {
            for col in REVIEW_COLUMNS {
                let _ = write!(self.h, "<th>{}</th>", col.label);
            }
        }
        self.h.push_str("</tr></thead><tbody><tr>");
        for (g, _) in REVIEW_GROUPS {
            for col in REVIEW_COLUMNS {
                self.cell(&format!("review.{g}.{}", col.key));
            }
        }
        self.h.push_str("</tr></tbody>");
        self.close();
    }

    /// One value cell: the value as read, its flags, the culprit's fix, the 推断 mark.
    fn cell(&mut self, key: &str) {
        let read = self.c.report.cells.get(key);
        let flag = self.flags.get(key);
        let label = cell_label(key);
        let mut class = vec!["v"];
        let mut attrs = format!(" data-cell=\"{}\"", esc(key));
        let mut title = label.clone();
        let (text, value) = cell_text(read);
        let _ = write!(attrs, " data-value=\"{}\"", value);
        match read {
            Some(c) if c.blank => {
                class.push("blank");
                title.push_str("\n空白，按 0 计");
            }
            Some(c) if c.value.is_none() && c.raw.as_deref().is_some_and(|r| !r.is_empty()) => {
                class.push("unreadable");
                title.push_str("\n无法识别为数字");
            }
            None | Some(CellRead { value: None, .. }) => class.push("unknown"),
            _ => {}
        }
        let inferred = read.is_some_and(|c| c.inferred);
        if inferred {
            class.push("inferred");
            attrs.push_str(" data-inferred=\"\"");
            title.push_str("\n推断：原文数字连在一起，按勾稽关系拆分得到");
        }
        let mut fix_html = String::new();
        if let Some(f) = flag {
            if let Some(s) = f.worst {
                let _ = write!(attrs, " data-severity=\"{}\"", sev_id(s));
                class.push(sev_id(s));
                attrs.push_str(" tabindex=\"0\"");
                let list: Vec<String> = f.findings.iter().map(|i| i.to_string()).collect();
                let _ = write!(attrs, " data-findings=\"{}\"", list.join(" "));
            }
            if f.culprit {
                attrs.push_str(" data-culprit=\"\"");
                class.push("culprit");
                if let Some(fix) = f.fix {
                    let _ = write!(attrs, " data-fix=\"{}\"", show(fix));
                    let _ = write!(
                        fix_html,
                        "<span class=\"fix\" title=\"改为 {0} 后相关勾稽关系均成立\">→ <b>{0}</b></span>",
                        show(fix)
                    );
                }
            }
            for m in &f.messages {
                title.push('\n');
                title.push_str(m);
            }
        }
        let _ =
            write!(
            self.h,
            "<td class=\"{}\"{attrs} title=\"{}\"><span class=\"val\">{}</span>{fix_html}{}</td>",
            class.join(" "),
            esc(&title),
            esc(&text),
            if inferred { "<span class=\"tag-inferred\">推断</span>" } else { "" },
        );
    }
}

/// The text a cell shows (as written where the report wrote something) and its value.
fn cell_text(read: Option<&CellRead>) -> (String, String) {
    match read {
        None => (String::new(), String::new()),
        Some(c) => {
            let value = c.value.map(show).unwrap_or_default();
            let text = match (&c.value, c.raw.as_deref()) {
                (_, Some(raw)) if c.blank => raw.to_string(),
                (None, Some(raw)) => raw.to_string(),
                (Some(v), _) => {
                    let unit = c
                        .unit
                        .as_deref()
                        .filter(|u| *u == "万元" || *u == "元")
                        .unwrap_or("");
                    format!("{}{unit}", show(*v))
                }
                (None, None) => String::new(),
            };
            (text, value)
        }
    }
}

/// 报告正文: the document's text in reading order (tables as tab-separated rows), with the
/// sentences that findings are about highlighted (`data-findings` lists their indices).
pub fn prose(c: &Checked) -> String {
    let plain = &c.report.plain;
    let text = plain.as_str();
    if text.trim().is_empty() {
        return String::new();
    }
    // Findings with a place in the input: each char of the text is marked by those whose span
    // covers the input it came from.
    let spans: Vec<(usize, crate::source::Span, Severity)> = c
        .findings
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            f.span
                .filter(|s| s.end > s.start)
                .map(|s| (i, s, f.severity))
        })
        .collect();
    let mut h = String::from("<h2 class=\"panel-title\">报告正文</h2><div class=\"prose-text\">");
    let mut run = String::new();
    let mut cur: Vec<usize> = Vec::new();
    let mut worst: Option<Severity> = None;
    let flush = |h: &mut String, run: &mut String, cur: &[usize], worst: Option<Severity>| {
        if run.is_empty() {
            return;
        }
        match worst {
            Some(sev) if !cur.is_empty() => {
                let list: Vec<String> = cur.iter().map(|i| i.to_string()).collect();
                let _ = write!(
                    h,
                    "<mark class=\"hl {sev}\" data-severity=\"{sev}\" data-findings=\"{}\" tabindex=\"0\">{}</mark>",
                    list.join(" "),
                    esc(run),
                    sev = sev_id(sev)
                );
            }
            _ => h.push_str(&esc(run)),
        }
        run.clear();
    };
    for (at, ch) in text.char_indices() {
        let src = plain.span(at, at + ch.len_utf8());
        let here: Vec<usize> = spans
            .iter()
            .filter(|(_, s, _)| src.start < s.end && src.end > s.start)
            .map(|(i, _, _)| *i)
            .collect();
        if here != cur {
            flush(&mut h, &mut run, &cur, worst);
            worst = spans
                .iter()
                .filter(|(i, _, _)| here.contains(i))
                .map(|(_, _, s)| *s)
                .min();
            cur = here;
        }
        run.push(ch);
    }
    flush(&mut h, &mut run, &cur, worst);
    h.push_str("</div>");
    h
}
