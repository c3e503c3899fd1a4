//! `nianbao check [--json|--csv] [--prev FILE] FILE|DIR...` — checks annual reports from the
//! command line: many files and folders at once, in parallel, with a summary at the end.

use nianbao::rules::{Finding, Severity};
use nianbao::template::cell_label;
use nianbao::{check_bytes, Checked};
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "用法：nianbao check [--json | --csv] [--prev 上年度报告] 文件或文件夹...\n\n校验政府信息公开工作年度报告（.txt / .html / .docx / .doc / .pdf）中各表的勾稽关系。文件夹会逐层查找其中的报告，.zip 压缩包会逐个校验其中的报告；\n同一机关相邻两年的报告会自动做跨年度比较。\n  --json          以 JSON 输出（供批量处理）\n  --csv           以 CSV 输出全部问题（每个问题一行，UTF-8 带 BOM，可用 Excel 打开）\n  --summary-csv 文件  另将汇总表（每个文件一行）写入该 CSV 文件\n  --prev 文件     与同一机关上年度的报告比较（上年结转、现行有效件数、存在的问题是否雷同）\n\n退出码：0 无错误；1 有错误；2 有文件无法读取或不是年度报告。\n";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut json = false;
    let mut csv = false;
    let mut summary_csv: Option<String> = None;
    let mut prev: Option<String> = None;
    let mut files = Vec::new();
    let mut iter = args.iter();
    match iter.next().map(String::as_str) {
        Some("check") => {}
        Some("items") => {
            for f in iter {
                let bytes = std::fs::read(f).unwrap_or_default();
                match nianbao::source::Document::from_bytes(&bytes, f) {
                    Ok(doc) => print!("{}", nianbao::template::debug_items(&doc)),
                    Err(e) => eprintln!("{f}: {e}"),
                }
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
            "--csv" => csv = true,
            "--summary-csv" => match iter.next() {
                Some(p) => summary_csv = Some(p.clone()),
                None => {
                    eprintln!("--summary-csv 后面需要给出要写入的文件名。");
                    return ExitCode::from(2);
                }
            },
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
    let files = expand(&files);
    let mut results = check_all(&files);
    if let Some(p) = &prev_checked {
        for (_, c) in results.iter_mut() {
            c.compare_with_previous(p);
        }
    } else {
        nianbao::export::pair_years(&mut results);
    }
    if let Some(path) = &summary_csv {
        if let Err(e) = std::fs::write(path, nianbao::export::summary_csv(&results)) {
            eprintln!("无法写入 {path}：{e}");
            return ExitCode::from(2);
        }
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
    } else if csv {
        let _ = write!(out, "{}", nianbao::export::findings_csv(&results));
    } else {
        for (path, c) in &results {
            let _ = write!(out, "{}", render(path, c));
        }
        if results.len() > 1 {
            let _ = write!(out, "{}", summary(&results));
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

/// Report files we look for inside folders (others we know are refused with a message).
const EXTENSIONS: &[&str] = &["txt", "html", "htm", "docx", "doc", "pdf"];

/// Files as given, folders replaced by the report files inside them (recursively, sorted);
/// a .zip stands for the reports inside it (see [`read_and_check`]).
fn expand(paths: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for p in paths {
        let path = std::path::Path::new(p);
        if path.is_dir() {
            let mut stack = vec![path.to_path_buf()];
            let mut found = Vec::new();
            while let Some(dir) = stack.pop() {
                let Ok(entries) = std::fs::read_dir(&dir) else {
                    continue;
                };
                for e in entries.flatten() {
                    let p = e.path();
                    if p.is_dir() {
                        stack.push(p);
                    } else if p.extension().and_then(|x| x.to_str()).is_some_and(|x| {
                        let x = x.to_ascii_lowercase();
                        EXTENSIONS.contains(&x.as_str()) || x == "zip"
                    }) {
                        found.push(p.to_string_lossy().to_string());
                    }
                }
            }
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    out.into_iter().flat_map(zip_members).collect()
}

/// Separates a .zip's path from the name of a report inside it: `bundle.zip!/a/b.docx`.
const IN_ZIP: &str = "!/";

/// A .zip of reports as one path per report inside it; other paths as they are. A .zip that
/// cannot be opened stays as it is, so that checking it gives the message.
fn zip_members(path: String) -> Vec<String> {
    if !path.to_ascii_lowercase().ends_with(".zip") {
        return vec![path];
    }
    let Ok(bytes) = std::fs::read(&path) else {
        return vec![path];
    };
    match nianbao::source::zip::reports_in(&bytes, EXTENSIONS) {
        Ok(members) if !members.is_empty() => members
            .into_iter()
            .map(|(name, _)| format!("{path}{IN_ZIP}{name}"))
            .collect(),
        _ => vec![path],
    }
}

/// Checks every file on all cores; a progress line on a terminal.
fn check_all(files: &[String]) -> Vec<(String, Checked)> {
    use std::io::IsTerminal;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Checked>>> = files.iter().map(|_| Mutex::new(None)).collect();
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(files.len().max(1));
    let progress = files.len() > 1 && std::io::stderr().is_terminal();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= files.len() {
                    break;
                }
                let c = read_and_check(&files[i]);
                *slots[i].lock().unwrap() = Some(c);
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                if progress {
                    eprint!("\r已校验 {n}/{} 个文件", files.len());
                }
            });
        }
    });
    if progress {
        eprintln!();
    }
    files
        .iter()
        .cloned()
        .zip(slots.into_iter().map(|m| m.into_inner().unwrap().unwrap()))
        .collect()
}

/// The table at the end of a batch: one line per file, then the totals.
fn summary(results: &[(String, Checked)]) -> String {
    let mut s = String::from("汇总：\n");
    for (path, c) in results {
        s.push_str(&format!(
            "  {}  {}  {}  错误 {}  警告 {}  提示 {}  {}\n",
            nianbao::export::status(c),
            c.report
                .year
                .map(|y| y.to_string())
                .unwrap_or_else(|| "----".into()),
            c.report.body.as_deref().unwrap_or("-"),
            c.count(Severity::Error),
            c.count(Severity::Warning),
            c.count(Severity::Info),
            path
        ));
    }
    let n = |st: &str| {
        results
            .iter()
            .filter(|(_, c)| nianbao::export::status(c) == st)
            .count()
    };
    s.push_str(&format!(
        "共 {} 个文件：通过 {}，有错误 {}，无法识别 {}\n",
        results.len(),
        n("通过"),
        n("有错误"),
        n("无法识别")
    ));
    s
}

/// Reads one file (or one report inside a .zip) and checks it; a file that cannot be read
/// gives a Checked with its error.
fn read_and_check(path: &str) -> Checked {
    if let Some((zip, member)) = path.split_once(IN_ZIP) {
        // Each member re-reads its archive: bundles are small, and this keeps threads apart.
        let found = std::fs::read(zip)
            .map_err(|e| format!("无法打开文件：{e}"))
            .and_then(|b| nianbao::source::zip::reports_in(&b, EXTENSIONS))
            .and_then(|members| {
                members
                    .into_iter()
                    .find(|(n, _)| n == member)
                    .map(|(_, r)| r)
                    .unwrap_or_else(|| Err("压缩包中没有这个文件。".into()))
            });
        return match found {
            Ok(bytes) => check_bytes(&bytes, member),
            Err(e) => failed(e),
        };
    }
    if path.to_ascii_lowercase().ends_with(".zip") {
        return match std::fs::read(path) {
            Ok(b) => match nianbao::source::zip::reports_in(&b, EXTENSIONS) {
                Ok(_) => {
                    failed("压缩包中没有年度报告文件（.txt、.html、.docx、.doc、.pdf）。".into())
                }
                Err(e) => failed(e),
            },
            Err(e) => failed(format!("无法打开文件：{e}")),
        };
    }
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
