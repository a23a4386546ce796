//! `nl`: number lines of files, with GNU's logical pages (header, body
//! and footer sections started by delimiter lines).

use common::cli::{Cmd, Opt, Opts, flag, value};
use common::lines::Splitter;
use common::regex::{Options, Regex, Syntax};

const HELP: &str = "Usage: nl [OPTION]... [FILE]...
Write each FILE to standard output, with line numbers added.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -b, --body-numbering=STYLE      use STYLE for numbering body lines
  -d, --section-delimiter=CC      use CC for logical page delimiters
  -f, --footer-numbering=STYLE    use STYLE for numbering footer lines
  -h, --header-numbering=STYLE    use STYLE for numbering header lines
  -i, --line-increment=NUMBER     line number increment at each line
  -l, --join-blank-lines=NUMBER   group of NUMBER empty lines counted as one
  -n, --number-format=FORMAT      insert line numbers according to FORMAT
  -p, --no-renumber               do not reset line numbers for each section
  -s, --number-separator=STRING   add STRING after (possible) line number
  -v, --starting-line-number=NUMBER  first line number for each section
  -w, --number-width=NUMBER       use NUMBER columns for line numbers
      --help     display this help and exit
      --version  output version information and exit

Default options are: -bt -d'\\:' -fn -hn -i1 -l1 -n'rn' -s<TAB> -v1 -w6

CC are two delimiter characters used to construct logical page delimiters;
a missing second character implies ':'.

STYLE is one of:

  a      number all lines
  t      number only nonempty lines
  n      number no lines
  pBRE   number only lines that contain a match for the basic regular
         expression, BRE

FORMAT is one of:

  ln     left justified, no leading zeros
  rn     right justified, no leading zeros
  rz     right justified, leading zeros
";

const SPEC: &[Opt] = &[
    value("body-numbering", 'b'),
    value("section-delimiter", 'd'),
    value("footer-numbering", 'f'),
    value("header-numbering", 'h'),
    value("line-increment", 'i'),
    value("join-blank-lines", 'l'),
    value("number-format", 'n'),
    flag("no-renumber", 'p'),
    value("number-separator", 's'),
    value("starting-line-number", 'v'),
    value("number-width", 'w'),
];

enum Style {
    All,
    NonEmpty,
    None,
    Regex(Regex),
}

#[derive(Clone, Copy)]
enum Format {
    Left,
    Right,
    Zero,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Header,
    Body,
    Footer,
}

struct Nl {
    styles: [Style; 3],
    delim: Vec<u8>,
    increment: i64,
    blank_join: u64,
    format: Format,
    renumber: bool,
    sep: Vec<u8>,
    start: i64,
    width: usize,
    // State, carried across files.
    section: Section,
    line_no: i64,
    blank_lines: u64,
}

fn style(v: &str, what: &str) -> Result<Style, String> {
    Ok(match v {
        "a" => Style::All,
        "t" => Style::NonEmpty,
        "n" => Style::None,
        _ if v.starts_with('p') => {
            Style::Regex(Regex::new(&v.as_bytes()[1..], Options::new(Syntax::Basic)).map_err(|e| e.to_string())?)
        }
        _ => return Err(format!("invalid {what} numbering style: '{v}'")),
    })
}

fn number(v: &str, msg: &str) -> Result<i64, String> {
    v.parse::<i64>().map_err(|_| format!("{msg}: '{v}'"))
}

fn configure(opts: &Opts) -> Result<Nl, String> {
    let mut nl = Nl {
        styles: [Style::None, Style::NonEmpty, Style::None],
        delim: b"\\:".to_vec(),
        increment: 1,
        blank_join: 1,
        format: Format::Right,
        renumber: true,
        sep: b"\t".to_vec(),
        start: 1,
        width: 6,
        section: Section::Body,
        line_no: 1,
        blank_lines: 0,
    };
    for (name, v) in &opts.list {
        let v = v.as_deref().unwrap_or("");
        match *name {
            "header-numbering" => nl.styles[0] = style(v, "header")?,
            "body-numbering" => nl.styles[1] = style(v, "body")?,
            "footer-numbering" => nl.styles[2] = style(v, "footer")?,
            "section-delimiter" => {
                nl.delim = v.as_bytes().to_vec();
                if nl.delim.len() == 1 {
                    nl.delim.push(b':');
                }
            }
            "line-increment" => nl.increment = number(v, "invalid line number increment")?,
            "join-blank-lines" => {
                let n = number(v, "invalid line number of blank lines")?;
                if n < 1 {
                    return Err(format!(
                        "invalid line number of blank lines: '{v}': Numerical result out of range"
                    ));
                }
                nl.blank_join = n as u64;
            }
            "number-format" => {
                nl.format = match v {
                    "ln" => Format::Left,
                    "rn" => Format::Right,
                    "rz" => Format::Zero,
                    _ => return Err(format!("invalid line numbering format: '{v}'")),
                }
            }
            "no-renumber" => nl.renumber = false,
            "number-separator" => nl.sep = v.as_bytes().to_vec(),
            "starting-line-number" => nl.start = number(v, "invalid starting line number")?,
            "number-width" => {
                let w = number(v, "invalid line number field width")?;
                if !(1..=i64::from(i32::MAX)).contains(&w) {
                    return Err(format!(
                        "invalid line number field width: '{v}': Numerical result out of range"
                    ));
                }
                nl.width = w as usize;
            }
            _ => {}
        }
    }
    nl.line_no = nl.start;
    Ok(nl)
}

impl Nl {
    /// Which section a delimiter line starts, if it is one.
    fn section_line(&self, body: &[u8]) -> Option<Section> {
        let d = &self.delim;
        if d.is_empty() || body.len() < 2 || !body.starts_with(&d[..d.len().min(2)]) {
            return None;
        }
        let n = d.len();
        if body.len() == 3 * n && body.chunks(n).all(|c| c == d.as_slice()) {
            Some(Section::Header)
        } else if body.len() == 2 * n && body.chunks(n).all(|c| c == d.as_slice()) {
            Some(Section::Body)
        } else if body == d.as_slice() {
            Some(Section::Footer)
        } else {
            None
        }
    }

    fn number(&mut self, out: &mut Vec<u8>) {
        let w = self.width;
        let n = self.line_no;
        let text = match self.format {
            Format::Left => format!("{n:<w$}"),
            Format::Right => format!("{n:>w$}"),
            Format::Zero => format!("{n:0w$}"),
        };
        out.extend_from_slice(text.as_bytes());
        out.extend_from_slice(&self.sep);
        self.line_no = self.line_no.wrapping_add(self.increment);
    }

    fn blank(&self, out: &mut Vec<u8>) {
        out.extend(std::iter::repeat_n(b' ', self.width + self.sep.len()));
    }

    fn line(&mut self, rec: &[u8], out: &mut Vec<u8>) {
        let body = common::lines::body(rec, b'\n');
        if let Some(s) = self.section_line(body) {
            self.section = s;
            if self.renumber {
                self.line_no = self.start;
            }
            out.push(b'\n');
            return;
        }
        let idx = match self.section {
            Section::Header => 0,
            Section::Body => 1,
            Section::Footer => 2,
        };
        let numbered = match &self.styles[idx] {
            Style::All => {
                if self.blank_join > 1 {
                    if !body.is_empty() {
                        self.blank_lines = 0;
                        true
                    } else {
                        self.blank_lines += 1;
                        if self.blank_lines == self.blank_join {
                            self.blank_lines = 0;
                            true
                        } else {
                            false
                        }
                    }
                } else {
                    true
                }
            }
            Style::NonEmpty => !body.is_empty(),
            Style::None => false,
            Style::Regex(re) => re.is_match(body),
        };
        if numbered {
            self.number(out);
        } else {
            self.blank(out);
        }
        // A last line without its newline gets one, as GNU's reader adds it.
        out.extend_from_slice(body);
        out.push(b'\n');
    }
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let mut nl = match configure(&opts) {
        Ok(n) => n,
        Err(msg) if msg.contains("numbering style") || msg.contains("numbering format") => {
            return cmd.usage_error(msg, 1).await;
        }
        Err(msg) => {
            cmd.error(msg).await;
            return cmd.finish(1).await;
        }
    };
    let files = opts.files();
    let p = cmd.p.clone();
    let mut status = 0;
    for f in &files {
        let Some(mut input) = cmd.open_input(f).await else {
            status = 1;
            continue;
        };
        let mut splitter = Splitter::new(b'\n');
        let mut out = Vec::new();
        loop {
            match input.chunk(&p).await {
                Ok(Some(chunk)) => {
                    splitter.feed(&chunk, |rec| {
                        nl.line(rec, &mut out);
                        true
                    });
                    cmd.out.write(&out).await;
                    out.clear();
                }
                Ok(None) => break,
                Err(e) => {
                    cmd.error_at(f, &e).await;
                    status = 1;
                    break;
                }
            }
        }
        if let Some(rest) = splitter.take_rest() {
            nl.line(&rest, &mut out);
            cmd.out.write(&out).await;
        }
        input.close(&p).await;
    }
    cmd.finish(status).await
}
