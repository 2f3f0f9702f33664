/// The four Gunning principles of lawful consultation (R v Brent LBC ex p Gunning 1985; R (Moseley) v Haringey 2014),
/// plus the duty to involve, named so refusals can say which rule applies.
public enum Principle: String, CaseIterable, Sendable, Codable {
    case g1 = "G1"
    case g2 = "G2"
    case g3 = "G3"
    case g4 = "G4"
    case dutyToInvolve = "duty-to-involve"
    case conflictsOfInterest = "conflicts-of-interest"

    public var title: String {
        switch self {
        case .g1: "G1 Formative stage"
        case .g2: "G2 Sufficient reasons"
        case .g3: "G3 Adequate time"
        case .g4: "G4 Conscientious consideration"
        case .dutyToInvolve: "Duty to involve"
        case .conflictsOfInterest: "Conflicts of interest"
        }
    }

    public var plainMeaning: String {
        switch self {
        case .g1: "Consult while the proposal can still change."
        case .g2:
            "Give people enough information to respond properly: the options, including those set aside, the reasons, and the equality impact assessment."
        case .g3:
            "Give people enough time. Twelve weeks is the usual length; a shorter consultation needs a recorded reason."
        case .g4:
            "Take the responses into account: close the consultation, publish the analysis and answer every theme before deciding."
        case .dutyToInvolve:
            "People who use services must be involved in changes to how services are delivered or which services there are (NHS Act 2006 s242 and s14Z45)."
        case .conflictsOfInterest:
            "Declarations of interest are a standing item: the minutes record each one and what the chair decided (NHS England, Managing conflicts of interest in the NHS)."
        }
    }
}

/// What the Gunning checks need to know about one consultation.
public struct ConsultationFacts: Sendable, Equatable {
    public var opensOn: SimpleDate
    public var closesOn: SimpleDate
    /// Set when the consultation was closed by hand before its closing date.
    public var closedEarlyOn: SimpleDate?
    public var background: String
    public var options: String
    public var discardedAlternatives: String
    public var reasons: String
    public var eiaStatus: EIAStatus
    /// The UK day the equality impact assessment was first saved, when known: after `opensOn`, people responded
    /// without it (G2).
    public var eiaFirstSavedOn: SimpleDate?
    public var shortDurationReason: String
    public var questionCount: Int
    public var analysisPublished: Bool
    /// The UK day the analysis was published, when known: a meeting before it could not consider the responses.
    public var analysisPublishedOn: SimpleDate?
    /// Themes found in the responses, and whether each has a recorded response in the decision paper.
    public var themes: [ThemeResponseFacts]
    /// When the decision is due: the decision meeting's date once a paper exists, otherwise the initiative's target.
    public var decisionTargetDate: SimpleDate?
    /// The initiative is already decided (decision approved before or during the consultation).
    public var initiativeDecided: Bool

    public init(
        opensOn: SimpleDate, closesOn: SimpleDate, closedEarlyOn: SimpleDate? = nil, background: String = "",
        options: String = "", discardedAlternatives: String = "", reasons: String = "", eiaStatus: EIAStatus = .none,
        eiaFirstSavedOn: SimpleDate? = nil, shortDurationReason: String = "", questionCount: Int = 0,
        analysisPublished: Bool = false,
        analysisPublishedOn: SimpleDate? = nil, themes: [ThemeResponseFacts] = [],
        decisionTargetDate: SimpleDate? = nil,
        initiativeDecided: Bool = false
    ) {
        self.opensOn = opensOn
        self.closesOn = closesOn
        self.closedEarlyOn = closedEarlyOn
        self.background = background
        self.options = options
        self.discardedAlternatives = discardedAlternatives
        self.reasons = reasons
        self.eiaStatus = eiaStatus
        self.eiaFirstSavedOn = eiaFirstSavedOn
        self.shortDurationReason = shortDurationReason
        self.questionCount = questionCount
        self.analysisPublished = analysisPublished
        self.analysisPublishedOn = analysisPublishedOn
        self.themes = themes
        self.decisionTargetDate = decisionTargetDate
        self.initiativeDecided = initiativeDecided
    }

    /// The last day people can respond.
    public var lastDay: SimpleDate { closedEarlyOn.map { min($0, closesOn) } ?? closesOn }

    public func isOpen(on today: SimpleDate) -> Bool { opensOn <= today && today <= lastDay }
    public func hasClosed(on today: SimpleDate) -> Bool {
        today > lastDay || closedEarlyOn != nil && closedEarlyOn! <= today
    }
    /// Days people could respond on, counting both the opening and the closing day (opens Monday 4 January,
    /// closes Sunday 28 March: 84 days, 12 weeks). A consultation closed early is closed on the day it was
    /// closed (see `state`), so that day is not counted.
    public var durationDays: Int {
        if let closedEarlyOn, closedEarlyOn <= closesOn { return max(0, opensOn.days(until: closedEarlyOn)) }
        return max(0, opensOn.days(until: closesOn) + 1)
    }

    public func state(on today: SimpleDate) -> ConsultationState {
        if today < opensOn { return .forthcoming }
        if isOpen(on: today) && closedEarlyOn.map({ $0 > today }) ?? true { return .open }
        return analysisPublished ? .closedWithOutcome : .closedAwaitingOutcome
    }
}

public enum ConsultationState: String, CaseIterable, Sendable, Codable {
    case forthcoming
    case open
    case closedAwaitingOutcome = "closed_awaiting_outcome"
    case closedWithOutcome = "closed_with_outcome"

    public var title: String {
        switch self {
        case .forthcoming: "Forthcoming"
        case .open: "Open"
        case .closedAwaitingOutcome: "Closed, outcome to follow"
        case .closedWithOutcome: "Closed, outcome published"
        }
    }
}

/// How the decision paper answers one theme from the responses.
public enum ThemeResponseKind: String, CaseIterable, Sendable, Codable {
    case accepted
    case proposalChanged = "proposal_changed"
    case notAccepted = "not_accepted"

    public var title: String {
        switch self {
        case .accepted: "Accepted"
        case .proposalChanged: "Proposal changed"
        case .notAccepted: "Not accepted"
        }
    }
}

public struct ThemeResponseFacts: Sendable, Equatable {
    public var theme: String
    public var response: ThemeResponseKind?
    public var reason: String
    /// The day the response was last changed: nil for one recorded before these days were kept.
    public var respondedOn: SimpleDate?

    public init(theme: String, response: ThemeResponseKind?, reason: String, respondedOn: SimpleDate? = nil) {
        self.theme = theme
        self.response = response
        self.reason = reason
        self.respondedOn = respondedOn
    }

    /// Answered: a kind of response and a reason.
    public var isAnswered: Bool { response != nil && !reason.trimmingWhitespace().isEmpty }
}

/// The equality impact assessment's progress.
public enum EIAStatus: String, CaseIterable, Sendable, Codable {
    case none
    case draft
    case signedOff = "signed_off"

    public var title: String {
        switch self {
        case .none: "Not started"
        case .draft: "Draft"
        case .signedOff: "Signed off"
        }
    }
}

public enum CheckStatus: String, Sendable, Equatable {
    case met
    case notMet = "not_met"
    case needsJustification = "needs_justification"

    public var title: String {
        switch self {
        case .met: "Met"
        case .notMet: "Not met"
        case .needsJustification: "Needs justification"
        }
    }
}

/// One principle's verdict with the reason and what to do.
public struct PrincipleCheck: Sendable, Equatable {
    public var principle: Principle
    public var status: CheckStatus
    public var detail: String

    public init(_ principle: Principle, _ status: CheckStatus, _ detail: String) {
        self.principle = principle
        self.status = status
        self.detail = detail
    }
}

/// A refused approval: the principle and what to do about it.
public struct ApprovalRefusal: Error, Sendable, Equatable {
    public var principle: Principle
    public var message: String

    public init(_ principle: Principle, _ message: String) {
        self.principle = principle
        self.message = message
    }
}

/// Evaluates G1–G4 for a consultation, and the approval gate for a decision.
public enum GunningGate {
    /// Twelve weeks is the convention (configurable).
    public static let defaultMinimumDays = 84

    public static func evaluate(
        _ consultation: ConsultationFacts, today: SimpleDate, minimumDays: Int = defaultMinimumDays
    ) -> [PrincipleCheck] {
        [Principle.g1, .g2, .g3, .g4].compactMap { check($0, consultation, today: today, minimumDays: minimumDays) }
    }

    public static func check(
        _ principle: Principle, _ c: ConsultationFacts, today: SimpleDate, minimumDays: Int = defaultMinimumDays
    ) -> PrincipleCheck? {
        switch principle {
        case .g1:
            if c.initiativeDecided {
                return PrincipleCheck(
                    .g1, .notMet, "The initiative is already decided, so the consultation cannot change it.")
            }
            if let target = c.decisionTargetDate, target <= c.lastDay {
                return PrincipleCheck(
                    .g1, .notMet,
                    "The decision is due on \(target.ukText), "
                        + (target == c.lastDay
                            ? "the day the consultation closes. "
                            : "before the consultation closes on \(c.lastDay.ukText). ")
                        + "Move the decision after the consultation, leaving time to analyse it."
                )
            }
            return PrincipleCheck(.g1, .met, "The consultation happens while the proposal can still change.")
        case .g2:
            var missing: [String] = []
            if c.background.trimmingWhitespace().isEmpty { missing.append("the background") }
            if c.options.trimmingWhitespace().isEmpty { missing.append("the options") }
            if c.discardedAlternatives.trimmingWhitespace().isEmpty {
                missing.append("the alternatives considered and set aside")
            }
            if c.reasons.trimmingWhitespace().isEmpty { missing.append("the reasons") }
            if c.eiaStatus == .none { missing.append("the equality impact assessment") }
            // The assessment is part of the pack, so it must be there before the consultation opens: one added
            // later was not seen by the people who had already responded, and the pack cannot change once open.
            if c.eiaStatus != .none, let added = c.eiaFirstSavedOn, added > c.opensOn {
                let when =
                    added > c.lastDay
                    ? "after the consultation ran from \(c.opensOn.ukText) to \(c.lastDay.ukText), so nobody who responded could see it"
                    : "after the consultation opened on \(c.opensOn.ukText), so people who responded before then could not see it"
                let late =
                    "The equality impact assessment was added on \(added.ukText), \(when). Consult again, with the assessment in the pack from the start, before deciding."
                return PrincipleCheck(
                    .g2, .notMet,
                    missing.isEmpty ? late : "Add " + Self.list(missing) + " to the consultation pack. " + late)
            }
            if missing.isEmpty {
                // A draft assessment is enough to consult on; signing it off is a separate check before deciding.
                return PrincipleCheck(
                    .g2, .met,
                    c.eiaStatus == .signedOff
                        ? "The pack has the background, options, alternatives set aside, reasons and the signed-off equality impact assessment."
                        : "The pack has the background, options, alternatives set aside, reasons and a draft equality impact assessment (to be signed off before the decision)."
                )
            }
            return PrincipleCheck(.g2, .notMet, "Add " + Self.list(missing) + " to the consultation pack.")
        case .g3:
            let days = c.durationDays
            let weeks = days / 7
            if days >= minimumDays {
                return PrincipleCheck(.g3, .met, "Open for \(weeks) weeks.")
            }
            let reason = c.shortDurationReason.trimmingWhitespace()
            // A reason can justify less than 12 weeks, but not less than two: too short for people to hear of the
            // proposal, consider it and respond (the Cabinet Office consultation principles: 2 to 12 weeks).
            if days < ConsultationTiming.shortestDays {
                let length = days == 0 ? "less than a day" : "\(days) \(days == 1 ? "day" : "days")"
                return PrincipleCheck(
                    .g3, .notMet,
                    "Open for \(length), less than two weeks. "
                        + (reason.isEmpty ? "That" : "Whatever the reason (\(reason)), that")
                        + " is not time for people to consider the proposal and respond: consult again, for at least two weeks, before deciding."
                )
            }
            if reason.isEmpty {
                return PrincipleCheck(
                    .g3, .needsJustification,
                    "Open for \(days) days, shorter than \(minimumDays / 7) weeks. Record why a shorter consultation is enough."
                )
            }
            return PrincipleCheck(.g3, .met, "Open for \(days) days; reason recorded: \(c.shortDurationReason)")
        case .g4:
            if c.state(on: today) == .open || c.state(on: today) == .forthcoming {
                return PrincipleCheck(
                    .g4, .notMet,
                    (c.state(on: today) == .forthcoming
                        ? "The consultation has not opened yet: it runs from \(c.opensOn.ukText) to \(c.lastDay.ukText)."
                        : "The consultation is open until \(c.lastDay.ukText).")
                        + " Responses cannot be considered until it closes."
                )
            }
            if !c.analysisPublished {
                return PrincipleCheck(.g4, .notMet, "Publish the analysis of the responses.")
            }
            let unanswered = c.themes.filter { !$0.isAnswered }.map(\.theme)
            if !unanswered.isEmpty {
                return PrincipleCheck(
                    .g4, .notMet,
                    "Record a response, with a reason, to every theme. Not yet answered: "
                        + unanswered.joined(separator: "; ") + ".")
            }
            return PrincipleCheck(.g4, .met, "Closed, analysis published, and every theme has a recorded response.")
        case .dutyToInvolve, .conflictsOfInterest:
            return nil
        }
    }

    /// Why a decision meeting cannot be held on `meetingOn`, or nil when it can: it must come after the
    /// consultation closes, so the responses can be analysed and conscientiously considered before the decision
    /// (G4) while the proposal is still open to change (G1). The approval gate refuses the same date (the G1
    /// check); saying so when the date is entered saves booking a meeting that could never approve it.
    public static func meetingDateProblem(_ meetingOn: SimpleDate, consultation c: ConsultationFacts) -> String? {
        guard meetingOn <= c.lastDay else { return nil }
        let when =
            meetingOn == c.lastDay
            ? "is the day the consultation closes"
            : "is before the consultation closes on \(c.lastDay.ukText)"
        return
            "The meeting on \(meetingOn.ukText) \(when). Responses must be considered before the decision is made, while the proposal can still change (Gunning G1 and G4), so hold the meeting after \(c.lastDay.ukText), leaving time to analyse the responses."
    }

    /// Nil when the decision may be approved; otherwise the first principle that stands in the way.
    ///
    /// `consultation` is nil when there is none. The order puts the seed's case first: a decision sent for
    /// approval while its consultation is open is refused naming G1 and G4.
    public static func approvalRefusal(
        needsConsultation: Bool, consultation: ConsultationFacts?, eiaStatus: EIAStatus, alreadyApproved: Bool,
        today: SimpleDate, minimumDays: Int = defaultMinimumDays, declarations: String? = nil,
        membersPresent: String = "", register: [RegisteredMember] = [], meetingOn: SimpleDate? = nil,
        eiaSignedOffOn: SimpleDate? = nil
    ) -> ApprovalRefusal? {
        approvalRefusals(
            needsConsultation: needsConsultation, consultation: consultation, eiaStatus: eiaStatus,
            alreadyApproved: alreadyApproved, today: today, minimumDays: minimumDays, declarations: declarations,
            membersPresent: membersPresent, register: register, meetingOn: meetingOn, eiaSignedOffOn: eiaSignedOffOn
        ).first
    }

    /// Every reason the decision cannot be approved yet, most fundamental first, so the paper can be put right
    /// in one go rather than one refusal at a time.
    public static func approvalRefusals(
        needsConsultation: Bool, consultation: ConsultationFacts?, eiaStatus: EIAStatus, alreadyApproved: Bool,
        today: SimpleDate, minimumDays: Int = defaultMinimumDays, declarations: String? = nil,
        membersPresent: String = "", register: [RegisteredMember] = [], meetingOn: SimpleDate? = nil,
        eiaSignedOffOn: SimpleDate? = nil
    ) -> [ApprovalRefusal] {
        if alreadyApproved { return [ApprovalRefusal(.g4, "This decision has already been approved.")] }
        var refusals = gunningRefusals(
            needsConsultation: needsConsultation, consultation: consultation, eiaStatus: eiaStatus, today: today,
            minimumDays: minimumDays)
        // Approval records what a meeting decided, so the meeting must have happened.
        if let meetingOn, meetingOn > today {
            refusals.append(
                ApprovalRefusal(
                    .g4,
                    "The meeting is on \(meetingOn.ukText). Approve the decision after the meeting has considered the responses and made it."
                ))
        }
        // G4: the meeting decides on the published analysis, so a meeting before it could not consider them.
        if let meetingOn, let published = consultation?.analysisPublishedOn, published > meetingOn {
            refusals.append(
                ApprovalRefusal(
                    .g4,
                    "The meeting on \(meetingOn.ukText) was before the analysis was published (\(published.ukText)), so it could not consider the responses (Gunning G4). Take the decision at a meeting on or after \(published.ukText)."
                ))
        }
        // G4: the paper's responses are what the meeting considered, so one written after it is not on record as
        // considered.
        if let meetingOn, let refusal = lateThemeResponses(consultation?.themes ?? [], meetingOn: meetingOn) {
            refusals.append(refusal)
        }
        // Brown principles: due regard is had before and at the time of the decision, so an assessment signed
        // off after the meeting cannot have informed it.
        if eiaStatus == .signedOff, let meetingOn, let signed = eiaSignedOffOn, signed > meetingOn {
            refusals.append(
                ApprovalRefusal(
                    .g2,
                    "The equality impact assessment was signed off on \(signed.ukText), after the meeting on \(meetingOn.ukText). Due regard to equality must be had before the decision is made (Equality Act 2010 s149, the Brown principles), so a meeting on or after the sign-off date must consider it and take the decision: record that meeting."
                ))
        }
        if let declarations, let problem = DeclarationRules.problem(declarations) {
            refusals.append(ApprovalRefusal(.conflictsOfInterest, problem))
        } else {
            refusals += ConflictRules.problems(
                membersPresent: membersPresent, declarations: declarations ?? "", register: register, on: today,
                meetingOn: meetingOn
            ).map { ApprovalRefusal(.conflictsOfInterest, $0) }
        }
        return refusals
    }

    /// The themes whose response was changed after the meeting, named with the day, latest last.
    static func lateThemeResponses(_ themes: [ThemeResponseFacts], meetingOn: SimpleDate) -> ApprovalRefusal? {
        let late = themes.filter { ($0.respondedOn ?? meetingOn) > meetingOn }
            .sorted { ($0.respondedOn!, $0.theme) < ($1.respondedOn!, $1.theme) }
        guard let latest = late.last?.respondedOn else { return nil }
        let named = late.map { "\($0.theme) (changed on \($0.respondedOn!.ukText))" }
        let list = named.count == 1 ? named[0] : named.dropLast().joined(separator: ", ") + " and " + named.last!
        let which = late.count == 1 ? "The paper's response to" : "The paper's responses to"
        return ApprovalRefusal(
            .g4,
            "\(which) \(list) \(late.count == 1 ? "was" : "were") changed after the meeting on \(meetingOn.ukText), so the meeting did not consider \(late.count == 1 ? "it" : "them") as recorded (Gunning G4). Take the decision at a meeting on or after \(latest.ukText) that considers the responses as they now stand, and record that meeting."
        )
    }

    static func gunningRefusals(
        needsConsultation: Bool, consultation: ConsultationFacts?, eiaStatus: EIAStatus, today: SimpleDate,
        minimumDays: Int
    ) -> [ApprovalRefusal] {
        guard let c = consultation else {
            if needsConsultation {
                return [
                    ApprovalRefusal(
                        .dutyToInvolve,
                        "This change affects services, so it needs a consultation before it can be decided (NHS Act 2006 s242 and s14Z45). Set up and run the consultation first."
                    )
                ]
            }
            if eiaStatus != .signedOff {
                return [
                    ApprovalRefusal(
                        .g2,
                        "Sign off the equality impact assessment before the decision (Equality Act 2010 s149: due regard must be had before deciding)."
                    )
                ]
            }
            return []
        }
        let state = c.state(on: today)
        if state == .open || state == .forthcoming {
            let when =
                state == .forthcoming
                ? "The consultation has not opened yet; it opens on \(c.opensOn.ukText) and closes on \(c.lastDay.ukText)."
                : "The consultation is still open until \(c.lastDay.ukText)."
            return [
                ApprovalRefusal(
                    .g4,
                    when
                        + " A decision made now would break G1 (the proposal must still be open to change) and G4 (responses must be considered). Wait until it closes, publish the analysis and answer every theme."
                )
            ]
        }
        var refusals: [ApprovalRefusal] = []
        if let g1 = check(.g1, c, today: today), g1.status != .met { refusals.append(ApprovalRefusal(.g1, g1.detail)) }
        if let g3 = check(.g3, c, today: today, minimumDays: minimumDays), g3.status != .met {
            refusals.append(ApprovalRefusal(.g3, g3.detail))
        }
        if let g2 = check(.g2, c, today: today), g2.status != .met { refusals.append(ApprovalRefusal(.g2, g2.detail)) }
        if let g4 = check(.g4, c, today: today), g4.status != .met { refusals.append(ApprovalRefusal(.g4, g4.detail)) }
        // Last, because the assessment draws on the consultation's analysis (who was reached).
        if eiaStatus != .signedOff {
            refusals.append(
                ApprovalRefusal(
                    .g2, "Sign off the equality impact assessment before the decision (Equality Act 2010 s149)."))
        }
        return refusals
    }

    public static func list(_ items: [String]) -> String { EnglishList.and(items) }
}

/// Declarations of interest for a decision item (NHS England, "Managing conflicts of interest in the NHS"):
/// recorded for every item, a nil return counts, and each declared interest says what the chair decided.
public enum DeclarationRules {
    /// Matched on word forms, so the past tense of the minutes counts too (see `ChairAction`).
    public static let chairActions = ChairAction.allCases
    static let nilReturns = ["none", "none declared", "nil", "no declarations", "no interests declared"]

    /// The minutes record whether the meeting stayed quorate for the item (a member who leaves for it may take
    /// it below quorum); an inquorate meeting cannot take the decision.
    public static func quorumRefusal(_ quorate: Bool?) -> ApprovalRefusal? {
        switch quorate {
        case .none:
            ApprovalRefusal(
                .conflictsOfInterest,
                "Record whether the meeting stayed quorate for this item (members who left for it count as absent).")
        case .some(false):
            ApprovalRefusal(
                .conflictsOfInterest,
                "The meeting was not quorate for this item, so it could not take the decision. Take it at a meeting that is quorate for it."
            )
        case .some(true): nil
        }
    }

    /// Nil when the declarations are recorded properly; otherwise what to fix.
    public static func problem(_ declarations: String) -> String? {
        let text = declarations.trimmingWhitespace()
        if text.isEmpty {
            return
                "Record the declarations of interest made for this item. If nobody declared one, write \"None declared\"."
        }
        var plain = text.lowercased()
        while plain.last == "." { plain.removeLast() }
        if nilReturns.contains(plain) { return nil }
        let lines = text.split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace() }.filter {
            !$0.isEmpty
        }
        for (index, line) in lines.enumerated() {
            let decided = ChairAction.recorded(in: line).map(\.rawValue)
            if decided.isEmpty {
                return
                    "Say what the chair decided for each declared interest (take part, discuss but not decide, leave for the item or not receive the papers, or that the interest is not relevant to the item). Line \(index + 1) does not say."
            }
            // "Whether they would take part or leave" names two outcomes and decides neither.
            if decided.count > 1 {
                return
                    "Line \(index + 1) gives more than one outcome (\(decided.joined(separator: ", "))). Write one line for each person, saying the one thing the chair decided for them."
            }
        }
        return nil
    }
}
