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

#### TZ with an IANA name
TZ=America/New_York date -d @1700000000
TZ=Europe/Paris date -d @1720000000 '+%F %T %Z %z'
TZ=Asia/Kolkata date -d @0 '+%F %T %Z %:z'
TZ=Australia/Lord_Howe date -d @1700000000 '+%T %Z %::z'
## STDOUT:
Tue Nov 14 17:13:20 EST 2023
2024-07-03 11:46:40 CEST +0200
1970-01-01 05:30:00 IST +05:30
09:13:20 +11 +11:00:00
## END

#### TZ with a POSIX string
TZ=EST5EDT,M3.2.0,M11.1.0 date -d @1720000000 '+%T %Z %z'
TZ=JST-9 date -d @0 '+%T %Z'
TZ='<+0330>-3:30' date -d @0 '+%T %Z %:::z'
TZ=FOO+3 date -d @0 '+%T %Z %z'
## STDOUT:
05:46:40 EDT -0400
09:00:00 JST
03:30:00 +0330 +03:30
21:00:00 FOO -0300
## END

#### an unknown zone is UTC under its name, with no error
TZ=Foo/Bar date -d @0 '+%T %Z %z'
TZ=Europe/Nowhere date -d @0 '+%T %Z'
TZ=ab date -d @0 '+%T [%Z]'
TZ= date -d @0 '+%T %Z'
TZ=:Europe/Paris date -d @0 '+%T %Z'
## STDOUT:
00:00:00 Foo +0000
00:00:00 Europe
00:00:00 []
00:00:00 UTC
01:00:00 CET
## END

#### dates are read in the zone, and across DST
TZ=America/New_York date -d '2024-07-01 08:00' +%s
TZ=America/New_York date -d '2024-01-01 08:00' +%s
TZ=America/New_York date -d '2024-11-03 01:30' '+%T %Z %s'
TZ=America/New_York date -d '2024-03-10 12:00 1 day' '+%F %T %Z'
TZ=America/New_York date -d '2024-03-09 12:00 24 hours' '+%F %T %Z'
## STDOUT:
1719835200
1704114000
01:30:00 EDT 1730611800
2024-03-11 12:00:00 EDT
2024-03-10 13:00:00 EDT
## END

#### a time a zone skips is invalid
TZ=America/New_York date -d '2024-03-10 02:30'
echo "status $?"
## stdout: status 1
## stderr: date: invalid date '2024-03-10 02:30'

#### zones written in the date
date -d '2024-03-04 10:00 EST' '+%F %T'
date -d '2024-03-04 10:00 PDT' '+%F %T'
date -d '2024-03-04T10:00:00+05:30' '+%F %T'
date -d '2024-03-04 10:00 -0800' '+%F %T'
date -d '2024-03-04 10:00 UTC' '+%F %T'
TZ=Asia/Tokyo date -d '2024-03-04 10:00 Z' '+%F %T %Z'
## STDOUT:
2024-03-04 15:00:00
2024-03-04 17:00:00
2024-03-04 04:30:00
2024-03-04 18:00:00
2024-03-04 10:00:00
2024-03-04 19:00:00 JST
## END

#### a TZ="…" prefix reads the date in that zone
date -d 'TZ="America/New_York" 2024-07-01 08:00' '+%F %T %Z'
TZ=Asia/Tokyo date -d 'TZ="Europe/London" 2024-01-01 12:00' '+%F %T %Z'
## STDOUT:
2024-07-01 12:00:00 UTC
2024-01-01 21:00:00 JST
## END

#### -u prints and reads UTC whatever TZ says
TZ=America/New_York date -u -d '2024-07-01 08:00' '+%F %T %Z'
TZ=America/New_York date --utc -d @0
TZ=America/New_York date --universal -d @0 +%z
## STDOUT:
2024-07-01 08:00:00 UTC
Thu Jan  1 00:00:00 UTC 1970
+0000
## END

#### relative items after a date
date -d '2024-01-31 +1 month' +%F
date -d '2024-03-04 2 days ago' +%F
date -d '2024-03-04 +3 hours' '+%F %T'
date -d '2024-03-04 10:00 next week' '+%F %T'
date -d '2024-03-04 last year' +%F
date -d '2024-03-04 1 fortnight' +%F
date -d '2024-03-04 10:00 -90 minutes' '+%F %T'
## STDOUT:
2024-03-02
2024-03-02
2024-03-04 03:00:00
2024-03-11 10:00:00
2023-03-04
2024-03-18
## END
## stderr: date: invalid date '2024-03-04 10:00 -90 minutes'
## status: 1

#### a signed number after a time is its zone
date -d '2024-03-04 12:00 +1 day' '+%F %T'
date -d '2024-03-04 12:00 +2' '+%F %T'
## STDOUT:
2024-03-05 11:00:00
2024-03-04 10:00:00
## END

#### weekdays name the next one from today
date -d monday +%A
date -d 'next friday' +%A
date -d 'last sunday' +%A
date -d 'third tuesday' +%u
date -d 'monday' +%T
test "$(date -d 'next monday' +%s)" -gt "$(date +%s)" && echo later
test "$(date -d 'last monday' +%s)" -lt "$(date +%s)" && echo earlier
## STDOUT:
Monday
Friday
Sunday
2
00:00:00
later
earlier
## END

#### tomorrow and yesterday keep the time of day
a=$(date -d '2024-05-05 10:20:30 tomorrow' '+%F %T')
b=$(date -d '2024-05-05 10:20:30 yesterday' '+%F %T')
echo "$a / $b"
## stdout: 2024-05-06 10:20:30 / 2024-05-04 10:20:30

#### @EPOCH with fractions and --date=
date --date=@1.5 '+%s %N'
date -d @-1 '+%F %T'
date --date='@1700000000' -u
## STDOUT:
1 500000000
1969-12-31 23:59:59
Tue Nov 14 22:13:20 UTC 2023
## END

#### ISO 8601, RFC 5322 and RFC 3339 output in a zone
TZ=Asia/Kolkata date -d @1700000000 -I
TZ=Asia/Kolkata date -d @1700000000 -Iseconds
TZ=Asia/Kolkata date -d @1700000000 --iso-8601=minutes
TZ=Asia/Kolkata date -d @1700000000 -Ins
TZ=America/New_York date -d @1700000000 -R
TZ=America/New_York date -d @1700000000 --rfc-3339=seconds
TZ=America/New_York date -d @1700000000.25 --rfc-3339=ns
## STDOUT:
2023-11-15
2023-11-15T03:43:20+05:30
2023-11-15T03:43+05:30
2023-11-15T03:43:20,000000000+05:30
Tue, 14 Nov 2023 17:13:20 -0500
2023-11-14 17:13:20-05:00
2023-11-14 17:13:20.250000000-05:00
## END

#### GNU format flags
date -d '2024-03-04 05:06:07' '+%-d|%_H|%^a|%#b|%-m|%e|%_5S|%010s'
date -d @1700000000.123456789 '+%N %3N %6N'
TZ=Asia/Kolkata date -d @0 '+%z|%:z|%::z|%:::z'
## STDOUT:
4| 5|MON|MAR|3| 4|    7|1709528767
123456789 123 123456
+0530|+05:30|+05:30:00|+05:30
## END

#### bad dates say so
date -d 'next blursday'
date -d '2024-02-30'
date -d '25:00'
date -d 'TZ="x'
echo "status $?"
## stdout: status 1
## STDERR:
date: invalid date 'next blursday'
date: invalid date '2024-02-30'
date: invalid date '25:00'
date: invalid date 'TZ="x'
## END

#### -f reads one date per line, in the zone
printf '@0\n2024-07-01 08:00\nbad\n@86400\n' > dates
TZ=America/New_York date -f dates '+%F %T %Z'
echo "status $?"
## STDOUT:
1969-12-31 19:00:00 EST
2024-07-01 08:00:00 EDT
1970-01-01 19:00:00 EST
status 1
## END
## stderr: date: invalid date 'bad'

#### -r FILE shows its time in the zone
touch -d '2024-07-01 12:00 UTC' f
TZ=America/New_York date -r f '+%F %T %Z'
## stdout: 2024-07-01 08:00:00 EDT
