# getconf: system configuration values (glibc 2.36's getconf)

#### c-type-limits
getconf LONG_BIT; getconf WORD_BIT; getconf INT_MAX; getconf UINT_MAX; getconf CHAR_BIT
## STDOUT:
64
32
2147483647
4294967295
8
## END

#### more-type-limits
getconf ULONG_MAX; getconf SHRT_MIN; getconf UCHAR_MAX
## STDOUT:
18446744073709551615
-32768
255
## END

#### page-size
getconf PAGESIZE; getconf PAGE_SIZE
## STDOUT:
4096
4096
## END

#### path-limits
getconf PATH_MAX /; getconf NAME_MAX .; getconf _POSIX_NAME_MAX /
## STDOUT:
4096
255
255
## END

#### posix-versions
getconf _POSIX_VERSION; getconf POSIX2_VERSION; getconf _XOPEN_VERSION
## STDOUT:
200809
200809
700
## END

#### misc-limits
getconf LINE_MAX; getconf HOST_NAME_MAX; getconf LOGIN_NAME_MAX; getconf CLK_TCK; getconf NZERO
## STDOUT:
2048
64
256
100
20
## END

#### bc-and-re-limits
getconf BC_BASE_MAX; getconf BC_SCALE_MAX; getconf BC_DIM_MAX; getconf RE_DUP_MAX
## STDOUT:
99
99
2048
32767
## END

#### processors
getconf _NPROCESSORS_ONLN; getconf _NPROCESSORS_CONF
## STDOUT:
1
1
## END
## bash_diff: the host has more processors than ninebox's one

#### path
getconf PATH
## stdout: /bin
## bash_diff: ninebox's programs are all in /bin

#### unknown-variable
getconf NOSUCHTHING; echo "st=$?"
## stdout: st=2
## stderr: getconf: Unrecognized variable `NOSUCHTHING'

#### path-variable-needs-path
getconf PATH_MAX; echo "st=$?"
## stdout: st=2
## STDERR:
Usage: getconf [-v specification] variable_name [pathname]
       getconf -a [pathname]
## END

#### system-variable-takes-no-path
getconf LONG_BIT /; echo "st=$?"
## stdout: st=2
## STDERR:
Usage: getconf [-v specification] variable_name [pathname]
       getconf -a [pathname]
## END

#### no-operand
getconf; echo "st=$?"
## stdout: st=2
## STDERR:
Usage: getconf [-v specification] variable_name [pathname]
       getconf -a [pathname]
## END

#### specification
getconf -v POSIX_V7_LP64_OFF64 LONG_BIT
## stdout: 64

#### all-lists-names-and-values
getconf -a | grep -E '^(PAGESIZE|LONG_BIT|_POSIX_VERSION) ' | tr -s ' ' | sort
## STDOUT:
LONG_BIT 64
PAGESIZE 4096
_POSIX_VERSION 200809
## END

#### open-max-is-the-fd-limit
getconf OPEN_MAX
## stdout: 1024
## bash_diff: ninebox's fd table holds 1024 fds; the host's limit is its own
