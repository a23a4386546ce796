# associative arrays iterate in bash 5.2 hash order

#### keys in bash order
declare -A m=([b]=2 [a]=1 [c]=3); echo "${!m[@]}"
## stdout: c b a

#### values in bash order
declare -A m=([b]=2 [a]=1 [c]=3); echo "${m[@]}"
## stdout: 3 2 1

#### declare -p in bash order
declare -A m=([b]=2 [a]=1 [c]=3); declare -p m
## stdout: declare -A m=([c]="3" [b]="2" [a]="1" )

#### words inserted one by one
declare -A m; for k in apple banana cherry date elder fig grape; do m[$k]=${#k}; done; echo "${!m[@]}"
## stdout: cherry grape apple elder fig date banana

#### loop over keys
declare -A m=([one]=1 [two]=2 [three]=3); for k in "${!m[@]}"; do echo "$k=${m[$k]}"; done
## STDOUT:
two=2
three=3
one=1
## END

#### unset and re-add moves a key
declare -A m=([x]=1 [y]=2 [z]=3); unset 'm[y]'; m[y]=4; m[x]=9; echo "${!m[@]}" "${m[@]}"
## stdout: z y x 3 4 9

#### thirty keys
declare -A m; for i in {1..30}; do m[key$i]=$i; done; echo "${!m[@]}"
## stdout: key30 key6 key7 key4 key5 key2 key3 key1 key8 key9 key28 key29 key24 key25 key26 key27 key20 key21 key22 key23 key15 key14 key17 key16 key11 key10 key13 key12 key19 key18

#### K transform in bash order
declare -A m=([one]=1 [two]=2 [three]=3); echo ${m[@]@K}
## stdout: two "2" three "3" one "1"

#### star join in bash order
declare -A m=([one]=1 [two]=2 [three]=3); IFS=,; echo "${m[*]}"
## stdout: 2,3,1

#### keys with spaces
declare -A m=(["a b"]=1 [c]=2); declare -p m
## stdout: declare -A m=([c]="2" ["a b"]="1" )

#### count keys
declare -A m=([a]=1 [b]=2); m[a]=3; echo ${#m[@]}
## stdout: 2

#### three thousand keys keep bash order after growing
declare -A m; for i in {1..3000}; do m[k$i]=1; done; k=("${!m[@]}"); echo ${#k[@]} ${k[0]} ${k[1]} ${k[2999]}
## stdout: 3000 k1698 k1699 k1048
