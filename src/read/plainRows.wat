;; Plain cost records read straight from bytes: the hot loop of CostRows.rows (aggregate/costRows.ts)
;; in WebAssembly, where it runs about three times as fast as in JavaScript (no bounds checks, no
;; tagged numbers). It reads exactly what the JavaScript loop reads and stops at the first record it
;; does not read, for CostRows to read that one; tests hold both to the csv-parse reader.
;;
;; Memory (laid out by plainRows.ts, never grown, so that views on it stay valid):
;;   [0, 256)       kinds: per byte value 0 text, 1 the delimiter, 2 LF, 3 CR, 4 a quote
;;   [256, 512)     idKinds: kinds, and 5 for bytes no plain id has (below ! or above ~)
;;   [512, 512+F)   roles: per field 0 skip, 1 the id, 2 the cost, 3 the service
;;   the batch's columns (from $batch, `cap` rows each): w0, w1, length, s0, s1, sStart, sEnd,
;;   scale, service (i32), units, line (f64)
;;   the cache of recent service values (CostRows.recentServices): 64 entries of 16 bytes, the
;;   value's first 8 bytes as two words, its length (1–8; 0: none) and its service
;;   the working buffer the bytes are read into, and at least 8 bytes beyond it (a field's first 8
;;   bytes are read at once)

(module
  (memory (export "memory") 1)

  (global $mark (mut i32) (i32.const -1))
  (global $last (mut i32) (i32.const 0))
  (global $cap (mut i32) (i32.const 0))
  (global $w0 (mut i32) (i32.const 0))
  (global $w1 (mut i32) (i32.const 0))
  (global $length (mut i32) (i32.const 0))
  (global $s0 (mut i32) (i32.const 0))
  (global $s1 (mut i32) (i32.const 0))
  (global $sStart (mut i32) (i32.const 0))
  (global $sEnd (mut i32) (i32.const 0))
  (global $scale (mut i32) (i32.const 0))
  (global $service (mut i32) (i32.const 0))
  (global $units (mut i32) (i32.const 0))
  (global $line (mut i32) (i32.const 0))
  (global $cache (mut i32) (i32.const 0))
  ;; Set by `rows`: where it stopped, and the length of the last row's id.
  (global $end (export "end") (mut i32) (i32.const 0))
  (global $lastLength (export "lastLength") (mut i32) (i32.const 0))

  ;; The file's decimal mark (-1: none read here), its last field's index, the batch's columns
  ;; and the cache of service values.
  (func (export "configure") (param $mark i32) (param $last i32) (param $batch i32) (param $cap i32) (param $cache i32)
    (global.set $cache (local.get $cache))
    (global.set $mark (local.get $mark))
    (global.set $last (local.get $last))
    (global.set $cap (local.get $cap))
    (global.set $w0 (local.get $batch))
    (global.set $w1 (i32.add (global.get $w0) (i32.shl (local.get $cap) (i32.const 2))))
    (global.set $length (i32.add (global.get $w1) (i32.shl (local.get $cap) (i32.const 2))))
    (global.set $s0 (i32.add (global.get $length) (i32.shl (local.get $cap) (i32.const 2))))
    (global.set $s1 (i32.add (global.get $s0) (i32.shl (local.get $cap) (i32.const 2))))
    (global.set $sStart (i32.add (global.get $s1) (i32.shl (local.get $cap) (i32.const 2))))
    (global.set $sEnd (i32.add (global.get $sStart) (i32.shl (local.get $cap) (i32.const 2))))
    (global.set $scale (i32.add (global.get $sEnd) (i32.shl (local.get $cap) (i32.const 2))))
    (global.set $service (i32.add (global.get $scale) (i32.shl (local.get $cap) (i32.const 2))))
    (global.set $units (i32.add (global.get $service) (i32.shl (local.get $cap) (i32.const 2))))
    (global.set $line (i32.add (global.get $units) (i32.shl (local.get $cap) (i32.const 3)))))

  ;; Reads plain records from $pos while $pos < $limit and $pos < $stop (the bytes up to $limit
  ;; end with LF) into the batch's rows $row, $row + 1, … up to `cap`, the first on line $line;
  ;; $lastLength is the length of the id of the row before $row (0: none), for a repeated id to be
  ;; put as length 0. A row's service is the cache's for its value, or -1 (for CostRows to find).
  ;; Returns the rows read; `end` is where the next record starts.
  (func (export "rows") (param $pos i32) (param $limit i32) (param $stop i32) (param $row i32) (param $lastLength i32) (param $lineAt f64) (result i32)
    (local $first i32) (local $i i32) (local $f i32) (local $role i32) (local $c i32) (local $start i32)
    (local $id0 i32) (local $id1 i32) (local $idLength i32) (local $k i32)
    (local $sv0 i32) (local $sv1 i32) (local $svStart i32) (local $svEnd i32)
    (local $v i64) (local $word i64) (local $d i32) (local $negative i32) (local $digits i32) (local $decimals i32)
    (local $kind i32) (local $next i32) (local $at i32) (local $svLength i32) (local $entry i32) (local $serviceIndex i32)
    (local.set $first (local.get $row))
    (block $done
      (loop $records
        (br_if $done (i32.ge_u (local.get $pos) (local.get $limit)))
        (br_if $done (i32.ge_u (local.get $pos) (local.get $stop)))
        (br_if $done (i32.ge_u (local.get $row) (global.get $cap)))
        (local.set $i (local.get $pos))
        (local.set $f (i32.const 0))
        (local.set $id0 (i32.const 0))
        (local.set $id1 (i32.const 0))
        (local.set $idLength (i32.const 0))
        (local.set $sv0 (i32.const 0))
        (local.set $sv1 (i32.const 0))
        (local.set $svStart (i32.const 0))
        (local.set $svEnd (i32.const 0))
        (local.set $v (i64.const 0))
        (local.set $negative (i32.const 0))
        (local.set $decimals (i32.const 0))
        (loop $fields
          (local.set $role (i32.load8_u offset=512 (local.get $f)))
          (local.set $start (local.get $i))
          (local.set $c (i32.load8_u (local.get $i)))
          (block $ended
            ;; the id: 1–8 bytes from ! to ~, kept as two little-endian words
            (if (i32.eq (local.get $role) (i32.const 1))
              (then
                (block $idEnd
                  (loop $id
                    (br_if $idEnd (i32.load8_u offset=256 (local.get $c)))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (local.set $c (i32.load8_u (local.get $i)))
                    (br $id)))
                (local.set $idLength (i32.sub (local.get $i) (local.get $start)))
                (br_if $done (i32.eqz (local.get $idLength)))
                (br_if $done (i32.gt_u (local.get $idLength) (i32.const 8)))
                (br_if $done (i32.eq (i32.load8_u offset=256 (local.get $c)) (i32.const 5)))
                ;; its 8 bytes at once (the memory has room beyond the buffer), those past it zeroed
                (local.set $word (i64.and (i64.load (local.get $start)) (if (result i64) (i32.ge_u (local.get $idLength) (i32.const 8)) (then (i64.const -1)) (else (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (i32.shl (local.get $idLength) (i32.const 3)))) (i64.const 1))))))
                (local.set $id0 (i32.wrap_i64 (local.get $word)))
                (local.set $id1 (i32.wrap_i64 (i64.shr_u (local.get $word) (i64.const 32))))
                (br $ended)))
            ;; the service: its first 8 bytes as two words, and where it is
            (if (i32.eq (local.get $role) (i32.const 3))
              (then
                (block $serviceEnd
                  (loop $service
                    (br_if $serviceEnd (i32.load8_u (local.get $c)))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (local.set $c (i32.load8_u (local.get $i)))
                    (br $service)))
                (local.set $svStart (local.get $start))
                (local.set $svEnd (local.get $i))
                (local.set $k (i32.sub (local.get $i) (local.get $start)))
                (local.set $word (i64.and (i64.load (local.get $start)) (if (result i64) (i32.ge_u (local.get $k) (i32.const 8)) (then (i64.const -1)) (else (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (i32.shl (local.get $k) (i32.const 3)))) (i64.const 1))))))
                (local.set $sv0 (i32.wrap_i64 (local.get $word)))
                (local.set $sv1 (i32.wrap_i64 (i64.shr_u (local.get $word) (i64.const 32))))
                (br $ended)))
            ;; the cost: a minus, 1–15 digits and 0–6 decimals after the mark (any other form: stop)
            (if (i32.eq (local.get $role) (i32.const 2))
              (then
                (local.set $negative (i32.eq (local.get $c) (i32.const 0x2d)))
                (if (local.get $negative)
                  (then
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (local.set $c (i32.load8_u (local.get $i)))))
                (local.set $start (local.get $i))
                (block $integerEnd
                  (loop $integer
                    (local.set $d (i32.sub (local.get $c) (i32.const 0x30)))
                    (br_if $integerEnd (i32.gt_u (local.get $d) (i32.const 9)))
                    (local.set $v (i64.add (i64.mul (local.get $v) (i64.const 10)) (i64.extend_i32_u (local.get $d))))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (local.set $c (i32.load8_u (local.get $i)))
                    (br $integer)))
                (local.set $digits (i32.sub (local.get $i) (local.get $start)))
                (br_if $done (i32.eqz (local.get $digits)))
                (if (i32.eq (local.get $c) (global.get $mark))
                  (then
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (local.set $start (local.get $i))
                    (local.set $c (i32.load8_u (local.get $i)))
                    (block $fractionEnd
                      (loop $fraction
                        (local.set $d (i32.sub (local.get $c) (i32.const 0x30)))
                        (br_if $fractionEnd (i32.gt_u (local.get $d) (i32.const 9)))
                        (local.set $v (i64.add (i64.mul (local.get $v) (i64.const 10)) (i64.extend_i32_u (local.get $d))))
                        (local.set $i (i32.add (local.get $i) (i32.const 1)))
                        (local.set $c (i32.load8_u (local.get $i)))
                        (br $fraction)))
                    (local.set $decimals (i32.sub (local.get $i) (local.get $start)))
                    (br_if $done (i32.eqz (local.get $decimals)))))
                (br_if $done (i32.gt_u (local.get $decimals) (i32.const 6)))
                (br_if $done (i32.gt_u (i32.add (local.get $digits) (local.get $decimals)) (i32.const 15)))
                ;; the field must end here
                (br_if $done (i32.eqz (i32.load8_u (local.get $c))))
                (br $ended)))
            ;; any other field: skipped
            (block $skipEnd
              (loop $skip
                (br_if $skipEnd (i32.load8_u (local.get $c)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (local.set $c (i32.load8_u (local.get $i)))
                (br $skip))))
          ;; what ends the field: the delimiter before the last field; LF or CRLF after it
          (local.set $kind (i32.load8_u (local.get $c)))
          (if (i32.and (i32.eq (local.get $kind) (i32.const 1)) (i32.lt_u (local.get $f) (global.get $last)))
            (then
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (local.set $f (i32.add (local.get $f) (i32.const 1)))
              (br $fields))))
        (br_if $done (i32.ne (local.get $f) (global.get $last)))
        (br_if $done (i32.eq (local.get $i) (local.get $pos)))
        (if (i32.eq (local.get $kind) (i32.const 2))
          (then (local.set $next (i32.add (local.get $i) (i32.const 1))))
          (else
            (br_if $done (i32.ne (local.get $kind) (i32.const 3)))
            (br_if $done (i32.ne (i32.load8_u offset=1 (local.get $i)) (i32.const 0x0a)))
            (local.set $next (i32.add (local.get $i) (i32.const 2)))))
        ;; the row
        (local.set $at (i32.shl (local.get $row) (i32.const 2)))
        (i32.store (i32.add (global.get $w0) (local.get $at)) (local.get $id0))
        (i32.store (i32.add (global.get $w1) (local.get $at)) (local.get $id1))
        (i32.store (i32.add (global.get $length) (local.get $at))
          (select
            (i32.const 0)
            (local.get $idLength)
            (i32.and
              (i32.and (i32.gt_u (local.get $row) (i32.const 0)) (i32.eq (local.get $idLength) (local.get $lastLength)))
              (i32.and
                (i32.eq (local.get $id0) (i32.load (i32.sub (i32.add (global.get $w0) (local.get $at)) (i32.const 4))))
                (i32.eq (local.get $id1) (i32.load (i32.sub (i32.add (global.get $w1) (local.get $at)) (i32.const 4))))))))
        (i32.store (i32.add (global.get $s0) (local.get $at)) (local.get $sv0))
        (i32.store (i32.add (global.get $s1) (local.get $at)) (local.get $sv1))
        (i32.store (i32.add (global.get $sStart) (local.get $at)) (local.get $svStart))
        (i32.store (i32.add (global.get $sEnd) (local.get $at)) (local.get $svEnd))
        (i32.store (i32.add (global.get $scale) (local.get $at)) (local.get $decimals))
        ;; the service, from the cache (as CostRows.serviceOfWords hashes the value), or -1
        (local.set $serviceIndex (i32.const -1))
        (local.set $svLength (i32.sub (local.get $svEnd) (local.get $svStart)))
        (if (i32.and (i32.gt_u (local.get $svLength) (i32.const 0)) (i32.le_u (local.get $svLength) (i32.const 8)))
          (then
            (local.set $entry
              (i32.add (global.get $cache)
                (i32.shl
                  (i32.shr_u
                    (i32.mul
                      (i32.xor (local.get $sv0) (i32.mul (i32.xor (local.get $sv1) (local.get $svLength)) (i32.const 0x9e3779b1)))
                      (i32.const 0x85ebca6b))
                    (i32.const 26))
                  (i32.const 4))))
            (if (i32.and
                  (i32.and (i32.eq (i32.load (local.get $entry)) (local.get $sv0)) (i32.eq (i32.load offset=4 (local.get $entry)) (local.get $sv1)))
                  (i32.eq (i32.load offset=8 (local.get $entry)) (local.get $svLength)))
              (then (local.set $serviceIndex (i32.load offset=12 (local.get $entry)))))))
        (i32.store (i32.add (global.get $service) (local.get $at)) (local.get $serviceIndex))
        (f64.store (i32.add (global.get $line) (i32.shl (local.get $row) (i32.const 3)))
          (f64.add (local.get $lineAt) (f64.convert_i32_u (i32.sub (local.get $row) (local.get $first)))))
        (f64.store (i32.add (global.get $units) (i32.shl (local.get $row) (i32.const 3)))
          (f64.convert_i64_s (select (i64.sub (i64.const 0) (local.get $v)) (local.get $v) (local.get $negative))))
        (local.set $lastLength (local.get $idLength))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (local.set $pos (local.get $next))
        (br $records)))
    (global.set $end (local.get $pos))
    (global.set $lastLength (local.get $lastLength))
    (i32.sub (local.get $row) (local.get $first)))
)
