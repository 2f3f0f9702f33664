import Fluent
import Foundation
import HeardDomain
import HeardStorage

/// Three demo boards: a place committee with hardly any lived experience, a GP member's declared interest, one
/// annual declaration overdue and a new member yet to declare; a patient and carer panel; and the integrated care
/// board that takes the demo's service-change decisions, whose only voting member with lived experience is one of
/// nine.
enum BoardsDemoData {
    struct DemoMember {
        var name: String
        var role: String
        var votes: Bool
        var livedExperience: Bool
        var appointedDaysAgo: Int
        /// (kind, details, days ago)
        var declarations: [(InterestKind, String, Int)]
    }

    static let boards: [(name: String, purpose: String, members: [DemoMember])] = [
        (
            "Leeds Place Committee",
            "Decides how NHS money for Leeds services is spent, under the integrated care board's delegation.",
            [
                DemoMember(
                    name: "Professor Helen Marsh", role: "Chair", votes: true, livedExperience: false,
                    appointedDaysAgo: 900,
                    declarations: [(.professional, "Trustee, Leeds Teaching Hospitals Charity", 200)]),
                DemoMember(
                    name: "Dr Amir Khan", role: "GP member", votes: true, livedExperience: false, appointedDaysAgo: 700,
                    declarations: [
                        (
                            .financial, "GP partner, Chapeltown Surgery, which holds a primary care contract in Leeds",
                            150
                        )
                    ]),
                DemoMember(
                    name: "Sarah Whitaker", role: "Director of nursing", votes: true, livedExperience: false,
                    appointedDaysAgo: 600, declarations: [(.none, "", 120)]),
                DemoMember(
                    name: "David Okafor", role: "Lay member", votes: true, livedExperience: false,
                    appointedDaysAgo: 800,
                    declarations: [(.none, "", 430)]),
                DemoMember(
                    name: "Margaret Ellis", role: "Patient and carer representative", votes: true,
                    livedExperience: true,
                    appointedDaysAgo: 500, declarations: [(.none, "", 90)]),
                DemoMember(
                    name: "Tom Brennan", role: "Director of finance", votes: true, livedExperience: false,
                    appointedDaysAgo: 40, declarations: []),
            ]
        ),
        (
            "Patient and Carer Panel",
            "Advises the place committee before it decides; its members speak from their own experience of local services.",
            [
                DemoMember(
                    name: "Farah Begum", role: "Panel member", votes: true, livedExperience: true,
                    appointedDaysAgo: 300,
                    declarations: [(.none, "", 290)]),
                DemoMember(
                    name: "Ian Roberts", role: "Carer member", votes: true, livedExperience: true,
                    appointedDaysAgo: 250,
                    declarations: [(.none, "", 240)]),
                DemoMember(
                    name: "Grace Mensah", role: "Peer leader", votes: true, livedExperience: true,
                    appointedDaysAgo: 200,
                    declarations: [(.personal, "Volunteer trustee, Leeds sickle cell support group", 190)]),
                DemoMember(
                    name: "Jo Atkinson", role: "Engagement officer (supports the panel)", votes: false,
                    livedExperience: false, appointedDaysAgo: 300, declarations: [(.none, "", 280)]),
            ]
        ),
        (
            DecisionsDemoData.icbBoard,
            "Decides the integrated care system's strategy and the service changes consulted on across Pennine Vale.",
            [
                DemoMember(
                    name: "Sir Richard Hale", role: "Chair", votes: true, livedExperience: false,
                    appointedDaysAgo: 1400, declarations: [(.none, "", 100)]),
                DemoMember(
                    name: "Dr Ayesha Rahman", role: "Chief executive", votes: true, livedExperience: false,
                    appointedDaysAgo: 1300, declarations: [(.none, "", 100)]),
                DemoMember(
                    name: "Martin Cole", role: "Director of finance", votes: true, livedExperience: false,
                    appointedDaysAgo: 1200, declarations: [(.none, "", 100)]),
                DemoMember(
                    name: "Dr Fiona Grant", role: "Medical director", votes: true, livedExperience: false,
                    appointedDaysAgo: 1100, declarations: [(.none, "", 100)]),
                DemoMember(
                    name: "Janet Osei", role: "Director of nursing", votes: true, livedExperience: false,
                    appointedDaysAgo: 1000, declarations: [(.none, "", 100)]),
                DemoMember(
                    name: "Peter Lindqvist", role: "Non-executive member (audit)", votes: true,
                    livedExperience: false, appointedDaysAgo: 1250, declarations: [(.none, "", 100)]),
                DemoMember(
                    name: "Ruth Adeyemi", role: "Non-executive member (quality); a carer for her son",
                    votes: true, livedExperience: true, appointedDaysAgo: 900, declarations: [(.none, "", 100)]),
                DemoMember(
                    name: "Councillor Mark Hughes", role: "Partner member (local authorities)", votes: true,
                    livedExperience: false, appointedDaysAgo: 800,
                    declarations: [(.professional, "Cabinet member for adult social care, Calderdale Council", 100)]),
                DemoMember(
                    name: "Dr Sunil Varma", role: "Partner member (primary care)", votes: true,
                    livedExperience: false, appointedDaysAgo: 1150, declarations: [(.none, "", 100)]),
                DemoMember(
                    name: "Bev Thornton", role: "Healthwatch Pennine Vale (participant, no vote)", votes: false,
                    livedExperience: true, appointedDaysAgo: 1000, declarations: [(.none, "", 100)]),
            ]
        ),
    ]

    /// The integrated care board's quorum: half its voting members, rounded up, as constitutions commonly set.
    static let icbQuorum = 5

    static func seed(on db: any Database, today: SimpleDate) async throws {
        let actor = AuditActor.system("demo seed")
        for demo in boards {
            let board = Board(name: demo.name, purpose: demo.purpose)
            if demo.name == DecisionsDemoData.icbBoard { board.quorum = icbQuorum }
            try await board.create(on: db)
            try await AuditLog.record(
                on: db, actor: actor, action: "board.created", objectType: "board", objectID: board.id?.uuidString,
                summary: "Added board \(demo.name)")
            for person in demo.members {
                let member = BoardMember(
                    boardID: board.id!, name: person.name, role: person.role, votes: person.votes,
                    livedExperience: person.livedExperience, appointedOn: today.adding(days: -person.appointedDaysAgo))
                // The demo panel member signs in as Farah Begum: her membership is on her own page.
                member.$account.id = try await User.query(on: db).filter(\.$displayName == person.name).first()?.id
                try await member.create(on: db)
                for (kind, details, daysAgo) in person.declarations {
                    try await InterestDeclaration(
                        memberID: member.id!, kind: kind, details: details, declaredOn: today.adding(days: -daysAgo),
                        endedOn: nil, recordedByID: nil
                    ).create(on: db)
                }
            }
        }
    }
}
