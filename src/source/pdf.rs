//! .pdf → [`RawBlock`]s (issue 5), in pure Rust so it runs in the page's wasm too. The file
//! structure gives pages; each page's content gives glyphs with positions and the ruling lines
//! of its tables; the layout rebuilds lines, table cells and paragraphs from geometry.
//!
//! Hostile or damaged files end in an `Err` with a Chinese message, never a panic or a hang:
//! nesting, objects, pages, operators and decompressed bytes are all bounded.

mod cmap;
mod content;
mod file;
mod fonts;
mod layout;
mod lexer;
mod objects;

use super::office::RawBlock;
use file::Pdf;
use objects::{Dict, Obj};
use std::collections::{HashMap, HashSet};

type Res<T> = Result<T, String>;

/// Nesting of arrays and dictionaries, and of object references followed at once.
const MAX_DEPTH: usize = 64;
/// Cross-reference entries (a 400-page report has a few thousand).
const MAX_OBJECTS: usize = 500_000;
const MAX_PAGES: usize = 2_000;
/// Operators on one page (a dense table page has some 20 000).
const MAX_OPERATORS: usize = 2_000_000;
/// Bytes of decompressed streams in the whole file.
const MAX_DECODED_BYTES: usize = 100 * 1024 * 1024;

fn damaged() -> String {
    "无法读取这个 PDF 文件：文件已损坏或格式不受支持。".into()
}

fn too_deep() -> String {
    format!("无法读取这个 PDF 文件：对象嵌套超过 {MAX_DEPTH} 层，文件可能已损坏。")
}

const NO_TEXT: &str = "这个 PDF 文件没有文字层（可能是扫描件），无法读取其中的表格。请使用带文字的 PDF 或 Word 原文件，或将报告文字复制粘贴到此处。";

pub fn read(bytes: &[u8]) -> Result<Vec<RawBlock>, String> {
    let pdf = Pdf::open(bytes)?;
    let pages = pages(&pdf)?;
    let mut fonts = HashMap::new();
    let mut read = Vec::with_capacity(pages.len());
    for (page, res, media) in &pages {
        read.push(content::page(&pdf, page, res, *media, &mut fonts)?);
    }
    let glyphs: usize = read.iter().map(|p| p.glyphs.len()).sum();
    let mut unmapped: HashMap<&str, usize> = HashMap::new();
    for p in &read {
        for (f, n) in &p.unmapped {
            *unmapped.entry(f).or_default() += n;
        }
    }
    let lost: usize = unmapped.values().sum();
    // A few unmapped glyphs (a symbol, a bullet) are dropped; many mean the text would be
    // incomplete, and an incomplete table is worse than none.
    if lost > 0 && lost * 20 > glyphs + lost {
        let mut worst: Vec<_> = unmapped.into_iter().collect();
        worst.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        return Err(format!(
            "无法读取这个 PDF 文件中的文字：字体「{}」没有提供文字编码（缺少 ToUnicode 映射），读出的只会是乱码。请使用 Word 原文件，或在 PDF 阅读器中全选复制后粘贴到此处。",
            worst[0].0
        ));
    }
    if glyphs == 0 {
        if read.iter().any(|p| p.has_image) {
            return Err(NO_TEXT.into());
        }
        return Err("这个 PDF 文件中没有找到文字。".into());
    }
    Ok(layout::blocks(&read))
}

/// The pages in order, each with its inherited resources and media box (§7.7.3.4).
fn pages(pdf: &Pdf) -> Res<Vec<(Dict, Dict, [f64; 4])>> {
    let root = pdf.key(&pdf.trailer, "Root")?;
    let root = root.as_dict().ok_or_else(damaged)?;
    let top = pdf.key(root, "Pages")?;
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let a4 = [0.0, 0.0, 595.0, 842.0];
    walk(pdf, &top, Dict::default(), a4, 0, &mut seen, &mut out)?;
    if out.is_empty() {
        return Err(damaged());
    }
    Ok(out)
}

fn walk(
    pdf: &Pdf,
    node: &Obj,
    res: Dict,
    media: [f64; 4],
    depth: usize,
    seen: &mut HashSet<u32>,
    out: &mut Vec<(Dict, Dict, [f64; 4])>,
) -> Res<()> {
    if depth > MAX_DEPTH {
        return Err(too_deep());
    }
    if let Obj::Ref(n, _) = node {
        if !seen.insert(*n) {
            return Ok(());
        }
    }
    let node = pdf.resolve(node)?;
    let Some(d) = node.as_dict() else {
        return Ok(());
    };
    let res = match pdf.key(d, "Resources")? {
        Obj::Dict(r) => r,
        _ => res,
    };
    let media = match pdf.key(d, "MediaBox")? {
        Obj::Array(a) if a.len() == 4 => {
            let v: Vec<f64> = a
                .iter()
                .map(|x| pdf.resolve(x).ok().and_then(|x| x.as_f64()).unwrap_or(0.0))
                .collect();
            [v[0], v[1], v[2], v[3]]
        }
        _ => media,
    };
    match pdf.key(d, "Kids")? {
        Obj::Array(kids) if d.get("Type").and_then(Obj::as_name) != Some(b"Page") => {
            for k in &kids {
                walk(pdf, k, res.clone(), media, depth + 1, seen, out)?;
            }
        }
        _ => {
            if out.len() >= MAX_PAGES {
                return Err(format!(
                    "这个 PDF 文件超过 {MAX_PAGES} 页，超出了可以读取的上限。"
                ));
            }
            out.push((d.clone(), res, media));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `PDF_DUMP=file.pdf cargo test --lib pdf::tests::dump -- --ignored --nocapture` prints
    /// what the reader makes of a file.
    #[test]
    #[ignore]
    fn dump() {
        let path = std::env::var("PDF_DUMP").unwrap_or_default();
        let bytes = std::fs::read(&path).unwrap();
        match read(&bytes) {
            Ok(blocks) => {
                for b in blocks {
                    match b {
                        RawBlock::Para(p) => println!("P {p}"),
                        RawBlock::Row(cells) => println!("R {}", cells.join(" | ")),
                    }
                }
            }
            Err(e) => println!("ERR {e}"),
        }
    }
}
