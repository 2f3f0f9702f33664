import Foundation

/// Problems reading or writing CSV files, with the line they were found on.
public enum CSVError: Error, Sendable, Equatable, LocalizedError, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    case emptyFile(path: String)
    case unterminatedQuote(line: Int)
    /// `recordLine` is where the row began: earlier than `line` when a quoted field ran on over lines.
    case unexpectedCharacterAfterQuote(line: Int, field: Int, recordLine: Int)
    case wrongFieldCount(line: Int, expected: Int, found: Int)
    case missingColumn(name: String, available: [String])
    /// A column the command needs is named more than once in the header; `positions` count from 1.
    case duplicateColumn(name: String, positions: [Int])
    case invalidValue(line: Int, column: String, value: String, expected: String)
    case outputIsInput(path: String)
    /// Saved as UTF-16, as Excel's "Unicode Text" is.
    case utf16(path: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open \(path): \(reason)"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        case .emptyFile(let path): "\(path) is empty: expected a header row"
        case .unterminatedQuote(let line):
            "line \(line): a quoted field is never closed (missing closing \")"
        case .unexpectedCharacterAfterQuote(let line, let field, let recordLine) where recordLine < line:
            "line \(recordLine): a quote opened in this row is not closed where it should be (the row runs on to line \(line), field \(field), where text follows a closing quote). Check line \(recordLine) for a missing quote; a quote inside a field must be doubled: \"\""
        case .unexpectedCharacterAfterQuote(let line, let field, _):
            "line \(line), field \(field): unexpected character after a closing quote (a quote inside a field must be doubled: \"\")"
        case .wrongFieldCount(let line, let expected, let found):
            "line \(line): expected \(expected) fields like the header, found \(found)"
        case .missingColumn(let name, let available):
            "no column named \"\(name)\"; the columns are: \(available.map { "\"\($0)\"" }.joined(separator: ", "))"
        case .duplicateColumn(let name, let positions):
            "column \"\(name)\" appears \(positions.count == 2 ? "twice" : "\(positions.count) times") in the header (columns \(Self.list(positions))): rename all but one so it is clear which to read"
        case .invalidValue(let line, let column, let value, let expected):
            "line \(line), column \"\(column)\": \"\(value)\" is not \(expected)"
        case .utf16(let path):
            "\(path) is saved as UTF-16 (Excel's \"Unicode Text\"): save it as \"CSV UTF-8 (Comma delimited)\" and use that file"
        case .outputIsInput(let path):
            "the output is the input file (\(path)): writing it would destroy the comments while reading them; choose another output file"
        }
    }

    public var errorDescription: String? { description }

    /// The line the problem is on, when it is about one line of the file.
    public var line: Int? {
        switch self {
        case .unterminatedQuote(let line), .unexpectedCharacterAfterQuote(_, _, let line),
            .wrongFieldCount(let line, _, _),
            .invalidValue(let line, _, _, _):
            line
        case .cannotOpen, .cannotWrite, .emptyFile, .missingColumn, .duplicateColumn, .outputIsInput, .utf16: nil
        }
    }

    /// "2 and 3", "2, 5 and 9".
    private static func list(_ numbers: [Int]) -> String {
        let words = numbers.map(String.init)
        guard let last = words.last, words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " and " + last
    }

    /// The position of the column called `name` in `header`: an error naming the columns that exist when
    /// there is none, and naming the positions when there are several (reading the first would be a guess).
    public static func column(_ name: String, in header: [String]) throws -> Int {
        let positions = header.indices.filter { header[$0] == name }
        guard let first = positions.first else { throw CSVError.missingColumn(name: name, available: header) }
        guard positions.count == 1 else {
            throw CSVError.duplicateColumn(name: name, positions: positions.map { $0 + 1 })
        }
        return first
    }
}
