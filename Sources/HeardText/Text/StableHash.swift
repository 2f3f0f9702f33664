/// Stable 64-bit hashing for features and duplicate detection.
///
/// Swift's `Hasher` is randomly seeded per process, so it cannot be used for anything saved in a model
/// file. FNV-1a is simple, stable across platforms and runs, and fast enough on short tokens.
@usableFromInline
enum StableHash {
    @usableFromInline static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    @usableFromInline static let prime: UInt64 = 0x0000_0100_0000_01b3

    @inlinable static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = offset
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* prime }
        return mix(hash)
    }

    @inlinable static func fnv1a(_ text: String) -> UInt64 {
        var hash = offset
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* prime }
        return mix(hash)
    }

    /// A finaliser (from MurmurHash3) so that similar inputs spread over every bit.
    @inlinable static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x &*= 0xff51_afd7_ed55_8ccd
        x ^= x >> 33
        x &*= 0xc4ce_b9fe_1a85_ec53
        x ^= x >> 33
        return x
    }

    /// Order-sensitive combination of two hashes (for n-grams).
    @inlinable static func combine(_ first: UInt64, _ second: UInt64) -> UInt64 {
        mix(first &* 0x9e37_79b9_7f4a_7c15 ^ (second &+ 0x632b_e59b_d9b4_e019))
    }
}
