/// Characters a reader takes for ASCII but the byte matchers would not: fullwidth forms (U+FF01–FF5E, such as
/// "９４３ ４７６ ５９１９" or "ＬＳ１") and Unicode spaces (no-break U+00A0, U+2000–200A, narrow no-break U+202F,
/// ideographic U+3000).
///
/// The redactor matches on a copy with these folded to ASCII and replaces the original bytes, so the folded
/// forms are caught without the published text being changed anywhere else. Folding happens in the redactor,
/// not in the tokeniser's normalisation: the redactor reads the raw bytes, and must not leak whoever calls it.
enum LookalikeFolding {
    /// The ASCII byte a lookalike at `index` stands for, and its length in bytes; nil when there is none.
    @inline(__always)
    static func fold(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (ascii: UInt8, length: Int)? {
        let count = bytes.count
        switch bytes[index] {
        case 0xC2:
            if index + 1 < count, bytes[index + 1] == 0xA0 { return (UInt8(ascii: " "), 2) }
        case 0xE2:
            if index + 2 < count, bytes[index + 1] == 0x80 {
                let third = bytes[index + 2]
                if (third >= 0x80 && third <= 0x8A) || third == 0xAF { return (UInt8(ascii: " "), 3) }
            }
        case 0xE3:
            if index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x80 { return (UInt8(ascii: " "), 3) }
        case 0xEF:
            guard index + 2 < count else { return nil }
            let third = bytes[index + 2]
            // U+FF01–FF3F is EF BC 81–BF, U+FF40–FF5E is EF BD 80–9E; each is its ASCII twin plus 0xFEE0.
            if bytes[index + 1] == 0xBC, third >= 0x81, third <= 0xBF { return (third &- 0x60, 3) }
            if bytes[index + 1] == 0xBD, third >= 0x80, third <= 0x9E { return (third &- 0x20, 3) }
        default: break
        }
        return nil
    }

    /// Whether `bytes` hold any lookalike (only worth asking when they hold a byte ≥ 0x80).
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in bytes.indices where bytes[index] >= 0xC2 {
            if fold(bytes, at: index) != nil { return true }
        }
        return false
    }

    /// `bytes` with every lookalike folded, and for each folded byte (plus one past the end) the offset in
    /// `bytes` it came from.
    static func folded(_ bytes: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], origins: [Int]) {
        var folded: [UInt8] = []
        var origins: [Int] = []
        folded.reserveCapacity(bytes.count)
        origins.reserveCapacity(bytes.count + 1)
        var index = 0
        while index < bytes.count {
            origins.append(index)
            if bytes[index] >= 0xC2, let lookalike = fold(bytes, at: index) {
                folded.append(lookalike.ascii)
                index += lookalike.length
            } else {
                folded.append(bytes[index])
                index += 1
            }
        }
        origins.append(bytes.count)
        return (folded, origins)
    }
}
