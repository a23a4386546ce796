;; Imports two functions no host provides: exec must name both.
(module
  (import "env" "frobnicate" (func (param i32)))
  (import "wasi_snapshot_preview1" "fd_teleport" (func (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")))
