import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// Keeps the pages signed-out visitors read (home, stories, consultations, "you said, we did") for a moment,
/// so a page that goes viral is built once a second or two rather than once per visitor.
///
/// Only GET requests without a session cookie are served from it, and only 200 HTML responses are kept.
/// Every signed-out visitor sees the same page apart from the form token and the key that stops a form
/// being counted twice, which are rendered as placeholders and filled in per visitor (one shared key would
/// make every visitor's answers look like a second copy of the first visitor's). Any state-changing request through this instance empties the
/// cache once it has been answered, so whoever changes something sees it at once; other instances
/// catch up within `lifetime`.
final class PublicPageCache: AsyncMiddleware, Sendable {
    /// What a cached page holds in place of the visitor's form token.
    static let formTokenPlaceholder = "heard-form-token-placeholder-000000000000000"
    /// What a cached page holds in place of a form's submission key (`Request.newSubmissionKey`).
    static let submissionKeyPlaceholder = "heard-submission-key-placeholder-0000000000"
    static let maximumEntries = 2_000

    private let lifetime: TimeAmount
    private let sessionCookieName: String
    private let state = NIOLockedValueBox(State())

    private struct State {
        var entries: [String: Entry] = [:]
        /// Bumped on every change, so a page built before a change is not stored after it.
        var generation = 0
        /// Expired pages being built again: meanwhile other visitors get the expired copy, so an expiry
        /// costs one rebuild rather than one per visitor waiting at that moment.
        var refreshing: Set<String> = []
    }

    private struct Entry {
        init(storedAt: NIODeadline, contentType: String, split: (parts: [ByteBuffer], gapIsSubmissionKey: [Bool])) {
            self.storedAt = storedAt
            self.contentType = contentType
            self.parts = split.parts
            self.gapIsSubmissionKey = split.gapIsSubmissionKey
        }

        var storedAt: NIODeadline
        var contentType: String
        /// The body split at each placeholder (one part when the page has no form).
        var parts: [ByteBuffer]
        /// What goes between `parts[i]` and `parts[i + 1]`: true for a fresh submission key, false for the
        /// visitor's form token.
        var gapIsSubmissionKey: [Bool]
    }

    init(lifetimeSeconds: Double, sessionCookieName: String) {
        self.lifetime = .nanoseconds(Int64(lifetimeSeconds * 1_000_000_000))
        self.sessionCookieName = sessionCookieName
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .GET else {
            guard request.method != .HEAD else { return try await next.respond(to: request) }
            defer { empty() }
            return try await next.respond(to: request)
        }
        guard request.cookies[sessionCookieName] == nil else { return try await next.respond(to: request) }
        // Pages browsers are told not to store (a personal link naming its holder) are not kept here either:
        // a link used on another instance must say so at once rather than show its form again.
        guard !SecurityHeadersMiddleware.isPrivate(request) else { return try await next.respond(to: request) }

        let key = request.url.string
        let now = NIODeadline.now()
        let (cached, generation, isRefresher) = state.withLockedValue { state in
            let cached = state.entries[key]
            guard let cached, now - cached.storedAt >= lifetime else { return (cached, state.generation, false) }
            return (cached, state.generation, state.refreshing.insert(key).inserted)
        }
        if let cached, now - cached.storedAt < lifetime || !isRefresher {
            return serve(cached, to: request)
        }
        defer { if isRefresher { state.withLockedValue { _ = $0.refreshing.remove(key) } } }
        request.storage[RenderingForCacheKey.self] = true
        let response = try await next.respond(to: request)
        request.storage[RenderingForCacheKey.self] = false  // from here on, the visitor's real token
        guard let body = response.body.buffer else { return response }
        let entry = Entry(
            storedAt: now, contentType: response.headers.first(name: .contentType) ?? "text/html; charset=utf-8",
            split: Self.split(body))
        let isCacheable =
            response.status == .ok && response.headers.contentType == .html && response.headers[.setCookie].isEmpty
        guard isCacheable else {
            // Not kept, but it may still hold the placeholder (a page with a form that is not a 200).
            if entry.parts.count > 1 {
                response.body = .init(buffer: fill(entry, for: request))
                CSRFMiddleware.addNewFormCookie(to: response, for: request)
            }
            return response
        }
        state.withLockedValue { state in
            guard state.generation == generation else { return }
            if state.entries.count >= Self.maximumEntries { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = entry
        }
        return serve(entry, to: request)
    }

    private func empty() {
        state.withLockedValue { state in
            state.generation += 1
            state.entries.removeAll(keepingCapacity: true)
            state.refreshing.removeAll()
        }
    }

    private func serve(_ entry: Entry, to request: Request) -> Response {
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: entry.contentType)
        guard entry.parts.count > 1 else {
            return Response(status: .ok, headers: headers, body: .init(buffer: entry.parts[0]))
        }
        let body = fill(entry, for: request)
        let response = Response(status: .ok, headers: headers, body: .init(buffer: body))
        CSRFMiddleware.addNewFormCookie(to: response, for: request)
        return response
    }

    /// The page with this visitor's form token, and a new submission key, in place of each placeholder.
    private func fill(_ entry: Entry, for request: Request) -> ByteBuffer {
        let token = request.csrfToken
        var body = ByteBufferAllocator().buffer(capacity: entry.parts.reduce(0) { $0 + $1.readableBytes } + 256)
        for (index, part) in entry.parts.enumerated() {
            if index > 0 {
                body.writeString(entry.gapIsSubmissionKey[index - 1] ? Request.randomSubmissionKey() : token)
            }
            body.writeImmutableBuffer(part)
        }
        return body
    }

    private static func split(_ body: ByteBuffer) -> (parts: [ByteBuffer], gapIsSubmissionKey: [Bool]) {
        let token = Array(formTokenPlaceholder.utf8)
        let key = Array(submissionKeyPlaceholder.utf8)
        let bytes = body.readableBytesView
        var parts: [ByteBuffer] = []
        var gaps: [Bool] = []
        var partStart = bytes.startIndex
        var index = bytes.startIndex
        // Both placeholders start with the same byte, so most positions cost one comparison.
        while index < bytes.endIndex {
            guard bytes[index] == token[0] else {
                index += 1
                continue
            }
            let found = [token, key].first { placeholder in
                index + placeholder.count <= bytes.endIndex
                    && bytes[index..<(index + placeholder.count)].elementsEqual(placeholder)
            }
            guard let found else {
                index += 1
                continue
            }
            parts.append(ByteBuffer(bytes: bytes[partStart..<index]))
            gaps.append(found == key)
            index += found.count
            partStart = index
        }
        parts.append(ByteBuffer(bytes: bytes[partStart..<bytes.endIndex]))
        return (parts, gaps)
    }

    struct RenderingForCacheKey: StorageKey { typealias Value = Bool }
}

extension Request {
    /// True while a page is being built for the public cache: the form token is then a placeholder.
    var isRenderingForPublicCache: Bool { storage[PublicPageCache.RenderingForCacheKey.self] ?? false }
}
