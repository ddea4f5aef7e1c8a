;; The lookup passes of IdTable.guessBatch (aggregate/idTable.ts) in WebAssembly, on the table's own
;; memory (`guess`): the keys' hashes; a read of each key's slot; each key's probe, on slots now in
;; cache; a read of the record of the entry found. It finds, it never interns. Then the rows' adds
;; to the records found (`add`, for PersonTable.addRowsOfIds), which checks each entry and, for an
;; id of 1–8 bytes that is not its entry's, looks it up again and interns it when new, as the table
;; does (a stop and a call into JavaScript for each new person took some 0.1 s of the bench's
;; 300 k persons and 0.4 s of its 3 M). The same loops in JavaScript kept about half as many reads from
;; memory under way at once (300 000 persons, 10 M keys: 0.43–0.58 s here against 0.85–1.1 s
;; there), and a row's cost is mostly those reads. Each read from memory at random has a pass of
;; its own, a loop of a few instructions with no branch: with the hashes worked out beside the
;; slots' reads, and the records' read in the probes' loop (a probe's branch guessed wrong throws
;; away the reads started after it), fewer were under way (the same 10 M keys: 453–504 → 326–392
;; ms; a 2-thread run of the benchmark 1.78–1.92 → 1.59–1.80 s).
;;
;; The memory is the table's (shared, so that a thread can hand its records over without a copy);
;; its layout is IdTable's: the batch's columns (w0, w1, length, out, hash), the slots, the records.

(module
  (import "table" "memory" (memory 1 65536 shared))

  ;; For keys 0 … $n − 1 (columns of $cap i32 each from $columns: w0, w1, length, out, hash): hash[k]
  ;; (given for a key longer than 8 bytes, whose bytes beyond the eighth the caller checks), and
  ;; out[k] the entry of the first slot of the key's probe sequence with its hash's tag (its top 5
  ;; bits; a slot holds tag << 27 | entry + 1, 0 when empty), or -1; -1 for a key of length 0.
  ;; Records are $stride bytes from $records. Returns a sum of what was read (so that no read is
  ;; left out).
  (func (export "guess") (param $n i32) (param $cap i32) (param $columns i32) (param $slots i32) (param $mask i32) (param $records i32) (param $stride i32) (result i32)
    (local $k i32) (local $at i32) (local $h i32) (local $slot i32) (local $v i32) (local $tag i32) (local $entry i32) (local $seen i32)
    (local $w1 i32) (local $length i32) (local $out i32) (local $hashes i32) (local $bytes i32)
    (local.set $w1 (i32.add (local.get $columns) (i32.shl (local.get $cap) (i32.const 2))))
    (local.set $length (i32.add (local.get $w1) (i32.shl (local.get $cap) (i32.const 2))))
    (local.set $out (i32.add (local.get $length) (i32.shl (local.get $cap) (i32.const 2))))
    (local.set $hashes (i32.add (local.get $out) (i32.shl (local.get $cap) (i32.const 2))))
    ;; Every hash: of a key of at most 8 bytes, hashWords's (idTable.ts): its two words and length
    ;; mixed as in MurmurHash3, then Murmur3's finaliser (here, not in a function of its own: the
    ;; call was not inlined).
    (local.set $k (i32.const 0))
    (block $hashed
      (loop $each
        (br_if $hashed (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $at (i32.shl (local.get $k) (i32.const 2)))
        (local.set $bytes (i32.load (i32.add (local.get $length) (local.get $at))))
        (if (i32.le_u (local.get $bytes) (i32.const 8))
          (then
            (local.set $h (i32.mul (i32.xor (local.get $bytes) (i32.mul (i32.load (i32.add (local.get $columns) (local.get $at))) (i32.const 0xcc9e2d51))) (i32.const 0x1b873593)))
            (local.set $h (i32.rotl (local.get $h) (i32.const 13)))
            (local.set $h (i32.mul (i32.xor (local.get $h) (i32.mul (i32.load (i32.add (local.get $w1) (local.get $at))) (i32.const 0xcc9e2d51))) (i32.const 0x1b873593)))
            (local.set $h (i32.rotl (local.get $h) (i32.const 13)))
            (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))
            (local.set $h (i32.mul (local.get $h) (i32.const 0x85ebca6b)))
            (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))))
            (local.set $h (i32.mul (local.get $h) (i32.const 0xc2b2ae35)))
            (i32.store (i32.add (local.get $hashes) (local.get $at)) (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $each)))
    ;; A read of every key's slot.
    (local.set $k (i32.const 0))
    (block $touched
      (loop $each
        (br_if $touched (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $seen (i32.add (local.get $seen)
          (i32.load (i32.add (local.get $slots) (i32.shl (i32.and (i32.load (i32.add (local.get $hashes) (i32.shl (local.get $k) (i32.const 2)))) (local.get $mask)) (i32.const 2))))))
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
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $each)))
    ;; A read of every record found (record 0 for none).
    (local.set $k (i32.const 0))
    (block $read
      (loop $each
        (br_if $read (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $entry (i32.load (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $seen (i32.add (local.get $seen)
          (i32.load (i32.add (local.get $records)
            (i32.mul (select (local.get $entry) (i32.const 0) (i32.ge_s (local.get $entry) (i32.const 0))) (local.get $stride))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $each)))
    (local.get $seen))


  ;; PersonTable.addRowsOfIds's adds (aggregate/persons.ts), on its records of $stride bytes from
  ;; $records: word 2 the id's length (bits 0–8) and its first service + 1 (bits 9–31), word 3 its
  ;; second service + 1, double 2 its total, double 3 its second service's amount. Rows $from …
  ;; $n − 1 of the batch: columns of $cap from $columns (i32: w0, w1, length, out, hash, service,
  ;; scale, person, wait person, wait service, wait row; f64: units, wait units; then 10^0 … 10^6).
  ;; Row k is of the person out[k] (the guess of `guess`, checked here against the id's first 8
  ;; bytes and length, and by the caller beyond: -1 when not the id's), or of the row before's
  ;; ($current at first) when its length is 0; its amount is units[k] at scale[k] decimals, the
  ;; table's being $scale. An id of 1–8 bytes whose guess is not its own is looked up in the slots
  ;; ($mask + 1 of them from $slots; $entries entries, $keyed of them in the slots), and when it has
  ;; none, interned as IdTable.internHashed would, while $intern is not 0 (no id is longer than 8
  ;; bytes), fewer than $room entries are, and $keyed stays at most $maxKeyed (else the caller
  ;; grows the table). Each row is added as addInBatch would: to the total, and to the first or
  ;; second service's amount (taken by the row when free); another service's amount is put to wait
  ;; (person, service, units at the table's scale, row). It stops, adding nothing of it, at the
  ;; first row it cannot add — a guess that is not the row's id (of more than 8 bytes) or an id it
  ;; may not intern, a finer scale than the table's, a sum beyond ±(2^53 − 1) — for the caller to
  ;; add it and call again from the next. Returns that row (or $n), and writes 4 i32 at $result: the
  ;; person of the last row added, the amounts put to wait (from 0 each call), and $entries and
  ;; $keyed as they are now; person[k] is each row's person.
  (func (export "add") (param $n i32) (param $cap i32) (param $columns i32) (param $records i32) (param $stride i32) (param $from i32) (param $scale i32)
    (param $current i32) (param $slots i32) (param $mask i32) (param $entries i32) (param $keyed i32) (param $maxKeyed i32) (param $room i32) (param $intern i32) (param $result i32)
    (result i32)
    (local $k i32) (local $at i32) (local $person i32) (local $candidate i32) (local $length i32) (local $r i32) (local $rowScale i32)
    (local $u f64) (local $total f64) (local $sum f64) (local $service i32) (local $shared i32) (local $first i32) (local $second i32) (local $waits i32)
    (local $w1 i32) (local $lengths i32) (local $out i32) (local $services i32) (local $scales i32) (local $persons i32)
    (local $waitPersons i32) (local $waitServices i32) (local $waitRows i32) (local $units i32) (local $waitUnits i32) (local $pow10 i32)
    (local $hashes i32) (local $w0v i32) (local $w1v i32) (local $h i32) (local $slot i32) (local $v i32) (local $e i32)
    (local.set $w1 (i32.add (local.get $columns) (i32.shl (local.get $cap) (i32.const 2))))
    (local.set $lengths (i32.add (local.get $w1) (i32.shl (local.get $cap) (i32.const 2))))
    (local.set $out (i32.add (local.get $lengths) (i32.shl (local.get $cap) (i32.const 2))))
    (local.set $services (i32.add (local.get $out) (i32.shl (local.get $cap) (i32.const 3))))
    (local.set $scales (i32.add (local.get $services) (i32.shl (local.get $cap) (i32.const 2))))
    (local.set $persons (i32.add (local.get $scales) (i32.shl (local.get $cap) (i32.const 2))))
    (local.set $waitPersons (i32.add (local.get $persons) (i32.shl (local.get $cap) (i32.const 2))))
    (local.set $waitServices (i32.add (local.get $waitPersons) (i32.shl (local.get $cap) (i32.const 2))))
    (local.set $waitRows (i32.add (local.get $waitServices) (i32.shl (local.get $cap) (i32.const 2))))
    (local.set $units (i32.add (local.get $waitRows) (i32.shl (local.get $cap) (i32.const 2))))
    (local.set $waitUnits (i32.add (local.get $units) (i32.shl (local.get $cap) (i32.const 3))))
    (local.set $pow10 (i32.add (local.get $waitUnits) (i32.shl (local.get $cap) (i32.const 3))))
    (local.set $hashes (i32.add (local.get $out) (i32.shl (local.get $cap) (i32.const 2))))
    (local.set $person (local.get $current))
    (local.set $k (local.get $from))
    (block $stop
      (loop $rows
        (br_if $stop (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $at (i32.shl (local.get $k) (i32.const 2)))
        ;; The row's person: its guess when it holds the row's id, the row before's for length 0.
        (local.set $length (i32.load (i32.add (local.get $lengths) (local.get $at))))
        (local.set $candidate (select (i32.load (i32.add (local.get $out) (local.get $at))) (local.get $person) (local.get $length)))
        (if (local.get $length)
          (then
            (local.set $w0v (i32.load (i32.add (local.get $columns) (local.get $at))))
            (local.set $w1v (i32.load (i32.add (local.get $w1) (local.get $at))))
            (local.set $r (i32.add (local.get $records) (i32.mul (local.get $candidate) (local.get $stride))))
            (if (i32.or (i32.lt_s (local.get $candidate) (i32.const 0))
                  (i32.or (i32.ne (i32.load (local.get $r)) (local.get $w0v))
                    (i32.or (i32.ne (i32.load offset=4 (local.get $r)) (local.get $w1v))
                      (i32.ne (i32.and (i32.load offset=8 (local.get $r)) (i32.const 0x1ff)) (local.get $length)))))
              (then
                ;; Not its guess: an id longer than 8 bytes is the caller's; a shorter one is
                ;; looked for from its hash's slot, and interned at the empty slot that ends the probe.
                (br_if $stop (i32.gt_u (local.get $length) (i32.const 8)))
                (local.set $h (i32.load (i32.add (local.get $hashes) (local.get $at))))
                (local.set $slot (i32.and (local.get $h) (local.get $mask)))
                (local.set $candidate (i32.const -1))
                (block $probed
                  (loop $probe
                    (local.set $v (i32.load (i32.add (local.get $slots) (i32.shl (local.get $slot) (i32.const 2)))))
                    (br_if $probed (i32.eqz (local.get $v)))
                    (if (i32.eq (i32.shr_u (local.get $v) (i32.const 27)) (i32.shr_u (local.get $h) (i32.const 27)))
                      (then
                        (local.set $e (i32.sub (i32.and (local.get $v) (i32.const 0x7ffffff)) (i32.const 1)))
                        (local.set $r (i32.add (local.get $records) (i32.mul (local.get $e) (local.get $stride))))
                        (if (i32.and (i32.eq (i32.load (local.get $r)) (local.get $w0v))
                              (i32.and (i32.eq (i32.load offset=4 (local.get $r)) (local.get $w1v))
                                (i32.eq (i32.and (i32.load offset=8 (local.get $r)) (i32.const 0x1ff)) (local.get $length))))
                          (then
                            (local.set $candidate (local.get $e))
                            (br $probed)))))
                    (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (local.get $mask)))
                    (br $probe)))
                (if (i32.lt_s (local.get $candidate) (i32.const 0))
                  (then
                    (br_if $stop (i32.eqz (local.get $intern)))
                    (br_if $stop (i32.ge_u (local.get $entries) (local.get $room)))
                    (br_if $stop (i32.ge_u (local.get $keyed) (local.get $maxKeyed)))
                    (local.set $r (i32.add (local.get $records) (i32.mul (local.get $entries) (local.get $stride))))
                    (i32.store (local.get $r) (local.get $w0v))
                    (i32.store offset=4 (local.get $r) (local.get $w1v))
                    (i32.store offset=8 (local.get $r) (local.get $length))
                    (i32.store (i32.add (local.get $slots) (i32.shl (local.get $slot) (i32.const 2)))
                      (i32.or (i32.shl (i32.shr_u (local.get $h) (i32.const 27)) (i32.const 27)) (i32.add (local.get $entries) (i32.const 1))))
                    (local.set $candidate (local.get $entries))
                    (local.set $entries (i32.add (local.get $entries) (i32.const 1)))
                    (local.set $keyed (i32.add (local.get $keyed) (i32.const 1)))))))))
        (br_if $stop (i32.lt_s (local.get $candidate) (i32.const 0)))
        (local.set $r (i32.add (local.get $records) (i32.mul (local.get $candidate) (local.get $stride))))
        ;; The amount at the table's scale.
        (local.set $u (f64.load (i32.add (local.get $units) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $rowScale (i32.load (i32.add (local.get $scales) (local.get $at))))
        (if (i32.ne (local.get $rowScale) (local.get $scale))
          (then
            (br_if $stop (i32.gt_s (local.get $rowScale) (local.get $scale)))
            (local.set $u (f64.mul (local.get $u)
              (f64.load (i32.add (local.get $pow10) (i32.shl (i32.sub (local.get $scale) (local.get $rowScale)) (i32.const 3))))))))
        (local.set $total (f64.add (f64.load offset=16 (local.get $r)) (local.get $u)))
        (br_if $stop (i32.eqz (i32.and
          (f64.le (local.get $total) (f64.const 9007199254740991))
          (f64.ge (local.get $total) (f64.const -9007199254740991)))))
        (local.set $service (i32.add (i32.load (i32.add (local.get $services) (local.get $at))) (i32.const 1)))
        (local.set $shared (i32.load offset=8 (local.get $r)))
        (local.set $first (i32.shr_u (local.get $shared) (i32.const 9)))
        (block $added
          (if (i32.eq (local.get $first) (local.get $service))
            (then (f64.store offset=16 (local.get $r) (local.get $total)) (br $added)))
          (if (i32.eqz (local.get $first))
            (then
              (f64.store offset=16 (local.get $r) (local.get $total))
              (i32.store offset=8 (local.get $r) (i32.or (i32.and (local.get $shared) (i32.const 0x1ff)) (i32.shl (local.get $service) (i32.const 9))))
              (br $added)))
          (local.set $second (i32.load offset=12 (local.get $r)))
          (if (i32.eq (local.get $second) (local.get $service))
            (then
              (local.set $sum (f64.add (f64.load offset=24 (local.get $r)) (local.get $u)))
              (br_if $stop (i32.eqz (i32.and
                (f64.le (local.get $sum) (f64.const 9007199254740991))
                (f64.ge (local.get $sum) (f64.const -9007199254740991)))))
              (f64.store offset=16 (local.get $r) (local.get $total))
              (f64.store offset=24 (local.get $r) (local.get $sum))
              (br $added)))
          (if (i32.eqz (local.get $second))
            (then
              (f64.store offset=16 (local.get $r) (local.get $total))
              (i32.store offset=12 (local.get $r) (local.get $service))
              (f64.store offset=24 (local.get $r) (local.get $u))
              (br $added)))
          ;; Another service: to the pairs, later.
          (f64.store offset=16 (local.get $r) (local.get $total))
          (i32.store (i32.add (local.get $waitPersons) (i32.shl (local.get $waits) (i32.const 2))) (local.get $candidate))
          (i32.store (i32.add (local.get $waitServices) (i32.shl (local.get $waits) (i32.const 2))) (i32.sub (local.get $service) (i32.const 1)))
          (i32.store (i32.add (local.get $waitRows) (i32.shl (local.get $waits) (i32.const 2))) (local.get $k))
          (f64.store (i32.add (local.get $waitUnits) (i32.shl (local.get $waits) (i32.const 3))) (local.get $u))
          (local.set $waits (i32.add (local.get $waits) (i32.const 1))))
        (local.set $person (local.get $candidate))
        (i32.store (i32.add (local.get $persons) (local.get $at)) (local.get $person))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $rows)))
    (i32.store (local.get $result) (local.get $person))
    (i32.store offset=4 (local.get $result) (local.get $waits))
    (i32.store offset=8 (local.get $result) (local.get $entries))
    (i32.store offset=12 (local.get $result) (local.get $keyed))
    (local.get $k))
)
