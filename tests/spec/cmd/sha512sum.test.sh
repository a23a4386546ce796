# sha512sum: digests printed and checked as GNU coreutils 9.1 does

#### empty input
printf '' | sha512sum
## stdout: cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e  -

#### a short string on stdin
printf 'abc' | sha512sum
## stdout: ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f  -

#### a file
printf 'abc\n' > f
sha512sum f
## stdout: 4f285d0c0cc77286d8731798b7aae2639e28270d4166f40d769cbbdca5230714d848483d364e2f39fe6cb9083c15229b39a33615ebc6d57605f7c43f6906739d  f

#### several files
printf a > a
printf b > b
sha512sum a b
## STDOUT:
1f40fc92da241694750979ee6cf582f2d5d7d28e18335de05abc54d0560e0f5302860c652bf08d560252aa5e74210546f369fbbbce8c12cfc7957b2652fe9a75  a
5267768822ee624d48fce15ec5ca79cbd602cb7f4c2157a516556991f22ef8c7b5ef7b18d1ff41c59370efb0858651d44a936c11b7b144c48fe04df3c6a3e8da  b
## END

#### - is stdin among files
printf a > a
printf b > b
sha512sum a - < b
## STDOUT:
1f40fc92da241694750979ee6cf582f2d5d7d28e18335de05abc54d0560e0f5302860c652bf08d560252aa5e74210546f369fbbbce8c12cfc7957b2652fe9a75  a
5267768822ee624d48fce15ec5ca79cbd602cb7f4c2157a516556991f22ef8c7b5ef7b18d1ff41c59370efb0858651d44a936c11b7b144c48fe04df3c6a3e8da  -
## END

#### a missing file among others
printf a > a
sha512sum nope a
echo "status $?"
## STDOUT:
1f40fc92da241694750979ee6cf582f2d5d7d28e18335de05abc54d0560e0f5302860c652bf08d560252aa5e74210546f369fbbbce8c12cfc7957b2652fe9a75  a
status 1
## END
## stderr: sha512sum: nope: No such file or directory

#### a directory
mkdir d
sha512sum d
echo "status $?"
## stdout: status 1
## stderr: sha512sum: d: Is a directory

#### -b marks binary mode
printf a > a
sha512sum -b a
## stdout: 1f40fc92da241694750979ee6cf582f2d5d7d28e18335de05abc54d0560e0f5302860c652bf08d560252aa5e74210546f369fbbbce8c12cfc7957b2652fe9a75 *a

#### --tag prints BSD-style lines
printf a > a
sha512sum --tag a
## stdout: SHA512 (a) = 1f40fc92da241694750979ee6cf582f2d5d7d28e18335de05abc54d0560e0f5302860c652bf08d560252aa5e74210546f369fbbbce8c12cfc7957b2652fe9a75

#### -z ends lines with NUL
printf a > a
sha512sum -z a | tr '\0' '|'
echo
## stdout: 1f40fc92da241694750979ee6cf582f2d5d7d28e18335de05abc54d0560e0f5302860c652bf08d560252aa5e74210546f369fbbbce8c12cfc7957b2652fe9a75  a|

#### a name with a backslash or newline is escaped
printf a > 'x\y'
printf b > 'n
l'
sha512sum 'x\y' 'n
l'
## STDOUT:
\1f40fc92da241694750979ee6cf582f2d5d7d28e18335de05abc54d0560e0f5302860c652bf08d560252aa5e74210546f369fbbbce8c12cfc7957b2652fe9a75  x\\y
\5267768822ee624d48fce15ec5ca79cbd602cb7f4c2157a516556991f22ef8c7b5ef7b18d1ff41c59370efb0858651d44a936c11b7b144c48fe04df3c6a3e8da  n\nl
## END

#### -c checks what it printed
printf a > a
printf b > b
sha512sum a b > sums
sha512sum -c sums
## STDOUT:
a: OK
b: OK
## END

#### -c reports a changed file
printf a > a
printf b > b
sha512sum a b > sums
printf changed > a
sha512sum -c sums
echo "status $?"
## STDOUT:
a: FAILED
b: OK
status 1
## END
## stderr: sha512sum: WARNING: 1 computed checksum did NOT match

#### -c --quiet prints only failures
printf a > a
printf b > b
sha512sum a b > sums
printf changed > b
sha512sum -c --quiet sums
echo "status $?"
## STDOUT:
b: FAILED
status 1
## END
## stderr: sha512sum: WARNING: 1 computed checksum did NOT match

#### -c --status prints nothing
printf a > a
sha512sum a > sums
sha512sum -c --status sums
echo "ok $?"
printf x > a
sha512sum -c --status sums
echo "changed $?"
## STDOUT:
ok 0
changed 1
## END

#### -c reads --tag lines
printf a > a
sha512sum --tag a > sums
sha512sum -c sums
## stdout: a: OK

#### -c with a missing listed file
printf a > a
sha512sum a > sums
rm a
sha512sum -c sums
echo "status $?"
## STDOUT:
a: FAILED open or read
status 1
## END
## STDERR:
sha512sum: a: No such file or directory
sha512sum: WARNING: 1 listed file could not be read
## END

#### -c --ignore-missing
printf a > a
printf b > b
sha512sum a b > sums
rm a
sha512sum -c --ignore-missing sums
echo "status $?"
## STDOUT:
b: OK
status 0
## END

#### -c on lines that are not checksums
printf 'junk\nmore junk\n' > sums
sha512sum -c sums
echo "status $?"
## stdout: status 1
## stderr: sha512sum: sums: no properly formatted checksum lines found

#### -c -w warns about bad lines
printf a > a
sha512sum a > sums
echo junk >> sums
sha512sum -c -w sums
echo "status $?"
## STDOUT:
a: OK
status 0
## END
## STDERR:
sha512sum: sums: 2: improperly formatted SHA512 checksum line
sha512sum: WARNING: 1 line is improperly formatted
## END

#### -c --strict fails on bad lines
printf a > a
sha512sum a > sums
echo junk >> sums
sha512sum -c --strict sums
echo "status $?"
## STDOUT:
a: OK
status 1
## END
## stderr: sha512sum: WARNING: 1 line is improperly formatted

#### -c from stdin
printf a > a
sha512sum a | sha512sum -c
## stdout: a: OK

#### an unknown option
sha512sum --bogus
echo "status $?"
## stdout: status 1
## STDERR:
sha512sum: unrecognized option '--bogus'
Try 'sha512sum --help' for more information.
## END
