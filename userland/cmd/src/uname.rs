//! `uname`: print system information.

use common::cli::{Cmd, flag};

const HELP: &str = "Usage: uname [OPTION]...
Print certain system information.  With no OPTION, same as -s.

  -a, --all                print all information, in the following order,
                             except omit -p and -i if unknown:
  -s, --kernel-name        print the kernel name (ninebox)
  -n, --nodename           print the network node hostname (/etc/hostname)
  -r, --kernel-release     print the kernel release (ninebox's version)
  -v, --kernel-version     print the kernel version
  -m, --machine            print the machine hardware name (the host's)
  -p, --processor          print the processor type (unknown)
  -i, --hardware-platform  print the hardware platform (unknown)
  -o, --operating-system   print the operating system (ninebox)
      --help     display this help and exit
      --version  output version information and exit
";

const SPEC: &[common::cli::Opt] = &[
    flag("all", 'a'),
    flag("kernel-name", 's'),
    flag("nodename", 'n'),
    flag("kernel-release", 'r'),
    flag("kernel-version", 'v'),
    flag("machine", 'm'),
    flag("processor", 'p'),
    flag("hardware-platform", 'i'),
    flag("operating-system", 'o'),
];

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    if let Some(extra) = opts.operands.first() {
        return cmd.usage_error(format!("extra operand '{extra}'"), 1).await;
    }
    let node = match cmd.p.read_file("/etc/hostname").await {
        Ok(d) => String::from_utf8_lossy(&d).trim().to_string(),
        Err(_) => "localhost".to_string(),
    };
    let all = opts.has("all");
    let fields: [(&str, String, bool); 8] = [
        ("kernel-name", "ninebox".to_string(), true),
        ("nodename", node, true),
        ("kernel-release", env!("CARGO_PKG_VERSION").to_string(), true),
        ("kernel-version", "#1 ninebox".to_string(), true),
        ("machine", std::env::consts::ARCH.to_string(), true),
        // Unknown, so -a leaves them out, as GNU does on Linux.
        ("processor", "unknown".to_string(), false),
        ("hardware-platform", "unknown".to_string(), false),
        ("operating-system", "ninebox".to_string(), true),
    ];
    let any = fields.iter().any(|(n, _, _)| opts.has(n));
    let mut out: Vec<&str> = Vec::new();
    for (name, val, known) in &fields {
        let asked = opts.has(name) || (all && *known) || (!any && !all && *name == "kernel-name");
        if asked {
            out.push(val);
        }
    }
    cmd.out.write_str(&format!("{}\n", out.join(" "))).await;
    cmd.finish(0).await
}
