//! .docx (WordprocessingML in a zip) → [`RawBlock`]s: the main document part's paragraphs and
//! tables in order. A merged cell is one cell in the row where it starts — `w:gridSpan` is one
//! cell, a `w:vMerge` continuation is left out — which is how the HTML reader gives `colspan`
//! and `rowspan`, so both read the same through the template. Headers, footers, footnotes,
//! comments, deleted or moved-away text, hidden runs, field codes and text boxes are not the
//! report's body as printed and are skipped.

use super::office::RawBlock;
use super::xml::{attr, local, Event, Reader};
use super::zip::{Archive, ZipError, MAX_ENTRY_BYTES};

/// Deepest element nesting we follow (Word's own documents stay under 30).
const MAX_DEPTH: usize = 256;

const DAMAGED: &str = "无法读取这个 .docx 文件：文件已损坏或不完整。请在 Word/WPS 中打开后重新保存，或将报告文字复制粘贴到此处。";

pub fn read(bytes: &[u8]) -> Result<Vec<RawBlock>, String> {
    let archive = Archive::open(bytes).map_err(|_| DAMAGED.to_string())?;
    let part = main_part(&archive);
    let Some(entry) = archive.find(&part) else {
        return Err(not_word(&archive));
    };
    let xml = archive.read(entry).map_err(|e| match e {
        ZipError::Encrypted => {
            "这个 .docx 文件设有密码，无法读取。请在 Word/WPS 中取消密码后再上传。".to_string()
        }
        ZipError::TooLarge => format!(
            "这个 .docx 文件的正文解压后超过 {} MB，可能已损坏或不是年度报告，未读取。",
            MAX_ENTRY_BYTES / 1024 / 1024
        ),
        ZipError::Method(_) | ZipError::Damaged => DAMAGED.to_string(),
    })?;
    let xml = String::from_utf8_lossy(&xml);
    body_blocks(&xml)
}

/// The main document part named by the package relationships (`word/document.xml` nearly
/// always; some writers use another name).
fn main_part(archive: &Archive) -> String {
    let rels = archive
        .find("_rels/.rels")
        .and_then(|e| archive.read(e).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    for ev in Reader::new(&rels) {
        if let Event::Start { name, attrs, .. } = ev {
            let is_main = attr(attrs, "Type").is_some_and(|t| t.ends_with("/officeDocument"));
            if local(name) == "Relationship" && is_main {
                if let Some(target) = attr(attrs, "Target") {
                    return target.trim_start_matches('/').to_string();
                }
            }
        }
    }
    "word/document.xml".to_string()
}

/// What to say about a zip that holds no Word document.
fn not_word(archive: &Archive) -> String {
    let has = |prefix: &str| archive.entries.iter().any(|e| e.name.starts_with(prefix));
    if has("xl/") {
        "这是 Excel 表格文件（.xlsx），不是 Word 文档。请上传年度报告的 Word、PDF 或网页文件。"
            .into()
    } else if has("ppt/") {
        "这是 PowerPoint 文件（.pptx），不是 Word 文档。请上传年度报告的 Word、PDF 或网页文件。"
            .into()
    } else {
        "这个文件是压缩包，但不是 Word 文档（.docx）。请上传 .docx、.doc、.pdf、.txt 或 .html 文件。".into()
    }
}

/// Where text goes while walking the body.
#[derive(Default)]
struct Walk {
    blocks: Vec<RawBlock>,
    /// The paragraph being read.
    para: String,
    /// Cells of the row being read: text, and whether it continues a vertical merge.
    row: Vec<(String, bool)>,
    /// Paragraphs of the cell being read.
    cell: Vec<String>,
    cell_continues: bool,
    /// Table nesting: 1 inside a top-level table; deeper tables are flattened into its cell.
    tables: usize,
    /// Inside `w:t` (text that counts).
    in_text: bool,
    /// The run being read is hidden (`w:vanish`): not printed, so not part of the report.
    hidden: bool,
    /// Depth at which a skipped subtree started (its text is not the body's).
    skipping: Option<usize>,
}

fn body_blocks(xml: &str) -> Result<Vec<RawBlock>, String> {
    let mut w = Walk::default();
    let mut depth = 0usize;
    for ev in Reader::new(xml) {
        match ev {
            Event::Start { name, attrs, empty } => {
                if !empty {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err("这个 .docx 文件的结构嵌套过深，无法读取。请在 Word/WPS 中另存后再上传。".into());
                    }
                }
                if w.skipping.is_some() {
                    continue;
                }
                let tag = local(name);
                if !empty && skipped(name) {
                    w.skipping = Some(depth);
                    continue;
                }
                w.start(tag, attrs);
                if empty {
                    w.end(tag);
                }
            }
            Event::End { name } => {
                if w.skipping == Some(depth) {
                    w.skipping = None;
                } else if w.skipping.is_none() {
                    w.end(local(name));
                }
                depth = depth.saturating_sub(1);
            }
            Event::Text(t) => {
                if w.in_text && !w.hidden && w.skipping.is_none() {
                    w.para.push_str(&t);
                }
            }
        }
    }
    Ok(w.blocks)
}

/// Subtrees whose text is not part of the report body as printed.
fn skipped(name: &str) -> bool {
    matches!(
        local(name),
        "instrText"
            | "delText"
            | "moveFrom"
            | "txbxContent"
            | "Fallback"
            | "footnoteReference"
            | "pPr"
    ) || name == "mc:Fallback"
}

impl Walk {
    fn start(&mut self, tag: &str, attrs: &str) {
        match tag {
            "t" => self.in_text = true,
            "r" => self.hidden = false,
            "vanish" => {
                self.hidden =
                    attr(attrs, "val").is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "off"))
            }
            "tab" | "ptab" if !self.hidden => self.para.push('\t'),
            "br" | "cr" if !self.hidden => self.para.push('\n'),
            "noBreakHyphen" if !self.hidden => self.para.push('-'),
            "p" => self.para.clear(),
            "tbl" => {
                self.tables += 1;
                if self.tables == 1 {
                    self.row.clear();
                }
            }
            "tr" if self.tables == 1 => self.row.clear(),
            "tc" if self.tables == 1 => {
                self.cell.clear();
                self.cell_continues = false;
            }
            // `<w:vMerge/>` or `w:val="continue"` continues the cell above; "restart" starts one.
            // `w:hMerge` is the same for cells merged across (older Word documents).
            "vMerge" | "hMerge" if self.tables == 1 => {
                self.cell_continues = attr(attrs, "val").is_none_or(|v| v != "restart");
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: &str) {
        match tag {
            "t" => self.in_text = false,
            "r" => self.hidden = false,
            "p" => {
                let text = std::mem::take(&mut self.para);
                if self.tables > 0 {
                    if !text.trim().is_empty() {
                        self.cell.push(text.trim().to_string());
                    }
                } else {
                    self.blocks.push(RawBlock::Para(text));
                }
            }
            "tc" if self.tables == 1 => {
                let text = self.cell.join(" ");
                self.cell.clear();
                self.row.push((text, self.cell_continues));
            }
            "tr" if self.tables == 1 => {
                let cells: Vec<String> = self
                    .row
                    .drain(..)
                    .filter(|(_, continues)| !continues)
                    .map(|(t, _)| t)
                    .collect();
                if !cells.is_empty() {
                    self.blocks.push(RawBlock::Row(cells));
                }
            }
            "tbl" => self.tables = self.tables.saturating_sub(1),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::zip::tests::zip_of;
    use super::*;

    fn docx(body: &str) -> Vec<u8> {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        );
        zip_of(&[("word/document.xml", xml.as_bytes(), true)])
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    fn tc(inner: &str, props: &str) -> String {
        format!("<w:tc><w:tcPr>{props}</w:tcPr>{inner}</w:tc>")
    }

    #[test]
    fn paragraphs_runs_and_fields() {
        let body = "<w:p><w:r><w:t>一、</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">总体 </w:t></w:r>\
            <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>\
            <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>情况</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>\
            <w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:ins><w:r><w:t>&amp;</w:t></w:r></w:ins></w:p>";
        assert_eq!(
            read(&docx(body)).unwrap(),
            vec![RawBlock::Para("一、总体 情况&".into())]
        );
    }

    #[test]
    fn hidden_runs_are_not_read() {
        let body = "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t><w:br/></w:r><w:r><w:t>总计</w:t></w:r>\
            <w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>70件</w:t></w:r></w:p><w:p><w:r><w:t>下一段</w:t></w:r></w:p>";
        assert_eq!(
            read(&docx(body)).unwrap(),
            vec![
                RawBlock::Para("总计70件".into()),
                RawBlock::Para("下一段".into())
            ]
        );
    }

    #[test]
    fn merged_cells_read_like_html() {
        // Row 1: 申请人情况 spans 3 columns and 2 rows; row 2 continues it.
        let body = format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>{}",
            tc(
                &p("申请人情况"),
                "<w:gridSpan w:val=\"3\"/><w:vMerge w:val=\"restart\"/>"
            ),
            tc(&p("法人或其他组织"), ""),
            tc("<w:p/>", "<w:gridSpan w:val=\"3\"/><w:vMerge/>"),
            tc(&p("商业企业"), ""),
            tc(&format!("{}{}", p("本年新"), p("制作数量")), ""),
            tc(&p("92"), ""),
            tc("<w:p/>", ""),
            p("正文"),
        );
        assert_eq!(
            read(&docx(&body)).unwrap(),
            vec![
                RawBlock::Row(vec!["申请人情况".into(), "法人或其他组织".into()]),
                RawBlock::Row(vec!["商业企业".into()]),
                RawBlock::Row(vec!["本年新 制作数量".into(), "92".into(), "".into()]),
                RawBlock::Para("正文".into()),
            ]
        );
    }

    #[test]
    fn nested_tables_flatten_into_their_cell() {
        let inner = format!(
            "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
            tc(&p("甲"), ""),
            tc(&p("乙"), "")
        );
        let body = format!(
            "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
            tc(&inner, ""),
            tc(&p("3"), "")
        );
        assert_eq!(
            read(&docx(&body)).unwrap(),
            vec![RawBlock::Row(vec!["甲 乙".into(), "3".into()])]
        );
    }

    #[test]
    fn not_a_word_file_says_what_it_is() {
        let xlsx = zip_of(&[("xl/workbook.xml", b"<workbook/>", true)]);
        assert!(read(&xlsx).unwrap_err().contains("Excel"));
        assert!(read(b"PK\x03\x04garbage").unwrap_err().contains("已损坏"));
        let deep = "<w:sdt>".repeat(MAX_DEPTH + 1);
        assert!(read(&docx(&deep)).unwrap_err().contains("嵌套过深"));
    }
}
