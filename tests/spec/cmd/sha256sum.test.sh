# sha256sum: digests printed and checked as GNU coreutils 9.1 does

#### empty input
printf '' | sha256sum
## stdout: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  -

#### a short string on stdin
printf 'abc' | sha256sum
## stdout: ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -

#### a file
printf 'abc\n' > f
sha256sum f
## stdout: edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb  f

#### several files
printf a > a
printf b > b
sha256sum a b
## STDOUT:
ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb  a
3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d  b
## END

#### - is stdin among files
printf a > a
printf b > b
sha256sum a - < b
## STDOUT:
ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb  a
3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d  -
## END

#### a missing file among others
printf a > a
sha256sum nope a
echo "status $?"
## STDOUT:
ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb  a
status 1
## END
## stderr: sha256sum: nope: No such file or directory

#### a directory
mkdir d
sha256sum d
echo "status $?"
## stdout: status 1
## stderr: sha256sum: d: Is a directory

#### -b marks binary mode
printf a > a
sha256sum -b a
## stdout: ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb *a

#### --tag prints BSD-style lines
printf a > a
sha256sum --tag a
## stdout: SHA256 (a) = ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb

#### -z ends lines with NUL
printf a > a
sha256sum -z a | tr '\0' '|'
echo
## stdout: ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb  a|

#### a name with a backslash or newline is escaped
printf a > 'x\y'
printf b > 'n
l'
sha256sum 'x\y' 'n
l'
## STDOUT:
\ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb  x\\y
\3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d  n\nl
## END

#### -c checks what it printed
printf a > a
printf b > b
sha256sum a b > sums
sha256sum -c sums
## STDOUT:
a: OK
b: OK
## END

#### -c reports a changed file
printf a > a
printf b > b
sha256sum a b > sums
printf changed > a
sha256sum -c sums
echo "status $?"
## STDOUT:
a: FAILED
b: OK
status 1
## END
## stderr: sha256sum: WARNING: 1 computed checksum did NOT match

#### -c --quiet prints only failures
printf a > a
printf b > b
sha256sum a b > sums
printf changed > b
sha256sum -c --quiet sums
echo "status $?"
## STDOUT:
b: FAILED
status 1
## END
## stderr: sha256sum: WARNING: 1 computed checksum did NOT match

#### -c --status prints nothing
printf a > a
sha256sum a > sums
sha256sum -c --status sums
echo "ok $?"
printf x > a
sha256sum -c --status sums
echo "changed $?"
## STDOUT:
ok 0
changed 1
## END

#### -c reads --tag lines
printf a > a
sha256sum --tag a > sums
sha256sum -c sums
## stdout: a: OK

#### -c with a missing listed file
printf a > a
sha256sum a > sums
rm a
sha256sum -c sums
echo "status $?"
## STDOUT:
a: FAILED open or read
status 1
## END
## STDERR:
sha256sum: a: No such file or directory
sha256sum: WARNING: 1 listed file could not be read
## END

#### -c --ignore-missing
printf a > a
printf b > b
sha256sum a b > sums
rm a
sha256sum -c --ignore-missing sums
echo "status $?"
## STDOUT:
b: OK
status 0
## END

#### -c on lines that are not checksums
printf 'junk\nmore junk\n' > sums
sha256sum -c sums
echo "status $?"
## stdout: status 1
## stderr: sha256sum: sums: no properly formatted checksum lines found

#### -c -w warns about bad lines
printf a > a
sha256sum a > sums
echo junk >> sums
sha256sum -c -w sums
echo "status $?"
## STDOUT:
a: OK
status 0
## END
## STDERR:
sha256sum: sums: 2: improperly formatted SHA256 checksum line
sha256sum: WARNING: 1 line is improperly formatted
## END

#### -c --strict fails on bad lines
printf a > a
sha256sum a > sums
echo junk >> sums
sha256sum -c --strict sums
echo "status $?"
## STDOUT:
a: OK
status 1
## END
## stderr: sha256sum: WARNING: 1 line is improperly formatted

#### -c from stdin
printf a > a
sha256sum a | sha256sum -c
## stdout: a: OK

#### an unknown option
sha256sum --bogus
echo "status $?"
## stdout: status 1
## STDERR:
sha256sum: unrecognized option '--bogus'
Try 'sha256sum --help' for more information.
## END
