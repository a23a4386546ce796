//! The shell's children that outlive a command: background jobs and
//! process substitutions.

use kernel::Pid;

/// A background job.
#[derive(Clone, Debug)]
pub struct Job {
    pub id: usize,
    pub pids: Vec<Pid>,
    pub text: String,
    /// Each pid's status once it has ended.
    pub done: Vec<Option<i32>>,
}

impl Job {
    pub fn finished(&self) -> bool {
        self.done.iter().all(Option::is_some)
    }

    /// The job's status: its last process's.
    pub fn status(&self) -> Option<i32> {
        *self.done.last()?
    }
}

/// The job table and the process substitutions still running.
#[derive(Clone, Debug, Default)]
pub struct Jobs {
    pub table: Vec<Job>,
    /// Process substitutions of the commands running now: the shell's end
    /// of each pipe (closed when the command that named it is done) and
    /// the child, reaped once it has ended.
    pub procsubs: Vec<(kernel::Fd, Pid)>,
    /// Process substitution children that outlived their command.
    pub procsub_zombies: Vec<Pid>,
    /// The statuses of background processes that ended and left the
    /// table, oldest first, so `wait PID` still answers them (bash's
    /// bgpids list, which also keeps a status after it is waited for).
    pub saved: Vec<(Pid, i32)>,
}

/// How many ended background statuses are kept (bash keeps up to the
/// child process limit); the oldest go first.
const SAVED_STATUSES: usize = 4096;

impl Jobs {
    /// Note that `pid` ended with `code`.
    pub fn record(&mut self, pid: Pid, code: i32) {
        for j in &mut self.table {
            if let Some(i) = j.pids.iter().position(|&p| p == pid) {
                j.done[i] = Some(code);
            }
        }
    }

    /// A known child's state: `Some(None)` running, `Some(Some(code))`
    /// ended, `None` not one of the jobs.
    pub fn state(&self, pid: Pid) -> Option<Option<i32>> {
        self.table
            .iter()
            .find_map(|j| j.pids.iter().position(|&p| p == pid).map(|i| j.done[i]))
            .or_else(|| self.saved.iter().rev().find(|s| s.0 == pid).map(|s| Some(s.1)))
    }

    /// Take the jobs that have ended out of the table, keeping their
    /// statuses for `wait`; answers them.
    pub fn retire_finished(&mut self) -> Vec<Job> {
        let (done, running): (Vec<Job>, Vec<Job>) =
            std::mem::take(&mut self.table).into_iter().partition(Job::finished);
        self.table = running;
        for j in &done {
            self.save(j);
        }
        done
    }

    /// Take job number `i` out of the table, keeping its statuses.
    pub fn retire(&mut self, i: usize) -> Job {
        let j = self.table.remove(i);
        self.save(&j);
        j
    }

    fn save(&mut self, j: &Job) {
        for (&pid, code) in j.pids.iter().zip(&j.done) {
            self.saved.retain(|s| s.0 != pid);
            self.saved.push((pid, code.unwrap_or(0)));
        }
        let excess = self.saved.len().saturating_sub(SAVED_STATUSES);
        self.saved.drain(..excess);
    }

    /// The job a `%spec` names (`%%`, `%+`, `%-`, `%N`, `%prefix`).
    pub fn find(&self, spec: &str) -> Option<&Job> {
        match spec {
            "" | "%" | "+" => self.table.last(),
            "-" => self.table.iter().rev().nth(1),
            n => match n.parse::<usize>() {
                Ok(id) => self.table.iter().find(|x| x.id == id),
                Err(_) => self.table.iter().find(|x| x.text.starts_with(n)),
            },
        }
    }

    /// The number the next job gets.
    pub fn next_id(&self) -> usize {
        self.table.iter().map(|j| j.id).max().unwrap_or(0) + 1
    }
}
