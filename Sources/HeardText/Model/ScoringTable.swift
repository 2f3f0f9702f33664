/// The in-memory layout a model scores with, built when the model loads. A class, so that handing it around on the
/// hot path retains one reference instead of copying (and retaining) each of its arrays.
///
/// Scoring is bound by memory latency and by the work per feature: each feature of a comment costs a hash
/// probe and a weight row. So a slot is 8 bytes (a 32-bit fingerprint of the hash and the row number), and each
/// row holds the heads' weights *already multiplied by the feature's idf* as 12-bit integers in 16 bits (with
/// a scale per head), 16 heads per lane. Rows are aligned to 64 bytes, so with up to 32 heads in lanes a row
/// is one cache line. Up to two heads past the last full lane (the default model has 33: 28 themes and 5
/// sentiment classes) live beside the row's idf² in a small side array instead of costing a second cache line.
/// Summing a comment's rows is then 16-bit integer additions only (widened to 32 bits every 16 features, so
/// nothing overflows). (Earlier layouts: 32-bit floats, then 8-bit weights times a float idf summed as floats;
/// the 12-bit integers are both faster and closer to the trained weights.)
/// The slot index uses the hash's low bits and the fingerprint its high bits, so a feature the model does
/// not know is mistaken for a known one with probability about 2⁻³² per probe.
final class ScoringTable: Sendable {
    struct Slot: Sendable {
        var fingerprint: UInt32
        var row: Int32
    }

    /// What a row needs besides its lanes: its idf² (its share of the comment's squared L2 norm) and up to two
    /// heads that do not fill a lane.
    struct Side: Sendable {
        var squaredIdf: Float
        var tail: (Int16, Int16)
    }

    /// 64-byte-aligned storage for the rows (an array only guarantees 16).
    final class Rows: @unchecked Sendable {
        let base: UnsafeMutableRawPointer
        init(byteCount: Int) {
            base = UnsafeMutableRawPointer.allocate(byteCount: max(byteCount, 64), alignment: 64)
            base.initializeMemory(as: UInt8.self, repeating: 0, count: max(byteCount, 64))
        }
        deinit { base.deallocate() }
    }

    private let slots: [Slot]
    private let mask: Int
    /// `rowCount × lanes × 16` quantised idf × weight values.
    private let rows: Rows
    private let sides: [Side]
    /// Full lanes of 16 heads per row, and heads kept in `Side.tail` (0–2).
    let lanes: Int
    let tailHeads: Int
    /// Per head, the idf × weight one quantisation step stands for.
    let scales: [Float]
    /// `scales` in lanes of 16 matching the totals `sum` fills (the tail heads in the last), padded with zeros.
    let scaleLanes: [SIMD16<Float>]

    /// The largest quantised value, and how many features are summed in 16-bit lanes before widening to 32
    /// bits: 16 × 2047 stays below `Int16.max`.
    static let largest: Float = 2047
    static let chunk = 16

    init(keys: [UInt64], idf: [Float], weights: [Float], heads: Int) {
        var capacity = 16
        // At most a quarter full: most features of a comment are unknown to the model (bigrams, question crosses),
        // and an unknown one then usually stops at its first, empty slot. Half full cost 3–4 % more end to end.
        while capacity < keys.count * 4 { capacity <<= 1 }
        var slots = [Slot](repeating: Slot(fingerprint: 0, row: -1), count: capacity)
        let mask = capacity - 1
        for (row, key) in keys.enumerated() {
            var index = Int(truncatingIfNeeded: key) & mask
            while slots[index].row >= 0 { index = (index + 1) & mask }
            slots[index] = Slot(fingerprint: Self.fingerprint(key), row: Int32(row))
        }
        self.slots = slots
        self.mask = mask
        var maxima = [Float](repeating: 0, count: heads)
        for row in 0..<keys.count {
            for head in 0..<heads {
                maxima[head] = max(maxima[head], abs(weights[row * heads + head] * idf[row]))
            }
        }
        let scales = maxima.map { $0 > 0 ? $0 / Self.largest : 1 }
        let remainder = heads % 16
        let lanes = remainder <= 2 && heads >= 16 ? heads / 16 : (heads + 15) / 16
        let tailHeads = heads - lanes * 16 > 0 ? heads - lanes * 16 : 0
        let rows = Rows(byteCount: keys.count * lanes * 32)
        let values = rows.base.bindMemory(to: Int16.self, capacity: keys.count * lanes * 16)
        var sides = [Side](repeating: Side(squaredIdf: 0, tail: (0, 0)), count: keys.count)
        for row in 0..<keys.count {
            var tail: [Int16] = [0, 0]
            for head in 0..<heads {
                let value = (weights[row * heads + head] * idf[row] / scales[head]).rounded()
                // A weight that is not finite scores nothing (`TextModel.write` refuses such a model).
                let quantised = value.isFinite ? Int16(max(-Self.largest, min(Self.largest, value))) : 0
                if head < lanes * 16 {
                    values[row * lanes * 16 + head] = quantised
                } else {
                    tail[head - lanes * 16] = quantised
                }
            }
            sides[row] = Side(squaredIdf: idf[row] * idf[row], tail: (tail[0], tail[1]))
        }
        self.rows = rows
        self.sides = sides
        self.lanes = lanes
        self.tailHeads = tailHeads
        self.scales = scales
        scaleLanes = Self.lanes(scales)
    }

    /// `values` in lanes of 16, the last padded with zeros.
    static func lanes(_ values: [Float]) -> [SIMD16<Float>] {
        stride(from: 0, to: max(values.count, 1), by: 16).map { start in
            var lane = SIMD16<Float>(repeating: 0)
            for index in start..<min(start + 16, values.count) { lane[index - start] = values[index] }
            return lane
        }
    }

    @inline(__always) private static func fingerprint(_ key: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: key >> 32) }

    /// Gathers the first-probe slot of every key (loads with no branches between them, so their cache misses
    /// overlap), then resolves each: a match, an empty slot (unknown), or — rarely — a longer probe.
    /// Writes the rows found to `rows` and returns how many.
    @inline(__always)
    func findAll(
        _ keys: UnsafeBufferPointer<UInt64>, firstProbes: UnsafeMutableBufferPointer<Slot>,
        rows: UnsafeMutableBufferPointer<Int32>
    ) -> Int {
        gatherFirstProbes(keys, into: firstProbes)
        return resolve(keys, firstProbes: UnsafeBufferPointer(firstProbes), rows: rows)
    }

    /// The first half of `findAll`, apart so that two tables' loads can be issued together.
    @inline(__always)
    func gatherFirstProbes(_ keys: UnsafeBufferPointer<UInt64>, into firstProbes: UnsafeMutableBufferPointer<Slot>) {
        slots.withUnsafeBufferPointer { slots in
            for (position, key) in keys.enumerated() {
                firstProbes[position] = slots[Int(truncatingIfNeeded: key) & mask]
            }
        }
    }

    /// The second half of `findAll`.
    @inline(__always)
    func resolve(
        _ keys: UnsafeBufferPointer<UInt64>, firstProbes: UnsafeBufferPointer<Slot>,
        rows: UnsafeMutableBufferPointer<Int32>
    ) -> Int {
        var found = 0
        for (position, key) in keys.enumerated() {
            let slot = firstProbes[position]
            if slot.row < 0 { continue }
            if slot.fingerprint == Self.fingerprint(key) {
                rows[found] = slot.row
                found += 1
            } else if let row = find(key) {
                rows[found] = row
                found += 1
            }
        }
        return found
    }

    /// The row of a feature, or nil when the model does not know it.
    @inline(__always) func find(_ key: UInt64) -> Int32? {
        let fingerprint = Self.fingerprint(key)
        return slots.withUnsafeBufferPointer { slots in
            var index = Int(truncatingIfNeeded: key) & mask
            while true {
                let slot = slots[index]
                if slot.row < 0 { return nil }
                if slot.fingerprint == fingerprint { return slot.row }
                index = (index + 1) & mask
            }
        }
    }

    /// Sums the rows `hits` into `totals` (one 32-bit total per head: lanes, then the tail heads) and returns
    /// the sum of their idf² (the comment's squared norm before normalising).
    @inline(__always)
    func sum(_ hits: UnsafeBufferPointer<Int32>, into totals: UnsafeMutableBufferPointer<SIMD16<Int32>>) -> Float {
        let lanes = self.lanes
        for lane in 0..<totals.count { totals[lane] = SIMD16<Int32>(repeating: 0) }
        var squaredNorm: Float = 0
        var firstTail: Int32 = 0
        var secondTail: Int32 = 0
        sides.withUnsafeBufferPointer { sides in
            for hit in hits {
                let side = sides[Int(hit)]
                squaredNorm += side.squaredIdf
                firstTail &+= Int32(side.tail.0)
                secondTail &+= Int32(side.tail.1)
            }
        }
        if tailHeads > 0 {
            totals[lanes][0] = firstTail
            totals[lanes][1] = secondTail
        }
        let base = UnsafeRawPointer(rows.base)
        let rowBytes = lanes * 32
        var start = 0
        while start < hits.count {
            let end = min(start + Self.chunk, hits.count)
            switch lanes {
            case 1: Self.sum(hits, start, end, base, rowBytes: 32, lanes: 1, into: totals)
            case 2: Self.sum(hits, start, end, base, rowBytes: 64, lanes: 2, into: totals)
            case 3: Self.sum(hits, start, end, base, rowBytes: 96, lanes: 3, into: totals)
            case 4: Self.sum(hits, start, end, base, rowBytes: 128, lanes: 4, into: totals)
            default:
                for lane in 0..<lanes {
                    var total = SIMD16<Int16>(repeating: 0)
                    for index in start..<end {
                        let row = base + Int(hits[index]) &* rowBytes
                        total &+= row.loadUnaligned(fromByteOffset: lane * 32, as: SIMD16<Int16>.self)
                    }
                    totals[lane] &+= SIMD16<Int32>(truncatingIfNeeded: total)
                }
            }
            start = end
        }
        return squaredNorm
    }

    /// One chunk of rows for up to four lanes of 16 heads, every lane in registers, in one pass over the rows.
    @inline(__always)
    private static func sum(
        _ hits: UnsafeBufferPointer<Int32>, _ start: Int, _ end: Int, _ base: UnsafeRawPointer, rowBytes: Int,
        lanes: Int, into totals: UnsafeMutableBufferPointer<SIMD16<Int32>>
    ) {
        var first = SIMD16<Int16>(repeating: 0)
        var second = SIMD16<Int16>(repeating: 0)
        var third = SIMD16<Int16>(repeating: 0)
        var fourth = SIMD16<Int16>(repeating: 0)
        for index in start..<end {
            let row = base + Int(hits[index]) &* rowBytes
            first &+= row.loadUnaligned(as: SIMD16<Int16>.self)
            if lanes > 1 { second &+= row.loadUnaligned(fromByteOffset: 32, as: SIMD16<Int16>.self) }
            if lanes > 2 { third &+= row.loadUnaligned(fromByteOffset: 64, as: SIMD16<Int16>.self) }
            if lanes > 3 { fourth &+= row.loadUnaligned(fromByteOffset: 96, as: SIMD16<Int16>.self) }
        }
        totals[0] &+= SIMD16<Int32>(truncatingIfNeeded: first)
        if lanes > 1 { totals[1] &+= SIMD16<Int32>(truncatingIfNeeded: second) }
        if lanes > 2 { totals[2] &+= SIMD16<Int32>(truncatingIfNeeded: third) }
        if lanes > 3 { totals[3] &+= SIMD16<Int32>(truncatingIfNeeded: fourth) }
    }
}
