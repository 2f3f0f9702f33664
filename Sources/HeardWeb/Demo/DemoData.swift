import Fluent
import Foundation
import HeardDomain
import HeardStorage

/// A fictional integrated care system for trying Heard out: six real place names, made-up organisations,
/// services and people. Written by the project; it reads nothing from outside the repository.
public enum DemoData {
    public static let places = ["Bradford", "Calderdale", "Harrogate", "Kirklees", "Leeds", "Wakefield"]

    struct DemoOrganisation {
        var name: String
        var kind: OrganisationKind
        var ods: String?
    }

    static let organisations: [DemoOrganisation] = [
        .init(name: "Pennine Vale Integrated Care Board", kind: .integratedCareBoard, ods: "QZZ"),
        .init(name: "Riverside Valley Hospitals NHS Foundation Trust", kind: .trust, ods: "RZ1"),
        .init(name: "Moorland Community and Mental Health NHS Trust", kind: .trust, ods: "RZ2"),
        .init(name: "Northern Dales Ambulance Service NHS Trust", kind: .trust, ods: "RZ3"),
        .init(name: "Pennine Vale Borough Council", kind: .council, ods: nil),
        .init(name: "Healthwatch Pennine Vale", kind: .healthwatch, ods: nil),
        .init(name: "Millbrook Surgery", kind: .gpPractice, ods: "Z00001"),
        .init(name: "Canal Side Medical Practice", kind: .gpPractice, ods: "Z00002"),
        .init(name: "Calder Primary Care Network", kind: .primaryCareNetwork, ods: nil),
    ]

    /// (service, organisation index, place, summary)
    public static var serviceCount: Int { services.count }

    static let services: [(String, Int, String, String)] = [
        (
            "Emergency department, Riverside General Hospital", 1, "Leeds",
            "Open all day, every day, for serious injuries and illness."
        ),
        ("Maternity unit, Riverside General Hospital", 1, "Leeds", "Antenatal care, birth and care after birth."),
        ("Outpatient clinics, Riverside General Hospital", 1, "Leeds", "Appointments with hospital specialists."),
        (
            "Urgent treatment centre, Halifax Road", 1, "Calderdale",
            "Minor injuries and illnesses, no appointment needed."
        ),
        (
            "Children's ward, Calder Royal Infirmary", 1, "Calderdale",
            "Care for children and young people staying in hospital."
        ),
        ("Eye clinic, Harrogate District Hospital", 1, "Harrogate", "Eye tests, cataract care and follow-up."),
        ("Community nursing, Kirklees", 2, "Kirklees", "Nurses who visit people at home."),
        ("Adult mental health crisis team", 2, "Bradford", "Help within hours for people in a mental health crisis."),
        ("Talking therapies, Wakefield", 2, "Wakefield", "Talking treatments for anxiety and depression."),
        ("Memory assessment service", 2, "Harrogate", "Assessment and support for people worried about their memory."),
        (
            "Children and young people's mental health service", 2, "Kirklees",
            "Support for under-18s and their families."
        ),
        (
            "Patient transport service", 3, "Wakefield",
            "Transport to hospital appointments for people who cannot travel alone."
        ),
        ("NHS 111 and urgent care line", 3, "Bradford", "Advice by phone and online when it is not an emergency."),
        ("Emergency ambulance service", 3, "Calderdale", "999 ambulances across the area."),
        ("Adult social care assessments", 4, "Bradford", "Assessments for care and support at home."),
        ("Carers' support service", 4, "Wakefield", "Help and breaks for unpaid carers."),
        ("Reablement at home", 4, "Leeds", "Short-term support to get back on your feet after hospital."),
        ("Millbrook Surgery GP appointments", 6, "Kirklees", "Appointments with GPs, nurses and other practice staff."),
        (
            "Canal Side Medical Practice GP appointments", 7, "Calderdale",
            "Appointments with GPs, nurses and other practice staff."
        ),
        (
            "Social prescribing, Calder Primary Care Network", 8, "Calderdale",
            "Link workers who connect people to local groups and support."
        ),
        (
            "Healthwatch information and signposting", 5, "Harrogate",
            "Independent help to find and use health and care services."
        ),
    ]

    public struct Account: Sendable {
        public var email: String
        public var name: String
        public var role: Role
        public var password: String
    }

    public static let accounts: [Account] = [
        .init(
            email: "admin@demo.heard.test", name: "Asha Patel", role: .administrator,
            password: "demo-administrator-pass"),
        .init(
            email: "engagement@demo.heard.test", name: "Ben Okafor", role: .engagementOfficer,
            password: "demo-engagement-pass"),
        .init(
            email: "complaints@demo.heard.test", name: "Chloe Wright", role: .complaintsHandler,
            password: "demo-complaints-pass"),
        .init(
            email: "moderator@demo.heard.test", name: "Dev Sharma", role: .moderator, password: "demo-moderator-pass"),
        .init(
            email: "secretary@demo.heard.test", name: "Eleanor Hughes", role: .boardSecretary,
            password: "demo-secretary-pass"),
        .init(
            email: "panel@demo.heard.test", name: "Farah Begum", role: .involvedPerson, password: "demo-involved-pass"),
    ]

    /// Seeds the demo when the database has no organisations and no accounts. Returns whether it seeded.
    @discardableResult
    public static func seedIfEmpty(
        on db: any Database, hashPassword: @Sendable (String) throws -> String, engine: ListeningEngine? = nil
    ) async throws -> Bool {
        let organisations = try await Organisation.query(on: db).count()
        let users = try await User.query(on: db).count()
        let isEmpty = organisations == 0 && users == 0
        guard isEmpty else { return false }
        let hashes = try accounts.map { try hashPassword($0.password) }
        let engine = engine ?? ListeningEngine(model: nil, problem: "demo without a model")
        try await db.writeTransaction { db in
            try await seed(on: db, passwordHashes: hashes)
            try await FeedbackDemoData.seed(on: db, engine: engine)
            try await FFTDemoData.seed(on: db, engine: engine)
        }
        return true
    }

    static func seed(on db: any Database, passwordHashes: [String]) async throws {
        let actor = AuditActor.system("demo seed")
        var placeIDs: [String: UUID] = [:]
        for name in places {
            let place = Place(name: name, slug: Slug.make(name))
            try await place.create(on: db)
            placeIDs[name] = place.id
            try await AuditLog.record(
                on: db, actor: actor, action: "place.created", objectType: "place", objectID: place.id?.uuidString,
                summary: "Added place \(name)", changes: [FieldChange("name", from: nil, to: name)])
        }
        var organisationIDs: [UUID] = []
        for item in organisations {
            let org = Organisation(name: item.name, kind: item.kind, odsCode: item.ods)
            try await org.create(on: db)
            organisationIDs.append(org.id!)
            try await AuditLog.record(
                on: db, actor: actor, action: "organisation.created", objectType: "organisation",
                objectID: org.id?.uuidString, summary: "Added organisation \(item.name)",
                changes: [
                    FieldChange("name", from: nil, to: item.name),
                    FieldChange("kind", from: nil, to: item.kind.rawValue),
                ])
        }
        for (name, organisation, place, summary) in services {
            let service = Service(
                name: name, summary: summary, organisationID: organisationIDs[organisation], placeID: placeIDs[place]!)
            try await service.create(on: db)
            try await AuditLog.record(
                on: db, actor: actor, action: "service.created", objectType: "service",
                objectID: service.id?.uuidString,
                summary: "Added service \(name)", changes: [FieldChange("name", from: nil, to: name)])
        }
        for (account, hash) in zip(accounts, passwordHashes) {
            let user = User(
                email: account.email, displayName: account.name, role: account.role, passwordHash: hash,
                organisationID: account.role == .involvedPerson ? nil : organisationIDs[0])
            try await user.create(on: db)
            try await AuditLog.record(
                on: db, actor: actor, action: "user.created", objectType: "user", objectID: user.id?.uuidString,
                summary: "Added \(account.name) as \(account.role.title)",
                changes: [
                    FieldChange("email", from: nil, to: account.email),
                    FieldChange("role", from: nil, to: account.role.rawValue),
                ])
        }
        try await DecisionsDemoData.seed(on: db, today: DecisionClock.system.today())
        try await BoardsDemoData.seed(on: db, today: DecisionClock.system.today())
        try await MeetingsDemoData.seed(on: db, today: DecisionClock.system.today())
        try await InvolvementDemoData.seed(on: db, today: DecisionClock.system.today())
        try await IndicatorsDemoData.seed(on: db, today: DecisionClock.system.today())
    }

    /// Demo only: the accounts and their passwords, so a newcomer can sign in at once.
    public static func printAccounts(publicURL: String) {
        var lines = ["", "Demo data created. Sign in at \(publicURL)/sign-in with any of these demo accounts:"]
        for account in accounts {
            lines.append(
                "  \(account.role.title.padding(toLength: 20, withPad: " ", startingAt: 0)) \(account.email)  password: \(account.password)"
            )
        }
        lines.append("These passwords are for the demo only.")
        // Written at once: `print` is block-buffered when the output is a pipe or a log file.
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
