//! File modes: GNU `chmod` mode strings (octal and symbolic, as gnulib's
//! `modechange.c` reads them) and the `-rwxr-xr-x` form `ls -l` and `stat`
//! print.

use kernel::NodeType;

pub const S_ISUID: u32 = 0o4000;
pub const S_ISGID: u32 = 0o2000;
pub const S_ISVTX: u32 = 0o1000;
const S_IRWXU: u32 = 0o700;
const S_IRWXG: u32 = 0o070;
const S_IRWXO: u32 = 0o007;
/// Every bit chmod can change.
pub const ALL_BITS: u32 = 0o7777;
const READ: u32 = 0o444;
const WRITE: u32 = 0o222;
const EXEC: u32 = 0o111;

/// How the value of one operation is computed.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Flag {
    /// The value as written (`rwxst`).
    Ordinary,
    /// `X`: execute only if the file is a directory or already has some.
    XIfAnyX,
    /// `u`, `g`, `o` on the right: a copy of those bits of the file.
    CopyExisting,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
struct Op {
    op: u8,
    flag: Flag,
    /// The bits the `who` letters select (0: none given, use the umask).
    affected: u32,
    value: u32,
    /// The bits the operation names explicitly (a directory keeps its
    /// set-id bits unless they are named).
    mentioned: u32,
}

/// A parsed mode: a list of operations applied in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModeChange {
    ops: Vec<Op>,
}

impl ModeChange {
    /// Parse `755`, `u+x`, `go-w,a+X`, `=`, `u=g`...; `None` if invalid.
    pub fn parse(s: &str) -> Option<ModeChange> {
        let b = s.as_bytes();
        if b.first().is_some_and(|c| (b'0'..b'8').contains(c)) {
            return parse_octal(b);
        }
        parse_symbolic(b)
    }

    /// `--reference`: set every bit to `mode`.
    pub fn exactly(mode: u32) -> ModeChange {
        ModeChange {
            ops: vec![Op {
                op: b'=',
                flag: Flag::Ordinary,
                affected: ALL_BITS,
                value: mode & ALL_BITS,
                mentioned: ALL_BITS,
            }],
        }
    }

    /// The new mode of a file whose mode is `old`; `umask` masks
    /// operations without `who` letters. Also answers the bits the change
    /// touched (what `mkdir -m` must set explicitly).
    pub fn apply(&self, old: u32, is_dir: bool, umask: u32) -> (u32, u32) {
        let mut mode = old & ALL_BITS;
        let mut touched = 0;
        for c in &self.ops {
            let omit = if is_dir { S_ISUID | S_ISGID } else { 0 } & !c.mentioned;
            let mut value = c.value;
            match c.flag {
                Flag::Ordinary => {}
                Flag::CopyExisting => {
                    value &= mode;
                    value |= if value & READ != 0 { READ } else { 0 }
                        | if value & WRITE != 0 { WRITE } else { 0 }
                        | if value & EXEC != 0 { EXEC } else { 0 };
                }
                Flag::XIfAnyX => {
                    if mode & EXEC != 0 || is_dir {
                        value |= EXEC;
                    }
                }
            }
            value &= if c.affected != 0 { c.affected } else { !umask } & !omit;
            match c.op {
                b'=' => {
                    let preserved = if c.affected != 0 { !c.affected } else { 0 } | omit;
                    touched |= ALL_BITS & !preserved;
                    mode = (mode & preserved) | value;
                }
                b'+' => {
                    touched |= value;
                    mode |= value;
                }
                _ => {
                    touched |= value;
                    mode &= !value;
                }
            }
        }
        (mode & ALL_BITS, touched)
    }
}

fn parse_octal(b: &[u8]) -> Option<ModeChange> {
    let mut n: u32 = 0;
    for &c in b {
        if !(b'0'..b'8').contains(&c) {
            return None;
        }
        n = n * 8 + u32::from(c - b'0');
        if n > ALL_BITS {
            return None;
        }
    }
    // Fewer than five digits leave a directory's set-id bits alone.
    let mentioned = if b.len() < 5 { n | 0o777 } else { ALL_BITS };
    Some(ModeChange {
        ops: vec![Op {
            op: b'=',
            flag: Flag::Ordinary,
            affected: ALL_BITS,
            value: n,
            mentioned,
        }],
    })
}

fn parse_symbolic(b: &[u8]) -> Option<ModeChange> {
    let mut ops = Vec::new();
    let mut i = 0;
    loop {
        let mut affected = 0;
        while let Some(&c) = b.get(i) {
            affected |= match c {
                b'u' => S_ISUID | S_IRWXU,
                b'g' => S_ISGID | S_IRWXG,
                b'o' => S_ISVTX | S_IRWXO,
                b'a' => ALL_BITS,
                _ => break,
            };
            i += 1;
        }
        // At least one operation per clause.
        if !matches!(b.get(i), Some(b'=' | b'+' | b'-')) {
            return None;
        }
        while let Some(&op) = b.get(i).filter(|c| matches!(c, b'=' | b'+' | b'-')) {
            i += 1;
            let (value, flag) = match b.get(i) {
                Some(b'u') => (S_IRWXU, Flag::CopyExisting),
                Some(b'g') => (S_IRWXG, Flag::CopyExisting),
                Some(b'o') => (S_IRWXO, Flag::CopyExisting),
                _ => {
                    let (v, f, n) = perm_letters(&b[i..]);
                    i += n;
                    (v, f)
                }
            };
            if flag == Flag::CopyExisting {
                i += 1;
            }
            ops.push(Op {
                op,
                flag,
                affected,
                value,
                mentioned: if affected != 0 { affected & value } else { value },
            });
        }
        match b.get(i) {
            None => return Some(ModeChange { ops }),
            Some(b',') if i + 1 < b.len() => i += 1,
            _ => return None,
        }
    }
}

/// `rwxXst` letters: the value, the flag, and how many letters were read.
fn perm_letters(b: &[u8]) -> (u32, Flag, usize) {
    let mut value = 0;
    let mut flag = Flag::Ordinary;
    let mut n = 0;
    for &c in b {
        match c {
            b'r' => value |= READ,
            b'w' => value |= WRITE,
            b'x' => value |= EXEC,
            b'X' => flag = Flag::XIfAnyX,
            b's' => value |= S_ISUID | S_ISGID,
            b't' => value |= S_ISVTX,
            _ => break,
        }
        n += 1;
    }
    (value, flag, n)
}

/// The file-type letter of `ls -l`: `-`, `d`, `c`.
pub fn type_letter(kind: NodeType) -> char {
    match kind {
        NodeType::File => '-',
        NodeType::Dir => 'd',
        NodeType::Device => 'c',
    }
}

/// `-rwxr-xr-x`: the type letter and nine permission letters, with `s`,
/// `S`, `t`, `T` for the set-id and sticky bits.
pub fn mode_string(kind: NodeType, mode: u32) -> String {
    let mut s = String::with_capacity(10);
    s.push(type_letter(kind));
    s.push_str(&perm_string(mode));
    s
}

/// The nine permission letters alone (`rwxr-xr-x`).
pub fn perm_string(mode: u32) -> String {
    let mut s = String::with_capacity(9);
    let triples = [(6, S_ISUID, 's'), (3, S_ISGID, 's'), (0, S_ISVTX, 't')];
    for (shift, special, letter) in triples {
        let bits = (mode >> shift) & 7;
        s.push(if bits & 4 != 0 { 'r' } else { '-' });
        s.push(if bits & 2 != 0 { 'w' } else { '-' });
        let x = bits & 1 != 0;
        s.push(match (mode & special != 0, x) {
            (true, true) => letter,
            (true, false) => letter.to_ascii_uppercase(),
            (false, true) => 'x',
            (false, false) => '-',
        });
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chmod(mode: &str, old: u32, dir: bool) -> Option<u32> {
        ModeChange::parse(mode).map(|c| c.apply(old, dir, 0o022).0)
    }

    #[test]
    fn invalid_modes() {
        for m in [
            "u+x,", ",u+x", "u+x,,g+w", "u", "755,u+x", "17777", "u+xg", "ug", "8", "",
        ] {
            assert_eq!(ModeChange::parse(m), None, "{m}");
        }
    }

    #[test]
    fn gnu_results() {
        // Each checked with GNU chmod 9.1, umask 022, starting from 0644.
        let cases = [
            ("+", 0o644),
            ("=", 0o000),
            ("u=g", 0o444),
            ("00755", 0o755),
            ("7777", 0o7777),
            ("u+", 0o644),
            ("go=u-w", 0o644),
            ("+X", 0o644),
            ("a-rwx", 0o000),
            ("u+s", 0o4644),
            ("g+s", 0o2644),
            ("+t", 0o1644),
            ("o+t", 0o1644),
            ("-w+r", 0o444),
            ("u=rw,g=r,o=", 0o640),
            ("=rx", 0o555),
            ("+rw", 0o644),
        ];
        for (m, want) in cases {
            assert_eq!(chmod(m, 0o644, false), Some(want), "{m}");
        }
        // The umask limits who-less changes.
        assert_eq!(chmod("-w", 0o666, false), Some(0o466));
        // X: directories, or files with some execute bit.
        assert_eq!(chmod("a+X", 0o644, true), Some(0o755));
        assert_eq!(chmod("a+X", 0o744, false), Some(0o755));
    }

    #[test]
    fn directories_keep_set_id_bits() {
        assert_eq!(chmod("755", 0o2755, true), Some(0o2755));
        assert_eq!(chmod("0755", 0o2755, true), Some(0o2755));
        assert_eq!(chmod("00755", 0o2755, true), Some(0o755));
        assert_eq!(chmod("g-s", 0o2755, true), Some(0o755));
        assert_eq!(chmod("755", 0o2755, false), Some(0o755));
    }

    #[test]
    fn strings() {
        assert_eq!(mode_string(NodeType::File, 0o644), "-rw-r--r--");
        assert_eq!(mode_string(NodeType::Dir, 0o1777), "drwxrwxrwt");
        assert_eq!(mode_string(NodeType::File, 0o4644), "-rwSr--r--");
        assert_eq!(mode_string(NodeType::File, 0o7777), "-rwsrwsrwt");
        assert_eq!(mode_string(NodeType::Device, 0o666), "crw-rw-rw-");
    }
}
