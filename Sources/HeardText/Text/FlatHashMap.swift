/// An open-addressing map from already-mixed 64-bit hashes to small integers.
///
/// Swift's `Dictionary` re-hashes every key with a seeded SipHash; our keys are already well-mixed
/// stable hashes, so a flat power-of-two table with linear probing is several times faster and keeps
/// every probe in one contiguous array. Key 0 marks an empty slot (a real key of 0 is remapped).
struct FlatHashMap: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private(set) var count: Int

    init(minimumCapacity: Int = 16) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        keys = [UInt64](repeating: 0, count: capacity)
        values = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
        count = 0
    }

    @inline(__always) private static func storedKey(_ key: UInt64) -> UInt64 { key == 0 ? 0x9e37_79b9 : key }

    @inline(__always) func value(for key: UInt64) -> Int32? {
        let stored = Self.storedKey(key)
        return keys.withUnsafeBufferPointer { keys in
            var slot = Int(truncatingIfNeeded: stored) & mask
            while true {
                let candidate = keys[slot]
                if candidate == stored { return values[slot] }
                if candidate == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Inserts or replaces the value for `key`.
    mutating func set(_ value: Int32, for key: UInt64) {
        if (count + 1) * 2 > keys.count { grow() }
        let stored = Self.storedKey(key)
        var slot = Int(truncatingIfNeeded: stored) & mask
        while true {
            let candidate = keys[slot]
            if candidate == stored {
                values[slot] = value
                return
            }
            if candidate == 0 {
                keys[slot] = stored
                values[slot] = value
                count += 1
                return
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        let capacity = keys.count * 2
        keys = [UInt64](repeating: 0, count: capacity)
        values = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
        count = 0
        for (slot, key) in oldKeys.enumerated() where key != 0 { set(oldValues[slot], for: key) }
    }
}
