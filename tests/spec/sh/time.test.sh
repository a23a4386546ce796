# The time reserved word and TIMEFORMAT

#### the default report: a blank line, then real, user and sys
{ time true; } 2> err
cut -f1 err
## STDOUT:

real
user
sys
## END

#### the default figures are minutes and seconds with three decimals
{ time true; } 2> err
grep -c $'^real\t[0-9]*m[0-9]*\\.[0-9][0-9][0-9]s$' err
## stdout: 1

#### time -p uses POSIX's format
{ time -p true; } 2> err
cut -d' ' -f1 err
grep -c '^real [0-9]*\.[0-9][0-9]$' err
## STDOUT:
real
user
sys
1
## END

#### the report goes to the shell's stderr, not the command's
{ time -p true 2>/dev/null; } 2> err
wc -l < err
## stdout: 3

#### TIMEFORMAT chooses the text
TIMEFORMAT='took it'
{ time true; } 2>&1
## stdout: took it

#### an empty TIMEFORMAT prints nothing
TIMEFORMAT=
{ time true; } 2>&1
echo after
## stdout: after

#### %% is a percent sign
TIMEFORMAT='100%%'
{ time true; } 2>&1
## stdout: 100%

#### an invalid format character is reported instead
TIMEFORMAT='a%xb'
time true
echo status $?
## stdout: status 0
## stderr: sh: line 2: TIMEFORMAT: `x': invalid format character

#### the pipeline's status is kept
TIMEFORMAT=
time false | true
echo $?
time true | false
echo $?
time ! true
echo $?
## STDOUT:
0
1
1
## END

#### time alone times nothing
TIMEFORMAT=x
{ time; } 2>&1
echo $?
## STDOUT:
x
0
## END

#### time is only special as the first word
echo time
time=3
echo $time
## STDOUT:
time
3
## END

#### a function prints with time
f() { time -p echo hi | cat; }
declare -f f
## STDOUT:
f () 
{ 
    time -p echo hi | cat
}
## END

#### a timed compound command
TIMEFORMAT=done
time { echo a; echo b; } 2>/dev/null
## STDOUT:
a
b
## END
## stderr: done

#### ! and time in any order, the last time choosing the format
TIMEFORMAT=T
{ time time true; } 2>&1
{ ! time false; } 2>&1
echo $?
{ time ! time -p false; } 2>err
echo $?
cut -d' ' -f1 err
## STDOUT:
T
T
0
0
real
user
sys
## END
