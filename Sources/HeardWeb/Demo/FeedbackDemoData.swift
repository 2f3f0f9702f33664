import Fluent
import Foundation
import HeardDomain
import HeardStorage

/// Demo feedback for every place, written from phrase banks so every page has something real to show:
/// stories with replies, items waiting for moderation, an urgent one, and actions at each status.
/// Deterministic: the same demo every time.
enum FeedbackDemoData {
    struct Phrase {
        var text: String
        var rating: Int
    }

    static let good: [Phrase] = [
        .init(text: "The nurses were kind and took time to explain everything to me and my daughter.", rating: 1),
        .init(text: "Staff treated my mum with dignity and respect, even when the ward was very busy.", rating: 1),
        .init(text: "I was seen quickly and the doctor really listened to what I had to say.", rating: 1),
        .init(text: "The receptionist was friendly and found me an appointment the same day.", rating: 2),
        .init(text: "Clean, calm and well organised. Everyone introduced themselves.", rating: 2),
        .init(text: "The physio gave me exercises that have made a real difference. Thank you.", rating: 1),
    ]

    static let poor: [Phrase] = [
        .init(text: "I waited over four hours and nobody told us why or how much longer it would be.", rating: 4),
        .init(text: "The phone line was engaged for an hour before I got through, then I was cut off.", rating: 5),
        .init(text: "Nobody told my GP that my medication had changed, so I had to explain it all again.", rating: 4),
        .init(text: "I felt rushed and not listened to. I left without understanding what happens next.", rating: 4),
        .init(text: "Parking was impossible and I missed the start of my appointment.", rating: 3),
        .init(
            text: "The letter arrived after the appointment date, so I missed it and went back on the list.", rating: 5),
        .init(text: "My dad was left in a wet bed for an hour. He was embarrassed and upset.", rating: 5),
        .init(
            text: "Different people told us different things about his discharge. We did not know who to ask.",
            rating: 4),
    ]

    static let suggestions = [
        "Tell people how long the wait will be.", "Answer the phone sooner, or offer a call back.",
        "Share the care plan with the GP the same day.", "More parking spaces for blue badge holders.",
        "Send letters by text message as well.", "Give families one named person to talk to.",
    ]

    /// (you said, we will, outcome when closed, status)
    static let actionBank: [(String, String, String, ActionStatus)] = [
        (
            "People said nobody told them how long the wait would be.",
            "Show expected waiting times on a screen and update them every 15 minutes",
            "A screen in the waiting area now shows the expected wait. Staff announce delays over 30 minutes.", .done
        ),
        (
            "People said they could not get through on the phone.",
            "Add a call-back option to the phone line",
            "Callers can now choose a call back instead of waiting. Average wait to answer fell from 22 to 6 minutes.",
            .done
        ),
        (
            "People asked for free parking for every appointment.",
            "Make parking free for all outpatient appointments",
            "We cannot make all parking free because the car park is run under a contract until 2028. Blue badge holders and carers now park free, and we have asked the council about a park-and-ride stop.",
            .notPossible
        ),
        (
            "Families said they were told different things about discharge.",
            "Give every family a named discharge contact", "", .inProgress
        ),
    ]

    static func seed(on db: any Database, engine: ListeningEngine, now: Date = Date()) async throws {
        var random = SeededRandom(seed: 2026)
        let places = try await Place.query(on: db).sort(\.$name).all()
        let services = try await Service.query(on: db).with(\.$organisation).all()
        let staff = try await User.query(on: db).filter(\.$role != .involvedPerson).all()
        guard let replier = staff.first(where: { $0.role == .complaintsHandler }),
            let moderator = staff.first(where: { $0.role == .moderator }),
            let officer = staff.first(where: { $0.role == .engagementOfficer })
        else { return }
        let intake = FeedbackIntake(database: db, engine: engine)
        var urgentAdded = false

        for place in places {
            let placeServices = services.filter { $0.$place.id == place.id }
            guard !placeServices.isEmpty else { continue }
            var placeItems: [FeedbackItem] = []
            for index in 0..<16 {
                let service = placeServices[index % placeServices.count]
                let positive = random.next(100) < 45
                let phrase = positive ? good[random.next(good.count)] : poor[random.next(poor.count)]
                var story = phrase.text
                // A few people name staff or give a number: the demo shows redaction working.
                if index % 5 == 0 { story += " Dr Okoro was brilliant. You can call me on 07700 900\(100 + index)." }
                if index % 7 == 4 { story += " My NHS number is 943 476 5919 and I live at LS1 4AP if you need it." }
                let isUrgent = !urgentAdded && index == 3
                if isUrgent {
                    story =
                        "My neighbour is being hit by her son and she is scared to go home. Nobody at the clinic asked if she was safe."
                    urgentAdded = true
                }
                let hasContact = index % 3 != 2
                let submission = FeedbackSubmission.Valid(
                    story: story, whatWasGood: "",
                    couldBeBetter: positive ? "" : suggestions[random.next(suggestions.count)],
                    fftRating: FFTRating(rawValue: isUrgent ? 5 : phrase.rating),
                    consentToPublish: !isUrgent && index % 7 != 6,
                    contactName: hasContact ? "Demo Contributor \(index)" : nil,
                    contactEmail: hasContact ? "contributor\(index).\(place.slug)@example.org" : nil, contactPhone: nil,
                    wantsReply: hasContact && !positive)
                // Within the last 11 weeks (76 days), so every item shows on the dashboard's weekly chart, whose
                // 12 Monday-to-Sunday weeks reach back at least 77 days.
                let received = now.addingTimeInterval(-Double(random.next(76 * 24) + 2) * 3600)
                let channel: FeedbackChannel = index % 6 == 5 ? .paper : (index % 8 == 7 ? .event : .online)
                let recorded = try await intake.record(
                    submission, service: try ServiceDirectory.Entry(service),
                    origin: .init(channel: channel, enteredBy: channel == .online ? nil : officer, receivedAt: received)
                )
                guard let item = try await FeedbackItem.find(recorded.id, on: db) else { continue }
                placeItems.append(item)
                // Most items are moderated a day later; the newest few wait, as in real life.
                let waiting = index >= 13 || isUrgent
                guard !waiting else { continue }
                item.moderatedAt = min(received.addingTimeInterval(86400), now.addingTimeInterval(-7200))
                item.moderatedByID = moderator.id
                if index == 12 {
                    item.status = .rejected
                    item.moderationNote = "Duplicate of an earlier submission."
                } else {
                    item.status = item.consentToPublish ? .published : .approvedPrivate
                    item.publishedText = item.redactedText
                    if item.status == .published { item.publishedAt = item.moderatedAt }
                }
                try await item.save(on: db)
                if item.status == .published, item.needsAnswer, index % 4 != 1 {
                    let replyAt = min(
                        item.publishedAt!.addingTimeInterval(Double(random.next(5) + 1) * 86400),
                        now.addingTimeInterval(-3600))
                    let reply = FeedbackReply(
                        feedbackID: item.id!,
                        body: positive
                            ? "Thank you for taking the time to tell us. We have shared your kind words with the team."
                            : "Thank you for telling us, and we are sorry. We have shared this with the team and are working on it. You can follow what we are doing on our You said, we did page.",
                        authorID: replier.id, authorRole: replier.role,
                        signature: "\(replier.role.title), \(service.organisation.name)")
                    try await reply.create(on: db)
                    reply.createdAt = replyAt
                    try await reply.save(on: db)
                    item.firstReplyAt = replyAt
                    try await item.save(on: db)
                }
            }
            try await seedActions(
                place: place, services: placeServices, items: placeItems, owner: officer, now: now, on: db,
                random: &random)
        }
        try await seedComplaints(services: services, intake: intake, moderator: moderator, now: now, on: db)
    }

    /// Complaints at each step of the clock, one of them with its acknowledgement overdue.
    static func seedComplaints(
        services: [Service], intake: FeedbackIntake, moderator: User, now: Date, on db: any Database
    ) async throws {
        let today = DecisionClock.ukDay(of: now)
        // (story, days since received, acknowledged after (days), responded after (days))
        let cases: [(String, Int, Int?, Int?)] = [
            (
                "I want to make a formal complaint. My mother was sent home at 11pm with no transport, and nobody told us her medicines had changed.",
                1, nil, nil
            ),
            (
                "This is a complaint. Reception refused to book an interpreter for my appointment, so I could not understand what the doctor said.",
                10, nil, nil
            ),
            (
                "Formal complaint about my son's wait for a mental health assessment: eleven weeks with no contact at all.",
                24, 2, nil
            ),
            (
                "I am complaining because the ambulance took three hours and the call handler was rude to my wife.", 75,
                1, 41
            ),
        ]
        // Who is complaining, as each story tells it (regulation 5): the first shows a handler the prompt to ask
        // the person affected before sharing anything.
        let standings: [ComplainantStanding] = [
            ComplainantStanding(type: .representative, relationship: "Her son", basis: .notAskedYet),
            .personAffected,
            ComplainantStanding(type: .representative, relationship: "His mother", basis: .child),
            ComplainantStanding(type: .representative, relationship: "Her husband", basis: .agreed),
        ]
        for (index, (story, daysAgo, acknowledgedAfter, respondedAfter)) in cases.enumerated() {
            let service = services.sorted { $0.name < $1.name }[index * 3 % services.count]
            let received = now.addingTimeInterval(-Double(daysAgo) * 86400)
            let submission = FeedbackSubmission.Valid(
                story: story, whatWasGood: "", couldBeBetter: "", fftRating: FFTRating(rawValue: 5),
                consentToPublish: false, contactName: "Demo Complainant \(index + 1)",
                contactEmail: "complainant\(index + 1)@example.org", contactPhone: nil, wantsReply: true)
            let recorded = try await intake.record(
                submission, service: try ServiceDirectory.Entry(service),
                origin: .init(channel: .online, enteredBy: nil, receivedAt: received))
            guard let item = try await FeedbackItem.find(recorded.id, on: db) else { continue }
            item.status = .escalated
            item.moderatedAt = received.addingTimeInterval(3600)
            item.moderatedByID = moderator.id
            item.moderationNote = "Asks for a formal complaint."
            try await item.save(on: db)
            let receivedOn = today.adding(days: -daysAgo)
            let complaint = Complaint(feedbackID: item.id!, receivedOn: receivedOn, createdByID: moderator.id)
            complaint.record(standings[index])
            if let acknowledgedAfter {
                complaint.acknowledgedOn = receivedOn.adding(days: acknowledgedAfter).iso
                complaint.acknowledgementNote =
                    "Phoned to apologise and agree how we will look into it; we expect to reply within six weeks."
            }
            if let respondedAfter {
                complaint.respondedOn = receivedOn.adding(days: respondedAfter).iso
                complaint.howConsidered = "Listened to the call recording and read the dispatch log with the crew."
                complaint.conclusions = "Upheld: the call was wrongly graded, and the call handler was not courteous."
                complaint.remedialAction =
                    "Grading guidance for falls in people over 80 changed; the call handler has had coaching."
                complaint.ombudsmanRightGiven = true
                complaint.outcome = .upheld
            }
            try await complaint.create(on: db)
        }
    }

    static func seedActions(
        place: Place, services: [Service], items: [FeedbackItem], owner: User, now: Date, on db: any Database,
        random: inout SeededRandom
    ) async throws {
        let critical = items.filter { $0.status == .published && ($0.sentiment ?? 3) >= 3 }
        for (offset, entry) in actionBank.enumerated() where offset < 3 || random.next(2) == 0 {
            let (youSaid, title, outcome, status) = entry
            let service = services[offset % services.count]
            let action = ActionItem()
            action.title = title
            action.youSaid = youSaid
            action.$organisation.id = service.$organisation.id
            action.$place.id = place.id
            action.$service.id = service.id
            action.$owner.id = owner.id
            action.dueOn = now.addingTimeInterval(Double(30 + offset * 20) * 86400)
            action.status = status
            action.outcome = outcome
            action.createdByID = owner.id
            try await action.create(on: db)
            let raisedAt = now.addingTimeInterval(-Double(40 - offset * 5) * 86400)
            try await ActionUpdate(
                actionID: action.id!, status: .planned, note: "Action raised.", authorID: owner.id,
                authorLabel: owner.role.title
            )
            .create(on: db)
            if status != .planned {
                try await ActionUpdate(
                    actionID: action.id!, status: status, note: outcome.isEmpty ? "Work has started." : outcome,
                    authorID: owner.id, authorLabel: owner.role.title
                )
                .create(on: db)
            }
            let linked = critical.dropFirst(offset).prefix(2)
            let closedAt = now.addingTimeInterval(-Double(10 - offset) * 86400)
            for item in linked {
                try await ActionFeedbackLink(actionID: action.id!, feedbackID: item.id!).create(on: db)
                // Time runs forwards: linked a day or more after it arrived, answered a few days after that at
                // the earliest, and never later than now.
                item.actionLinkedAt = min(now, max(raisedAt, item.receivedAt.addingTimeInterval(86400)))
                if status.isClosed {
                    item.weDidAt = min(now, max(closedAt, item.receivedAt.addingTimeInterval(4 * 86400)))
                }
                try await item.save(on: db)
            }
            if status.isClosed {
                action.closedAt = closedAt
                try await action.save(on: db)
                try await LoopClosureNotices.queue(for: action, on: db, now: action.closedAt!)
            }
        }
    }
}

/// A small deterministic generator (SplitMix64) so the demo is the same on every machine.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ upperBound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(upperBound))
    }
}
