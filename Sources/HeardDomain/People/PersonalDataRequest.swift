/// A request from a member of the public about the personal data Heard holds on them: a copy (UK GDPR
/// article 15, the right of access) or erasure (article 17). They are found by the e-mail address they gave,
/// the reference Heard gave them, or both. An account at the address is found with all that hangs on it (its
/// invitations, ideas, board memberships and declarations of interest); a staff account is closed on the Users page.
public struct PersonalDataRequest: Sendable, Equatable {
    /// Lower-cased, or nil when only a reference was given.
    public let email: String?
    /// Upper-cased ("HRD-7K3Q9XAB"), or nil when only an e-mail address was given.
    public let reference: String?

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case nothingToSearch
        case implausibleEmail(String)
        case implausibleReference(String)

        public var description: String {
            switch self {
            case .nothingToSearch:
                "Enter the e-mail address the person gave, or the reference Heard gave them, or both."
            case .implausibleEmail(let text):
                "\"\(Self.shortened(text))\" is not an e-mail address: enter it like name@example.com."
            case .implausibleReference(let text):
                "\"\(Self.shortened(text))\" is not a Heard reference: they look like HRD-7K3Q9XAB."
            }
        }

        /// Enough of what was typed to recognise it: a pasted page of text is not echoed back whole.
        static func shortened(_ text: String) -> String {
            text.count <= 60 ? text : String(text.prefix(60)) + "…"
        }
    }

    /// A name the e-mail address may hold ("zelda.quibble@…" → "zelda quibble"): its local part's runs of three
    /// or more letters. Kept answers are searched for it on erasure, where redacting a word too many is better
    /// than leaving the person's name behind.
    public var nameInAddress: String? {
        guard let local = email?.split(separator: "@").first else { return nil }
        let parts = local.split(whereSeparator: { !$0.isLetter }).filter { $0.count >= 3 }.map(String.init)
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    public static func parse(email rawEmail: String, reference rawReference: String) -> Result<Self, Problem> {
        let email = rawEmail.trimmingWhitespace()
        let reference = rawReference.trimmingWhitespace().uppercased()
        if email.isEmpty && reference.isEmpty { return .failure(.nothingToSearch) }
        if !email.isEmpty, !EmailAddress.isPlausible(email) { return .failure(.implausibleEmail(email)) }
        if !reference.isEmpty,
            !(reference.hasPrefix("HRD-") && reference.count <= 20
                && reference.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        {
            return .failure(.implausibleReference(reference))
        }
        return .success(
            PersonalDataRequest(
                email: email.isEmpty ? nil : EmailAddress.normalised(email),
                reference: reference.isEmpty ? nil : reference))
    }
}

/// What erasing a person's data may change, and what the law says must be kept.
public enum ErasureRules {
    public enum Decision: Equatable, Sendable {
        /// Their words and contact details are erased.
        case erase
        /// Kept as it is, for this reason (told to the person).
        case keep(String)
        /// Their contact details are erased; their words are kept, for this reason.
        case keepWords(String)
    }

    /// What replaces erased words, so staff see that something was there and why it went.
    public static let erasedText = "[Erased at the person's request]"

    static let complaintRecord =
        "It became a formal complaint. Complaint records are kept for 10 years after the complaint is closed (NHS Records Management Code of Practice), and the right to erasure does not cover a record the law requires (UK GDPR article 17(3))."
    static let publishedConsultation =
        "The consultation's outcome is published, and the answers are part of the record of how the decision was made. The e-mail address is erased, and names, phone numbers and addresses written in the answers are removed."

    /// Feedback is erased, unless it became a complaint.
    public static func feedback(becameComplaint: Bool) -> Decision {
        becameComplaint ? .keep(complaintRecord) : .erase
    }

    /// A consultation response's answers are erased until the outcome is published; its e-mail address always.
    public static func consultationResponse(outcomePublished: Bool) -> Decision {
        outcomePublished ? .keepWords(publishedConsultation) : .erase
    }

    static let interestsRegister =
        "The register of interests is a public record: NHS England's guidance on managing conflicts of interest asks for it to be published, and it is kept for six years after the member leaves, so people can check the decisions of that time (UK GDPR article 17(3)(b))."
    static let ideaTakenForward =
        "It was taken forward into an initiative, and is part of the record of how that came about. The name they gave for the credit is removed."
    static let staffAccount =
        "It is a staff account: it is closed on the Users page, as staff records are."

    /// An involved person's account is switched off and its name and address erased; a staff account is kept.
    public static func account(isStaff: Bool) -> Decision {
        isStaff ? .keep(staffAccount) : .erase
    }

    /// Board memberships and the interests declared are kept: the register is a public record.
    public static let boardMembership = Decision.keep(interestsRegister)

    /// An idea is erased unless it was taken forward, when its words stay without the name.
    public static func idea(takenForward: Bool) -> Decision {
        takenForward ? .keepWords(ideaTakenForward) : .erase
    }

    /// Nil when the reason for erasing says something; it is kept in the audit log.
    public static func reasonProblem(_ reason: String) -> String? {
        RecordedReason.problem(reason, ask: "Say why the data is erased, for example when and how the person asked.")
    }
}
