//! .pdf → [`RawBlock`]s (issue 5). Not written yet.

use super::office::RawBlock;

pub fn read(_bytes: &[u8]) -> Result<Vec<RawBlock>, String> {
    Err("暂不支持 .pdf 文件。请在 Word/WPS 中打开后全选复制粘贴到此处，或另存为网页（.html）后上传。".into())
}
