# base32: encode and decode (GNU coreutils 9.1)

#### encode-file
printf 'hello world\n' > f; base32 f
## stdout: NBSWY3DPEB3W64TMMQFA====

#### encode-padding
for s in a ab abc abcd abcde; do printf %s "$s" | base32; done
## STDOUT:
ME======
MFRA====
MFRGG===
MFRGGZA=
MFRGGZDF
## END

#### encode-empty
printf '' | base32; echo end
## stdout: end

#### default-wrap-76
seq 30 | base32
## STDOUT:
GEFDECRTBI2AUNIKGYFDOCRYBI4QUMJQBIYTCCRRGIFDCMYKGE2AUMJVBIYTMCRRG4FDCOAKGE4Q
UMRQBIZDCCRSGIFDEMYKGI2AUMRVBIZDMCRSG4FDEOAKGI4QUMZQBI======
## END

#### wrap-cols
seq 10 | base32 -w 16; seq 10 | base32 --wrap=0; echo
## STDOUT:
GEFDECRTBI2AUNIK
GYFDOCRYBI4QUMJQ
BI======
GEFDECRTBI2AUNIKGYFDOCRYBI4QUMJQBI======
## END

#### decode
printf 'NBSWY3DPEB3W64TMMQFA====\n' | base32 -d; printf 'MFRGG===' | base32 --decode; echo
## STDOUT:
hello world
abc
## END

#### decode-multiline-and-concatenated
printf 'MFRG\nGZDF\n\nMFRGG===MFRA====\n' | base32 -d; echo " st=$?"
## stdout: abcdeabcab st=0

#### decode-invalid
printf 'MFRG GZDF' | base32 -d; echo " st=$?"; printf 'mfrggzdf' | base32 -d; echo " st=$?"; printf 'MFR=====' | base32 -d; echo " st=$?"
## STDOUT:
ab st=1
 st=1
a st=1
## END
## STDERR:
base32: invalid input
base32: invalid input
base32: invalid input
## END

#### decode-truncated
printf 'MFRGG' | base32 -d; echo " st=$?"
## STDOUT:
 st=1
## END
## stderr: base32: invalid input

#### decode-ignore-garbage
printf 'MF*RG GZ\r\nDF\n' | base32 -di; echo " st=$?"
## stdout: abcde st=0

#### binary-round-trip
printf '\0\1\2\377\376 binary\n' > b; base32 b | base32 -d | od -c
## STDOUT:
0000000  \0 001 002 377 376       b   i   n   a   r   y  \n
0000015
## END

#### large-round-trip
seq 1 30000 > big; base32 big | base32 -d | md5sum; md5sum < big; base32 -w 9 big | md5sum
## STDOUT:
0a61f0919f546ce04fc119b028b88a2e  -
0a61f0919f546ce04fc119b028b88a2e  -
88a89cc525b90287ec86731512cec419  -
## END

#### extra-operand
base32 a b
## STDERR:
base32: extra operand 'b'
Try 'base32 --help' for more information.
## END
## status: 1

#### invalid-wrap
base32 -w x
## stderr: base32: invalid wrap size: 'x'
## status: 1

#### missing-file
base32 nope
## stderr: base32: nope: No such file or directory
## status: 1

#### bad-option
base32 --bogus
## STDERR:
base32: unrecognized option '--bogus'
Try 'base32 --help' for more information.
## END
## status: 1
