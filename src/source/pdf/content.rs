//! Content streams → positioned glyphs and ruling lines (ISO 32000-1 §8–9). Only what text
//! extraction needs: the graphics state's CTM, the text state, Form XObjects, marked content
//! with /ActualText, and the straight lines and thin rectangles that draw table borders.
//! Coordinates come out in page space with y growing downwards from the top of the page.

use super::file::Pdf;
use super::fonts::Font;
use super::lexer::{Lexer, Tok};
use super::objects::{text_string, Dict, Obj};
use super::{PageNode, Res, MAX_DEPTH, MAX_FILE_OPERATORS, MAX_OPERATORS};
use std::collections::HashMap;
use std::rc::Rc;

/// One glyph (or an /ActualText replacement) with its box on the baseline.
#[derive(Clone, Debug)]
pub struct Glyph {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    /// Baseline, from the top of the page.
    pub y: f64,
    pub size: f64,
}

/// An axis-aligned ruling line: horizontal when `y0 == y1`, vertical when `x0 == x1`.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

#[derive(Default, Debug)]
pub struct Page {
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    pub width: f64,
    pub height: f64,
    pub has_image: bool,
    /// Glyphs whose font gives no text, by font name.
    pub unmapped: HashMap<String, usize>,
}

type M = [f64; 6];

/// An open /ActualText span: its text, its first glyph, the unmapped counts before it (the
/// replacement text makes up for glyphs without text inside it).
type ActualText = (String, usize, HashMap<String, usize>);

/// A marked-content sequence (§14.6) as far as text extraction cares.
enum Marked {
    Plain,
    /// /ActualText replaces the glyphs it spans (LibreOffice writes it where a font lacks a
    /// glyph, Word for ligatures and some CJK punctuation).
    Actual(ActualText),
    /// A running header, footer or page number that the producer marked as such (Word,
    /// LibreOffice's tagged PDF): not the report's text.
    Pagination,
}

fn mul(a: &M, b: &M) -> M {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &M, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

const ID: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// Glyphs and ruling lines kept of one page (a dense table page has some 5 000 glyphs and
/// 1 000 lines); the rest of a hostile page is not read.
const MAX_PAGE_GLYPHS: usize = 200_000;
const MAX_PAGE_RULES: usize = 50_000;

#[derive(Clone)]
struct GState {
    ctm: M,
    font: Option<Rc<Font>>,
    size: f64,
    char_space: f64,
    word_space: f64,
    hscale: f64,
    leading: f64,
    rise: f64,
}

struct Interp<'p, 'a, 'o> {
    pdf: &'p Pdf<'a>,
    page: Page,
    /// Page space → top-down coordinates.
    flip: M,
    gs: GState,
    stack: Vec<GState>,
    tm: M,
    tlm: M,
    fonts: HashMap<u32, Rc<Font>>,
    /// The current path's subpaths, in device space.
    path: Vec<Vec<(f64, f64)>>,
    /// Open marked-content sequences, and how many more were opened past the bound.
    marked: Vec<Marked>,
    marked_overflow: usize,
    ops: usize,
    /// Operators of the whole file so far.
    file_ops: &'o mut usize,
    forms: Vec<u32>,
}

/// Reads one page: its content streams, with the inherited resources and media box.
/// `fonts` are shared by the pages (each font is parsed once); `file_ops` counts operators
/// over the whole file.
pub fn page(
    pdf: &Pdf,
    node: &PageNode,
    fonts: &mut HashMap<u32, Rc<Font>>,
    file_ops: &mut usize,
) -> Res<Page> {
    let [x0, y0, x1, y1] = node.media;
    // User space → the page as shown: y downwards from the top, turned by /Rotate.
    let (w, h) = (x1 - x0, y1 - y0);
    let (flip, width, height) = match node.rotate {
        90 => ([0.0, 1.0, 1.0, 0.0, -y0, -x0], h, w),
        180 => ([-1.0, 0.0, 0.0, 1.0, x1, -y0], w, h),
        270 => ([0.0, -1.0, -1.0, 0.0, y1, x1], h, w),
        _ => ([1.0, 0.0, 0.0, -1.0, -x0, y1], w, h),
    };
    let (page, resources) = (&node.dict, &node.resources);
    let mut it = Interp {
        pdf,
        page: Page {
            width,
            height,
            ..Page::default()
        },
        flip,
        gs: GState {
            ctm: ID,
            font: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
        },
        stack: Vec::new(),
        tm: ID,
        tlm: ID,
        fonts: std::mem::take(fonts),
        path: Vec::new(),
        marked: Vec::new(),
        marked_overflow: 0,
        ops: 0,
        file_ops,
        forms: Vec::new(),
    };
    let mut data = Vec::new();
    let contents = pdf.key(page, "Contents")?;
    let streams = match contents {
        Obj::Array(a) => a,
        o => vec![o],
    };
    for s in streams.iter().take(10_000) {
        if let Ok(Obj::Stream(s)) = pdf.resolve(s) {
            data.extend_from_slice(&pdf.decode(&s)?);
            data.push(b'\n');
        }
    }
    let result = it.run(&data, resources);
    *fonts = std::mem::take(&mut it.fonts);
    result?;
    Ok(it.page)
}

impl Interp<'_, '_, '_> {
    fn run(&mut self, data: &[u8], res: &Dict) -> Res<()> {
        let mut lx = Lexer::new(data, 0);
        let mut args: Vec<Obj> = Vec::new();
        while let Some(tok) = lx.next_tok() {
            let op = match tok {
                Tok::Word(w) => w,
                t => {
                    let o = lx.object_from(t, 1)?;
                    // Operands without an operator: a broken stream; keep memory bounded.
                    if args.len() > 10_000 {
                        args.clear();
                    }
                    args.push(o);
                    continue;
                }
            };
            self.ops += 1;
            *self.file_ops += 1;
            if *self.file_ops > MAX_FILE_OPERATORS {
                return Err(format!(
                    "这个 PDF 文件的内容过于复杂（超过 {MAX_FILE_OPERATORS} 个绘图指令），无法读取。"
                ));
            }
            if self.ops > MAX_OPERATORS {
                return Err(format!(
                    "这个 PDF 文件的页面内容过于复杂（超过 {MAX_OPERATORS} 个绘图指令），无法读取。"
                ));
            }
            if op == b"BI" {
                self.page.has_image = true;
                skip_inline_image(&mut lx);
            } else {
                self.op(op, &args, res)?;
            }
            args.clear();
        }
        Ok(())
    }

    fn op(&mut self, op: &[u8], a: &[Obj], res: &Dict) -> Res<()> {
        let n = |i: usize| a.get(i).and_then(Obj::as_f64).unwrap_or(0.0);
        let m6 = || [n(0), n(1), n(2), n(3), n(4), n(5)];
        match op {
            b"q" if self.stack.len() < 256 => self.stack.push(self.gs.clone()),
            b"Q" => {
                if let Some(g) = self.stack.pop() {
                    self.gs = g;
                }
            }
            b"cm" => self.gs.ctm = mul(&m6(), &self.gs.ctm),
            // Paths.
            b"m" => {
                let p = self.dev(n(0), n(1));
                self.path.push(vec![p]);
            }
            b"l" => {
                let p = self.dev(n(0), n(1));
                match self.path.last_mut() {
                    Some(sp) => sp.push(p),
                    None => self.path.push(vec![p]),
                }
            }
            b"c" | b"v" | b"y" => {
                // Curves draw no table borders: keep only where they end, as a break.
                let k = if op == b"c" { 4 } else { 2 };
                let p = self.dev(n(k), n(k + 1));
                self.path.push(vec![p]);
            }
            b"re" => {
                let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                let pts = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)];
                let sp = pts.iter().map(|&(x, y)| self.dev(x, y)).collect();
                self.path.push(sp);
            }
            b"h" => {
                if let Some(sp) = self.path.last_mut() {
                    if let Some(&first) = sp.first() {
                        sp.push(first);
                    }
                }
            }
            b"S" | b"s" => self.paint(true, op == b"s"),
            b"f" | b"F" | b"f*" => self.paint(false, false),
            b"B" | b"B*" | b"b" | b"b*" => self.paint(true, op.starts_with(b"b")),
            b"n" => self.path.clear(),
            // Text objects and state.
            b"BT" => {
                self.tm = ID;
                self.tlm = ID;
            }
            b"Tf" => {
                self.gs.size = n(1);
                self.gs.font = a
                    .first()
                    .and_then(Obj::as_name)
                    .map(|name| self.font(res, name));
            }
            b"Tc" => self.gs.char_space = n(0),
            b"Tw" => self.gs.word_space = n(0),
            b"Tz" => self.gs.hscale = n(0) / 100.0,
            b"TL" => self.gs.leading = n(0),
            b"Ts" => self.gs.rise = n(0),
            b"Td" => self.next_line(n(0), n(1)),
            b"TD" => {
                self.gs.leading = -n(1);
                self.next_line(n(0), n(1));
            }
            b"Tm" => {
                self.tm = m6();
                self.tlm = self.tm;
            }
            b"T*" => self.next_line(0.0, -self.gs.leading),
            b"Tj" => self.show_arg(a.first()),
            b"'" => {
                self.next_line(0.0, -self.gs.leading);
                self.show_arg(a.first());
            }
            b"\"" => {
                self.gs.word_space = n(0);
                self.gs.char_space = n(1);
                self.next_line(0.0, -self.gs.leading);
                self.show_arg(a.get(2));
            }
            b"TJ" => {
                for item in a.first().and_then(Obj::as_array).unwrap_or(&[]) {
                    match item {
                        Obj::Str(s) => self.show(s),
                        o => {
                            let adj = o.as_f64().unwrap_or(0.0);
                            let tx = -adj / 1000.0 * self.gs.size * self.gs.hscale;
                            self.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &self.tm);
                        }
                    }
                }
            }
            b"Do" => {
                if let Some(name) = a.first().and_then(Obj::as_name) {
                    self.xobject(res, name)?;
                }
            }
            b"BMC" => self.begin_marked(Marked::Plain),
            b"BDC" => {
                let props = match a.get(1) {
                    Some(Obj::Dict(d)) => Some(d.clone()),
                    Some(Obj::Name(n)) => self
                        .resource(res, "Properties", n)
                        .and_then(|o| o.as_dict().cloned()),
                    _ => None,
                };
                let props = props.unwrap_or_default();
                let actual = props.get("ActualText").and_then(Obj::as_str);
                let pagination = props.get("Type").and_then(Obj::as_name) == Some(b"Pagination");
                let m = if let Some(t) = actual {
                    let before = self.page.unmapped.clone();
                    Marked::Actual((text_string(t), self.page.glyphs.len(), before))
                } else if a.first().and_then(Obj::as_name) == Some(b"Artifact") && pagination {
                    Marked::Pagination
                } else {
                    Marked::Plain
                };
                self.begin_marked(m);
            }
            b"EMC" => {
                if self.marked_overflow > 0 {
                    self.marked_overflow -= 1;
                } else if let Some(Marked::Actual((text, first, unmapped))) = self.marked.pop() {
                    self.actual_text(text, first, unmapped);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn begin_marked(&mut self, m: Marked) {
        if self.marked.len() < 256 {
            self.marked.push(m);
        } else {
            self.marked_overflow += 1;
        }
    }

    fn dev(&self, x: f64, y: f64) -> (f64, f64) {
        let (x, y) = apply(&self.gs.ctm, x, y);
        apply(&self.flip, x, y)
    }

    /// Keeps the axis-aligned lines of the path just painted: stroked segments, and filled
    /// shapes thin enough to be a border (Word draws borders as filled rectangles).
    fn paint(&mut self, stroke: bool, close: bool) {
        const THIN: f64 = 2.5;
        let path = std::mem::take(&mut self.path);
        for mut sp in path {
            if close {
                if let Some(&f) = sp.first() {
                    sp.push(f);
                }
            }
            if stroke {
                for w in sp.windows(2) {
                    let ((x0, y0), (x1, y1)) = (w[0], w[1]);
                    if (y0 - y1).abs() < 0.5 && (x0 - x1).abs() > 0.5 {
                        self.rule(x0.min(x1), y0, x0.max(x1), y0);
                    } else if (x0 - x1).abs() < 0.5 && (y0 - y1).abs() > 0.5 {
                        self.rule(x0, y0.min(y1), x0, y0.max(y1));
                    }
                }
            } else if sp.len() >= 3 {
                let (mut lx, mut ly, mut hx, mut hy) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
                for &(x, y) in &sp {
                    lx = lx.min(x);
                    ly = ly.min(y);
                    hx = hx.max(x);
                    hy = hy.max(y);
                }
                let (w, h) = (hx - lx, hy - ly);
                if h <= THIN && w > h {
                    let y = (ly + hy) / 2.0;
                    self.rule(lx, y, hx, y);
                } else if w <= THIN && h > w {
                    let x = (lx + hx) / 2.0;
                    self.rule(x, ly, x, hy);
                }
            }
        }
    }

    fn rule(&mut self, x0: f64, y0: f64, x1: f64, y1: f64) {
        if [x0, y0, x1, y1].iter().all(|v| v.is_finite()) && self.page.rules.len() < MAX_PAGE_RULES
        {
            self.page.rules.push(Rule { x0, y0, x1, y1 });
        }
    }

    fn next_line(&mut self, tx: f64, ty: f64) {
        self.tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
        self.tm = self.tlm;
    }

    fn show_arg(&mut self, s: Option<&Obj>) {
        if let Some(Obj::Str(s)) = s {
            self.show(s);
        }
    }

    fn show(&mut self, bytes: &[u8]) {
        let Some(font) = self.gs.font.clone() else {
            return;
        };
        let g = &self.gs;
        let (size, hs) = (g.size, g.hscale);
        for code in font.decode(bytes) {
            let trm = mul(
                &mul(&[size * hs, 0.0, 0.0, size, 0.0, g.rise], &self.tm),
                &mul(&g.ctm, &self.flip),
            );
            let (ox, oy) = apply(&trm, 0.0, 0.0);
            let (ex, _) = apply(&trm, code.width, 0.0);
            let height = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            // Text off the page (left over from editing) is not shown, so not read.
            let off_page = !(-5.0..=self.page.width + 5.0).contains(&ox)
                || !(-5.0..=self.page.height + 5.0).contains(&oy);
            let pagination = self.marked.iter().any(|m| matches!(m, Marked::Pagination));
            if pagination || off_page || self.page.glyphs.len() >= MAX_PAGE_GLYPHS {
                // Not shown, or past the bound: skipped.
            } else {
                // A glyph without text stays as U+FFFD: a number that cannot be read must not
                // read as a blank (zero); the file is refused if there are many.
                let text = code.text.unwrap_or_else(|| {
                    *self.page.unmapped.entry(font.name.clone()).or_default() += 1;
                    '\u{FFFD}'.to_string()
                });
                if !text.chars().all(char::is_whitespace) {
                    self.page.glyphs.push(Glyph {
                        text,
                        x0: ox.min(ex),
                        x1: ox.max(ex),
                        y: oy,
                        size: height,
                    });
                }
            }
            let space = if code.is_space { g.word_space } else { 0.0 };
            let tx = (code.width * size + g.char_space + space) * hs;
            self.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &self.tm);
        }
    }

    fn actual_text(&mut self, text: String, first: usize, unmapped: HashMap<String, usize>) {
        let Some(span) = self.page.glyphs.get(first..) else {
            return;
        };
        let Some(head) = span.first().cloned() else {
            return;
        };
        let x1 = span.iter().map(|g| g.x1).fold(head.x1, f64::max);
        let x0 = span.iter().map(|g| g.x0).fold(head.x0, f64::min);
        self.page.glyphs.truncate(first);
        self.page.unmapped = unmapped;
        if !text.trim().is_empty() {
            self.page.glyphs.push(Glyph {
                text,
                x0,
                x1,
                ..head
            });
        }
    }

    fn resource(&self, res: &Dict, kind: &str, name: &[u8]) -> Option<Obj> {
        let Ok(Obj::Dict(d)) = self.pdf.key(res, kind) else {
            return None;
        };
        let o = d.0.iter().find(|(k, _)| k == name)?.1.clone();
        Some(o)
    }

    fn font(&mut self, res: &Dict, name: &[u8]) -> Rc<Font> {
        let label = String::from_utf8_lossy(name).into_owned();
        let Some(obj) = self.resource(res, "Font", name) else {
            return Rc::new(Font::unknown(&label));
        };
        if let Obj::Ref(n, _) = obj {
            if let Some(f) = self.fonts.get(&n) {
                return f.clone();
            }
        }
        let font = match self.pdf.resolve(&obj) {
            Ok(Obj::Dict(d)) => Rc::new(Font::load(self.pdf, &d)),
            _ => Rc::new(Font::unknown(&label)),
        };
        if let Obj::Ref(n, _) = obj {
            self.fonts.insert(n, font.clone());
        }
        font
    }

    fn xobject(&mut self, res: &Dict, name: &[u8]) -> Res<()> {
        let Some(obj) = self.resource(res, "XObject", name) else {
            return Ok(());
        };
        let id = match obj {
            Obj::Ref(n, _) => n,
            _ => u32::MAX,
        };
        let Ok(Obj::Stream(s)) = self.pdf.resolve(&obj) else {
            return Ok(());
        };
        match s.dict.get("Subtype").and_then(Obj::as_name) {
            Some(b"Image") => self.page.has_image = true,
            Some(b"Form") => {
                if self.forms.contains(&id) || self.forms.len() >= MAX_DEPTH / 4 {
                    return Ok(());
                }
                let data = self.pdf.decode(&s)?;
                let matrix = match self.pdf.key(&s.dict, "Matrix")? {
                    Obj::Array(m) if m.len() == 6 => {
                        let v: Vec<f64> = m.iter().map(|x| x.as_f64().unwrap_or(0.0)).collect();
                        [v[0], v[1], v[2], v[3], v[4], v[5]]
                    }
                    _ => ID,
                };
                let own = match self.pdf.key(&s.dict, "Resources")? {
                    Obj::Dict(d) => d,
                    _ => res.clone(),
                };
                self.forms.push(id);
                let saved = (self.gs.clone(), self.stack.len(), self.tm, self.tlm);
                self.gs.ctm = mul(&matrix, &self.gs.ctm);
                let r = self.run(&data, &own);
                self.gs = saved.0;
                self.stack.truncate(saved.1);
                self.tm = saved.2;
                self.tlm = saved.3;
                self.path.clear();
                self.forms.pop();
                r?;
            }
            _ => {}
        }
        Ok(())
    }
}

/// Skips `BI … ID <data> EI`: the data ends at an `EI` between whitespace.
fn skip_inline_image(lx: &mut Lexer) {
    while let Some(t) = lx.next_tok() {
        if t == Tok::Word(b"ID") {
            break;
        }
    }
    let d = lx.data;
    let mut i = lx.pos + 1;
    while i + 2 <= d.len() {
        if &d[i..i + 2] == b"EI"
            && d[i - 1].is_ascii_whitespace()
            && d.get(i + 2).is_none_or(|b| b.is_ascii_whitespace())
        {
            lx.pos = i + 2;
            return;
        }
        i += 1;
    }
    lx.pos = d.len();
}
