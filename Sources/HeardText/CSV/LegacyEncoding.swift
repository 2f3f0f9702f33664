import Foundation

/// Excel in the UK saves "CSV (Comma delimited)" as Windows-1252, not UTF-8. A file that is not UTF-8 and
/// has no UTF-8 in it at all is such a file: read byte by byte as UTF-8 it would store "Caf�" for "Café", so it
/// is converted to UTF-8 first. (The web upload does the same in memory.) `heard import` and `heard analyse`
/// both read files this way.
public enum LegacyEncoding {
    /// A file that is neither UTF-8 nor Windows-1252.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// Whether the file at `url` is Windows-1252 rather than UTF-8: some bytes are not UTF-8, and no
    /// multi-byte UTF-8 character appears anywhere (a UTF-8 file damaged in places still has those).
    public static func isWindows1252(_ url: URL) throws -> Bool {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var invalid = false
        var carry: [UInt8] = []
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            let bytes = carry + chunk
            var index = 0
            carry = []
            while index < bytes.count {
                let first = bytes[index]
                if first < 0x80 {
                    index += 1
                    continue
                }
                let length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC2 ? 2 : 0
                if length > 0, index + length > bytes.count {
                    carry = Array(bytes[index...])  // may finish in the next chunk
                    break
                }
                if length > 0, (1..<length).allSatisfy({ bytes[index + $0] & 0xC0 == 0x80 }) {
                    return false  // real UTF-8 in the file: it is UTF-8, perhaps damaged in places
                }
                invalid = true
                index += 1
            }
        }
        return invalid || !carry.isEmpty
    }

    /// Text already in memory (a pasted CSV, say): UTF-8 if it is, else Windows-1252 as the web upload reads it;
    /// nil when it is neither (binary, or UTF-16 with its zero bytes).
    public static func text(_ bytes: [UInt8]) -> (text: String, wasWindows1252: Bool)? {
        if let utf8 = String(validating: bytes, as: UTF8.self) { return (utf8, false) }
        guard !bytes.contains(0), let windows = String(data: Data(bytes), encoding: .windowsCP1252) else { return nil }
        return (windows, true)
    }

    /// Writes `source`, read as Windows-1252, to a new UTF-8 file in the temporary folder; returns its URL.
    public static func convertedToUTF8(_ source: URL) throws -> URL {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent(
            "heard-import-utf8-\(UUID().uuidString).csv")
        guard FileManager.default.createFile(atPath: target.path, contents: nil) else {
            throw Problem(description: "Cannot write a converted copy of the file in the temporary folder.")
        }
        let input = try FileHandle(forReadingFrom: source)
        defer { try? input.close() }
        let output = try FileHandle(forWritingTo: target)
        defer { try? output.close() }
        // One byte is one character in Windows-1252, so the file converts a chunk at a time.
        while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
            guard let text = String(data: chunk, encoding: .windowsCP1252) else {
                throw Problem(description: "The file is neither UTF-8 nor Windows-1252. Save it as CSV UTF-8.")
            }
            try output.write(contentsOf: Data(text.utf8))
        }
        return target
    }
}
