import Foundation
import HeardText
import Vapor

/// A pasted form field whose bytes are not UTF-8. Vapor's form decoder cannot read such a field at all, so it
/// would look empty; a CSV copied from a file Excel saved as "CSV (Comma delimited)" is Windows-1252, and is
/// read from the raw body the way the feedback upload reads such a file (`LegacyEncoding`).
enum PastedFormText {
    enum Outcome: Equatable {
        case windows1252(String)
        /// Neither UTF-8 nor Windows-1252.
        case unreadable
    }

    /// Nil when the field is absent or empty in the raw body, or is UTF-8 (the form decoder read it).
    static func legacyField(_ request: Request, _ name: String) -> Outcome? {
        guard request.headers.contentType == .urlEncodedForm, let body = request.body.data,
            let raw = body.getString(at: body.readerIndex, length: body.readableBytes)
        else { return nil }
        for pair in raw.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].removingPercentEncoding == name else { continue }
            guard let bytes = percentDecoded(parts[1]), !bytes.isEmpty else { return nil }
            switch LegacyEncoding.text(bytes) {
            case .some((let text, true)): return .windows1252(text)
            case .some((_, false)): return nil
            case .none: return .unreadable
            }
        }
        return nil
    }

    /// The bytes of a form value ("+" a space, "%E9" one byte); nil when a "%" is not followed by two hex digits.
    static func percentDecoded(_ value: Substring) -> [UInt8]? {
        var bytes: [UInt8] = []
        var index = value.utf8.startIndex
        let utf8 = value.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%") {
                let high = utf8.index(after: index)
                guard high < utf8.endIndex, utf8.index(after: high) < utf8.endIndex,
                    let decoded = UInt8(
                        String(decoding: [utf8[high], utf8[utf8.index(after: high)]], as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(decoded)
                index = utf8.index(high, offsetBy: 2)
            } else {
                bytes.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index = utf8.index(after: index)
            }
        }
        return bytes
    }
}
