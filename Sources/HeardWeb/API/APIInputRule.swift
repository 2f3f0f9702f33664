import Vapor

/// The JSON API's one rule for bad input, the same at every address under /api:
/// - 400 when the request body cannot be read at all: not JSON, not sent as JSON, or a field of the wrong JSON
///   type (text where a number belongs);
/// - 422 when it was read but a value is not acceptable: a required field missing, a number out of range, an id
///   or name that matches nothing, dates in the wrong order. Values in the address (`?page=…`) always arrive as
///   text, so a bad one is a 422 too.
///
/// Web forms keep their own statuses; this applies only to the API's responses.
enum APIInputRule {
    static func status(_ status: HTTPResponseStatus, for error: any Error, method: HTTPMethod) -> HTTPResponseStatus {
        // Not sent as JSON: the body cannot be read, whatever it holds.
        if status == .unsupportedMediaType { return .badRequest }
        // A GET has no body: whatever could not be read or decoded was a value in its address, even a query string
        // whose percent-encoding is broken (which Vapor's parser answers with 400).
        if method == .GET || method == .HEAD, status == .badRequest || error is DecodingError {
            return .unprocessableEntity
        }
        guard let decoding = error as? DecodingError else { return status }
        return bodyIsUnreadable(decoding) ? .badRequest : .unprocessableEntity
    }

    /// Whether a body decoding failure means the body could not be read (400), rather than a value in it not
    /// being acceptable (422).
    static func bodyIsUnreadable(_ error: DecodingError) -> Bool {
        switch error {
        case .typeMismatch: true  // a field (or the body itself) of the wrong JSON type
        case .dataCorrupted(let context): context.codingPath.isEmpty  // not JSON at all; else text that is no id
        case .keyNotFound, .valueNotFound: false  // a required field missing or null
        @unknown default: true
        }
    }
}
