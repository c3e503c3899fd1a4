//! Just enough of the ZIP format to take one file out of a .docx (or a .zip of reports): the
//! central directory, stored and deflated entries. Sizes are checked before and while inflating,
//! so a zip bomb gives a message instead of eating the tab's memory.

use miniz_oxide::inflate::{decompress_to_vec_with_limit, TINFLStatus};

/// Largest entry we inflate. A report's document.xml is 50 KB–2 MB; images are never read.
pub const MAX_ENTRY_BYTES: usize = 64 * 1024 * 1024;
/// Most entries a directory may list (a .docx has 10–50).
const MAX_ENTRIES: usize = 65_535;

/// One file listed in the central directory.
#[derive(Clone, Debug)]
pub struct Entry {
    pub name: String,
    method: u16,
    encrypted: bool,
    compressed: usize,
    size: usize,
    local_header: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZipError {
    /// Not a zip, or its directory is damaged.
    Damaged,
    /// The entry is encrypted (a password-protected zip).
    Encrypted,
    /// The entry inflates to more than the limit (a zip bomb, or not a report).
    TooLarge,
    /// A compression method other than stored/deflate.
    Method(u16),
}

#[derive(Debug)]
pub struct Archive<'a> {
    bytes: &'a [u8],
    pub entries: Vec<Entry>,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

impl<'a> Archive<'a> {
    /// Reads the central directory.
    pub fn open(bytes: &'a [u8]) -> Result<Archive<'a>, ZipError> {
        // The end record sits in the last 22 bytes plus an optional comment of up to 64 KB.
        let from = bytes.len().saturating_sub(22 + 65_535);
        let eocd = (from..bytes.len().saturating_sub(21))
            .rev()
            .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
            .ok_or(ZipError::Damaged)?;
        let count = u16_at(bytes, eocd + 10).ok_or(ZipError::Damaged)? as usize;
        let dir = u32_at(bytes, eocd + 16).ok_or(ZipError::Damaged)? as usize;
        let mut entries = Vec::with_capacity(count.min(MAX_ENTRIES));
        let mut at = dir;
        for _ in 0..count.min(MAX_ENTRIES) {
            if u32_at(bytes, at) != Some(0x0201_4b50) {
                return Err(ZipError::Damaged);
            }
            let field = |o: usize| u16_at(bytes, at + o).ok_or(ZipError::Damaged);
            let word = |o: usize| u32_at(bytes, at + o).ok_or(ZipError::Damaged);
            let flags = field(8)?;
            let method = field(10)?;
            let compressed = word(20)? as usize;
            let size = word(24)? as usize;
            let name_len = field(28)? as usize;
            let extra_len = field(30)? as usize;
            let comment_len = field(32)? as usize;
            let local_header = word(42)? as usize;
            let name = bytes
                .get(at + 46..at + 46 + name_len)
                .ok_or(ZipError::Damaged)?;
            entries.push(Entry {
                // Bit 11: the name is UTF-8; otherwise Chinese tools wrote it in GBK.
                name: if flags & 0x800 != 0 {
                    String::from_utf8_lossy(name).into_owned()
                } else {
                    std::str::from_utf8(name)
                        .map_or_else(|_| super::decode::gb18030(name), str::to_owned)
                },
                method,
                encrypted: flags & 1 != 0,
                compressed,
                size,
                local_header,
            });
            at += 46 + name_len + extra_len + comment_len;
        }
        Ok(Archive { bytes, entries })
    }

    pub fn find(&self, name: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.name.eq_ignore_ascii_case(name))
    }

    /// The entry's contents, inflated.
    pub fn read(&self, entry: &Entry) -> Result<Vec<u8>, ZipError> {
        if entry.encrypted {
            return Err(ZipError::Encrypted);
        }
        // ZIP64 sizes (0xFFFFFFFF) are never a report's XML.
        if entry.size > MAX_ENTRY_BYTES {
            return Err(ZipError::TooLarge);
        }
        let h = entry.local_header;
        if u32_at(self.bytes, h) != Some(0x0403_4b50) {
            return Err(ZipError::Damaged);
        }
        let name_len = u16_at(self.bytes, h + 26).ok_or(ZipError::Damaged)? as usize;
        let extra_len = u16_at(self.bytes, h + 28).ok_or(ZipError::Damaged)? as usize;
        let start = h + 30 + name_len + extra_len;
        let data = self
            .bytes
            .get(start..start.saturating_add(entry.compressed))
            .ok_or(ZipError::Damaged)?;
        match entry.method {
            0 => Ok(data.to_vec()),
            // The declared size may lie (a crafted bomb): the limit holds while inflating.
            8 => decompress_to_vec_with_limit(data, MAX_ENTRY_BYTES).map_err(|e| {
                if e.status == TINFLStatus::HasMoreOutput {
                    ZipError::TooLarge
                } else {
                    ZipError::Damaged
                }
            }),
            m => Err(ZipError::Method(m)),
        }
    }
}

/// What a .zip of reports holds: each report file's name and bytes, or why it was not read.
pub type Member = (String, Result<Vec<u8>, String>);

/// Most reports we take out of one .zip, and most bytes in all (a reviewer's bundle is tens).
pub const MAX_MEMBERS: usize = 2000;
const MAX_TOTAL_BYTES: usize = 512 * 1024 * 1024;

/// The report files in a .zip of reports (a reviewer's bundle): files ending in one of
/// `extensions`, in the archive's order, skipping folders and macOS metadata. The error is the
/// Chinese message for the whole archive.
pub fn reports_in(bytes: &[u8], extensions: &[&str]) -> Result<Vec<Member>, String> {
    let archive = Archive::open(bytes)
        .map_err(|_| "无法读取这个压缩包：文件已损坏或不是 .zip 格式。".to_string())?;
    let mut out = Vec::new();
    let mut total = 0usize;
    for e in &archive.entries {
        let base = e.name.rsplit('/').next().unwrap_or(&e.name);
        let wanted = base
            .rsplit_once('.')
            .is_some_and(|(_, x)| extensions.contains(&x.to_ascii_lowercase().as_str()));
        if !wanted || e.name.starts_with("__MACOSX/") || base.starts_with('.') {
            continue;
        }
        if out.len() == MAX_MEMBERS {
            return Err(format!("压缩包中的报告超过 {MAX_MEMBERS} 个，请分批校验。"));
        }
        let read = if total.saturating_add(e.size) > MAX_TOTAL_BYTES {
            Err("压缩包解压后的总大小超过上限，此文件未读取。".to_string())
        } else {
            archive.read(e).map_err(|err| match err {
                ZipError::Encrypted => "压缩包中的这个文件设有密码，无法读取。".to_string(),
                ZipError::TooLarge => "这个文件解压后过大，未读取。".to_string(),
                _ => "压缩包中的这个文件已损坏，无法读取。".to_string(),
            })
        };
        if let Ok(b) = &read {
            total += b.len();
        }
        out.push((e.name.clone(), read));
    }
    Ok(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A zip of stored or deflated entries, written the way zip tools do (for tests).
    pub(crate) fn zip_of(files: &[(&str, &[u8], bool)]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut dir = Vec::new();
        for &(name, data, deflate) in files {
            let body = if deflate {
                miniz_oxide::deflate::compress_to_vec(data, 6)
            } else {
                data.to_vec()
            };
            let offset = out.len() as u32;
            let method: u16 = if deflate { 8 } else { 0 };
            out.extend_from_slice(b"PK\x03\x04");
            out.extend_from_slice(&20u16.to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(&method.to_le_bytes());
            out.extend_from_slice(&[0; 8]); // time, date, crc (not checked)
            out.extend_from_slice(&(body.len() as u32).to_le_bytes());
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(&body);
            dir.extend_from_slice(b"PK\x01\x02");
            dir.extend_from_slice(&[20, 0, 20, 0, 0, 0]);
            dir.extend_from_slice(&method.to_le_bytes());
            dir.extend_from_slice(&[0; 8]);
            dir.extend_from_slice(&(body.len() as u32).to_le_bytes());
            dir.extend_from_slice(&(data.len() as u32).to_le_bytes());
            dir.extend_from_slice(&(name.len() as u16).to_le_bytes());
            dir.extend_from_slice(&[0; 12]);
            dir.extend_from_slice(&offset.to_le_bytes());
            dir.extend_from_slice(name.as_bytes());
        }
        let dir_at = out.len() as u32;
        out.extend_from_slice(&dir);
        out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
        let n = files.len() as u16;
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&(dir.len() as u32).to_le_bytes());
        out.extend_from_slice(&dir_at.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out
    }

    #[test]
    fn reads_stored_and_deflated_entries() {
        let z = zip_of(&[
            ("a.txt", b"hello", false),
            ("word/document.xml", "<w:t>总计</w:t>".as_bytes(), true),
        ]);
        let a = Archive::open(&z).unwrap();
        assert_eq!(a.entries.len(), 2);
        assert_eq!(a.read(a.find("a.txt").unwrap()).unwrap(), b"hello");
        let doc = a.read(a.find("word/document.xml").unwrap()).unwrap();
        assert_eq!(std::str::from_utf8(&doc).unwrap(), "<w:t>总计</w:t>");
    }

    #[test]
    fn reports_in_a_bundle() {
        let z = zip_of(&[
            ("报告/a.txt", "一、总体情况".as_bytes(), true),
            ("报告/", b"", false),
            ("__MACOSX/报告/._a.txt", b"x", false),
            ("报告/b.DOCX", b"PK", false),
            ("readme.md", b"x", false),
        ]);
        let got = reports_in(&z, &["txt", "docx"]).unwrap();
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["报告/a.txt", "报告/b.DOCX"]);
        assert_eq!(got[0].1.as_deref().unwrap(), "一、总体情况".as_bytes());
        assert!(reports_in(b"PK\x03\x04", &["txt"])
            .unwrap_err()
            .contains("压缩包"));
    }

    #[test]
    fn a_bomb_stops_at_the_limit() {
        let zeros = vec![0u8; MAX_ENTRY_BYTES + 1];
        let mut z = zip_of(&[("word/document.xml", &zeros, true)]);
        // Lie about the size, as a crafted bomb does.
        let dir = z.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        z[dir + 24..dir + 28].copy_from_slice(&100u32.to_le_bytes());
        let a = Archive::open(&z).unwrap();
        assert_eq!(a.read(&a.entries[0]).unwrap_err(), ZipError::TooLarge);
    }

    #[test]
    fn damaged_archives_are_refused_without_panic() {
        let z = zip_of(&[("word/document.xml", b"<w:document/>", true)]);
        for cut in 0..z.len() {
            if let Ok(a) = Archive::open(&z[..cut]) {
                for e in &a.entries {
                    let _ = a.read(e);
                }
            }
        }
        assert_eq!(Archive::open(b"PK\x03\x04").unwrap_err(), ZipError::Damaged);
    }
}
