//! Title, report year and issuing body. The format prescribes no title, but real ones follow
//! 「<机关><YYYY>年(度)政府信息公开工作(的)年度报告」 or 「<YYYY>年<机关>政府信息公开…」 (format.md §8).

/// What the report says about itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    pub title: Option<String>,
    pub year: Option<i32>,
    pub body: Option<String>,
    /// Where the year was found: "title" or "period" (统计期限).
    pub year_source: Option<&'static str>,
    /// The year of the 统计期限 sentence, when there is one.
    pub period_year: Option<i32>,
}

const TITLE_END: &str = "政府信息公开工作";

/// Reads the title from the first lines (or a `标题:` header), the year from it, else from the
/// 统计期限 sentence.
pub fn read(text: &str) -> Meta {
    let mut meta = Meta::default();
    if let Some(title) = find_title(text) {
        let (body, year) = split_title(&title);
        meta.year = year;
        meta.year_source = year.map(|_| "title");
        meta.body = body;
        meta.title = Some(title);
    }
    meta.period_year = period_year(text);
    if meta.year.is_none() {
        meta.year = meta.period_year;
        meta.year_source = meta.year.map(|_| "period");
    }
    if meta.body.is_none() {
        meta.body = header_field(text, "发布机构");
    }
    meta
}

fn header_field(text: &str, name: &str) -> Option<String> {
    text.lines().take(30).find_map(|l| {
        let l = l.trim();
        let rest = l.strip_prefix(name)?;
        let v = rest.trim_start_matches([':', '：', ' ']).trim();
        (!v.is_empty()).then(|| v.to_string())
    })
}

/// The first title-like text: whitespace removed so that a title broken over lines (the sample
/// puts 「年度报告」 on a line of its own) reads whole.
fn find_title(text: &str) -> Option<String> {
    if let Some(t) = header_field(text, "标题") {
        if t.contains("报告") {
            return Some(squeeze(&t));
        }
    }
    // Look in the opening part only: the body mentions other reports' titles.
    let head: String = text.chars().take(1500).collect();
    let squeezed = squeeze(&head);
    let end_kw = squeezed.find(TITLE_END)?;
    let after = &squeezed[end_kw + TITLE_END.len()..];
    let tail = ["的年度报告", "年度报告", "报告"]
        .iter()
        .find_map(|t| after.starts_with(t).then_some(*t))?;
    let end = end_kw + TITLE_END.len() + tail.len();
    // The title starts after the last sentence or heading break before it.
    let start = squeezed[..end_kw]
        .rfind(['。', '：', ':', '>', '》', '#', '】', '|'])
        .map(|p| p + squeezed[p..].chars().next().unwrap().len_utf8())
        .unwrap_or(0);
    let mut title = squeezed[start..end].to_string();
    // Drop a leading page header such as 「正文」.
    for junk in ["正文", "首页"] {
        if let Some(rest) = title.strip_prefix(junk) {
            title = rest.to_string();
        }
    }
    let t = title
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    (t.chars().count() <= 60).then_some(t)
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Body and year from a title: the words before the year, else those between 年(度) and
/// 政府信息公开 (「2024年上海市科委政府信息公开…」).
fn split_title(title: &str) -> (Option<String>, Option<i32>) {
    let Some((pos, year)) = find_year(title) else {
        return (None, None);
    };
    let before = title[..pos].trim_matches(|c: char| !c.is_alphanumeric());
    let body = if !before.is_empty() {
        Some(before.to_string())
    } else {
        let after = &title[pos + 4..];
        let after = after.trim_start_matches('年').trim_start_matches('度');
        after
            .find("政府信息公开")
            .map(|e| after[..e].to_string())
            .filter(|s| !s.is_empty())
    };
    (body, Some(year))
}

/// The first plausible report year `20NN年` in `s`, with its byte position.
fn find_year(s: &str) -> Option<(usize, i32)> {
    let b = s.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
            && s[i + 4..].starts_with('年')
        {
            let y: i32 = s[i..i + 4].parse().ok()?;
            if (2008..=2100).contains(&y) {
                return Some((i, y));
            }
        }
        i += 1;
    }
    None
}

/// 「统计期限自2021年1月1日起至2021年12月31日止」 and similar.
fn period_year(text: &str) -> Option<i32> {
    let squeezed = squeeze(text);
    for kw in ["统计期限", "统计周期", "统计时限", "数据统计"] {
        if let Some(p) = squeezed.find(kw) {
            let window: String = squeezed[p..].chars().take(40).collect();
            if let Some((_, y)) = find_year(&window) {
                return Some(y);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_broken_over_lines() {
        let m = read("双鸭山市2021年政府信息公开工作\n\n年度报告\n\n按照《条例》…");
        assert_eq!(
            m.title.as_deref(),
            Some("双鸭山市2021年政府信息公开工作年度报告")
        );
        assert_eq!(m.year, Some(2021));
        assert_eq!(m.body.as_deref(), Some("双鸭山市"));
    }

    #[test]
    fn header_title_and_body_after_year() {
        let m = read("标题: 平潭综合实验区2021年度政府信息公开工作年度报告\n发布时间: 2022-02-08");
        assert_eq!(m.body.as_deref(), Some("平潭综合实验区"));
        assert_eq!(m.year, Some(2021));
        let m = read("正文\n2024 年上海市科委政府信息公开工作\n年度报告\n根据");
        assert_eq!(
            m.title.as_deref(),
            Some("2024年上海市科委政府信息公开工作年度报告")
        );
        assert_eq!(m.body.as_deref(), Some("上海市科委"));
    }

    #[test]
    fn year_from_the_statistics_period() {
        let m = read("某局工作总结\n本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。");
        assert_eq!(m.year, Some(2022));
        assert_eq!(m.year_source, Some("period"));
    }
}
