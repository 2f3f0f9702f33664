import Foundation

/// A buffered RFC 4180 CSV writer: fields are quoted only when they contain a comma, quote or line break.
///
/// A struct so that appending to its buffer pays no dynamic exclusivity checks on the hot path.
public struct CSVWriter {
    private let handle: FileHandle
    private let path: String
    private var buffer: [UInt8] = []
    private let flushThreshold: Int
    private var fieldsInRow = 0

    public init(url: URL, flushThreshold: Int = 1 << 20) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CSVError.cannotWrite(path: url.path, reason: "the file cannot be created")
        }
        do {
            handle = try FileHandle(forWritingTo: url)
        } catch {
            throw CSVError.cannotWrite(path: url.path, reason: CSVReader.reason(error))
        }
        path = url.path
        self.flushThreshold = flushThreshold
        buffer.reserveCapacity(flushThreshold + 65536)
    }

    public mutating func writeField(_ text: String) {
        var copy = text
        copy.withUTF8 { writeField($0) }
    }

    public mutating func writeField(_ bytes: UnsafeBufferPointer<UInt8>) {
        if fieldsInRow > 0 { buffer.append(UInt8(ascii: ",")) }
        fieldsInRow += 1
        guard Self.needsQuotes(bytes) else {
            buffer.append(contentsOf: bytes)
            return
        }
        buffer.append(UInt8(ascii: "\""))
        // Copy runs between quotes in bulk, doubling each quote.
        var runStart = 0
        for index in 0..<bytes.count where bytes[index] == UInt8(ascii: "\"") {
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...index]))
            buffer.append(UInt8(ascii: "\""))
            runStart = index + 1
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        buffer.append(UInt8(ascii: "\""))
    }

    public mutating func writeField(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBufferPointer { writeField($0) }
    }

    public mutating func writeRow(_ fields: [String]) throws {
        for field in fields { writeField(field) }
        try endRow()
    }

    public mutating func endRow() throws {
        buffer.append(0x0D)
        buffer.append(0x0A)
        fieldsInRow = 0
        if buffer.count >= flushThreshold { try flush() }
    }

    public mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw CSVError.cannotWrite(path: path, reason: CSVReader.reason(error))
        }
        buffer.removeAll(keepingCapacity: true)
    }

    public mutating func close() throws {
        try flush()
        try handle.close()
    }

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
