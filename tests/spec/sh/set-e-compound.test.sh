# set -e and compound commands whose bodies end in && or ||

#### and-list at the end of a for body does not exit
set -e; for f in a b; do [ "$f" = a ] && echo A; done; echo end
## STDOUT:
A
end
## END

#### and-list at the end of an if body
set -e; if true; then false && echo x; fi; echo end
## stdout: end

#### and-list at the end of a brace group
set -e; { false && echo x; }; echo end
## stdout: end

#### and-list ending a while-read body
set -e; printf 'a\nb\n' | while read l; do [ $l = a ] && echo A; done; echo end
## stdout: A
## status: 1

#### and-list ending a function body makes the call fail
set -e; f() { false && echo x; }; f; echo end
## stdout-json: ""
## status: 1

#### and-list ending a case arm
set -e; case x in x) false && echo y;; esac; echo end
## stdout: end

#### failing subshell exits
set -e; (false); echo never
## stdout-json: ""
## status: 1

#### failing last command of a brace group exits
set -e; { true; false; }; echo never
## stdout-json: ""
## status: 1

#### and-list at the end of the script sets the status
set -e; echo a; false && echo b
## stdout: a
## status: 1

#### failing arithmetic command exits
set -e; (( 0 )); echo never
## stdout-json: ""
## status: 1

#### failing [[ ]] exits
set -e; [[ a == b ]]; echo never
## stdout-json: ""
## status: 1

#### negated pipeline does not exit
set -e; ! true; echo survived
## stdout: survived

#### errexit ignored in function called in a condition
set -e; f() { false; echo inside; }; if f; then echo ok; fi; echo end
## STDOUT:
inside
ok
end
## END

#### until loop body and-list
set -e; n=0; until [ $n -ge 2 ]; do n=$((n+1)); [ $n = 5 ] && echo five; done; echo end $n
## stdout: end 2
