# nl: number lines

#### default numbers non-empty lines
printf 'a\n\nb\nc\n' | nl
## STDOUT:
     1	a
       
     2	b
     3	c
## END

#### all lines and no lines
printf 'a\n\nb\n' > f
nl -ba f
nl -bn f
## STDOUT:
     1	a
     2	
     3	b
       a
       
       b
## END

#### regex style
printf 'apple\nbanana\ncherry\n' | nl -bp'an'
## STDOUT:
       apple
     1	banana
       cherry
## END

#### number formats
printf 'a\nb\n' > f
nl -nln f
nl -nrz -w3 f
nl -nrn -w2 f
## STDOUT:
1     	a
2     	b
001	a
002	b
 1	a
 2	b
## END

#### separator, start and increment
printf 'a\n\nb\nc\n' | nl -s: -v10 -i5
## STDOUT:
    10:a
       
    15:b
    20:c
## END

#### blank line groups
printf '\n\n\n\nx\n\n' | nl -ba -l2
## STDOUT:
       
     1	
       
     2	
     3	x
       
## END

#### logical pages reset numbering
printf 'h\n\\:\\:\\:\nhead\n\\:\\:\nbody\n\\:\nfoot\n' > g
nl -ha -fa g
nl -p -ha -fa g
## STDOUT:
     1	h

     1	head

     1	body

     1	foot
     1	h

     2	head

     3	body

     4	foot
## END

#### custom section delimiter
printf 'a\n@@\nb\n' | nl -d @
## STDOUT:
     1	a
     2	@@
     3	b
## END

#### negative numbers and zero padding
printf 'a\nb\n' | nl -v -1 -nrz -w4
## STDOUT:
-001	a
0000	b
## END

#### last line without newline gets one
printf 'x' | nl
## stdout:      1	x

#### numbering continues across files
printf 'a\n' > f
nl f f
## STDOUT:
     1	a
     2	a
## END

#### bad styles and formats
nl -bx f
echo "status=$?"
nl -nxx f
echo "status=$?"
## STDOUT:
status=1
status=1
## END
## STDERR:
nl: invalid body numbering style: 'x'
Try 'nl --help' for more information.
nl: invalid line numbering format: 'xx'
Try 'nl --help' for more information.
## END

#### bad numbers
printf 'a\n' > f
nl -i x f
nl -w 0 f
nl -l 0 f
echo "status=$?"
## stdout: status=1
## STDERR:
nl: invalid line number increment: 'x'
nl: invalid line number field width: '0': Numerical result out of range
nl: invalid line number of blank lines: '0': Numerical result out of range
## END

#### missing file
nl nosuch
echo "status=$?"
## stdout: status=1
## stderr: nl: nosuch: No such file or directory
