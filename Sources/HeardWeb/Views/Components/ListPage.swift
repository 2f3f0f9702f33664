import Fluent
import FluentSQL
import Foundation
import HeardDomain
import SQLKit
import Vapor

/// What every paged, filtered staff list shares: the page asked for kept in range, the rows it covers, and
/// the list's address with its filters on another page.
struct ListPage {
    static let size = 50

    let number: Int
    let count: Int
    let size: Int

    init(requested: Int?, total: Int, size: Int = ListPage.size) {
        self.size = size
        count = max(1, (total + size - 1) / size)
        // Clamped before any arithmetic, so a page number near Int.max cannot overflow the offset.
        number = min(max(1, min(requested ?? 1, 100_000)), count)
    }

    /// The page asked for in the address's `page`: a number past `Int` reads as the largest (the last page),
    /// anything that is not a whole number as no page (the first), so a mistyped address never fails.
    static func requested(_ request: Request) -> Int? {
        guard let text = request.query[String.self, at: "page"]?.trimmingCharacters(in: .whitespaces) else {
            return nil
        }
        return requested(text)
    }

    static func requested(_ text: String) -> Int? {
        let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text) ?? (text.hasPrefix("-") ? Int.min : Int.max)
    }

    var range: Range<Int> { ((number - 1) * size)..<(number * size) }

    /// "Showing 51–100 of 6,025" for this page of `total` rows; empty when there are none.
    func showing(of total: Int) -> String {
        guard total > 0 else { return "" }
        let first = range.lowerBound + 1
        let last = min(range.upperBound, total)
        return "Showing \(first.formatted)–\(last.formatted) of \(total.formatted)"
    }

    /// `base` with the filters that are set (empty values left out) and, past the first, the page.
    static func path(_ base: String, filters: [(String, String)], page: Int) -> String {
        let items = filters.filter { !$0.1.isEmpty } + (page > 1 ? [("page", String(page))] : [])
        guard !items.isEmpty else { return base }
        return base + "?"
            + items.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? "")" }
            .joined(separator: "&")
    }

    /// A case-insensitive "contains" on one text column, the same on SQLite and PostgreSQL. "%" and "_" in
    /// what was typed are matched as themselves, not as wildcards ("_" would otherwise match every row).
    static func contains(_ words: String, column: String, table: String) -> DatabaseQuery.Filter {
        var escaped = ""
        for character in words.lowercased() {
            if character == "!" || character == "%" || character == "_" { escaped.append("!") }
            escaped.append(character)
        }
        return .sql(
            SQLBinaryExpression(
                left: SQLFunction("LOWER", args: SQLColumn(column, table: table)), op: SQLBinaryOperator.like,
                right: SQLKit.SQLList([SQLBind("%" + escaped + "%"), SQLRaw("ESCAPE '!'")], separator: SQLRaw(" "))))
    }
}
