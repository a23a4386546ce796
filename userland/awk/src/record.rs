//! The current record and its fields. Fields are split lazily, only as
//! far as the highest one asked for, and kept as spans of the record's
//! bytes (no allocation per field) until one is assigned; then they are
//! materialized as values and `$0` is rebuilt with OFS when next read.

use super::format::{NumFormat, to_str_into};
use super::input::{Fs, SplitState, next_field};
use super::value::{Value, looks_numeric, str_to_num};

pub struct Record {
    /// The field separator in force when this record was read (a change
    /// of FS applies from the next record on).
    fs: Fs,
    /// `$0`, valid unless `dirty`.
    pub text: Vec<u8>,
    spans: Vec<(usize, usize)>,
    split: SplitState,
    /// Set once a field or NF is assigned.
    fields: Option<Vec<Value>>,
    /// `$0` must be rebuilt from `fields`.
    dirty: bool,
}

impl Default for Record {
    fn default() -> Record {
        Record {
            fs: Fs::Blank,
            text: Vec::new(),
            spans: Vec::new(),
            split: SplitState::default(),
            fields: None,
            dirty: false,
        }
    }
}

impl Record {
    /// A new `$0` (already in `text`): forget the fields.
    pub fn reset(&mut self, fs: &Fs) {
        if !matches!((&self.fs, fs), (Fs::Blank, Fs::Blank)) {
            self.fs = fs.clone();
        }
        self.spans.clear();
        self.split = SplitState::default();
        self.fields = None;
        self.dirty = false;
    }

    pub fn set(&mut self, bytes: &[u8], fs: &Fs) {
        self.text.clear();
        self.text.extend_from_slice(bytes);
        self.reset(fs);
    }

    fn split_to(&mut self, n: usize) {
        while self.spans.len() < n && !self.split.done {
            match next_field(&self.fs, &self.text, &mut self.split) {
                Some(span) => self.spans.push(span),
                None => break,
            }
        }
    }

    pub fn nf(&mut self) -> usize {
        match &self.fields {
            Some(f) => f.len(),
            None => {
                self.split_to(usize::MAX);
                self.spans.len()
            }
        }
    }

    /// `$k` for k >= 1.
    pub fn field(&mut self, k: usize) -> Value {
        if let Some(f) = &self.fields {
            // As in mawk, a field past NF is the empty string, not uninitialised.
            return f.get(k - 1).cloned().unwrap_or_else(|| Value::str(b""));
        }
        self.split_to(k);
        match self.spans.get(k - 1) {
            Some(&(s, e)) => Value::strnum(&self.text[s..e]),
            None => Value::str(b""),
        }
    }

    /// `$k` as a number, without building a value.
    pub fn field_num(&mut self, k: usize) -> f64 {
        if let Some(f) = &self.fields {
            return f.get(k - 1).map_or(0.0, Value::to_num);
        }
        self.split_to(k);
        match self.spans.get(k - 1) {
            Some(&(s, e)) => str_to_num(&self.text[s..e]),
            None => 0.0,
        }
    }

    /// Whether `$k` looks numeric (for comparisons), without a value.
    #[allow(dead_code)]
    pub fn field_looks_numeric(&mut self, k: usize) -> Option<f64> {
        self.split_to(k);
        let &(s, e) = self.spans.get(k - 1)?;
        looks_numeric(&self.text[s..e])
    }

    fn materialize(&mut self) -> &mut Vec<Value> {
        if self.fields.is_none() {
            self.split_to(usize::MAX);
            let text = &self.text;
            let v = self.spans.iter().map(|&(s, e)| Value::strnum(&text[s..e])).collect();
            self.fields = Some(v);
        }
        self.fields.get_or_insert_with(Vec::new)
    }

    /// Assign `$k` (k >= 1).
    pub fn set_field(&mut self, k: usize, v: Value) {
        let f = self.materialize();
        if f.len() < k {
            f.resize(k, Value::Uninit);
        }
        f[k - 1] = v;
        self.dirty = true;
    }

    pub fn set_nf(&mut self, n: usize) {
        let f = self.materialize();
        f.resize(n, Value::Uninit);
        self.dirty = true;
    }

    /// `$0`, rebuilt with OFS if fields changed.
    pub fn text(&mut self, ofs: &[u8], conv: &NumFormat) -> &[u8] {
        if self.dirty {
            self.dirty = false;
            let mut t = std::mem::take(&mut self.text);
            t.clear();
            if let Some(f) = &self.fields {
                for (i, v) in f.iter().enumerate() {
                    if i > 0 {
                        t.extend_from_slice(ofs);
                    }
                    to_str_into(v, conv, &mut t);
                }
            }
            self.text = t;
            // The spans no longer describe the text.
            self.spans.clear();
            self.split.done = true;
        }
        &self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lazy_fields_and_rebuild() {
        let conv = NumFormat::new(b"%.6g");
        let mut r = Record::default();
        r.set(b" a  b c ", &Fs::Blank);
        assert_eq!(r.field_num(9), 0.0);
        assert!(matches!(r.field(2), Value::StrNum(s) if &*s == b"b"));
        assert_eq!(r.nf(), 3);
        r.set_field(5, Value::Num(1.5));
        assert_eq!(r.text(b"-", &conv), b"a-b-c--1.5");
        r.set_nf(2);
        assert_eq!(r.text(b"-", &conv), b"a-b");
        assert_eq!(r.nf(), 2);
    }
}
