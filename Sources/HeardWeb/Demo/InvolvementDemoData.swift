import Fluent
import Foundation
import HeardDomain
import HeardStorage

/// The demo panel member's involvement: ideas (one taken forward and credited on the pharmacy initiative, one
/// not taken forward with the reason, one waiting) and invitations (one waiting for a reply, one to an activity
/// she took part in, with what changed and her expenses claim waiting for a decision, and one earlier activity
/// whose claim, with the involvement payment, has been paid).
enum InvolvementDemoData {
    static func seed(on db: any Database, today: SimpleDate) async throws {
        guard let author = try await User.query(on: db).filter(\.$role == .involvedPerson).first() else { return }
        let pharmacy = try await Initiative.query(on: db).filter(\.$title == "Community pharmacy late opening").first()
        let takenForward = Idea(
            authorID: author.id!, title: "Late-night pharmacy after urgent care",
            details:
                "When my son was seen at urgent care at 9pm, there was nowhere open to get his antibiotics until the morning. One pharmacy near the urgent treatment centre open late would fix this.",
            creditName: author.displayName, creditPublicly: true)
        takenForward.status = .takenForward
        takenForward.response =
            "Thank you. We are looking at keeping two community pharmacies open until 10pm; your experience is part of the case for it, and you will be invited to the listening events."
        takenForward.$initiative.id = pharmacy?.id
        takenForward.respondedAt = Date().addingTimeInterval(-20 * 86_400)
        takenForward.respondedBy = "Ben Okafor"
        let declined = Idea(
            authorID: author.id!, title: "Free parking for carers at the hospital",
            details:
                "Carers visiting every day pay more than £40 a week to park. Free parking would let us keep visiting.",
            creditName: "Farah B.", creditPublicly: false)
        declined.status = .notTakenForward
        declined.response =
            "Carers of in-patients can already get a free weekly permit from the ward; we have asked the wards to tell every carer about it, and added it to the visitors' leaflet."
        declined.respondedAt = Date().addingTimeInterval(-5 * 86_400)
        declined.respondedBy = "Ben Okafor"
        let waiting = Idea(
            authorID: author.id!, title: "Easy-read appointment letters",
            details:
                "My brother has a learning disability and cannot read the appointment letters. Easy-read versions with pictures would help him come on his own.",
            creditName: author.displayName, creditPublicly: true)
        // Put forward before they were answered: the creation timestamp is set on create, so it is moved back
        // afterwards.
        for (idea, daysAgo) in [(takenForward, 45.0), (declined, 12.0), (waiting, 3.0)] {
            try await idea.create(on: db)
            idea.createdAt = Date().addingTimeInterval(-daysAgo * 86_400)
            try await idea.save(on: db)
        }

        let activities = try await InvolvementActivity.query(on: db).all()
        if let upcoming = activities.filter({ $0.date > today }).min(by: { $0.heldOn < $1.heldOn }) {
            try await Invitation(activityID: upcoming.id!, userID: author.id!).create(on: db)
            // Someone without an account, invited by e-mail, who has replied through their private link. The
            // link itself is not kept (only its hash), so the demo cannot show it.
            let guest = Invitation(
                activityID: upcoming.id!, guestName: "Gloria Mensah", guestEmail: "gloria.mensah@example.org",
                guestContact: "Text message first, please", replyTokenHash: SecretToken.hash(SecretToken.make()))
            guest.status = .accepted
            guest.accessNeeds = "A British Sign Language interpreter."
            guest.repliedAt = Date().addingTimeInterval(-2 * 86_400)
            try await guest.create(on: db)
        }
        // The moment `day` is as many days before now as it is before `today`, so a claim's dates read in order.
        func instant(_ day: SimpleDate) -> Date {
            Date().addingTimeInterval(-Double(today.dayNumber - day.dayNumber) * 86_400)
        }
        if let past = activities.filter({ $0.date < today && !$0.whatChanged.isEmpty && !$0.isCancelled }).max(by: {
            $0.heldOn < $1.heldOn
        }) {
            let invitation = Invitation(activityID: past.id!, userID: author.id!)
            // What she needed (a quiet room) was cleared the day after, as it is for everyone.
            invitation.status = .accepted
            invitation.attended = true
            invitation.repliedAt = Date().addingTimeInterval(-30 * 86_400)
            try await invitation.create(on: db)
            // Claimed the day after it, or today if it was yesterday: within the time to claim.
            try await claim(
                invitation, by: author,
                lines: [
                    ExpenseLine(kind: .publicTransport, pence: 640, note: "Bus there and back"),
                    ExpenseLine(kind: .parking, pence: 350),
                ], claimedAt: instant(min(past.date.adding(days: 1), today)), on: db)
            // An earlier one, paid: mileage and the involvement payment the activity offered.
            if let earlier = activities.filter({ $0.date < past.date && !$0.isCancelled }).max(by: {
                $0.heldOn < $1.heldOn
            }) {
                earlier.paymentPence = 2500
                try await earlier.save(on: db)
                let invitation = Invitation(activityID: earlier.id!, userID: author.id!)
                invitation.status = .accepted
                invitation.attended = true
                try await invitation.create(on: db)
                // Claimed two days after it, approved four days later, paid a week after that: each no later
                // than today, so claimed ≤ approved ≤ paid, and the claim is inside its three months.
                let claimed = min(earlier.date.adding(days: 2), today)
                let approved = min(claimed.adding(days: 4), today)
                let paidOn = min(approved.adding(days: 7), today)
                let paid = try await claim(
                    invitation, by: author,
                    lines: [
                        ExpenseLine(kind: .mileage, pence: 630, tenthsOfMile: 140, note: "Home to the venue and back")
                    ],
                    payment: 2500, claimedAt: instant(claimed), on: db)
                let officer = try await User.query(on: db).filter(\.$role == .engagementOfficer).first()
                paid.status = .paid
                paid.$decidedBy.id = officer?.id
                paid.decidedAt = instant(approved)
                paid.paidOn = paidOn.iso
                try await paid.save(on: db)
            }
        }
    }

    @discardableResult
    static func claim(
        _ invitation: Invitation, by author: User, lines: [ExpenseLine], payment: Int? = nil, claimedAt: Date,
        on db: any Database
    ) async throws -> ExpenseClaim {
        let claim = ExpenseRules.Claim(lines: lines, paymentPence: payment, wantsPayment: payment.map { _ in true })
        let record = ExpenseClaim(id: UUID(), invitationID: invitation.id!, userID: author.id!, claim: claim)
        try await record.create(on: db)
        // The creation time is set on create, so it is moved back afterwards.
        record.createdAt = claimedAt
        try await record.save(on: db)
        for (position, line) in lines.enumerated() {
            try await ExpenseClaimLine(claimID: record.id!, position: position, line: line).create(on: db)
        }
        return record
    }
}
