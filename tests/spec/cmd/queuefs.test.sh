## bash_diff: ninebox's queuefs, a server in /srv

#### queuefs posts itself, shows in ps, and serves a README and .capabilities at its root
queuefs -S q
mount -c /srv/q /n/q
ls -a /n/q
grep -c dequeue /n/q/README
ps -o comm --no-headers | grep -x queuefs
d=$(cat /srv/q); echo "${d%%pid*}pid N"
## STDOUT:
.
..
.capabilities
README
1
queuefs
queuefs, served by pid N
## END

#### mkdir makes a queue with its five files
queuefs -S q; mount -c /srv/q /n/q
mkdir /n/q/jobs
ls /n/q/jobs
cat /n/q/jobs/size
## STDOUT:
clear
dequeue
enqueue
peek
size
0
## END

#### mkdir -p makes nested queues, each with its own files and messages
queuefs -S q; mount -c /srv/q /n/q
mkdir -p /n/q/a/b/c
ls /n/q/a/b
echo one > /n/q/a/enqueue
echo two > /n/q/a/b/c/enqueue
cat /n/q/a/size /n/q/a/b/size /n/q/a/b/c/size
## STDOUT:
c
clear
dequeue
enqueue
peek
size
1
0
1
## END

#### echo into enqueue, cat of dequeue answers AGFS's JSON
queuefs -S q; mount -c /srv/q /n/q
mkdir /n/q/j
echo hello > /n/q/j/enqueue
cat /n/q/j/dequeue | jq -r 'keys_unsorted | join(",")'
echo world > /n/q/j/enqueue
jq -j .data < /n/q/j/dequeue
## STDOUT:
id,data,timestamp
world
## END

#### messages come out in the order they went in
queuefs -S q; mount -c /srv/q /n/q
mkdir /n/q/j
for i in 1 2 3 4 5 6 7 8 9 10; do echo "m$i" > /n/q/j/enqueue; done
for i in 1 2 3 4 5 6 7 8 9 10; do jq -j .data < /n/q/j/dequeue; done | paste -sd' '
cat /n/q/j/size
## STDOUT:
m1 m2 m3 m4 m5 m6 m7 m8 m9 m10
0
## END

#### reading the open enqueue after a write answers the message's id, a UUIDv7
queuefs -S q; mount -c /srv/q /n/q
mkdir /n/q/j
exec 3<>/n/q/j/enqueue
echo first >&3
read -r id <&3
exec 3>&-
[[ $id =~ ^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$ ]] && echo v7
[ "$(jq -r .id < /n/q/j/dequeue)" = "$id" ] && echo same
## STDOUT:
v7
same
## END

#### ids increase with every enqueue, even within one millisecond
queuefs -S q; mount -c /srv/q /n/q
mkdir /n/q/j
for i in $(seq 50); do echo "$i" > /n/q/j/enqueue; done
for i in $(seq 50); do jq -r .id < /n/q/j/dequeue; done > ids
sort -c ids && echo sorted
sort -u ids | wc -l
## STDOUT:
sorted
50
## END

#### each write of one open is one message, each with its own id
queuefs -S q; mount -c /srv/q /n/q
mkdir /n/q/j
exec 3<>/n/q/j/enqueue
echo a >&3; read -r id1 <&3
echo b >&3; read -r id2 <&3
exec 3>&-
[ "$id1" != "$id2" ] && echo distinct
cat /n/q/j/size
## STDOUT:
distinct
2
## END

#### peek shows the oldest message without taking it; its mtime moves with each enqueue
queuefs -S q; mount -c /srv/q /n/q
mkdir /n/q/j
cat /n/q/j/peek | wc -c
echo a > /n/q/j/enqueue
t1=$(stat -c %.3Y /n/q/j/peek)
jq -j .data < /n/q/j/peek
jq -j .data < /n/q/j/peek
cat /n/q/j/size
sleep 0.01
echo b > /n/q/j/enqueue
t2=$(stat -c %.3Y /n/q/j/peek)
[ "${t2/./}" -gt "${t1/./}" ] && echo later
## STDOUT:
0
a
a
1
later
## END

#### clear drops every message
queuefs -S q; mount -c /srv/q /n/q
mkdir /n/q/j
for i in 1 2 3; do echo $i > /n/q/j/enqueue; done
cat /n/q/j/size
echo > /n/q/j/clear
cat /n/q/j/size
## STDOUT:
3
0
## END

#### a dequeue of an empty queue blocks until a background enqueue wakes it
queuefs -S q; mount -c /srv/q /n/q
mkdir /n/q/j
(sleep 0.2; echo late > /n/q/j/enqueue) &
jq -j .data < /n/q/j/dequeue
wait
## STDOUT:
late
## END

#### a blocked dequeue shows as a reader waiting in ps
queuefs -S q; mount -c /srv/q /n/q
mkdir /n/q/j
cat /n/q/j/dequeue > got &
sleep 0.1
ps -o state,comm --no-headers | grep -w cat
echo x > /n/q/j/enqueue
wait
jq -j .data got
## STDOUT:
Pread    cat
x
## END

#### timeout interrupts a blocked dequeue (124) and the next message is not lost
queuefs -S q; mount -c /srv/q /n/q
mkdir /n/q/j
timeout 0.3 cat /n/q/j/dequeue; echo "status $?"
echo kept > /n/q/j/enqueue
cat /n/q/j/size
jq -j .data < /n/q/j/dequeue
## STDOUT:
status 124
1
kept
## END

#### kill interrupts a blocked dequeue; the queue keeps what comes after
queuefs -S q; mount -c /srv/q /n/q
mkdir /n/q/j
cat /n/q/j/dequeue &
p=$!
sleep 0.1
kill $p; wait $p; echo "status $?"
echo a > /n/q/j/enqueue
echo b > /n/q/j/enqueue
cat /n/q/j/size
## STDOUT:
status 143
2
## END

#### dequeues interrupted again and again while messages arrive lose none and repeat none
queuefs -S q; mount -c /srv/q /n/q
mkdir /n/q/j
(for i in $(seq 150); do echo "m$i" > /n/q/j/enqueue; done; echo done > flag) &
while [ ! -e flag ] || [ "$(cat /n/q/j/size)" != 0 ]; do
  timeout 0.01 cat /n/q/j/dequeue >> got
done
wait
jq -j .data got | grep -c .
jq -j .data got | sort | uniq -d | wc -l
cat /n/q/j/size
## STDOUT:
150
0
0
## END

#### 4 producers and 4 consumers: every one of 1000 messages delivered exactly once
queuefs -S q; mount -c /srv/q /n/q
mkdir /n/q/j
for c in 1 2 3 4; do
  (for i in $(seq 250); do cat /n/q/j/dequeue; done > out.$c) &
done
for p in 1 2 3 4; do
  (for i in $(seq 250); do echo "p$p-$i" > /n/q/j/enqueue; done) &
done
wait
cat out.* | jq -j .data | grep -c .
cat out.* | jq -j .data | sort | uniq -d | wc -l
cat out.* | jq -j .data | sort -u | wc -l
cat /n/q/j/size
## STDOUT:
1000
0
1000
0
## END

#### rm -r deletes a queue with its messages and nested queues
queuefs -S q; mount -c /srv/q /n/q
mkdir -p /n/q/a/b
echo x > /n/q/a/enqueue
echo y > /n/q/a/b/enqueue
rm -r /n/q/a; echo "rm $?"
ls /n/q
test -e /n/q/a/b || echo gone
mkdir /n/q/a
cat /n/q/a/size
## STDOUT:
rm 0
README
gone
0
## END

#### a dequeue blocked on a queue that is removed fails instead of hanging
queuefs -S q; mount -c /srv/q /n/q
mkdir /n/q/j
cat /n/q/j/dequeue &
p=$!
sleep 0.1
rm -r /n/q/j
wait $p; echo "status $?"
## STDOUT:
status 1
## END
## stderr-contains: No such file or directory

#### writing to size is refused
queuefs -S q; mount -c /srv/q /n/q
mkdir /n/q/j
echo 5 > /n/q/j/size
echo "status $?"
## STDOUT:
status 1
## END
## stderr-contains: /n/q/j/size: Operation not permitted

#### reading enqueue before any write through that open is an error
queuefs -S q; mount -c /srv/q /n/q
mkdir /n/q/j
cat /n/q/j/enqueue
echo "status $?"
## STDOUT:
status 1
## END
## stderr-contains: nothing enqueued through this open yet

#### a message over the string limit is refused with a clear error and not queued
queuefs -S q; mount -c /srv/q /n/q
mkdir /n/q/j
head -c 5000 /dev/zero | tr '\0' a > /n/q/j/enqueue
echo "status $?"
cat /n/q/j/size
## limits: string=4096
## STDOUT:
status 1
0
## END
## stderr-contains: message too large: 5000 bytes, over the limit of 4096 bytes

#### a message at the limit goes through whole
queuefs -S q; mount -c /srv/q /n/q
mkdir /n/q/j
head -c 3000 /dev/zero | tr '\0' a > /n/q/j/enqueue
jq -j .data < /n/q/j/dequeue | wc -c
## limits: string=4096
## STDOUT:
3000
## END

#### plain files cannot be made, and names of a queue's files are taken
queuefs -S q; mount -c /srv/q /n/q
mkdir /n/q/j
echo x > /n/q/j/notes; echo "status $?"
mkdir /n/q/j/dequeue; echo "status $?"
mkdir /n/q/README; echo "status $?"
## STDOUT:
status 1
status 1
status 1
## END
## stderr-contains: queuefs holds no plain files

#### dequeue and peek are read-only; clear is write-only
queuefs -S q; mount -c /srv/q /n/q
mkdir /n/q/j
echo x > /n/q/j/dequeue; echo "status $?"
echo x > /n/q/j/peek; echo "status $?"
cat /n/q/j/clear; echo "status $?"
## STDOUT:
status 1
status 1
status 1
## END

#### .capabilities says dequeue consumes and blocks, enqueue only appends
queuefs -S q; mount -c /srv/q /n/q
jq -c '.dequeue, .enqueue, .peek' /n/q/.capabilities
## STDOUT:
{"read-destructive":true,"blocking":true,"append-only":false,"broadcast":false}
{"read-destructive":false,"blocking":false,"append-only":true,"broadcast":false}
{"read-destructive":false,"blocking":false,"append-only":false,"broadcast":false}
## END

#### killing the server withdraws its post and its clients fail at once
queuefs -S q; mount -c /srv/q /n/q
mkdir /n/q/j
read -r _ _ _ _ pid < /srv/q
kill $pid
sleep 0.05
cat /n/q/j/size; echo "status $?"
test -e /srv/q || echo "post withdrawn"
## STDOUT:
status 1
post withdrawn
## END

#### queuefs takes no operands and refuses a bad name
queuefs extra; echo "status $?"
queuefs -S a/b; echo "status $?"
## STDOUT:
status 1
status 1
## END
## stderr-contains: extra operand

#### a dequeue read in small pieces still answers one whole message
queuefs -S q; mount -c /srv/q /n/q
mkdir /n/q/j
echo "a longer message than one piece" > /n/q/j/enqueue
echo second > /n/q/j/enqueue
dd if=/n/q/j/dequeue bs=7 2>/dev/null | jq -j .data
cat /n/q/j/size
## STDOUT:
a longer message than one piece
1
## END

#### removing one of a queue's files leaves it (it is the queue's interface); rmdir of a queue deletes it
queuefs -S q; mount -c /srv/q /n/q
mkdir /n/q/j
rm /n/q/j/peek; echo "rm $?"
ls /n/q/j | grep -c peek
rmdir /n/q/j; echo "rmdir $?"
ls /n/q
## STDOUT:
rm 0
1
rmdir 0
README
## END

#### the messages together are held to the fs limit; a dequeue makes room again
queuefs -S q; mount -c /srv/q /n/q
mkdir /n/q/j
big() { head -c 4000 /dev/zero | tr '\0' a; }
big > /n/q/j/enqueue; echo "status $?"
big > /n/q/j/enqueue; echo "status $?"
big > /n/q/j/enqueue; echo "status $?"
cat /n/q/j/size
cat /n/q/j/dequeue > /dev/null
big > /n/q/j/enqueue; echo "status $?"
echo > /n/q/j/clear
big > /n/q/j/enqueue && big > /n/q/j/enqueue && echo "room after clear"
## limits: fs=10K
## STDOUT:
status 0
status 0
status 1
2
status 0
room after clear
## END
## stderr-contains: No space left on device: queues full
