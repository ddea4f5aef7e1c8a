;; The lookup passes of IdTable.guessBatch (aggregate/idTable.ts) in WebAssembly, on the table's own
;; memory: the keys' hashes and a read of each key's slot; then each key's probe, on slots now in
;; cache, and a read of the record of the entry found. It finds, it never adds: the caller checks
;; each entry and interns the keys not found. The same loops in JavaScript kept about half as many
;; reads from memory under way at once (300 000 persons, 10 M keys: 0.43–0.58 s here against
;; 0.85–1.1 s there), and a row's cost is mostly those reads.
;;
;; The memory is the table's (shared, so that a thread can hand its records over without a copy);
;; its layout is IdTable's: the batch's columns (w0, w1, length, out, hash), the slots, the records.

(module
  (import "table" "memory" (memory 1 65536 shared))

  ;; hashWords (idTable.ts) of a key of at most 8 bytes: its two words and length mixed as in
  ;; MurmurHash3, then Murmur3's finaliser.
  (func $hash (param $w0 i32) (param $w1 i32) (param $length i32) (result i32)
    (local $h i32)
    (local.set $h (i32.mul (i32.xor (local.get $length) (i32.mul (local.get $w0) (i32.const 0xcc9e2d51))) (i32.const 0x1b873593)))
    (local.set $h (i32.rotl (local.get $h) (i32.const 13)))
    (local.set $h (i32.mul (i32.xor (local.get $h) (i32.mul (local.get $w1) (i32.const 0xcc9e2d51))) (i32.const 0x1b873593)))
    (local.set $h (i32.rotl (local.get $h) (i32.const 13)))
    (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))
    (local.set $h (i32.mul (local.get $h) (i32.const 0x85ebca6b)))
    (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))))
    (local.set $h (i32.mul (local.get $h) (i32.const 0xc2b2ae35)))
    (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))

  ;; For keys 0 … $n − 1 (columns of $cap i32 each from $columns: w0, w1, length, out, hash): hash[k], and
  ;; out[k] the entry of the first slot of the key's probe sequence with its hash's tag (its top 5
  ;; bits; a slot holds tag << 27 | entry + 1, 0 when empty), or -1; -1 for a key of length 0.
  ;; Records are $stride bytes from $records. Returns a sum of what was read (so that no read is
  ;; left out).
  (func (export "guess") (param $n i32) (param $cap i32) (param $columns i32) (param $slots i32) (param $mask i32) (param $records i32) (param $stride i32) (result i32)
    (local $k i32) (local $at i32) (local $h i32) (local $slot i32) (local $v i32) (local $tag i32) (local $entry i32) (local $seen i32)
    (local $w1 i32) (local $length i32) (local $out i32) (local $hashes i32)
    (local.set $w1 (i32.add (local.get $columns) (i32.shl (local.get $cap) (i32.const 2))))
    (local.set $length (i32.add (local.get $w1) (i32.shl (local.get $cap) (i32.const 2))))
    (local.set $out (i32.add (local.get $length) (i32.shl (local.get $cap) (i32.const 2))))
    (local.set $hashes (i32.add (local.get $out) (i32.shl (local.get $cap) (i32.const 2))))
    ;; Every hash, and a read of its slot.
    (local.set $k (i32.const 0))
    (block $hashed
      (loop $each
        (br_if $hashed (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $at (i32.shl (local.get $k) (i32.const 2)))
        (local.set $h (call $hash
          (i32.load (i32.add (local.get $columns) (local.get $at)))
          (i32.load (i32.add (local.get $w1) (local.get $at)))
          (i32.load (i32.add (local.get $length) (local.get $at)))))
        (i32.store (i32.add (local.get $hashes) (local.get $at)) (local.get $h))
        (local.set $seen (i32.add (local.get $seen)
          (i32.load (i32.add (local.get $slots) (i32.shl (i32.and (local.get $h) (local.get $mask)) (i32.const 2))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $each)))
    ;; Every probe, and a read of the record found (record 0 for none).
    (local.set $k (i32.const 0))
    (block $probed
      (loop $each
        (br_if $probed (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $at (i32.shl (local.get $k) (i32.const 2)))
        (local.set $entry (i32.const -1))
        (if (i32.load (i32.add (local.get $length) (local.get $at)))
          (then
            (local.set $h (i32.load (i32.add (local.get $hashes) (local.get $at))))
            (local.set $tag (i32.shr_u (local.get $h) (i32.const 27)))
            (local.set $slot (i32.and (local.get $h) (local.get $mask)))
            (block $found
              (loop $probe
                (local.set $v (i32.load (i32.add (local.get $slots) (i32.shl (local.get $slot) (i32.const 2)))))
                (br_if $found (i32.eqz (local.get $v)))
                (if (i32.eq (i32.shr_u (local.get $v) (i32.const 27)) (local.get $tag))
                  (then
                    (local.set $entry (i32.sub (i32.and (local.get $v) (i32.const 0x7ffffff)) (i32.const 1)))
                    (br $found)))
                (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (local.get $mask)))
                (br $probe)))))
        (i32.store (i32.add (local.get $out) (local.get $at)) (local.get $entry))
        (local.set $seen (i32.add (local.get $seen)
          (i32.load (i32.add (local.get $records)
            (i32.mul (select (local.get $entry) (i32.const 0) (i32.ge_s (local.get $entry) (i32.const 0))) (local.get $stride))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $each)))
    (local.get $seen))
)
