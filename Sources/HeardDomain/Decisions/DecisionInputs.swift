/// The fields of an initiative as typed, checked before saving.
public struct InitiativeInput: Equatable, Sendable {
    public var title = ""
    public var what = ""
    public var why = ""
    public var affectsServices = ""
    public var substantialVariation = ""
    public var decisionBody = ""
    public var targetDate = ""
    public var livedExperienceMembers = "0"

    public init(
        title: String = "", what: String = "", why: String = "", affectsServices: String = "",
        substantialVariation: String = "", decisionBody: String = "", targetDate: String = "",
        livedExperienceMembers: String = "0"
    ) {
        self.title = title
        self.what = what
        self.why = why
        self.affectsServices = affectsServices
        self.substantialVariation = substantialVariation
        self.decisionBody = decisionBody
        self.targetDate = targetDate
        self.livedExperienceMembers = livedExperienceMembers
    }

    public struct Valid: Sendable, Equatable {
        public var title: String
        public var what: String
        public var why: String
        public var affectsServices: Bool
        public var substantialVariation: Bool
        public var decisionBody: String
        public var targetDate: SimpleDate?
        public var livedExperienceMembers: Int
    }

    /// How far ahead a target decision date may be: further than this is a slip of the year, or not yet a date.
    public static let targetYearsAhead = 5

    /// `today` checks a target date that is set or changed: not passed, and at most 5 years ahead.
    /// `storedTarget` is the initiative's target date as saved: kept unchanged, it is accepted even once passed,
    /// so an initiative whose decision slipped can still be edited.
    public func validated(today: SimpleDate, storedTarget: String? = nil) throws(ValidationFailure) -> Valid {
        var errors: [FieldError] = []
        // Published on the decision pages, in the API and open data: without direction controls (`BidiControls`).
        let title = title.removingBidiControls().trimmingWhitespace()
        if title.isEmpty { errors.append(FieldError("title", "Enter a short title for the initiative.")) }
        if title.count > 200 { errors.append(FieldError("title", "Enter a title of 200 characters or fewer.")) }
        let what = what.removingBidiControls().trimmingWhitespace()
        if what.isEmpty { errors.append(FieldError("what", "Say what is proposed.")) }
        let why = why.removingBidiControls().trimmingWhitespace()
        if why.isEmpty { errors.append(FieldError("why", "Say why the change is proposed.")) }
        let affects = YesNo.parse(affectsServices)
        if affects == nil {
            errors.append(
                FieldError(
                    "affects_services", "Say whether it changes how services are delivered or which services there are."
                ))
        }
        let substantial = YesNo.parse(substantialVariation)
        if substantial == nil {
            errors.append(FieldError("substantial_variation", "Say whether it is a substantial variation."))
        }
        if affects == false && substantial == true {
            errors.append(
                FieldError(
                    "substantial_variation",
                    "A substantial variation is a change to services: answer yes to whether it changes how services are delivered, or no here."
                ))
        }
        let body = decisionBody.removingBidiControls().trimmingWhitespace()
        if body.isEmpty { errors.append(FieldError("decision_body", "Enter the body that will make the decision.")) }
        var target: SimpleDate?
        if !targetDate.trimmingWhitespace().isEmpty {
            target = SimpleDate(iso: targetDate)
            if target == nil {
                errors.append(
                    FieldError("target_date", "Enter the target date as a real date, for example 2027-03-31."))
            } else if let target, target.iso != storedTarget {
                let latest = today.adding(months: 12 * Self.targetYearsAhead)
                if target < today {
                    errors.append(
                        FieldError(
                            "target_date",
                            "The target date cannot be in the past: enter when the decision is now expected, from today (\(today.ukText)), or leave it empty."
                        ))
                } else if target > latest {
                    errors.append(
                        FieldError(
                            "target_date",
                            "Check the year: the target date can be up to \(Self.targetYearsAhead) years ahead (\(latest.ukText)). Leave it empty if it is not known yet."
                        ))
                }
            }
        }
        let members = Int(
            livedExperienceMembers.trimmingWhitespace().isEmpty ? "0" : livedExperienceMembers.trimmingWhitespace())
        if members == nil || members! < 0 || members! > 500 {
            errors.append(FieldError("lived_experience_members", "Enter a whole number of people from 0 to 500."))
        }
        guard errors.isEmpty, let affects, let substantial, let members else { throw ValidationFailure(errors) }
        return Valid(
            title: title, what: what, why: why, affectsServices: affects, substantialVariation: substantial,
            decisionBody: body, targetDate: target, livedExperienceMembers: members)
    }
}

public enum YesNo {
    public static func parse(_ text: String) -> Bool? {
        switch text.trimmingWhitespace().lowercased() {
        case "yes", "true", "on", "1": true
        case "no", "false", "off", "0": false
        default: nil
        }
    }
}

/// Kinds of involvement activity.
public enum ActivityKind: String, CaseIterable, Sendable, Codable {
    case communityMeeting = "community_meeting"
    case workshop
    case focusGroup = "focus_group"
    case onlineSurvey = "online_survey"
    case stall
    case publicEvent = "public_event"

    public var title: String {
        switch self {
        case .communityMeeting: "Community meeting"
        case .workshop: "Workshop"
        case .focusGroup: "Focus group"
        case .onlineSurvey: "Online survey"
        case .stall: "Stall"
        case .publicEvent: "Public event"
        }
    }

    public var isInPerson: Bool { self != .onlineSurvey }
}

public struct ActivityInput: Equatable, Sendable {
    public var title = ""
    public var kind = ""
    public var placeID = ""
    public var date = ""
    public var venue = ""
    public var attendees = ""
    public var notes = ""
    public var whatChanged = ""
    /// 24-hour "HH:MM", both optional; an end needs a start.
    public var startTime = ""
    public var endTime = ""
    /// How many people it has room for; empty for no limit.
    public var capacity = ""
    /// The involvement payment offered to people who take part, in pounds; empty for none.
    public var payment = ""

    public init(
        title: String = "", kind: String = "", placeID: String = "", date: String = "", venue: String = "",
        attendees: String = "", notes: String = "", whatChanged: String = "", startTime: String = "",
        endTime: String = "", capacity: String = "", payment: String = ""
    ) {
        self.capacity = capacity
        self.payment = payment
        self.startTime = startTime
        self.endTime = endTime
        self.title = title
        self.kind = kind
        self.placeID = placeID
        self.date = date
        self.venue = venue
        self.attendees = attendees
        self.notes = notes
        self.whatChanged = whatChanged
    }

    public struct Valid: Sendable, Equatable {
        public var title: String
        public var kind: ActivityKind
        public var date: SimpleDate
        public var venue: String
        public var attendees: Int
        public var notes: String
        public var whatChanged: String
        /// "18:00", or nil when left empty.
        public var startTime: String? = nil
        public var endTime: String? = nil
        /// Nil: no limit on how many can sign up.
        public var capacity: Int? = nil
        /// Nil: no involvement payment is offered.
        public var paymentPence: Int? = nil
    }

    /// The most an involvement payment for one activity can be: more is a slip of the keyboard.
    public static let mostPaymentPence = 1_000_00

    /// The most people one activity is recorded with: more is a slip of the keyboard, not a meeting.
    public static let maximumAttendees = 20_000
    /// How long ago an activity set or moved now can have been held. Involvement often starts before the
    /// initiative is recorded in Heard, so earlier activities are welcome, within this.
    public static let yearsBack = 2

    /// The caller checks that the place exists. `today`: an activity still to come has had nobody yet, and
    /// nothing has changed because of it. `storedDate`: the activity's date as saved, accepted unchanged
    /// however long ago it was, so an old record can still be corrected.
    public func validated(today: SimpleDate, storedDate: String? = nil) throws(ValidationFailure) -> Valid {
        var errors: [FieldError] = []
        let title = title.trimmingWhitespace()
        if let problem = RecordedReason.placeholderProblem(title, ask: "Enter a name for the activity.") {
            errors.append(FieldError("title", problem))
        } else if let problem = TextLimit.problem(title, limit: TextLimit.title, what: "the name") {
            errors.append(FieldError("title", problem))
        }
        let kind = ActivityKind(rawValue: kind)
        if kind == nil { errors.append(FieldError("kind", "Select the kind of activity.")) }
        if placeID.isEmpty { errors.append(FieldError("place_id", "Select the place where it happens.")) }
        let date = SimpleDate(iso: date)
        if date == nil { errors.append(FieldError("date", "Enter the date as a real date, for example 2026-11-30.")) }
        if let date, date.iso != storedDate,
            let problem = date.implausibleYear(today: today, yearsBack: Self.yearsBack, yearsAhead: 5)
        {
            errors.append(FieldError("date", problem))
        }
        let startText = startTime.trimmingWhitespace()
        let endText = endTime.trimmingWhitespace()
        let start = ActivityTime(startText)
        let end = ActivityTime(endText)
        if !startText.isEmpty && start == nil {
            errors.append(
                FieldError(
                    "start_time", "Enter the start time as a 24-hour time, for example 18:00, or leave it empty."))
        }
        if !endText.isEmpty && end == nil {
            errors.append(
                FieldError("end_time", "Enter the end time as a 24-hour time, for example 20:00, or leave it empty."))
        }
        if startText.isEmpty && end != nil {
            errors.append(
                FieldError("start_time", "Enter the start time as well as the end time, or leave both empty."))
        }
        if let start, let end, end <= start {
            errors.append(
                FieldError(
                    "end_time",
                    "The end time must be after the start time, \(start.text). For an evening event use 24-hour times, for example 18:00 to 20:00."
                ))
        }
        let venue = venue.trimmingWhitespace()
        // Online activities have no venue; a venue given is published, so it must name a place.
        if !venue.isEmpty || kind?.isInPerson == true,
            let problem = RecordedReason.placeholderProblem(
                venue, ask: "Enter the venue, for example \"St Mary's scout hut\".")
        {
            errors.append(FieldError("venue", problem))
        }
        let trimmed = attendees.trimmingWhitespace()
        // Left empty, an activity still to come has had nobody yet; one that has happened needs the number, as
        // a quiet 0 would read as nobody coming.
        let count = trimmed.isEmpty && (date.map { $0 > today } ?? true) ? 0 : Int(trimmed)
        if trimmed.isEmpty, let date, date <= today {
            errors.append(
                FieldError(
                    "attendees",
                    "Enter how many people came on \(date.ukText), or 0 if nobody came."))
        } else if count == nil || count! < 0 {
            errors.append(
                FieldError(
                    "attendees", "Enter how many people came as a whole number, or 0 if it has not happened yet."))
        } else if let count, count > Self.maximumAttendees {
            errors.append(
                FieldError(
                    "attendees",
                    "Check the number: \(count.formatted) people is more than one activity could involve (up to \(Self.maximumAttendees.formatted))."
                ))
        }
        if let date, date > today {
            if let count, count > 0 {
                errors.append(
                    FieldError(
                        "attendees",
                        "It happens on \(date.ukText), so nobody has come yet: leave this at 0 and record who came afterwards."
                    ))
            }
            if !whatChanged.trimmingWhitespace().isEmpty {
                errors.append(
                    FieldError(
                        "what_changed",
                        "It happens on \(date.ukText): record what changed because of it afterwards."))
            }
        }
        let capacityText = capacity.trimmingWhitespace()
        let places = Int(capacityText)
        if !capacityText.isEmpty, places == nil || places! < 1 || places! > Self.maximumAttendees {
            errors.append(
                FieldError(
                    "capacity",
                    "Enter how many people it has room for as a whole number from 1 to \(Self.maximumAttendees.formatted), or leave it empty for no limit."
                ))
        }
        let paymentText = payment.trimmingWhitespace()
        let paymentRead = Pence.read(paymentText)
        let paymentPence = try? paymentRead.get()
        if !paymentText.isEmpty, paymentPence == nil || paymentPence! <= 0 || paymentPence! > Self.mostPaymentPence {
            let message =
                switch paymentRead {
                case .failure(let problem) where problem != .notANumber:
                    Pence.problemText(
                        problem, what: "the involvement payment", example: "25", most: Self.mostPaymentPence)
                case .success(let pence) where pence > Self.mostPaymentPence:
                    "Enter the involvement payment up to \(Pence.text(Self.mostPaymentPence)): that is the most it can be."
                default:
                    "Enter the involvement payment in pounds, like 25 or 37.50, up to \(Pence.text(Self.mostPaymentPence)), or leave it empty if none is offered."
                }
            errors.append(FieldError("payment", message))
        }
        for (field, text, limit, what) in [
            ("notes", notes, TextLimit.decisionOutcome, "the notes"),
            ("what_changed", whatChanged, TextLimit.reply, "what changed"),
        ] {
            if let problem = TextLimit.problem(text.trimmingWhitespace(), limit: limit, what: what) {
                errors.append(FieldError(field, problem))
            }
        }
        guard errors.isEmpty, let kind, let date, let count else { throw ValidationFailure(errors) }
        return Valid(
            title: title, kind: kind, date: date, venue: venue, attendees: count,
            notes: notes.trimmingWhitespace(), whatChanged: whatChanged.trimmingWhitespace(), startTime: start?.text,
            endTime: end?.text, capacity: places, paymentPence: paymentText.isEmpty ? nil : paymentPence)
    }
}

public struct ConsultationInput: Equatable, Sendable {
    public var title = ""
    public var background = ""
    public var options = ""
    public var discardedAlternatives = ""
    public var reasons = ""
    public var opensOn = ""
    public var closesOn = ""
    public var shortDurationReason = ""

    public init(
        title: String = "", background: String = "", options: String = "", discardedAlternatives: String = "",
        reasons: String = "", opensOn: String = "", closesOn: String = "", shortDurationReason: String = ""
    ) {
        self.title = title
        self.background = background
        self.options = options
        self.discardedAlternatives = discardedAlternatives
        self.reasons = reasons
        self.opensOn = opensOn
        self.closesOn = closesOn
        self.shortDurationReason = shortDurationReason
    }

    public struct Valid: Sendable, Equatable {
        public var title: String
        public var background: String
        public var options: String
        public var discardedAlternatives: String
        public var reasons: String
        public var opensOn: SimpleDate
        public var closesOn: SimpleDate
        public var shortDurationReason: String
    }

    /// `initiativeDecided`: a consultation cannot be opened on an initiative that is already decided (G1).
    /// The pack must be complete when it is set up (G2), and it cannot open before `today`: nobody could have
    /// answered a consultation on days before it existed. `missingBeforeOpening` (see `ConsultationTiming`) is
    /// what it still lacks: with anything missing it cannot open today, or people would find nothing to answer.
    public func validated(
        initiativeDecided: Bool, today: SimpleDate, missingBeforeOpening: [String] = []
    ) throws(ValidationFailure) -> Valid {
        var errors: [FieldError] = []
        if initiativeDecided {
            errors.append(
                FieldError(
                    "title",
                    "This initiative is already decided, so a consultation now could not change it (Gunning G1). Start a new initiative for a new proposal."
                ))
        }
        let title = title.trimmingWhitespace()
        if title.isEmpty { errors.append(FieldError("title", "Enter a title for the consultation.")) }
        let pack: [(field: String, text: String, name: String, ask: String)] = [
            (
                "background", background, "the background",
                "Give the background: what is happening now and why a change is proposed."
            ),
            ("options", options, "the options", "Describe the proposal or the options people are asked about."),
            (
                "discarded_alternatives", discardedAlternatives, "the alternatives set aside",
                "Say which alternatives were considered and set aside, and why (R (Moseley) v Haringey). If none were, say why."
            ),
            ("reasons", reasons, "the reasons", "Give the reasons for the proposal."),
        ]
        for item in pack {
            // Too long is said first, naming the part: 60,000 letters without a space are not "too few words".
            if let tooLong = TextLimit.problem(item.text.trimmingWhitespace(), limit: TextLimit.reason, what: item.name)
            {
                errors.append(FieldError(item.field, tooLong))
                continue
            }
            // "." or "tbc" is not a pack: people need something to respond to (G2).
            guard let problem = RecordedReason.problem(item.text, ask: item.ask) else { continue }
            errors.append(FieldError(item.field, problem + " People need it to respond (Gunning G2)."))
        }
        let opens = SimpleDate(iso: opensOn)
        if opens == nil { errors.append(FieldError("opens_on", "Enter the opening date, for example 2027-01-04.")) }
        // A consultation is planned months ahead, not years: a later date is a slip of the year.
        if let opens,
            let problem = opens.implausibleYear(
                today: today, yearsBack: 100, yearsAhead: ConsultationTiming.latestOpeningYears)
        {
            errors.append(FieldError("opens_on", problem))
        }
        if let opens, opens < today {
            errors.append(
                FieldError(
                    "opens_on",
                    missingBeforeOpening.isEmpty
                        ? "The opening date has passed. A consultation cannot open in the past: open it today (\(today.ukText)) or later."
                        : "The opening date has passed. A consultation cannot open in the past: open it on \(today.adding(days: 1).ukText) or later, once \(GunningGate.list(missingBeforeOpening)) \(missingBeforeOpening.count == 1 ? "is" : "are") in place."
                ))
        }
        let closes = SimpleDate(iso: closesOn)
        if closes == nil { errors.append(FieldError("closes_on", "Enter the closing date, for example 2027-03-29.")) }
        if let opens, let closes, closes <= opens {
            errors.append(FieldError("closes_on", "The closing date must be after the opening date."))
        } else if let opens, let closes, let problem = ConsultationTiming.lengthProblem(opens: opens, closes: closes) {
            errors.append(FieldError("closes_on", problem))
        }
        if let opens, opens == today, !missingBeforeOpening.isEmpty {
            errors.append(
                FieldError(
                    "opens_on",
                    "It would open today without \(GunningGate.list(missingBeforeOpening)). Open it on \(today.adding(days: 1).ukText) or later, and add \(missingBeforeOpening.count == 1 ? "it" : "them") first: "
                        + (missingBeforeOpening.count == 1
                            ? (missingBeforeOpening[0].hasPrefix("its survey")
                                ? "people need questions to answer."
                                : "the assessment is part of the pack (Gunning G2).")
                            : "people need questions to answer, and the assessment is part of the pack (Gunning G2).")
                ))
        }
        let shortReason = shortDurationReason.trimmingWhitespace()
        if !shortReason.isEmpty,
            let problem = RecordedReason.problem(shortReason, ask: "Say why a shorter consultation is enough.")
        {
            errors.append(FieldError("short_duration_reason", problem))
        } else if shortReason.isEmpty, let opens, let closes, closes > opens,
            case let days = opens.days(until: closes) + 1, days < GunningGate.defaultMinimumDays,
            !errors.contains(where: { $0.field == "closes_on" })
        {
            // Shorter than the convention needs its reason before it opens, not only at approval (G3).
            errors.append(
                FieldError(
                    "short_duration_reason",
                    "It runs for \(days) days, less than 12 weeks. Say why a shorter consultation is enough (Gunning G3), or close it on \(opens.adding(days: GunningGate.defaultMinimumDays - 1).ukText) or later."
                ))
        }
        guard errors.isEmpty, let opens, let closes else { throw ValidationFailure(errors) }
        return Valid(
            title: title, background: background.trimmingWhitespace(), options: options.trimmingWhitespace(),
            discardedAlternatives: discardedAlternatives.trimmingWhitespace(), reasons: reasons.trimmingWhitespace(),
            opensOn: opens, closesOn: closes, shortDurationReason: shortDurationReason.trimmingWhitespace())
    }
}

public struct QuestionInput: Equatable, Sendable {
    public var text = ""
    public var kind = ""
    public var choices = ""

    public init(text: String = "", kind: String = "", choices: String = "") {
        self.text = text
        self.kind = kind
        self.choices = choices
    }

    public static let maxChoices = 30
    public static let maxChoiceLength = 200

    public func validated() throws(ValidationFailure) -> (text: String, kind: QuestionKind, choices: [String]) {
        var errors: [FieldError] = []
        let text = text.trimmingWhitespace()
        if text.isEmpty { errors.append(FieldError("text", "Enter the question.")) }
        if text.count > 500 { errors.append(FieldError("text", "Keep the question to 500 characters or fewer.")) }
        let kind = QuestionKind(rawValue: kind)
        if kind == nil { errors.append(FieldError("kind", "Select the kind of question.")) }
        let choices = choices.split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace() }
            .filter { !$0.isEmpty }
        if let kind, kind.needsChoices, choices.count < 2 {
            errors.append(FieldError("choices", "Enter at least two choices, one on each line."))
        }
        // Answers are counted by choice: two lines that read the same would be one choice counted twice.
        var seen: Set<String> = []
        let repeated = choices.filter { !seen.insert($0.lowercased()).inserted }
        let listsChoices = kind.map { $0.needsChoices || $0 == .scale } ?? false
        if listsChoices, let first = repeated.first {
            errors.append(FieldError("choices", "\"\(first)\" is listed more than once: make each choice different."))
        }
        // Each choice is a line of the form on a phone, and a column of the results.
        if listsChoices, choices.count > Self.maxChoices {
            errors.append(
                FieldError(
                    "choices",
                    "Keep to \(Self.maxChoices) choices or fewer (there are \(choices.count)): a long list is hard to read on a phone."
                ))
        }
        if listsChoices, let long = choices.first(where: { $0.count > Self.maxChoiceLength }) {
            errors.append(
                FieldError(
                    "choices",
                    "Keep each choice to \(Self.maxChoiceLength) characters or fewer: \"\(long.prefix(40))…\" has \(long.count)."
                ))
        }
        if kind == .scale, let problem = ScaleLabels.problem(choices) {
            errors.append(FieldError("choices", problem))
        }
        guard errors.isEmpty, let kind else { throw ValidationFailure(errors) }
        return (text, kind, kind.needsChoices || kind == .scale ? choices : [])
    }
}
