//! What the service servers (QueueFS, KVFS) share: the `.capabilities`
//! file, per-open reply text, open checks and timestamps.

use kernel::Result;
use kernel::proto::{OpenFlags, Stat};

/// What a file of a kind does, as `.capabilities` lists it.
#[derive(Copy, Clone, Default)]
pub struct Caps {
    /// A read consumes what it answers.
    pub read_destructive: bool,
    /// A read may wait for something to happen.
    pub blocking: bool,
    /// Writes add; nothing written can be read back or overwritten.
    pub append_only: bool,
    /// Every reader gets every event.
    pub broadcast: bool,
}

/// The `.capabilities` text: a JSON object from file kind to its
/// capabilities.
pub fn caps_json(kinds: &[(&str, Caps)]) -> String {
    // Written by hand to keep the kinds in layout order and each one's
    // fields in the order the README names them.
    let lines: Vec<String> = kinds
        .iter()
        .map(|(name, c)| {
            format!(
                "  {}: {{\"read-destructive\": {}, \"blocking\": {}, \"append-only\": {}, \"broadcast\": {}}}",
                serde_json::Value::from(*name),
                c.read_destructive,
                c.blocking,
                c.append_only,
                c.broadcast
            )
        })
        .collect();
    format!("{{\n{}\n}}\n", lines.join(",\n"))
}

/// Text one open answers: a reply to its last write, or a rendered file.
#[derive(Default)]
pub struct Reply {
    text: Option<Vec<u8>>,
    pos: usize,
}

impl Reply {
    pub fn set(&mut self, text: Vec<u8>) {
        self.text = Some(text);
        self.pos = 0;
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_none()
    }

    /// The next `count` bytes of the reply (a stream: the open's own
    /// position), or `None` if nothing was written yet.
    pub fn read(&mut self, count: usize) -> Option<Vec<u8>> {
        let text = self.text.as_ref()?;
        let out = kernel::dev::readstr(text, self.pos as u64, count);
        self.pos += out.len();
        Some(out)
    }

    /// Give back the last `data` read (its answer never reached the
    /// reader): the next read answers it again. True if it was the last
    /// thing read.
    pub fn unread(&mut self, data: &[u8]) -> bool {
        let Some(text) = &self.text else { return false };
        let Some(start) = self.pos.checked_sub(data.len()) else {
            return false;
        };
        if text.get(start..self.pos) != Some(data) {
            return false;
        }
        self.pos = start;
        true
    }

    /// The text at `offset` (a file).
    pub fn at(&self, offset: u64, count: usize) -> Vec<u8> {
        kernel::dev::readstr(self.text.as_deref().unwrap_or_default(), offset, count)
    }
}

/// The checks of an open every synthetic file makes.
pub fn check_flags(st: &Stat, flags: OpenFlags) -> Result<()> {
    kernel::dev::check_open(st, flags)
}

/// RFC 3339 in UTC, to the millisecond.
pub fn iso_ms(ms: u64) -> String {
    jiff::Timestamp::from_millisecond(ms as i64)
        .map(|t| t.to_string())
        .unwrap_or_default()
}
