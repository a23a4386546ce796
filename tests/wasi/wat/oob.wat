;; Writes past the end of its one page of memory.
(module
  (memory (export "memory") 1)
  (func (export "_start")
    (i32.store (i32.const 70000) (i32.const 1))))
