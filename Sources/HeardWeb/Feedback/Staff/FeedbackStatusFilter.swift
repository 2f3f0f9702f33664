import HeardDomain

/// The feedback list's status choice: one status, or every status but rejected. The dashboard's FFT figures leave
/// out what a moderator rejected (spam, abuse), so the list its links open does too, and the counts agree.
enum FeedbackStatusFilter: Equatable {
    case any
    case only(FeedbackStatus)
    case allButRejected

    static let allButRejectedValue = "not-rejected"

    /// A status as the query string gives it ("published", "not-rejected"); nil for anything else.
    init?(value: String) {
        if value == Self.allButRejectedValue {
            self = .allButRejected
        } else if let status = FeedbackStatus(rawValue: value) {
            self = .only(status)
        } else {
            return nil
        }
    }

    /// The select's choices, after its "Any status" prompt.
    static let choices: [(value: String, label: String)] =
        FeedbackStatus.allCases.map { ($0.rawValue, $0.title) } + [(allButRejectedValue, "Any status but rejected")]

    /// What the list says it shows: "Statuses shown: every status but rejected."
    var shown: String {
        switch self {
        case .any: "Statuses shown: every status."
        case .allButRejected: "Statuses shown: every status but rejected."
        case .only(let status): "Statuses shown: \(status.title) only."
        }
    }
}
