//! The shell's options: `set` (with their `set -o` names and letters) and
//! `shopt`. The tables here are what `set -o`, `shopt`, `$-` and
//! `test -o` read.

/// `set` options.
#[derive(Clone, Debug, Default)]
pub struct Opts {
    pub errexit: bool,
    pub nounset: bool,
    pub xtrace: bool,
    pub noglob: bool,
    pub noclobber: bool,
    pub pipefail: bool,
    pub noexec: bool,
    pub verbose: bool,
    pub allexport: bool,
    pub interactive: bool,
}

/// Option names `set -o` knows, in listing order, with their letters.
pub const SET_OPTIONS: &[(&str, Option<char>)] = &[
    ("allexport", Some('a')),
    ("braceexpand", Some('B')),
    ("emacs", None),
    ("errexit", Some('e')),
    ("errtrace", Some('E')),
    ("functrace", Some('T')),
    ("hashall", Some('h')),
    ("histexpand", Some('H')),
    ("history", None),
    ("ignoreeof", None),
    ("interactive-comments", None),
    ("keyword", Some('k')),
    ("monitor", Some('m')),
    ("noclobber", Some('C')),
    ("noexec", Some('n')),
    ("noglob", Some('f')),
    ("nolog", None),
    ("notify", Some('b')),
    ("nounset", Some('u')),
    ("onecmd", Some('t')),
    ("physical", Some('P')),
    ("pipefail", None),
    ("posix", None),
    ("privileged", Some('p')),
    ("verbose", Some('v')),
    ("vi", None),
    ("xtrace", Some('x')),
];

impl Opts {
    fn slot(&mut self, name: &str) -> Option<&mut bool> {
        Some(match name {
            "allexport" => &mut self.allexport,
            "errexit" => &mut self.errexit,
            "noclobber" => &mut self.noclobber,
            "noexec" => &mut self.noexec,
            "noglob" => &mut self.noglob,
            "nounset" => &mut self.nounset,
            "pipefail" => &mut self.pipefail,
            "verbose" => &mut self.verbose,
            "xtrace" => &mut self.xtrace,
            _ => return None,
        })
    }

    /// Read or change one `set -o` option; `None` if the name is unknown.
    pub fn by_name(&mut self, name: &str, set: Option<bool>) -> Option<bool> {
        let Some(slot) = self.slot(name) else {
            if !SET_OPTIONS.iter().any(|(x, _)| *x == name) {
                return None;
            }
            // Accepted, not modelled: report the default.
            return Some(matches!(
                name,
                "braceexpand" | "hashall" | "interactive-comments" | "emacs" | "history"
            ));
        };
        if let Some(v) = set {
            *slot = v;
        }
        Some(*slot)
    }

    /// The `set -o` name of a single-letter option.
    pub fn letter_name(c: char) -> Option<&'static str> {
        SET_OPTIONS.iter().find(|(_, l)| *l == Some(c)).map(|(n, _)| *n)
    }
}

/// `shopt` options.
#[derive(Clone, Debug, Default)]
pub struct Shopts {
    pub globstar: bool,
    pub nullglob: bool,
    pub failglob: bool,
    pub dotglob: bool,
    pub nocaseglob: bool,
    pub expand_aliases: bool,
    pub lastpipe: bool,
}

/// The names `shopt` knows, in listing order.
pub const SHOPTS: &[&str] = &[
    "autocd",
    "cdspell",
    "dotglob",
    "expand_aliases",
    "extglob",
    "failglob",
    "globstar",
    "lastpipe",
    "nocaseglob",
    "nocasematch",
    "nullglob",
];

impl Shopts {
    /// The option called `name`, if it is one the shell models.
    pub fn slot(&mut self, name: &str) -> Option<&mut bool> {
        Some(match name {
            "dotglob" => &mut self.dotglob,
            "expand_aliases" => &mut self.expand_aliases,
            "failglob" => &mut self.failglob,
            "globstar" => &mut self.globstar,
            "lastpipe" => &mut self.lastpipe,
            "nocaseglob" => &mut self.nocaseglob,
            "nullglob" => &mut self.nullglob,
            _ => return None,
        })
    }
}
