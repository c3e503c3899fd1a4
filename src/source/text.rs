//! Plain text → blocks. A line is a table row when it has cell boundaries we can trust: a
//! Markdown table line (`| a | b |`, what PDF-to-text tools produce) or tab-separated cells (what
//! a browser or Word puts on the clipboard). Every other line is a text block; the template stage
//! decides what glued or space-separated digits in it mean.

use super::{Block, Text};

pub(crate) fn read(source: &str) -> Vec<Block> {
    if has_paragraph_cells(source) {
        return read_paragraph_cells(source);
    }
    let mut blocks = Vec::new();
    let mut offset = 0;
    for raw_line in source.split_inclusive('\n') {
        let start = offset;
        offset += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        let mut text = Text::new();
        text.push_source(line, start);
        if text.is_blank() {
            continue;
        }
        if let Some(block) = classify(text) {
            blocks.push(block);
        }
    }
    blocks
}

/// Lines split at '\n' with their byte offsets, CR removed.
fn lines(source: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    source.split_inclusive('\n').map(move |raw| {
        let start = offset;
        offset += raw.len();
        (start, raw.trim_end_matches(['\n', '\r']))
    })
}

/// What Chromium's `innerText` gives for a table whose cells hold `<p>` paragraphs (Word HTML,
/// 025): every cell on its own line between blank lines, cells of a row separated by a line
/// holding only a tab, rows by blank lines alone.
fn has_paragraph_cells(source: &str) -> bool {
    let l: Vec<&str> = lines(source).map(|(_, l)| l).collect();
    let separators = (1..l.len().saturating_sub(1))
        .filter(|&i| l[i].trim_matches(' ') == "\t" && l[i - 1].is_empty() && l[i + 1].is_empty())
        .count();
    separators >= 10
}

fn read_paragraph_cells(source: &str) -> Vec<Block> {
    let mut cells = ParagraphCells::default();
    for (start, line) in lines(source) {
        let mut at = start;
        for (i, part) in line.split('\t').enumerate() {
            if i > 0 {
                cells.tab(at);
                at += 1;
            }
            // A part of only NBSP (`&nbsp;`) is a blank cell, not a missing one.
            if !part.trim_matches(' ').is_empty() {
                let mut t = Text::new();
                t.push_source(part, at);
                cells.content(t.trimmed());
            }
            at += part.len();
        }
        cells.newline();
    }
    cells.finish()
}

/// State of the paragraph-cell reader.
#[derive(Default)]
struct ParagraphCells {
    blocks: Vec<Block>,
    row: Vec<Text>,
    cell: Option<Text>,
    after_tab: bool,
    newlines: usize,
}

impl ParagraphCells {
    fn tab(&mut self, at: usize) {
        let cell = self.cell.take().unwrap_or_else(|| {
            let mut t = Text::new();
            t.push_source("", at);
            t
        });
        self.row.push(cell);
        self.after_tab = true;
    }

    fn content(&mut self, t: Text) {
        if self.after_tab || self.cell.is_none() && self.row.is_empty() {
            self.cell = Some(t);
        } else if self.newlines <= 1 || (!self.row_has_values() && !is_value(t.as_str())) {
            // One line break inside a cell (`结果\n纠正`), or more paragraphs of a label before
            // the row has any value: the same cell.
            let cell = self.cell.get_or_insert_with(Text::new);
            let at = t.whole_span().start;
            cell.push_synthetic(' ', at);
            cell.append(&t);
        } else {
            self.end_row();
            self.cell = Some(t);
        }
        self.after_tab = false;
        self.newlines = 0;
    }

    fn newline(&mut self) {
        self.newlines += 1;
    }

    fn row_has_values(&self) -> bool {
        self.row
            .iter()
            .chain(self.cell.iter())
            .any(|c| is_value(c.as_str()))
    }

    fn end_row(&mut self) {
        if let Some(c) = self.cell.take() {
            self.row.push(c);
        }
        match self.row.len() {
            0 => {}
            1 => self.blocks.push(Block::Text(self.row.pop().unwrap())),
            _ => self.blocks.push(Block::Row(std::mem::take(&mut self.row))),
        }
    }

    fn finish(mut self) -> Vec<Block> {
        self.end_row();
        self.blocks
    }
}

/// A cell that holds a number (or is blank), as opposed to a label.
fn is_value(s: &str) -> bool {
    let t = s.trim();
    t.is_empty()
        || t.starts_with(|c: char| c.is_ascii_digit())
            && !t.contains(|c: char| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn classify(line: Text) -> Option<Block> {
    let trimmed = line.as_str().trim();
    if trimmed.starts_with('|') {
        if is_markdown_rule(trimmed) {
            return None;
        }
        return Some(Block::Row(split_cells(&line, '|', true)));
    }
    if line.as_str().contains('\t') {
        let cells = split_cells(&line, '\t', false);
        let filled = cells.iter().filter(|c| !c.is_blank()).count();
        // One tab-indented value per line (the sample report) is not a row; a row needs two
        // filled cells, or enough tabs to show it is a row with blanks in it.
        // A trailing tab after content also marks a row: browsers end rows whose last cells are
        // empty that way.
        if filled >= 2
            || cells.len() >= 4
            || (filled == 1 && line.as_str().ends_with('\t') && !cells[0].is_blank())
        {
            return Some(Block::Row(cells));
        }
    }
    Some(Block::Text(line.trimmed()))
}

/// `|---|:---:|` separator lines carry no content.
fn is_markdown_rule(s: &str) -> bool {
    s.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) && s.contains('-')
}

fn split_cells(line: &Text, sep: char, markdown: bool) -> Vec<Text> {
    let s = line.as_str();
    let mut cells = Vec::new();
    let mut start = 0;
    for (i, ch) in s.char_indices() {
        if ch == sep {
            cells.push(line.slice(start, i).trimmed());
            start = i + 1;
        }
    }
    cells.push(line.slice(start, s.len()).trimmed());
    if markdown {
        // `| a | b |` splits into "", "a", "b", "": the outer two are not cells.
        if cells.first().is_some_and(|c| c.is_blank()) {
            cells.remove(0);
        }
        if cells.last().is_some_and(|c| c.is_blank()) {
            cells.pop();
        }
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(b: &Block) -> Vec<String> {
        match b {
            Block::Row(c) => c.iter().map(|t| t.as_str().to_owned()).collect(),
            Block::Text(t) => vec![format!("TEXT:{}", t.as_str())],
        }
    }

    #[test]
    fn markdown_rows_keep_blank_cells_and_skip_rules() {
        let src = "| 四、结转下年度继续办理 | 1 | 0 |  |\n|---|---|---|---|\n";
        let blocks = read(src);
        assert_eq!(
            texts(&blocks[0]),
            vec!["四、结转下年度继续办理", "1", "0", ""]
        );
        let src = "| a | 1 |  | 2 |\n";
        assert_eq!(texts(&read(src)[0]), vec!["a", "1", "", "2"]);
    }

    #[test]
    fn tab_rows_and_indented_single_values() {
        let src = "\t92\n一、本年新收\t92\t\t3\n";
        let blocks = read(src);
        assert_eq!(texts(&blocks[0]), vec!["TEXT:92"]);
        assert_eq!(texts(&blocks[1]), vec!["一、本年新收", "92", "", "3"]);
    }

    #[test]
    fn spans_point_into_the_input_and_full_width_digits_normalise() {
        let src = "规章\u{3000}１２\n";
        let blocks = read(src);
        let Block::Text(t) = &blocks[0] else { panic!() };
        assert_eq!(t.as_str(), "规章 12");
        let i = t.as_str().find("12").unwrap();
        let sp = t.span(i, i + 2);
        assert_eq!(&src[sp.start..sp.end], "１２");
    }
}
