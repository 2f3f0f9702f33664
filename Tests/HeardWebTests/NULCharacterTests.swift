import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// SQLite keeps only the text before a NUL character and PostgreSQL refuses it, so NULs are dropped as what
/// people send is decoded, and every other character is kept.
@Suite("NUL characters in what people send")
struct NULCharacterTests {
    @Test("a NUL in a form, in JSON or in a query is dropped and the words after it kept", arguments: TestDatabase.all)
    func dropped(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let browser = app.browser()
            let path = "/feedback/new?service=\(service.id!.uuidString)"
            let form = try await browser.post(
                path,
                form: [
                    "service_id": service.id!.uuidString, "story": "The ward was clean\u{0} and the staff kind.",
                    "could_be_better": "100%00 sure: nothing", "consent_to_publish": "yes",
                    "submission_key": "nul-form",
                ], tokenFrom: path)
            #expect(form.status == .seeOther, "\(form.body)")
            let item = try #require(try await FeedbackItem.query(on: app.db).first())
            #expect(item.story == "The ward was clean and the staff kind.")
            #expect(item.couldBeBetter == "100%00 sure: nothing", "a typed %00 is text, not a NUL")

            let api = try await browser.postJSON(
                "/api/v1/feedback",
                json: #"{"text": "Kind\u0000 nurses, a \\u0000 typed.", "service_id": "\#(service.id!.uuidString)"}"#)
            #expect(api.status == .created, "\(api.body)")
            let stored = try await FeedbackItem.query(on: app.db).filter(\.$channel == .api).first()
            #expect(stored?.story == #"Kind nurses, a \u0000 typed."#)

            let search = try await browser.get("/stories?place=lee%00ds")
            #expect(search.status.code < 500)
        }
    }

    @Test("the stripping keeps other escapes whole")
    func escapes() {
        #expect(NULStripping.formEncoded(Array("a=b%2500c".utf8)) == nil, "nothing to strip")
        #expect(
            NULStripping.formEncoded(Array("a=b%00c%0".utf8)).map { String(decoding: $0, as: UTF8.self) } == "a=bc%0")
        #expect(NULStripping.json(Array(#"{"a":"\\u0000"}"#.utf8)) == nil)
        #expect(
            NULStripping.json(Array(#"{"a":"x\u0000y\n"}"#.utf8)).map { String(decoding: $0, as: UTF8.self) }
                == #"{"a":"xy\n"}"#)
    }
}
