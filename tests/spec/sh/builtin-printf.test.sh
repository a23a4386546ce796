# printf builtin

#### printf-string
printf '%s\n' hello
## stdout: hello

#### printf-no-trailing-newline
printf abc
## stdout-json: "abc"

#### printf-reuses-format
printf '%s-' a b c; echo
## stdout: a-b-c-

#### printf-reuses-format-partial
printf '[%s %s]\n' a b c
## STDOUT:
[a b]
[c ]
## END

#### printf-missing-args
printf '%s|%d|%s\n'
## stdout: |0|

#### printf-integers
printf '%d %i %u\n' 42 -7 5
## stdout: 42 -7 5

#### printf-octal-hex
printf '%o %x %X %#x %#o\n' 8 255 255 255 8
## stdout: 10 ff FF 0xff 010

#### printf-float
printf '%f %.2f %e %g %g\n' 1.5 3.14159 12345 0.0001 100000000
## stdout: 1.500000 3.14 1.234500e+04 0.0001 1e+08

#### printf-char
printf '%c%c\n' hello world
## stdout: hw

#### printf-percent-literal
printf '100%%\n'
## stdout: 100%

#### printf-width
printf '[%5s][%-5s][%5d][%-5d]\n' ab ab 42 42
## stdout: [   ab][ab   ][   42][42   ]

#### printf-zero-pad
printf '[%05d][%03d]\n' 42 -5
## stdout: [00042][-05]

#### printf-plus-and-space-flags
printf '[%+d][% d][%+d]\n' 5 5 -5
## stdout: [+5][ 5][-5]

#### printf-precision-string
printf '[%.2s][%5.1s]\n' abcdef xyz
## stdout: [ab][    x]

#### printf-precision-int
printf '[%.3d]\n' 7
## stdout: [007]

#### printf-star-width
printf '[%*d][%-*s]\n' 4 7 3 a
## stdout: [   7][a  ]

#### printf-star-precision
printf '[%.*f]\n' 2 3.14159
## stdout: [3.14]

#### printf-escapes-in-format
printf 'a\tb\\c\101\n'
## stdout: a	b\cA

#### printf-b-expands-escapes
printf '%b|%s\n' 'x\ty' 'x\ty'
## stdout: x	y|x\ty

#### printf-b-backslash-c-stops
printf '%b' 'ab\cde' 'more'; echo
## stdout: ab

#### printf-q-simple-words
printf '%q\n' abc file.txt 42
## STDOUT:
abc
file.txt
42
## END

#### printf-v-assigns
printf -v out '%s=%d' x 5
echo "[$out]"
## stdout: [x=5]

#### printf-v-array-element
a=(x y)
printf -v 'a[1]' '%s' new
echo ${a[@]}
## stdout: x new

#### printf-char-constant-arg
printf '%d %d\n' "'A" '"a'
## stdout: 65 97

#### printf-hex-and-octal-args
printf '%d %d\n' 0x10 010
## stdout: 16 8

#### printf-invalid-number
printf '%d\n' abc
echo status=$?
## STDOUT:
0
status=1
## END
## STDERR:
sh: line 1: printf: abc: invalid number
## END

#### printf-partial-number
printf '%d\n' 12abc
echo status=$?
## STDOUT:
12
status=1
## END
## STDERR:
sh: line 1: printf: 12abc: invalid number
## END

#### printf-no-format-error
printf
echo status=$?
## stdout: status=2
## STDERR:
printf: usage: printf [-v var] format [arguments]
## END

#### printf-negative-width-via-star
printf '[%*s]\n' -4 ab
## stdout: [ab  ]

#### printf-dash-dash
printf -- '%s\n' -x
## stdout: -x

#### printf-empty-format-with-args
printf '' a b
echo "[$?]"
## stdout: [0]

#### printf-literal-only-with-args-prints-once
printf 'hi\n' a b
## stdout: hi

#### printf-invalid-directive
printf '%y\n' a
echo status=$?
## stdout: status=1
## STDERR:
sh: line 1: printf: `y': invalid format character
## END

#### printf-large-unsigned
printf '%u\n' -1
## stdout: 18446744073709551615

#### printf-string-with-percent-in-arg
printf '%s\n' '100%'
## stdout: 100%

#### printf %(…)T in an exported TZ
export TZ=America/New_York
printf '%(%F %T %Z)T\n' 0
printf '[%20(%H:%M)T] [%-8(%H)T] [%.4(%Y-%m)T]\n' 0 0 0
unset TZ
printf '%(%F %T %Z)T\n' 86400
## STDOUT:
1969-12-31 19:00:00 EST
[               19:00] [19      ] [1969]
1970-01-02 00:00:00 UTC
## END

#### printf %(…)T: an unexported TZ is not the C library's
unset TZ
TZ=Asia/Tokyo
printf '%(%H %Z)T\n' 0
export TZ
printf '%(%H %Z)T\n' 0
## STDOUT:
00 UTC
09 JST
## END
