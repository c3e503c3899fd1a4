//! The file structure (ISO 32000-1 §7.5): cross-reference tables and streams, object streams,
//! incremental updates, and stream filters. A file whose cross-reference is broken is read by
//! scanning for `N G obj`, as viewers do; every object is parsed at most once.

use super::lexer::{is_white, Lexer, Tok};
use super::objects::{Dict, Obj, Stream};
use super::{damaged, Res, MAX_DECODED_BYTES, MAX_DEPTH, MAX_OBJECTS};
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

#[derive(Clone, Copy, Debug)]
enum Entry {
    /// Byte offset of `N G obj`.
    At(usize),
    /// Inside this object stream.
    InStream(u32),
}

pub struct Pdf<'a> {
    data: &'a [u8],
    xref: HashMap<u32, Entry>,
    pub trailer: Dict,
    cache: RefCell<HashMap<u32, Obj>>,
    loading: RefCell<HashSet<u32>>,
    /// Objects found by scanning, made when an offset from the xref proves wrong.
    scanned: RefCell<Option<HashMap<u32, Entry>>>,
    decoded: Cell<usize>,
    /// Where each `endstream` is, found once when a stream's /Length is wrong (so a file of
    /// many such streams is not searched again for each).
    endstreams: RefCell<Option<Vec<usize>>>,
}

impl<'a> Pdf<'a> {
    pub fn open(data: &'a [u8]) -> Res<Pdf<'a>> {
        let mut pdf = Pdf {
            data,
            xref: HashMap::new(),
            trailer: Dict::default(),
            cache: RefCell::new(HashMap::new()),
            loading: RefCell::new(HashSet::new()),
            scanned: RefCell::new(None),
            decoded: Cell::new(0),
            endstreams: RefCell::new(None),
        };
        let ok = pdf.read_xref().is_ok() && pdf.trailer.get("Root").is_some();
        if !ok {
            let (entries, trailer) = scan(data);
            pdf.xref = entries.clone();
            *pdf.scanned.borrow_mut() = Some(entries);
            pdf.trailer = trailer;
            pdf.index_object_streams();
            if pdf.trailer.get("Root").is_none() {
                pdf.trailer = pdf.find_catalog().ok_or_else(damaged)?;
            }
        }
        if pdf.trailer.get("Encrypt").is_some_and(|e| *e != Obj::Null) {
            return Err("该 PDF 文件已加密（设置了密码或权限保护），无法读取其中的文字。请使用未加密的 PDF，或在 Word/WPS 中打开原文件后全选复制粘贴到此处。".into());
        }
        Ok(pdf)
    }

    /// Follows `startxref` and every `/Prev`, newest section first (its entries win).
    fn read_xref(&mut self) -> Res<()> {
        let tail_from = self.data.len().saturating_sub(2048);
        let tail = &self.data[tail_from..];
        let at = rfind(tail, b"startxref").ok_or_else(damaged)? + tail_from;
        let mut lx = Lexer::new(self.data, at + 9);
        let Some(Tok::Int(mut off)) = lx.next_tok() else {
            return Err(damaged());
        };
        let mut seen = HashSet::new();
        let mut first = true;
        loop {
            if off < 0 || !seen.insert(off) || seen.len() > 256 {
                break;
            }
            let section = self.xref_section(off as usize)?;
            if first {
                self.trailer = section.clone();
                first = false;
            } else if self.trailer.get("Root").is_none() {
                if let Some(r) = section.get("Root") {
                    self.trailer.0.push((b"Root".to_vec(), r.clone()));
                }
            }
            // A hybrid file's extra xref stream (§7.5.8.4).
            if let Some(x) = section.get("XRefStm").and_then(Obj::as_i64) {
                if seen.insert(x) {
                    let _ = self.xref_section(x.max(0) as usize);
                }
            }
            match section.get("Prev").and_then(Obj::as_i64) {
                Some(p) => off = p,
                None => break,
            }
        }
        Ok(())
    }

    /// One cross-reference section (table or stream); returns its trailer dictionary.
    fn xref_section(&mut self, off: usize) -> Res<Dict> {
        let mut lx = Lexer::new(self.data, off);
        lx.skip_white();
        if self
            .data
            .get(lx.pos..)
            .is_some_and(|d| d.starts_with(b"xref"))
        {
            lx.pos += 4;
            loop {
                match lx.next_tok() {
                    Some(Tok::Int(start)) => {
                        let Some(Tok::Int(count)) = lx.next_tok() else {
                            return Err(damaged());
                        };
                        if !(0..=u32::MAX as i64).contains(&start)
                            || !(0..=MAX_OBJECTS as i64).contains(&count)
                        {
                            return Err(damaged());
                        }
                        for i in 0..count {
                            let (Some(Tok::Int(o)), Some(Tok::Int(_)), Some(Tok::Word(kind))) =
                                (lx.next_tok(), lx.next_tok(), lx.next_tok())
                            else {
                                return Err(damaged());
                            };
                            let num = (start + i).min(u32::MAX as i64) as u32;
                            if kind == b"n" && o > 0 {
                                self.add(num, Entry::At(o as usize))?;
                            } else {
                                // Free entries still hide older versions of the object.
                                self.add(num, Entry::At(usize::MAX))?;
                            }
                        }
                    }
                    Some(Tok::Word(b"trailer")) => {
                        return match lx.object(0)? {
                            Obj::Dict(d) => Ok(d),
                            _ => Err(damaged()),
                        };
                    }
                    _ => return Err(damaged()),
                }
            }
        }
        // An xref stream: `N G obj << /Type /XRef … >> stream`.
        let (_, obj) = self.parse_at(off)?;
        let Obj::Stream(s) = obj else {
            return Err(damaged());
        };
        let data = self.decode(&s)?;
        let d = &s.dict;
        let w: Vec<usize> = d
            .get("W")
            .and_then(Obj::as_array)
            .ok_or_else(damaged)?
            .iter()
            .map(|v| v.as_i64().unwrap_or(0).clamp(0, 8) as usize)
            .collect();
        let [w0, w1, w2] = w[..] else {
            return Err(damaged());
        };
        let size = d.get("Size").and_then(Obj::as_i64).unwrap_or(0);
        let index: Vec<i64> = match d.get("Index").and_then(Obj::as_array) {
            Some(a) => a.iter().map(|v| v.as_i64().unwrap_or(0)).collect(),
            None => vec![0, size],
        };
        let row = w0 + w1 + w2;
        if row == 0 {
            return Err(damaged());
        }
        let mut rows = data.chunks_exact(row);
        for pair in index.chunks_exact(2) {
            let (start, count) = (pair[0], pair[1]);
            if !(0..=u32::MAX as i64).contains(&start) || !(0..=MAX_OBJECTS as i64).contains(&count)
            {
                return Err(damaged());
            }
            for i in 0..count {
                let Some(r) = rows.next() else { break };
                let field = |from: usize, len: usize| {
                    r[from..from + len]
                        .iter()
                        .fold(0u64, |acc, &b| acc << 8 | b as u64)
                };
                let kind = if w0 == 0 { 1 } else { field(0, w0) };
                let a = field(w0, w1);
                let num = (start + i).min(u32::MAX as i64) as u32;
                match kind {
                    1 => self.add(num, Entry::At(a as usize))?,
                    2 => self.add(num, Entry::InStream(a as u32))?,
                    _ => self.add(num, Entry::At(usize::MAX))?,
                }
            }
        }
        Ok(s.dict.clone())
    }

    fn add(&mut self, num: u32, e: Entry) -> Res<()> {
        if self.xref.len() >= MAX_OBJECTS {
            return Err(format!(
                "这个 PDF 文件的对象太多（超过 {MAX_OBJECTS} 个），无法读取。"
            ));
        }
        self.xref.entry(num).or_insert(e);
        Ok(())
    }

    /// The object at a byte offset: `N G obj …` (and its stream, if any).
    fn parse_at(&self, off: usize) -> Res<(u32, Obj)> {
        let mut lx = Lexer::new(self.data, off);
        let (Some(Tok::Int(num)), Some(Tok::Int(_)), Some(Tok::Word(b"obj"))) =
            (lx.next_tok(), lx.next_tok(), lx.next_tok())
        else {
            return Err(damaged());
        };
        let num = u32::try_from(num).map_err(|_| damaged())?;
        let obj = lx.object(0)?;
        let Obj::Dict(dict) = obj else {
            return Ok((num, obj));
        };
        if lx.next_tok() != Some(Tok::Word(b"stream")) {
            return Ok((num, Obj::Dict(dict)));
        }
        // The data starts after the end of line that follows `stream` (§7.3.8.1).
        let mut start = lx.pos;
        if self.data.get(start) == Some(&b'\r') {
            start += 1;
        }
        if self.data.get(start) == Some(&b'\n') {
            start += 1;
        }
        let declared = match dict.get("Length") {
            Some(Obj::Ref(n, _)) if *n != num => self.get(*n).ok().and_then(|o| o.as_i64()),
            Some(o) => o.as_i64(),
            None => None,
        };
        let fits = |len: i64| -> Option<usize> {
            let end = start.checked_add(usize::try_from(len).ok()?)?;
            let mut after = Lexer::new(self.data, end);
            after.skip_white();
            self.data
                .get(after.pos..)?
                .starts_with(b"endstream")
                .then_some(end)
        };
        // A wrong /Length (hand-edited or damaged files): end at the next `endstream`.
        let end = match declared.and_then(fits) {
            Some(end) => end,
            None => {
                let mut end = self.next_endstream(start).ok_or_else(damaged)?;
                while end > start && is_white(self.data[end - 1]) {
                    end -= 1;
                }
                end
            }
        };
        if start > end || end > self.data.len() {
            return Err(damaged());
        }
        Ok((
            num,
            Obj::Stream(Rc::new(Stream {
                dict,
                raw: start..end,
            })),
        ))
    }

    fn next_endstream(&self, from: usize) -> Option<usize> {
        let mut ends = self.endstreams.borrow_mut();
        let ends = ends.get_or_insert_with(|| {
            let mut v = Vec::new();
            let mut i = 0;
            while let Some(at) = self.data.get(i..).and_then(|d| find(d, b"endstream")) {
                v.push(i + at);
                i += at + 9;
            }
            v
        });
        let k = ends.partition_point(|&e| e < from);
        ends.get(k).copied().or(Some(self.data.len()))
    }

    /// An object by number (a missing object is null, as §7.3.10 says).
    pub fn get(&self, num: u32) -> Res<Obj> {
        if let Some(o) = self.cache.borrow().get(&num) {
            return Ok(o.clone());
        }
        if !self.loading.borrow_mut().insert(num) || self.loading.borrow().len() > MAX_DEPTH {
            return Err(damaged());
        }
        let result = self.load(num);
        self.loading.borrow_mut().remove(&num);
        let obj = result?;
        self.cache.borrow_mut().insert(num, obj.clone());
        Ok(obj)
    }

    fn load(&self, num: u32) -> Res<Obj> {
        let entry = self.xref.get(&num).copied();
        match entry {
            None | Some(Entry::At(usize::MAX)) => Ok(Obj::Null),
            Some(Entry::At(off)) => match self.parse_at(off) {
                Ok((n, o)) if n == num => Ok(o),
                // A wrong offset: look for the object where it really is.
                _ => match self.scanned_entry(num) {
                    Some(Entry::At(off)) => self.parse_at(off).map(|(_, o)| o),
                    Some(Entry::InStream(s)) => self.in_stream(num, s),
                    None => Ok(Obj::Null),
                },
            },
            Some(Entry::InStream(s)) => self.in_stream(num, s),
        }
    }

    fn scanned_entry(&self, num: u32) -> Option<Entry> {
        let mut s = self.scanned.borrow_mut();
        s.get_or_insert_with(|| scan(self.data).0)
            .get(&num)
            .copied()
    }

    /// Parses a whole object stream (§7.5.7) into the cache and returns object `num`.
    fn in_stream(&self, num: u32, stream: u32) -> Res<Obj> {
        let Obj::Stream(s) = self.get(stream)? else {
            return Ok(Obj::Null);
        };
        let data = self.decode(&s)?;
        let n = s.dict.get("N").and_then(Obj::as_i64).unwrap_or(0);
        let first = s.dict.get("First").and_then(Obj::as_i64).unwrap_or(0);
        if !(0..=MAX_OBJECTS as i64).contains(&n) || first < 0 {
            return Err(damaged());
        }
        let mut lx = Lexer::new(&data, 0);
        let mut heads = Vec::new();
        for _ in 0..n {
            match (lx.next_tok(), lx.next_tok()) {
                (Some(Tok::Int(o)), Some(Tok::Int(at))) if o >= 0 && at >= 0 => {
                    heads.push((o as u32, at as usize))
                }
                _ => break,
            }
        }
        let mut found = Obj::Null;
        for (o, at) in heads {
            // Only objects the xref places in this stream (a newer update may replace them).
            let here = matches!(self.xref.get(&o), Some(Entry::InStream(s)) if *s == stream);
            if !here && o != num {
                continue;
            }
            let mut lx = Lexer::new(&data, (first as usize).saturating_add(at));
            let obj = lx.object(0).unwrap_or(Obj::Null);
            if o == num {
                found = obj.clone();
            }
            self.cache.borrow_mut().entry(o).or_insert(obj);
        }
        Ok(found)
    }

    /// Follows a reference (a chain of them at most a few deep).
    pub fn resolve(&self, obj: &Obj) -> Res<Obj> {
        let mut o = obj.clone();
        for _ in 0..8 {
            match o {
                Obj::Ref(n, _) => o = self.get(n)?,
                _ => return Ok(o),
            }
        }
        Ok(Obj::Null)
    }

    /// `dict[key]`, resolved.
    pub fn key(&self, dict: &Dict, key: &str) -> Res<Obj> {
        match dict.get(key) {
            Some(o) => self.resolve(o),
            None => Ok(Obj::Null),
        }
    }

    /// The stream's data with its filters undone; counts against the budget of decoded bytes.
    pub fn decode(&self, s: &Stream) -> Res<Vec<u8>> {
        let filters = match self.key(&s.dict, "Filter")? {
            Obj::Name(n) => vec![n],
            Obj::Array(a) => a
                .iter()
                .filter_map(|f| self.resolve(f).ok()?.as_name().map(<[u8]>::to_vec))
                .collect(),
            _ => vec![],
        };
        let parms = match self.key(&s.dict, "DecodeParms")? {
            Obj::Array(a) => a
                .iter()
                .map(|p| self.resolve(p).unwrap_or(Obj::Null))
                .collect(),
            p => vec![p],
        };
        let mut data = self.data.get(s.raw.clone()).ok_or_else(damaged)?.to_vec();
        for (i, f) in filters.iter().enumerate() {
            let left = MAX_DECODED_BYTES.saturating_sub(self.decoded.get());
            data = match f.as_slice() {
                b"FlateDecode" | b"Fl" => inflate(&data, left)?,
                b"ASCIIHexDecode" | b"AHx" => ascii_hex(&data),
                b"ASCII85Decode" | b"A85" => ascii85(&data),
                // Image codecs: the reader never needs image pixels.
                _ => {
                    return Err(format!(
                        "这个 PDF 文件使用了不支持的压缩方式（{}），无法读取。",
                        String::from_utf8_lossy(f)
                    ))
                }
            };
            if let Some(Obj::Dict(p)) = parms.get(i) {
                data = unpredict(&data, p)?;
            }
            self.decoded
                .set(self.decoded.get().saturating_add(data.len()));
            if self.decoded.get() > MAX_DECODED_BYTES {
                return Err(too_big());
            }
        }
        Ok(data)
    }

    /// After a scan: the objects inside object streams (Word and WPS put most objects there),
    /// and an xref stream's dictionary as the trailer when no `trailer` was found.
    fn index_object_streams(&mut self) {
        let mut nums: Vec<u32> = self.xref.keys().copied().collect();
        nums.sort_unstable();
        for n in nums {
            let Ok(Obj::Stream(s)) = self.get(n) else {
                continue;
            };
            match s.dict.get("Type").and_then(Obj::as_name) {
                Some(b"ObjStm") => {
                    let Ok(data) = self.decode(&s) else { continue };
                    let count = s.dict.get("N").and_then(Obj::as_i64).unwrap_or(0);
                    let mut lx = Lexer::new(&data, 0);
                    for _ in 0..count.clamp(0, MAX_OBJECTS as i64) {
                        let (Some(Tok::Int(o)), Some(Tok::Int(_))) = (lx.next_tok(), lx.next_tok())
                        else {
                            break;
                        };
                        if let Ok(o) = u32::try_from(o) {
                            if self.xref.len() < MAX_OBJECTS {
                                self.xref.entry(o).or_insert(Entry::InStream(n));
                            }
                        }
                    }
                }
                Some(b"XRef") if self.trailer.get("Root").is_none() => {
                    self.trailer = s.dict.clone();
                }
                _ => {}
            }
        }
    }

    /// Without a usable trailer: the object whose dictionary says `/Type /Catalog`.
    fn find_catalog(&self) -> Option<Dict> {
        let mut nums: Vec<u32> = self.xref.keys().copied().collect();
        nums.sort_unstable();
        for n in nums.into_iter().rev() {
            if let Ok(Obj::Dict(d)) = self.get(n) {
                if d.get("Type").and_then(Obj::as_name) == Some(b"Catalog") {
                    return Some(Dict(vec![(b"Root".to_vec(), Obj::Ref(n, 0))]));
                }
            }
        }
        None
    }
}

fn too_big() -> String {
    format!(
        "这个 PDF 文件解压后超过 {} MB，超出了可以读取的上限。",
        MAX_DECODED_BYTES / 1024 / 1024
    )
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Every `N G obj` in the file (the last definition of a number wins, as in an update), the
/// objects of the object streams among them, and the last `trailer` dictionary or xref stream
/// dictionary as the trailer.
fn scan(data: &[u8]) -> (HashMap<u32, Entry>, Dict) {
    let mut entries = HashMap::new();
    let mut trailer = Dict::default();
    let mut i = 0;
    while let Some(at) = data.get(i..).and_then(|d| find(d, b"obj")) {
        let end = i + at;
        i = end + 3;
        // Walk back over `N G ` before `obj`.
        let mut p = end;
        let mut nums = [0usize; 2];
        let mut ok = true;
        for slot in nums.iter_mut().rev() {
            while p > 0 && is_white(data[p - 1]) {
                p -= 1;
            }
            let digits_end = p;
            while p > 0 && data[p - 1].is_ascii_digit() {
                p -= 1;
            }
            if p == digits_end || digits_end - p > 10 {
                ok = false;
                break;
            }
            *slot = std::str::from_utf8(&data[p..digits_end])
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(usize::MAX);
        }
        if !ok || nums[0] > u32::MAX as usize || entries.len() >= MAX_OBJECTS {
            continue;
        }
        entries.insert(nums[0] as u32, Entry::At(p));
    }
    if let Some(t) = rfind(data, b"trailer") {
        if let Ok(Obj::Dict(d)) = Lexer::new(data, t + 7).object(0) {
            trailer = d;
        }
    }
    (entries, trailer)
}

/// zlib data, or raw deflate when the header is broken; what could be decoded of a truncated
/// stream is kept (viewers show the part of a page that survived).
fn inflate(data: &[u8], limit: usize) -> Res<Vec<u8>> {
    use miniz_oxide::inflate::{self, TINFLStatus};
    let r = inflate::decompress_to_vec_zlib_with_limit(data, limit.saturating_add(1))
        .or_else(|_| inflate::decompress_to_vec_with_limit(data, limit.saturating_add(1)));
    match r {
        Ok(v) if v.len() <= limit => Ok(v),
        Ok(_) => Err(too_big()),
        Err(e) if e.status == TINFLStatus::HasMoreOutput => Err(too_big()),
        Err(e) => Ok(e.output),
    }
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = data
        .iter()
        .take_while(|&&b| b != b'>')
        .filter_map(|&b| (b as char).to_digit(16).map(|d| d as u8))
        .collect();
    digits
        .chunks(2)
        .map(|c| c[0] << 4 | c.get(1).copied().unwrap_or(0))
        .collect()
}

fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut group = [0u8; 5];
    let mut n = 0;
    for &b in data {
        match b {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group[n] = b - b'!';
                n += 1;
                if n == 5 {
                    let v = group.iter().fold(0u64, |a, &d| a * 85 + d as u64) as u32;
                    out.extend_from_slice(&v.to_be_bytes());
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for g in group.iter_mut().skip(n) {
            *g = 84;
        }
        let v = group.iter().fold(0u64, |a, &d| a * 85 + d as u64) as u32;
        out.extend_from_slice(&v.to_be_bytes()[..n - 1]);
    }
    out
}

/// PNG predictors (§7.4.4.4), which Word's and LibreOffice's xref streams use.
fn unpredict(data: &[u8], parms: &Dict) -> Res<Vec<u8>> {
    let int = |k: &str, d: i64| parms.get(k).and_then(Obj::as_i64).unwrap_or(d);
    let predictor = int("Predictor", 1);
    if predictor < 10 {
        return Ok(data.to_vec());
    }
    let colors = int("Colors", 1).clamp(1, 32) as usize;
    let bpc = int("BitsPerComponent", 8).clamp(1, 16) as usize;
    let columns = int("Columns", 1).clamp(1, 1 << 20) as usize;
    let bpp = (colors * bpc).div_ceil(8);
    // A row is never longer than the data (a hostile /Columns must not allocate).
    let width = (colors * bpc * columns).div_ceil(8).min(data.len().max(1));
    let mut out = Vec::with_capacity(data.len());
    let mut prev = vec![0u8; width];
    for chunk in data.chunks(width + 1) {
        let (&kind, row) = chunk.split_first().ok_or_else(damaged)?;
        let mut cur = row.to_vec();
        cur.resize(width, 0);
        for i in 0..width {
            let left = if i >= bpp { cur[i - bpp] } else { 0 };
            let up = prev[i];
            let up_left = if i >= bpp { prev[i - bpp] } else { 0 };
            cur[i] = cur[i].wrapping_add(match kind {
                1 => left,
                2 => up,
                3 => ((left as u16 + up as u16) / 2) as u8,
                4 => {
                    let p = left as i16 + up as i16 - up_left as i16;
                    let (pa, pb, pc) = (
                        (p - left as i16).abs(),
                        (p - up as i16).abs(),
                        (p - up_left as i16).abs(),
                    );
                    if pa <= pb && pa <= pc {
                        left
                    } else if pb <= pc {
                        up
                    } else {
                        up_left
                    }
                }
                _ => 0,
            });
        }
        out.extend_from_slice(&cur[..row.len().min(width)]);
        prev = cur;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_up_predictor() {
        let p = Dict(vec![
            (b"Predictor".to_vec(), Obj::Int(12)),
            (b"Columns".to_vec(), Obj::Int(2)),
        ]);
        let out = unpredict(&[2, 1, 2, 2, 1, 1], &p).unwrap();
        assert_eq!(out, vec![1, 2, 2, 3]);
    }

    #[test]
    fn ascii85_decodes() {
        assert_eq!(ascii85(b"87cURD]i,\"Ebo7~>"), b"Hello World".to_vec());
    }
}
