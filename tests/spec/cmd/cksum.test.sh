# cksum: CRC and the other digests of GNU coreutils 9.1's cksum

#### crc-file
printf 'abc\n' > a; cksum a
## stdout: 1112837078 4 a

#### crc-stdin-no-name
printf 'abc\n' | cksum
## stdout: 1112837078 4

#### crc-dash-is-named
printf 'abc\n' > a; cksum a - < a
## STDOUT:
1112837078 4 a
1112837078 4 -
## END

#### crc-empty
printf '' > e; cksum e
## stdout: 4294967295 0 e

#### crc-larger
seq 1 100000 > big; cksum big; cksum < big
## STDOUT:
2052179976 588895 big
2052179976 588895
## END

#### algorithm-md5-tagged
printf 'abc\n' > a; cksum -a md5 a
## stdout: MD5 (a) = 0bee89b07a248e27c83fc3d5951213c1

#### algorithm-untagged
printf 'abc\n' > a; cksum -a sha256 --untagged a; cksum --algorithm=sha1 --untagged a
## STDOUT:
edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb  a
03cfd743661f07975fa2f1220c5194cbaff48451  a
## END

#### algorithm-bsd-sysv
printf 'abc\n' > a; cksum -a bsd a; cksum -a sysv a; cksum -a bsd < a; cksum -a sysv - < a
## STDOUT:
08288     1 a
304 1 a
08288     1
304 1 -
## END

#### algorithm-sha-all
printf 'abc\n' > a; for x in sha1 sha224 sha256 sha384 sha512 blake2b sm3; do cksum -a $x a; done
## STDOUT:
SHA1 (a) = 03cfd743661f07975fa2f1220c5194cbaff48451
SHA224 (a) = f5c93b6f06f7c56d7ea720c121e3b1fb6730e5cf5f18d776bf0f2d88
SHA256 (a) = edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb
SHA384 (a) = e8d1420b4ff41c3f12186d894a99e1c4aa681da79c47007e9dadecd9ecb0482ee1e224510e7484078c0289f34396b9c3
SHA512 (a) = 4f285d0c0cc77286d8731798b7aae2639e28270d4166f40d769cbbdca5230714d848483d364e2f39fe6cb9083c15229b39a33615ebc6d57605f7c43f6906739d
BLAKE2b (a) = 426526ad3aa99ac6bbb98555c6c30b5a55189d0d7537d9214053b886f365a84bd7e68c91b544a8f485fa842c0ea9fbc4fb92277290264e685eed9e67b7621fc9
SM3 (a) = 12d4e804e1fcfdc181ed383aa07ba76cc69d8aedcbb7742d6e28ff4fb7776c34
## END

#### blake2b-length
printf 'abc\n' > a; cksum -a blake2b -l 64 a; cksum -a blake2b -l 128 --untagged a
## STDOUT:
BLAKE2b-64 (a) = f82a8208702cda5b
63a03738a73b8a2228e0765bd1777429  a
## END

#### check-tagged-mixed
printf 'abc\n' > a; printf 'x' > b; cksum -a md5 a > s; cksum -a sha1 b >> s; cksum -a blake2b -l 32 a >> s; cksum -c s
## STDOUT:
a: OK
b: OK
a: OK
## END

#### check-untagged-needs-algorithm
printf 'abc\n' > a; cksum -a md5 --untagged a > s; cksum -c s; echo $?; cksum -a md5 -c s
## STDOUT:
1
a: OK
## END
## stderr: cksum: s: no properly formatted checksum lines found

#### check-failed
printf 'abc\n' > a; cksum -a sha256 a > s; printf 'abd\n' > a; cksum -c s; echo $?
## STDOUT:
a: FAILED
1
## END
## stderr: cksum: WARNING: 1 computed checksum did NOT match

#### check-crc-not-supported
cksum -a crc -c s
## stderr: cksum: --check is not supported with --algorithm={bsd,sysv,crc}
## status: 1

#### check-warn-line
echo x > s; cksum -c -w s
## STDERR:
cksum: s: 1: improperly formatted CRC checksum line
cksum: s: no properly formatted checksum lines found
## END
## status: 1

#### zero-terminated
printf 'abc\n' > a; cksum -z a | od -c
## STDOUT:
0000000   1   1   1   2   8   3   7   0   7   8       4       a  \0
0000017
## END

#### missing-file
printf 'abc\n' > a; cksum nope a
## stdout: 1112837078 4 a
## stderr: cksum: nope: No such file or directory
## status: 1

#### directory
mkdir d; cksum -a md5 d; echo $?; cksum -a bsd d
## stdout: 1
## STDERR:
cksum: d: Is a directory
cksum: d: Is a directory
## END
## status: 1

#### bad-algorithm
cksum -a foo a
## STDERR:
cksum: invalid argument 'foo' for '--algorithm'
Valid arguments are:
  - 'bsd'
  - 'sysv'
  - 'crc'
  - 'md5'
  - 'sha1'
  - 'sha224'
  - 'sha256'
  - 'sha384'
  - 'sha512'
  - 'blake2b'
  - 'sm3'
Try 'cksum --help' for more information.
## END
## status: 1

#### length-without-blake2b
cksum -l 8 a
## stderr: cksum: --length is only supported with --algorithm=blake2b
## status: 1

#### bad-length
cksum -a blake2b -l 7 a; cksum -a blake2b -l 1024 a
## STDERR:
cksum: invalid length: '7'
cksum: length is not a multiple of 8
cksum: invalid length: '1024'
cksum: maximum digest length for 'BLAKE2b' is 512 bits
## END
## status: 1
