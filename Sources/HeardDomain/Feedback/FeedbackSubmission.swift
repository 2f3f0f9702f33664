/// What someone tells us, as typed, before it is checked. Used by the public form, staff entry,
/// the JSON API and the importer, so the rules are the same everywhere.
public struct FeedbackSubmission: Equatable, Sendable {
    public var serviceID: String
    public var story: String
    public var whatWasGood: String
    public var couldBeBetter: String
    public var fftRating: String
    public var consentToPublish: String
    public var contactName: String
    public var contactEmail: String
    public var contactPhone: String
    public var wantsReply: Bool

    public static let maximumTextLength = 10_000

    public init(
        serviceID: String = "", story: String = "", whatWasGood: String = "", couldBeBetter: String = "",
        fftRating: String = "", consentToPublish: String = "", contactName: String = "", contactEmail: String = "",
        contactPhone: String = "", wantsReply: Bool = false
    ) {
        self.serviceID = serviceID
        self.story = story
        self.whatWasGood = whatWasGood
        self.couldBeBetter = couldBeBetter
        self.fftRating = fftRating
        self.consentToPublish = consentToPublish
        self.contactName = contactName
        self.contactEmail = contactEmail
        self.contactPhone = contactPhone
        self.wantsReply = wantsReply
    }

    /// Whether any of the three answers has words, not only blanks.
    public var hasWords: Bool {
        ![story, whatWasGood, couldBeBetter].allSatisfy { $0.trimmingWhitespace().isEmpty }
    }

    /// Whether an FFT answer was given (before it is checked).
    public var hasRating: Bool { !fftRating.trimmingWhitespace().isEmpty }

    /// Whether there are words and every answer with words is a non-answer ("N/A", "No comment"), as
    /// `isNonAnswer` (the text engine's test) reads it: such feedback says no more than a blank one.
    public func hasOnlyNonAnswers(_ isNonAnswer: (String) -> Bool) -> Bool {
        let answers = [story, whatWasGood, couldBeBetter].map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        return !answers.isEmpty && answers.allSatisfy(isNonAnswer)
    }

    /// The first answer with words, quoted as a refusal names it ("N/A"), up to 40 characters.
    public var firstAnswerQuoted: String {
        let answer = [story, whatWasGood, couldBeBetter].map { $0.trimmingWhitespace() }.first { !$0.isEmpty } ?? ""
        return "\"" + (answer.count > 40 ? String(answer.prefix(39)) + "…" : answer) + "\""
    }

    public struct Valid: Equatable, Sendable {
        public var story: String
        public var whatWasGood: String
        public var couldBeBetter: String
        public var fftRating: FFTRating?
        public var consentToPublish: Bool
        public var contactName: String?
        public var contactEmail: String?
        public var contactPhone: String?
        public var wantsReply: Bool

        public init(
            story: String, whatWasGood: String, couldBeBetter: String, fftRating: FFTRating?, consentToPublish: Bool,
            contactName: String?, contactEmail: String?, contactPhone: String?, wantsReply: Bool
        ) {
            self.story = story
            self.whatWasGood = whatWasGood
            self.couldBeBetter = couldBeBetter
            self.fftRating = fftRating
            self.consentToPublish = consentToPublish
            self.contactName = contactName
            self.contactEmail = contactEmail
            self.contactPhone = contactPhone
            self.wantsReply = wantsReply
        }

        /// An FFT response with a rating and no words.
        public var isRatingOnly: Bool { story.isEmpty && whatWasGood.isEmpty && couldBeBetter.isEmpty }

        /// Whether it says nothing: no words, or only non-answers ("N/A") as `isNonAnswer` reads them. With an FFT
        /// answer it is kept to be counted, like a rating alone, with nothing to moderate, analyse or publish.
        public func saysNothing(_ isNonAnswer: (String) -> Bool) -> Bool {
            [story, whatWasGood, couldBeBetter].allSatisfy { $0.isEmpty || isNonAnswer($0) }
        }

        /// All the free text, as the text engine reads it.
        public var fullText: String {
            [story, whatWasGood, couldBeBetter].filter { !$0.isEmpty }.joined(separator: "\n\n")
        }
    }

    /// Checks every field; the caller checks that the service exists.
    /// - Parameters:
    ///   - consentRequired: the public form asks for a yes or no; staff entry and imports may leave it out (no).
    ///   - wordsRequired: false for an imported FFT response that gave a rating and no comment, which is still a
    ///     response to count.
    public func validated(consentRequired: Bool = true, wordsRequired: Bool = true) throws(ValidationFailure) -> Valid {
        var errors: [FieldError] = []
        let story = story.trimmingWhitespace()
        let good = whatWasGood.trimmingWhitespace()
        let better = couldBeBetter.trimmingWhitespace()
        if serviceID.trimmingWhitespace().isEmpty {
            errors.append(FieldError("service_id", "Choose the service your feedback is about."))
        }
        if wordsRequired, story.isEmpty && good.isEmpty && better.isEmpty {
            errors.append(FieldError("story", "Tell us about your experience."))
        }
        // Each named, with its length now: two over-long answers would otherwise read as one message twice.
        for (name, what, text) in [
            ("story", "your experience", story), ("what_was_good", "what was good", good),
            ("could_be_better", "what could be better", better),
        ] {
            if let problem = TextLimit.problem(text, limit: Self.maximumTextLength, what: what) {
                errors.append(FieldError(name, problem))
            }
        }
        var rating: FFTRating?
        if !fftRating.trimmingWhitespace().isEmpty {
            rating = FFTRating(text: fftRating)
            if rating == nil {
                errors.append(
                    FieldError("fft_rating", "Choose one of the answers, from very good to very poor, or don't know."))
            }
        }
        var consent = false
        switch consentToPublish.trimmingWhitespace().lowercased() {
        case "yes", "true", "1", "on": consent = true
        case "no", "false", "0": consent = false
        case "" where !consentRequired: consent = false
        default: errors.append(FieldError("consent_to_publish", "Choose whether we may publish your feedback."))
        }
        let email = EmailAddress.normalised(contactEmail)
        if !email.isEmpty, !EmailAddress.isPlausible(email) {
            errors.append(
                FieldError("contact_email", "Enter an e-mail address in the correct format, like name@example.com."))
        }
        let phone = contactPhone.trimmingWhitespace()
        let phoneDigits = phone.filter(\.isNumber)
        if !phone.isEmpty, phoneDigits.count < 10 || phoneDigits.count > 13 {
            errors.append(FieldError("contact_phone", "Enter a UK phone number, like 01632 960 001 or 07700 900 982."))
        }
        if contactName.trimmingWhitespace().count > 200 {
            errors.append(FieldError("contact_name", "Enter a name of 200 characters or fewer."))
        }
        if email.count > 254 {
            errors.append(FieldError("contact_email", "Enter an e-mail address of 254 characters or fewer."))
        }
        if wantsReply, email.isEmpty, phone.isEmpty {
            errors.append(FieldError("contact_email", "Enter an e-mail address or phone number so we can reply."))
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let name = contactName.trimmingWhitespace()
        return Valid(
            story: story, whatWasGood: good, couldBeBetter: better, fftRating: rating, consentToPublish: consent,
            contactName: name.isEmpty ? nil : name, contactEmail: email.isEmpty ? nil : email,
            contactPhone: phone.isEmpty ? nil : phone, wantsReply: wantsReply)
    }
}

extension Int {
    /// "10,000": thousands separated the UK way, without Foundation.
    public var formatted: String {
        let digits = String(magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return (self < 0 ? "-" : "") + result
    }
}
