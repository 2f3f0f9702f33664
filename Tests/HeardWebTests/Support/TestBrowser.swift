import Foundation
import Testing
import Vapor

/// A minimal browser over real HTTP: keeps cookies, finds form tokens, does not follow redirects.
final class TestBrowser: @unchecked Sendable {
    let client: any Client
    let baseURL: String
    private(set) var cookies: [String: String] = [:]

    init(client: any Client, baseURL: String) {
        self.client = client
        self.baseURL = baseURL
    }

    struct Page {
        var status: HTTPResponseStatus
        var headers: HTTPHeaders
        var body: String

        var location: String? { headers.first(name: .location) }

        /// The `<input …>` tag with this id, attributes and all.
        func inputTag(id: String) -> String? {
            guard let start = body.range(of: "<input id=\"\(id)\"") else { return nil }
            return body[start.lowerBound...].firstIndex(of: ">").map { String(body[start.lowerBound...$0]) }
        }

        /// The value of the first input called `name` whose value follows its name (as hidden fields are
        /// written), e.g. a form's `edit_version` or `submission_key`.
        func hiddenValue(_ name: String) -> String? {
            guard let range = body.range(of: "name=\"\(name)\" value=\"") else { return nil }
            let rest = body[range.upperBound...]
            return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }

        /// The value of the first hidden CSRF field on the page.
        var csrfToken: String? {
            guard let range = body.range(of: "name=\"_csrf\" value=\"") else { return nil }
            let rest = body[range.upperBound...]
            return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }
    }

    func get(_ path: String, headers extra: [(String, String)] = []) async throws -> Page {
        try await send(.GET, path, headers: extra, body: nil, contentType: nil)
    }

    /// Posts a form. When `csrf` is nil the token from `tokenFrom` (GET first) is used.
    func post(
        _ path: String, form: [String: String], withToken: Bool = true, tokenFrom: String? = nil,
        headers extra: [(String, String)] = []
    ) async throws -> Page {
        var fields = form
        if withToken, fields["_csrf"] == nil {
            let page = try await get(tokenFrom ?? path, headers: extra)
            fields["_csrf"] = page.csrfToken ?? ""
        }
        let body = fields.map { key, value in
            "\(Self.encode(key))=\(Self.encode(value))"
        }.joined(separator: "&")
        return try await send(.POST, path, headers: extra, body: body, contentType: "application/x-www-form-urlencoded")
    }

    /// Posts a multipart form with one file, as a browser's upload does.
    func upload(
        _ path: String, fileField: String, fileName: String, content: String, tokenFrom: String
    ) async throws -> Page {
        try await upload(
            path, fileField: fileField, fileName: fileName, bytes: Array(content.utf8), tokenFrom: tokenFrom)
    }

    /// Uploads a file of any bytes (a file in another encoding than UTF-8, say).
    func upload(
        _ path: String, fileField: String, fileName: String, bytes: [UInt8], tokenFrom: String
    ) async throws -> Page {
        let token = try await get(tokenFrom).csrfToken ?? ""
        let boundary = "heard-test-boundary-\(UUID().uuidString)"
        var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token)\r\n"
        head += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(fileField)\"; filename=\"\(fileName)\"\r\n"
        head += "Content-Type: text/csv\r\n\r\n"
        var body = ByteBuffer(string: head)
        body.writeBytes(bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        return try await send(
            .POST, path, headers: [], bodyBytes: body, contentType: "multipart/form-data; boundary=\(boundary)")
    }

    func postJSON(_ path: String, json: String, headers extra: [(String, String)] = []) async throws -> Page {
        try await send(.POST, path, headers: extra, body: json, contentType: "application/json")
    }

    func signIn(email: String, password: String) async throws -> Page {
        try await post("/sign-in", form: ["email": email, "password": password])
    }

    func send(
        _ method: HTTPMethod, _ path: String, headers extra: [(String, String)], body: String?, contentType: String?
    ) async throws -> Page {
        try await send(
            method, path, headers: extra, bodyBytes: body.map { ByteBuffer(string: $0) }, contentType: contentType)
    }

    func send(
        _ method: HTTPMethod, _ path: String, headers extra: [(String, String)], bodyBytes body: ByteBuffer?,
        contentType: String?
    ) async throws -> Page {
        var headers = HTTPHeaders()
        if !cookies.isEmpty {
            headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        if let contentType { headers.add(name: .contentType, value: contentType) }
        for (name, value) in extra { headers.add(name: name, value: value) }
        var request = ClientRequest(method: method, url: URI(string: baseURL + path), headers: headers)
        if let body { request.body = body }
        let response = try await client.send(request)
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";", maxSplits: 1)[0]
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let name = String(parts[0]).trimmingCharacters(in: .whitespaces)
            let value = String(parts[1])
            if header.lowercased().contains("expires=thu, 01 jan 1970") || value.isEmpty {
                cookies[name] = nil
            } else {
                cookies[name] = value
            }
        }
        let text = response.body.map { String(buffer: $0) } ?? ""
        return Page(status: response.status, headers: response.headers, body: text)
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
