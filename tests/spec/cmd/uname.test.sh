# uname: ninebox describes itself (the host is Linux: mostly ninebox-only)

#### kernel name is the default
uname
uname -s
## STDOUT:
ninebox
ninebox
## END
## bash_diff: the host is Linux

#### node name from /etc/hostname
uname -n
## stdout: ninebox
## bash_diff: the host has another name

#### operating system
uname -o
## stdout: ninebox
## bash_diff: the host is GNU/Linux

#### order is fixed whatever the option order
uname -n -s
## stdout: ninebox ninebox
## bash_diff: the host is Linux

#### all leaves out unknown fields
[ "$(uname -a)" = "$(uname -snrvmo)" ] && echo same
## stdout: same
## bash_diff: the host knows its processor

#### processor and platform are unknown
uname -p -i
## stdout: unknown unknown
## bash_diff: the host may know them

#### machine is the host's architecture
[ "$(uname -m)" = "$(uname -a | { read -r s n r v1 v2 m o; echo $m; })" ] && echo same
## stdout: same
## bash_diff: the host's version field has more words

#### count of fields
uname -a | { read -r a b c d e f g h; echo "$a $g $h"; }
## stdout: ninebox ninebox 
## bash_diff: the host is Linux

#### extra operand
uname x
## status: 1
## STDERR:
uname: extra operand 'x'
Try 'uname --help' for more information.
## END

#### bad option
uname -z
## status: 1
## STDERR:
uname: invalid option -- 'z'
Try 'uname --help' for more information.
## END
