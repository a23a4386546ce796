# chown: change owner and group (numeric ids no system has names for)

#### chown-user-and-group
touch f; chown 4242:4343 f; stat -c '%u %g' f
## stdout: 4242 4343

#### chown-user-only
touch f; chown 4242:4343 f; chown 4444 f; stat -c '%u %g' f
## stdout: 4444 4343

#### chown-group-only
touch f; chown 4242:4343 f; chown :4444 f; stat -c '%u %g' f
## stdout: 4242 4444

#### chown-verbose-user
touch f; chown 4242:4343 f; chown -v 4343 f
## stdout: changed ownership of 'f' from 4242 to 4343

#### chown-verbose-group
touch f; chown 4242:4343 f; chown -v :4444 f
## stdout: changed group of 'f' from 4343 to 4444

#### chown-verbose-both-retained
touch f; chown 4343:4444 f; chown -v 4343:4444 f
## stdout: ownership of 'f' retained as 4343:4444

#### chown-changes-only
touch f; chown 4343:4444 f; chown -c 4343:4444 f; chown -c 4343:1 f
## stdout: changed ownership of 'f' from 4343:4444 to 4343:1

#### chown-empty-spec
touch f; chown -v '' f; chown -v : f
## STDOUT:
ownership of 'f' retained
ownership of 'f' retained
## END

#### chown-invalid-user
touch f; chown nobodyx f
## stderr: chown: invalid user: 'nobodyx'
## status: 1

#### chown-invalid-group
touch f; chown 0:nogroupx f
## stderr: chown: invalid group: '0:nogroupx'
## status: 1

#### chown-numeric-user-colon
touch f; chown 0: f
## stderr: chown: invalid spec: '0:'
## status: 1

#### chown-dot-is-not-a-separator
touch f; chown 4242. f
## stderr: chown: invalid user: '4242.'
## status: 1

#### chown-too-large
touch f; chown 9999999999 f
## stderr: chown: invalid user: '9999999999'
## status: 1

#### chown-too-many-colons
touch f; chown 4242:4343:1 f
## stderr: chown: invalid group: '4242:4343:1'
## status: 1

#### chown-missing-operand
chown
## STDERR:
chown: missing operand
Try 'chown --help' for more information.
## END
## status: 1

#### chown-missing-file-operand
chown 0
## STDERR:
chown: missing operand after '0'
Try 'chown --help' for more information.
## END
## status: 1

#### chown-missing-file
chown 4242 nope
## stderr: chown: cannot access 'nope': No such file or directory
## status: 1

#### chown-missing-verbose
chown -v 1:1 nope
## stdout: failed to change ownership of 'nope' to 1:1
## stderr: chown: cannot access 'nope': No such file or directory
## status: 1

#### chown-missing-silent
chown -f 4242 nope; echo $?
## stdout: 1

#### chown-recursive-postorder
mkdir d; touch d/x; chown 4242:4242 d d/x; chown -Rc 4343:4343 d
## STDOUT:
changed ownership of 'd/x' from 4242:4242 to 4343:4343
changed ownership of 'd' from 4242:4242 to 4343:4343
## END

#### chown-recursive
mkdir -p d/s; touch d/s/f; chown -R 4242 d; stat -c '%n %u' d d/s d/s/f
## STDOUT:
d 4242
d/s 4242
d/s/f 4242
## END

#### chown-reference
touch r f; chown 4242:4343 r; chown --reference=r f; stat -c '%u %g' f
## stdout: 4242 4343

#### chown-reference-verbose
touch r f; chown 4242:4343 r f; chown -v --reference=r f
## stdout: ownership of 'f' retained as 4242:4343

#### chown-from
touch a b; chown 4242 a; chown 4343 b; chown --from=4242 4444 a b; stat -c '%n %u' a b
## STDOUT:
a 4444
b 4343
## END

#### chown-combined-flags
mkdir d; touch d/f; chown 4141:4141 d d/f; chown -Rvc 4242:4242 d
## STDOUT:
changed ownership of 'd/f' from 4141:4141 to 4242:4242
changed ownership of 'd' from 4141:4141 to 4242:4242
## END

#### chown-preserve-root
chown -R --preserve-root 4242 /
## STDERR:
chown: it is dangerous to operate recursively on '/'
chown: use --no-preserve-root to override this failsafe
## END
## status: 1

#### chown-root-name
touch f; chown -v root f; chown -v user:user f; stat -c '%U %G' f
## bash_diff: the host has more users than root and user, and runs as root
## STDOUT:
changed ownership of 'f' from user to root
changed ownership of 'f' from root:user to user:user
user user
## END

#### chown-login-group
touch f; chown 0:0 f; chown -v user: f; stat -c '%u %g' f
## bash_diff: ninebox's user 'user' has login group 1000
## STDOUT:
changed ownership of 'f' from root:root to user:user
1000 1000
## END

#### chown-bad-option
chown -k 1 f
## STDERR:
chown: invalid option -- 'k'
Try 'chown --help' for more information.
## END
## status: 1
