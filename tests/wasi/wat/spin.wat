;; Never calls the host and never returns: only fuel makes it yield.
(module
  (memory (export "memory") 1)
  (func (export "_start")
    (loop $forever (br $forever))))
