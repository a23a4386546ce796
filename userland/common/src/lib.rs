//! Pieces shared by the shell's builtins and the `/bin` programs.

pub mod argmatch;
pub mod bytes;
pub mod cli;
pub mod escape;
pub mod files;
pub mod files0;
pub mod gz;
pub mod io;
pub mod lines;
pub mod locale;
pub mod mode;
pub mod multi;
pub mod nsfile;
pub mod pattern;
pub mod printf;
pub mod quote;
pub mod quotearg;
pub mod regex;
pub mod size;
pub mod spawn;
pub mod test;
pub mod time;
pub mod users;
pub mod walk;
