# sha224sum: digests printed and checked as GNU coreutils 9.1 does

#### empty input
printf '' | sha224sum
## stdout: d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f  -

#### a short string on stdin
printf 'abc' | sha224sum
## stdout: 23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7  -

#### a file
printf 'abc\n' > f
sha224sum f
## stdout: f5c93b6f06f7c56d7ea720c121e3b1fb6730e5cf5f18d776bf0f2d88  f

#### several files
printf a > a
printf b > b
sha224sum a b
## STDOUT:
abd37534c7d9a2efb9465de931cd7055ffdb8879563ae98078d6d6d5  a
c681e18b81edaf2b66dd22376734dba5992e362bc3f91ab225854c17  b
## END

#### - is stdin among files
printf a > a
printf b > b
sha224sum a - < b
## STDOUT:
abd37534c7d9a2efb9465de931cd7055ffdb8879563ae98078d6d6d5  a
c681e18b81edaf2b66dd22376734dba5992e362bc3f91ab225854c17  -
## END

#### a missing file among others
printf a > a
sha224sum nope a
echo "status $?"
## STDOUT:
abd37534c7d9a2efb9465de931cd7055ffdb8879563ae98078d6d6d5  a
status 1
## END
## stderr: sha224sum: nope: No such file or directory

#### a directory
mkdir d
sha224sum d
echo "status $?"
## stdout: status 1
## stderr: sha224sum: d: Is a directory

#### -b marks binary mode
printf a > a
sha224sum -b a
## stdout: abd37534c7d9a2efb9465de931cd7055ffdb8879563ae98078d6d6d5 *a

#### --tag prints BSD-style lines
printf a > a
sha224sum --tag a
## stdout: SHA224 (a) = abd37534c7d9a2efb9465de931cd7055ffdb8879563ae98078d6d6d5

#### -z ends lines with NUL
printf a > a
sha224sum -z a | tr '\0' '|'
echo
## stdout: abd37534c7d9a2efb9465de931cd7055ffdb8879563ae98078d6d6d5  a|

#### a name with a backslash or newline is escaped
printf a > 'x\y'
printf b > 'n
l'
sha224sum 'x\y' 'n
l'
## STDOUT:
\abd37534c7d9a2efb9465de931cd7055ffdb8879563ae98078d6d6d5  x\\y
\c681e18b81edaf2b66dd22376734dba5992e362bc3f91ab225854c17  n\nl
## END

#### -c checks what it printed
printf a > a
printf b > b
sha224sum a b > sums
sha224sum -c sums
## STDOUT:
a: OK
b: OK
## END

#### -c reports a changed file
printf a > a
printf b > b
sha224sum a b > sums
printf changed > a
sha224sum -c sums
echo "status $?"
## STDOUT:
a: FAILED
b: OK
status 1
## END
## stderr: sha224sum: WARNING: 1 computed checksum did NOT match

#### -c --quiet prints only failures
printf a > a
printf b > b
sha224sum a b > sums
printf changed > b
sha224sum -c --quiet sums
echo "status $?"
## STDOUT:
b: FAILED
status 1
## END
## stderr: sha224sum: WARNING: 1 computed checksum did NOT match

#### -c --status prints nothing
printf a > a
sha224sum a > sums
sha224sum -c --status sums
echo "ok $?"
printf x > a
sha224sum -c --status sums
echo "changed $?"
## STDOUT:
ok 0
changed 1
## END

#### -c reads --tag lines
printf a > a
sha224sum --tag a > sums
sha224sum -c sums
## stdout: a: OK

#### -c with a missing listed file
printf a > a
sha224sum a > sums
rm a
sha224sum -c sums
echo "status $?"
## STDOUT:
a: FAILED open or read
status 1
## END
## STDERR:
sha224sum: a: No such file or directory
sha224sum: WARNING: 1 listed file could not be read
## END

#### -c --ignore-missing
printf a > a
printf b > b
sha224sum a b > sums
rm a
sha224sum -c --ignore-missing sums
echo "status $?"
## STDOUT:
b: OK
status 0
## END

#### -c on lines that are not checksums
printf 'junk\nmore junk\n' > sums
sha224sum -c sums
echo "status $?"
## stdout: status 1
## stderr: sha224sum: sums: no properly formatted checksum lines found

#### -c -w warns about bad lines
printf a > a
sha224sum a > sums
echo junk >> sums
sha224sum -c -w sums
echo "status $?"
## STDOUT:
a: OK
status 0
## END
## STDERR:
sha224sum: sums: 2: improperly formatted SHA224 checksum line
sha224sum: WARNING: 1 line is improperly formatted
## END

#### -c --strict fails on bad lines
printf a > a
sha224sum a > sums
echo junk >> sums
sha224sum -c --strict sums
echo "status $?"
## STDOUT:
a: OK
status 1
## END
## stderr: sha224sum: WARNING: 1 line is improperly formatted

#### -c from stdin
printf a > a
sha224sum a | sha224sum -c
## stdout: a: OK

#### an unknown option
sha224sum --bogus
echo "status $?"
## stdout: status 1
## STDERR:
sha224sum: unrecognized option '--bogus'
Try 'sha224sum --help' for more information.
## END
