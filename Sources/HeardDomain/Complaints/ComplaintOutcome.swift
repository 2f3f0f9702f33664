/// How a complaint ended: the finding of a written response, as counted in the NHS written complaints return
/// (KO41), or why it was closed without one.
public enum ComplaintOutcome: String, CaseIterable, Codable, Sendable {
    case upheld
    case partlyUpheld = "partly_upheld"
    case notUpheld = "not_upheld"
    case withdrawn
    /// Made more than 12 months after the event with no good reason to take it on (regulation 12).
    case notTakenOn = "not_taken_on"
    case openedInError = "opened_in_error"

    /// The findings a regulation 14 response records.
    public static let findings: [ComplaintOutcome] = [.upheld, .partlyUpheld, .notUpheld]
    /// The ways a complaint is closed without a response; kept out of the response figures.
    public static let closures: [ComplaintOutcome] = [.withdrawn, .notTakenOn, .openedInError]

    public var isClosure: Bool { Self.closures.contains(self) }

    public var title: String {
        switch self {
        case .upheld: "Upheld"
        case .partlyUpheld: "Partly upheld"
        case .notUpheld: "Not upheld"
        case .withdrawn: "Withdrawn by the complainant"
        case .notTakenOn: "Not taken on (over 12 months)"
        case .openedInError: "Opened in error"
        }
    }
}

/// How well complaints were handled over a period: the figures a board and the complaints return ask for.
public struct ComplaintFigures: Equatable, Sendable {
    /// One complaint received in the period.
    public struct Case: Sendable {
        public var clock: ComplaintClock
        public var outcome: ComplaintOutcome?
        public var reopened: Bool
        public var ombudsmanReferred: Bool
        public var ombudsmanOutcome: OmbudsmanOutcome?

        public init(
            clock: ComplaintClock, outcome: ComplaintOutcome?, reopened: Bool = false, ombudsmanReferred: Bool = false,
            ombudsmanOutcome: OmbudsmanOutcome? = nil
        ) {
            self.clock = clock
            self.outcome = outcome
            self.reopened = reopened
            self.ombudsmanReferred = ombudsmanReferred
            self.ombudsmanOutcome = ombudsmanOutcome
        }
    }

    public var received = 0
    /// Acknowledged, or past the acknowledgement date without one (even if closed since): the cases the 3-day
    /// rule can be judged on.
    public var acknowledgementDue = 0
    public var acknowledgedInTime = 0
    /// Responded, or past the response date without a response.
    public var responseDue = 0
    public var respondedInTime = 0
    /// Closed without a response: counted as received, judged on their acknowledgement only.
    public var closed = 0
    public var outcomes: [ComplaintOutcome: Int] = [:]
    /// Taken up again after a response or closure, at least once.
    public var reopened = 0
    /// Taken to the Ombudsman; of those, decided; of those, upheld in whole or in part.
    public var ombudsmanReferred = 0
    public var ombudsmanDecided = 0
    public var ombudsmanFoundFault = 0

    public init(_ cases: [Case], today: SimpleDate) {
        for item in cases {
            let clock = item.clock
            received += 1
            if item.reopened { reopened += 1 }
            if item.ombudsmanReferred { ombudsmanReferred += 1 }
            if let decision = item.ombudsmanOutcome {
                ombudsmanDecided += 1
                if decision.foundFault { ombudsmanFoundFault += 1 }
            }
            // Acknowledged, or past the date without one, including a complaint closed after that date without
            // one: see `ComplaintClock.acknowledgedInTime(today:)`.
            if let inTime = clock.acknowledgedInTime(today: today) {
                acknowledgementDue += 1
                if inTime { acknowledgedInTime += 1 }
            }
            if clock.closedOn != nil, clock.respondedOn == nil {
                // Closed without a response: judged on its acknowledgement only.
                closed += 1
                continue
            }
            if let responded = clock.respondedOn {
                responseDue += 1
                // Judged against the original date: a delay letter explains lateness, it does not excuse it.
                if responded <= clock.originalResponseDue { respondedInTime += 1 }
            } else if today > clock.originalResponseDue {
                responseDue += 1
            }
            if clock.respondedOn != nil, let outcome = item.outcome { outcomes[outcome, default: 0] += 1 }
        }
    }

    /// A whole-number percentage, or nil when there is nothing to judge.
    public static func percent(_ part: Int, of whole: Int) -> Int? {
        whole > 0 ? Int((Double(part) * 100 / Double(whole)).rounded()) : nil
    }
}
