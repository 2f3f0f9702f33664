import Vapor

/// Lets other websites read the JSON API from a browser (a trust's page showing its stories, a Healthwatch
/// dashboard of loop-closure figures). Only under `/api/`: the HTML pages keep their same-origin rules. No
/// cookies cross origins (staff endpoints take a bearer token, never the session), so any origin may call.
struct APICORSMiddleware: AsyncMiddleware {
    private let cors = CORSMiddleware(
        configuration: .init(
            allowedOrigin: .all, allowedMethods: [.GET, .POST, .OPTIONS],
            allowedHeaders: [.accept, .contentType, .authorization], allowCredentials: false,
            cacheExpiration: 3600))

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.url.path.hasPrefix("/api/") else { return try await next.respond(to: request) }
        return try await cors.respond(to: request, chainingTo: next).get()
    }
}
