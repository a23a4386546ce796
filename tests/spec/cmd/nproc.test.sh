# nproc: processing units (GNU coreutils 9.1); this system has one

#### one-processor
nproc; nproc --all
## STDOUT:
1
1
## END
## bash_diff: the host has more processors than ninebox's one

#### omp-num-threads
OMP_NUM_THREADS=3 nproc
## stdout: 3

#### omp-num-threads-list-and-spaces
OMP_NUM_THREADS=' 4 ' nproc; OMP_NUM_THREADS=5,2 nproc
## STDOUT:
4
5
## END

#### omp-thread-limit
OMP_NUM_THREADS=8 OMP_THREAD_LIMIT=3 nproc; OMP_THREAD_LIMIT=1 nproc
## STDOUT:
3
1
## END

#### omp-invalid-ignored
OMP_NUM_THREADS=x OMP_THREAD_LIMIT=1 nproc; OMP_NUM_THREADS=0 OMP_THREAD_LIMIT=1 nproc
## STDOUT:
1
1
## END

#### all-ignores-omp
OMP_NUM_THREADS=8 nproc --all | grep -c 8
## stdout: 0
## status: 1

#### ignore
OMP_NUM_THREADS=6 nproc --ignore=2; OMP_NUM_THREADS=6 nproc --ignore 10
## STDOUT:
4
1
## END

#### ignore-invalid
nproc --ignore=x; echo "st=$?"; nproc --ignore=-1; echo "st=$?"
## STDOUT:
st=1
st=1
## END
## STDERR:
nproc: invalid number: 'x'
nproc: invalid number: '-1'
## END

#### extra-operand
nproc a
## STDERR:
nproc: extra operand 'a'
Try 'nproc --help' for more information.
## END
## status: 1

#### bad-option
nproc -a
## STDERR:
nproc: invalid option -- 'a'
Try 'nproc --help' for more information.
## END
## status: 1
