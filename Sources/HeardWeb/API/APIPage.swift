import Vapor

/// One page of a JSON list: `page` (from 1) and `per_page` in the address. Unlike the web pages' `ListPage`,
/// which reads a mistyped page as the first, the API refuses it: a client that pages with a typo would
/// otherwise read the first page again and again.
///
/// Refused with a 422, as every value the API reads and cannot accept (`APIInputRule`): a value in the address is
/// always readable text, so it is never the 400 of a body that cannot be read.
struct APIPage {
    static let defaultSize = 100
    static let maximumSize = 500
    /// Far past any real list; keeps the row offset well inside `Int` on both databases.
    static let maximumNumber = 1_000_000

    let number: Int
    let size: Int

    init(number: Int = 1, size: Int = APIPage.defaultSize) {
        self.number = number
        self.size = size
    }

    init(_ request: Request) throws {
        number = try Self.whole("page", in: request, default: 1, range: 1...Self.maximumNumber)
        size = try Self.whole("per_page", in: request, default: Self.defaultSize, range: 1...Self.maximumSize)
    }

    private static func whole(
        _ name: String, in request: Request, default value: Int, range: ClosedRange<Int>
    )
        throws -> Int
    {
        guard let text = request.query[String.self, at: name], !text.isEmpty else { return value }
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(text), range.contains(number) else {
            throw APIError(
                .unprocessableEntity,
                "'\(name)' must be a whole number from \(range.lowerBound) to \(range.upperBound.formatted), not '\(text)'.",
                field: name)
        }
        return number
    }

    /// The rows this page covers.
    var range: Range<Int> { ((number - 1) * size)..<(number * size) }

    /// This page of an in-memory list (lists that are filtered after loading, such as consultations by state).
    func slice<Element>(_ all: [Element]) -> [Element] {
        let bounds = range.clamped(to: 0..<all.count)
        return Array(all[bounds])
    }

    func list<Item: Content>(_ items: [Item], total: Int) -> PagedList<Item> {
        PagedList(
            items: items, total: total, page: number, perPage: size, pageCount: max(1, (total + size - 1) / size))
    }
}

/// A page of a JSON list. Past the last page `items` is empty, so a client that reads until then stops.
struct PagedList<Item: Content>: Content {
    var items: [Item]
    var total: Int
    var page: Int
    var perPage: Int
    var pageCount: Int

    enum CodingKeys: String, CodingKey {
        case items, total, page
        case perPage = "per_page"
        case pageCount = "page_count"
    }
}
