# hostname: ninebox's name comes from /etc/hostname (the host's differs,
# and setting it on the host would be harmful: these are ninebox-only)

#### the name
hostname
## stdout: ninebox
## bash_diff: the host has another name

#### short name
hostname -s
## stdout: ninebox
## bash_diff: the host has another name

#### long name
hostname -f
hostname --long
## STDOUT:
ninebox
ninebox
## END
## bash_diff: the host has another name

#### domain is empty without a dot
hostname -d
## stdout: 
## bash_diff: the host may have a domain

#### aliases are empty
hostname -a
## stdout: 
## bash_diff: the host may have aliases

#### the same as /etc/hostname
[ "$(hostname)" = "$(cat /etc/hostname)" ] && echo same
## stdout: same
## bash_diff: reads /etc of the host

#### a user cannot set it
hostname other
echo $?
hostname
## STDOUT:
1
ninebox
## END
## stderr: hostname: you must be root to change the host name
## bash_diff: must never set the host's name

#### no network addresses
hostname -i
## status: 1
## stderr: hostname: --ip-address: there is no network in ninebox
## bash_diff: the host has a network

#### bad option
hostname -x
## status: 1
## STDERR:
hostname: invalid option -- 'x'
Try 'hostname --help' for more information.
## END
## bash_diff: the host's hostname prints its whole usage

#### help
hostname --help | grep -c -e '--short'
## stdout: 1
## bash_diff: the host's help differs

#### used in a word
echo "host=$(hostname -s)"
## stdout: host=ninebox
## bash_diff: the host has another name
