//! .pdf → [`RawBlock`]s (issue 5), in pure Rust so it runs in the page's wasm too. The file
//! structure gives pages; each page's content gives glyphs with positions and the ruling lines
//! of its tables; the layout rebuilds lines, table cells and paragraphs from geometry.
//!
//! Hostile or damaged files end in an `Err` with a Chinese message, never a panic or a hang:
//! nesting, objects, pages, operators, glyphs and decompressed bytes are all bounded.
//!
//! Not read (each refused with a message, never guessed): encrypted files, fonts with no way
//! to Unicode (an Identity-H font without ToUnicode — pdf.js would dig into the embedded
//! font's cmap), LZW and image-only pages. Read less well: a data row that a page break cuts
//! in two gives two rows (only header rows are rejoined: a remainder cannot be told from a
//! row left blank); tables without borders are split at gaps; vertical writing (-V CMaps).

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
/// Operators on one page (a dense table page has some 20 000), and in the whole file.
const MAX_OPERATORS: usize = 2_000_000;
const MAX_FILE_OPERATORS: usize = 20_000_000;
/// Characters in the whole file (a 300-page report has some 500 000).
const MAX_GLYPHS: usize = 2_000_000;
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
    let mut ops = 0;
    let mut read = Vec::with_capacity(pages.len());
    let mut glyphs = 0;
    for page in &pages {
        let page = content::page(&pdf, page, &mut fonts, &mut ops)?;
        glyphs += page.glyphs.len();
        if glyphs > MAX_GLYPHS {
            return Err(format!(
                "这个 PDF 文件的文字超过 {MAX_GLYPHS} 个字符，超出了可以读取的上限。"
            ));
        }
        read.push(page);
    }
    refuse_unreadable(&read)?;
    Ok(layout::blocks(&read))
}

/// A page with what it inherits from the page tree (§7.7.3.4).
#[derive(Clone)]
struct PageNode {
    dict: Dict,
    resources: Dict,
    media: [f64; 4],
    /// Degrees clockwise the viewer turns the page (/Rotate).
    rotate: i64,
}

/// Refuses files whose text cannot be read: glyphs without text (fonts without a map to
/// Unicode), scans, text turned into outlines.
fn refuse_unreadable(pages: &[content::Page]) -> Res<()> {
    let glyphs: usize = pages.iter().map(|p| p.glyphs.len()).sum();
    let mut unmapped: HashMap<&str, usize> = HashMap::new();
    for p in pages {
        for (f, n) in &p.unmapped {
            *unmapped.entry(f).or_default() += n;
        }
    }
    let lost: usize = unmapped.values().sum();
    // A few glyphs without text (a symbol, a bullet) stay as U+FFFD; many mean the text
    // would be incomplete, and an incomplete table is worse than none.
    if lost > 0 && lost * 20 > glyphs {
        let mut worst: Vec<_> = unmapped.into_iter().collect();
        worst.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let font = worst.first().map_or("?", |w| w.0);
        return Err(format!(
            "无法读取这个 PDF 文件中的文字：字体「{font}」没有提供文字编码（缺少 ToUnicode 映射），读出的只会是乱码。请使用 Word/WPS 原文件，或从原文件复制文字粘贴到此处。"
        ));
    }
    // Scans: most pages are an image with (next to) no text; a stamp or a page number in
    // text does not make a scan readable.
    let scanned = pages
        .iter()
        .filter(|p| p.has_image && p.glyphs.len() < 20)
        .count();
    if glyphs == 0 || (scanned * 2 > pages.len() && glyphs < 100 * pages.len()) {
        if pages.iter().any(|p| p.has_image) {
            return Err(NO_TEXT.into());
        }
        return Err("这个 PDF 文件中没有可读取的文字（文字可能已转为图形）。请使用 Word 原文件，或将报告文字复制粘贴到此处。".into());
    }
    Ok(())
}

/// The pages in order.
fn pages(pdf: &Pdf) -> Res<Vec<PageNode>> {
    let root = pdf.key(&pdf.trailer, "Root")?;
    let root = root.as_dict().ok_or_else(damaged)?;
    let top = pdf.key(root, "Pages")?;
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let a4 = PageNode {
        dict: Dict::default(),
        resources: Dict::default(),
        media: [0.0, 0.0, 595.0, 842.0],
        rotate: 0,
    };
    walk(pdf, &top, a4, 0, &mut seen, &mut out)?;
    if out.is_empty() {
        return Err(damaged());
    }
    Ok(out)
}

fn walk(
    pdf: &Pdf,
    node: &Obj,
    mut inherited: PageNode,
    depth: usize,
    seen: &mut HashSet<u32>,
    out: &mut Vec<PageNode>,
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
    if let Obj::Dict(r) = pdf.key(d, "Resources")? {
        inherited.resources = r;
    }
    if let Obj::Array(a) = pdf.key(d, "MediaBox")? {
        let v: Vec<f64> = a
            .iter()
            .map(|x| pdf.resolve(x).ok().and_then(|x| x.as_f64()).unwrap_or(0.0))
            .collect();
        if let [x0, y0, x1, y1] = v[..] {
            inherited.media = [x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)];
        }
    }
    if let Some(r) = pdf.key(d, "Rotate")?.as_i64() {
        inherited.rotate = r.rem_euclid(360);
    }
    match pdf.key(d, "Kids")? {
        Obj::Array(kids) if d.get("Type").and_then(Obj::as_name) != Some(b"Page") => {
            for k in &kids {
                walk(pdf, k, inherited.clone(), depth + 1, seen, out)?;
            }
        }
        _ => {
            if out.len() >= MAX_PAGES {
                return Err(format!(
                    "这个 PDF 文件超过 {MAX_PAGES} 页，超出了可以读取的上限。"
                ));
            }
            inherited.dict = d.clone();
            out.push(inherited);
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
        if let Ok(n) = std::env::var("PDF_PAGE") {
            let pdf = Pdf::open(&bytes).unwrap();
            let node = &pages(&pdf).unwrap()[n.parse::<usize>().unwrap()];
            let page = content::page(&pdf, node, &mut HashMap::new(), &mut 0).unwrap();
            for r in &page.rules {
                println!("rule {:.1} {:.1} {:.1} {:.1}", r.x0, r.y0, r.x1, r.y1);
            }
            for g in &page.glyphs {
                println!(
                    "glyph {} {:.1}-{:.1} @{:.1} {:.1}",
                    g.text, g.x0, g.x1, g.y, g.size
                );
            }
        }
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

    /// A small uncompressed PDF: a Type0/Identity-H font with a ToUnicode CMap, a ruled
    /// two-cell table and a paragraph, with a correct classic xref.
    fn sample() -> Vec<u8> {
        build(SAMPLE)
    }

    const SAMPLE: &str = "0.5 w 50 700 m 250 700 l S 50 680 m 250 680 l S\n\
            50 700 m 50 680 l S 150 700 m 150 680 l S 250 700 m 250 680 l S\n\
            BT /F1 10 Tf 55 685 Td <00010002> Tj ET\n\
            BT /F1 10 Tf 155 685 Td [<0011> -100 <0012>] TJ ET\n\
            BT /F1 12 Tf 1 0 0 1 50 740 Tm (\\000\\001\\000\\002) Tj 0 -20 Td <00130014> Tj ET";

    /// The sample's objects 1–7 (4 and 7 are streams).
    fn objects(content: &str) -> Vec<String> {
        let cmap = "/CIDInit /ProcSet findresource begin begincmap\n\
            1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            2 beginbfchar <0001> <4E00> <0002> <5E74> endbfchar\n\
            1 beginbfrange <0010> <0019> <0030> endbfrange\nendcmap";
        vec![
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 300 800] >>".into(),
            "<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
                .into(),
            format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
            "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+SimSun /Encoding /Identity-H \
             /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>"
                .into(),
            "<< /Type /Font /Subtype /CIDFontType2 /DW 1000 /W [16 [500 500 500 500 500]] >>".into(),
            format!("<< /Length {} >>\nstream\n{cmap}\nendstream", cmap.len()),
        ]
    }

    /// As Word and WPS write PDF 1.5+: the dictionaries in a compressed object stream, a
    /// compressed xref stream with the PNG Up predictor.
    fn build_with_object_streams(content: &str) -> Vec<u8> {
        use miniz_oxide::deflate::compress_to_vec_zlib;
        let objs = objects(content);
        let mut out = b"%PDF-1.7\n".to_vec();
        // (type, field 2, field 3) per object 0..=9.
        let mut xref = [(0u8, 0usize, 255u8); 10];
        for n in [4, 7] {
            xref[n] = (1, out.len(), 0);
            out.extend_from_slice(format!("{n} 0 obj\n{}\nendobj\n", objs[n - 1]).as_bytes());
        }
        let (mut head, mut body) = (String::new(), String::new());
        for (i, n) in [1usize, 2, 3, 5, 6].iter().enumerate() {
            head.push_str(&format!("{n} {} ", body.len()));
            body.push_str(&objs[n - 1]);
            body.push('\n');
            xref[*n] = (2, 8, i as u8);
        }
        let packed = compress_to_vec_zlib(format!("{head}{body}").as_bytes(), 6);
        xref[8] = (1, out.len(), 0);
        out.extend_from_slice(
            format!(
                "8 0 obj\n<< /Type /ObjStm /N 5 /First {} /Filter /FlateDecode /Length {} >>\nstream\n",
                head.len(),
                packed.len()
            )
            .as_bytes(),
        );
        out.extend_from_slice(&packed);
        out.extend_from_slice(b"\nendstream\nendobj\n");
        xref[9] = (1, out.len(), 0);
        // Rows of W [1 2 1], each filtered with PNG Up (type byte 2, minus the row above).
        let rows: Vec<[u8; 4]> = xref
            .iter()
            .map(|&(t, a, b)| [t, (a >> 8) as u8, a as u8, b])
            .collect();
        let mut data = Vec::new();
        let mut prev = [0u8; 4];
        for r in rows {
            data.push(2);
            data.extend(r.iter().zip(prev).map(|(x, p)| x.wrapping_sub(p)));
            prev = r;
        }
        let packed = compress_to_vec_zlib(&data, 6);
        let at = out.len();
        out.extend_from_slice(
            format!(
                "9 0 obj\n<< /Type /XRef /Size 10 /W [1 2 1] /Root 1 0 R /Filter /FlateDecode \
                 /DecodeParms << /Predictor 12 /Columns 4 >> /Length {} >>\nstream\n",
                packed.len()
            )
            .as_bytes(),
        );
        out.extend_from_slice(&packed);
        out.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{at}\n%%EOF\n").as_bytes());
        out
    }

    fn build(content: &str) -> Vec<u8> {
        let objs = objects(content);
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objs.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes(),
        );
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objs.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    #[test]
    fn reads_a_type0_font_and_a_ruled_table() {
        let blocks = read(&sample()).unwrap();
        assert_eq!(
            blocks,
            vec![
                RawBlock::Para("一年".into()),
                RawBlock::Para("34".into()),
                RawBlock::Row(vec!["一年".into(), "12".into()]),
            ]
        );
        // Without its xref (offsets all wrong), the objects are found by scanning.
        let mut broken = sample();
        let at = broken.windows(4).rposition(|w| w == b"xref").unwrap();
        broken.truncate(at);
        assert_eq!(read(&broken).unwrap().len(), 3);
    }

    #[test]
    fn reads_object_and_xref_streams() {
        let modern = build_with_object_streams(SAMPLE);
        assert_eq!(read(&modern), read(&sample()));
        // Its xref stream broken: the objects in the object stream are still found.
        let at = modern.windows(9).rposition(|w| w == b"startxref").unwrap();
        let mut broken = modern.clone();
        broken[at + 10] = b'9';
        assert_eq!(read(&broken), read(&sample()));
    }

    /// The sample's font given another encoding and no ToUnicode, showing `shown` (hex).
    fn with_encoding(encoding: &str, shown: &str) -> Result<Vec<RawBlock>, String> {
        let pdf = build(&format!("BT /F1 12 Tf 50 740 Td <{shown}> Tj ET"));
        let pdf = String::from_utf8(pdf)
            .unwrap()
            .replace("/Identity-H", encoding)
            .replace("/ToUnicode 7 0 R", "");
        read(pdf.as_bytes())
    }

    #[test]
    fn reads_predefined_chinese_cmaps_without_to_unicode() {
        let one_year = Ok(vec![RawBlock::Para("一年".into())]);
        assert_eq!(with_encoding("/UniGB-UCS2-H", "4E005E74"), one_year);
        // GBK: 一 D2BB, 年 C4EA; a one-byte code in between.
        let two = Ok(vec![RawBlock::Para("一2年".into())]);
        assert_eq!(with_encoding("/GBK-EUC-H", "D2BB32C4EA"), two);
    }

    #[test]
    fn a_glyph_without_text_is_no_blank() {
        // 39 glyphs with text and one (code 0030) without: read, the gap marked.
        let shown = format!("{}0030{}", "0001".repeat(19), "0002".repeat(20));
        let pdf = build(&format!("BT /F1 5 Tf 20 740 Td <{shown}> Tj ET"));
        let text = format!("{}\u{FFFD}{}", "一".repeat(19), "年".repeat(20));
        assert_eq!(read(&pdf), Ok(vec![RawBlock::Para(text)]));
    }

    #[test]
    fn refuses_encrypted_and_textless_files() {
        let enc = String::from_utf8(sample())
            .unwrap()
            .replace("/Root 1 0 R", "/Root 1 0 R /Encrypt 9 0 R");
        assert!(read(enc.as_bytes()).unwrap_err().contains("已加密"));
        // A CID font without ToUnicode: refused, naming the font, rather than read as garbage.
        let bare = String::from_utf8(sample())
            .unwrap()
            .replace("/ToUnicode 7 0 R", "");
        assert!(read(bare.as_bytes()).unwrap_err().contains("「SimSun」"));
        let scan = build("q 300 0 0 800 0 0 cm BI /W 1 /H 1 /BPC 8 /CS /G ID \x7f EI Q");
        assert_eq!(read(&scan).unwrap_err(), NO_TEXT);
    }

    /// Deterministic xorshift, for reproducible damage.
    fn rng(seed: &mut u64) -> u64 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    }

    /// Truncated and garbled files end in Ok or Err, never a panic or a hang.
    #[test]
    fn damaged_files_never_panic() {
        // PDF_FUZZ_FILE=some.pdf damages another file by hand.
        let path = std::env::var("PDF_FUZZ_FILE").unwrap_or_else(|_| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/office/001.pdf").into()
        });
        let fixture = std::fs::read(path).unwrap();
        let mut seed = 0x2545_F491_4F6C_DD1D_u64;
        for good in [sample(), build_with_object_streams(SAMPLE), fixture] {
            let n = good.len();
            for k in 0..40 {
                let _ = read(&good[..n * k / 40]);
            }
            for len in (n.saturating_sub(400)..n).step_by(13) {
                let _ = read(&good[..len]);
            }
            // PDF_FUZZ_ROUNDS=5000 for a longer run by hand.
            let rounds = std::env::var("PDF_FUZZ_ROUNDS")
                .ok()
                .and_then(|r| r.parse().ok())
                .unwrap_or(60);
            for round in 0..rounds {
                let mut bad = good.clone();
                for _ in 0..1 + round % 6 {
                    // Half the damage in the last 4 KB, where the xref, trailer and the
                    // uncompressed dictionaries are.
                    let at = if rng(&mut seed).is_multiple_of(2) {
                        rng(&mut seed) as usize % n
                    } else {
                        n - 1 - rng(&mut seed) as usize % n.min(4096)
                    };
                    bad[at] = rng(&mut seed) as u8;
                }
                let _ = read(&bad);
            }
        }
    }
}
