import Fluent
import Foundation
import HeardDomain
import HeardStorage

/// Demo Friends and Family Test answers with no comment, the bulk of any real FFT collection: a year and a month
/// of them for every service, so the FFT results page has months to compare. Each service has its own mix (most
/// very good or good, as nationally), and the first service by name stopped collecting them last month, so its
/// count falls away as a lapsed collection would.
enum FFTDemoData {
    /// The answers a month for each service, at most.
    static let mostEachMonth = 24

    static func seed(on db: any Database, engine: ListeningEngine, now: Date = Date()) async throws {
        var random = SeededRandom(seed: 6)
        let services = try await Service.query(on: db).sort(\.$name).all()
        let officer = try await User.query(on: db).filter(\.$role == .engagementOfficer).first()
        let noComment = engine.analyse("")
        let thisMonth = CalendarMonth(containing: SimpleDate.ukDay(of: now))
        var items: [NewFeedback] = []
        for (index, service) in services.enumerated() {
            // Between 1 and 10 in 100 answer poor or very poor, varying by service.
            let unhappy = 1 + random.next(10)
            for monthsAgo in 0...12 {
                // The first service (by name) has collected nothing since last month began.
                if index == 0 && monthsAgo <= 1 { continue }
                let month = thisMonth.adding(months: -monthsAgo)
                let start = DecisionClock.startOfUKDay(month.firstDay)
                let end = min(DecisionClock.startOfUKDay(month.adding(months: 1).firstDay), now)
                let seconds = Int(end.timeIntervalSince(start))
                guard seconds > 3600 else { continue }
                for _ in 0..<(4 + random.next(mostEachMonth - 3)) {
                    let roll = random.next(100)
                    let rating: FFTRating =
                        roll < unhappy / 2
                        ? .veryPoor
                        : roll < unhappy
                            ? .poor
                            : roll < unhappy + 3
                                ? .neitherGoodNorPoor
                                : roll < unhappy + 5
                                    ? .dontKnow
                                    : roll < unhappy + 30 ? .good : .veryGood
                    // Most FFT answers are replies to a text message; then cards, a ward tablet, the web form.
                    let channel: FeedbackChannel =
                        switch random.next(10) {
                        case 0..<5: .sms
                        case 5..<7: .paper
                        case 7: .kiosk
                        default: .online
                        }
                    var item = NewFeedback(
                        id: UUID(), reference: FeedbackReference.make(), serviceID: service.id!,
                        placeID: service.$place.id, organisationID: service.$organisation.id, channel: channel,
                        story: "", whatWasGood: "", couldBeBetter: "", fftRating: rating.rawValue,
                        consentToPublish: false, contactName: nil, contactEmail: nil, contactPhone: nil,
                        wantsReply: false, status: .approvedPrivate,
                        receivedAt: start.addingTimeInterval(Double(random.next(seconds))),
                        enteredByID: channel == .paper ? officer?.id : nil, submitterHash: nil, importBatchID: nil)
                    FeedbackIntake.apply(noComment, to: &item, hasSuggestion: false)
                    item.saysNothing = true
                    items.append(item)
                }
            }
        }
        for chunk in stride(from: 0, to: items.count, by: 500) {
            try await NewFeedback.insert(Array(items[chunk..<min(chunk + 500, items.count)]), on: db)
        }
    }
}
