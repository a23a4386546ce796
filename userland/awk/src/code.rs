//! The bytecode: a stack machine's instructions, and the compiled program.

use super::ast::{BinOp, Builtin, CmpOp, Redirect};

/// An array operand: a global array's arena slot, or a function's array
/// local (by its index among the frame's arrays).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arr {
    G(u32),
    L(u32),
}

/// Where an assignment goes. `Elem` and `Field` take their key / field
/// number from the stack (pushed before the value).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lv {
    G(u32),
    L(u32),
    Elem(Arr),
    Field,
    /// `$k` with a constant k.
    FieldConst(u32),
}

/// A regex operand: a compiled constant, or a value on the stack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Re {
    Const(u32),
    Dyn,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GetSrc {
    Main,
    File,
    Cmd,
}

/// In [`Op::Split`]'s mode: the separators are wanted too.
pub const SPLIT_SEPS: u8 = 4;
/// In [`Op::Split`]'s mode: `patsplit` (the pattern says what fields
/// are; no pattern: FPAT).
pub const SPLIT_PAT: u8 = 8;

#[derive(Clone, Copy, Debug)]
pub enum Op {
    Num(f64),
    Str(u32),
    Pop,
    LoadG(u32),
    LoadL(u32),
    LoadNF,
    /// `$k`, k constant.
    Field(u32),
    /// `$k` in a numeric context: parsed without making a string.
    FieldNum(u32),
    /// `$e`: the field number on the stack.
    FieldDyn,
    Elem(Arr),
    /// Pop a value, store it; push it back when `keep`.
    Store(Lv, bool),
    /// `lv op= value`.
    Aug(Lv, BinOp, bool),
    /// `++lv` (pre) or `lv++`, by delta; push the result when `keep`.
    Incr(Lv, f64, bool, bool),
    /// Join n subscripts with SUBSEP.
    Subsep(u32),
    Concat(u32),
    Bin(BinOp),
    Neg,
    ToNum,
    Not,
    Cmp(CmpOp),
    /// `lhs ~ re` (negated when true).
    Match(Re, bool),
    /// `/re/` alone: match the record.
    MatchRecord(u32),
    In(Arr),
    Jmp(u32),
    /// A loop's backward jump (lets the system act now and then).
    Loop(u32),
    JmpF(u32),
    JmpT(u32),
    /// Push an array argument for the next call.
    ArrArg(Arr),
    /// Call function f with n scalar values on the stack.
    Call(u32, u32),
    Return(bool),
    Builtin(Builtin, u32),
    /// `split(s, arr [, fs [, seps]])`: 0 = FS, 1 = fs from the stack, 2 =
    /// regex; with [`SPLIT_SEPS`] set, an array argument for the
    /// separators was pushed.
    Split(Arr, u8, u32),
    /// `sub`/`gsub`: regex, global, target.
    Sub(Re, bool, Lv),
    /// `match(s, re)`
    /// `match(s, re [, arr])`: with an array argument pushed when set.
    MatchFn(Re, bool),
    /// `gensub(re, repl, how, target)`: the target is on the stack ($0
    /// pushed when not given).
    Gensub(Re),
    /// `asort` (false) / `asorti` (true) with a destination array, with
    /// a "how" value on the stack; the arrays were pushed as arguments.
    Sort(bool, bool, bool),
    /// `length(arr)`
    LengthArr(Arr),
    Getline(GetSrc, Option<Lv>),
    Print(u32, Option<Redirect>),
    Printf(u32, Option<Redirect>),
    Next,
    Nextfile,
    Exit(bool),
    Delete(Arr),
    DeleteAll(Arr),
    ForInStart(Arr),
    /// Assign the next key to the variable or jump when done.
    ForInNext(Lv, u32),
    ForInPop,
    /// Range pattern i: jump when it is active.
    RangeActive(u32, u32),
    RangeSet(u32, bool),
    Halt,
}

/// What a function needs at a call.
#[derive(Clone, Debug)]
pub struct FuncInfo {
    pub entry: usize,
    /// Per parameter: (is array, index among the frame's scalars/arrays).
    pub params: Vec<(bool, u32)>,
    pub scalars: u32,
}

#[derive(Default)]
pub struct Code {
    pub ops: Vec<Op>,
    pub strs: Vec<super::value::Str>,
    pub regexes: Vec<std::sync::Arc<common::regex::Regex>>,
    /// Each constant regex's text (for IGNORECASE's case-blind version).
    pub regex_src: Vec<Vec<u8>>,
    /// Function names by index (PROCINFO["sorted_in"] and asort name
    /// comparison functions).
    pub func_names: Vec<String>,
    pub funcs: Vec<FuncInfo>,
    pub begin: usize,
    pub main: usize,
    pub end: usize,
    pub beginfile: Option<usize>,
    pub endfile: Option<usize>,
    /// Where code comes from: (first op, position in the program text),
    /// in op order; an op belongs to the last entry at or before it.
    pub lines: Vec<(u32, u32)>,
    /// What compiling found to warn about.
    pub warnings: Vec<super::source::Diag>,
    /// Whether there are main rules or END blocks (else input is not read).
    pub reads_input: bool,
    pub has_begin: bool,
    pub ranges: usize,
    /// Global slot -> arena index, for arrays.
    pub global_arrays: Vec<Option<u32>>,
    pub n_arrays: usize,
    pub n_globals: usize,
    /// Names of the globals, for `-v` and command-line assignments.
    pub global_names: Vec<String>,
}
