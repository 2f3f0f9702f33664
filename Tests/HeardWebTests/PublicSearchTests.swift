import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing
import Vapor

@testable import HeardWeb

extension PublicPagesTests {
    @Test(
        "the service search matches names, organisations and places, with the NHS names people use",
        arguments: TestDatabase.all)
    func serviceSearch(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.seedDemoData = true }) { app in
            let visitor = app.browser()
            func found(_ query: String) async throws -> [String] {
                let body = try await visitor.get("/feedback?q=" + TestBrowser.encode(query)).body
                return body.components(separatedBy: "<a href=\"/feedback/new?service=").dropFirst().compactMap { rest in
                    rest.range(of: "\">").flatMap { start in
                        rest[start.upperBound...].range(of: "</a>").map {
                            String(rest[start.upperBound..<$0.lowerBound])
                        }
                    }
                }
            }
            let emergency = "Emergency department, Riverside General Hospital"
            for query in [
                "A&E", "A and E", "a & e", "A+E", "casualty", "Emergency department", "accident and emergency",
            ] {
                #expect(try await found(query) == [emergency], "\(query)")
            }
            let leeds = try await Service.query(on: app.db).join(Place.self, on: \Service.$place.$id == \Place.$id)
                .filter(Place.self, \.$name == "Leeds").count()
            #expect(leeds > 1)
            #expect(try await found("Leeds").count == leeds)
            #expect(try await found("leeds maternity") == ["Maternity unit, Riverside General Hospital"])
            let gps = ["Canal Side Medical Practice GP appointments", "Millbrook Surgery GP appointments"]
            for query in ["GP", "G.P.", "doctor", "doctors", "surgery", "practice", "GP surgery"] {
                #expect(try await found(query) == gps, "\(query)")
            }
            #expect(try await found("Riverside Valley").count > 1, "by organisation")
            #expect(try await found("eye clinic") == ["Eye clinic, Harrogate District Hospital"])
            #expect(try await found("zzz").isEmpty)
        }
    }
}
