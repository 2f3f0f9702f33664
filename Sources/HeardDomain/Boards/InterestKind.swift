/// The kinds of interest NHS England's "Managing conflicts of interest in the NHS" asks decision-makers to
/// declare, and the nil return ("I have no interests to declare"), which counts as a declaration.
public enum InterestKind: String, CaseIterable, Codable, Sendable {
    case financial
    case professional
    case personal
    case indirect
    case none

    public var title: String {
        switch self {
        case .financial: "Financial"
        case .professional: "Non-financial professional"
        case .personal: "Non-financial personal"
        case .indirect: "Indirect (a close family member's or associate's)"
        case .none: "Nil return: no interests to declare"
        }
    }

    /// Short form for tables and refusal messages.
    public var shortTitle: String {
        switch self {
        case .financial: "financial"
        case .professional: "non-financial professional"
        case .personal: "non-financial personal"
        case .indirect: "indirect"
        case .none: "nil return"
        }
    }

    public var isInterest: Bool { self != .none }
}
