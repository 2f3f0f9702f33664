/// The in-memory layout a model scores with, built when the model loads.
///
/// Scoring is bound by memory latency, not arithmetic: each feature of a comment costs a hash probe and a
/// weight row. So a slot is 8 bytes (a 32-bit fingerprint of the hash and the row number), and each row holds
/// every head's weight as one signed byte (with a scale per head) followed by the feature's idf — 48 bytes
/// for the default model instead of 136 as floats — so the whole table stays close to the core's cache.
/// The slot index uses the hash's low bits and the fingerprint its high bits, so a feature the model does
/// not know is mistaken for a known one with probability about 2⁻³² per probe.
struct ScoringTable: Sendable {
    struct Slot: Sendable {
        var fingerprint: UInt32
        var row: Int32
    }

    private let slots: [Slot]
    private let mask: Int
    /// `rowCount × stride` quantised weights.
    let rows: [Int8]
    /// Bytes per row: the head count plus 4 (the idf, a `Float` in the last 4 bytes), rounded up to 16.
    let stride: Int
    /// Per head, the weight one quantisation step stands for.
    let scales: [Float]

    init(keys: [UInt64], idf: [Float], weights: [Float], heads: Int) {
        var capacity = 16
        while capacity < keys.count * 2 { capacity <<= 1 }
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
        for (index, weight) in weights.enumerated() { maxima[index % heads] = max(maxima[index % heads], abs(weight)) }
        let scales = maxima.map { $0 > 0 ? $0 / 127 : 1 }
        let stride = (heads + 4 + 15) / 16 * 16
        var rows = [Int8](repeating: 0, count: keys.count * stride)
        for row in 0..<keys.count {
            for head in 0..<heads {
                rows[row * stride + head] = Int8((weights[row * heads + head] / scales[head]).rounded())
            }
            withUnsafeBytes(of: idf[row]) { idfBytes in
                for offset in 0..<4 { rows[row * stride + stride - 4 + offset] = Int8(bitPattern: idfBytes[offset]) }
            }
        }
        self.rows = rows
        self.stride = stride
        self.scales = scales
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
        slots.withUnsafeBufferPointer { slots in
            for (position, key) in keys.enumerated() {
                firstProbes[position] = slots[Int(truncatingIfNeeded: key) & mask]
            }
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
}
