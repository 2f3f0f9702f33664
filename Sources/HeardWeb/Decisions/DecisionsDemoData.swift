import Fluent
import Foundation
import HeardDomain
import HeardStorage

/// Demo content for the decisions feature: initiatives at every stage, one heading for a decision while its
/// consultation is still open (its refused approval is in the audit log), and one place going quiet (Wakefield).
/// All fictional, written by the project.
enum DecisionsDemoData {
    static let actor = AuditActor.system("demo seed")

    static func seed(on db: any Database, today: SimpleDate) async throws {
        let places = try await Place.query(on: db).all()
        var placeByName: [String: Place] = [:]
        for place in places { placeByName[place.name] = place }
        try await seedPopulation(on: db, places: placeByName)

        // Regular in-person activity everywhere except Wakefield, which has gone quiet.
        for (index, name) in ["Bradford", "Calderdale", "Harrogate", "Kirklees", "Leeds"].enumerated() {
            guard let place = placeByName[name] else { continue }
            for round in 0..<4 {
                let activity = InvolvementActivity(
                    initiativeID: nil, placeID: place.id!, kind: round % 2 == 0 ? .communityMeeting : .stall,
                    title: round % 2 == 0 ? "Health and care drop-in, \(name)" : "Listening stall at \(name) market",
                    heldOn: today.adding(days: -(20 + index * 3 + round * 80)),
                    venue: round % 2 == 0 ? "Community centre, \(name)" : "\(name) market hall", stepFree: true,
                    hearingLoop: round % 2 == 0, attendees: 12 + index + round * 3,
                    notes: "Open conversation about local services.")
                try await activity.create(on: db)
            }
        }
        if let wakefield = placeByName["Wakefield"] {
            try await InvolvementActivity(
                initiativeID: nil, placeID: wakefield.id!, kind: .communityMeeting,
                title: "Carers' coffee morning, Wakefield", heldOn: today.adding(days: -200),
                venue: "St John's scout hut", stepFree: true, hearingLoop: true, attendees: 9,
                notes: "Carers told us about respite breaks."
            ).create(on: db)
        }

        func place(_ name: String) -> Place { placeByName[name] ?? places[0] }

        // 1. Idea
        _ = try await initiative(
            on: db, "Community pharmacy late opening", place: place("Leeds"), stage: .idea,
            what: "Keep two community pharmacies open until 10pm on weekdays.",
            why: "People leaving urgent care late at night cannot get their medicines.", target: today.adding(days: 300)
        )

        // 2. Involvement planned: a workshop is booked.
        let planned = try await initiative(
            on: db, "Self-referral to talking therapies online", place: place("Wakefield"),
            stage: .involvementPlanned, what: "Let people refer themselves to talking therapies through a web form.",
            why: "Waiting for a GP appointment to be referred adds weeks.", target: today.adding(days: 240))
        try await InvolvementActivity(
            initiativeID: planned.id, placeID: place("Wakefield").id!, kind: .workshop,
            title: "Design workshop with people who have used talking therapies", heldOn: today.adding(days: 21),
            venue: "Wakefield library", stepFree: true, hearingLoop: true, easyRead: true, attendees: 0
        ).create(on: db)

        // 3. Options developed, after two activities with people with lived experience.
        let options = try await initiative(
            on: db, "Overnight hours at the urgent treatment centre", place: place("Calderdale"),
            stage: .optionsDeveloped,
            what: "Change the overnight opening of the urgent treatment centre at Halifax Road.",
            why: "Few people use it between 2am and 7am and it is hard to staff.", target: today.adding(days: 200),
            members: 2)
        try await heldActivity(
            on: db, initiative: options, place: place("Calderdale"), title: "Evening meeting at Halifax scout hut",
            daysAgo: 70, attendees: 23,
            whatChanged: "Options now include keeping a nurse-led service overnight, which people asked for.",
            comments: [
                "If it shuts at night I have to get two buses to Huddersfield with a poorly child.",
                "A phone line is fine for advice but not for a cut that needs stitches.",
            ])

        let overnight = try await consultation(
            on: db, initiative: options, opens: today.adding(days: 14), closes: today.adding(days: 14 + 84))
        try await questions(on: db, overnight)
        // Drafted now, two weeks before it opens (Gunning G2).
        try await assessment(on: db, options, status: .draft, firstSavedOn: today)

        // 4. Consultation open, and a decision already sent for approval: refused (G1/G4).
        let stroke = try await initiative(
            on: db, "Stroke rehabilitation at home", place: place("Kirklees"), stage: .consultation,
            what: "Move most stroke rehabilitation from the ward to people's homes.",
            why: "People recover better at home with the right support.", target: today.adding(days: 100), members: 3)
        try await heldActivity(
            on: db, initiative: stroke, place: place("Kirklees"), title: "Stroke survivors' group workshop",
            daysAgo: 150, attendees: 14, whatChanged: "Added a carers' helpline to the proposal.",
            comments: ["My wife could not have coped at home without someone to ring."])
        let strokeConsultation = try await consultation(
            on: db, initiative: stroke, opens: today.adding(days: -30), closes: today.adding(days: 54))
        try await questions(on: db, strokeConsultation)
        try await consultationEvents(
            on: db, held: stroke, heldIn: place("Kirklees"), comingUp: options, comingUpIn: place("Calderdale"),
            today: today)
        try await responses(on: db, strokeConsultation, place: place("Kirklees"), count: 12, seed: 1, today: today)
        try await assessment(on: db, stroke, status: .draft, firstSavedOn: today.adding(days: -37))
        // The meeting is booked two weeks after the consultation closes, leaving time to analyse the responses
        // (a meeting before then is refused when the paper is saved); the paper is sent for approval too early.
        let strokeDecision = try await decision(
            on: db, stroke, meetingOn: today.adding(days: 54 + 14),
            title: "Commissioning stroke rehabilitation at home", quorate: nil)  // the meeting has not happened yet
        _ = try await DecisionApproval.attempt(
            strokeDecision, actor: AuditActor.system("demo seed (board secretary)"), on: db, today: today)

        // 5. Analysis: closed, themes found, one still without a response.
        let eye = try await initiative(
            on: db, "Moving the eye clinic", place: place("Harrogate"), stage: .analysis,
            what: "Move the eye clinic from the district hospital to the Ripon Road health centre.",
            why: "More room and easier parking.", target: today.adding(days: 60), members: 1)
        try await heldActivity(
            on: db, initiative: eye, place: place("Harrogate"), title: "Eye clinic patients' focus group", daysAgo: 220,
            attendees: 9, whatChanged: "Added a late clinic on Thursdays.", comments: [])
        let eyeConsultation = try await consultation(
            on: db, initiative: eye, opens: today.adding(days: -110), closes: today.adding(days: -20))
        try await questions(on: db, eyeConsultation)
        try await responses(on: db, eyeConsultation, place: place("Harrogate"), count: 26, seed: 2, today: today)
        try await theme(on: db, eyeConsultation, "Parking", 11, 4, "Ripon Road has free parking, which helps.", nil)
        try await theme(on: db, eyeConsultation, "Bus routes", 8, 5, "There is no direct bus from Knaresborough.", nil)
        try await assessment(on: db, eye, status: .draft, firstSavedOn: today.adding(days: -117))

        // 6–8. Decided, implementing, and under review: the full lawful path.
        for (title, name, stage, daysAgo) in [
            ("Midwife-led birth centre", "Leeds", InitiativeStage.decision, 40),
            ("Mental health crisis café", "Bradford", .implementation, 160),
            ("Patient transport eligibility", "Calderdale", .review, 400),
        ] {
            let item = try await initiative(
                on: db, title, place: place(name), stage: stage, what: "\(title): the proposal.",
                why: "What people told us, and what the service needs.", target: today.adding(days: -daysAgo + 30),
                members: 2)
            try await heldActivity(
                on: db, initiative: item, place: place(name), title: "Early listening event: \(title)",
                daysAgo: daysAgo + 150, attendees: 18, whatChanged: "Shaped the options put to consultation.",
                comments: ["Please ask people who do not speak English as well."])
            let c = try await consultation(
                on: db, initiative: item, opens: today.adding(days: -(daysAgo + 100)),
                closes: today.adding(days: -(daysAgo + 10)))
            try await questions(on: db, c)
            try await responses(on: db, c, place: place(name), count: 40, seed: daysAgo, today: today)
            try await theme(
                on: db, c, "Travel and access", 17, 4, "It is hard to get there without a car.",
                .proposalChanged, "We added free transport for people who cannot travel alone.")
            try await theme(
                on: db, c, "Opening hours", 9, 3, "Evenings matter for people who work.", .notAccepted,
                "We cannot staff evenings safely yet; we will review this in a year.")
            // Published two days after it closed, so the meeting could consider it (Gunning G4).
            c.analysisPublishedAt = Date().addingTimeInterval(-Double(daysAgo + 8) * 86_400)
            c.outcomeSummary = "Most people supported the change but worried about travel; we changed the proposal."
            try await c.save(on: db)
            // Signed off after the consultation closed and its analysis was read, before the meeting.
            try await assessment(
                on: db, item, status: .signedOff, firstSavedOn: today.adding(days: -(daysAgo + 107)),
                signedOffOn: today.adding(days: -(daysAgo + 7)), today: today)
            // A substantial variation: the council's scrutiny committee considered it before the meeting (s244).
            item.scrutinyConsultedOn = today.adding(days: -(daysAgo + 5)).iso
            item.scrutinyResponse =
                "The committee supported the change and asked for a report on travel and access after a year."
            try await item.save(on: db)
            let d = try await decision(
                on: db, item, meetingOn: today.adding(days: -daysAgo), title: "Decision: \(title)", quorate: true)
            _ = try await DecisionApproval.attempt(
                d, actor: AuditActor.system("demo seed (board secretary)"), on: db, today: today)
            // Approved the day after its meeting, not on the day the demo was seeded.
            d.approvedAt = Date().addingTimeInterval(-Double(daysAgo - 1) * 86_400)
            try await d.save(on: db)
        }
    }

    /// Consultation events: one held while the stroke consultation is open (listed under "Events held" on its
    /// page), and one in the overnight consultation still to come, with limited places and two sign-ups from the
    /// public, one asking for an interpreter.
    static func consultationEvents(
        on db: any Database, held initiative: Initiative, heldIn place: Place, comingUp: Initiative,
        comingUpIn comingUpPlace: Place, today: SimpleDate
    ) async throws {
        let held = InvolvementActivity(
            initiativeID: initiative.id, placeID: place.id!, kind: .publicEvent,
            title: "Stroke rehabilitation at home: drop-in", heldOn: today.adding(days: -10),
            venue: "Dewsbury town hall", stepFree: true, hearingLoop: true, attendees: 23,
            notes: "People asked how therapists would reach rural homes.")
        held.startTime = "14:00"
        held.endTime = "16:00"
        held.outcome = .held
        try await held.create(on: db)
        let evening = InvolvementActivity(
            initiativeID: comingUp.id, placeID: comingUpPlace.id!, kind: .communityMeeting,
            title: "Overnight urgent care: evening meeting", heldOn: today.adding(days: 28),
            venue: "Halifax Road community centre", stepFree: true, hearingLoop: true, attendees: 0)
        evening.startTime = "18:00"
        evening.endTime = "20:00"
        evening.capacity = 30
        try await evening.create(on: db)
        try await ActivitySignup(
            activityID: evening.id!, name: "Peter Clarke", email: "peter.clarke@example.org", phone: nil, people: 2,
            accessNeeds: "My wife uses a wheelchair.", submitterHash: nil
        ).create(on: db)
        try await ActivitySignup(
            activityID: evening.id!, name: "Aisha Begum", email: nil, phone: "07700 900 123", people: 1,
            accessNeeds: "A British Sign Language interpreter, please.", submitterHash: nil
        ).create(on: db)
    }

    static func seedPopulation(on db: any Database, places: [String: Place]) async throws {
        let rows = (try? PopulationCSV.parse(CensusFigures.csv)) ?? []
        for row in rows {
            guard let place = places[row.place] else { continue }
            try await PopulationFigure(
                placeID: place.id!, characteristic: row.characteristic, category: row.category, percent: row.percent,
                source: CensusFigures.source
            ).create(on: db)
        }
    }

    static func initiative(
        on db: any Database, _ title: String, place: Place, stage: InitiativeStage, what: String, why: String,
        target: SimpleDate, members: Int = 0
    ) async throws -> Initiative {
        let item = Initiative(
            title: title, what: what, why: why, placeIDs: [place.id!], affectsServices: true,
            substantialVariation: stage >= .consultation, decisionBody: "Pennine Vale Integrated Care Board",
            targetDate: target, stage: stage, livedExperienceMembers: members)
        try await item.create(on: db)
        try await AuditLog.record(
            on: db, actor: actor, action: "initiative.created", objectType: "initiative", objectID: item.id?.uuidString,
            summary: "Added initiative \(title)")
        return item
    }

    static func heldActivity(
        on db: any Database, initiative: Initiative, place: Place, title: String, daysAgo: Int, attendees: Int,
        whatChanged: String, comments: [String]
    ) async throws {
        let today = DecisionClock.system.today()
        let activity = InvolvementActivity(
            initiativeID: initiative.id, placeID: place.id!, kind: .communityMeeting, title: title,
            heldOn: today.adding(days: -daysAgo), venue: "Community venue, \(place.name)", stepFree: true,
            hearingLoop: true, interpreters: true, attendees: attendees,
            notes: "People who use the service and carers.",
            whatChanged: whatChanged)
        try await activity.create(on: db)
        // Most people filled in the optional monitoring form.
        let ages = ["25-34", "35-44", "45-54", "55-64", "65-74", "75+", "65-74", "75+"]
        for person in 0..<(attendees * 4 / 5) {
            let answers = ["age_band": ages[person % ages.count], "sex": person % 3 == 0 ? "male" : "female"]
            try await EqualityResponse(
                contextType: "activity", contextID: activity.id!, placeID: place.id,
                answers: EqualityAnswers.encode(answers)!
            ).create(on: db)
        }
        for text in comments {
            let analysis = DecisionText.analyse(text, engine: ListeningEngine(model: nil))
            try await ActivityComment(
                activityID: activity.id!, text: text, redactedText: analysis.redacted, wasRedacted: analysis.wasRedacted
            ).create(on: db)
        }
    }

    static func consultation(
        on db: any Database, initiative: Initiative, opens: SimpleDate, closes: SimpleDate
    ) async throws -> Consultation {
        let c = Consultation(
            initiativeID: initiative.id!, title: initiative.title, background: initiative.what + " " + initiative.why,
            options: "Option A: make the change as proposed.\nOption B: make the change with extra support for travel.",
            discardedAlternatives:
                "We set aside keeping things as they are. The service cannot be staffed safely as it is.",
            reasons: initiative.why, opensOn: opens, closesOn: closes,
            formats: ["online", "paper", "easy_read", "events"])
        try await c.create(on: db)
        return c
    }

    static func questions(on db: any Database, _ c: Consultation) async throws {
        try await SurveyQuestion(
            consultationID: c.id!, position: 1, kind: .preferredOption, text: "Which option do you prefer, and why?",
            choices: PackOptions.choices(c.options)
        ).create(on: db)
        try await SurveyQuestion(
            consultationID: c.id!, position: 2, kind: .scale, text: "How easy would it be for you to get there?",
            choices: ["Very difficult", "Very easy"]
        ).create(on: db)
        // Left in so the checker has something to show on the demo's checklist.
        try await SurveyQuestion(
            consultationID: c.id!, position: 3, kind: .freeText, text: "What do you want from the ICB's new service?",
            choices: []
        ).create(on: db)
    }

    static func responses(
        on db: any Database, _ c: Consultation, place: Place, count: Int, seed: Int, today: SimpleDate
    ) async throws {
        let questions = try await SurveyQuestion.query(on: db).filter(\.$consultation.$id == c.id!).sort(\.$position)
            .all()
        let campaign = "Keep our local service open. Do not move it further away from the people who need it."
        let ethnic = ["white", "white", "white", "white", "asian", "white", "mixed", "white"]
        let ages = ["25-34", "35-44", "45-54", "55-64", "65-74", "75+", "55-64", "65-74"]
        let openings = [
            "I would need help with transport on some days.", "The bus from our estate only runs twice a day.",
            "My mum is ninety and cannot drive any more.",
            "Evening appointments would make a big difference to me.",
            "I worry the waiting list will get longer.",
            "Parking at the hospital costs too much for regular visits.",
            "The staff were kind when my husband was there.",
        ]
        let endings = [
            "Please think about carers who work.", "Letters should come in other languages too.",
            "A phone number that someone answers would help.",
            "I support the change if the support is really there.",
            "Nobody asked us before, so thank you for asking now.",
        ]
        let texts = (0..<count).map { index in
            index % 5 == 0
                ? campaign
                : openings[(index * 3 + seed) % openings.count] + " " + endings[(index + seed) % endings.count]
        }
        let repeated = Set(Dictionary(grouping: texts, by: { $0 }).filter { $0.value.count > 1 }.keys)
        // About a third also answer the question in their own words.
        let wants = [
            "Appointments close to home, and someone to ring when things go wrong.",
            "Nurses who have time to explain what is happening.",
            "Help to get there for people without a car.",
            "Information in plain English and in community languages.",
        ]
        var ownWordsGiven = 0
        for index in 0..<count {
            let n = index + seed
            let text = texts[index]
            var answers = [
                questions[0].id!.uuidString: questions[0].choiceList[n % 3 == 0 ? 0 : 1] + "\n" + text,
                questions[1].id!.uuidString: String(n % 5 + 1),
            ]
            // Only with a text no one else sent, each answer once: added to a repeated text, or the same answer
            // to two texts, it would make near-identical responses that are not a campaign.
            var allText = text
            if questions.count > 2, n % 3 == 1, !repeated.contains(text), ownWordsGiven < wants.count {
                let own = wants[ownWordsGiven]
                ownWordsGiven += 1
                answers[questions[2].id!.uuidString] = own
                allText += "\n\n" + own
            }
            let response = SurveyResponse(
                consultationID: c.id!, channel: index % 4 == 0 ? "paper" : "online", placeID: place.id,
                answers: answers, redactedText: allText, submissionKey: "demo-\(seed)-\(index)",
                contactEmail: index % 6 == 0 ? "respondent\(index)@example.org" : nil)
            // Two in each consultation speak for a local group, as carers' groups and patient participation
            // groups often do: counted once each, and named on the outcome.
            if index == 3 || index == 8 {
                response.respondingAs = OnBehalfOf.organisation
                response.onBehalfOf =
                    index == 3 ? "\(place.name) Carers Network" : "\(place.name) Patient Participation Group"
            }
            try await response.create(on: db)
            // Sent while the consultation was open, spread over it (creating stamps today, which put a response
            // to a consultation closed a year ago on today's date in the personal-data search).
            try await SurveyResponse.query(on: db).filter(\.$id == response.id!)
                .set(\.$createdAt, to: sentDate(index, of: count, in: c, today: today)).update()
            let equality = [
                "ethnic_group": ethnic[n % ethnic.count], "age_band": ages[n % ages.count],
                "sex": n % 3 == 0 ? "male" : "female",
            ]
            try await EqualityResponse(
                contextType: "consultation", contextID: c.id!, placeID: place.id,
                answers: EqualityAnswers.encode(equality)!
            ).create(on: db)
        }
    }

    /// The `index`th of `count` responses' time, spread evenly from the consultation's opening day to its
    /// closing day or today, whichever is first, at midday UK time.
    static func sentDate(_ index: Int, of count: Int, in c: Consultation, today: SimpleDate) -> Date {
        let opens = SimpleDate(iso: c.opensOn) ?? today
        let last = min(SimpleDate(iso: c.closesOn) ?? today, today)
        let span = max(0, opens.days(until: last))
        let day = opens.adding(days: count <= 1 ? 0 : span * index / (count - 1))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London") ?? .gmt
        let components = DateComponents(year: day.year, month: day.month, day: day.day, hour: 12)
        return calendar.date(from: components) ?? Date()
    }

    static func theme(
        on db: any Database, _ c: Consultation, _ name: String, _ mentions: Int, _ sentiment: Int, _ quote: String,
        _ kind: ThemeResponseKind?, _ reason: String = ""
    ) async throws {
        try await ConsultationTheme(
            consultationID: c.id!, name: name, summary: "People talked about \(name.lowercased()).", mentions: mentions,
            sentiment: sentiment, quote: quote, responseKind: kind, responseReason: reason,
            // Written into the paper once the consultation closed, before any meeting considered it.
            respondedOn: kind == nil ? nil : c.closes
        ).create(on: db)
    }

    static func assessment(
        on db: any Database, _ initiative: Initiative, status: EIAStatus, firstSavedOn: SimpleDate,
        signedOffOn: SimpleDate? = nil, today: SimpleDate? = nil
    ) async throws {
        var entries: [String: EqualityAssessment.Entry] = [:]
        for c in EqualityAssessmentController.characteristics {
            entries[c.rawValue] = .init(
                evidence: "Local Census 2021 figures and service data.",
                engagement: "Consultation and listening events.", impact: "neutral", mitigations: "", actions: "")
        }
        entries[MonitoringCharacteristic.disability.rawValue]?.impact = "negative"
        entries[MonitoringCharacteristic.disability.rawValue]?.mitigations =
            "Free transport for people who cannot travel alone."
        let a = EqualityAssessment(
            initiativeID: initiative.id!, whoAffected: "People who use the service, their carers and staff.",
            entries: entries, status: status)
        // A draft is in the pack a week before each consultation opens, as G2 asks.
        a.firstSavedOn = firstSavedOn.iso
        if status == .signedOff {
            let today = today ?? DecisionClock.system.today()
            let signed = signedOffOn ?? today.adding(days: -60)
            a.signedOffBy = "Director of Nursing"
            a.signedOffOn = signed.iso
            // Reviewed a year after sign-off, or soon when that year has passed.
            a.reviewOn = max(signed.adding(days: 365), today.adding(days: 30)).iso
        }
        try await a.create(on: db)
    }

    /// The board that takes the demo's service-change decisions (`BoardsDemoData` lists its members).
    static let icbBoard = "Pennine Vale Integrated Care Board"

    static func decision(
        on db: any Database, _ initiative: Initiative, meetingOn: SimpleDate, title: String, quorate: Bool?
    ) async throws -> Decision {
        let d = Decision(
            initiativeID: initiative.id!, title: title, meeting: icbBoard + " meeting in public",
            meetingOn: meetingOn,
            // Named, so the board's register of interests and quorum are checked; Councillor Mark Hughes, whose
            // council role is on the register, sent apologies.
            membersPresent:
                "Sir Richard Hale; Dr Ayesha Rahman; Martin Cole; Dr Fiona Grant; Janet Osei; Peter Lindqvist; Ruth Adeyemi; Bev Thornton",
            declarations: "None declared.",
            outcome: "Approved Option B, with the changes listed in the theme responses.", quorate: quorate)
        try await d.create(on: db)
        return d
    }
}
