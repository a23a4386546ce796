//! Namespace files (Plan 9's namespace(6)): lines that build a namespace.
//!
//! ```text
//! # a comment
//! bind [-abcC] new old
//! mount [-abcC] /srv/NAME old [spec]
//! unmount [new] old
//! cd dir
//! clear                 start again from a namespace holding only the root
//! . file                apply another namespace file
//! ```
//!
//! Words may be quoted rc-style (`'#d'`, `'it''s'`), and `$name` is replaced
//! by the environment variable (the name ends at a blank, `/` or `$`).
//! `/proc/N/ns` prints exactly this language, so a namespace read there
//! replays to the same namespace.

use kernel::{MountFlags, MountOrder, Proc, Rfork, Share};

/// How deep `.` may nest before it is taken for a loop.
const MAX_INCLUDE: usize = 16;

/// Apply the namespace file `name` to the caller's namespace. Errors name
/// the file and line.
pub async fn apply_file(p: &Proc, name: &str) -> Result<(), String> {
    apply_file_at(p, name, 0).await
}

fn apply_file_at<'a>(
    p: &'a Proc,
    name: &'a str,
    depth: usize,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), String>> + Send + 'a>> {
    Box::pin(async move {
        if depth > MAX_INCLUDE {
            return Err(format!("{name}: namespace files nest too deeply"));
        }
        let data = p
            .read_file(name)
            .await
            .map_err(|e| format!("{name}: {}", e.strerror()))?;
        let text = String::from_utf8_lossy(&data);
        for (i, line) in text.lines().enumerate() {
            apply_line(p, line, depth)
                .await
                .map_err(|e| format!("{name}:{}: {e}", i + 1))?;
        }
        Ok(())
    })
}

/// Apply one line.
pub async fn apply_line(p: &Proc, line: &str, depth: usize) -> Result<(), String> {
    let words = split(line, &|k| p.getenv(k))?;
    let Some((cmd, args)) = words.split_first() else {
        return Ok(());
    };
    let (flags, args) = parse_flags(args)?;
    let os = |e: kernel::Error| e.to_string();
    match (cmd.as_str(), args) {
        ("bind", [new, old]) => p.bind(new, old, flags).await.map_err(os),
        ("mount", [srv, old]) => p.mount_srv(srv, old, flags, "").await.map_err(os),
        ("mount", [srv, old, spec]) => p.mount_srv(srv, old, flags, spec).await.map_err(os),
        ("unmount", [old]) => p.unmount(None, old).await.map_err(os),
        ("unmount", [new, old]) => p.unmount(Some(new), old).await.map_err(os),
        ("cd", [dir]) => p.chdir(dir).await.map_err(os),
        ("clear", []) => {
            p.rfork(Rfork {
                ns: Share::Clean,
                ..Rfork::SHARE
            });
            Ok(())
        }
        (".", [file]) => apply_file_at(p, file, depth + 1).await,
        ("bind" | "mount" | "unmount" | "cd" | "clear" | ".", _) => Err(format!("{cmd}: wrong number of arguments")),
        _ => Err(format!("unknown command '{cmd}'")),
    }
}

/// `-abcC` at the front of the arguments.
fn parse_flags(args: &[String]) -> Result<(MountFlags, &[String]), String> {
    let mut flags = MountFlags::REPLACE;
    let mut rest = args;
    while let Some((first, tail)) = rest.split_first() {
        let Some(letters) = first.strip_prefix('-').filter(|l| !l.is_empty()) else {
            break;
        };
        for c in letters.chars() {
            match c {
                'a' => flags.order = MountOrder::After,
                'b' => flags.order = MountOrder::Before,
                'c' => flags.create = true,
                'C' => flags.cache = true,
                _ => return Err(format!("bad flag -{c}")),
            }
        }
        rest = tail;
    }
    Ok((flags, rest))
}

/// Split a line into words: blanks separate, `'...'` quotes (with `''`
/// for a quote), a `#` at the start of a word begins a comment, `$name`
/// expands.
pub fn split(line: &str, env: &dyn Fn(&str) -> Option<String>) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let cs: Vec<char> = line.chars().collect();
    let mut i = 0;
    loop {
        while i < cs.len() && cs[i].is_whitespace() {
            i += 1;
        }
        if i >= cs.len() || cs[i] == '#' {
            return Ok(words);
        }
        let mut w = String::new();
        while i < cs.len() && !cs[i].is_whitespace() {
            match cs[i] {
                '\'' => {
                    i += 1;
                    loop {
                        match cs.get(i) {
                            None => return Err("unterminated quote".to_string()),
                            Some('\'') if cs.get(i + 1) == Some(&'\'') => {
                                w.push('\'');
                                i += 2;
                            }
                            Some('\'') => {
                                i += 1;
                                break;
                            }
                            Some(&c) => {
                                w.push(c);
                                i += 1;
                            }
                        }
                    }
                }
                '$' => {
                    let start = i + 1;
                    let mut j = start;
                    while j < cs.len() && !cs[j].is_whitespace() && cs[j] != '/' && cs[j] != '$' && cs[j] != '\'' {
                        j += 1;
                    }
                    let name: String = cs[start..j].iter().collect();
                    w.push_str(&env(&name).unwrap_or_default());
                    i = j;
                }
                c => {
                    w.push(c);
                    i += 1;
                }
            }
        }
        words.push(w);
    }
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn words_quotes_comments_and_variables() {
        let env = |k: &str| (k == "user").then(|| "glenda".to_string());
        assert_eq!(split("bind  '#d' /dev", &env).unwrap(), ["bind", "#d", "/dev"]);
        assert_eq!(split("# a comment", &env).unwrap(), Vec::<String>::new());
        assert_eq!(
            split("cd /usr/$user/tmp # trailing", &env).unwrap(),
            ["cd", "/usr/glenda/tmp"]
        );
        assert_eq!(split("bind 'it''s' x", &env).unwrap(), ["bind", "it's", "x"]);
        assert!(split("bind 'open", &env).is_err());
        assert_eq!(
            split("mount -c /srv/$nope /n", &env).unwrap(),
            ["mount", "-c", "/srv/", "/n"]
        );
    }

    /// The property of issue 13: any namespace, whatever its names hold
    /// (blanks, quotes, `#`, `$`, `=`, unicode), replays from its listing
    /// to the same listing.
    mod replay {
        use std::sync::Arc;

        use fileservers::{Devices, MemoryFs};
        use kernel::{
            Caller, Clock, Entropy, Env, Identity, InitSpec, Kernel, KernelConfig, MountFlags, MountOrder, OpenFlags,
            Proc, Rfork, Share, Target,
        };
        use proptest::prelude::*;

        use super::super::apply_line;

        fn name() -> impl Strategy<Value = String> {
            let chars = prop::sample::select(vec![
                'a', 'b', 'Z', '0', ' ', '\'', '"', '#', '$', '=', '-', '.', '_', '(', ';', '\\', 'é', '日', '\u{a0}',
                '\t',
            ]);
            prop::collection::vec(chars, 1..7)
                .prop_map(|cs| cs.into_iter().collect::<String>())
                .prop_filter("not . or ..", |s| s != "." && s != "..")
        }

        fn flags(n: u8) -> MountFlags {
            let order = [MountOrder::Replace, MountOrder::Before, MountOrder::After][usize::from(n % 3)];
            MountFlags {
                order,
                create: n >= 3,
                ..MountFlags::REPLACE
            }
        }

        /// Make the directories, bind them as told (a bind the kernel
        /// refuses is skipped), then answer the listing, and the listing
        /// after replaying it into a clean namespace.
        async fn build_and_replay(p: Proc, binds: Vec<(String, String, u8)>) -> (String, String) {
            p.bind("#t", "/tmp", MountFlags::REPLACE.with_create()).await.unwrap();
            for (new, old, _) in &binds {
                for d in [new, old] {
                    let _ = p.mkdir(&format!("/tmp/{d}"), 0o755).await;
                }
            }
            for (new, old, f) in &binds {
                let _ = p.bind(&format!("/tmp/{new}"), &format!("/tmp/{old}"), flags(*f)).await;
            }
            if let Some((new, _, _)) = binds.first() {
                p.chdir(&format!("/tmp/{new}")).await.unwrap();
            }
            let listing = p.process().namespace().render(&p.cwd());
            p.rfork(Rfork {
                ns: Share::Clean,
                ..Rfork::SHARE
            });
            p.chdir("/").await.unwrap();
            for line in listing.lines() {
                if let Err(e) = apply_line(&p, line, 0).await {
                    return (listing.clone(), format!("{line}: {e}"));
                }
            }
            let again = p.process().namespace().render(&p.cwd());
            (listing, again)
        }

        fn run(binds: Vec<(String, String, u8)>) -> (String, String) {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let clock = Clock::real();
                let root = Arc::new(MemoryFs::new(clock.clone()));
                root.mkdir_all("/tmp", 0o755, 0, 0).unwrap();
                let config = KernelConfig::new(root);
                let kernel = Kernel::new(config);
                kernel.devices.register('t', Arc::new(MemoryFs::new(clock)));
                kernel
                    .devices
                    .register('z', Arc::new(Devices::server(Entropy::seeded(1))));
                let ns = kernel.clean_namespace();
                let null = kernel
                    .open_in(&ns, &Caller::KERNEL, "#z/null", OpenFlags::READWRITE)
                    .await
                    .unwrap();
                let out = Arc::new(parking_lot::Mutex::new(None));
                let out2 = out.clone();
                let spec = InitSpec {
                    target: Target::oneshot(move |p| async move {
                        *out2.lock() = Some(build_and_replay(p, binds).await);
                        0
                    }),
                    argv: vec!["init".into()],
                    env: Env::new(),
                    cwd: "/".into(),
                    ns,
                    stdio: vec![null.clone(), null.clone(), null],
                    identity: Identity::new(1000, 1000, "user"),
                };
                let status = tokio::time::timeout(std::time::Duration::from_secs(20), kernel.run(spec))
                    .await
                    .expect("the case timed out")
                    .unwrap();
                assert!(status.success(), "{status:?}");
                out.lock().take().expect("the case ran")
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]
            #[test]
            fn every_namespace_replays_to_the_same_listing(
                binds in prop::collection::vec((name(), name(), 0u8..6), 1..5)
            ) {
                let (listing, again) = run(binds);
                prop_assert_eq!(listing, again);
            }
        }
    }
}
