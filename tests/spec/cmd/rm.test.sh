# rm: remove files and directories

#### rm-file
touch f; rm f; echo *
## stdout: *

#### rm-several-verbose
touch a b; rm -v a b
## STDOUT:
removed 'a'
removed 'b'
## END

#### rm-missing
rm nope
## stderr: rm: cannot remove 'nope': No such file or directory
## status: 1

#### rm-missing-force
rm -f nope; echo $?
## stdout: 0

#### rm-missing-among-others
touch a c; rm a nope c; echo $?; echo *
## STDOUT:
1
*
## END
## stderr: rm: cannot remove 'nope': No such file or directory

#### rm-no-operand
rm
## STDERR:
rm: missing operand
Try 'rm --help' for more information.
## END
## status: 1

#### rm-no-operand-force
rm -f; echo $?
## stdout: 0

#### rm-directory-without-r
mkdir d; rm d
## stderr: rm: cannot remove 'd': Is a directory
## status: 1

#### rm-dir-flag-empty
mkdir d; rm -dv d
## stdout: removed directory 'd'

#### rm-dir-flag-not-empty
mkdir d; touch d/f; rm -d d
## stderr: rm: cannot remove 'd': Directory not empty
## status: 1

#### rm-recursive-verbose
mkdir -p d/e; touch d/e/f; rm -rv d
## STDOUT:
removed 'd/e/f'
removed directory 'd/e'
removed directory 'd'
## END

#### rm-capital-r
mkdir -p d/e; touch d/e/f d/g; rm -R d; echo *
## stdout: *

#### rm-recursive-long
mkdir -p d/e; rm --recursive d; echo *
## stdout: *

#### rm-refuses-dot
rm -r .
## stderr: rm: refusing to remove '.' or '..' directory: skipping '.'
## status: 1

#### rm-refuses-dotdot
rm -r ..
## stderr: rm: refusing to remove '.' or '..' directory: skipping '..'
## status: 1

#### rm-refuses-dot-suffix
mkdir d; rm -rf d/.; echo $?
## stdout: 1
## stderr: rm: refusing to remove '.' or '..' directory: skipping 'd/.'

#### rm-refuses-root
rm -r /
## STDERR:
rm: it is dangerous to operate recursively on '/'
rm: use --no-preserve-root to override this failsafe
## END
## status: 1

#### rm-refuses-root-force
rm -rf /
## STDERR:
rm: it is dangerous to operate recursively on '/'
rm: use --no-preserve-root to override this failsafe
## END
## status: 1

#### rm-trailing-slash-on-file
touch a; rm a/
## stderr: rm: cannot remove 'a/': Not a directory
## status: 1

#### rm-recursive-trailing-slash
mkdir d; touch d/f; rm -rv d/
## STDOUT:
removed 'd/f'
removed directory 'd/'
## END

#### rm-interactive-yes
touch f; echo y | rm -i f; echo *
## stdout: *
## stderr-json: "rm: remove regular empty file 'f'? "

#### rm-interactive-no
echo hi > f; echo n | rm -i f; echo *
## stdout: f
## stderr-json: "rm: remove regular file 'f'? "

#### rm-interactive-eof
: > e; mkdir q; rm -i e q < /dev/null
## stderr: rm: remove regular empty file 'e'? rm: cannot remove 'q': Is a directory
## status: 1

#### rm-interactive-recursive
mkdir -p r/s; touch r/s/t; printf 'y\ny\ny\ny\ny\n' | rm -ri r; echo; echo *
## STDOUT:

*
## END
## stderr-json: "rm: descend into directory 'r'? rm: descend into directory 'r/s'? rm: remove regular empty file 'r/s/t'? rm: remove directory 'r/s'? rm: remove directory 'r'? "

#### rm-interactive-decline-dir-keeps-ancestors
mkdir -p r/s/e; printf 'y\ny\nn\ny\n' | rm -ri r; echo "st=$?"; echo r/*
## STDOUT:
st=0
r/s
## END
## stderr-json: "rm: descend into directory 'r'? rm: descend into directory 'r/s'? rm: remove directory 'r/s/e'? "

#### rm-interactive-decline-file-parent-fails
mkdir r; touch r/u; printf 'y\nn\ny\n' | rm -ri r; echo "st=$?"
## stdout: st=1
## stderr: rm: descend into directory 'r'? rm: remove regular empty file 'r/u'? rm: remove directory 'r'? rm: cannot remove 'r': Directory not empty

#### rm-once-many
touch a b c d; rm -I a b c d < /dev/null; echo $?; echo *
## STDOUT:
0
a b c d
## END
## stderr-json: "rm: remove 4 arguments? "

#### rm-once-few-no-prompt
touch a b; rm -I a b; echo *
## stdout: *

#### rm-once-recursive
mkdir d; echo y | rm -rI d; echo; echo *
## STDOUT:

*
## END
## stderr-json: "rm: remove 1 argument recursively? "

#### rm-force-overrides-interactive
touch a; rm -if a; echo *
## stdout: *

#### rm-interactive-overrides-force
touch a; rm -fi a < /dev/null; echo; echo *
## STDOUT:

a
## END
## stderr-json: "rm: remove regular empty file 'a'? "

#### rm-combined-flags
mkdir -p d/e; touch d/e/f; rm -rfv d nope
## STDOUT:
removed 'd/e/f'
removed directory 'd/e'
removed directory 'd'
## END

#### rm-dashdash
touch ./-x; rm -- -x; echo *
## stdout: *

#### rm-dir-verbose-with-d-and-r
mkdir -p a/b; rm -rdv a
## STDOUT:
removed directory 'a/b'
removed directory 'a'
## END

#### rm-bad-option
rm -k f
## STDERR:
rm: invalid option -- 'k'
Try 'rm --help' for more information.
## END
## status: 1

#### rm-interactive-word
touch f; rm --interactive=never f; echo *
## stdout: *

#### rm-quoted-names
touch 'a b' "it's"; rm -v 'a b' "it's"
## STDOUT:
removed 'a b'
removed "it's"
## END

#### rm-recursive-through-tmp
## bash_diff: /tmp is another file server; the walk must not take it for a loop
mkdir /tmp/x; touch /tmp/x/f; rm -rv /tmp/x
## STDOUT:
removed '/tmp/x/f'
removed directory '/tmp/x'
## END

#### rm-bind-loop
## bash_diff: a Plan 9 bind can put a directory inside itself
mkdir -p d/e/loop; bind /home/user/d d/e/loop; rm -r d; echo $?
## stdout: 1
## STDERR:
rm: cannot remove 'd/e/loop': Too many levels of symbolic links
rm: cannot remove 'd/e': Directory not empty
rm: cannot remove 'd': Directory not empty
## END
