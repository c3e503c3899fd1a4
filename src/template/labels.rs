//! Recognising row labels in the words real reports use: compared without whitespace, quotes and
//! width differences, by keywords; a fragment of a label broken by PDF extraction
//! (「行政机关不再处理其政府信息公」) matches every row whose label contains it.

use super::formats::RowDef;

/// Label text as compared: no whitespace, no quotes, ASCII parentheses made full-width.
pub fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '“' | '”' | '"' | '\'' | '‘' | '’' | '「' | '」' | '『' | '』'
                )
        })
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            '，' => ',',
            '：' => ':',
            c => c,
        })
        .collect()
}

/// Keyword matches of `rows` in the (normalised) label: `(byte position, row index)`, by position.
pub fn keyword_matches(label: &str, rows: &[RowDef]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (idx, row) in rows.iter().enumerate() {
        let mut best: Option<usize> = None;
        for kw in row.keywords {
            let kw = normalise(kw);
            if let Some(p) = label.rfind(&kw) {
                best = Some(best.map_or(p, |b: usize| b.max(p)));
            }
        }
        // 「3.其他」 is a row of its own only as the whole label (「其他」 is in many labels).
        if best.is_none() && row.key == "other.other" {
            let bare =
                label.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '、');
            if bare == "其他" {
                best = Some(0);
            }
        }
        if best.is_none() && row.key == "total" && label == "总计" {
            best = Some(0);
        }
        if let Some(p) = best {
            out.push((p, idx));
        }
    }
    out.sort();
    out
}

/// Rows whose full label contains `fragment` (a piece of a label split by PDF extraction).
pub fn fragment_matches(label: &str, rows: &[RowDef]) -> Vec<usize> {
    let core = strip_numbering(label);
    if core.chars().count() < 4 {
        return Vec::new();
    }
    rows.iter()
        .enumerate()
        .filter(|(_, r)| !r.subtotal && normalise(r.label).contains(core))
        .map(|(i, _)| i)
        .collect()
}

/// 「1.」「（三）」「三、」 before a label.
fn strip_numbering(s: &str) -> &str {
    let mut t = s;
    loop {
        let before = t;
        t = t.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '、' | ','));
        if let Some(rest) = t.strip_prefix('（') {
            if let Some(close) = rest.find('）') {
                if rest[..close].chars().count() <= 2 {
                    t = &rest[close + '）'.len_utf8()..];
                }
            }
        }
        for n in ["一、", "二、", "三、", "四、", "五、", "六、", "七、"] {
            if let Some(rest) = t.strip_prefix(n) {
                t = rest;
            }
        }
        if t == before {
            return t;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::formats::APPLY_ROWS_2021 as ROWS;
    use super::*;

    fn keys(label: &str) -> Vec<&'static str> {
        keyword_matches(&normalise(label), ROWS)
            .into_iter()
            .map(|(_, i)| ROWS[i].key)
            .collect()
    }

    #[test]
    fn keywords_find_rows_in_order() {
        assert_eq!(
            keys("（三）不予公开1.属于国家秘密"),
            vec!["denied", "denied.state_secret"]
        );
        assert_eq!(
            keys("2.其他法律和行政法规禁止公开"),
            vec!["denied.law_forbidden"]
        );
        assert_eq!(
            keys("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请3.其他（七）总计"),
            vec!["other.no_fee", "other.other", "total"]
        );
        assert_eq!(
            keys("3.危及\u{201c}三安全一稳定\u{201d}"),
            vec!["denied.security"]
        );
        assert_eq!(
            keys("商业 企业 科研 机构 其他 总计 一、本年新收政府信息公开申请数量"),
            vec!["new"]
        );
    }

    #[test]
    fn fragments_match_every_row_that_contains_them() {
        let m = fragment_matches(&normalise("行政机关不再处理其政府信息公"), ROWS);
        let keys: Vec<_> = m.iter().map(|&i| ROWS[i].key).collect();
        assert_eq!(keys, vec!["other.no_correction", "other.no_fee"]);
        assert!(fragment_matches("业构益组织务机构", ROWS).is_empty());
    }
}
