//! `nianbao check [--json] FILE...` — checks annual reports from the command line.

use nianbao::rules::{Finding, Severity};
use nianbao::template::cell_label;
use nianbao::{check_bytes, Checked};
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "用法：nianbao check [--json] [--prev 上年度报告] 文件...\n\n校验政府信息公开工作年度报告（.txt / .html）中各表的勾稽关系。\n  --json          以 JSON 输出（供批量处理）\n  --prev 文件     与同一机关上年度的报告比较（上年结转、现行有效件数、存在的问题是否雷同）\n\n退出码：0 无错误；1 有错误；2 有文件无法读取或不是年度报告。\n";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut json = false;
    let mut prev: Option<String> = None;
    let mut files = Vec::new();
    let mut iter = args.iter();
    match iter.next().map(String::as_str) {
        Some("check") => {}
        Some("items") => {
            for f in iter {
                let text = nianbao::source::decode(&std::fs::read(f).unwrap_or_default())
                    .unwrap_or_default();
                let doc = nianbao::source::Document::parse(text);
                print!("{}", nianbao::template::debug_items(&doc));
            }
            return ExitCode::SUCCESS;
        }
        Some("-h") | Some("--help") | None => {
            print!("{USAGE}");
            return ExitCode::from(if args.is_empty() { 2 } else { 0 });
        }
        Some(other) => {
            eprintln!("未知命令「{other}」。\n\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    while let Some(a) = iter.next() {
        match a.as_str() {
            "--json" => json = true,
            "--prev" => match iter.next() {
                Some(p) => prev = Some(p.clone()),
                None => {
                    eprintln!("--prev 后面需要给出上年度报告的文件名。");
                    return ExitCode::from(2);
                }
            },
            "-h" | "--help" => {
                print!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            f => files.push(f.to_string()),
        }
    }
    if files.is_empty() {
        eprintln!("请给出要校验的文件。\n\n{USAGE}");
        return ExitCode::from(2);
    }
    let prev_checked = prev.as_deref().map(read_and_check);
    if let (Some(p), Some(c)) = (&prev, &prev_checked) {
        if let Some(e) = &c.error {
            eprintln!("{p}: 上年度报告无法校验：{e}");
            return ExitCode::from(2);
        }
    }
    let mut results = Vec::new();
    for path in &files {
        let mut checked = read_and_check(path);
        if let Some(p) = &prev_checked {
            checked.compare_with_previous(p);
        }
        results.push((path.clone(), checked));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if json {
        let files: Vec<_> = results.iter().map(|(p, c)| c.to_json(p)).collect();
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "files": files })).unwrap()
        );
    } else {
        for (path, c) in &results {
            let _ = write!(out, "{}", render(path, c));
        }
    }
    let unreadable = results.iter().any(|(_, c)| c.error.is_some());
    let errors = results.iter().any(|(_, c)| c.count(Severity::Error) > 0);
    ExitCode::from(if unreadable {
        2
    } else if errors {
        1
    } else {
        0
    })
}

/// Reads one file and checks it; a file that cannot be read gives a Checked with its error.
fn read_and_check(path: &str) -> Checked {
    match std::fs::metadata(path) {
        Ok(m) if m.len() as usize > nianbao::source::MAX_INPUT_BYTES => {
            failed(nianbao::source::DecodeError::TooLarge(m.len() as usize).to_string())
        }
        Ok(m) if m.is_dir() => failed("这是一个文件夹，不是文件。".into()),
        Ok(_) => match std::fs::read(path) {
            Ok(bytes) => check_bytes(&bytes, path),
            Err(e) => failed(format!("无法打开文件：{e}")),
        },
        Err(e) => failed(format!("无法打开文件：{e}")),
    }
}

fn failed(msg: String) -> Checked {
    nianbao::check_text("").with_error(msg)
}

trait WithError {
    fn with_error(self, msg: String) -> Self;
}
impl WithError for Checked {
    fn with_error(mut self, msg: String) -> Self {
        self.error = Some(msg);
        self
    }
}

/// Line and column (1-based, in characters) of a byte offset.
fn line_col(src: &str, at: usize) -> (usize, usize) {
    let at = at.min(src.len());
    let mut at = at;
    while !src.is_char_boundary(at) {
        at -= 1;
    }
    let before = &src[..at];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

/// Human-readable diagnostics, like a compiler's.
fn render(path: &str, c: &Checked) -> String {
    let mut s = String::new();
    if let Some(e) = &c.error {
        s.push_str(&format!("{path}: 无法校验：{e}\n\n"));
        return s;
    }
    let r = &c.report;
    s.push_str(&format!(
        "{path}: {}  年度：{}  格式：{}  发布机关：{}\n",
        r.title.as_deref().unwrap_or("（未找到标题）"),
        r.year
            .map(|y| y.to_string())
            .unwrap_or_else(|| "未知".into()),
        r.format.map(|f| f.name()).unwrap_or("未知"),
        r.body.as_deref().unwrap_or("未知"),
    ));
    for f in &c.findings {
        s.push_str(&finding(path, c, f));
    }
    s.push_str(&format!(
        "{path}: 错误 {} 个，警告 {} 个，提示 {} 个\n\n",
        c.count(Severity::Error),
        c.count(Severity::Warning),
        c.count(Severity::Info)
    ));
    s
}

fn finding(path: &str, c: &Checked, f: &Finding) -> String {
    let kind = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    };
    let mut s = format!("{kind}[{}] {}: {}\n", f.rule, f.severity.zh(), f.message);
    let at = f
        .culprit
        .as_ref()
        .and_then(|k| c.report.cells.get(k))
        .and_then(|cell| cell.span)
        .or(f.span)
        .or_else(|| {
            f.cells
                .iter()
                .find_map(|k| c.report.cells.get(k).and_then(|cell| cell.span))
        });
    if let Some(sp) = at {
        let (line, col) = line_col(&c.source, sp.start);
        s.push_str(&format!("  --> {path}:{line}:{col}\n"));
    }
    if let Some(id) = f.identity {
        s.push_str(&format!("   = 关系：{id}\n"));
    }
    if !f.cells.is_empty() && f.cells.len() <= 24 && f.left.is_some() {
        let cells: Vec<String> = f
            .cells
            .iter()
            .map(|k| {
                let v = c
                    .report
                    .value(k)
                    .map(nianbao::rules::show)
                    .unwrap_or_else(|| "?".into());
                let mark = if f.culprit.as_deref() == Some(k.as_str()) {
                    " ←"
                } else {
                    ""
                };
                format!("{}={}{}", cell_label(k), v, mark)
            })
            .collect();
        s.push_str(&format!("   = 单元格：{}\n", cells.join("，")));
    }
    s
}
