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

    @Test(
        "a search with a small slip finds services with a similar name; one that finds nothing is not a dead end",
        arguments: TestDatabase.all)
    func serviceSearchSlipsAndNotListed(_ database: TestDatabase) async throws {
        try await TestApp.run(
            on: database,
            configure: {
                $0.seedDemoData = true
                $0.contact = SiteContact(name: "Calder ICB", email: "listen@calder.example")
            }
        ) { app in
            let visitor = app.browser()
            func page(_ query: String) async throws -> (body: String, services: [String]) {
                let response = try await visitor.get("/feedback?q=" + TestBrowser.encode(query))
                #expect(response.status == .ok)
                let services = response.body.components(separatedBy: "<a href=\"/feedback/new?service=").dropFirst()
                    .compactMap { rest in
                        rest.range(of: "\">").flatMap { start in
                            rest[start.upperBound...].range(of: "</a>").map {
                                String(rest[start.upperBound..<$0.lowerBound])
                            }
                        }
                    }
                return (response.body, services)
            }
            let emergency = "Emergency department, Riverside General Hospital"
            var result = try await page("emergancy")
            #expect(result.body.contains("No services match \"emergancy\"."))
            #expect(result.body.contains("<h2>Services with a similar name</h2>"))
            #expect(result.services == ["Emergency ambulance service", emergency])
            #expect(result.body.contains("If your service is not listed"), "the similar ones may not be it")
            #expect(try await page("casulty").services == [emergency], "an NHS name with a slip")
            #expect(try await page("matrenity unit").services == ["Maternity unit, Riverside General Hospital"])
            #expect(try await page("eye clinc harogate").services == ["Eye clinic, Harrogate District Hospital"])
            #expect(try await page("dye").services.isEmpty, "3 letters must be exact")

            for query in ["dentist", "pharmacy", "optician"] {
                result = try await page(query)
                #expect(result.services.isEmpty, "\(query)")
                #expect(result.body.contains("No services match \"\(query)\". Try fewer words, or choose Anywhere."))
                #expect(!result.body.contains("Services with a similar name"))
                #expect(result.body.contains("<a href=\"/feedback\">See every service</a>"))
                #expect(result.body.contains("<h2>If your service is not listed</h2>"))
                #expect(
                    result.body.contains(
                        "It may be run by another organisation (dentists, opticians and pharmacies usually are). "
                            + "You can still tell us: choose the service closest to it, or e-mail Calder ICB at "
                            + "<a href=\"mailto:listen@calder.example\">listen@calder.example</a>."))
            }
            // The link leads to every service in use.
            let all = try await page("")
            #expect(all.services.count == DemoData.serviceCount)
            #expect(!all.body.contains("If your service is not listed"))

            // What is typed is shown as text, never as markup.
            result = try await page("<b>dentist")
            #expect(result.body.contains("No services match \"&lt;b&gt;dentist\"."))

            // An exact search is as before: its services, and no similar ones or not-listed help.
            result = try await page("A&E")
            #expect(result.services == [emergency])
            #expect(result.body.contains("<h2>1 service</h2>"))
            #expect(!result.body.contains("No services match"))
            #expect(!result.body.contains("Services with a similar name"))
            #expect(!result.body.contains("If your service is not listed"))

            // Staff entering feedback get the similar names and the way to every service, not the public help.
            let staff = app.browser()
            _ = try await staff.signIn(email: "engagement@demo.heard.test", password: "demo-engagement-pass")
            let staffPage = try await staff.get("/staff/feedback/new?q=emergancy")
            #expect(staffPage.body.contains("Services with a similar name"))
            #expect(staffPage.body.contains("<a href=\"/staff/feedback/new\">See every service</a>"))
            #expect(!staffPage.body.contains("If your service is not listed"))
        }
    }

    @Test(
        "with no contact set for the site, the not-listed help leaves out the e-mail sentence",
        arguments: TestDatabase.all)
    func serviceNotListedWithoutContact(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.seedDemoData = true }) { app in
            let body = try await app.browser().get("/feedback?q=dentist").body
            #expect(
                body.contains(
                    "It may be run by another organisation (dentists, opticians and pharmacies usually are). "
                        + "You can still tell us: choose the service closest to it.</p>"))
            #expect(!body.contains("mailto:"))
        }
    }
}
