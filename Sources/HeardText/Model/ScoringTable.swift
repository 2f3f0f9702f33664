/// The in-memory layout a model scores with, built when the model loads.
///
/// Scoring is bound by memory latency, not arithmetic: each feature of a comment costs a hash probe and a
/// weight row. So a feature's hash, row number and idf share one 16-byte slot, and each row holds every
/// head's weight as one signed byte (with a scale per head) — 48 bytes for the default model's heads instead
/// of 132 as floats — so the hot rows of the table stay in cache.
struct ScoringTable: Sendable {
    struct Slot: Sendable {
        var key: UInt64
        var row: Int32
        var idf: Float
    }

    private let slots: [Slot]
    private let mask: Int
    /// `rowCount × stride` quantised weights.
    let rows: [Int8]
    /// Bytes per row: the head count rounded up to a multiple of 16.
    let stride: Int
    /// Per head, the weight one quantisation step stands for.
    let scales: [Float]

    init(keys: [UInt64], idf: [Float], weights: [Float], heads: Int) {
        var capacity = 16
        while capacity < keys.count * 2 { capacity <<= 1 }
        var slots = [Slot](repeating: Slot(key: 0, row: -1, idf: 0), count: capacity)
        let mask = capacity - 1
        for (row, key) in keys.enumerated() {
            let stored = Self.storedKey(key)
            var index = Int(truncatingIfNeeded: stored) & mask
            while slots[index].key != 0 && slots[index].key != stored { index = (index + 1) & mask }
            slots[index] = Slot(key: stored, row: Int32(row), idf: idf[row])
        }
        self.slots = slots
        self.mask = mask
        var maxima = [Float](repeating: 0, count: heads)
        for (index, weight) in weights.enumerated() { maxima[index % heads] = max(maxima[index % heads], abs(weight)) }
        let scales = maxima.map { $0 > 0 ? $0 / 127 : 1 }
        let stride = max((heads + 15) / 16 * 16, 16)
        var rows = [Int8](repeating: 0, count: keys.count * stride)
        for row in 0..<keys.count {
            for head in 0..<heads {
                rows[row * stride + head] = Int8((weights[row * heads + head] / scales[head]).rounded())
            }
        }
        self.rows = rows
        self.stride = stride
        self.scales = scales
    }

    @inline(__always) private static func storedKey(_ key: UInt64) -> UInt64 { key == 0 ? 0x9e37_79b9 : key }

    /// The slot of a feature, or nil when the model does not know it.
    @inline(__always) func find(_ key: UInt64) -> Slot? {
        let stored = Self.storedKey(key)
        return slots.withUnsafeBufferPointer { slots in
            var index = Int(truncatingIfNeeded: stored) & mask
            while true {
                let slot = slots[index]
                if slot.key == stored { return slot }
                if slot.key == 0 { return nil }
                index = (index + 1) & mask
            }
        }
    }
}
