/// Whether an activity happened, as staff record it after the day.
public enum ActivityOutcome: String, CaseIterable, Sendable, Codable {
    case held
    case cancelled

    public var title: String {
        switch self {
        case .held: "It was held"
        case .cancelled: "It was cancelled, or did not happen"
        }
    }
}

/// What someone typed on the public "Tell us you're coming" form, and its rules: a name, an e-mail address or
/// phone number to tell them of changes, how many people (1 to 10), and what they need to take part.
public struct EventSignupInput: Equatable, Sendable {
    public var name: String
    public var email: String
    public var phone: String
    public var people: String
    public var accessNeeds: String

    public init(
        name: String = "", email: String = "", phone: String = "", people: String = "1", accessNeeds: String = ""
    ) {
        self.name = name
        self.email = email
        self.phone = phone
        self.people = people
        self.accessNeeds = accessNeeds
    }

    public struct Valid: Equatable, Sendable {
        public var name: String
        public var email: String?
        public var phone: String?
        public var people: Int
        public var accessNeeds: String
    }

    /// The most people one sign-up can bring: a family or a small group; more is a group booking to talk about.
    public static let maximumPeople = 10

    /// `placesLeft`: nil when the event has no limit. Asking for more places than are left is refused with how
    /// many there are, so the person can come with fewer or contact us.
    public func validated(placesLeft: Int?) throws(ValidationFailure) -> Valid {
        var errors: [FieldError] = []
        let name = name.trimmingWhitespace()
        if name.isEmpty {
            errors.append(FieldError("name", "Enter your name."))
        } else if let problem = TextLimit.problem(name, limit: TextLimit.personName, what: "your name") {
            errors.append(FieldError("name", problem))
        }
        let email = EmailAddress.normalised(email)
        let phone = phone.trimmingWhitespace()
        if email.isEmpty && phone.isEmpty {
            errors.append(
                FieldError(
                    "email", "Enter an e-mail address or a phone number, so we can tell you if anything changes."))
        }
        if !email.isEmpty && !EmailAddress.isPlausible(email) {
            errors.append(FieldError("email", "Enter an e-mail address in the correct format, like name@example.com."))
        }
        let digits = phone.filter(\.isNumber)
        if !phone.isEmpty
            && (digits.count < 10 || digits.count > 13
                || !phone.allSatisfy { $0.isNumber || " +()-".contains($0) })
        {
            errors.append(FieldError("phone", "Enter a UK phone number, like 01632 960 001 or 07700 900 982."))
        }
        let peopleText = people.trimmingWhitespace()
        let people = Int(peopleText)
        if let people, (1...Self.maximumPeople).contains(people) {
            if let placesLeft, people > placesLeft {
                errors.append(
                    FieldError(
                        "people",
                        placesLeft == 1
                            ? "There is only 1 place left. Sign up for 1 person, or contact us about coming with more."
                            : "There are only \(placesLeft) places left. Sign up for \(placesLeft) people or fewer, or contact us about coming with more."
                    ))
            }
        } else {
            errors.append(
                FieldError(
                    "people",
                    "Enter how many people are coming, including you, as a number from 1 to \(Self.maximumPeople)."))
        }
        let needs = accessNeeds.trimmingWhitespace()
        if needs.count > InvitationRules.accessNeedsLimit {
            errors.append(
                FieldError(
                    "access_needs",
                    "Keep what you need to take part to \(InvitationRules.accessNeedsLimit) characters or fewer."))
        }
        guard errors.isEmpty, let people else { throw ValidationFailure(errors) }
        return Valid(
            name: name, email: email.isEmpty ? nil : email, phone: phone.isEmpty ? nil : phone, people: people,
            accessNeeds: needs)
    }
}

/// Places at an event and whether people can still sign up to it.
public enum EventPlaces {
    /// Places left when the event has a limit: never below zero (staff may lower the limit below those signed up).
    public static func left(capacity: Int?, taken: Int) -> Int? {
        capacity.map { max(0, $0 - taken) }
    }

    /// Why sign-ups are closed, or nil when open: from the day after the event, or once it is cancelled.
    public static func closedReason(date: SimpleDate, today: SimpleDate, cancelled: Bool) -> String? {
        if cancelled { return "This event has been cancelled, so sign-ups have closed." }
        if date < today { return "This event was on \(date.ukText), so sign-ups have closed." }
        return nil
    }
}
