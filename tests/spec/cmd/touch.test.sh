# touch: change timestamps, create files

#### touch-creates
touch f; test -f f && stat -c '%s %F' f
## stdout: 0 regular empty file

#### touch-keeps-content
echo hi > f; touch f; cat f
## stdout: hi

#### touch-date
touch -d '2026-01-01 00:00:00' f; stat -c '%Y %y' f
## stdout: 1767225600 2026-01-01 00:00:00.000000000 +0000

#### touch-date-long-option
touch --date='2025-06-15 12:30:45' f; stat -c %y f
## stdout: 2025-06-15 12:30:45.000000000 +0000

#### touch-date-fraction
touch -d '2026-01-01 12:00:00.5' f; stat -c %y f
## stdout: 2026-01-01 12:00:00.500000000 +0000

#### touch-stamp
touch -t 202601011200 a; touch -t 2601011200.30 b; stat -c '%n %y' a b
## STDOUT:
a 2026-01-01 12:00:00.000000000 +0000
b 2026-01-01 12:00:30.000000000 +0000
## END

#### touch-stamp-century-rule
touch -t 6801011200 b; touch -t 7001010000.59 c; stat -c "%n %Y" b c
## STDOUT:
b 3092644800
c 59
## END

#### touch-reference
touch -d '2020-02-02 02:02:02' ref; touch -r ref f; stat -c %Y f
## stdout: 1580608922

#### touch-reference-long
touch -d '2020-02-02' ref; touch --reference=ref f g; stat -c '%n %Y' f g
## STDOUT:
f 1580601600
g 1580601600
## END

#### touch-reference-with-date-relative
touch -d '2026-01-01 12:00:00' k; touch -r k -d '+1 day' l; stat -c %y l
## stdout: 2026-01-02 12:00:00.000000000 +0000

#### touch-no-create
touch -c nope; echo $?; test -e nope || echo absent
## STDOUT:
0
absent
## END

#### touch-no-create-long
touch --no-create nope; echo *
## stdout: *

#### touch-m-only
touch -d 2026-01-01 f; touch -m -d 2026-03-03 f; stat -c %y f
## stdout: 2026-03-03 00:00:00.000000000 +0000

#### touch-missing-dir
touch nodir/f
## stderr: touch: cannot touch 'nodir/f': No such file or directory
## status: 1

#### touch-trailing-slash-file
touch f; touch f/
## stderr: touch: setting times of 'f/': Not a directory
## status: 1

#### touch-trailing-slash-missing
touch x/
## stderr: touch: setting times of 'x/': No such file or directory
## status: 1

#### touch-invalid-stamp
touch -t 123 e
## stderr: touch: invalid date format '123'
## status: 1

#### touch-invalid-stamp-month
touch -t 202613011200 g
## stderr: touch: invalid date format '202613011200'
## status: 1

#### touch-invalid-date
touch -d garbage h
## stderr: touch: invalid date format 'garbage'
## status: 1

#### touch-two-sources
touch -d '2026-01-01' -t 202601011200 i
## STDERR:
touch: cannot specify times from more than one source
Try 'touch --help' for more information.
## END
## status: 1

#### touch-missing-reference
touch -r nope j
## stderr: touch: failed to get attributes of 'nope': No such file or directory
## status: 1

#### touch-missing-operand
touch
## STDERR:
touch: missing file operand
Try 'touch --help' for more information.
## END
## status: 1

#### touch-directory
mkdir d; touch -d '2026-01-01' d; stat -c %Y d
## stdout: 1767225600

#### touch-several-one-bad
touch a nodir/b c; echo $?; echo *
## STDOUT:
1
a c
## END
## stderr: touch: cannot touch 'nodir/b': No such file or directory

#### touch-combined-flags
touch -cm -d 2026-01-01 f; echo *; touch f; touch -cm -d 2026-01-01 f; stat -c %Y f
## STDOUT:
*
1767225600
## END

#### touch-a-creates
touch -a f; echo *
## stdout: f

#### touch-a-keeps-mtime
touch -d 2026-01-01 f; touch -a f; stat -c %Y f
## stdout: 1767225600

#### touch-time-word
touch -d 2026-01-01 f; touch --time=mtime -d 2026-02-02 f; stat -c %Y f
## stdout: 1769990400

#### touch-bad-option
touch -k f
## STDERR:
touch: invalid option -- 'k'
Try 'touch --help' for more information.
## END
## status: 1

#### touch-dash-is-stdout-file
touch -d '2020-01-01 00:00:00' - > f; stat -c %Y f
## stdout: 1577836800

#### touch-dash-pipe
touch - | cat; echo "${PIPESTATUS[0]}"
## stdout: 0

#### touch -d and -t read the date in TZ
TZ=America/New_York touch -d '2020-07-01 08:00' a
TZ=America/New_York touch -t 202007010800 b
TZ=Asia/Tokyo touch -d '2020-07-01 08:00' c
TZ=UTC stat -c '%n %Y' a b c
## STDOUT:
a 1593604800
b 1593604800
c 1593558000
## END

#### touch -d with a zone in the date and a relative item
TZ=America/New_York touch -d '2020-07-01 08:00 UTC' a
touch -d '2020-07-01 08:00 +2 days' b
TZ=UTC stat -c '%n %y' a b
## STDOUT:
a 2020-07-01 08:00:00.000000000 +0000
b 2020-07-02 06:00:00.000000000 +0000
## END
