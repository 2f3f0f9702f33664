import Fluent
import Foundation
import HeardStorage
import Logging
import Testing

@testable import HeardWeb

/// A consultation answer the listening engine cannot read (it may not be in English) is shown to staff with a
/// "May not be in English" tag and left out of the suggested themes, as feedback is: every response must be
/// taken into account (Gunning G4), and one counted as "no theme" would not be.
@Suite("Consultations: answers that may not be in English")
struct NotEnglishAnswersTests {
    static let polish = "Autobus do nowej przychodni jeździ tylko dwa razy dziennie, a ja nie mam samochodu."
    static let short = "Bardzo dobrze"
    static let english = "The bus to the new clinic only runs twice a day and I do not drive."

    @Test("an answer that may not be in English is set apart and counted in no theme")
    func setApart() throws {
        let engine = ListeningEngine.loadDefault(logger: Logger(label: "test"))
        let englishOnly = ConsultationAnalysis.readFreeText([Self.english], engine: engine)
        #expect(englishOnly.notEnglish.isEmpty)
        #expect(!englishOnly.themes.isEmpty)

        // The Polish response adds no theme and no mention; a response with an English answer and a Polish one
        // counts once, for its English answer.
        let reading = ConsultationAnalysis.readFreeText(
            [Self.english, Self.polish, Self.english + "\n\n" + Self.short], engine: engine)
        #expect(reading.notEnglish == [Self.polish, Self.short])
        #expect(reading.themes.map(\.name) == englishOnly.themes.map(\.name))
        #expect(reading.themes.map(\.mentions) == englishOnly.themes.map { $0.mentions * 2 })
        #expect(reading.themes.allSatisfy { !$0.quote.contains("Bardzo") && !$0.quote.contains("Autobus") })
    }

    @Test("staff see the tag on the consultation page and a count on the decision paper", arguments: TestDatabase.all)
    func shownToStaff(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.seedDemoData = true }) { app in
            let eye = try #require(
                try await Consultation.query(on: app.db).all().first { $0.title.lowercased().contains("eye clinic") })
            let id = eye.id!.uuidString.lowercased()
            let admin = try await app.signedInBrowser(.administrator)
            let before = try await admin.get("/staff/consultations/\(id)")
            #expect(before.status == .ok)
            #expect(!before.body.contains("May not be in English"))

            for (index, text) in [Self.polish, Self.english + "\n\n" + Self.short].enumerated() {
                try await SurveyResponse(
                    consultationID: eye.id!, channel: "paper", placeID: nil, answers: [:], redactedText: text,
                    submissionKey: "not-english-\(index)", contactEmail: nil
                ).create(on: app.db)
            }
            let page = try await admin.get("/staff/consultations/\(id)")
            #expect(page.status == .ok)
            #expect(page.body.contains("Answers that may not be in English (2)"))
            #expect(page.body.components(separatedBy: "tag tag-needs-reader\">May not be in English").count - 1 == 2)
            #expect(page.body.contains(Self.polish))
            // Not quoted as an example of a theme.
            let themesTable = try #require(page.body.range(of: "Themes the listening engine found"))
            let notEnglishSection = try #require(page.body.range(of: "Answers that may not be in English"))
            #expect(!page.body[themesTable.lowerBound..<notEnglishSection.lowerBound].contains("Bardzo"))

            let secretary = try await app.signedInBrowser(.boardSecretary)
            let paper = try await secretary.get(
                "/staff/initiatives/\(eye.$initiative.id.uuidString.lowercased())/decision")
            #expect(paper.status == .ok)
            #expect(paper.body.contains("2 answers are in no theme here"))
        }
    }
}
