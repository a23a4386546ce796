//! `select var [in words]; do body; done`: bash's menu loop. The menu and
//! the `PS3` prompt go to standard error, laid out in columns as bash lays
//! them (`COLUMNS`, default 80, tab stops every 8); each line read from
//! standard input is `REPLY`, and a number in range picks the value.

use super::ast::{Compound, List};
use super::exec::loop_break;
use super::{Flow, Res, Shell};

/// The digits bash gives an index column.
fn number_len(n: usize) -> usize {
    n.max(1).to_string().len()
}

/// Pad from column `from` to column `to` as bash does: tabs while a tab
/// stop is not past `to`, then spaces.
fn indent(out: &mut String, mut from: usize, to: usize) {
    while from < to {
        if to / 8 > from / 8 {
            out.push('\t');
            from += 8 - from % 8;
        } else {
            out.push(' ');
            from += 1;
        }
    }
}

/// The menu: `N) item` in as many columns as fit, filled down first.
fn menu(items: &[String], columns: usize) -> String {
    let indices_len = number_len(items.len());
    let widest = items.iter().map(|w| w.chars().count()).max().unwrap_or(0);
    let max_elem_len = widest + indices_len + 2 + 2;
    let cols = (columns / max_elem_len).max(1);
    let len = items.len();
    let mut rows = len.div_ceil(cols);
    // What fits on one line goes one item per line instead.
    if rows == 1 {
        rows = len;
    }
    let first_len = number_len(rows);
    let mut out = String::new();
    for row in 0..rows {
        let mut ind = row;
        let mut pos = 0;
        loop {
            let width = if pos == 0 { first_len } else { indices_len };
            let item = &items[ind];
            out.push_str(&format!("{:>width$}) {item}", ind + 1));
            let elem_len = item.chars().count() + width + 2;
            ind += rows;
            if ind >= len {
                break;
            }
            indent(&mut out, pos + elem_len, pos + max_elem_len);
            pos += max_elem_len;
        }
        out.push('\n');
    }
    out
}

/// `read`'s handling of a line without `-r`: a backslash quotes the next
/// character, and one before the newline joins the next line.
fn unescape(line: &str) -> (String, bool) {
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('\n') | None => return (out, true),
                Some(n) => out.push(n),
            },
            '\n' => break,
            c => out.push(c),
        }
    }
    (out, false)
}

impl Shell {
    /// Run the loop over `items`; its status is the last body's, or 1 when
    /// input ends.
    pub(crate) async fn run_select(&mut self, c: &Compound, var: &str, items: &[String], body: &List) -> Res {
        if items.is_empty() {
            return Ok(0);
        }
        if self.opts.xtrace {
            let header = super::print::header(c);
            self.trace(&header).await;
        }
        self.nest.loops += 1;
        let mut show_menu = true;
        let result = loop {
            if let Err(f) = self.checkpoint().await {
                break Err(f);
            }
            let Some(choice) = self.select_query(items, show_menu).await else {
                break Ok(1);
            };
            if let Err(f) = self.announce_compound(c).await {
                break Err(f);
            }
            if let Err(msg) = self.set(var, &choice) {
                self.error(&msg).await;
                break Err(Flow::Abort(1));
            }
            match self.run_list(body).await {
                Ok(_) | Err(Flow::Continue(1)) => {}
                Err(Flow::Break(n)) => break loop_break(n, self.params.status),
                Err(Flow::Continue(n)) => break Err(Flow::Continue(n - 1)),
                Err(f) => break Err(f),
            }
            // bash shows the menu again only after an empty answer.
            show_menu = self.get("REPLY").is_some_and(|r| r.is_empty());
        };
        self.nest.loops -= 1;
        result
    }

    /// Show the menu (if asked) and the prompt, read an answer into
    /// `REPLY`: the item it picks, `""` for an answer that picks none, or
    /// `None` at the end of input. An empty answer shows the menu again.
    async fn select_query(&mut self, items: &[String], mut show_menu: bool) -> Option<String> {
        let columns = self
            .get("COLUMNS")
            .and_then(|c| c.trim().parse::<usize>().ok())
            .filter(|&c| c > 0)
            .unwrap_or(80);
        loop {
            let prompt = self.get("PS3").unwrap_or_else(|| "#? ".to_string());
            let text = if show_menu {
                format!("{}{prompt}", menu(items, columns))
            } else {
                prompt
            };
            self.write_fd(2, &text).await;
            let mut reply = String::new();
            loop {
                let Some(line) = self.read_line(0).await else {
                    self.write_fd(1, "\n").await;
                    return None;
                };
                let (part, more) = unescape(&line);
                reply.push_str(&part);
                if !more {
                    break;
                }
            }
            let _ = self.set("REPLY", &reply);
            if reply.is_empty() {
                show_menu = true;
                continue;
            }
            return Some(match reply.trim().parse::<usize>() {
                Ok(n) if (1..=items.len()).contains(&n) => items[n - 1].clone(),
                _ => String::new(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn menus_lay_out_as_bash_does() {
        let few: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        assert_eq!(menu(&few, 80), "1) a\n2) b\n3) c\n");
        let many: Vec<String> = (1..=30).map(|n| n.to_string()).collect();
        let m = menu(&many, 80);
        assert_eq!(m.lines().count(), 3);
        assert!(m.starts_with("1) 1\t 4) 4\t 7) 7"), "{m:?}");
    }

    #[test]
    fn answers_unescape_as_read_does() {
        assert_eq!(unescape("a\\ b\n"), ("a b".to_string(), false));
        assert_eq!(unescape("a\\\n"), ("a".to_string(), true));
    }
}
