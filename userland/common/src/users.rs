//! Users and groups, read from `/etc/passwd` and `/etc/group` in the
//! caller's namespace (so a namespace can give a process other users, as
//! on Plan 9 a namespace decides what a process sees).

use kernel::Proc;

/// The user and group tables, loaded once per command.
#[derive(Clone, Debug, Default)]
pub struct Users {
    /// (name, uid, gid, home, shell)
    users: Vec<(String, u32, u32, String, String)>,
    /// (name, gid, members)
    groups: Vec<(String, u32, Vec<String>)>,
}

impl Users {
    /// Read both files; a missing or unreadable file is an empty table.
    pub async fn load(p: &Proc) -> Users {
        let mut u = Users::default();
        if let Ok(data) = p.read_file("/etc/passwd").await {
            for line in String::from_utf8_lossy(&data).lines() {
                let f: Vec<&str> = line.split(':').collect();
                if f.len() >= 7
                    && let (Ok(uid), Ok(gid)) = (f[2].parse(), f[3].parse())
                {
                    u.users
                        .push((f[0].to_string(), uid, gid, f[5].to_string(), f[6].to_string()));
                }
            }
        }
        if let Ok(data) = p.read_file("/etc/group").await {
            for line in String::from_utf8_lossy(&data).lines() {
                let f: Vec<&str> = line.split(':').collect();
                if f.len() >= 4
                    && let Ok(gid) = f[2].parse()
                {
                    let members = f[3].split(',').filter(|m| !m.is_empty()).map(str::to_string).collect();
                    u.groups.push((f[0].to_string(), gid, members));
                }
            }
        }
        u
    }

    pub fn user_name(&self, uid: u32) -> Option<&str> {
        self.users.iter().find(|u| u.1 == uid).map(|u| u.0.as_str())
    }

    pub fn group_name(&self, gid: u32) -> Option<&str> {
        self.groups.iter().find(|g| g.1 == gid).map(|g| g.0.as_str())
    }

    /// The name, or the number when there is no name (as `ls -l` shows it).
    pub fn user_or_id(&self, uid: u32) -> String {
        self.user_name(uid).map_or_else(|| uid.to_string(), str::to_string)
    }

    pub fn group_or_id(&self, gid: u32) -> String {
        self.group_name(gid).map_or_else(|| gid.to_string(), str::to_string)
    }

    /// A user by name: (uid, primary gid).
    pub fn uid_of(&self, name: &str) -> Option<(u32, u32)> {
        self.users.iter().find(|u| u.0 == name).map(|u| (u.1, u.2))
    }

    pub fn gid_of(&self, name: &str) -> Option<u32> {
        self.groups.iter().find(|g| g.0 == name).map(|g| g.1)
    }

    /// The groups `name` (with primary group `gid`) belongs to, primary first.
    pub fn groups_of(&self, name: &str, gid: u32) -> Vec<u32> {
        let mut v = vec![gid];
        for g in &self.groups {
            if g.1 != gid && g.2.iter().any(|m| m == name) {
                v.push(g.1);
            }
        }
        v
    }

    /// A user's home directory and shell.
    pub fn home_and_shell(&self, uid: u32) -> Option<(&str, &str)> {
        self.users
            .iter()
            .find(|u| u.1 == uid)
            .map(|u| (u.3.as_str(), u.4.as_str()))
    }

    /// Resolve a user given by name or number (`chown 1000`, `chown user`).
    pub fn parse_user(&self, s: &str) -> Option<u32> {
        self.uid_of(s).map(|u| u.0).or_else(|| s.parse().ok())
    }

    pub fn parse_group(&self, s: &str) -> Option<u32> {
        self.gid_of(s).or_else(|| s.parse().ok())
    }
}
