/// An open-addressing map from already-mixed 64-bit hashes to small integers.
///
/// Swift's `Dictionary` re-hashes every key with a seeded SipHash; our keys are already well-mixed
/// stable hashes, so a flat power-of-two table with linear probing is several times faster. Key and value
/// share one 16-byte slot, so a lookup touches one cache line. Key 0 marks an empty slot (a real key of 0
/// is remapped).
struct FlatHashMap: Sendable {
    private struct Slot: Sendable {
        var key: UInt64
        var value: Int32
    }

    private var slots: [Slot]
    private var mask: Int
    private(set) var count: Int

    init(minimumCapacity: Int = 16) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        slots = [Slot](repeating: Slot(key: 0, value: -1), count: capacity)
        mask = capacity - 1
        count = 0
    }

    @inline(__always) private static func storedKey(_ key: UInt64) -> UInt64 { key == 0 ? 0x9e37_79b9 : key }

    @inline(__always) func value(for key: UInt64) -> Int32? {
        let stored = Self.storedKey(key)
        return slots.withUnsafeBufferPointer { slots in
            var index = Int(truncatingIfNeeded: stored) & mask
            while true {
                let slot = slots[index]
                if slot.key == stored { return slot.value }
                if slot.key == 0 { return nil }
                index = (index + 1) & mask
            }
        }
    }

    /// Inserts or replaces the value for `key`.
    mutating func set(_ value: Int32, for key: UInt64) {
        if (count + 1) * 2 > slots.count { grow() }
        let stored = Self.storedKey(key)
        var index = Int(truncatingIfNeeded: stored) & mask
        while true {
            let candidate = slots[index].key
            if candidate == stored {
                slots[index].value = value
                return
            }
            if candidate == 0 {
                slots[index] = Slot(key: stored, value: value)
                count += 1
                return
            }
            index = (index + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        let capacity = slots.count * 2
        slots = [Slot](repeating: Slot(key: 0, value: -1), count: capacity)
        mask = capacity - 1
        count = 0
        for slot in old where slot.key != 0 { set(slot.value, for: slot.key) }
    }
}
