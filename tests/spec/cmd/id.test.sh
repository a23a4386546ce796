# id: users and groups from /etc/passwd and /etc/group (the host runs as
# root with its own files: those cases are ninebox-only)

#### default format
id
## stdout: uid=1000(user) gid=1000(user) groups=1000(user)
## bash_diff: the host runs as root

#### user and group ids
id -u
id -g
id -G
## STDOUT:
1000
1000
1000
## END
## bash_diff: the host runs as root

#### names
id -un
id -gn
id -Gn
## STDOUT:
user
user
user
## END
## bash_diff: the host runs as root

#### real ids are the effective ones
id -ur
id -urn
## STDOUT:
1000
user
## END
## bash_diff: the host runs as root

#### another user
id root
id -u root
## STDOUT:
uid=0(root) gid=0(root) groups=0(root)
0
## END

#### zero delimited
id -zG | cat -v
echo
## stdout: 1000^@
## bash_diff: the host runs as root

#### no such user
id nosuchuser
## status: 1
## stderr: id: 'nosuchuser': no such user

#### more than one choice
id -ug
## status: 1
## stderr: id: cannot print "only" of more than one choice

#### names need a choice
id -n
## status: 1
## stderr: id: cannot print only names or real IDs in default format

#### zero needs a choice
id -z
## status: 1
## stderr: id: option --zero not permitted in default format

#### bad option
id -x
## status: 1
## STDERR:
id: invalid option -- 'x'
Try 'id --help' for more information.
## END
