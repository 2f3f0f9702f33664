/// Who is complaining: the person affected, or someone complaining for them (regulation 5 of the 2009
/// complaints regulations). A representative may complain when the person agrees, has died, is a child, or
/// cannot agree because they lack capacity; until the person's agreement is known, their records are not shared.
public enum ComplainantType: String, CaseIterable, Codable, Sendable {
    case personAffected = "person_affected"
    case representative

    public var title: String {
        switch self {
        case .personAffected: "The person affected"
        case .representative: "Someone complaining for them"
        }
    }
}

/// Why a representative can complain for the person affected (regulation 5(2)), or that it is not yet known.
public enum RepresentativeBasis: String, CaseIterable, Codable, Sendable {
    case agreed
    case died
    case child
    case lacksCapacity = "lacks_capacity"
    case notAskedYet = "not_asked_yet"

    /// As the person filling in the form reads it.
    public var title: String {
        switch self {
        case .agreed: "They have agreed"
        case .died: "They have died"
        case .child: "They are a child"
        case .lacksCapacity: "They cannot agree because they lack capacity"
        case .notAskedYet: "I have not asked them yet"
        }
    }

    /// As staff entering a complaint read it: about the person affected, not to the complainant.
    public var staffTitle: String {
        switch self {
        case .agreed: "The person affected has agreed"
        case .died: "The person affected has died"
        case .child: "The person affected is a child"
        case .lacksCapacity: "The person affected cannot agree because they lack capacity"
        case .notAskedYet: "The complainant has not asked them yet"
        }
    }

    /// As the complaints handler reads it on the case.
    public var caseText: String {
        switch self {
        case .agreed: "the person has agreed"
        case .died: "the person has died"
        case .child: "the person is a child"
        case .lacksCapacity: "the person cannot agree because they lack capacity"
        case .notAskedYet: "the person has not been asked yet"
        }
    }

    /// For the complaints handler: whether their records may be shared with the representative yet.
    public var needsConsent: Bool { self == .notAskedYet }
}

/// The answers about who is complaining, and what is missing from them.
public struct ComplainantStanding: Equatable, Sendable {
    public var type: ComplainantType
    /// How the representative is related to the person affected ("daughter", "carer", "MP's office").
    public var relationship: String
    public var basis: RepresentativeBasis?

    public static let personAffected = ComplainantStanding(type: .personAffected, relationship: "", basis: nil)
    public static let relationshipLimit = 100

    public init(type: ComplainantType, relationship: String, basis: RepresentativeBasis?) {
        self.type = type
        self.relationship = type == .representative ? relationship.trimmingWhitespace() : ""
        self.basis = type == .representative ? basis : nil
    }

    /// Reads the posted answers (`complainant_type`, `representative_relationship`, `representative_basis`),
    /// with the problems to fix; `you` words the messages for the person themselves rather than staff. The form
    /// starts on "the person affected", so no answer at all (a form from before it was asked) means that.
    public static func read(
        type: String?, relationship: String?, basis: String?, you: Bool
    ) -> (standing: ComplainantStanding?, problems: [FieldError]) {
        guard let type, !type.isEmpty else { return (.personAffected, []) }
        guard let chosen = ComplainantType(rawValue: type) else {
            return (
                nil,
                [
                    FieldError(
                        "complainant_type",
                        you
                            ? "Say whether you are the person affected or complaining for someone else."
                            : "Say whether the complainant is the person affected or complaining for someone else.")
                ]
            )
        }
        let standing = ComplainantStanding(
            type: chosen, relationship: relationship ?? "", basis: RepresentativeBasis(rawValue: basis ?? ""))
        guard chosen == .representative else { return (standing, []) }
        var problems: [FieldError] = []
        if standing.relationship.isEmpty {
            problems.append(
                FieldError(
                    "representative_relationship",
                    you
                        ? "Say how you know the person you are complaining for, for example \"their daughter\"."
                        : "Say how the complainant knows the person affected, for example \"their daughter\"."))
        } else if standing.relationship.count > relationshipLimit {
            problems.append(
                FieldError(
                    "representative_relationship",
                    "Keep how you know them to \(relationshipLimit) characters or fewer."))
        }
        if standing.basis == nil {
            problems.append(
                FieldError(
                    "representative_basis",
                    "Choose one: they have agreed, they have died, they are a child, they cannot agree because they lack capacity, or not asked yet."
                ))
        }
        return (problems.isEmpty ? standing : nil, problems)
    }

    /// "Complaining for someone else (their daughter): the person is a child", or "The person affected".
    public var summary: String {
        guard type == .representative else { return ComplainantType.personAffected.title }
        return "Complaining for someone else (\(relationship))" + (basis.map { ": \($0.caseText)" } ?? "")
    }
}
