# alias / unalias (needs expand_aliases in a non-interactive shell)

#### alias-basic
shopt -s expand_aliases
alias say='echo said'
say hello
## stdout: said hello

#### alias-takes-effect-next-line
shopt -s expand_aliases
alias now='echo now'; now 2>/dev/null || echo not-yet
now
## STDOUT:
not-yet
now
## END

#### alias-print-one
alias ll='echo long'
alias ll
## stdout: alias ll='echo long'

#### alias-print-all
alias b='echo b'
alias a='echo a'
alias
## STDOUT:
alias a='echo a'
alias b='echo b'
## END

#### alias-not-found
alias nosuch_zz
echo $?
## stdout: 1
## STDERR:
sh: line 1: alias: nosuch_zz: not found
## END

#### unalias-removes
shopt -s expand_aliases
alias x='echo x'
unalias x
x 2>/dev/null || echo removed
## stdout: removed

#### unalias-a-removes-all
alias p='echo p' q='echo q'
unalias -a
alias
echo count-done
## stdout: count-done

#### unalias-not-found
unalias nosuch_zz
echo $?
## stdout: 1
## STDERR:
sh: line 1: unalias: nosuch_zz: not found
## END

#### alias-trailing-space-expands-next
shopt -s expand_aliases
alias run='echo '
alias word='expanded'
run word
## stdout: expanded

#### alias-only-first-word
shopt -s expand_aliases
alias w='echo W'
echo w
## stdout: w

#### alias-quoted-not-expanded
shopt -s expand_aliases
alias e2='echo alias'
'e2' 2>/dev/null || echo quoted-skipped
## stdout: quoted-skipped

#### alias-with-pipeline
shopt -s expand_aliases
alias twice='echo x | cat'
twice
## stdout: x

#### alias-recursive-self-reference
shopt -s expand_aliases
alias echo='echo prefixed'
echo hi
## stdout: prefixed hi

#### alias-in-function-defined-later
shopt -s expand_aliases
alias greet='echo hello'
f() { greet; }
f
## stdout: hello

#### alias-expansion-disabled
alias greet='echo hello'
shopt -s expand_aliases
shopt -u expand_aliases
greet 2>/dev/null || echo disabled
## stdout: disabled
