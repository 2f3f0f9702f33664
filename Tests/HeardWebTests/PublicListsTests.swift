import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing
import Vapor

@testable import HeardWeb

extension PublicPagesTests {
    @Test(
        "a page number that is not a number, or too big for one, shows the first or the last page",
        arguments: TestDatabase.all)
    func pageNumbers(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.seedDemoData = true }) { app in
            let visitor = app.browser()
            let first = try await visitor.get("/stories")
            let pageCount = try #require(
                first.body.range(of: "Page 1 of ").map { first.body[$0.upperBound...].prefix { $0.isNumber } },
                "the demo has more than one page of stories")
            for path in ["/stories?page=abc", "/stories?page=-1", "/stories?page=1.5", "/stories?page="] {
                let page = try await visitor.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.body.contains("Page 1 of \(pageCount)"), "\(path)")
            }
            for path in ["/stories?page=99999999999999999999", "/stories?page=999"] {
                let page = try await visitor.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.body.contains("Page \(pageCount) of \(pageCount)"), "\(path)")
            }
            for path in ["/ideas?page=abc", "/ideas?page=99999999999999999999", "/stories?theme=x&page=abc"] {
                #expect(try await visitor.get(path).status == .ok, "\(path)")
            }
            let staff = try await app.signedInBrowser(.administrator)
            for path in ["/staff/actions?page=abc", "/staff/feedback?page=99999999999999999999"] {
                #expect(try await staff.get(path).status == .ok, "\(path)")
            }
        }
    }

    @Test("page numbers are read without failing")
    func requestedPage() {
        #expect(ListPage.requested("3") == 3)
        #expect(ListPage.requested("abc") == nil)
        #expect(ListPage.requested("") == nil)
        #expect(ListPage.requested("99999999999999999999") == Int.max)
        #expect(ListPage.requested("-99999999999999999999") == Int.min)
        #expect(ListPage(requested: Int.min, total: 120).number == 1)
        #expect(ListPage(requested: Int.max, total: 120).number == 3)
    }
}
