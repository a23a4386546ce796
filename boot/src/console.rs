//! The host terminal: the only code in ninebox that touches it.
//!
//! An interactive session puts the host terminal in raw mode (crossterm)
//! and connects it to ConsFS: key events become the bytes a terminal
//! would send (arrows as `ESC [ A`, Ctrl-C as 0x03, ...) and go into the
//! console's line discipline; what processes write to `/dev/cons/data`
//! appears on the terminal with `\n` turned into `\r\n`; resizes update
//! `/dev/cons/size`. [`RawMode`] restores the terminal on every way out:
//! its drop (normal exit, ^D), the panic hook, and SIGTERM/SIGHUP.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use fileservers::ConsFs;

/// Whether raw mode is on, so every exit path restores it exactly once.
static RAW: AtomicBool = AtomicBool::new(false);

/// Raw mode on the host terminal while this lives.
pub struct RawMode(());

impl RawMode {
    pub fn enter() -> std::io::Result<RawMode> {
        crossterm::terminal::enable_raw_mode()?;
        RAW.store(true, Ordering::SeqCst);
        Ok(RawMode(()))
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        restore();
    }
}

/// Put the terminal back as it was (idempotent; safe from any thread).
pub fn restore() {
    if RAW.swap(false, Ordering::SeqCst) {
        let _ = crossterm::terminal::disable_raw_mode();
    }
}

/// The terminal's size, or 80x24 when it cannot be read.
pub fn size() -> (u16, u16) {
    crossterm::terminal::size().unwrap_or((80, 24))
}

/// Read host key events on a thread of their own (crossterm's reads
/// block) and feed them to the console; the console hangs up when the
/// host's input ends.
pub fn spawn_input(console: Arc<ConsFs>) {
    std::thread::Builder::new()
        .name("ninebox-keyboard".into())
        .spawn(move || {
            loop {
                match crossterm::event::read() {
                    Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => {
                        let bytes = key_bytes(&k);
                        if !bytes.is_empty() {
                            console.input(&bytes);
                        }
                    }
                    Ok(Event::Paste(text)) => console.input(text.as_bytes()),
                    Ok(Event::Resize(cols, rows)) => console.resize(cols, rows),
                    Ok(_) => {}
                    Err(_) => {
                        console.hangup();
                        return;
                    }
                }
            }
        })
        .expect("spawn the keyboard thread");
}

/// The bytes a terminal sends for a key.
pub fn key_bytes(k: &KeyEvent) -> Vec<u8> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let alt = k.modifiers.contains(KeyModifiers::ALT);
    let csi = |s: &str| format!("\x1b[{s}").into_bytes();
    let mut out = match k.code {
        KeyCode::Char(c) if ctrl => match c.to_ascii_lowercase() {
            c @ 'a'..='z' => vec![c as u8 - b'a' + 1],
            '@' | ' ' | '2' => vec![0],
            '[' | '3' => vec![0x1b],
            '\\' | '4' => vec![0x1c],
            ']' | '5' => vec![0x1d],
            '^' | '6' => vec![0x1e],
            '_' | '/' | '7' => vec![0x1f],
            '?' | '8' => vec![0x7f],
            _ => c.to_string().into_bytes(),
        },
        KeyCode::Char(c) => c.to_string().into_bytes(),
        KeyCode::Enter => vec![b'\r'],
        KeyCode::Tab => vec![b'\t'],
        KeyCode::BackTab => csi("Z"),
        KeyCode::Backspace => vec![0x7f],
        KeyCode::Esc => vec![0x1b],
        KeyCode::Left if ctrl => csi("1;5D"),
        KeyCode::Right if ctrl => csi("1;5C"),
        KeyCode::Up => csi("A"),
        KeyCode::Down => csi("B"),
        KeyCode::Right => csi("C"),
        KeyCode::Left => csi("D"),
        KeyCode::Home => csi("H"),
        KeyCode::End => csi("F"),
        KeyCode::Delete => csi("3~"),
        KeyCode::Insert => csi("2~"),
        KeyCode::PageUp => csi("5~"),
        KeyCode::PageDown => csi("6~"),
        _ => Vec::new(),
    };
    if alt && !out.is_empty() && !matches!(k.code, KeyCode::Left | KeyCode::Right) {
        out.insert(0, 0x1b);
    }
    out
}

/// Turn console output into terminal output: in raw mode the terminal
/// needs `\r\n` where programs write `\n`.
pub fn crlf(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + data.len() / 16);
    for &b in data {
        if b == b'\n' {
            out.push(b'\r');
        }
        out.push(b);
    }
    out
}

/// Copy console output to the host's stdout until the task is dropped.
pub async fn pump_output(console: Arc<ConsFs>, translate: bool) {
    loop {
        let data = console.take_output().await;
        write_host(&data, translate);
    }
}

/// Write whatever output is left (at the end of a session).
pub fn flush_output(console: &ConsFs, translate: bool) {
    write_host(&console.try_take_output(), translate);
}

fn write_host(data: &[u8], translate: bool) {
    if data.is_empty() {
        return;
    }
    let bytes = if translate { crlf(data) } else { data.to_vec() };
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(&bytes);
    let _ = out.flush();
}

/// Restore the terminal and exit on SIGTERM or SIGHUP (the keyboard
/// cannot send SIGINT: raw mode delivers Ctrl-C as a byte).
pub async fn exit_on_signals() {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut hup)) = (signal(SignalKind::terminate()), signal(SignalKind::hangup())) else {
        return;
    };
    let code = tokio::select! {
        _ = term.recv() => 128 + 15,
        _ = hup.recv() => 128 + 1,
    };
    restore();
    std::process::exit(code);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, m: KeyModifiers) -> Vec<u8> {
        key_bytes(&KeyEvent::new(code, m))
    }

    #[test]
    fn keys_become_terminal_bytes() {
        assert_eq!(key(KeyCode::Char('c'), KeyModifiers::CONTROL), [3]);
        assert_eq!(key(KeyCode::Char('D'), KeyModifiers::CONTROL), [4]);
        assert_eq!(key(KeyCode::Char('é'), KeyModifiers::NONE), "é".as_bytes());
        assert_eq!(key(KeyCode::Up, KeyModifiers::NONE), b"\x1b[A");
        assert_eq!(key(KeyCode::Char('b'), KeyModifiers::ALT), b"\x1bb");
        assert_eq!(key(KeyCode::Enter, KeyModifiers::NONE), b"\r");
        assert_eq!(key(KeyCode::Backspace, KeyModifiers::NONE), [0x7f]);
        assert_eq!(crlf(b"a\nb"), b"a\r\nb");
    }
}
