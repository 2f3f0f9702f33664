import Foundation
import NIOCore
import Vapor

/// Removes NUL characters from what people send before it is decoded. Nobody types one, but one can arrive
/// pasted from another program or sent on purpose, and the databases disagree about it: SQLite keeps only the
/// text before it (losing the rest without a word) and PostgreSQL refuses the whole row. Dropping just the NUL
/// keeps every other character on both.
enum NULStripping {
    /// Form and query encoding: `%00` escapes and raw NUL bytes. Other escapes are copied whole, so `%2500`
    /// (a typed "%00") is kept.
    static func formEncoded(_ bytes: some Collection<UInt8>) -> [UInt8]? {
        let input = Array(bytes)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var stripped = false
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == 0 {
                stripped = true
                index += 1
            } else if byte == UInt8(ascii: "%"), index + 2 < input.count {
                if input[index + 1] == UInt8(ascii: "0") && input[index + 2] == UInt8(ascii: "0") {
                    stripped = true
                } else {
                    output.append(contentsOf: input[index...(index + 2)])
                }
                index += 3
            } else {
                output.append(byte)
                index += 1
            }
        }
        return stripped ? output : nil
    }

    /// JSON: `\u0000` escapes (an escaped backslash before "u0000" is text, and kept).
    static func json(_ bytes: some Collection<UInt8>) -> [UInt8]? {
        let input = Array(bytes)
        let escape = Array("u0000".utf8)
        var output: [UInt8]? = nil
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "\\"), index + 1 < input.count {
                if index + 5 < input.count, Array(input[(index + 1)...(index + 5)]) == escape {
                    if output == nil { output = Array(input[..<index]) }
                    index += 6
                    continue
                }
                output?.append(contentsOf: input[index...(index + 1)])
                index += 2
                continue
            }
            output?.append(byte)
            index += 1
        }
        return output
    }

    /// Installs the stripping decoders for forms, queries and JSON. The configuration is process-wide, so this
    /// is idempotent: every app built in one process installs the same decoders.
    static func install() {
        var configuration = ContentConfiguration.global
        let form = FormDecoder(base: URLEncodedFormDecoder())
        configuration.use(decoder: form, for: .urlEncodedForm)
        configuration.use(urlDecoder: form)
        configuration.use(decoder: JSONBodyDecoder(base: JSONDecoder.custom(dates: .iso8601)), for: .json)
        ContentConfiguration.global = configuration
    }

    struct FormDecoder: ContentDecoder, URLQueryDecoder {
        let base: URLEncodedFormDecoder

        func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
            try decode(D.self, from: body, headers: headers, userInfo: [:])
        }

        func decode<D: Decodable>(
            _ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: Sendable]
        ) throws -> D {
            guard let stripped = NULStripping.formEncoded(body.readableBytesView) else {
                return try base.decode(D.self, from: body, headers: headers, userInfo: userInfo)
            }
            return try base.decode(D.self, from: ByteBuffer(bytes: stripped), headers: headers, userInfo: userInfo)
        }

        func decode<D: Decodable>(_ decodable: D.Type, from url: URI) throws -> D {
            try decode(D.self, from: url, userInfo: [:])
        }

        func decode<D: Decodable>(
            _ decodable: D.Type, from url: URI, userInfo: [CodingUserInfoKey: Sendable]
        ) throws -> D {
            guard let query = url.query, let stripped = NULStripping.formEncoded(query.utf8) else {
                return try base.decode(D.self, from: url, userInfo: userInfo)
            }
            var cleaned = url
            cleaned.query = String(decoding: stripped, as: UTF8.self)
            return try base.decode(D.self, from: cleaned, userInfo: userInfo)
        }
    }

    struct JSONBodyDecoder: ContentDecoder {
        let base: JSONDecoder

        func decode<D: Decodable>(_ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
            try decode(D.self, from: body, headers: headers, userInfo: [:])
        }

        func decode<D: Decodable>(
            _ decodable: D.Type, from body: ByteBuffer, headers: HTTPHeaders, userInfo: [CodingUserInfoKey: Sendable]
        ) throws -> D {
            guard let stripped = NULStripping.json(body.readableBytesView) else {
                return try base.decode(D.self, from: body, headers: headers, userInfo: userInfo)
            }
            return try base.decode(D.self, from: ByteBuffer(bytes: stripped), headers: headers, userInfo: userInfo)
        }
    }
}
