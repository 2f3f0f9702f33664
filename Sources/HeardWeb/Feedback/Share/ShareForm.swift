import HeardDomain
import Vapor

/// The fields of the share-your-experience form as posted (snake_case names are the HTML names).
struct ShareForm: Content {
    var serviceID: String?
    var story: String?
    var whatWasGood: String?
    var couldBeBetter: String?
    var fftRating: String?
    var consentToPublish: String?
    var contactName: String?
    var contactEmail: String?
    var contactPhone: String?
    var wantsReply: String?
    var channel: String?
    /// Staff entry only: "yes" when the person is making a formal complaint (it skips moderation).
    var isComplaint: String?
    /// With a complaint: whether it is the person affected complaining or someone for them, how they know
    /// them and why they can complain for them (see `ComplainantStanding`).
    var complainantType: String?
    var representativeRelationship: String?
    var representativeBasis: String?
    /// Staff entry only: the day a letter or call arrived (a complaint's clock runs from it, regulation 13).
    var receivedOn: String?
    /// The honeypot: hidden from people, filled in by bots.
    var website: String?
    /// The key of this filling-in of the form (see `Request.newSubmissionKey`).
    var submissionKey: String?
    var equalityField: EqualityField?
    /// The answers about the person, by question.
    var equality: [String: String]? { equalityField?.answers }

    enum CodingKeys: String, CodingKey {
        case story, channel, website
        case equalityField = "equality"
        case serviceID = "service_id"
        case whatWasGood = "what_was_good"
        case couldBeBetter = "could_be_better"
        case fftRating = "fft_rating"
        case consentToPublish = "consent_to_publish"
        case contactName = "contact_name"
        case contactEmail = "contact_email"
        case contactPhone = "contact_phone"
        case wantsReply = "wants_reply"
        case submissionKey = "submission_key"
        case isComplaint = "is_complaint"
        case receivedOn = "received_on"
        case complainantType = "complainant_type"
        case representativeRelationship = "representative_relationship"
        case representativeBasis = "representative_basis"
    }

    /// Who is complaining, with what to fix (nothing to check unless it is a complaint).
    func standing(staffEntry: Bool) -> (standing: ComplainantStanding?, problems: [FieldError]) {
        guard isComplaint == "yes" else { return (.personAffected, []) }
        return ComplainantStanding.read(
            type: complainantType, relationship: representativeRelationship, basis: representativeBasis,
            you: !staffEntry)
    }

    var submission: FeedbackSubmission {
        FeedbackSubmission(
            serviceID: serviceID ?? "", story: story ?? "", whatWasGood: whatWasGood ?? "",
            couldBeBetter: couldBeBetter ?? "", fftRating: fftRating ?? "", consentToPublish: consentToPublish ?? "",
            contactName: contactName ?? "", contactEmail: contactEmail ?? "", contactPhone: contactPhone ?? "",
            wantsReply: wantsReply == "yes")
    }
}

/// The `equality[…]` answers as posted. Read leniently: a form changed on the way (`equality=yes` where the
/// form sends `equality[sex]=…`) is noted and refused with the rest of the form, not a decoding error that
/// would throw the person's words away.
struct EqualityField: Codable, Sendable {
    var answers: [String: String]
    var malformed: Bool

    init(from decoder: any Decoder) throws {
        if let answers = try? decoder.singleValueContainer().decode([String: String].self) {
            self.answers = answers
            malformed = false
        } else {
            answers = [:]
            malformed = true
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(answers)
    }
}
