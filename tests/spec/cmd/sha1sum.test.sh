# sha1sum: digests printed and checked as GNU coreutils 9.1 does

#### empty input
printf '' | sha1sum
## stdout: da39a3ee5e6b4b0d3255bfef95601890afd80709  -

#### a short string on stdin
printf 'abc' | sha1sum
## stdout: a9993e364706816aba3e25717850c26c9cd0d89d  -

#### a file
printf 'abc\n' > f
sha1sum f
## stdout: 03cfd743661f07975fa2f1220c5194cbaff48451  f

#### several files
printf a > a
printf b > b
sha1sum a b
## STDOUT:
86f7e437faa5a7fce15d1ddcb9eaeaea377667b8  a
e9d71f5ee7c92d6dc9e92ffdad17b8bd49418f98  b
## END

#### - is stdin among files
printf a > a
printf b > b
sha1sum a - < b
## STDOUT:
86f7e437faa5a7fce15d1ddcb9eaeaea377667b8  a
e9d71f5ee7c92d6dc9e92ffdad17b8bd49418f98  -
## END

#### a missing file among others
printf a > a
sha1sum nope a
echo "status $?"
## STDOUT:
86f7e437faa5a7fce15d1ddcb9eaeaea377667b8  a
status 1
## END
## stderr: sha1sum: nope: No such file or directory

#### a directory
mkdir d
sha1sum d
echo "status $?"
## stdout: status 1
## stderr: sha1sum: d: Is a directory

#### -b marks binary mode
printf a > a
sha1sum -b a
## stdout: 86f7e437faa5a7fce15d1ddcb9eaeaea377667b8 *a

#### --tag prints BSD-style lines
printf a > a
sha1sum --tag a
## stdout: SHA1 (a) = 86f7e437faa5a7fce15d1ddcb9eaeaea377667b8

#### -z ends lines with NUL
printf a > a
sha1sum -z a | tr '\0' '|'
echo
## stdout: 86f7e437faa5a7fce15d1ddcb9eaeaea377667b8  a|

#### a name with a backslash or newline is escaped
printf a > 'x\y'
printf b > 'n
l'
sha1sum 'x\y' 'n
l'
## STDOUT:
\86f7e437faa5a7fce15d1ddcb9eaeaea377667b8  x\\y
\e9d71f5ee7c92d6dc9e92ffdad17b8bd49418f98  n\nl
## END

#### -c checks what it printed
printf a > a
printf b > b
sha1sum a b > sums
sha1sum -c sums
## STDOUT:
a: OK
b: OK
## END

#### -c reports a changed file
printf a > a
printf b > b
sha1sum a b > sums
printf changed > a
sha1sum -c sums
echo "status $?"
## STDOUT:
a: FAILED
b: OK
status 1
## END
## stderr: sha1sum: WARNING: 1 computed checksum did NOT match

#### -c --quiet prints only failures
printf a > a
printf b > b
sha1sum a b > sums
printf changed > b
sha1sum -c --quiet sums
echo "status $?"
## STDOUT:
b: FAILED
status 1
## END
## stderr: sha1sum: WARNING: 1 computed checksum did NOT match

#### -c --status prints nothing
printf a > a
sha1sum a > sums
sha1sum -c --status sums
echo "ok $?"
printf x > a
sha1sum -c --status sums
echo "changed $?"
## STDOUT:
ok 0
changed 1
## END

#### -c reads --tag lines
printf a > a
sha1sum --tag a > sums
sha1sum -c sums
## stdout: a: OK

#### -c with a missing listed file
printf a > a
sha1sum a > sums
rm a
sha1sum -c sums
echo "status $?"
## STDOUT:
a: FAILED open or read
status 1
## END
## STDERR:
sha1sum: a: No such file or directory
sha1sum: WARNING: 1 listed file could not be read
## END

#### -c --ignore-missing
printf a > a
printf b > b
sha1sum a b > sums
rm a
sha1sum -c --ignore-missing sums
echo "status $?"
## STDOUT:
b: OK
status 0
## END

#### -c on lines that are not checksums
printf 'junk\nmore junk\n' > sums
sha1sum -c sums
echo "status $?"
## stdout: status 1
## stderr: sha1sum: sums: no properly formatted checksum lines found

#### -c -w warns about bad lines
printf a > a
sha1sum a > sums
echo junk >> sums
sha1sum -c -w sums
echo "status $?"
## STDOUT:
a: OK
status 0
## END
## STDERR:
sha1sum: sums: 2: improperly formatted SHA1 checksum line
sha1sum: WARNING: 1 line is improperly formatted
## END

#### -c --strict fails on bad lines
printf a > a
sha1sum a > sums
echo junk >> sums
sha1sum -c --strict sums
echo "status $?"
## STDOUT:
a: OK
status 1
## END
## stderr: sha1sum: WARNING: 1 line is improperly formatted

#### -c from stdin
printf a > a
sha1sum a | sha1sum -c
## stdout: a: OK

#### an unknown option
sha1sum --bogus
echo "status $?"
## stdout: status 1
## STDERR:
sha1sum: unrecognized option '--bogus'
Try 'sha1sum --help' for more information.
## END
