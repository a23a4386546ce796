# echo builtin

#### echo-basic-args
echo a  b   c
## stdout: a b c

#### echo-no-args-newline
echo
## stdout-json: "\n"

#### echo-n-no-newline
echo -n abc
## stdout-json: "abc"

#### echo-e-escapes
echo -e 'a\tb\nc'
## STDOUT:
a	b
c
## END

#### echo-default-no-escapes
echo 'a\tb'
## stdout: a\tb

#### echo-capital-e-disables
echo -E 'a\nb'
## stdout: a\nb

#### echo-e-backslash-c-stops
echo -e 'abc\cdef'; echo next
## stdout-json: "abcnext\n"

#### echo-e-octal-and-hex
echo -e '\0101\x42\0103'
## stdout: ABC

#### echo-e-backslash-backslash
echo -e 'a\\b'
## stdout: a\b

#### echo-combined-flags
echo -ne 'x\ty'
## stdout-json: "x\ty"

#### echo-dash-dash-printed
echo -- a
## stdout: -- a

#### echo-invalid-flag-printed
echo -z a
## stdout: -z a

#### echo-flag-after-word-printed
echo a -n
## stdout: a -n

#### echo-multiple-n-flags
echo -n -n x; echo
## stdout: x

#### echo-dash-alone
echo -
## stdout: -

#### echo-e-escape-e-and-a
x=$(echo -e '\e\a')
echo ${#x}
## stdout: 2

#### echo-empty-string-arg
echo '' x ''
## stdout-json: " x \n"

#### echo-status-zero
echo hi > /dev/null
echo $?
## stdout: 0

#### echo-write-error-status
echo hi >&-
echo $?
## stdout: 1
