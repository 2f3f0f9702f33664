import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing

@Suite("Demo dates are in a possible order")
struct DemoDatesTests {
    @Test(
        "assessments are signed off and analyses published before the decisions they informed; ideas are put forward before their answer"
    )
    func possibleOrder() async throws {
        try await TestApp.run(on: .sqlite, configure: { $0.seedDemoData = true }) { app in
            let decisions = try await Decision.query(on: app.db).all()
            #expect(decisions.contains { $0.status == "approved" })
            for decision in decisions where decision.status == "approved" {
                let assessment = try #require(
                    try await EqualityAssessment.query(on: app.db).filter(\.$initiative.$id == decision.$initiative.id)
                        .first())
                let signed = try #require(assessment.signedOffOn.flatMap(SimpleDate.init(iso:)))
                let meeting = try #require(SimpleDate(iso: decision.meetingOn))
                #expect(signed <= meeting, "\(decision.title): signed off \(signed.iso), decided \(meeting.iso)")
                if let review = assessment.reviewOn.flatMap(SimpleDate.init(iso:)) { #expect(review > signed) }
                // The meeting considered the published analysis (Gunning G4).
                let consultation = try #require(
                    try await Consultation.query(on: app.db).filter(\.$initiative.$id == decision.$initiative.id)
                        .first())
                let published = try #require(consultation.analysisPublishedAt.map(DecisionClock.ukDay(of:)))
                #expect(published <= meeting, "\(decision.title): analysis \(published.iso), decided \(meeting.iso)")
            }
            // Every decision meeting, approved or not, comes after its consultation closed (Gunning G1 and G4).
            #expect(decisions.count == 4)
            for decision in decisions {
                let consultation = try #require(
                    try await Consultation.query(on: app.db).filter(\.$initiative.$id == decision.$initiative.id)
                        .first())
                let meeting = try #require(SimpleDate(iso: decision.meetingOn))
                #expect(meeting > consultation.closes, "\(decision.title): meeting \(meeting.iso)")
            }
            // Each demo assessment was in the pack before its consultation opened (Gunning G2), so the three
            // decided initiatives were approved and only the stroke paper, sent while its consultation is open, was not.
            #expect(decisions.filter { $0.status == "approved" }.count == 3)
            for consultation in try await Consultation.query(on: app.db).all() {
                let assessment = try await EqualityAssessment.query(on: app.db)
                    .filter(\.$initiative.$id == consultation.$initiative.id).first()
                let saved = try #require(assessment?.firstSavedOn.flatMap(SimpleDate.init(iso:)))
                #expect(saved <= consultation.opens, "\(consultation.title): assessment \(saved.iso)")
            }
            // Each demo response was sent while its consultation was open, not on the day the demo was seeded.
            let today = DecisionClock.ukDay(of: Date())
            for consultation in try await Consultation.query(on: app.db).all() {
                let responses = try await SurveyResponse.query(on: app.db)
                    .filter(\.$consultation.$id == consultation.id!).all()
                let days = try responses.map { try #require($0.createdAt.map(DecisionClock.ukDay(of:))) }
                #expect(
                    days.allSatisfy { $0 >= consultation.opens && $0 <= min(consultation.closes, today) },
                    "\(consultation.title): \(Set(days.map(\.iso)).sorted())")
            }
            let ideas = try await Idea.query(on: app.db).all()
            #expect(!ideas.isEmpty)
            for idea in ideas {
                let created = try #require(idea.createdAt)
                if let responded = idea.respondedAt { #expect(created < responded, "\(idea.title)") }
            }
        }
    }
}
