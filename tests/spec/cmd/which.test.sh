# which: find commands in $PATH, checked against the host's which
# (Debian's, as GNU/Linux hosts ship). Commands are scripts made in the
# case's directory, since /bin differs between the host and ninebox.

#### finds the first match in PATH
mkdir -p d1 d2
printf '#!/bin/sh\necho hi\n' > d1/prog
printf '#!/bin/sh\necho hi\n' > d2/prog
chmod +x d1/prog d2/prog
PATH=d1:d2:$PATH which prog
## stdout: d1/prog

#### -a prints every match
mkdir -p d1 d2
printf '#!/bin/sh\n' > d1/prog
printf '#!/bin/sh\n' > d2/prog
chmod +x d1/prog d2/prog
PATH=d1:d2:$PATH which -a prog
## STDOUT:
d1/prog
d2/prog
## END

#### a file without an execute bit is skipped
mkdir -p d1 d2
printf 'x\n' > d1/prog
printf '#!/bin/sh\n' > d2/prog
chmod +x d2/prog
PATH=d1:d2:$PATH which prog
## stdout: d2/prog

#### a directory of that name is skipped
mkdir -p d1/prog d2
printf '#!/bin/sh\n' > d2/prog
chmod +x d2/prog
PATH=d1:d2:$PATH which prog
## stdout: d2/prog

#### not found: status 1, nothing printed
PATH=.:$PATH which no-such-command-here
echo "status=$?"
## stdout: status=1

#### status 1 when any name is missing
mkdir d
printf '#!/bin/sh\n' > d/prog
chmod +x d/prog
PATH=d:$PATH which prog nope prog
echo "status=$?"
## STDOUT:
d/prog
d/prog
status=1
## END

#### a name with a slash is checked as it is
mkdir d
printf '#!/bin/sh\n' > d/prog
printf 'x\n' > d/plain
chmod +x d/prog
which d/prog ./d/prog d/plain
echo "status=$?"
## STDOUT:
d/prog
./d/prog
status=1
## END

#### an empty PATH entry is the current directory
printf '#!/bin/sh\n' > prog
chmod +x prog
PATH=:$PATH which prog
PATH=$PATH: which prog
## STDOUT:
./prog
./prog
## END

#### no arguments: status 1
which
echo "status=$?"
## stdout: status=1

#### -- ends the options
mkdir d
printf '#!/bin/sh\n' > d/-a
chmod +x d/-a
PATH=d:$PATH which -- -a
## stdout: d/-a

#### an invalid option
which -x ls > /dev/null
echo "status=$?"
## stdout: status=2
## stderr: Illegal option -x

#### the usage line names the program as run
which -x ls
## stdout: Usage: which [-a] args
## status: 2
## bash_diff: the host prints its script's path (/usr/bin/which); ninebox prints argv[0]

#### finds the commands of /bin
which sh ls
## STDOUT:
/bin/sh
/bin/ls
## END
## bash_diff: PATH is /bin in ninebox (/usr/bin:/bin on the host)
