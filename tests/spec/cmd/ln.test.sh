# ln: GNU coreutils 9.1's checks; the links themselves are refused here
# (specs/links.md), so those cases differ from the host on purpose.

#### missing-operand
ln; echo "st=$?"
## stdout: st=1
## STDERR:
ln: missing file operand
Try 'ln --help' for more information.
## END

#### relative-needs-symbolic
touch a; ln -r a x; echo "st=$?"
## stdout: st=1
## stderr: ln: cannot do --relative without --symbolic

#### hard-link-to-missing-target
ln nope x; echo "st=$?"
## stdout: st=1
## stderr: ln: failed to access 'nope': No such file or directory

#### hard-link-to-directory
mkdir d; ln d x; echo "st=$?"
## stdout: st=1
## stderr: ln: d: hard link not allowed for directory

#### existing-destination-without-force
touch a b; ln a b; echo "st=$?"; ln -s a b; echo "st=$?"
## STDOUT:
st=1
st=1
## END
## STDERR:
ln: failed to create hard link 'b': File exists
ln: failed to create symbolic link 'b': File exists
## END

#### target-must-be-a-directory
touch a b; ln a b c; echo "st=$?"
## stdout: st=1
## stderr: ln: target 'c': No such file or directory

#### no-target-directory-extra-operand
touch a b; ln -T a b c; echo "st=$?"
## stdout: st=1
## STDERR:
ln: extra operand 'c'
Try 'ln --help' for more information.
## END

#### target-directory-missing
touch a; ln -t c a; echo "st=$?"
## stdout: st=1
## stderr: ln: failed to access 'c': No such file or directory

#### target-directory-conflicts
mkdir d; touch a; ln -t d -T a; echo "st=$?"
## stdout: st=1
## stderr: ln: cannot combine --target-directory and --no-target-directory

#### symbolic-link-is-refused
ln -s target name; echo "st=$?"; ls
## stdout: st=1
## STDERR:
ln: failed to create symbolic link 'name': Operation not permitted
ln: there are no links here; 'bind target name' makes name show target (see specs/links.md)
## END
## bash_diff: there are no links in ninebox (specs/links.md)

#### force-never-removes-what-it-cannot-replace
echo keep > b; ln -sf a b; echo "st=$?"; cat b
## STDOUT:
st=1
keep
## END
## bash_diff: there are no links in ninebox (specs/links.md)

#### hard-link-is-refused
echo x > a; ln a b; echo "st=$?"; ls
## STDOUT:
st=1
a
## END
## STDERR:
ln: failed to create hard link 'b' => 'a': Operation not permitted
ln: there are no links here; 'bind a b' makes b show a (see specs/links.md)
## END
## bash_diff: there are no links in ninebox (specs/links.md)
