;; Asks for 4 GiB of memory (65536 pages of 64 KiB) from the start.
(module
  (memory (export "memory") 65536)
  (func (export "_start")))
