# basenc: every encoding of coreutils 9.1's basenc

#### base64-and-base64url
printf '\373\377abc' | basenc --base64; printf '\373\377abc' | basenc --base64url
## STDOUT:
+/9hYmM=
-_9hYmM=
## END

#### base64url-decode
printf -- '-_9hYmM=' | basenc --base64url -d | od -An -c
## stdout:  373 377   a   b   c

#### base64url-rejects-plus-slash
printf 'ab+/' | basenc --base64url -d; echo " st=$?"
## stdout:  st=1
## stderr: basenc: invalid input

#### base32-and-base32hex
printf 'abc' | basenc --base32; printf 'abc' | basenc --base32hex; printf 'C5H66===' | basenc --base32hex -d; echo
## STDOUT:
MFRGG===
C5H66===
abc
## END

#### base16
printf 'abc\n' | basenc --base16; printf '6162\n630A' | basenc --base16 -d
## STDOUT:
6162630A
abc
## END

#### base16-invalid
printf '61626' | basenc --base16 -d; echo " st=$?"; printf '6a' | basenc --base16 -d; echo " st=$?"
## STDOUT:
ab st=1
 st=1
## END
## STDERR:
basenc: invalid input
basenc: invalid input
## END

#### base2
printf 'ab' | basenc --base2msbf; printf 'ab' | basenc --base2lsbf; printf '0110000101100010' | basenc --base2msbf -d; echo
## STDOUT:
0110000101100010
1000011001000110
ab
## END

#### base2-partial-byte
printf '0110000' | basenc --base2msbf -d; echo " st=$?"
## stdout:  st=1
## stderr: basenc: invalid input

#### z85
printf 'abcdefgh' | basenc --z85; printf 'vpA.SwObN*' | basenc --z85 -d; echo
## STDOUT:
vpA.SwObN*
abcdefgh
## END

#### z85-bad-length
printf 'abc' | basenc --z85; echo " st=$?"; printf 'vpA.' | basenc --z85 -d; echo " st=$?"
## STDOUT:
 st=1
 st=1
## END
## STDERR:
basenc: invalid input (length must be multiple of 4 characters)
basenc: invalid input
## END

#### z85-overflow
printf '%%%%%%%%%%' | basenc --z85 -d; echo " st=$?"
## stdout:  st=1
## stderr: basenc: invalid input

#### wrap-and-ignore-garbage
seq 5 | basenc --base16 -w 4; printf '61 62\t63' | basenc --base16 -di; echo
## STDOUT:
310A
320A
330A
340A
350A
abc
## END

#### last-encoding-wins
printf 'hi' | basenc --base16 --base32
## stdout: NBUQ====

#### missing-encoding
basenc < /dev/null
## STDERR:
basenc: missing encoding type
Try 'basenc --help' for more information.
## END
## status: 1

#### round-trips
seq 2000 > f; for e in base64 base64url base32 base32hex base16 base2msbf base2lsbf; do basenc --$e f | basenc --$e -d | cmp - f && echo $e; done
## STDOUT:
base64
base64url
base32
base32hex
base16
base2msbf
base2lsbf
## END
