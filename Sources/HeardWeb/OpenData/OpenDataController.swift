import Foundation
import HeardDomain
import NIOCore
import Vapor

/// `/open-data`: what Heard publishes, what each column means, and a CSV download of each dataset,
/// built at the moment it is asked for and streamed so a large one never sits in memory.
enum OpenDataController {
    @Sendable static func index(_ request: Request) async throws -> Response {
        .html(OpenDataPage.render(context: PageContext(request, title: "Open data")))
    }

    @Sendable static func download(_ request: Request) async throws -> Response {
        let file = request.parameters.get("file") ?? ""
        guard file.hasSuffix(".csv"), let dataset = OpenDataset(rawValue: String(file.dropLast(4))) else {
            throw Abort(
                .notFound,
                reason: "There is no open dataset called '\(file)'. The datasets are listed at \(OpenDataURL.page).")
        }
        let context = OpenDataRows.Context(
            siteURL: request.heardConfiguration.publicURL, today: request.today)
        let db = request.db
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: "text/csv; charset=utf-8")
        headers.add(name: .contentDisposition, value: "attachment; filename=\"\(dataset.fileName)\"")
        headers.add(name: .cacheControl, value: "no-store")
        let body = Response.Body(managedAsyncStream: { writer in
            var chunk = CSVChunk()
            chunk.append(dataset.header)
            try await OpenDataRows.write(dataset, context: context, on: db) { row in
                chunk.append(row)
                if chunk.isFull { try await writer.writeBuffer(chunk.take()) }
            }
            try await writer.writeBuffer(chunk.take())
        })
        return Response(status: .ok, headers: headers, body: body)
    }
}

/// CSV rows gathered into buffers of about 64 KB, so a stream of millions of rows is a few thousand writes.
struct CSVChunk {
    private var text = ""
    static let size = 64 * 1024

    var isFull: Bool { text.utf8.count >= Self.size }

    mutating func append(_ row: [String]) {
        text += row.map(CSVResponse.escape).joined(separator: ",")
        text += "\r\n"
    }

    mutating func take() -> ByteBuffer {
        defer { text = "" }
        return ByteBuffer(string: text)
    }
}
