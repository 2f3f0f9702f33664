/// Byte-level character classes for the UTF-8 hot path.
///
/// The engine scans raw UTF-8 bytes rather than `Character`s: grapheme breaking is far too slow for
/// hundreds of thousands of comments a second, and every decision we make (letters, digits, separators)
/// only needs ASCII plus a handful of well-known multi-byte punctuation marks.
@usableFromInline
enum ByteClass {
    @inlinable static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
    @inlinable static func isUpper(_ byte: UInt8) -> Bool { byte &- 0x41 < 26 }
    @inlinable static func isLower(_ byte: UInt8) -> Bool { byte &- 0x61 < 26 }
    @inlinable static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }
    @inlinable static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isASCIILetter(byte) }
    @inlinable static func lower(_ byte: UInt8) -> UInt8 { isUpper(byte) ? byte | 0x20 : byte }
    @inlinable static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }
    /// A space or tab: what may stand between the groups of a number or the halves of a postcode.
    @inlinable static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    /// Marks that end a clause, and so end a negation scope.
    @inlinable static func isClauseEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";")
            || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
            || byte == 0x0A
    }
}
