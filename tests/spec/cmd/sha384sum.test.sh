# sha384sum: digests printed and checked as GNU coreutils 9.1 does

#### empty input
printf '' | sha384sum
## stdout: 38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b  -

#### a short string on stdin
printf 'abc' | sha384sum
## stdout: cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7  -

#### a file
printf 'abc\n' > f
sha384sum f
## stdout: e8d1420b4ff41c3f12186d894a99e1c4aa681da79c47007e9dadecd9ecb0482ee1e224510e7484078c0289f34396b9c3  f

#### several files
printf a > a
printf b > b
sha384sum a b
## STDOUT:
54a59b9f22b0b80880d8427e548b7c23abd873486e1f035dce9cd697e85175033caa88e6d57bc35efae0b5afd3145f31  a
98a906182cdcfb1eb4eb47117600f68958e2ddd140248b47984f4bde6587b89c8215c3da895a336e94ad1aca39015c40  b
## END

#### - is stdin among files
printf a > a
printf b > b
sha384sum a - < b
## STDOUT:
54a59b9f22b0b80880d8427e548b7c23abd873486e1f035dce9cd697e85175033caa88e6d57bc35efae0b5afd3145f31  a
98a906182cdcfb1eb4eb47117600f68958e2ddd140248b47984f4bde6587b89c8215c3da895a336e94ad1aca39015c40  -
## END

#### a missing file among others
printf a > a
sha384sum nope a
echo "status $?"
## STDOUT:
54a59b9f22b0b80880d8427e548b7c23abd873486e1f035dce9cd697e85175033caa88e6d57bc35efae0b5afd3145f31  a
status 1
## END
## stderr: sha384sum: nope: No such file or directory

#### a directory
mkdir d
sha384sum d
echo "status $?"
## stdout: status 1
## stderr: sha384sum: d: Is a directory

#### -b marks binary mode
printf a > a
sha384sum -b a
## stdout: 54a59b9f22b0b80880d8427e548b7c23abd873486e1f035dce9cd697e85175033caa88e6d57bc35efae0b5afd3145f31 *a

#### --tag prints BSD-style lines
printf a > a
sha384sum --tag a
## stdout: SHA384 (a) = 54a59b9f22b0b80880d8427e548b7c23abd873486e1f035dce9cd697e85175033caa88e6d57bc35efae0b5afd3145f31

#### -z ends lines with NUL
printf a > a
sha384sum -z a | tr '\0' '|'
echo
## stdout: 54a59b9f22b0b80880d8427e548b7c23abd873486e1f035dce9cd697e85175033caa88e6d57bc35efae0b5afd3145f31  a|

#### a name with a backslash or newline is escaped
printf a > 'x\y'
printf b > 'n
l'
sha384sum 'x\y' 'n
l'
## STDOUT:
\54a59b9f22b0b80880d8427e548b7c23abd873486e1f035dce9cd697e85175033caa88e6d57bc35efae0b5afd3145f31  x\\y
\98a906182cdcfb1eb4eb47117600f68958e2ddd140248b47984f4bde6587b89c8215c3da895a336e94ad1aca39015c40  n\nl
## END

#### -c checks what it printed
printf a > a
printf b > b
sha384sum a b > sums
sha384sum -c sums
## STDOUT:
a: OK
b: OK
## END

#### -c reports a changed file
printf a > a
printf b > b
sha384sum a b > sums
printf changed > a
sha384sum -c sums
echo "status $?"
## STDOUT:
a: FAILED
b: OK
status 1
## END
## stderr: sha384sum: WARNING: 1 computed checksum did NOT match

#### -c --quiet prints only failures
printf a > a
printf b > b
sha384sum a b > sums
printf changed > b
sha384sum -c --quiet sums
echo "status $?"
## STDOUT:
b: FAILED
status 1
## END
## stderr: sha384sum: WARNING: 1 computed checksum did NOT match

#### -c --status prints nothing
printf a > a
sha384sum a > sums
sha384sum -c --status sums
echo "ok $?"
printf x > a
sha384sum -c --status sums
echo "changed $?"
## STDOUT:
ok 0
changed 1
## END

#### -c reads --tag lines
printf a > a
sha384sum --tag a > sums
sha384sum -c sums
## stdout: a: OK

#### -c with a missing listed file
printf a > a
sha384sum a > sums
rm a
sha384sum -c sums
echo "status $?"
## STDOUT:
a: FAILED open or read
status 1
## END
## STDERR:
sha384sum: a: No such file or directory
sha384sum: WARNING: 1 listed file could not be read
## END

#### -c --ignore-missing
printf a > a
printf b > b
sha384sum a b > sums
rm a
sha384sum -c --ignore-missing sums
echo "status $?"
## STDOUT:
b: OK
status 0
## END

#### -c on lines that are not checksums
printf 'junk\nmore junk\n' > sums
sha384sum -c sums
echo "status $?"
## stdout: status 1
## stderr: sha384sum: sums: no properly formatted checksum lines found

#### -c -w warns about bad lines
printf a > a
sha384sum a > sums
echo junk >> sums
sha384sum -c -w sums
echo "status $?"
## STDOUT:
a: OK
status 0
## END
## STDERR:
sha384sum: sums: 2: improperly formatted SHA384 checksum line
sha384sum: WARNING: 1 line is improperly formatted
## END

#### -c --strict fails on bad lines
printf a > a
sha384sum a > sums
echo junk >> sums
sha384sum -c --strict sums
echo "status $?"
## STDOUT:
a: OK
status 1
## END
## stderr: sha384sum: WARNING: 1 line is improperly formatted

#### -c from stdin
printf a > a
sha384sum a | sha384sum -c
## stdout: a: OK

#### an unknown option
sha384sum --bogus
echo "status $?"
## stdout: status 1
## STDERR:
sha384sum: unrecognized option '--bogus'
Try 'sha384sum --help' for more information.
## END
