# base64: encode and decode (GNU coreutils 9.1)

#### encode-file
printf 'hello world\n' > f; base64 f
## stdout: aGVsbG8gd29ybGQK

#### encode-stdin-and-dash
printf 'abc' | base64; printf 'abcd' | base64 -
## STDOUT:
YWJj
YWJjZA==
## END

#### encode-empty
printf '' | base64; echo end
## stdout: end

#### encode-padding
printf 'a' | base64; printf 'ab' | base64; printf 'abc' | base64
## STDOUT:
YQ==
YWI=
YWJj
## END

#### default-wrap-76
seq 30 | base64
## STDOUT:
MQoyCjMKNAo1CjYKNwo4CjkKMTAKMTEKMTIKMTMKMTQKMTUKMTYKMTcKMTgKMTkKMjAKMjEKMjIK
MjMKMjQKMjUKMjYKMjcKMjgKMjkKMzAK
## END

#### wrap-cols
seq 30 | base64 -w 20; seq 30 | base64 --wrap=10 | md5sum
## STDOUT:
MQoyCjMKNAo1CjYKNwo4
CjkKMTAKMTEKMTIKMTMK
MTQKMTUKMTYKMTcKMTgK
MTkKMjAKMjEKMjIKMjMK
MjQKMjUKMjYKMjcKMjgK
MjkKMzAK
30aaf0463e87a00141e0060656e65bf0  -
## END

#### no-wrap
seq 30 | base64 -w0; echo; seq 30 | base64 -w 0 | base64 -d | md5sum; seq 30 | md5sum
## STDOUT:
MQoyCjMKNAo1CjYKNwo4CjkKMTAKMTEKMTIKMTMKMTQKMTUKMTYKMTcKMTgKMTkKMjAKMjEKMjIKMjMKMjQKMjUKMjYKMjcKMjgKMjkKMzAK
da89770dab7dcab843f2ce109bb879ca  -
da89770dab7dcab843f2ce109bb879ca  -
## END

#### decode
printf 'aGVsbG8gd29ybGQK\n' | base64 -d; printf 'YWJj' | base64 --decode; echo
## STDOUT:
hello world
abc
## END

#### decode-multiline
printf 'YW\nJj\n\nZGVm\n' | base64 -d; echo
## stdout: abcdef

#### decode-binary-round-trip
printf '\0\1\2\377\376 binary\n' > b; base64 b > b.txt; base64 -d b.txt | od -c
## STDOUT:
0000000  \0 001 002 377 376       b   i   n   a   r   y  \n
0000015
## END

#### decode-invalid
printf 'YW Jj\n' | base64 -d; echo " st=$?"; printf 'YWJj=YWJj' | base64 -d; echo " st=$?"
## STDOUT:
a st=1
abc st=1
## END
## STDERR:
base64: invalid input
base64: invalid input
## END

#### decode-truncated
printf 'YWJ' | base64 -d; echo " st=$?"; printf 'Y' | base64 -d; echo " st=$?"; printf 'YQ=' | base64 -d; echo " st=$?"
## STDOUT:
ab st=1
 st=1
a st=1
## END
## STDERR:
base64: invalid input
base64: invalid input
base64: invalid input
## END

#### decode-padding-mid-stream
printf 'YWJjYQ==YWJj' | base64 -d; echo " st=$?"
## stdout: abcaabc st=0

#### decode-carriage-return-invalid
printf 'YWJj\r\n' | base64 -d; echo " st=$?"
## stdout: abc st=1
## stderr: base64: invalid input

#### decode-ignore-garbage
printf 'YW*Jj\r\n!ZA==\n' | base64 -di; echo " st=$?"
## stdout: abcd st=0

#### large-round-trip
seq 1 50000 > big; base64 big | base64 -d | md5sum; md5sum < big; base64 -w 7 big | md5sum
## STDOUT:
c1d4ba52c72ac7bcc71ff2d6c083e684  -
c1d4ba52c72ac7bcc71ff2d6c083e684  -
49f22dccc75d725712286b2776bded99  -
## END

#### extra-operand
base64 a b
## STDERR:
base64: extra operand 'b'
Try 'base64 --help' for more information.
## END
## status: 1

#### invalid-wrap
base64 -w x; base64 -w -1 < /dev/null
## STDERR:
base64: invalid wrap size: 'x'
base64: invalid wrap size: '-1'
## END
## status: 1

#### missing-file
base64 nope
## stderr: base64: nope: No such file or directory
## status: 1

#### directory
mkdir d; base64 d
## stderr: base64: read error: Is a directory
## status: 1

#### bad-option
base64 -x
## STDERR:
base64: invalid option -- 'x'
Try 'base64 --help' for more information.
## END
## status: 1
