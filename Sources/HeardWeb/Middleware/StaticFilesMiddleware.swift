import Vapor

/// Serves the files under `Public/` (only the stylesheet today) and nothing else reaches the disk: every other
/// path goes straight to the routes. Without the prefix check, a path longer than the file system allows
/// ("File name too long") made `FileMiddleware` fail with a 500 instead of the router's 404.
struct StaticFilesMiddleware: AsyncMiddleware {
    let files: FileMiddleware
    /// Folders under `Public/`, as URL prefixes.
    let prefixes: [String]
    /// Far longer than any real asset path, well short of the file system's 255-byte name limit.
    static let longestPath = 200

    init(publicDirectory: String, prefixes: [String] = ["/css/"]) {
        files = FileMiddleware(publicDirectory: publicDirectory, defaultFile: nil)
        self.prefixes = prefixes
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path
        guard path.utf8.count <= Self.longestPath, prefixes.contains(where: { path.hasPrefix($0) }) else {
            return try await next.respond(to: request)
        }
        return try await files.respond(to: request, chainingTo: next)
    }
}
