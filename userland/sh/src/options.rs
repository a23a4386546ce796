//! The shell's options: `set` (with their `set -o` names and letters) and
//! `shopt`. The tables here are what `set -o`, `shopt`, `$-` and
//! `test -o` read.

/// `set` options.
#[derive(Clone, Debug, Default)]
pub struct Opts {
    pub errexit: bool,
    pub errtrace: bool,
    pub functrace: bool,
    pub nounset: bool,
    pub xtrace: bool,
    pub noglob: bool,
    pub noclobber: bool,
    pub pipefail: bool,
    pub noexec: bool,
    pub verbose: bool,
    pub allexport: bool,
    pub interactive: bool,
    /// `set -o history`: lines read are added to the history list.
    pub history: bool,
    /// `set -H`: `!` history expansion of lines read.
    pub histexpand: bool,
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

/// The `set -o` options the shell always has on: with no way to turn
/// them off here, `set` shows them on and refuses to change them. The
/// other unmodelled ones are always off.
const FIXED_ON: &[&str] = &["braceexpand", "hashall", "interactive-comments"];

/// Why `set` could not change an option.
#[derive(Debug, PartialEq)]
pub enum Refused {
    Unknown,
    /// Known to bash, fixed here at the other value.
    Fixed,
}

impl Opts {
    fn slot(&mut self, name: &str) -> Option<&mut bool> {
        Some(match name {
            "allexport" => &mut self.allexport,
            "errexit" => &mut self.errexit,
            "errtrace" => &mut self.errtrace,
            "functrace" => &mut self.functrace,
            "histexpand" => &mut self.histexpand,
            "history" => &mut self.history,
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

    /// One `set -o` option's value; `None` if the name is unknown.
    pub fn by_name(&mut self, name: &str) -> Option<bool> {
        match self.slot(name) {
            Some(v) => Some(*v),
            None => SET_OPTIONS
                .iter()
                .any(|(x, _)| *x == name)
                .then(|| FIXED_ON.contains(&name)),
        }
    }

    /// Turn one `set -o` option on or off.
    pub fn change(&mut self, name: &str, on: bool) -> Result<(), Refused> {
        if let Some(slot) = self.slot(name) {
            *slot = on;
            return Ok(());
        }
        match self.by_name(name) {
            None => Err(Refused::Unknown),
            Some(v) if v == on => Ok(()),
            Some(_) => Err(Refused::Fixed),
        }
    }

    /// `$SHELLOPTS`: the options that are on, joined by colons.
    pub fn enabled(&mut self) -> String {
        SET_OPTIONS
            .iter()
            .filter(|(n, _)| self.by_name(n) == Some(true))
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(":")
    }

    /// The `set -o` name of a single-letter option.
    pub fn letter_name(c: char) -> Option<&'static str> {
        SET_OPTIONS.iter().find(|(_, l)| *l == Some(c)).map(|(n, _)| *n)
    }
}

/// `shopt` options the shell models.
#[derive(Clone, Debug)]
pub struct Shopts {
    pub globstar: bool,
    pub nullglob: bool,
    pub failglob: bool,
    pub dotglob: bool,
    pub nocaseglob: bool,
    pub nocasematch: bool,
    pub extglob: bool,
    pub expand_aliases: bool,
    pub lastpipe: bool,
    pub inherit_errexit: bool,
    pub xpg_echo: bool,
    pub globskipdots: bool,
    pub shift_verbose: bool,
    pub histappend: bool,
    pub promptvars: bool,
}

impl Default for Shopts {
    fn default() -> Shopts {
        Shopts {
            globstar: false,
            nullglob: false,
            failglob: false,
            dotglob: false,
            nocaseglob: false,
            nocasematch: false,
            extglob: false,
            expand_aliases: false,
            lastpipe: false,
            inherit_errexit: false,
            xpg_echo: false,
            globskipdots: true,
            shift_verbose: false,
            histappend: false,
            promptvars: true,
        }
    }
}

/// How `shopt` treats a name it knows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// The shell honours both settings.
    Modelled,
    /// The shell always behaves one way (bash's default, or what has no
    /// meaning here, such as history options without history): `shopt`
    /// shows that value and refuses to change it.
    Fixed(bool),
}

/// Every name bash 5.2's `shopt` knows, in its listing order.
pub const SHOPTS: &[(&str, Kind)] = &[
    ("autocd", Kind::Fixed(false)),
    ("assoc_expand_once", Kind::Fixed(false)),
    ("cdable_vars", Kind::Fixed(false)),
    ("cdspell", Kind::Fixed(false)),
    ("checkhash", Kind::Fixed(false)),
    ("checkjobs", Kind::Fixed(false)),
    ("checkwinsize", Kind::Fixed(true)),
    ("cmdhist", Kind::Fixed(true)),
    ("compat31", Kind::Fixed(false)),
    ("compat32", Kind::Fixed(false)),
    ("compat40", Kind::Fixed(false)),
    ("compat41", Kind::Fixed(false)),
    ("compat42", Kind::Fixed(false)),
    ("compat43", Kind::Fixed(false)),
    ("compat44", Kind::Fixed(false)),
    ("complete_fullquote", Kind::Fixed(true)),
    ("direxpand", Kind::Fixed(false)),
    ("dirspell", Kind::Fixed(false)),
    ("dotglob", Kind::Modelled),
    ("execfail", Kind::Fixed(false)),
    ("expand_aliases", Kind::Modelled),
    ("extdebug", Kind::Fixed(false)),
    ("extglob", Kind::Modelled),
    ("extquote", Kind::Fixed(true)),
    ("failglob", Kind::Modelled),
    ("force_fignore", Kind::Fixed(true)),
    ("globasciiranges", Kind::Fixed(true)),
    ("globskipdots", Kind::Modelled),
    ("globstar", Kind::Modelled),
    ("gnu_errfmt", Kind::Fixed(false)),
    ("histappend", Kind::Modelled),
    ("histreedit", Kind::Fixed(false)),
    ("histverify", Kind::Fixed(false)),
    ("hostcomplete", Kind::Fixed(true)),
    ("huponexit", Kind::Fixed(false)),
    ("inherit_errexit", Kind::Modelled),
    ("interactive_comments", Kind::Fixed(true)),
    ("lastpipe", Kind::Modelled),
    ("lithist", Kind::Fixed(false)),
    ("localvar_inherit", Kind::Fixed(false)),
    ("localvar_unset", Kind::Fixed(false)),
    ("login_shell", Kind::Fixed(false)),
    ("mailwarn", Kind::Fixed(false)),
    ("no_empty_cmd_completion", Kind::Fixed(false)),
    ("nocaseglob", Kind::Modelled),
    ("nocasematch", Kind::Modelled),
    ("noexpand_translation", Kind::Fixed(false)),
    ("nullglob", Kind::Modelled),
    ("patsub_replacement", Kind::Fixed(true)),
    ("progcomp", Kind::Fixed(true)),
    ("progcomp_alias", Kind::Fixed(false)),
    ("promptvars", Kind::Modelled),
    ("restricted_shell", Kind::Fixed(false)),
    ("shift_verbose", Kind::Modelled),
    ("sourcepath", Kind::Fixed(true)),
    ("varredir_close", Kind::Fixed(false)),
    ("xpg_echo", Kind::Modelled),
];

impl Shopts {
    /// The option called `name`, if it is one the shell models.
    pub fn slot(&mut self, name: &str) -> Option<&mut bool> {
        Some(match name {
            "dotglob" => &mut self.dotglob,
            "expand_aliases" => &mut self.expand_aliases,
            "extglob" => &mut self.extglob,
            "failglob" => &mut self.failglob,
            "globskipdots" => &mut self.globskipdots,
            "globstar" => &mut self.globstar,
            "histappend" => &mut self.histappend,
            "promptvars" => &mut self.promptvars,
            "inherit_errexit" => &mut self.inherit_errexit,
            "lastpipe" => &mut self.lastpipe,
            "nocaseglob" => &mut self.nocaseglob,
            "nocasematch" => &mut self.nocasematch,
            "nullglob" => &mut self.nullglob,
            "shift_verbose" => &mut self.shift_verbose,
            "xpg_echo" => &mut self.xpg_echo,
            _ => return None,
        })
    }

    /// An option's value: `None` if `shopt` does not know the name.
    pub fn value(&mut self, name: &str) -> Option<bool> {
        match SHOPTS.iter().find(|(n, _)| *n == name)?.1 {
            Kind::Fixed(v) => Some(v),
            Kind::Modelled => self.slot(name).map(|v| *v),
        }
    }

    /// `$BASHOPTS`: the options that are on, joined by colons.
    pub fn enabled(&mut self) -> String {
        let names: Vec<&str> = SHOPTS.iter().map(|(n, _)| *n).collect();
        names
            .into_iter()
            .filter(|n| self.value(n) == Some(true))
            .collect::<Vec<_>>()
            .join(":")
    }
}
