//! The File Information Block at the start of the `WordDocument` stream ([MS-DOC] 2.5): what
//! kind of file this is and where the structures we need are.

use super::{u16_at, u32_at, DocError};

/// The fields of the FIB the reader uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fib {
    /// fWhichTblStm: the table stream is `1Table` (else `0Table`).
    pub table1: bool,
    /// ccpText: characters of main document text (footnotes, headers … follow it).
    pub ccp_text: u32,
    /// Where the Clx (piece table) is in the table stream.
    pub fc_clx: u32,
    pub lcb_clx: u32,
    /// Where the PlcBtePapx (paragraph-property pages) is in the table stream.
    pub fc_plcf_bte_papx: u32,
    pub lcb_plcf_bte_papx: u32,
    /// Where the PlcBteChpx (character-property pages) is in the table stream.
    pub fc_plcf_bte_chpx: u32,
    pub lcb_plcf_bte_chpx: u32,
}

/// wIdent of every Word 6.0 and later file.
const W_IDENT: u16 = 0xA5EC;
/// nFib of Word 97 (later versions have larger ones).
const NFIB_WORD97: u16 = 0x00C1;

// Offsets in FibBase, then in FibRgFcLcb97 (fcClx is its 34th pair; counted from the start of the FIB, valid because
// csw = 14 and cslw = 22 are fixed since Word 97: checked below).
const FLAGS: usize = 0x0A;
const CSW: usize = 0x20;
const CSLW: usize = 0x3E;
const CCP_TEXT: usize = 0x4C;
const CB_RG_FC_LCB: usize = 0x98;
const FC_PLCF_BTE_CHPX: usize = 0xFA;
const FC_PLCF_BTE_PAPX: usize = 0x102;
const FC_CLX: usize = 0x1A2;

impl Fib {
    pub fn parse(word: &[u8]) -> Result<Fib, DocError> {
        let at16 = |at| u16_at(word, at).ok_or(DocError::Corrupt);
        let at32 = |at| u32_at(word, at).ok_or(DocError::Corrupt);
        let ident = at16(0)?;
        let nfib = at16(2)?;
        if ident != W_IDENT {
            return Err(DocError::Corrupt);
        }
        // Word 6.0 and 95 share the ident but not the layout; other values below Word 97's
        // are no Word file we know of.
        if (0x0065..=0x0069).contains(&nfib) {
            return Err(DocError::OldVersion(nfib));
        }
        if nfib < NFIB_WORD97 {
            return Err(DocError::Corrupt);
        }
        let flags = at16(FLAGS)?;
        // fEncrypted (bit 8); fObfuscated (bit 15) only ever comes with it.
        if flags & 0x0100 != 0 {
            return Err(DocError::Encrypted);
        }
        if at16(CSW)? != 14 || at16(CSLW)? != 22 || at16(CB_RG_FC_LCB)? < 34 {
            return Err(DocError::Corrupt);
        }
        Ok(Fib {
            table1: flags & 0x0200 != 0,
            ccp_text: at32(CCP_TEXT)?,
            fc_clx: at32(FC_CLX)?,
            lcb_clx: at32(FC_CLX + 4)?,
            fc_plcf_bte_papx: at32(FC_PLCF_BTE_PAPX)?,
            lcb_plcf_bte_papx: at32(FC_PLCF_BTE_PAPX + 4)?,
            fc_plcf_bte_chpx: at32(FC_PLCF_BTE_CHPX)?,
            lcb_plcf_bte_chpx: at32(FC_PLCF_BTE_CHPX + 4)?,
        })
    }

    pub fn table_stream(&self) -> &'static str {
        if self.table1 {
            "/1Table"
        } else {
            "/0Table"
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A minimal Word 97 FIB with the given flags, ccpText and Clx / PlcBtePapx locations.
    pub fn fib_bytes(flags: u16, ccp_text: u32, clx: (u32, u32), papx: (u32, u32)) -> Vec<u8> {
        let mut b = vec![0u8; 0x200];
        let put16 =
            |b: &mut Vec<u8>, at: usize, v: u16| b[at..at + 2].copy_from_slice(&v.to_le_bytes());
        let put32 =
            |b: &mut Vec<u8>, at: usize, v: u32| b[at..at + 4].copy_from_slice(&v.to_le_bytes());
        put16(&mut b, 0, W_IDENT);
        put16(&mut b, 2, NFIB_WORD97);
        put16(&mut b, FLAGS, flags);
        put16(&mut b, CSW, 14);
        put16(&mut b, CSLW, 22);
        put32(&mut b, CCP_TEXT, ccp_text);
        put16(&mut b, CB_RG_FC_LCB, 0x5D);
        put32(&mut b, FC_CLX, clx.0);
        put32(&mut b, FC_CLX + 4, clx.1);
        put32(&mut b, FC_PLCF_BTE_PAPX, papx.0);
        put32(&mut b, FC_PLCF_BTE_PAPX + 4, papx.1);
        b
    }

    #[test]
    fn reads_word97_fib() {
        let fib = Fib::parse(&fib_bytes(0x0200, 42, (10, 20), (30, 40))).unwrap();
        assert!(fib.table1);
        assert_eq!(fib.table_stream(), "/1Table");
        assert_eq!((fib.ccp_text, fib.fc_clx, fib.lcb_clx), (42, 10, 20));
        assert_eq!((fib.fc_plcf_bte_papx, fib.lcb_plcf_bte_papx), (30, 40));
    }

    #[test]
    fn refuses_encrypted_old_and_short() {
        let b = fib_bytes(0x0100, 1, (0, 0), (0, 0));
        assert_eq!(Fib::parse(&b), Err(DocError::Encrypted));
        let mut b = fib_bytes(0, 1, (0, 0), (0, 0));
        b[2..4].copy_from_slice(&0x0068u16.to_le_bytes());
        assert_eq!(Fib::parse(&b), Err(DocError::OldVersion(0x68)));
        assert!(DocError::OldVersion(0x68).message().contains("Word 6.0/95"));
        assert_eq!(Fib::parse(&b[..3]), Err(DocError::Corrupt));
        assert_eq!(Fib::parse(&[0; 0x200]), Err(DocError::Corrupt));
    }
}
