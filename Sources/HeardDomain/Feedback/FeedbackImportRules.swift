/// Rules for rows imported from FFT and survey exports. Pure, so the CLI, the upload page and
/// the tests apply exactly the same checks.
public enum FeedbackImportRules {
    /// The fields a CSV column can be mapped to.
    public enum Field: String, CaseIterable, Sendable {
        case text, service, date, rating, consent
        case whatWasGood = "what_was_good"
        case couldBeBetter = "could_be_better"
        case legacyRecommend = "legacy_recommend"

        public var title: String {
            switch self {
            case .text: "What the person said (required)"
            case .service: "Service name or id"
            case .date: "Date received"
            case .rating: "FFT answer (very good … very poor)"
            case .consent: "Consent to publish (yes/no)"
            case .whatWasGood: "What was good"
            case .couldBeBetter: "What could be better"
            case .legacyRecommend: "Pre-2020 \"likely to recommend\" answer"
            }
        }
    }

    /// One refused row: where, which field, and why.
    public struct RowError: Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var field: String
        public var message: String

        public init(line: Int, field: String, message: String) {
            self.line = line
            self.field = field
            self.message = message
        }

        public var description: String { "line \(line), \(field): \(message)" }
    }

    /// The answers of the pre-2020 "How likely are you to recommend…" question. They must not be
    /// read as the current FFT scale.
    public static let legacyRecommendAnswers = [
        "extremely likely", "likely", "neither likely nor unlikely", "unlikely", "extremely unlikely",
    ]

    public static func isLegacyRecommendAnswer(_ text: String) -> Bool {
        legacyRecommendAnswers.contains(text.trimmingWhitespace().lowercased())
    }

    /// A calendar date from the formats exports use: 2024-03-31, 31/03/2024, 31-03-2024, 31/03/24,
    /// optionally followed by a time, which is ignored.
    public static func parseDate(_ raw: String) -> (year: Int, month: Int, day: Int)? {
        let text = raw.trimmingWhitespace().split(separator: " ").first.map(String.init) ?? ""
        let datePart = text.split(separator: "T").first.map(String.init) ?? ""
        let separators: Set<Character> = ["-", "/", "."]
        let parts = datePart.split(whereSeparator: { separators.contains($0) }).compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var (year, month, day): (Int, Int, Int)
        if parts[0] > 31 {
            (year, month, day) = (parts[0], parts[1], parts[2])
        } else {
            (day, month, year) = (parts[0], parts[1], parts[2])
            if year < 100 { year += 2000 }
        }
        guard (1990...2100).contains(year), (1...12).contains(month), (1...daysIn(month, year)).contains(day) else {
            return nil
        }
        return (year, month, day)
    }

    static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Checks one row's values (already picked out by the mapping). Returns the submission or the errors.
    public static func check(
        line: Int, text: String, rating: String?, consent: String?, date: String?, good: String?, better: String?
    ) -> Result<(submission: FeedbackSubmission.Valid, date: (year: Int, month: Int, day: Int)?), RowErrors> {
        var errors: [RowError] = []
        if text.trimmingWhitespace().isEmpty, (good ?? "").trimmingWhitespace().isEmpty,
            (better ?? "").trimmingWhitespace().isEmpty
        {
            return .failure(RowErrors([RowError(line: line, field: "text", message: "The text is empty.")]))
        }
        var fft: String = ""
        if let rating, !rating.trimmingWhitespace().isEmpty {
            if isLegacyRecommendAnswer(rating) {
                errors.append(
                    RowError(
                        line: line, field: "rating",
                        message:
                            "'\(rating)' is from the pre-2020 \"likely to recommend\" question. Map this column to legacy_recommend, not to the FFT answer."
                    ))
            } else if FFTRating(text: rating) == nil {
                errors.append(
                    RowError(
                        line: line, field: "rating",
                        message: "'\(rating)' is not an FFT answer (very good … very poor, don't know, or 1–6)."))
            } else {
                fft = rating
            }
        }
        var parsedDate: (year: Int, month: Int, day: Int)?
        if let date, !date.trimmingWhitespace().isEmpty {
            parsedDate = parseDate(date)
            if parsedDate == nil {
                errors.append(
                    RowError(
                        line: line, field: "date", message: "'\(date)' is not a date like 2024-03-31 or 31/03/2024."))
            }
        }
        let submission = FeedbackSubmission(
            serviceID: "mapped", story: text, whatWasGood: good ?? "", couldBeBetter: better ?? "", fftRating: fft,
            consentToPublish: consent ?? "")
        do {
            let valid = try submission.validated(consentRequired: false)
            guard errors.isEmpty else { return .failure(RowErrors(errors)) }
            return .success((valid, parsedDate))
        } catch {
            errors += error.errors.map {
                RowError(line: line, field: $0.field == "story" ? "text" : $0.field, message: $0.message)
            }
            return .failure(RowErrors(errors))
        }
    }

    public struct RowErrors: Error, Equatable, Sendable {
        public var errors: [RowError]
        public init(_ errors: [RowError]) { self.errors = errors }
    }
}
