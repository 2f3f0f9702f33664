import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// How each FFT answer was collected, from an import's column, the CLI and the API, into the return's modes.
@Suite("FFT modes of collection")
struct FFTCollectionModeWebTests {
    static let today = SimpleDate(iso: "2026-12-07")!

    @Test(
        "an import's collection column is guessed, checked by line and counted under the return's modes",
        arguments: TestDatabase.all)
    func webImport(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            _ = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let csv =
                [
                    "Date,Ward,FFT,Collection mode",
                    "2026-11-02,Emergency department,Very good,SMS",
                    "2026-11-03,Emergency department,Good,Electronic tablet/kiosk",
                    "2026-11-04,Emergency department,Poor,Paper/postcard",
                    "2026-11-05,Emergency department,Very good,Other",
                    "2026-11-06,Emergency department,Very good,",
                    "2026-11-07,Emergency department,Good,Carrier pigeon",
                    "2026-11-08,Emergency department,Very poor,text",
                ].joined(separator: "\r\n") + "\r\n"
            let uploaded = try await officer.upload(
                "/staff/imports", fileField: "file", fileName: "supplier.csv", content: csv,
                tokenFrom: "/staff/imports")
            let batchPath = try #require(uploaded.location)
            let mapping = try await officer.get(batchPath).body
            #expect(mapping.contains("How it was collected (text message, tablet, online, paper, phone …)"))
            #expect(ImportPages.guesses(["Date", "Ward", "FFT", "Collection mode"])[.channel] == "Collection mode")
            #expect(mapping.contains("<option value=\"Collection mode\" selected>"), "the column is guessed")
            let form = [
                "column_service": "Ward", "column_date": "Date", "column_rating": "FFT",
                "column_channel": "Collection mode", "fixed_service": "",
            ]
            var check = form
            check["step"] = "check"
            let checked = try await officer.post(batchPath, form: check).body
            #expect(checked.contains("6 would be imported, 1 would be refused"), "\(checked)")
            #expect(checked.contains("'Carrier pigeon' is not a way of collecting answers Heard knows"))
            #expect(checked.contains("Collection mode"), "the refusal names the file's column")
            var run = form
            run["step"] = "import"
            #expect(try await officer.post(batchPath, form: run).status == .seeOther)
            let channels = try await FeedbackItem.query(on: app.db).sort(\.$receivedAt).all().map(\.channel)
            #expect(channels == [.sms, .kiosk, .paper, .imported, .imported, .sms])

            let fft = try await officer.get("/staff/fft?month=2026-11").body
            #expect(fft.contains("<th scope=\"row\">Text message</th><td>SMS/text</td><td>2</td>"))
            #expect(fft.contains("<th scope=\"row\">Imported file</th><td>Other</td><td>2</td>"))
            let csvReturn = try await officer.get("/staff/fft/return.csv?month=2026-11").body
            let lines = csvReturn.split(separator: "\r\n").map {
                $0.split(separator: ",", omittingEmptySubsequences: false)
            }
            let header = lines[0].map(String.init)
            let row = try #require(lines.first { $0.contains("Emergency department") }).map(String.init)
            func column(_ name: String) -> String? { header.firstIndex(of: name).map { row[$0] } }
            #expect(column("total") == "6")
            #expect(column("mode_sms_text") == "2" && column("mode_tablet_kiosk") == "1")
            #expect(column("mode_paper_postcard") == "1" && column("mode_other") == "2")
            #expect(column("mode_online") == "0" && column("mode_telephone") == "0")
            #expect(column("collected_import") == "2" && column("collected_sms") == "2")
        }
    }

    @Test("heard import --channel-column reads the column and names a bad value's line", arguments: TestDatabase.all)
    func commandLine(_ database: TestDatabase) async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try await TestApp.runForCommandLine(on: database) { app, target in
            _ = try await Fixtures.service(on: app.db)
            try workspace.write(
                "fft.csv",
                "Service,FFT,Mode\nEmergency department,Very good,IVR\nEmergency department,Poor,Text message\n"
                    + "Emergency department,Good,fax\n")
            let run = try workspace.run(
                "import", "feedback", "fft.csv", "--service-column", "Service", "--rating-column", "FFT",
                "--channel-column", "Mode", "--database", target)
            #expect(run.status == 1, "one row refused: \(run.errors)")
            #expect(
                (run.output + run.errors).contains(
                    "line 4, column \"Mode\": 'fax' is not a way of collecting answers Heard knows"),
                "\(run.output) \(run.errors)")
            let items = try await FeedbackItem.query(on: app.db).all()
            #expect(Set(items.map(\.channel)) == [.phone, .sms] && items.count == 2)
        }
    }

    @Test(
        "the API takes 'channel'; a staff token lifts the per-address limit, a bad token is refused",
        arguments: TestDatabase.all)
    func api(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.submissionsPerAddressPerHour = 2 }) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let id = service.id!.uuidString
            let browser = app.browser()
            func send(_ channel: String?, headers: [(String, String)] = []) async throws -> TestBrowser.Page {
                let field = channel.map { #", "channel": "\#($0)""# } ?? ""
                return try await browser.postJSON(
                    "/api/v1/feedback", json: #"{"fft_rating": 1, "service_id": "\#(id)"\#(field)}"#, headers: headers)
            }
            let refused = try await send("pigeon")
            #expect(refused.status == .unprocessableEntity)
            let error = try JSONDecoder().decode(FeedbackAPITests.ErrorBody.self, from: Data(refused.body.utf8))
            #expect(error.field == "channel")
            #expect(
                error.error
                    == "'channel' must be how the person answered: sms, kiosk, online, paper, phone, event, email, letter (or other, or leave it out)."
            )
            #expect(try await send("SMS/Text").status == .created)
            #expect(try await send(nil).status == .created)
            // Two from this address this hour: the third needs a token.
            #expect(try await send("kiosk").status == .tooManyRequests)
            let account = try await app.createUser(.engagementOfficer, email: "supplier@test.heard.example")
            let user = try #require(try await User.query(on: app.db).filter(\.$email == account.email).first())
            let token = try await APITokens.create(for: user, name: "SMS supplier", actor: .system("test"), on: app.db)
            #expect(try await send("kiosk", headers: [("Authorization", "Bearer \(token)")]).status == .created)
            #expect(try await send("other", headers: [("Authorization", "Bearer \(token)")]).status == .created)
            let bad = try await send("kiosk", headers: [("Authorization", "Bearer heard_not-a-token")])
            #expect(bad.status == .unauthorized && bad.body.contains("This API token is not valid"))
            // Any Authorization header must be a good token, checked before the body: an empty variable or the
            // wrong scheme is refused by name, not taken as anonymous.
            for header in ["Bearer", "Token \(token)", token] {
                let refused = try await browser.postJSON(
                    "/api/v1/feedback", json: "{}", headers: [("Authorization", header)])
                #expect(refused.status == .unauthorized, "\(header)")
                #expect(refused.body.contains("Send a staff API token as 'Authorization: Bearer heard_…'."))
            }
            // A signed sender may date an earlier answer; it counts in that month. Anonymous senders may not.
            func dated(_ day: String, headers: [(String, String)]) async throws -> TestBrowser.Page {
                try await browser.postJSON(
                    "/api/v1/feedback",
                    json: #"{"fft_rating": 2, "service_id": "\#(id)", "channel": "sms", "received_on": "\#(day)"}"#,
                    headers: headers)
            }
            let signed = [("Authorization", "Bearer \(token)")]
            #expect(try await dated("2026-11-15", headers: signed).status == .created)
            let anonymous = try await dated("2026-11-15", headers: [])
            #expect(anonymous.status == .unprocessableEntity && anonymous.body.contains("needs a staff API token"))
            for (day, words) in [
                ("15/11/2026", "must be a date written YYYY-MM-DD"),
                ("2026-02-30", "must be a date written YYYY-MM-DD"),
                ("2099-01-01", "after today"), ("2019-05-01", "before the FFT question changed"),
            ] {
                let refused = try await dated(day, headers: signed)
                #expect(refused.status == .unprocessableEntity && refused.body.contains(words), "\(day)")
                #expect(refused.body.contains("\"field\":\"received_on\""))
            }
            let november = try await FeedbackItem.query(on: app.db).filter(\.$fftRating == 2).all()
            #expect(november.count == 1)
            #expect(november.first.map { SimpleDate.ukDay(of: $0.receivedAt).iso } == "2026-11-15")
            // A role that cannot read feedback cannot sign feedback either.
            let secretary = try await app.createUser(.boardSecretary, email: "board@test.heard.example")
            let secretaryUser = try #require(
                try await User.query(on: app.db).filter(\.$email == secretary.email).first())
            let boardToken = try await APITokens.create(
                for: secretaryUser, name: "board papers", actor: .system("test"), on: app.db)
            let forbidden = try await send("kiosk", headers: [("Authorization", "Bearer \(boardToken)")])
            #expect(forbidden.status == .forbidden, "\(forbidden.body)")
            let channels = try await FeedbackItem.query(on: app.db).sort(\.$receivedAt).all().map(\.channel)
            #expect(channels.filter { $0 == .sms }.count == 2 && channels.filter { $0 == .kiosk }.count == 1)
            #expect(channels.filter { $0 == .api }.count == 2, "none given, and \"other\"")
        }
    }
}
