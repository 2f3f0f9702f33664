/// What one line of an expense claim is for: the out-of-pocket costs NHS England's policy for patient and public
/// voice partners says are always paid back.
public enum ExpenseKind: String, CaseIterable, Codable, Sendable {
    case publicTransport = "public_transport"
    case mileage
    case parking
    case careOrSupport = "care_or_support"
    case other

    public var title: String {
        switch self {
        case .publicTransport: "Bus, train or taxi fares"
        case .mileage: "Driving your own car (mileage)"
        case .parking: "Parking"
        case .careOrSupport: "Care for someone you look after, or a support worker"
        case .other: "Something else"
        }
    }

    /// The short name in the staff list and the spreadsheet.
    public var shortTitle: String {
        switch self {
        case .publicTransport: "Fares"
        case .mileage: "Mileage"
        case .parking: "Parking"
        case .careOrSupport: "Care or support"
        case .other: "Other"
        }
    }
}

/// Where a claim has got to. Submitted by the person; approved or rejected (with the reason, which they see) by
/// staff; approved claims are then marked paid with the day the money went.
public enum ExpenseClaimStatus: String, CaseIterable, Codable, Sendable {
    case submitted
    case approved
    case rejected
    case paid

    public var title: String {
        switch self {
        case .submitted: "Waiting for a decision"
        case .approved: "Approved, to be paid"
        case .rejected: "Not approved"
        case .paid: "Paid"
        }
    }
}
