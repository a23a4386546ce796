# md5sum, sha1sum, sha224sum, sha256sum, sha384sum, sha512sum, b2sum

#### md5sum-file
printf 'abc\n' > a; md5sum a
## stdout: 0bee89b07a248e27c83fc3d5951213c1  a

#### md5sum-stdin
printf 'abc\n' | md5sum
## stdout: 0bee89b07a248e27c83fc3d5951213c1  -

#### md5sum-several-and-dash
printf 'abc\n' > a; printf '' > e; md5sum a - e < a
## STDOUT:
0bee89b07a248e27c83fc3d5951213c1  a
0bee89b07a248e27c83fc3d5951213c1  -
d41d8cd98f00b204e9800998ecf8427e  e
## END

#### md5sum-binary-flag
printf 'abc\n' > a; md5sum -b a; md5sum -bt a
## STDOUT:
0bee89b07a248e27c83fc3d5951213c1 *a
0bee89b07a248e27c83fc3d5951213c1  a
## END

#### md5sum-tag
printf 'abc\n' > a; md5sum --tag a
## stdout: MD5 (a) = 0bee89b07a248e27c83fc3d5951213c1

#### sha-family
printf 'abc\n' > a; sha1sum a; sha224sum a; sha256sum a; sha384sum a; sha512sum a
## STDOUT:
03cfd743661f07975fa2f1220c5194cbaff48451  a
f5c93b6f06f7c56d7ea720c121e3b1fb6730e5cf5f18d776bf0f2d88  a
edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb  a
e8d1420b4ff41c3f12186d894a99e1c4aa681da79c47007e9dadecd9ecb0482ee1e224510e7484078c0289f34396b9c3  a
4f285d0c0cc77286d8731798b7aae2639e28270d4166f40d769cbbdca5230714d848483d364e2f39fe6cb9083c15229b39a33615ebc6d57605f7c43f6906739d  a
## END

#### sha-tags
printf 'abc\n' > a; sha1sum --tag a; sha256sum --tag a
## STDOUT:
SHA1 (a) = 03cfd743661f07975fa2f1220c5194cbaff48451
SHA256 (a) = edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb
## END

#### b2sum-length
printf 'abc\n' > a; b2sum -l 64 a; b2sum -l 64 --tag a
## STDOUT:
f82a8208702cda5b  a
BLAKE2b-64 (a) = f82a8208702cda5b
## END

#### name-with-backslash-escaped
printf x > 'b\c'; md5sum 'b\c'; md5sum --tag 'b\c'
## STDOUT:
\9dd4e461268c8034f5c8564e155c67a6  b\\c
\MD5 (b\\c) = 9dd4e461268c8034f5c8564e155c67a6
## END

#### name-with-newline-escaped
printf y > 'n
l'; md5sum n*; md5sum n* | md5sum -c
## STDOUT:
\415290769594460e2e485922904f345d  n\nl
\n\nl: OK
## END

#### zero-terminated-no-escaping
printf y > 'b\c'; md5sum -z 'b\c' | od -c
## STDOUT:
0000000   4   1   5   2   9   0   7   6   9   5   9   4   4   6   0   e
0000020   2   e   4   8   5   9   2   2   9   0   4   f   3   4   5   d
0000040           b   \   c  \0
0000046
## END

#### check-ok
printf 'abc\n' > a; printf 'x' > b; md5sum a b > sums; md5sum -c sums
## STDOUT:
a: OK
b: OK
## END

#### check-failed
printf 'abc\n' > a; md5sum a > sums; printf 'abd\n' > a; md5sum -c sums; echo $?
## STDOUT:
a: FAILED
1
## END
## stderr: md5sum: WARNING: 1 computed checksum did NOT match

#### check-missing-and-misformatted
printf 'abc\n' > a; md5sum a > s; echo junk >> s; echo '0bee89b07a248e27c83fc3d5951213c1  nope' >> s; echo '0bee89b07a248e27c83fc3d5951213c0  a' >> s; md5sum -c s; echo $?
## STDOUT:
a: OK
nope: FAILED open or read
a: FAILED
1
## END
## STDERR:
md5sum: nope: No such file or directory
md5sum: WARNING: 1 line is improperly formatted
md5sum: WARNING: 1 listed file could not be read
md5sum: WARNING: 1 computed checksum did NOT match
## END

#### check-quiet
printf 'abc\n' > a; printf 'x' > b; md5sum a b > s; printf 'y' > b; md5sum -c --quiet s; echo $?
## STDOUT:
b: FAILED
1
## END
## stderr: md5sum: WARNING: 1 computed checksum did NOT match

#### check-status
printf 'abc\n' > a; md5sum a > s; md5sum -c --status s; echo $?; printf 'z' > a; md5sum --status -c s; echo $?
## STDOUT:
0
1
## END

#### check-warn
printf 'abc\n' > a; md5sum a > s; echo 'bad line' >> s; md5sum -cw s
## stdout: a: OK
## STDERR:
md5sum: s: 2: improperly formatted MD5 checksum line
md5sum: WARNING: 1 line is improperly formatted
## END

#### check-strict
printf 'abc\n' > a; (md5sum a; echo bad) > s; md5sum -c s; echo $?; md5sum -c --strict s; echo $?
## STDOUT:
a: OK
0
a: OK
1
## END

#### check-ignore-missing
printf 'abc\n' > a; md5sum a > s; echo '0bee89b07a248e27c83fc3d5951213c1  gone' >> s; md5sum -c --ignore-missing s; echo $?; echo '0bee89b07a248e27c83fc3d5951213c1  gone' | md5sum -c --ignore-missing; echo $?
## STDOUT:
a: OK
0
1
## END
## stderr: md5sum: 'standard input': no file was verified

#### check-stdin-and-tagged-lines
printf 'abc\n' > a; md5sum --tag a | md5sum -c; echo '0BEE89B07A248E27C83FC3D5951213C1 a' | md5sum -c -
## STDOUT:
a: OK
a: OK
## END

#### check-no-proper-lines
echo junk > s; md5sum -c s; echo $?
## stdout: 1
## stderr: md5sum: s: no properly formatted checksum lines found

#### check-comments-and-crlf
printf 'abc\n' > a; printf '# comment\n\n0bee89b07a248e27c83fc3d5951213c1  a\r\n' > s; md5sum -c s
## stdout: a: OK

#### missing-file
printf 'abc\n' > a; md5sum nope a; echo $?
## STDOUT:
0bee89b07a248e27c83fc3d5951213c1  a
1
## END
## stderr: md5sum: nope: No such file or directory

#### directory-operand
mkdir d; sha1sum d
## stderr: sha1sum: d: Is a directory
## status: 1

#### bad-option
md5sum -x
## STDERR:
md5sum: invalid option -- 'x'
Try 'md5sum --help' for more information.
## END
## status: 1

#### tag-with-check
md5sum --tag -c s
## STDERR:
md5sum: the --tag option is meaningless when verifying checksums
Try 'md5sum --help' for more information.
## END
## status: 1

#### quiet-without-check
md5sum --quiet a
## STDERR:
md5sum: the --quiet option is meaningful only when verifying checksums
Try 'md5sum --help' for more information.
## END
## status: 1

#### large-input-streams
seq 1 200000 > big; md5sum big; md5sum < big
## STDOUT:
0e10426a1d5bddffcef02f1345787128  big
0e10426a1d5bddffcef02f1345787128  -
## END
