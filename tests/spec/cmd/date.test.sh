# date: checked against GNU coreutils 9.1 with TZ=UTC

#### epoch and default format
date -d @0
date -d @1767225600
## STDOUT:
Thu Jan  1 00:00:00 UTC 1970
Thu Jan  1 00:00:00 UTC 2026
## END

#### to seconds
date -d '2026-01-01' +%s
date -d '2026-01-01 00:00:01' +%s
## STDOUT:
1767225600
1767225601
## END

#### format conversions
date -d '2026-03-04 05:06:07' '+%A %B %d %j %U %V %p %I'
date -d @1767225600 '+%c|%x|%X|%D|%r'
## STDOUT:
Wednesday March 04 063 09 10 AM 05
Thu Jan  1 00:00:00 2026|01/01/26|00:00:00|01/01/26|12:00:00 AM
## END

#### format flags and widths
date -d @0 '+%10A|%-d|%_m|%^b|%#Z'
## stdout:   Thursday|1| 1|JAN|utc

#### iso 8601
date -I -d @0
date -Ihours -d @0
date -Iminutes -d @0
date -Iseconds -d @0
date -Ins -d @1.5
## STDOUT:
1970-01-01
1970-01-01T00+00:00
1970-01-01T00:00+00:00
1970-01-01T00:00:00+00:00
1970-01-01T00:00:01,500000000+00:00
## END

#### rfc email and rfc 3339
date -R -d @0
date --rfc-3339=date -d @0
date --rfc-3339=seconds -d @0
date --rfc-3339=ns -d @0
## STDOUT:
Thu, 01 Jan 1970 00:00:00 +0000
1970-01-01
1970-01-01 00:00:00+00:00
1970-01-01 00:00:00.000000000+00:00
## END

#### utc flag
date -u -d @0 +%Z
## stdout: UTC

#### relative dates
date -d '2026-01-31 +1 month' +%F
date -d '2026-01-01 3 days ago' +%F
date -d '2026-01-01 next week' +%F
## STDOUT:
2026-03-03
2025-12-29
2026-01-08
## END

#### other date forms
date -d 'Mar 4 2026' +%F
date -d '4 March 2026 10:00' '+%F %T'
date -d '12/25/2026' +%F
date -d '2026-03-04T05:06:07+02:00' '+%F %T %z'
date -d '@-1' '+%F %T'
## STDOUT:
2026-03-04
2026-03-04 10:00:00
2026-12-25
2026-03-04 03:06:07 +0000
1969-12-31 23:59:59
## END

#### dates from a file
printf '@0\n@86400\nbad\n' > df
date -f df +%F
echo $?
## STDOUT:
1970-01-01
1970-01-02
1
## END
## stderr: date: invalid date 'bad'

#### reference file
touch -d '2026-01-01 12:34:56' f
date -r f
date -r f +%s
## STDOUT:
Thu Jan  1 12:34:56 UTC 2026
1767270896
## END

#### missing reference file
date -r nofile
## status: 1
## stderr: date: nofile: No such file or directory

#### invalid date
date -d 'garbage words'
## status: 1
## stderr: date: invalid date 'garbage words'

#### bad iso argument
date -Ix
## status: 1
## STDERR:
date: invalid argument 'x' for '--iso-8601'
Valid arguments are:
  - 'hours'
  - 'minutes'
  - 'date'
  - 'seconds'
  - 'ns'
Try 'date --help' for more information.
## END

#### multiple formats and extra operands
date -I -R
echo $?
date +%Y +%m
echo $?
## STDOUT:
1
1
## END
## STDERR:
date: multiple output formats specified
date: extra operand '+%m'
Try 'date --help' for more information.
## END

#### setting the clock is refused
date -s '2026-01-01'
## status: 1
## stderr: date: cannot set date: Operation not permitted
## bash_diff: the host would really set its clock; ninebox refuses to
