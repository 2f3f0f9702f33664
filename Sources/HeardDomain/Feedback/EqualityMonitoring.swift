/// Optional equality monitoring questions. Every one may be left out or answered "prefer not to say";
/// answers are stored apart from what the person said and reported only in aggregate.
public enum EqualityQuestion: String, CaseIterable, Sendable {
    case ageBand = "age_band"
    case sex
    case genderReassignment = "gender_reassignment"
    case ethnicGroup = "ethnic_group"
    case religion
    case disability
    case sexualOrientation = "sexual_orientation"
    case marriage
    case pregnancy
    case carer

    public static let preferNotToSay = "prefer_not_to_say"

    public var question: String {
        switch self {
        case .ageBand: "What is your age?"
        case .sex: "What is your sex?"
        case .genderReassignment: "Is the gender you identify with the same as your sex registered at birth?"
        case .ethnicGroup: "What is your ethnic group?"
        case .religion: "What is your religion?"
        case .disability:
            "Do you have a physical or mental health condition or illness lasting or expected to last 12 months or more that reduces your ability to carry out day-to-day activities?"
        case .sexualOrientation: "Which of the following best describes your sexual orientation?"
        case .marriage: "Are you married or in a civil partnership?"
        case .pregnancy: "Are you pregnant, or have you given birth in the last 26 weeks?"
        case .carer:
            "Do you look after, or give any help or support to, anyone because of long-term physical or mental health conditions, illness or problems related to old age?"
        }
    }

    /// (value, label). Categories follow the Census 2021 groupings so they can be compared with the population.
    public var options: [(String, String)] {
        switch self {
        case .ageBand:
            [
                ("0-14", "Under 15"), ("15-24", "15 to 24"), ("25-34", "25 to 34"), ("35-44", "35 to 44"),
                ("45-54", "45 to 54"),
                ("55-64", "55 to 64"), ("65-74", "65 to 74"), ("75+", "75 or over"),
            ]
        case .sex: [("female", "Female"), ("male", "Male")]
        case .genderReassignment, .pregnancy, .carer: [("yes", "Yes"), ("no", "No")]
        case .ethnicGroup:
            [
                ("asian", "Asian or Asian British"), ("black", "Black, Black British, Caribbean or African"),
                ("mixed", "Mixed or multiple ethnic groups"), ("white", "White"), ("other", "Another ethnic group"),
            ]
        case .religion:
            [
                ("none", "No religion"), ("christian", "Christian"), ("buddhist", "Buddhist"), ("hindu", "Hindu"),
                ("jewish", "Jewish"), ("muslim", "Muslim"), ("sikh", "Sikh"), ("other", "Another religion"),
            ]
        case .disability: [("yes_a_lot", "Yes, a lot"), ("yes_a_little", "Yes, a little"), ("no", "No")]
        case .sexualOrientation:
            [
                ("straight", "Straight or heterosexual"), ("gay_lesbian", "Gay or lesbian"), ("bisexual", "Bisexual"),
                ("other", "Another sexual orientation"),
            ]
        case .marriage: [("yes", "Yes"), ("no", "No")]
        }
    }

    /// Keeps only known answers; anything else is dropped rather than stored.
    public func accepted(_ value: String) -> String? {
        let value = value.trimmingWhitespace()
        if value == Self.preferNotToSay { return value }
        return options.contains { $0.0 == value } ? value : nil
    }
}

/// Small numbers are hidden in reports so nobody can be identified (default: fewer than 5).
public enum SmallNumberSuppression {
    public static let defaultThreshold = 5

    public static func display(_ count: Int, threshold: Int = defaultThreshold) -> String {
        count > 0 && count < threshold ? "fewer than \(threshold)" : count.formatted
    }
}
