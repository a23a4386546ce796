# sleep: checked against GNU coreutils 9.1

#### zero
sleep 0
echo $?
## stdout: 0

#### fraction
sleep 0.05
echo $?
## stdout: 0

#### leading dot and exponent
sleep .01 1e-2
echo $?
## stdout: 0

#### suffixes
sleep 0.01s 0m 0h 0d
echo $?
## stdout: 0

#### several operands are summed
sleep 0.02 0.02
echo done
## stdout: done

#### invalid interval
sleep x
## status: 1
## STDERR:
sleep: invalid time interval 'x'
Try 'sleep --help' for more information.
## END

#### one bad operand among good ones
sleep 0 1x
## status: 1
## STDERR:
sleep: invalid time interval '1x'
Try 'sleep --help' for more information.
## END

#### missing operand
sleep
## status: 1
## STDERR:
sleep: missing operand
Try 'sleep --help' for more information.
## END

#### negative numbers are options
sleep -1
## status: 1
## STDERR:
sleep: invalid option -- '1'
Try 'sleep --help' for more information.
## END

#### interrupted by kill
sleep 10 &
kill $!
wait $!
echo $?
## stdout: 143

#### help
sleep --help | grep -c '^Usage: sleep'
## stdout: 1
