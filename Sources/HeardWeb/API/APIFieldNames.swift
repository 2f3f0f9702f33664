import HeardDomain
import Vapor

/// The field names a JSON body sent, so a misspelt one ("recieved_on") is refused by name rather than silently
/// ignored: ignored, it would leave feedback dated today instead of the day it was given, with nothing to say so.
struct APIFieldNames: Decodable {
    var names: [String]

    init(from decoder: any Decoder) throws {
        names = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue).sorted()
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Refuses (422) a body with a field outside `Keys`, naming it and, when it is a slip away from one, the field
    /// that was probably meant.
    static func refuseUnknown<Keys: CodingKey & CaseIterable>(in request: Request, accepted _: Keys.Type) throws {
        let known = Keys.allCases.map(\.stringValue)
        let sent = try request.content.decode(APIFieldNames.self).names
        guard let unknown = sent.first(where: { !known.contains($0) }) else { return }
        let meant =
            known.first { $0.lowercased() == unknown.lowercased() }
            ?? known.first {
                CloseSpelling.isClose(unknown, to: $0)
            }
        let start = "'\(unknown)' is not a field this API reads"
        throw APIError(
            .unprocessableEntity,
            (meant.map { start + ": did you mean '\($0)'?" } ?? start + ".") + " The fields are "
                + EnglishList.and(known.map { "'\($0)'" }) + ".",
            field: unknown)
    }
}
