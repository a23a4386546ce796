# chmod: change mode bits

#### chmod-octal
touch f; chmod 600 f; stat -c %a f
## stdout: 600

#### chmod-octal-leading-zeros
touch f; chmod 0755 f; stat -c %A f
## stdout: -rwxr-xr-x

#### chmod-all-bits
touch f; chmod 7777 f; stat -c '%a %A' f
## stdout: 7777 -rwsrwsrwt

#### chmod-user-exec
umask 022; touch f; chmod u+x f; stat -c %A f
## stdout: -rwxr--r--

#### chmod-group-other-minus-w
touch f; chmod 666 f; chmod go-w f; stat -c %A f
## stdout: -rw-r--r--

#### chmod-assign-all
touch f; chmod a=r f; stat -c %A f
## stdout: -r--r--r--

#### chmod-plus-x-no-who
umask 022; touch f; chmod +x f; stat -c %A f
## stdout: -rwxr-xr-x

#### chmod-list
touch f; chmod u=rw,g=r,o= f; stat -c %A f
## stdout: -rw-r-----

#### chmod-copy-bits
touch f; chmod 640 f; chmod o=u f; stat -c %a f; chmod go=u-w f; stat -c %a f
## STDOUT:
646
644
## END

#### chmod-capital-x
touch f; mkdir d; chmod 644 f; chmod 700 d; chmod a+X f d; stat -c '%n %a' f d
## STDOUT:
f 644
d 711
## END

#### chmod-capital-x-exec-file
touch f; chmod 744 f; chmod a+X f; stat -c %a f
## stdout: 755

#### chmod-setuid-setgid
umask 022; touch f; chmod u+s,g+s f; stat -c %A f
## stdout: -rwSr-Sr--

#### chmod-sticky
umask 022; mkdir d; chmod +t d; stat -c %A d; chmod o-x d; stat -c %A d
## STDOUT:
drwxr-xr-t
drwxr-xr-T
## END

#### chmod-equal-nothing
touch f; chmod = f; stat -c %A f
## stdout: ----------

#### chmod-dash-mode
umask 022; touch f; chmod -w f; stat -c %A f
## stdout: -r--r--r--

#### chmod-dash-mode-umask-warning
umask 022; touch f; chmod 666 f; chmod -w f; echo $?; stat -c %A f
## STDOUT:
1
-r--rw-rw-
## END
## stderr: chmod: f: new permissions are r--rw-rw-, not r--r--r--

#### chmod-two-dash-modes
umask 022; touch f; chmod 777 f; chmod -x -r f; stat -c %a f
## stdout: 222

#### chmod-dash-mode-after-dashdash
umask 022; touch f; chmod -- -w f; stat -c %a f
## stdout: 444

#### chmod-invalid-mode
touch f; chmod u f
## STDERR:
chmod: invalid mode: 'u'
Try 'chmod --help' for more information.
## END
## status: 1

#### chmod-invalid-mode-trailing-comma
touch f; chmod u+x, f
## STDERR:
chmod: invalid mode: 'u+x,'
Try 'chmod --help' for more information.
## END
## status: 1

#### chmod-invalid-octal
touch f; chmod 17777 f
## STDERR:
chmod: invalid mode: '17777'
Try 'chmod --help' for more information.
## END
## status: 1

#### chmod-directory-keeps-setgid
mkdir d; chmod 2755 d; chmod 755 d; stat -c %a d; chmod 00755 d; stat -c %a d
## STDOUT:
2755
755
## END

#### chmod-verbose
touch f; chmod 644 f; chmod -v 644 f; chmod -v u+x f
## STDOUT:
mode of 'f' retained as 0644 (rw-r--r--)
mode of 'f' changed from 0644 (rw-r--r--) to 0744 (rwxr--r--)
## END

#### chmod-changes
touch f; chmod 644 f; chmod -c 644 f; chmod -c 755 f
## stdout: mode of 'f' changed from 0644 (rw-r--r--) to 0755 (rwxr-xr-x)

#### chmod-verbose-missing
chmod -v 644 nope
## stdout: 'nope' could not be accessed
## stderr: chmod: cannot access 'nope': No such file or directory
## status: 1

#### chmod-missing-file
chmod 644 nope
## stderr: chmod: cannot access 'nope': No such file or directory
## status: 1

#### chmod-missing-silent
chmod -f 644 nope; echo $?
## stdout: 1

#### chmod-recursive
mkdir -p d/s; touch d/f d/s/g; chmod -R 700 d; stat -c '%n %a' d d/f d/s d/s/g
## STDOUT:
d 700
d/f 700
d/s 700
d/s/g 700
## END

#### chmod-recursive-verbose-preorder
umask 022; mkdir -p d/s; touch d/s/g; chmod -Rv 700 d
## STDOUT:
mode of 'd' changed from 0755 (rwxr-xr-x) to 0700 (rwx------)
mode of 'd/s' changed from 0755 (rwxr-xr-x) to 0700 (rwx------)
mode of 'd/s/g' changed from 0644 (rw-r--r--) to 0700 (rwx------)
## END

#### chmod-recursive-capital-x
umask 022; mkdir -p d/s; touch d/s/g; chmod -R a-x,a+X d; stat -c '%n %a' d d/s d/s/g
## STDOUT:
d 755
d/s 755
d/s/g 644
## END

#### chmod-reference
touch r f; chmod 640 r; chmod --reference=r f; stat -c %a f
## stdout: 640

#### chmod-reference-missing
touch f; chmod --reference=nope f
## stderr: chmod: failed to get attributes of 'nope': No such file or directory
## status: 1

#### chmod-missing-operand
chmod
## STDERR:
chmod: missing operand
Try 'chmod --help' for more information.
## END
## status: 1

#### chmod-missing-file-operand
chmod u+x
## STDERR:
chmod: missing operand after 'u+x'
Try 'chmod --help' for more information.
## END
## status: 1

#### chmod-several-files
touch a b c; chmod 600 a b c; stat -c '%n %a' a b c
## STDOUT:
a 600
b 600
c 600
## END

#### chmod-combined-flags
umask 022; mkdir d; touch d/f; chmod -Rc 711 d
## STDOUT:
mode of 'd' changed from 0755 (rwxr-xr-x) to 0711 (rwx--x--x)
mode of 'd/f' changed from 0644 (rw-r--r--) to 0711 (rwx--x--x)
## END

#### chmod-preserve-root
chmod -R --preserve-root 755 /
## STDERR:
chmod: it is dangerous to operate recursively on '/'
chmod: use --no-preserve-root to override this failsafe
## END
## status: 1

#### chmod-bad-option
chmod -k 644 f
## STDERR:
chmod: invalid option -- 'k'
Try 'chmod --help' for more information.
## END
## status: 1

#### chmod-recursive-trailing-slash-file
touch f; chmod -R 600 f/
## stderr: chmod: cannot access 'f/': Not a directory
## status: 1
