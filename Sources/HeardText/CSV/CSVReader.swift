import Foundation

/// A streaming RFC 4180 CSV reader over raw bytes: quoted fields, doubled quotes, line breaks inside
/// quotes, CRLF or LF. Memory stays bounded by the largest record, not the file.
///
/// Fields of the current record are exposed as byte ranges into `fieldBytes` (unescaped), valid until the
/// next call to `nextRecord()`.
///
/// The hot stored properties are `@exclusivity(unchecked)`: a class's stored properties are otherwise checked at
/// run time on every access (four times a record, about 1.5 % of `heard analyse`), and here no access can overlap
/// another: the reader is not `Sendable`, and `parseRecord` moves the field arrays out and back.
public final class CSVReader {
    private let handle: FileHandle
    private let path: String
    @exclusivity(unchecked) private var buffer: [UInt8] = []
    @exclusivity(unchecked) private var position = 0
    private var endOfFile = false
    /// Bytes dropped from the front of `buffer` so far (for progress reporting).
    private var discardedBytes = 0
    private let chunkSize: Int
    /// Line number (1-based) where the next record starts.
    @exclusivity(unchecked) private var nextLine = 1

    /// Unescaped bytes of the current record's fields, at `fieldRanges` (bytes past the last field are scratch).
    @exclusivity(unchecked) public private(set) var fieldBytes: [UInt8] = []
    /// Each field's range in `fieldBytes`.
    @exclusivity(unchecked) public private(set) var fieldRanges: [Range<Int>] = []
    /// Bit `i` set when field `i` (of the first 64) was not quoted in the file and holds no quote: it has no
    /// byte that needs quoting when written out again, so a writer need not look.
    @exclusivity(unchecked) private var plainFields: UInt64 = 0
    /// The line (1-based) on which the current record starts.
    @exclusivity(unchecked) public private(set) var line = 0

    public init(url: URL, chunkSize: Int = 1 << 20) throws {
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw CSVError.cannotOpen(path: url.path, reason: Self.reason(error))
        }
        path = url.path
        self.chunkSize = chunkSize
        buffer.reserveCapacity(chunkSize * 2)
        fieldRanges.reserveCapacity(64)
    }

    deinit { try? handle.close() }

    static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }

    /// Bytes of the file consumed so far.
    public var bytesRead: Int { discardedBytes + position }

    /// The field at `index` of the current record as a string.
    public func string(at index: Int) -> String {
        String(decoding: fieldBytes[fieldRanges[index]], as: UTF8.self)
    }

    /// Whether the field at `index` was written in the file without quotes and holds no quote mark (so it holds
    /// no comma, quote or line break either). False when unknown.
    public func isPlain(_ index: Int) -> Bool { index < 64 && plainFields & (1 << UInt64(index)) != 0 }

    /// Whether every field of the current record is valid UTF-8 (`string(at:)` replaces invalid bytes
    /// with U+FFFD).
    public var recordIsValidUTF8: Bool {
        fieldBytes.withUnsafeBufferPointer { bytes in
            fieldRanges.allSatisfy { UTF8Repair.isValid(UnsafeBufferPointer(rebasing: bytes[$0])) }
        }
    }

    /// Reads the header row, dropping a UTF-8 byte-order mark. A UTF-16 file (Excel's "Unicode Text") is
    /// refused by name: read as UTF-8 its header would be one garbled column.
    public func readHeader() throws -> [String] {
        // Looked at in the buffer, before parsing: a quote in a UTF-16 header would be reported as misplaced.
        while buffer.count - position < 2, try fill() {}
        if buffer.count - position >= 2 {
            let start = (buffer[position], buffer[position + 1])
            if start == (0xFF, 0xFE) || start == (0xFE, 0xFF) { throw CSVError.utf16(path: path) }
        }
        guard try nextRecord() else { throw CSVError.emptyFile(path: path) }
        var names = (0..<fieldRanges.count).map { string(at: $0) }
        if let first = names.first, first.hasPrefix("\u{FEFF}") { names[0] = String(first.dropFirst()) }
        return names
    }

    /// Advances to the next record. Returns false at the end of the file. Blank lines are skipped.
    public func nextRecord() throws -> Bool {
        while true {
            if position >= buffer.count {
                guard try fill() else { return false }
            }
            let start = position
            let startLine = nextLine
            let parsed: Bool?
            do {
                parsed = try parseRecord()
            } catch {
                try skipLine(from: start, line: startLine)
                throw error
            }
            if let found = parsed {
                if found { return true }
                continue  // a blank line
            }
            // Incomplete record: keep its bytes, read more, and parse it again from its start.
            position = start
            nextLine = startLine
            guard try fill() else {
                // End of file in the middle of a record: the data ends without a newline.
                if position < buffer.count {
                    if let found = try parseRecord(atEndOfFile: true), found { return true }
                }
                return false
            }
        }
    }

    /// After a malformed record, moves past the line it started on so that reading can go on
    /// (`--skip-bad-rows`).
    private func skipLine(from start: Int, line startLine: Int) throws {
        position = start
        while true {
            if let newline = buffer[position...].firstIndex(of: 0x0A) {
                position = newline + 1
                nextLine = startLine + 1
                return
            }
            position = buffer.count
            guard try fill() else { return }
        }
    }

    /// Reads more of the file, discarding what has been consumed. Returns false when there is nothing more.
    private func fill() throws -> Bool {
        guard !endOfFile else { return false }
        if position > 0 {
            discardedBytes += position
            buffer.removeSubrange(0..<position)
            position = 0
        }
        let data: Data?
        do {
            data = try handle.read(upToCount: chunkSize)
        } catch {
            throw CSVError.cannotOpen(path: path, reason: Self.reason(error))
        }
        guard let data, !data.isEmpty else {
            endOfFile = true
            return false
        }
        buffer.append(contentsOf: data)
        return true
    }

    /// Parses one record at `position`. Returns true for a record, false for a blank line, nil when the
    /// buffer ends before the record does (unless `atEndOfFile`).
    private func parseRecord(atEndOfFile: Bool = false) throws -> Bool? {
        // Work on local arrays (moved out and back) so appends pay no per-call exclusivity checks.
        var fieldBytes = self.fieldBytes
        var fieldRanges = self.fieldRanges
        self.fieldBytes = []
        self.fieldRanges = []
        defer {
            self.fieldBytes = fieldBytes
            self.fieldRanges = fieldRanges
        }
        // A record's unescaped bytes are never more than what is left in the buffer, so the array is sized for
        // that and written through a pointer, with no capacity or uniqueness check per field.
        if fieldBytes.count < buffer.count - position {
            fieldBytes = [UInt8](repeating: 0, count: max(buffer.count - position, fieldBytes.count * 2, 4096))
        }
        fieldRanges.removeAll(keepingCapacity: true)
        var plainFields: UInt64 = 0
        defer { self.plainFields = plainFields }
        let recordLine = nextLine
        var linesInRecord = 0
        let result: Int? = try buffer.withUnsafeBufferPointer { bytes -> Int? in
            try fieldBytes.withUnsafeMutableBufferPointer { output -> Int? in
                let out = output.baseAddress!
                var written = 0
                let count = bytes.count
                let raw = UnsafeRawPointer(bytes.baseAddress!)
                var index = position
                // Blank line
                if bytes[index] == 0x0A {
                    linesInRecord = 1
                    return index + 1
                }
                if bytes[index] == 0x0D {
                    if index + 1 < count {
                        if bytes[index + 1] == 0x0A {
                            linesInRecord = 1
                            return index + 2
                        }
                    } else if !atEndOfFile {
                        return nil
                    }
                }
                while true {
                    let fieldStart = written
                    if index < count, bytes[index] == UInt8(ascii: "\"") {
                        index += 1
                        while true {
                            guard index < count else {
                                if atEndOfFile { throw CSVError.unterminatedQuote(line: recordLine) }
                                return nil
                            }
                            let byte = bytes[index]
                            if byte == UInt8(ascii: "\"") {
                                if index + 1 < count, bytes[index + 1] == UInt8(ascii: "\"") {
                                    out[written] = byte
                                    written += 1
                                    index += 2
                                    continue
                                }
                                if index + 1 >= count && !atEndOfFile { return nil }
                                index += 1
                                break
                            }
                            // Copy the run up to the next quote in one go, counting line breaks; eight bytes at a
                            // time while they hold neither.
                            var runEnd = index
                            run: while true {
                                while runEnd + 8 <= count {
                                    let word = raw.loadUnaligned(fromByteOffset: runEnd, as: UInt64.self)
                                    if Self.hasByte(word, UInt8(ascii: "\"")) || Self.hasByte(word, 0x0A) { break }
                                    runEnd += 8
                                }
                                while runEnd < count {
                                    let byte = bytes[runEnd]
                                    if byte == UInt8(ascii: "\"") { break run }
                                    runEnd += 1
                                    if byte == 0x0A {
                                        linesInRecord += 1
                                        continue run
                                    }
                                }
                                break
                            }
                            (out + written).update(from: bytes.baseAddress! + index, count: runEnd - index)
                            written += runEnd - index
                            index = runEnd
                        }
                        fieldRanges.append(fieldStart..<written)
                        guard index < count else {
                            if atEndOfFile { return index }
                            return nil
                        }
                        let next = bytes[index]
                        if next == UInt8(ascii: ",") {
                            index += 1
                            continue
                        }
                        if next == 0x0A {
                            linesInRecord += 1
                            return index + 1
                        }
                        if next == 0x0D {
                            guard index + 1 < count else { return atEndOfFile ? index + 1 : nil }
                            if bytes[index + 1] == 0x0A {
                                linesInRecord += 1
                                return index + 2
                            }
                        }
                        throw CSVError.unexpectedCharacterAfterQuote(
                            line: recordLine + linesInRecord, field: fieldRanges.count, recordLine: recordLine)
                    }
                    // Unquoted field: runs to a comma or line end. A stray quote inside is kept as text.
                    let valueStart = index
                    var quoteSeen = false
                    while index + 8 <= count {
                        let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                        if Self.hasByte(word, UInt8(ascii: ",")) || Self.hasByte(word, 0x0A) || Self.hasByte(word, 0x0D)
                        {
                            break
                        }
                        if Self.hasByte(word, UInt8(ascii: "\"")) { quoteSeen = true }
                        index += 8
                    }
                    while index < count {
                        let byte = bytes[index]
                        if byte == UInt8(ascii: ",") || byte == 0x0A || byte == 0x0D { break }
                        if byte == UInt8(ascii: "\"") { quoteSeen = true }
                        index += 1
                    }
                    guard index < count || atEndOfFile else { return nil }
                    if !quoteSeen && fieldRanges.count < 64 { plainFields |= 1 << UInt64(fieldRanges.count) }
                    (out + written).update(from: bytes.baseAddress! + valueStart, count: index - valueStart)
                    written += index - valueStart
                    fieldRanges.append(fieldStart..<written)
                    guard index < count else { return index }
                    let byte = bytes[index]
                    if byte == UInt8(ascii: ",") {
                        index += 1
                        if index >= count && atEndOfFile {
                            fieldRanges.append(written..<written)
                            return index
                        }
                        continue
                    }
                    if byte == 0x0A {
                        linesInRecord += 1
                        return index + 1
                    }
                    // CR: CRLF, or a lone CR treated as a line end.
                    if index + 1 < count {
                        linesInRecord += 1
                        return bytes[index + 1] == 0x0A ? index + 2 : index + 1
                    }
                    if atEndOfFile { return index + 1 }
                    return nil
                }
            }
        }
        guard let end = result else { return nil }
        let blank = fieldRanges.isEmpty
        position = end
        line = recordLine
        nextLine = recordLine + max(linesInRecord, 1)
        return !blank
    }

    /// Whether any of the eight bytes of `word` equals `byte` (SWAR: `word ^ broadcast(byte)` has a zero byte
    /// exactly where it occurs; the test below has no false positives for "any").
    @inline(__always) static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & 0x8080_8080_8080_8080 != 0
    }
}
