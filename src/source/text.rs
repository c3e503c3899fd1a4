//! Plain text → blocks. A line is a table row when it has cell boundaries we can trust: a
//! Markdown table line (`| a | b |`, what PDF-to-text tools produce) or tab-separated cells (what
//! a browser or Word puts on the clipboard). Every other line is a text block; the template stage
//! decides what glued or space-separated digits in it mean.

use super::{Block, Text};

pub(crate) fn read(source: &str) -> Vec<Block> {
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
        if filled >= 2 || cells.len() >= 4 {
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
        assert_eq!(texts(&blocks[0]), vec!["四、结转下年度继续办理", "1", "0", ""]);
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
