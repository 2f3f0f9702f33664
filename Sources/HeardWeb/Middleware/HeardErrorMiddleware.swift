import HeardDomain
import Vapor

/// A JSON API error: `{"error": "...", "field": "..."}` with a 4xx status. Bad input follows `APIInputRule`:
/// 400 only for a body that cannot be read, 422 for a value that is not acceptable.
struct APIError: AbortError {
    var status: HTTPResponseStatus
    var message: String
    var field: String?

    init(_ status: HTTPResponseStatus, _ message: String, field: String? = nil) {
        self.status = status
        self.message = message
        self.field = field
    }

    var reason: String { message }
}

struct APIErrorBody: Content {
    var error: String
    @NullEncoded var field: String?
}

/// Turns every error into a page a person can read, or a JSON body under /api. Never leaks internals.
struct HeardErrorMiddleware: AsyncMiddleware {
    let environment: Environment

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let isAPI = request.url.path.hasPrefix("/api/") || request.url.path == "/health"
            var (status, message, field) = describe(error)
            if isAPI { status = APIInputRule.status(status, for: error, method: request.method) }
            if status == .payloadTooLarge, request.headers.contentType?.type == "multipart" {
                // Uploads have their own, larger limit (an import file), so say which.
                message =
                    "The file is larger than \(ImportController.maximumUpload / 1024 / 1024) MB. Split it into smaller files, or ask whoever runs Heard to load it with heard import feedback, which has no size limit."
            }
            if status.code >= 500 {
                request.logger.report(error: error)
            }
            if isAPI {
                // The JSON API takes JSON only: no mention of forms there.
                if message == Self.noBody {
                    message = "The request has no body: send the fields as JSON, with Content-Type: application/json."
                }
                // An address that exists for other methods: say which (405), not "not found".
                let allowed = status == .notFound ? Self.methods(for: request) : []
                if !allowed.isEmpty {
                    let response = Response(status: .methodNotAllowed)
                    response.headers.replaceOrAdd(name: .allow, value: allowed.joined(separator: ", "))
                    try response.content.encode(
                        APIErrorBody(
                            error: "\(request.method.rawValue) is not used at this address: use "
                                + allowed.joined(separator: " or ") + ".", field: nil))
                    return response
                }
                let response = Response(status: status)
                try response.content.encode(APIErrorBody(error: message, field: field))
                // Limits count over the last hour: a client that waits that long is sure to get through.
                if status == .tooManyRequests { response.headers.replaceOrAdd(name: "Retry-After", value: "3600") }
                // RFC 9110: a 401 names the scheme that would be accepted.
                if status == .unauthorized {
                    response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer realm=\"Heard staff API\"")
                }
                return response
            }
            return await Self.page(for: request, status: status, message: message)
        }
    }

    /// The error page, with the staff header for someone signed in even when the error came before the
    /// session was read (a 404 at no route, a 413 refused on its head).
    static func page(for request: Request, status: HTTPResponseStatus, message: String) async -> Response {
        guard request.hasSession, request.currentUser == nil else {
            return ErrorPage.response(for: request, status: status, message: message)
        }
        let render = ErrorPageResponder(status: status, message: message)
        let withSession = [request.application.sessions.middleware, SessionUserMiddleware()].makeResponder(
            chainingTo: render)
        do {
            return try await withSession.respond(to: request).get()
        } catch {
            // A session that cannot be read (the database is down) must not hide the first error.
            return ErrorPage.response(for: request, status: status, message: message)
        }
    }

    /// The methods with a route at this request's path, other than its own.
    static func methods(for request: Request) -> [String] {
        let parts = request.url.path.split(separator: "/").map(String.init)
        return request.application.routes.all.filter { route in
            route.method != request.method && matches(route.path, parts)
        }.map(\.method.rawValue).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.sorted()
    }

    static func matches(_ components: [PathComponent], _ parts: [String]) -> Bool {
        var index = 0
        for component in components {
            switch component {
            case .catchall: return false  // the API's own "no endpoint here" route
            case .constant(let text):
                guard index < parts.count, parts[index] == text else { return false }
            case .parameter, .anything:
                guard index < parts.count else { return false }
            }
            index += 1
        }
        return index == parts.count
    }

    private func describe(_ error: any Error) -> (HTTPResponseStatus, String, String?) {
        switch error {
        case let api as APIError:
            return (api.status, api.message, api.field)
        case let failure as ValidationFailure:
            let first = failure.errors.first
            return (.unprocessableEntity, first?.message ?? "Check your input.", first?.field)
        case let decoding as DecodingError:
            return (.badRequest, DecodingErrorText.message(decoding), DecodingErrorText.field(decoding))
        case let abort as any AbortError
        where abort.status == .unprocessableEntity
            && abort.reason == HTTPResponseStatus.unprocessableEntity.reasonPhrase:
            // Vapor's bare refusal of a request with no body at all: the same kind of problem as a body that is
            // not valid JSON, so the same status, in words.
            return (.badRequest, Self.noBody, nil)
        case let abort as any AbortError:
            return (abort.status, Self.plainMessage(abort.status, reason: abort.reason), nil)
        default:
            return (.internalServerError, "Something went wrong on our side. Please try again in a moment.", nil)
        }
    }

    static let noBody = "The request has no body: send the fields as JSON, or as a form."

    static func plainMessage(_ status: HTTPResponseStatus, reason: String) -> String {
        switch status {
        case .notFound: "Page not found. If you typed the address, check it is correct."
        case .methodNotAllowed: "That action is not available at this address."
        case .payloadTooLarge: "What you sent is too large. Send less than 2 MB."
        case .unsupportedMediaType: "Send the request as JSON (Content-Type: application/json) or a form."
        default: reason
        }
    }
}

/// Plain words for body decoding failures, naming the field.
enum DecodingErrorText {
    static func field(_ error: DecodingError) -> String? {
        let path: [any CodingKey]
        switch error {
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            path = context.codingPath
        @unknown default: return nil
        }
        let name = path.map(\.stringValue).joined(separator: ".")
        return name.isEmpty ? nil : name
    }

    static func message(_ error: DecodingError) -> String {
        let name = field(error).map { "'\($0)'" }
        switch error {
        case .keyNotFound: return "\(name ?? "A field") is required."
        case .typeMismatch(let type, let context):
            // Nothing decoded yet: the body itself is the wrong shape ([] or "text" instead of {…}).
            if context.codingPath.isEmpty { return "The body must be a JSON object, like {\"text\": \"…\"}." }
            return "\(name ?? "A field") must be \(describe(type))."
        case .valueNotFound(let type, _): return "\(name ?? "A field") must be \(describe(type)), not null."
        case .dataCorrupted(let context):
            // Foundation says "Attempted to decode UUID from invalid UUID string."
            if context.debugDescription.contains("UUID"), let name {
                return "\(name) must be an id like 3F2504E0-4F89-11D3-9A0C-0305E82C3301, as listed by the API."
            }
            return name.map { "\($0) is not valid." } ?? "The body is not valid JSON."
        @unknown default: return "The body could not be read."
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Int.Type: "a whole number no larger than 9223372036854775807"
        case is Bool.Type: "true or false"
        case is FeedbackAPIController.FlexibleRating.Type: FeedbackAPIController.FlexibleRating.accepted
        case is Double.Type: "a number"
        default: "of the documented type"
        }
    }
}

/// Renders the error page as the end of a middleware chain.
private struct ErrorPageResponder: AsyncResponder {
    let status: HTTPResponseStatus
    let message: String

    func respond(to request: Request) async throws -> Response {
        ErrorPage.response(for: request, status: status, message: message)
    }
}
