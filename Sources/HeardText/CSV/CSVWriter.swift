import Foundation

/// A buffered RFC 4180 CSV writer: fields are quoted only when they contain a comma, quote or line break.
///
/// The file appears (replacing any earlier one) only at `close()`: see `FileOutput`.
///
/// A struct so that appending to its buffer pays no dynamic exclusivity checks on the hot path.
public struct CSVWriter {
    private let output: FileOutput
    /// Bytes `0..<used` are waiting to be written; the array's count is its capacity, so writing a field is
    /// one bounds check and one copy through a pointer, not an append per piece.
    private var buffer: [UInt8]
    private var used = 0
    private let flushThreshold: Int
    private var fieldsInRow = 0

    public init(url: URL, flushThreshold: Int = 1 << 20) throws {
        output = try FileOutput(path: url.path)
        self.flushThreshold = flushThreshold
        buffer = [UInt8](repeating: 0, count: flushThreshold + 65536)
    }

    public mutating func writeField(_ text: String) {
        var copy = text
        copy.withUTF8 { writeField($0) }
    }

    public mutating func writeField(_ text: StaticString) {
        text.withUTF8Buffer { writeField($0) }
    }

    /// Writes one field. With `defusingFormula`, text a spreadsheet would run as a formula (starting with
    /// `=`, `+`, `-`, `@`, a tab or a carriage return) gets an apostrophe in front, as Heard's other exports do.
    public mutating func writeField(_ bytes: UnsafeBufferPointer<UInt8>, defusingFormula: Bool = false) {
        writeField(bytes, quoted: Self.needsQuotes(bytes), defusingFormula: defusingFormula)
    }

    /// `writeField` with no scan for bytes that need quotes when the caller knows there are none (`plain`), for
    /// example because the CSV reader saw none of them in the field.
    mutating func writeField(_ bytes: UnsafeBufferPointer<UInt8>, plain: Bool, defusingFormula: Bool = false) {
        writeField(bytes, quoted: !plain && Self.needsQuotes(bytes), defusingFormula: defusingFormula)
    }

    /// `writeField` when whether the field needs quotes (`needsQuotes(bytes)`) is already known.
    private mutating func writeField(
        _ bytes: UnsafeBufferPointer<UInt8>, quoted: Bool, defusingFormula: Bool = false
    ) {
        // Worst case: a separator, two quotes, an apostrophe, and every byte a doubled quote.
        reserve(bytes.count * 2 + 4)
        let separator = fieldsInRow > 0
        fieldsInRow += 1
        let apostrophe = defusingFormula && bytes.first.map(Self.startsFormula) == true
        used = buffer.withUnsafeMutableBufferPointer { output in
            let base = output.baseAddress!
            var at = used
            if separator {
                base[at] = UInt8(ascii: ",")
                at += 1
            }
            guard let source = bytes.baseAddress, bytes.count > 0 else { return at }
            if quoted {
                base[at] = UInt8(ascii: "\"")
                at += 1
            }
            if apostrophe {
                base[at] = UInt8(ascii: "'")
                at += 1
            }
            guard quoted else {
                (base + at).update(from: source, count: bytes.count)
                return at + bytes.count
            }
            // Copy runs between quotes in bulk, doubling each quote; eight bytes at a time while they hold none.
            var runStart = 0
            var index = 0
            let raw = UnsafeRawPointer(source)
            let quotes: UInt64 = 0x2222_2222_2222_2222
            while index < bytes.count {
                if index + 8 <= bytes.count {
                    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ quotes
                    if (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 == 0 {
                        index += 8
                        continue
                    }
                }
                if source[index] == UInt8(ascii: "\"") {
                    (base + at).update(from: source + runStart, count: index + 1 - runStart)
                    at += index + 1 - runStart
                    base[at] = UInt8(ascii: "\"")
                    at += 1
                    runStart = index + 1
                }
                index += 1
            }
            (base + at).update(from: source + runStart, count: bytes.count - runStart)
            at += bytes.count - runStart
            base[at] = UInt8(ascii: "\"")
            return at + 1
        }
    }

    /// Writes a field the caller composes itself (names, numbers) straight into the buffer, with no scratch array
    /// between: `fill` writes at most `maximumCount` bytes at the pointer it is given and returns how many. With
    /// `quoted`, the field is put in quotes and `fill` must write its quotes doubled.
    mutating func writeComposedField(
        maximumCount: Int, quoted: Bool = false, _ fill: (UnsafeMutablePointer<UInt8>) -> Int
    ) {
        reserve(maximumCount + 3)
        let separator = fieldsInRow > 0
        fieldsInRow += 1
        used = buffer.withUnsafeMutableBufferPointer { output in
            let base = output.baseAddress!
            var at = used
            if separator {
                base[at] = UInt8(ascii: ",")
                at += 1
            }
            if quoted {
                base[at] = UInt8(ascii: "\"")
                at += 1
            }
            let written = fill(base + at)
            precondition(written <= maximumCount, "a composed field wrote more than it said it would")
            at += written
            if quoted {
                base[at] = UInt8(ascii: "\"")
                at += 1
            }
            return at
        }
    }

    /// Writes a whole number in decimal digits.
    mutating func writeField(_ value: Int) {
        let magnitude = value.magnitude
        writeComposedField(maximumCount: 21) { output in
            var at = 0
            if value < 0 {
                output[0] = UInt8(ascii: "-")
                at = 1
            }
            var digits = 1
            var rest = magnitude / 10
            while rest > 0 {
                digits += 1
                rest /= 10
            }
            rest = magnitude
            for position in stride(from: at + digits - 1, through: at, by: -1) {
                output[position] = UInt8(truncatingIfNeeded: rest % 10) + UInt8(ascii: "0")
                rest /= 10
            }
            return at + digits
        }
    }

    /// Makes room for `count` more bytes after `used`.
    @inline(__always)
    private mutating func reserve(_ count: Int) {
        let needed = used + count
        if needed > buffer.count { buffer.append(contentsOf: repeatElement(0, count: needed - buffer.count)) }
    }

    private static func startsFormula(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "@") || byte == 0x09 || byte == 0x0D
    }

    public mutating func writeField(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBufferPointer { writeField($0) }
    }

    /// Starts the file with a UTF-8 byte-order mark, for files people open in Excel (which otherwise reads
    /// Windows-1252 and garbles "£" and accents). Call it before the first row; programs do not need it.
    public mutating func writeByteOrderMark() {
        precondition(used == 0 && fieldsInRow == 0, "the byte-order mark goes before anything else")
        buffer.replaceSubrange(0..<3, with: [0xEF, 0xBB, 0xBF])
        used = 3
    }

    public mutating func writeRow(_ fields: [String]) throws {
        for field in fields { writeField(field) }
        try endRow()
    }

    public mutating func endRow() throws {
        if used + 2 > buffer.count { buffer.append(contentsOf: [0, 0]) }
        buffer.withUnsafeMutableBufferPointer { output in
            output[used] = 0x0D
            output[used + 1] = 0x0A
        }
        used += 2
        fieldsInRow = 0
        if used >= flushThreshold { try flush() }
    }

    public mutating func flush() throws {
        guard used > 0 else { return }
        try buffer.withUnsafeBytes { try output.write(UnsafeRawBufferPointer(rebasing: $0[0..<used])) }
        used = 0
    }

    /// Writes what is left and makes the file final.
    public mutating func close() throws {
        try flush()
        try output.commit()
    }

    /// Abandons the file: nothing is written, and an earlier file at the path is left as it was.
    public func discard() { output.discard() }

    /// Whether a field contains a comma, quote, CR or LF. Tests eight bytes at a time (SWAR): for each
    /// special byte, `word ^ broadcast(byte)` has a zero byte exactly where it occurs.
    static func needsQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        var index = 0
        let raw = UnsafeRawPointer(base)
        while index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if hasZeroByte(word ^ (ones &* 0x2C)) || hasZeroByte(word ^ (ones &* 0x22))
                || hasZeroByte(word ^ (ones &* 0x0A)) || hasZeroByte(word ^ (ones &* 0x0D))
            {
                return true
            }
            index += 8
        }
        while index < count {
            let byte = base[index]
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D { return true }
            index += 1
        }
        return false
    }
}
