import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Staff correct the themes and sentiment the engine found; the counts follow, the change is audited, and
/// the corrections export as a training file in the model's own columns.
@Suite("Correcting the analysis")
struct AnalysisCorrectionTests {
    @Test(
        "a correction replaces the themes and sentiment, is audited, and exports for training",
        arguments: TestDatabase.all)
    func correct(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let item = try await ScaleQueryTests.item(
                "HRD-CRRCTN23", service: service, place: place, themes: ["Staff manner & personal attributes"],
                receivedDaysAgo: 2, on: app.db)
            let moderator = try await app.signedInBrowser(.moderator)
            let path = "/staff/feedback/\(item.id!.uuidString.lowercased())"
            let page = try await moderator.get(path)
            #expect(page.body.contains("Correct the themes or sentiment"))
            #expect(page.body.contains("value=\"Staff manner &amp; personal attributes\" checked"))

            let madeUp = try await moderator.post(
                path + "/analysis", form: ["themes[]": "Parking spaces on Mars", "sentiment": "4"], tokenFrom: path)
            #expect(madeUp.status == .unprocessableEntity)
            #expect(madeUp.body.contains("Choose themes from the list (not Parking spaces on Mars)."))
            #expect(madeUp.body.contains("<details class=\"details\" open>"), "the refused correction is shown open")
            let noFeeling = try await moderator.post(
                path + "/analysis", form: ["themes[]": "Timeliness of care"], tokenFrom: path)
            #expect(noFeeling.body.contains("Choose how the person felt"))

            let saved = try await moderator.post(
                path + "/analysis", form: ["themes[]": "Timeliness of care", "sentiment": "5"], tokenFrom: path)
            #expect(saved.status == .seeOther)
            let corrected = try #require(try await FeedbackItem.find(item.id, on: app.db))
            #expect(corrected.themeList == ["Timeliness of care"])
            #expect(corrected.sentiment == 5)
            #expect(corrected.analysisCorrectedAt != nil)
            let rows = try await FeedbackTheme.query(on: app.db).filter(\.$feedback.$id == item.id!).all()
            #expect(rows.map(\.theme) == ["Timeliness of care"], "the counts read the corrected themes")
            let after = try await moderator.get(path)
            #expect(after.body.contains("Themes and sentiment corrected by staff."))
            #expect(
                after.body.contains(
                    "Themes and sentiment corrected. The dashboard and reports count the corrected ones."))
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "feedback.analysis_corrected").first())
            #expect(Set(AuditLog.decodeChanges(audit.changes).map(\.field)) == ["themes", "sentiment"])

            // "Not assigned" says there is no subject: left ticked beside a real theme, the real theme stands.
            let both = try await moderator.send(
                .POST, path + "/analysis", headers: [],
                body: "_csrf=\(try await moderator.get(path).csrfToken ?? "")&themes%5B%5D=Parking"
                    + "&themes%5B%5D=Not+assigned&sentiment=4",
                contentType: "application/x-www-form-urlencoded")
            #expect(both.status == .seeOther)
            #expect(try await FeedbackItem.find(item.id, on: app.db)?.themeList == ["Parking"])
            #expect(
                try await FeedbackTheme.query(on: app.db).filter(\.$feedback.$id == item.id!).all().map(\.theme)
                    == ["Parking"])
            #expect(
                try await moderator.get(path).body.contains(
                    "\"Not assigned\" was left off, as the comment has a theme."))
            // Alone, it is what the moderator means.
            let none = try await moderator.post(
                path + "/analysis", form: ["themes[]": "Not assigned", "sentiment": "4"], tokenFrom: path)
            #expect(none.status == .seeOther)
            #expect(try await FeedbackItem.find(item.id, on: app.db)?.themeList == ["Not assigned"])
            let restored = try await moderator.post(
                path + "/analysis", form: ["themes[]": "Timeliness of care", "sentiment": "5"], tokenFrom: path)
            #expect(restored.status == .seeOther)

            #expect(
                try await moderator.get("/staff/feedback?page=abc").status == .ok, "a bad page number shows the first")
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("corrections-\(UUID()).csv")
            defer { try? FileManager.default.removeItem(at: url) }
            let themeNames = app.app.listeningEngine.themeNames
            #expect(try await CorrectionsExport.write(to: url, themeNames: themeNames, on: app.db) == 1)
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\r\n").map(String.init)
            #expect(lines.count == 2)
            let timeliness = try #require(themeNames.firstIndex(of: "Timeliness of care"))
            let fields = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(fields.first == "HRD-CRRCTN23")
            #expect(fields.count == 2 + themeNames.count + 1)
            #expect(fields[2 + timeliness] == "1")
            #expect(fields.dropFirst(2).dropLast().filter { $0 == "1" }.count == 1)
            #expect(fields.last == "5")

            // Exported for a model without that theme, the item is left out and named, not written all 0.
            let other = FileManager.default.temporaryDirectory.appendingPathComponent("corrections-\(UUID()).csv")
            defer { try? FileManager.default.removeItem(at: other) }
            let outcome = try await CorrectionsExport.export(
                to: other, themeNames: ["Car parking", "Hospital food"], on: app.db)
            #expect(outcome == .init(written: 0, leftOut: ["HRD-CRRCTN23"]))
            #expect(
                try String(contentsOf: other, encoding: .utf8)
                    == "reference,text,Car parking,Hospital food,sentiment\r\n")
        }
    }

    @Test(
        "the training file takes the text a moderator checked for publishing over the automatic redaction",
        arguments: TestDatabase.all)
    func checkedText(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let published = try await ScaleQueryTests.item(
                "HRD-CHECKED1", service: service, place: place, themes: ["Timeliness of care"], receivedDaysAgo: 2,
                on: app.db)
            // What the engine missed and the moderator took out before publishing.
            published.redactedText = "Call Dr Okafor's secretary on 07700-900-12-3 about the delay."
            published.publishedText = "Call [name]'s secretary on [phone] about the delay."
            published.analysisCorrectedAt = Date()
            published.sentiment = 2
            try await published.save(on: app.db)
            let unpublished = try await ScaleQueryTests.item(
                "HRD-CHECKED2", service: service, place: place, themes: ["Timeliness of care"], receivedDaysAgo: 2,
                on: app.db)
            unpublished.redactedText = "Waited four hours."
            unpublished.publishedText = nil
            unpublished.status = .approvedPrivate
            unpublished.analysisCorrectedAt = Date()
            try await unpublished.save(on: app.db)

            let url = FileManager.default.temporaryDirectory.appendingPathComponent("corrections-\(UUID()).csv")
            defer { try? FileManager.default.removeItem(at: url) }
            #expect(
                try await CorrectionsExport.write(
                    to: url, themeNames: app.app.listeningEngine.themeNames, on: app.db) == 2)
            let file = try String(contentsOf: url, encoding: .utf8)
            #expect(file.contains("Call [name]'s secretary on [phone] about the delay."))
            #expect(!file.contains("Okafor") && !file.contains("07700"))
            #expect(file.contains("Waited four hours."), "without a checked text, the automatic redaction")
        }
    }
}
