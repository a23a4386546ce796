//! A depth-first walk of a file tree for the file commands (`cp -r`,
//! `rm -r`, `chmod -R`, `du`, `tree`...), without recursion: a stack of
//! open directories, each holding the names still to visit.
//!
//! Every directory is reported twice, before its entries ([`Visit::Pre`])
//! and after them ([`Visit::Post`]); other files once ([`Visit::Leaf`]).
//! Entries come in byte order of their names. A walker may be told to skip
//! the entries of the directory it just reported ([`Walk::skip`]).
//!
//! A namespace can make a directory appear inside itself (`bind / /n/x`):
//! a directory that is one of its own ancestors is reported as an
//! `ELOOP` error and not entered, so a walk always ends.

use kernel::{Errno, Error, Proc, Stat};

use super::files::{MountTable, same_file};

/// A name met on the walk.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The name to use for it: the root as given, then `root/child/...`.
    pub path: String,
    pub stat: Stat,
    /// 0 for the root.
    pub depth: usize,
}

#[derive(Debug)]
pub enum Visit {
    /// A directory, before its entries.
    Pre(Entry),
    /// A directory, after its entries (also after a listing error).
    Post(Entry),
    /// Anything that is not a directory.
    Leaf(Entry),
    /// A name that could not be examined: its stat failed, or (for a
    /// directory, just before its `Post`) its listing did.
    Error {
        path: String,
        depth: usize,
        error: Error,
        /// True if the listing failed (the name itself was stat'ed).
        listing: bool,
    },
}

struct Frame {
    entry: Entry,
    /// The device it lives on (see [`MountTable::device_of`]).
    device: String,
    /// Names not yet visited, last first (popped from the end).
    names: Vec<String>,
}

/// An ongoing walk.
pub struct Walk {
    root: Option<String>,
    stack: Vec<Frame>,
    /// The directory last reported by `Pre`, whose listing has not been
    /// read yet, and its device.
    opened: Option<(Entry, String)>,
    /// Read when the first directory is met.
    mounts: Option<MountTable>,
}

impl Walk {
    pub fn new(root: &str) -> Walk {
        Walk {
            root: Some(root.to_string()),
            stack: Vec::new(),
            opened: None,
            mounts: None,
        }
    }

    /// Do not visit the entries of the directory `Pre` just reported (its
    /// `Post` still comes).
    pub fn skip(&mut self) {
        if let Some((entry, device)) = self.opened.take() {
            self.stack.push(Frame {
                entry,
                device,
                names: Vec::new(),
            });
        }
    }

    /// The next step, or `None` when the walk is over.
    pub async fn next(&mut self, p: &Proc) -> Option<Visit> {
        if let Some((e, device)) = self.opened.take() {
            match p.readdir(&e.path).await {
                Ok(entries) => {
                    let mut names: Vec<String> = entries.into_iter().map(|d| d.name).collect();
                    // A union may list a name twice; the first one wins.
                    names.sort_unstable();
                    names.dedup();
                    names.reverse();
                    self.stack.push(Frame {
                        entry: e,
                        device,
                        names,
                    });
                }
                Err(error) => {
                    let path = e.path.clone();
                    let depth = e.depth;
                    self.stack.push(Frame {
                        entry: e,
                        device,
                        names: Vec::new(),
                    });
                    return Some(Visit::Error {
                        path,
                        depth,
                        error,
                        listing: true,
                    });
                }
            }
        }
        if let Some(root) = self.root.take() {
            return Some(self.visit(p, root, 0).await);
        }
        let frame = self.stack.last_mut()?;
        match frame.names.pop() {
            Some(name) => {
                let path = join(&frame.entry.path, &name);
                let depth = frame.entry.depth + 1;
                Some(self.visit(p, path, depth).await)
            }
            None => {
                let frame = self.stack.pop()?;
                Some(Visit::Post(frame.entry))
            }
        }
    }

    async fn visit(&mut self, p: &Proc, path: String, depth: usize) -> Visit {
        if let Err(e) = p.checkpoint().await {
            return Visit::Error {
                path,
                depth,
                error: e,
                listing: false,
            };
        }
        // The root is an operand: `f/` names no directory.
        let stat = if depth == 0 {
            super::files::stat(p, &path).await
        } else {
            p.stat(&path).await
        };
        match stat {
            Ok(stat) if stat.is_dir() => {
                let device = self.device(p, &path);
                let looped = self
                    .stack
                    .iter()
                    .any(|f| f.device == device && same_file(&f.entry.stat, &stat));
                if looped {
                    return Visit::Error {
                        path,
                        depth,
                        error: Errno::ELOOP.into(),
                        listing: false,
                    };
                }
                let e = Entry { path, stat, depth };
                self.opened = Some((e.clone(), device));
                Visit::Pre(e)
            }
            Ok(stat) => Visit::Leaf(Entry { path, stat, depth }),
            Err(error) => Visit::Error {
                path,
                depth,
                error,
                listing: false,
            },
        }
    }

    fn device(&mut self, p: &Proc, path: &str) -> String {
        let table = self.mounts.get_or_insert_with(|| MountTable::load(p));
        match p.abs(path) {
            Ok(abs) => table.device_of(&abs),
            Err(_) => String::new(),
        }
    }
}

/// `dir/name`, without doubling a slash the directory already ends with.
pub fn join(dir: &str, name: &str) -> String {
    if dir.ends_with('/') {
        format!("{dir}{name}")
    } else {
        format!("{dir}/{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn joins() {
        assert_eq!(join("d", "f"), "d/f");
        assert_eq!(join("d/", "f"), "d/f");
        assert_eq!(join("/", "f"), "/f");
    }
}
