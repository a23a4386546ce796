# mkdir: make directories

#### mkdir-simple
mkdir d && test -d d && echo ok
## stdout: ok

#### mkdir-several-verbose
mkdir -v x y z
## STDOUT:
mkdir: created directory 'x'
mkdir: created directory 'y'
mkdir: created directory 'z'
## END

#### mkdir-exists
mkdir d; mkdir d
## stderr: mkdir: cannot create directory 'd': File exists
## status: 1

#### mkdir-missing-parent
mkdir a/b
## stderr: mkdir: cannot create directory 'a/b': No such file or directory
## status: 1

#### mkdir-parents-verbose
mkdir -pv a/b/c && mkdir -pv a/b/c && test -d a/b/c && echo done
## STDOUT:
mkdir: created directory 'a'
mkdir: created directory 'a/b'
mkdir: created directory 'a/b/c'
done
## END

#### mkdir-parents-existing-ok
mkdir d; mkdir -p d; echo $?
## stdout: 0

#### mkdir-parents-through-file
touch f; mkdir -p f/g
## stderr: mkdir: cannot create directory 'f': Not a directory
## status: 1

#### mkdir-on-file
touch f; mkdir f
## stderr: mkdir: cannot create directory 'f': File exists
## status: 1

#### mkdir-mode-octal
mkdir -m 700 d; stat -c '%a' d
## stdout: 700

#### mkdir-mode-symbolic
mkdir -m u=rwx,go= d; mkdir -m a=rx e; stat -c '%a %n' d e
## STDOUT:
700 d
555 e
## END

#### mkdir-mode-777-ignores-umask
mkdir -m 777 d; stat -c %a d
## stdout: 777

#### mkdir-mode-sticky-and-setgid
mkdir -m +t d; mkdir -m g+s e; stat -c '%a %n' d e
## STDOUT:
1755 d
2777 e
## END

#### mkdir-parents-mode-only-last
umask 022; mkdir -pm 700 p/q; stat -c '%a %n' p p/q
## STDOUT:
755 p
700 p/q
## END

#### mkdir-invalid-mode
mkdir -m zz d
## stderr: mkdir: invalid mode 'zz'
## status: 1

#### mkdir-combined-flags
mkdir -vpm 750 a/b; stat -c %a a/b
## STDOUT:
mkdir: created directory 'a'
mkdir: created directory 'a/b'
750
## END

#### mkdir-trailing-slash-kept-in-message
mkdir -pv a//b/ c/
## STDOUT:
mkdir: created directory 'a'
mkdir: created directory 'a//b/'
mkdir: created directory 'c/'
## END

#### mkdir-missing-operand
mkdir
## STDERR:
mkdir: missing operand
Try 'mkdir --help' for more information.
## END
## status: 1

#### mkdir-umask
umask 077; mkdir d; stat -c %a d
## stdout: 700

#### mkdir-dot
mkdir .
## stderr: mkdir: cannot create directory '.': File exists
## status: 1

#### mkdir-bad-option
mkdir -k d
## STDERR:
mkdir: invalid option -- 'k'
Try 'mkdir --help' for more information.
## END
## status: 1
