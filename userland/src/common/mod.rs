//! Pieces shared by the shell's builtins and the `/bin` programs.

pub mod cli;
pub mod escape;
pub mod io;
pub mod lines;
pub mod printf;
pub mod regex;
pub mod size;
pub mod test;
pub mod time;
pub mod users;
