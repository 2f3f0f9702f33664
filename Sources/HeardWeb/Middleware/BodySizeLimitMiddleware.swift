import Vapor

/// Refuses a request whose declared Content-Length is over the limit as soon as its head arrives, instead of
/// reading (and waiting for) gigabytes before the route's own limit applies. Uploads (multipart) may be larger
/// than ordinary forms and JSON. A body sent without a length is still limited when the route collects it.
struct BodySizeLimitMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let declared = request.headers.first(name: .contentLength).flatMap(Int.init) {
            let isUpload = request.headers.contentType?.type == "multipart"
            let limit =
                isUpload ? ImportController.maximumUpload : request.application.routes.defaultMaxBodySize.value
            if declared > limit { throw Abort(.payloadTooLarge) }
        }
        return try await next.respond(to: request)
    }
}
