import Foundation

/// A buffered RFC 4180 CSV writer: fields are quoted only when they contain a comma, quote or line break.
public final class CSVWriter {
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

    deinit { try? handle.close() }

    public func writeField(_ text: String) {
        var copy = text
        copy.withUTF8 { writeField($0) }
    }

    public func writeField(_ bytes: UnsafeBufferPointer<UInt8>) {
        if fieldsInRow > 0 { buffer.append(UInt8(ascii: ",")) }
        fieldsInRow += 1
        var needsQuotes = false
        for byte in bytes where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D
        {
            needsQuotes = true
            break
        }
        guard needsQuotes else {
            buffer.append(contentsOf: bytes)
            return
        }
        buffer.append(UInt8(ascii: "\""))
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { buffer.append(byte) }
            buffer.append(byte)
        }
        buffer.append(UInt8(ascii: "\""))
    }

    public func writeField(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBufferPointer { writeField($0) }
    }

    public func writeRow(_ fields: [String]) throws {
        for field in fields { writeField(field) }
        try endRow()
    }

    public func endRow() throws {
        buffer.append(0x0D)
        buffer.append(0x0A)
        fieldsInRow = 0
        if buffer.count >= flushThreshold { try flush() }
    }

    public func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw CSVError.cannotWrite(path: path, reason: CSVReader.reason(error))
        }
        buffer.removeAll(keepingCapacity: true)
    }

    public func close() throws {
        try flush()
        try handle.close()
    }
}
