# chgrp: change group (numeric ids no system has names for)

#### chgrp-numeric
touch f; chgrp 4343 f; stat -c %g f
## stdout: 4343

#### chgrp-verbose
touch f; chgrp 4343 f; chgrp -v 4444 f
## stdout: changed group of 'f' from 4343 to 4444

#### chgrp-verbose-retained
touch f; chgrp 4343 f; chgrp -v 4343 f
## stdout: group of 'f' retained as 4343

#### chgrp-changes
touch f; chgrp 4343 f; chgrp -c 4343 f; chgrp -c 55 f
## stdout: changed group of 'f' from 4343 to 55

#### chgrp-invalid-group
touch f; chgrp nogroupx f
## stderr: chgrp: invalid group: 'nogroupx'
## status: 1

#### chgrp-missing-operand
chgrp
## STDERR:
chgrp: missing operand
Try 'chgrp --help' for more information.
## END
## status: 1

#### chgrp-missing-file-operand
chgrp 0
## STDERR:
chgrp: missing operand after '0'
Try 'chgrp --help' for more information.
## END
## status: 1

#### chgrp-missing-file
chgrp 4343 nope
## stderr: chgrp: cannot access 'nope': No such file or directory
## status: 1

#### chgrp-recursive
mkdir -p d/s; touch d/s/f; chgrp -R 4343 d; stat -c '%n %g' d d/s d/s/f
## STDOUT:
d 4343
d/s 4343
d/s/f 4343
## END

#### chgrp-reference
touch r f; chgrp 4242 r; chgrp --reference=r f; stat -c %g f
## stdout: 4242

#### chgrp-several
touch a b; chgrp 4343 a b; stat -c '%n %g' a b
## STDOUT:
a 4343
b 4343
## END

#### chgrp-combined-flags
mkdir d; touch d/f; chgrp 4242 d d/f; chgrp -Rc 4343 d
## STDOUT:
changed group of 'd/f' from 4242 to 4343
changed group of 'd' from 4242 to 4343
## END

#### chgrp-keeps-owner
touch f; chown 4242:1 f; chgrp 4343 f; stat -c '%u %g' f
## stdout: 4242 4343

#### chgrp-by-name
touch f; chgrp -v root f; chgrp -v user f
## bash_diff: group names differ between the host and ninebox
## STDOUT:
changed group of 'f' from user to root
changed group of 'f' from root to user
## END

#### chgrp-bad-option
chgrp -k 1 f
## STDERR:
chgrp: invalid option -- 'k'
Try 'chgrp --help' for more information.
## END
## status: 1
